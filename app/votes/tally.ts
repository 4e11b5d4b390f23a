// The count of a poll: resolutions (majority rules and bases), the election of the comité
// d'accompagnement (approval ballots, seats within the colleges' minimums and maximums, ties) and
// turnout. Pure functions: no database, no clock and no crypto, so the room screen and the
// published result page can use them as the tally does. The draw by lots needs SHA-256: it is
// computed by app/votes/lots.server.ts and handed in here as an order (see `TieBreak`).
import type { ChoiceSet, MajorityBase, MajorityRule } from "#app/utils/votes-domain";

export class TallyError extends Error {
  constructor(
    /** A stable code the model can map to a dictionary key. */
    readonly code: "invalidRule" | "invalidBallot" | "invalidConfig",
    message: string,
  ) {
    super(message);
    this.name = "TallyError";
  }
}

// ───────────────────────────── Resolutions ─────────────────────────────

/** `for-against-abstain` offers three choices; `for-against` only two. A blank ballot is always possible. */
export type ResolutionChoices = ChoiceSet;
export type ResolutionChoice = "for" | "against" | "abstain" | "blank";

/**
 * - `simple`: adopted when the votes for outnumber the votes against (for > against). The base
 *   does not change the outcome (it is reported for the percentages); a tie is not adopted.
 * - `absolute`: adopted when the votes for are more than half of the base (2·for > base): with a
 *   base of 10, 6 are needed; with 11, 6.
 * - `two-thirds`: adopted when the votes for are at least two thirds of the base (3·for ≥ 2·base):
 *   with a base of 9, 6 are needed; with 10, 7. With an empty base nothing is adopted (at least
 *   one vote for is needed).
 */
export type { MajorityRule };

/**
 * - `cast-for-against`: the votes for plus the votes against (abstentions and blanks are left out);
 * - `cast-all`: all ballots cast, abstentions and blank ballots included;
 * - `present-represented`: the organisations present or represented (the quorum's figure,
 *   taken by the caller at the moment the statutes say, usually when the poll closes), so an
 *   organisation that does not vote counts as not approving.
 */
export type { MajorityBase };

export interface ResolutionCounts {
  for: number;
  against: number;
  abstain: number;
  blank: number;
}

export interface ResolutionResult {
  counts: ResolutionCounts;
  /** Ballots cast: for + against + abstain + blank. */
  cast: number;
  rule: MajorityRule;
  base: MajorityBase;
  baseValue: number;
  /** The smallest number of votes for that adopts the resolution with these counts and base. */
  threshold: number;
  adopted: boolean;
}

/** Counts resolution ballots (online ones, or paper ones entered one by one). Refuses a choice the poll does not offer. */
export function countResolutionBallots(ballots: readonly ResolutionChoice[], choices: ResolutionChoices): ResolutionCounts {
  const counts: ResolutionCounts = { for: 0, against: 0, abstain: 0, blank: 0 };
  for (const [i, choice] of ballots.entries()) {
    if (!isResolutionChoice(choice, choices)) throw new TallyError("invalidBallot", `Ballot ${i + 1}: "${String(choice)}" is not a choice of this poll.`);
    counts[choice]++;
  }
  return counts;
}

export function isResolutionChoice(choice: unknown, choices: ResolutionChoices): choice is ResolutionChoice {
  return choice === "for" || choice === "against" || choice === "blank" || (choice === "abstain" && choices === "for-against-abstain");
}

/** Adds counts from several channels (online ballots, paper totals entered twice and matched). */
export function addResolutionCounts(...parts: readonly ResolutionCounts[]): ResolutionCounts {
  return parts.reduce((sum, c) => ({ for: sum.for + c.for, against: sum.against + c.against, abstain: sum.abstain + c.abstain, blank: sum.blank + c.blank }), {
    for: 0,
    against: 0,
    abstain: 0,
    blank: 0,
  });
}

export function decideResolution(input: {
  counts: ResolutionCounts;
  rule: MajorityRule;
  base: MajorityBase;
  /** Required when the base is `present-represented`: `QuorumResult.presentOrRepresented`. */
  presentAndRepresented?: number;
}): ResolutionResult {
  const { counts, rule, base } = input;
  for (const key of ["for", "against", "abstain", "blank"] as const) {
    if (!Number.isInteger(counts[key]) || counts[key] < 0) throw new TallyError("invalidBallot", `The count "${key}" must be a whole number ≥ 0.`);
  }
  const cast = counts.for + counts.against + counts.abstain + counts.blank;
  let baseValue: number;
  if (base === "cast-for-against") baseValue = counts.for + counts.against;
  else if (base === "cast-all") baseValue = cast;
  else if (base === "present-represented") {
    const value = input.presentAndRepresented;
    if (value === undefined || !Number.isInteger(value) || value < 0) {
      throw new TallyError("invalidRule", "The base “present and represented” needs the number of organisations present or represented.");
    }
    baseValue = value;
  } else throw new TallyError("invalidRule", `Unknown base "${String(base)}".`);

  let threshold: number;
  if (rule === "simple") threshold = counts.against + 1;
  else if (rule === "absolute") threshold = Math.floor(baseValue / 2) + 1;
  else if (rule === "two-thirds") threshold = Math.max(1, Math.ceil((2 * baseValue) / 3));
  else throw new TallyError("invalidRule", `Unknown majority rule "${String(rule)}".`);

  return { counts: { ...counts }, cast, rule, base, baseValue, threshold, adopted: counts.for >= threshold };
}

// ───────────────────────────── Election of the comité ─────────────────────────────

export interface ElectionCandidate {
  id: string;
  /** The candidate's college; `null` when the statutes have no colleges (or the candidate belongs to none). */
  collegeId: string | null;
}

export interface ElectionCollege {
  id: string;
  minSeats: number;
  /** `null` for no maximum. */
  maxSeats: number | null;
}

/**
 * How ties are broken, when a tie decides who gets a seat.
 * - `second-round`: the tie is reported (which candidates, for how many seats) and those seats are
 *   left unfilled; a second poll among the tied candidates decides (an approval poll with as
 *   many choices as the tie's seats, without colleges: it only ranks). Its outcome comes back as
 *   `ordered`: tally the first poll again with `order = secondRoundOrder(secondPollResult)`. The
 *   first poll's votes still rank first and its colleges still apply; the second poll's votes
 *   only order candidates that the first left equal.
 * - `lots`: `order = drawOrder(seed, allCandidateIds)` from lots.server.ts; it must list every
 *   candidate once, so no tie is left.
 * - `ordered`: ties are broken by `order`, best first; an entry may be a group of ids that stay
 *   equal (a second poll that tied again). Candidates that are not in the order, or in the same
 *   group, stay tied among themselves, and such a tie is reported as under `second-round`.
 */
export type TieBreak = { rule: "second-round" } | { rule: "lots"; order: readonly string[] } | { rule: "ordered"; order: TieOrder };

/** Candidates best first; an entry that is a list holds candidates that stay equal. */
export type TieOrder = readonly (string | readonly string[])[];

export interface ElectionConfig {
  seats: number;
  candidates: readonly ElectionCandidate[];
  /** Empty when the statutes have no colleges. */
  colleges: readonly ElectionCollege[];
  tieBreak: TieBreak;
}

/** An approval ballot: the ids of the candidates approved, at most `seats`, each once; empty for a blank ballot. */
export type ApprovalBallot = readonly string[];

export type BallotProblem = "tooManyChoices" | "unknownCandidate" | "duplicateChoice";

/**
 * Checks one approval ballot before it is stored (online or paper) — the model refuses it with a
 * clear message; the tally refuses a box that holds one (it never drops a ballot silently).
 */
export function checkApprovalBallot(
  ballot: ApprovalBallot,
  config: Pick<ElectionConfig, "seats" | "candidates">,
): { ok: true } | { ok: false; problem: BallotProblem } {
  const known = new Set(config.candidates.map((c) => c.id));
  const seen = new Set<string>();
  for (const id of ballot) {
    if (!known.has(id)) return { ok: false, problem: "unknownCandidate" };
    if (seen.has(id)) return { ok: false, problem: "duplicateChoice" };
    seen.add(id);
  }
  if (ballot.length > config.seats) return { ok: false, problem: "tooManyChoices" };
  return { ok: true };
}

export interface CandidateResult {
  id: string;
  collegeId: string | null;
  votes: number;
  /** 1 for the most votes; candidates with equal votes (and not told apart by the tie-break order) share a rank. */
  rank: number;
  status: "elected" | "tied" | "notElected";
}

export interface TieResult {
  votes: number;
  /** The tied candidates, in id order: each may or may not get one of `seats`, depending on how the tie is broken. */
  candidateIds: string[];
  /** The seats these candidates contend for, left unfilled until the tie is broken. */
  seats: number;
}

export interface CollegeResult {
  id: string;
  minSeats: number;
  maxSeats: number | null;
  elected: number;
  /**
   * Seats of the minimum that no candidate could fill: the college had fewer candidates with
   * at least one vote than its minimum. Those seats were not kept empty; they went to the
   * general ranking (and are reported here so that the assembly sees it).
   */
  unfilledMinimum: number;
}

export interface ElectionResult {
  seats: number;
  ballots: number;
  blank: number;
  candidates: CandidateResult[];
  /** Elected candidate ids, in ranking order. */
  elected: string[];
  /** Ties that decide seats (only when the tie-break did not settle them). */
  ties: TieResult[];
  /** Seats that no candidate can fill (not enough candidates with votes within the colleges' maximums). */
  vacantSeats: number;
  colleges: CollegeResult[];
  /** Whether the order of the draw by lots (or of a second round) decided a seat. */
  decidedByOrder: boolean;
}

/**
 * The seat allocation, and why it is correct.
 *
 * 1. Eligible candidates: those with at least one vote. A candidate nobody approved is never
 *    elected, not even to fill a college's minimum: a seat is given by the assembly, and a
 *    zero-vote candidate was given nothing. A college's effective minimum is therefore
 *    need(c) = min(minSeats(c), eligible candidates of c); the difference is `unfilledMinimum`.
 * 2. Ranking: by votes, most first; then by the tie-break order (position in `order`).
 * 3. Greedy fill, in ranking order. With e(c) the seats already given to college c, R the seats
 *    left and D = Σ_c max(0, need(c) − e(c)) the seats still owed to minimums, a candidate of
 *    college c is taken when
 *      - e(c) < maxSeats(c) (its college is not full), and
 *      - either e(c) < need(c) (its college still needs it: always possible since D ≤ R),
 *        or D < R (a seat is left once every minimum is served);
 *    otherwise it is skipped. A candidate without a college counts as a college with no
 *    minimum and no maximum.
 *
 * Correctness. The invariant D ≤ R holds at the start (Σ need ≤ Σ minSeats ≤ seats, checked) and
 * is kept by both cases of taking. Every minimum is met: if college c ended with e(c) < need(c),
 * one of its eligible candidates was not taken; it was not skipped as "full" (e(c) < need(c) ≤
 * max) nor as "not needed", so seats ran out, R = 0, and then D ≤ 0 contradicts e(c) < need(c).
 * No maximum is exceeded, by the first condition. No seat is left that could be filled: once a
 * candidate is skipped for "D = R", every later seat goes to a minimum and R reaches 0 with D;
 * so when seats remain, every eligible candidate left out belongs to a full college.
 * The sets this rule can reach (maximums respected and Σ_c max(need(c), e(c)) ≤ seats) are the
 * independent sets of a matroid (a gammoid: each candidate flows through its college, capacity
 * max, to that college's need(c) reserved seats or to the free ones), and the test above is
 * exactly "still independent after adding this candidate". Greedy on a matroid in ranking order
 * gives the best result by votes: no outcome within the rules swaps an elected candidate for one
 * with more votes.
 *
 * Ties. Candidates with equal votes not told apart by the order form a class. Within a class any
 * order is as legitimate as another, so the outcome is what holds for every order: for each
 * candidate x of a class, the greedy is run once with x first in its class and once with x last.
 * In a matroid, x is in some best outcome iff it is taken when first, and in every best outcome
 * iff it is taken when last. Taken even when last → elected; not taken even when first → not
 * elected; otherwise tied. The seats of a tie are those the class takes (the same for every order)
 * minus its sure winners; they stay unfilled. The choices of different classes do not constrain
 * each other (contraction of a matroid by the candidates ranked above depends only on their span).
 */
/**
 * Paper ballots counted in the room and entered as totals (twice, by two people, who must agree):
 * how many ballots, how many of them blank, and the approvals of each candidate.
 */
export interface ElectionTotals {
  ballots: number;
  blank: number;
  votes: Readonly<Record<string, number>>;
}

export function tallyElection(config: ElectionConfig, ballots: readonly ApprovalBallot[], paper?: ElectionTotals): ElectionResult {
  const { seats, candidates, colleges, tieBreak } = config;
  if (!Number.isInteger(seats) || seats < 1) throw new TallyError("invalidConfig", `The number of seats must be a whole number ≥ 1 (got ${seats}).`);
  const collegeById = new Map<string, ElectionCollege>();
  for (const college of colleges) {
    if (collegeById.has(college.id)) throw new TallyError("invalidConfig", `The college "${college.id}" is listed twice.`);
    if (!Number.isInteger(college.minSeats) || college.minSeats < 0)
      throw new TallyError("invalidConfig", `College "${college.id}": the minimum must be a whole number ≥ 0.`);
    if (college.maxSeats !== null && (!Number.isInteger(college.maxSeats) || college.maxSeats < college.minSeats)) {
      throw new TallyError("invalidConfig", `College "${college.id}": the maximum must be a whole number ≥ the minimum.`);
    }
    collegeById.set(college.id, college);
  }
  const sumOfMinimums = colleges.reduce((sum, c) => sum + c.minSeats, 0);
  if (sumOfMinimums > seats) throw new TallyError("invalidConfig", `The colleges' minimums (${sumOfMinimums}) exceed the seats (${seats}).`);
  const candidateIds = new Set<string>();
  for (const candidate of candidates) {
    if (candidateIds.has(candidate.id)) throw new TallyError("invalidConfig", `The candidate "${candidate.id}" is listed twice.`);
    if (candidate.collegeId !== null && !collegeById.has(candidate.collegeId)) {
      throw new TallyError("invalidConfig", `The candidate "${candidate.id}" belongs to an unknown college "${candidate.collegeId}".`);
    }
    candidateIds.add(candidate.id);
  }
  const order: TieOrder = tieBreak.rule === "second-round" ? [] : tieBreak.order;
  if (tieBreak.rule === "lots") {
    const listed = new Set(tieBreak.order);
    const missing = candidates.find((c) => !listed.has(c.id));
    if (missing) throw new TallyError("invalidConfig", `The draw by lots must order every candidate; "${missing.id}" is missing.`);
    if (listed.size !== tieBreak.order.length) throw new TallyError("invalidConfig", "The draw by lots lists a candidate twice.");
  }

  // Count.
  const votes = new Map(candidates.map((c) => [c.id, 0]));
  let blank = 0;
  for (const [i, ballot] of ballots.entries()) {
    const check = checkApprovalBallot(ballot, config);
    if (!check.ok) throw new TallyError("invalidBallot", `Ballot ${i + 1} is not valid (${check.problem}).`);
    if (ballot.length === 0) blank++;
    for (const id of ballot) votes.set(id, votes.get(id)! + 1);
  }
  if (paper) {
    const whole = (n: number) => Number.isInteger(n) && n >= 0;
    if (!whole(paper.ballots) || !whole(paper.blank) || paper.blank > paper.ballots) {
      throw new TallyError("invalidBallot", "The paper totals must be whole numbers, the blank ballots among the ballots.");
    }
    for (const [id, n] of Object.entries(paper.votes)) {
      if (!votes.has(id)) throw new TallyError("invalidBallot", `The paper totals name "${id}", who is not a candidate.`);
      // Each non-blank ballot approves at most `seats` candidates, and a candidate at most once per ballot.
      if (!whole(n) || n > paper.ballots - paper.blank) throw new TallyError("invalidBallot", `The paper total of "${id}" is not possible.`);
      votes.set(id, votes.get(id)! + n);
    }
    const approvals = Object.values(paper.votes).reduce((sum, n) => sum + n, 0);
    if (approvals > (paper.ballots - paper.blank) * seats)
      throw new TallyError("invalidBallot", "The paper totals hold more approvals than the ballots allow.");
    blank += paper.blank;
  }

  // Rank: votes, then the tie-break order; candidates not in the order share its last place.
  const position = new Map<string, number>();
  order.forEach((entry, i) => {
    for (const id of typeof entry === "string" ? [entry] : entry) if (!position.has(id)) position.set(id, i);
  });
  const keyOf = (id: string) => ({ votes: votes.get(id)!, position: position.get(id) ?? Number.POSITIVE_INFINITY });
  const compare = (a: ElectionCandidate, b: ElectionCandidate) => {
    const ka = keyOf(a.id);
    const kb = keyOf(b.id);
    return kb.votes - ka.votes || (ka.position === kb.position ? 0 : ka.position < kb.position ? -1 : 1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
  const ranked = [...candidates].sort(compare);
  const sameClass = (a: ElectionCandidate, b: ElectionCandidate) => {
    const ka = keyOf(a.id);
    const kb = keyOf(b.id);
    return ka.votes === kb.votes && ka.position === kb.position;
  };
  // Classes of candidates that nothing tells apart, in ranking order.
  const classes: ElectionCandidate[][] = [];
  for (const candidate of ranked) {
    const last = classes.at(-1);
    if (last && sameClass(last[0], candidate)) last.push(candidate);
    else classes.push([candidate]);
  }

  const eligible = (c: ElectionCandidate) => votes.get(c.id)! > 0;
  const need = new Map<string, number>();
  for (const college of colleges) {
    const available = candidates.filter((c) => c.collegeId === college.id && eligible(c)).length;
    need.set(college.id, Math.min(college.minSeats, available));
  }

  const greedy = (sequence: readonly ElectionCandidate[]): Set<string> => {
    const taken = new Set<string>();
    const inCollege = new Map<string, number>();
    let owed = [...need.values()].reduce((a, b) => a + b, 0);
    for (const candidate of sequence) {
      const left = seats - taken.size;
      if (left === 0) break;
      if (!eligible(candidate)) continue;
      const collegeId = candidate.collegeId;
      if (collegeId === null) {
        if (owed < left) taken.add(candidate.id);
        continue;
      }
      const college = collegeById.get(collegeId)!;
      const count = inCollege.get(collegeId) ?? 0;
      if (college.maxSeats !== null && count >= college.maxSeats) continue;
      const stillNeeded = count < need.get(collegeId)!;
      if (stillNeeded || owed < left) {
        taken.add(candidate.id);
        inCollege.set(collegeId, count + 1);
        if (stillNeeded) owed--;
      }
    }
    return taken;
  };

  const canonical = greedy(ranked);
  const status = new Map<string, CandidateResult["status"]>();
  const ties: TieResult[] = [];
  classes.forEach((cls, index) => {
    if (cls.length === 1) {
      status.set(cls[0].id, canonical.has(cls[0].id) ? "elected" : "notElected");
      return;
    }
    const before = classes.slice(0, index).flat();
    const after = classes.slice(index + 1).flat();
    const tied: string[] = [];
    let sure = 0;
    for (const x of cls) {
      const others = cls.filter((c) => c !== x);
      const whenLast = greedy([...before, ...others, x, ...after]).has(x.id);
      const whenFirst = whenLast || greedy([...before, x, ...others, ...after]).has(x.id);
      if (whenLast) {
        status.set(x.id, "elected");
        sure++;
      } else if (whenFirst) {
        status.set(x.id, "tied");
        tied.push(x.id);
      } else status.set(x.id, "notElected");
    }
    if (tied.length > 0) {
      const takenByClass = cls.filter((c) => canonical.has(c.id)).length;
      ties.push({ votes: votes.get(cls[0].id)!, candidateIds: tied.sort(), seats: takenByClass - sure });
    }
  });

  // Did the order (lots, or a second round) decide a seat? Yes when, without it, a tie would be left.
  const decidedByOrder = order.length > 0 && tallyElection({ ...config, tieBreak: { rule: "second-round" } }, ballots, paper).ties.length > 0;

  const rankOf = new Map<string, number>();
  classes.forEach((cls) => {
    const rank = ranked.indexOf(cls[0]) + 1;
    for (const c of cls) rankOf.set(c.id, rank);
  });
  const elected = ranked.filter((c) => status.get(c.id) === "elected").map((c) => c.id);
  return {
    seats,
    ballots: ballots.length + (paper?.ballots ?? 0),
    blank,
    candidates: ranked.map((c) => ({ id: c.id, collegeId: c.collegeId, votes: votes.get(c.id)!, rank: rankOf.get(c.id)!, status: status.get(c.id)! })),
    elected,
    ties,
    vacantSeats: seats - canonical.size,
    colleges: colleges.map((college) => ({
      id: college.id,
      minSeats: college.minSeats,
      maxSeats: college.maxSeats,
      elected: elected.filter((id) => candidates.find((c) => c.id === id)!.collegeId === college.id).length,
      unfilledMinimum: college.minSeats - need.get(college.id)!,
    })),
    decidedByOrder,
  };
}

/**
 * The order a second poll gives to the candidates it was held among: by its votes, most first;
 * candidates with equal votes in one group (they stay tied; a third poll or lots decides).
 * Feed it to the first poll's tally as `{ rule: "ordered", order }`.
 */
export function secondRoundOrder(secondPoll: ElectionResult): string[][] {
  const groups: { votes: number; ids: string[] }[] = [];
  for (const candidate of secondPoll.candidates) {
    const last = groups.at(-1);
    if (last && last.votes === candidate.votes) last.ids.push(candidate.id);
    else groups.push({ votes: candidate.votes, ids: [candidate.id] });
  }
  return groups.map((g) => g.ids);
}

// ───────────────────────────── Turnout ─────────────────────────────

export interface Turnout {
  ballots: number;
  rollSize: number;
  presentOrRepresented: number;
  /** ballots / roll, between 0 and 1; `null` for an empty roll. */
  ofRoll: number | null;
  /** ballots / (present + represented); `null` when nobody was present or represented. */
  ofPresentOrRepresented: number | null;
}

/** Turnout of a poll. Ratios are plain numbers; the page rounds them for display. */
export function turnout(ballots: number, rollSize: number, presentOrRepresented: number): Turnout {
  return {
    ballots,
    rollSize,
    presentOrRepresented,
    ofRoll: rollSize > 0 ? ballots / rollSize : null,
    ofPresentOrRepresented: presentOrRepresented > 0 ? ballots / presentOrRepresented : null,
  };
}
