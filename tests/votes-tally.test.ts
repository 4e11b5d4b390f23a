// The count of general assemblies as pure functions (issue 12, "Tests and benchmark"): each case
// below was worked out by hand first, and the comment beside it gives the reasoning.
import { createHash } from "node:crypto";

import { describe, expect, test } from "vitest";

import { drawKey, drawOrder, newSeed, seedCommitment, seedMatchesCommitment } from "#app/votes/lots.server";
import { computeQuorum, type Presence, type ProxyInput, requiredForQuorum } from "#app/votes/quorum";
import {
  addResolutionCounts,
  type ApprovalBallot,
  checkApprovalBallot,
  countResolutionBallots,
  decideResolution,
  type ElectionCandidate,
  type ElectionCollege,
  type ElectionConfig,
  type ElectionResult,
  type MajorityBase,
  type MajorityRule,
  secondRoundOrder,
  tallyElection,
  TallyError,
  turnout,
} from "#app/votes/tally";
import { canonicalChoices, newNonce, normalizeTracker, trackerFor } from "#app/votes/tracker.server";

const ROLL = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"];
const HALF_AT_LEAST = { numerator: 1, denominator: 2, comparison: "atLeast" } as const;
const HALF_MORE_THAN = { numerator: 1, denominator: 2, comparison: "moreThan" } as const;

function quorum(
  attendance: Record<string, Presence>,
  proxies: ProxyInput[],
  maxProxiesPerHolder: number | null = 2,
  rule = HALF_AT_LEAST as typeof HALF_AT_LEAST | typeof HALF_MORE_THAN | null,
) {
  return computeQuorum({ roll: ROLL, attendance, proxies, maxProxiesPerHolder, rule });
}

describe("quorum", () => {
  test("the required number: at least half of 10 is 5, more than half of 10 is 6, of 9 both are 5", () => {
    expect(requiredForQuorum(10, HALF_AT_LEAST)).toBe(5);
    expect(requiredForQuorum(10, HALF_MORE_THAN)).toBe(6);
    expect(requiredForQuorum(9, HALF_AT_LEAST)).toBe(5); // 4.5 → 5
    expect(requiredForQuorum(9, HALF_MORE_THAN)).toBe(5); // > 4.5 → 5
    expect(requiredForQuorum(30, { numerator: 2, denominator: 3, comparison: "atLeast" })).toBe(20);
    expect(requiredForQuorum(0, HALF_AT_LEAST)).toBe(0);
    expect(() => requiredForQuorum(10, { numerator: 3, denominator: 2, comparison: "atLeast" })).toThrow(/fraction/);
  });

  test("a proxy whose holder is absent counts for nothing; a present giver suspends its proxy", () => {
    // A, B in the room, C online: 3 present. D (absent) → A (present): counted. E → F, F absent:
    // nothing. B → C: B is present, so suspended. Present 3 + represented 1 = 4 < 5: not reached.
    const result = quorum({ A: "room", B: "room", C: "online" }, [
      { id: "p1", giverId: "D", holderId: "A" },
      { id: "p2", giverId: "E", holderId: "F" },
      { id: "p3", giverId: "B", holderId: "C" },
    ]);
    expect(result.proxies.map((p) => p.status)).toEqual(["counted", "holderAbsent", "suspended"]);
    expect(result).toMatchObject({
      rollSize: 10,
      present: 3,
      presentInRoom: 2,
      presentOnline: 1,
      represented: 1,
      presentOrRepresented: 4,
      required: 5,
      reached: false,
    });
    expect(result.voters).toEqual([
      { organisationId: "A", castById: "A", through: "present" },
      { organisationId: "B", castById: "B", through: "present" },
      { organisationId: "C", castById: "C", through: "present" },
      { organisationId: "D", castById: "A", through: "proxy" },
    ]);
  });

  test("one more present reaches “at least half” (5 of 10) but not “more than half” (6)", () => {
    const attendance: Record<string, Presence> = { A: "room", B: "room", C: "online", G: "online" };
    const proxies = [{ giverId: "D", holderId: "A" }];
    expect(quorum(attendance, proxies).reached).toBe(true);
    const strict = quorum(attendance, proxies, 2, HALF_MORE_THAN);
    expect([strict.presentOrRepresented, strict.required, strict.reached]).toEqual([5, 6, false]);
    // No quorum rule (second convocation): reached whatever the attendance.
    expect(quorum({}, [], 2, null)).toMatchObject({ required: null, reached: true, present: 0 });
  });

  test("the maximum per holder: the earliest proxies count, and a suspended one does not use a place", () => {
    // Maximum 2. B → A is suspended (B present), so D → A and E → A are the two that count;
    // F → A and G → A come later and are refused.
    const result = quorum({ A: "room", B: "room" }, [
      { giverId: "B", holderId: "A" },
      { giverId: "D", holderId: "A" },
      { giverId: "E", holderId: "A" },
      { giverId: "F", holderId: "A" },
      { giverId: "G", holderId: "A" },
    ]);
    expect(result.proxies.map((p) => p.status)).toEqual(["suspended", "counted", "counted", "overMaximum", "overMaximum"]);
    expect(result.represented).toBe(2);
    expect(result.voters.filter((v) => v.castById === "A").map((v) => v.organisationId)).toEqual(["A", "D", "E"]);
    // Without a maximum all four absent givers are represented.
    expect(quorum({ A: "room", B: "room" }, result.proxies, null).represented).toBe(4);
  });

  test("a chain is refused: a holder that gave its own proxy cannot hold one", () => {
    // D → E and E → A, with A present: E gave its vote away, so D → E is a chain and D is not
    // represented; E → A counts.
    const result = quorum({ A: "room" }, [
      { giverId: "D", holderId: "E" },
      { giverId: "E", holderId: "A" },
    ]);
    expect(result.proxies.map((p) => p.status)).toEqual(["chain", "counted"]);
    expect(result.voters.map((v) => `${v.organisationId}>${v.castById}`)).toEqual(["A>A", "E>A"]);
  });

  test("outsiders, oneself and a second proxy of the same giver are refused", () => {
    const result = quorum({ A: "room", B: "room" }, [
      { giverId: "X", holderId: "A" },
      { giverId: "D", holderId: "X" },
      { giverId: "D", holderId: "D" },
      { giverId: "D", holderId: "A" },
      { giverId: "D", holderId: "B" },
    ]);
    expect(result.proxies.map((p) => p.status)).toEqual(["giverNotOnRoll", "holderNotOnRoll", "self", "counted", "duplicate"]);
    expect(result.represented).toBe(1);
  });

  test("attendance of organisations off the roll is ignored; a Map works as well as a record", () => {
    const result = computeQuorum({
      roll: ["A", "B"],
      attendance: new Map<string, Presence>([
        ["A", "online"],
        ["Z", "room"],
      ]),
      proxies: [],
      maxProxiesPerHolder: 1,
      rule: HALF_AT_LEAST,
    });
    expect(result).toMatchObject({ present: 1, required: 1, reached: true });
  });
});

describe("resolutions", () => {
  // The same counts under each rule and base: 10 for, 8 against, 5 abstain, 1 blank (24 cast).
  const counts = { for: 10, against: 8, abstain: 5, blank: 1 };
  const decide = (rule: MajorityRule, base: MajorityBase, presentAndRepresented?: number) => decideResolution({ counts, rule, base, presentAndRepresented });

  test("the rules and bases differ on the same counts", () => {
    // simple: for > against (10 > 8), whatever the base; threshold = against + 1 = 9.
    for (const base of ["cast-for-against", "cast-all"] as const) expect(decide("simple", base)).toMatchObject({ threshold: 9, adopted: true });
    // absolute on for + against: base 18, more than 9 → 10 needed: adopted with 10.
    expect(decide("absolute", "cast-for-against")).toMatchObject({ baseValue: 18, threshold: 10, adopted: true });
    // absolute on all ballots cast: base 24, more than 12 → 13 needed: not adopted.
    expect(decide("absolute", "cast-all")).toMatchObject({ cast: 24, baseValue: 24, threshold: 13, adopted: false });
    // absolute on the 30 present or represented: 16 needed: not adopted.
    expect(decide("absolute", "present-represented", 30)).toMatchObject({ baseValue: 30, threshold: 16, adopted: false });
    // two thirds of for + against: 2/3 of 18 = 12 needed: not adopted.
    expect(decide("two-thirds", "cast-for-against")).toMatchObject({ threshold: 12, adopted: false });
    // two thirds of the cast: 2/3 of 24 = 16: not adopted.
    expect(decide("two-thirds", "cast-all")).toMatchObject({ threshold: 16, adopted: false });
  });

  test("edges: a tie, exactly half, exactly two thirds, odd bases, an empty base", () => {
    const d = (f: number, a: number, rule: MajorityRule, base: MajorityBase = "cast-for-against", abstain = 0) =>
      decideResolution({ counts: { for: f, against: a, abstain, blank: 0 }, rule, base });
    expect(d(7, 7, "simple").adopted).toBe(false); // a tie is not adopted
    expect(d(9, 9, "absolute")).toMatchObject({ threshold: 10, adopted: false }); // half is not more than half
    expect(d(6, 5, "absolute")).toMatchObject({ baseValue: 11, threshold: 6, adopted: true }); // more than 5.5
    expect(d(12, 6, "two-thirds")).toMatchObject({ threshold: 12, adopted: true }); // exactly 2/3 of 18 is enough
    expect(d(7, 4, "two-thirds")).toMatchObject({ baseValue: 11, threshold: 8, adopted: false }); // 2/3 of 11 = 7.33 → 8
    expect(d(0, 0, "two-thirds", "cast-all", 3)).toMatchObject({ baseValue: 3, threshold: 2, adopted: false });
    expect(d(0, 0, "two-thirds")).toMatchObject({ baseValue: 0, threshold: 1, adopted: false }); // nothing is adopted by nobody
    expect(d(0, 0, "absolute").adopted).toBe(false);
    // simple majority ignores abstentions: 3 for, 2 against, 10 abstain is adopted.
    expect(d(3, 2, "simple", "cast-all", 10).adopted).toBe(true);
  });

  test("ballots are counted per choice; a choice the poll does not offer is refused", () => {
    const online = countResolutionBallots(["for", "against", "for", "abstain", "blank"], "for-against-abstain");
    expect(online).toEqual({ for: 2, against: 1, abstain: 1, blank: 1 });
    expect(addResolutionCounts(online, { for: 3, against: 0, abstain: 0, blank: 2 })).toEqual({ for: 5, against: 1, abstain: 1, blank: 3 });
    expect(() => countResolutionBallots(["for", "abstain"], "for-against")).toThrow(TallyError);
    expect(() => countResolutionBallots(["yes" as never], "for-against-abstain")).toThrow(/Ballot 1/);
    expect(() => decideResolution({ counts: online, rule: "absolute", base: "present-represented" })).toThrow(/present or represented/);
  });
});

// ───────────── Election ─────────────

const c = (id: string, collegeId: string | null = null): ElectionCandidate => ({ id, collegeId });
/** Ballots that give each candidate the number of votes listed, one candidate per ballot. */
function ballotsFor(votes: Record<string, number>): ApprovalBallot[] {
  return Object.entries(votes).flatMap(([id, n]) => Array.from({ length: n }, () => [id]));
}
const statusOf = (result: ElectionResult) => Object.fromEntries(result.candidates.map((r) => [r.id, r.status]));

describe("election of the comité", () => {
  // Three candidates, two seats, no colleges. Ballots [a,b] [a,c] [a] [b] [c] (and one blank):
  // a 3, b 2, c 2. b and c are tied for the second seat.
  const config: ElectionConfig = { seats: 2, candidates: [c("a"), c("b"), c("c")], colleges: [], tieBreak: { rule: "second-round" } };
  const ballots: ApprovalBallot[] = [["a", "b"], ["a", "c"], ["a"], ["b"], ["c"], []];

  test("paper totals merge with the online ballots; impossible totals are refused", () => {
    // Online as above (a 3, b 2, c 2, one blank), and four paper ballots: b 2, c 1, one blank.
    // Merged: b 4, a 3, c 3 → b is elected, a and c tie for the second seat.
    const merged = tallyElection(config, ballots, { ballots: 4, blank: 1, votes: { b: 2, c: 1 } });
    expect(merged).toMatchObject({ ballots: 10, blank: 2, elected: ["b"], ties: [{ votes: 3, candidateIds: ["a", "c"], seats: 1 }] });
    expect(merged.candidates.find((x) => x.id === "b")!.votes).toBe(4);
    // One more paper approval for c breaks the tie by votes.
    expect(tallyElection(config, ballots, { ballots: 4, blank: 1, votes: { b: 2, c: 2 } }).elected).toEqual(["b", "c"]);
    // A candidate approved on more ballots than were not blank; more approvals than seats allow; an unknown name.
    expect(() => tallyElection(config, ballots, { ballots: 2, blank: 1, votes: { b: 2 } })).toThrow(TallyError);
    expect(() => tallyElection(config, ballots, { ballots: 2, blank: 0, votes: { a: 2, b: 2, c: 1 } })).toThrow(/more approvals/);
    expect(() => tallyElection(config, ballots, { ballots: 2, blank: 0, votes: { z: 1 } })).toThrow(/not a candidate/);
  });

  test("a tie at the last seat, second round: the seat is left unfilled and the tie reported", () => {
    const result = tallyElection(config, ballots);
    expect(result).toMatchObject({
      ballots: 6,
      blank: 1,
      elected: ["a"],
      ties: [{ votes: 2, candidateIds: ["b", "c"], seats: 1 }],
      vacantSeats: 0,
      decidedByOrder: false,
    });
    expect(result.candidates.map((r) => [r.id, r.votes, r.rank, r.status])).toEqual([
      ["a", 3, 1, "elected"],
      ["b", 2, 2, "tied"],
      ["c", 2, 2, "tied"],
    ]);
    // The second poll among b and c puts c first: the first poll tallied again with that order.
    const settled = tallyElection({ ...config, tieBreak: { rule: "ordered", order: ["c", "b"] } }, ballots);
    expect(settled).toMatchObject({ elected: ["a", "c"], ties: [], decidedByOrder: true });
  });

  test("a second poll that ties again leaves the tie, in part", () => {
    // 3 seats; a 3, b 2, c 2, d 2: a is elected, b, c and d contend for 2 seats.
    const first: ElectionConfig = { seats: 3, candidates: [c("a"), c("b"), c("c"), c("d")], colleges: [], tieBreak: { rule: "second-round" } };
    const firstBallots = ballotsFor({ a: 3, b: 2, c: 2, d: 2 });
    expect(tallyElection(first, firstBallots).ties).toEqual([{ votes: 2, candidateIds: ["b", "c", "d"], seats: 2 }]);
    // The second poll among b, c, d (2 choices, no colleges): b 4, c 2, d 2. Its order [[b], [c, d]]
    // gives b a seat; c and d stay tied for the last one.
    const second = tallyElection({ seats: 2, candidates: [c("b"), c("c"), c("d")], colleges: [], tieBreak: { rule: "second-round" } }, [
      ["b", "c"],
      ["b", "d"],
      ["b"],
      ["b"],
      ["c"],
      ["d"],
    ]);
    const order = secondRoundOrder(second);
    expect(order).toEqual([["b"], ["c", "d"]]);
    const settled = tallyElection({ ...first, tieBreak: { rule: "ordered", order } }, firstBallots);
    expect(settled).toMatchObject({ elected: ["a", "b"], ties: [{ votes: 2, candidateIds: ["c", "d"], seats: 1 }], decidedByOrder: true });
  });

  test("a tie at the last seat, lots: the seed's order decides, and anyone can redo it", () => {
    // Seed = SHA-256("maillage test seed"). Keys computed once with a shell
    // (printf '%s' "$SEED:$ID" | sha256sum): d 3d5e…, c 75cb…, e 9508…, b a2f1…, so c comes before b.
    const seed = "0090f0a832e56f7eea1fd749084c5fec5429b9ecbbf912983557922fa0a00a55";
    expect(seedCommitment(seed)).toBe("cbcc4983a11c8b0e7c8846afbfcfcca27ceea7129d88f49a0d8e3f71a2ca3468");
    expect(seedMatchesCommitment(seed, "CBCC4983A11C8B0E7C8846AFBFCFCCA27CEEA7129D88F49A0D8E3F71A2CA3468")).toBe(true);
    expect(seedMatchesCommitment(seed.replace(/^00/, "01"), seedCommitment(seed))).toBe(false);
    expect(drawOrder(seed, ["b", "c", "d", "e"])).toEqual(["d", "c", "e", "b"]);
    expect(drawKey(seed, "b")).toBe("a2f1f24fb05090fe7c8d35a66a06837ba604ee331be5d7e3f88cdbf7242fdbe5");
    // A second, independent computation: hash each "seed:id" and sort the hex keys.
    const independent = ["e", "b", "d", "c"]
      .map((id) => [
        createHash("sha256")
          .update(Buffer.from(`${seed}:${id}`, "utf8"))
          .digest("hex"),
        id,
      ])
      .sort()
      .map(([, id]) => id);
    expect(independent).toEqual(["d", "c", "e", "b"]);
    expect(createHash("sha256").update(Buffer.from(seed, "hex")).digest("hex")).toBe(seedCommitment(seed));

    const result = tallyElection({ ...config, tieBreak: { rule: "lots", order: drawOrder(seed, ["a", "b", "c"]) } }, ballots);
    expect(result).toMatchObject({ elected: ["a", "c"], ties: [], decidedByOrder: true });
    expect(statusOf(result)).toEqual({ a: "elected", c: "elected", b: "notElected" });
    // The order must list every candidate.
    expect(() => tallyElection({ ...config, tieBreak: { rule: "lots", order: ["a", "b"] } }, ballots)).toThrow(/"c" is missing/);
    expect(newSeed()).toMatch(/^[0-9a-f]{64}$/);
    expect(() => seedCommitment("xyz")).toThrow(/64 lowercase/);
  });

  test("a tie that decides nothing is not a tie: both above the line, or both below", () => {
    // a 5, b 5, c 1, three seats: a and b are elected in any order.
    const above = tallyElection(
      { seats: 3, candidates: [c("a"), c("b"), c("c")], colleges: [], tieBreak: { rule: "second-round" } },
      ballotsFor({ a: 5, b: 5, c: 1 }),
    );
    expect(above).toMatchObject({ elected: ["a", "b", "c"], ties: [] });
    // a 5, b 3, c 3, one seat: b and c both lose in any order.
    const below = tallyElection(
      { seats: 1, candidates: [c("a"), c("b"), c("c")], colleges: [], tieBreak: { rule: "second-round" } },
      ballotsFor({ a: 5, b: 3, c: 3 }),
    );
    expect(below).toMatchObject({ elected: ["a"], ties: [] });
    expect(statusOf(below)).toEqual({ a: "elected", b: "notElected", c: "notElected" });
  });

  test("a college minimum forces a lower-ranked candidate in", () => {
    // 3 seats; public services (P) need at least 1. a1 5, a2 4, a3 3 (associations), p1 1.
    // a1 and a2 are taken (one seat is still free beyond P's reserved one); at a3 the one seat
    // left is owed to P, so a3 (3 votes) is skipped and p1 (1 vote) is elected.
    const colleges: ElectionCollege[] = [
      { id: "P", minSeats: 1, maxSeats: 3 },
      { id: "A", minSeats: 0, maxSeats: 3 },
    ];
    const result = tallyElection(
      { seats: 3, candidates: [c("a1", "A"), c("a2", "A"), c("a3", "A"), c("p1", "P")], colleges, tieBreak: { rule: "second-round" } },
      ballotsFor({ a1: 5, a2: 4, a3: 3, p1: 1 }),
    );
    expect(result.elected).toEqual(["a1", "a2", "p1"]);
    expect(statusOf(result).a3).toBe("notElected");
    expect(result.colleges).toEqual([
      { id: "P", minSeats: 1, maxSeats: 3, elected: 1, unfilledMinimum: 0 },
      { id: "A", minSeats: 0, maxSeats: 3, elected: 2, unfilledMinimum: 0 },
    ]);
  });

  test("a college maximum skips a higher-ranked candidate", () => {
    // 3 seats; associations (A) at most 1. a1 6, a2 5, p1 4, p2 3, p3 2: a1 in, a2 skipped (A full),
    // then p1 and p2.
    const result = tallyElection(
      {
        seats: 3,
        candidates: [c("a1", "A"), c("a2", "A"), c("p1", "P"), c("p2", "P"), c("p3", "P")],
        colleges: [
          { id: "A", minSeats: 0, maxSeats: 1 },
          { id: "P", minSeats: 0, maxSeats: null },
        ],
        tieBreak: { rule: "second-round" },
      },
      ballotsFor({ a1: 6, a2: 5, p1: 4, p2: 3, p3: 2 }),
    );
    expect(result.elected).toEqual(["a1", "p1", "p2"]);
    expect(statusOf(result)).toMatchObject({ a2: "notElected", p3: "notElected" });
  });

  test("a tie decided by a college: two of a full college tied, the other college's candidate sure", () => {
    // 2 seats, A at most 1: a1 5, a2 5, p1 3. Whoever of a1/a2 comes first takes A's only seat,
    // p1 gets the other in every order: a1/a2 tied for 1 seat, p1 elected.
    const result = tallyElection(
      {
        seats: 2,
        candidates: [c("a1", "A"), c("a2", "A"), c("p1", "P")],
        colleges: [
          { id: "A", minSeats: 0, maxSeats: 1 },
          { id: "P", minSeats: 0, maxSeats: 2 },
        ],
        tieBreak: { rule: "second-round" },
      },
      ballotsFor({ a1: 5, a2: 5, p1: 3 }),
    );
    expect(result).toMatchObject({ elected: ["p1"], ties: [{ votes: 5, candidateIds: ["a1", "a2"], seats: 1 }], vacantSeats: 0 });
  });

  test("a tie at the last free seat while a minimum holds the other", () => {
    // 2 seats, P at least 1: x 5, y 5 (A), p 1 (P). One seat is owed to P, so x and y contend for
    // the one free seat; p is elected in every order.
    const result = tallyElection(
      {
        seats: 2,
        candidates: [c("x", "A"), c("y", "A"), c("p", "P")],
        colleges: [
          { id: "A", minSeats: 0, maxSeats: null },
          { id: "P", minSeats: 1, maxSeats: null },
        ],
        tieBreak: { rule: "second-round" },
      },
      ballotsFor({ x: 5, y: 5, p: 1 }),
    );
    expect(result).toMatchObject({ elected: ["p"], ties: [{ candidateIds: ["x", "y"], seats: 1 }] });
  });

  test("a candidate with no vote is never elected, not even for a minimum; the seat goes to the ranking", () => {
    // 2 seats, P at least 1, but its only candidate p1 has 0 votes: P's minimum cannot be filled
    // (reported), and both seats go by the ranking to a1 and a2.
    const result = tallyElection(
      {
        seats: 2,
        candidates: [c("a1", "A"), c("a2", "A"), c("p1", "P")],
        colleges: [
          { id: "A", minSeats: 0, maxSeats: null },
          { id: "P", minSeats: 1, maxSeats: null },
        ],
        tieBreak: { rule: "second-round" },
      },
      ballotsFor({ a1: 3, a2: 2 }),
    );
    expect(result.elected).toEqual(["a1", "a2"]);
    expect(result.colleges.find((x) => x.id === "P")).toMatchObject({ elected: 0, unfilledMinimum: 1 });
    // 3 seats but only 2 candidates with votes: a seat stays vacant.
    const short = tallyElection(
      { seats: 3, candidates: [c("a"), c("b"), c("z")], colleges: [], tieBreak: { rule: "second-round" } },
      ballotsFor({ a: 2, b: 1 }),
    );
    expect(short).toMatchObject({ elected: ["a", "b"], vacantSeats: 1, ties: [] });
  });

  test("blank ballots count as ballots and for nobody; too many choices, unknown or repeated candidates are refused", () => {
    const result = tallyElection(config, [[], [], ["a"]]);
    expect(result).toMatchObject({ ballots: 3, blank: 2 });
    expect(result.candidates.find((r) => r.id === "a")!.votes).toBe(1);
    expect(checkApprovalBallot(["a", "b", "c"], config)).toEqual({ ok: false, problem: "tooManyChoices" });
    expect(checkApprovalBallot(["a", "x"], config)).toEqual({ ok: false, problem: "unknownCandidate" });
    expect(checkApprovalBallot(["a", "a"], config)).toEqual({ ok: false, problem: "duplicateChoice" });
    expect(checkApprovalBallot([], config)).toEqual({ ok: true });
    expect(() => tallyElection(config, [["a"], ["a", "b", "c"]])).toThrow(/Ballot 2 is not valid \(tooManyChoices\)/);
  });

  test("a configuration that cannot work is refused", () => {
    const bad = (patch: Partial<ElectionConfig>) => () => tallyElection({ ...config, ...patch }, []);
    expect(
      bad({
        colleges: [
          { id: "P", minSeats: 2, maxSeats: null },
          { id: "A", minSeats: 1, maxSeats: null },
        ],
      }),
    ).toThrow(/minimums \(3\) exceed the seats \(2\)/);
    expect(bad({ colleges: [{ id: "P", minSeats: 2, maxSeats: 1 }] })).toThrow(/maximum/);
    expect(bad({ candidates: [c("a", "Q")] })).toThrow(/unknown college/);
    expect(bad({ seats: 0 })).toThrow(/seats/);
  });
});

// ───────────── Properties, on random elections ─────────────

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomElection(rnd: () => number, maxCandidates: number): { config: ElectionConfig; ballots: ApprovalBallot[] } {
  const int = (n: number) => Math.floor(rnd() * n);
  const seats = 1 + int(4);
  const withColleges = rnd() < 0.7;
  const colleges: ElectionCollege[] = [];
  if (withColleges) {
    let minLeft = seats;
    for (const id of ["P", "A", "S"].slice(0, 1 + int(3))) {
      const minSeats = int(Math.min(minLeft, 2) + 1);
      minLeft -= minSeats;
      colleges.push({ id, minSeats, maxSeats: rnd() < 0.3 ? null : minSeats + int(3) });
    }
  }
  const candidates = Array.from({ length: 1 + int(maxCandidates) }, (_, i) =>
    c(`k${i}`, colleges.length && rnd() < 0.8 ? colleges[int(colleges.length)].id : null),
  );
  const ballots = Array.from({ length: int(8) }, () => {
    const chosen = candidates.filter(() => rnd() < 0.4).map((x) => x.id);
    return chosen.slice(0, seats);
  });
  return { config: { seats, candidates, colleges, tieBreak: { rule: "second-round" } }, ballots };
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe("election properties", () => {
  test("never more elected than seats, no college above its maximum, every fillable minimum met", () => {
    const rnd = random(12);
    for (let run = 0; run < 400; run++) {
      const { config, ballots } = randomElection(rnd, 9);
      for (const tieBreak of [{ rule: "second-round" } as const, { rule: "lots", order: [...config.candidates.map((x) => x.id)].reverse() } as const]) {
        const result = tallyElection({ ...config, tieBreak }, ballots);
        const tieSeats = result.ties.reduce((sum, t) => sum + t.seats, 0);
        expect(result.elected.length).toBeLessThanOrEqual(config.seats);
        expect(result.elected.length + tieSeats + result.vacantSeats).toBe(config.seats);
        for (const college of result.colleges) {
          if (college.maxSeats !== null) expect(college.elected).toBeLessThanOrEqual(college.maxSeats);
          if (tieBreak.rule === "lots") expect(college.elected).toBeGreaterThanOrEqual(college.minSeats - college.unfilledMinimum);
        }
        for (const id of result.elected) expect(result.candidates.find((r) => r.id === id)!.votes).toBeGreaterThan(0);
        if (tieBreak.rule === "lots") expect(result.ties).toEqual([]);
      }
    }
  });

  test("the ranking's best outcome: no allocation within the rules beats the tally's (checked by brute force)", () => {
    // With a full order (lots), list every set of eligible candidates that respects the maximums
    // and the fillable minimums; the tally's set must be among the largest, and its i-th best
    // candidate must rank at least as high as the i-th best of any of them.
    const rnd = random(34);
    for (let run = 0; run < 300; run++) {
      const { config, ballots } = randomElection(rnd, 8);
      const order = config.candidates.map((x) => x.id);
      const result = tallyElection({ ...config, tieBreak: { rule: "lots", order } }, ballots);
      const position = new Map(result.candidates.map((r, i) => [r.id, i]));
      const eligible = result.candidates.filter((r) => r.votes > 0);
      const need = new Map(result.colleges.map((col) => [col.id, col.minSeats - col.unfilledMinimum]));
      const feasible: string[][] = [];
      for (let mask = 0; mask < 1 << eligible.length; mask++) {
        const set = eligible.filter((_, i) => mask & (1 << i));
        if (set.length > config.seats) continue;
        const ok = config.colleges.every((col) => {
          const n = set.filter((x) => x.collegeId === col.id).length;
          return n >= need.get(col.id)! && (col.maxSeats === null || n <= col.maxSeats);
        });
        if (ok) feasible.push(set.map((x) => x.id));
      }
      const largest = Math.max(...feasible.map((s) => s.length));
      expect(result.elected.length).toBe(largest);
      const sorted = (s: string[]) => s.map((id) => position.get(id)!).sort((a, b) => a - b);
      const mine = sorted(result.elected);
      for (const other of feasible.filter((s) => s.length === largest)) {
        const theirs = sorted(other);
        mine.forEach((p, i) => expect(p).toBeLessThanOrEqual(theirs[i]));
      }
    }
  });

  test("second round: the elected win in every order of the tied, the tied win in some, the others in none", () => {
    const rnd = random(56);
    for (let run = 0; run < 150; run++) {
      const { config, ballots } = randomElection(rnd, 5);
      const result = tallyElection(config, ballots);
      const outcomes = permutations(config.candidates.map((x) => x.id)).map(
        (order) => new Set(tallyElection({ ...config, tieBreak: { rule: "lots", order } }, ballots).elected),
      );
      for (const r of result.candidates) {
        const wins = outcomes.filter((o) => o.has(r.id)).length;
        const expected = wins === outcomes.length ? "elected" : wins === 0 ? "notElected" : "tied";
        expect(r.status, `${JSON.stringify({ config, ballots })} ${r.id}`).toBe(expected);
      }
      for (const tie of result.ties) {
        // The seats of a tie: how many of its candidates win in any order (always the same).
        for (const o of outcomes) expect(tie.candidateIds.filter((id) => o.has(id)).length).toBe(tie.seats);
      }
    }
  });
});

describe("turnout", () => {
  test("ballots over the roll and over the organisations present or represented", () => {
    expect(turnout(30, 40, 32)).toEqual({ ballots: 30, rollSize: 40, presentOrRepresented: 32, ofRoll: 0.75, ofPresentOrRepresented: 0.9375 });
    expect(turnout(0, 0, 0)).toMatchObject({ ofRoll: null, ofPresentOrRepresented: null });
  });
});

describe("trackers", () => {
  const nonce = "00112233445566778899aabbccddeeff";

  test("a fixed ballot gives a fixed tracker, recomputed independently", () => {
    // Computed once with Python: sha256("maillage-tracker-v1:poll-1:a,c:0011…eeff") = ade000c35bc4dd7…,
    // whose first 15 hex digits written in Crockford base32 give NQG0-1GTV-RKEQ.
    expect(trackerFor("poll-1", ["c", "a"], nonce)).toBe("NQG0-1GTV-RKEQ");
    expect(trackerFor("poll-1", ["a", "c"], nonce)).toBe("NQG0-1GTV-RKEQ"); // the order of the choices does not matter
    expect(trackerFor("poll-1", [], nonce)).toBe("5J0Z-NGTC-PB3P"); // a blank ballot
    // Independently: the digest's first 60 bits, five bits at a time, from a string of bits.
    const digest = createHash("sha256")
      .update(`maillage-tracker-v1:poll-1:${canonicalChoices(["c", "a"])}:${nonce}`)
      .digest();
    const bits = [...digest.subarray(0, 8)]
      .map((b) => b.toString(2).padStart(8, "0"))
      .join("")
      .slice(0, 60);
    const chars = bits
      .match(/.{5}/g)!
      .map((five) => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[parseInt(five, 2)])
      .join("");
    expect(trackerFor("poll-1", ["a", "c"], nonce).replace(/-/g, "")).toBe(chars);
  });

  test("another nonce, poll or choice gives another tracker; bad input is refused", () => {
    const base = trackerFor("poll-1", ["for"], nonce);
    expect(trackerFor("poll-1", ["for"], newNonce())).not.toBe(base);
    expect(trackerFor("poll-2", ["for"], nonce)).not.toBe(base);
    expect(trackerFor("poll-1", ["against"], nonce)).not.toBe(base);
    expect(newNonce()).toMatch(/^[0-9a-f]{32}$/);
    expect(() => trackerFor("poll-1", ["a,b"], nonce)).toThrow(/ASCII/);
    expect(() => trackerFor("poll-1", ["a", "a"], nonce)).toThrow(/twice/);
    expect(() => trackerFor("poll-1", ["a"], "short")).toThrow(/nonce/);
    expect(() => trackerFor("poll:1", ["a"], nonce)).toThrow(/poll id/);
  });

  test("a tracker typed by a person is read back in its own form", () => {
    expect(normalizeTracker("nqgo 1gtv rkeq")).toBe("NQG0-1GTV-RKEQ"); // o read as 0
    expect(normalizeTracker("NQG0-IGTV-RKEQ")).toBe("NQG0-1GTV-RKEQ"); // I read as 1
    expect(normalizeTracker("NQG0-1GTV")).toBeNull();
    expect(normalizeTracker("NQG0-1GTV-RKEU")).toBeNull(); // U is not a digit
  });
});
