// Closed lists of assemblies and votes (docs/decisions/003, 013), shared by forms and models.
export const ASSEMBLY_KINDS = ["ordinary", "extraordinary"] as const;
export const CONVOCATIONS = ["first", "second"] as const;
export const ASSEMBLY_STATUSES = ["draft", "convened", "held", "closed", "cancelled"] as const;
export const ATTENDANCE_STATUSES = ["present", "absent"] as const;
/** How an organisation attends: in the room, online, or in the room voting on paper. */
export const ATTENDANCE_CHANNELS = ["room", "online", "paper"] as const;
export const PROXY_CHANNELS = ["online", "paper"] as const;
export const POLL_KINDS = ["resolution", "election"] as const;
export const POLL_STATUSES = ["draft", "ready", "open", "closing", "closed", "published", "cancelled"] as const;
export const MAJORITY_RULES = ["simple", "absolute", "two-thirds"] as const;
/** What a majority is counted against: for + against, every ballot cast, or the organisations present and represented. */
export const MAJORITY_BASES = ["cast-for-against", "cast-all", "present-represented"] as const;
export const CHOICE_SETS = { "for-against-abstain": ["for", "against", "abstain"], "for-against": ["for", "against"] } as const;
export const QUORUM_COMPARISONS = ["atLeast", "moreThan"] as const;
export const TIE_RULES = ["second-round", "lots"] as const;
export const BALLOT_CHANNELS = ["online", "room", "paper"] as const;
export const GROUP_KINDS = ["working", "committee", "assembly"] as const;

export type AssemblyKind = (typeof ASSEMBLY_KINDS)[number];
export type Convocation = (typeof CONVOCATIONS)[number];
export type AssemblyStatus = (typeof ASSEMBLY_STATUSES)[number];
export type AttendanceChannel = (typeof ATTENDANCE_CHANNELS)[number];
export type ProxyChannel = (typeof PROXY_CHANNELS)[number];
export type PollKind = (typeof POLL_KINDS)[number];
export type PollStatus = (typeof POLL_STATUSES)[number];
export type MajorityRule = (typeof MAJORITY_RULES)[number];
export type MajorityBase = (typeof MAJORITY_BASES)[number];
export type ChoiceSet = keyof typeof CHOICE_SETS;
export type QuorumComparison = (typeof QUORUM_COMPARISONS)[number];
export type TieRule = (typeof TIE_RULES)[number];
export type BallotChannel = (typeof BALLOT_CHANNELS)[number];
