// The tally of a closed poll: the rows of the box (and the paper totals, when the assembly chose
// them) handed to the counting rules of app/votes, and what is published. The result is stored
// with the poll at publication (publishPoll) and is all the result pages read: counts, whether the
// quorum and the majority were reached, the elected organisations per college, turnout, and the
// draw's seed so that anyone can redo the count and the draw from the published box.
// Never broken down by kind of organisation: a small unanimous group would reveal its votes.
import { CHOICE_SETS, type ChoiceSet, type MajorityBase, type MajorityRule } from "#app/utils/votes-domain";
import { drawOrder } from "#app/votes/lots.server";
import type { QuorumRule } from "#app/votes/quorum";
import {
  addResolutionCounts,
  countResolutionBallots,
  decideResolution,
  type ElectionResult,
  type ElectionTotals,
  type ResolutionChoice,
  type ResolutionCounts,
  type ResolutionResult,
  tallyElection,
  type TieBreak,
  type Turnout,
  turnout,
} from "#app/votes/tally";

import type { TallyInput } from "./polls.server";

/** The quorum's numbers at closing (presenceFacts, kept with the poll by closePoll). */
export type QuorumAtClose = { rollSize: number; present: number; represented: number; presentOrRepresented: number; required: number | null; reached: boolean };

type Common = { quorum: QuorumAtClose; turnout: Turnout };
export type PollResult =
  | (Common & { kind: "resolution"; resolution: ResolutionResult })
  | (Common & { kind: "election"; election: ElectionResult; lots: { seed: string; order: string[] } | null });

type FrozenRules = { quorum?: QuorumRule; tieRule?: string; colleges?: { name: string; minSeats: number; maxSeats: number | null }[] } | null;

function quorumAtClose(input: TallyInput): QuorumAtClose {
  const facts = input.attendanceAtClose as { quorum?: QuorumAtClose } | null;
  if (!facts?.quorum) throw new Error(`Poll ${input.poll.id}: closed without its quorum facts`);
  return facts.quorum;
}

/** The paper totals, when two people entered the same ones (publishPoll refuses them otherwise). */
function agreedTotals(input: TallyInput) {
  return input.paperTotals.state === "agree" ? input.paperTotals : null;
}

function tallyResolution(input: TallyInput, quorum: QuorumAtClose): ResolutionResult {
  const choiceSet = input.poll.choiceSet as ChoiceSet;
  if (!(choiceSet in CHOICE_SETS)) throw new Error(`Poll ${input.poll.id}: unknown choice set ${choiceSet}`);
  // A resolution ballot holds one choice, or none (blank).
  const online = countResolutionBallots(
    input.ballots.map((b): ResolutionChoice => (b.choices.length === 0 ? "blank" : (b.choices[0] as ResolutionChoice))),
    choiceSet,
  );
  const paper = agreedTotals(input);
  const paperCounts: ResolutionCounts = paper
    ? { for: paper.totals.for ?? 0, against: paper.totals.against ?? 0, abstain: paper.totals.abstain ?? 0, blank: paper.totals.blank ?? 0 }
    : { for: 0, against: 0, abstain: 0, blank: 0 };
  return decideResolution({
    counts: addResolutionCounts(online, paperCounts),
    rule: input.poll.majorityRule as MajorityRule,
    base: input.poll.base as MajorityBase,
    presentAndRepresented: quorum.presentOrRepresented,
  });
}

function tallyPollElection(input: TallyInput) {
  const rules = input.poll.rules as FrozenRules;
  const candidates = input.candidates.map((c) => ({ id: c.organisationId, collegeId: c.college }));
  const colleges = (rules?.colleges ?? []).map((c) => ({ id: c.name, minSeats: c.minSeats, maxSeats: c.maxSeats }));
  const lots =
    rules?.tieRule === "second-round" || !input.lotsSeed
      ? null
      : {
          seed: input.lotsSeed,
          order: drawOrder(
            input.lotsSeed,
            candidates.map((c) => c.id),
          ),
        };
  const tieBreak: TieBreak = lots ? { rule: "lots", order: lots.order } : { rule: "second-round" };
  const paper = agreedTotals(input);
  const totals: ElectionTotals | undefined = paper
    ? { ballots: paper.ballots, blank: paper.totals.blank ?? 0, votes: Object.fromEntries(Object.entries(paper.totals).filter(([id]) => id !== "blank")) }
    : undefined;
  const election = tallyElection(
    { seats: input.poll.seats ?? 0, candidates, colleges, tieBreak },
    input.ballots.map((b) => b.choices),
    totals,
  );
  return { election, lots };
}

/** The published result of a closed poll. */
export function tallyPoll(input: TallyInput): PollResult {
  const quorum = quorumAtClose(input);
  if (input.poll.kind === "resolution") {
    const resolution = tallyResolution(input, quorum);
    return { kind: "resolution", resolution, quorum, turnout: turnout(resolution.cast, quorum.rollSize, quorum.presentOrRepresented) };
  }
  const { election, lots } = tallyPollElection(input);
  return { kind: "election", election, lots, quorum, turnout: turnout(election.ballots, quorum.rollSize, quorum.presentOrRepresented) };
}

/** The elected organisations of a published election result, with their college. */
export function electedOf(result: unknown): { organisationId: string; college: string | null }[] {
  const r = result as PollResult | null;
  if (r?.kind !== "election") return [];
  return r.election.elected.map((id) => ({ organisationId: id, college: r.election.candidates.find((c) => c.id === id)?.collegeId ?? null }));
}
