// Polls of an assembly: the workflow, the vote and the ballot box (docs/decisions/013).
//
// Workflow, one table (POLL_RULES) for the buttons and the server: draft → ready → open → closed →
// published, cancelled (with a reason) from draft, ready or open. Nothing goes back: after the
// first ballot a poll can only be closed or cancelled, and a second round is a new poll linked to
// the first (previousPollId). The database refuses any other change of status (trigger Poll_guard).
//
// Secrecy: a vote marks the organisation's Entitlement and inserts a Ballot (random id, choices,
// tracker, nonce: nothing else) in one transaction, under a row lock on the entitlement. Closing
// rewrites the whole box in a random order in one transaction (status "closing", the only one in
// which trigger Ballot_guard lets ballots be deleted), so that no xmin, ctid or insertion order
// ties a ballot to the entitlement written with it. The tracker is returned to the voter once and
// stored nowhere else: never e-mailed, never logged, never in the audit.
//
// Counting is not done here: publishPoll stores what tallyPoll (poll-tally.server.ts, on the rules
// of app/votes) makes of the closed box.
import { randomInt, randomUUID } from "node:crypto";

import type { Actor } from "#app/access/actor";
import { actorById } from "#app/access/actor.server";
import { can } from "#app/access/can";
import type { Prisma } from "#app/generated/prisma/client";
import { audit } from "#app/utils/audit.server";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { DomainError } from "#app/utils/errors.server";
import { type BallotChannel, CHOICE_SETS, type ChoiceSet, MAJORITY_BASES, POLL_KINDS, type PollStatus } from "#app/utils/votes-domain";
import { newSeed, seedCommitment } from "#app/votes/lots.server";
import { TallyError } from "#app/votes/tally";
import { newNonce, trackerFor } from "#app/votes/tracker.server";

import { presenceAround, presenceFacts } from "./assemblies.server";
import { tallyPoll } from "./poll-tally.server";

type Tx = Prisma.TransactionClient;

const refuse = (key: string, kind: "invalid" | "conflict" | "forbidden" = "conflict", field?: string) =>
  new DomainError(kind, `assemblies.error.poll.${key}`, field);
const notFound = () => new DomainError("notFound", "assemblies.error.notFound");

// --- The workflow --------------------------------------------------------------------------------

export type PollTransition = "ready" | "open" | "close" | "publish" | "cancel";

export const POLL_RULES: Record<PollTransition, { from: PollStatus[]; to: PollStatus; refused: string }> = {
  ready: { from: ["draft"], to: "ready", refused: "assemblies.error.poll.cannotReady" },
  open: { from: ["ready"], to: "open", refused: "assemblies.error.poll.cannotOpen" },
  close: { from: ["open"], to: "closed", refused: "assemblies.error.poll.cannotClose" },
  publish: { from: ["closed"], to: "published", refused: "assemblies.error.poll.cannotPublish" },
  cancel: { from: ["draft", "ready", "open"], to: "cancelled", refused: "assemblies.error.poll.cannotCancel" },
};
const TRANSITIONS = Object.keys(POLL_RULES) as PollTransition[];

/** Null when the transition may leave this status, else the dictionary key that says why not. */
export function pollRefusal(status: string, transition: PollTransition): string | null {
  return (POLL_RULES[transition].from as string[]).includes(status) ? null : POLL_RULES[transition].refused;
}

/** The transitions possible from this status (for the buttons shown to whoever manages polls). */
export function allowedPollTransitions(status: string): PollTransition[] {
  return TRANSITIONS.filter((t) => pollRefusal(status, t) === null);
}

/** Moves the poll if it still is in a status the transition leaves; refuses otherwise. */
async function move(tx: Tx, pollId: string, transition: PollTransition, data: Prisma.PollUpdateManyMutationInput, to?: PollStatus) {
  const rule = POLL_RULES[transition];
  const moved = await tx.poll.updateMany({ where: { id: pollId, status: { in: rule.from } }, data: { ...data, status: to ?? rule.to } });
  if (moved.count === 0) throw new DomainError("conflict", rule.refused);
}

async function loadPoll(tx: Pick<Tx, "poll">, pollId: string) {
  const poll = await tx.poll.findUnique({ where: { id: pollId }, include: { assembly: { select: { id: true, networkId: true, status: true, rules: true } } } });
  if (!poll) throw notFound();
  return poll;
}

// --- Drafting ------------------------------------------------------------------------------------

export type PollInput = {
  kind: string;
  title: string;
  agendaItemId?: string | null;
  majorityRule?: string | null;
  base?: string | null;
  choiceSet?: string | null;
  seats?: number | null;
  /** Elections: delegates declare candidacies until then (null: until the poll is ready); ignored for a resolution. */
  candidaciesUntil?: Date | null;
  /** A second round: the poll it follows (closed, published or cancelled, of the same assembly). */
  previousPollId?: string | null;
};

export async function createPoll(assemblyId: string, actorId: string, input: PollInput) {
  if (!(POLL_KINDS as readonly string[]).includes(input.kind)) throw refuse("kind", "invalid", "kind");
  if (!input.title.trim()) throw refuse("title", "invalid", "title");
  return transaction(async (tx) => {
    const assembly = await tx.assembly.findUnique({ where: { id: assemblyId }, select: { networkId: true, status: true } });
    if (!assembly) throw notFound();
    if (assembly.status === "closed" || assembly.status === "cancelled") throw refuse("assemblyOver");
    if (input.agendaItemId) {
      const item = await tx.assemblyAgendaItem.findFirst({ where: { id: input.agendaItemId, assemblyId }, select: { id: true } });
      if (!item) throw refuse("agendaItem", "invalid", "agendaItemId");
    }
    if (input.previousPollId) {
      const previous = await tx.poll.findFirst({ where: { id: input.previousPollId, assemblyId }, select: { status: true, kind: true } });
      if (!previous || previous.kind !== input.kind || !["closed", "published", "cancelled"].includes(previous.status)) {
        throw refuse("previousPoll", "invalid", "previousPollId");
      }
    }
    const poll = await tx.poll.create({
      data: {
        assemblyId,
        kind: input.kind,
        title: input.title.trim(),
        agendaItemId: input.agendaItemId ?? null,
        majorityRule: input.majorityRule ?? null,
        base: input.base ?? null,
        choiceSet: input.choiceSet ?? null,
        seats: input.seats ?? null,
        candidaciesUntil: input.kind === "election" ? (input.candidaciesUntil ?? null) : null,
        previousPollId: input.previousPollId ?? null,
      },
    });
    await audit(tx, {
      networkId: assembly.networkId,
      actorId,
      action: "poll.create",
      entityType: "Poll",
      entityId: poll.id,
      after: { title: poll.title, kind: poll.kind },
    });
    return poll;
  });
}

/**
 * Who may change an election's candidates, checked here as well as in the route: the coordinators
 * (poll.manage) while the poll is a draft, even after the deadline; the organisation's titular
 * delegate (poll.declareCandidacy) while it is a draft and before the deadline.
 */
async function checkCandidacyRight(tx: Tx, poll: Awaited<ReturnType<typeof loadPoll>>, actor: Actor | null, organisationId: string) {
  if (poll.kind !== "election") throw refuse("notElection", "invalid");
  if (poll.status !== "draft") throw refuse("candidaciesClosed");
  if (can(actor, "poll.manage", { networkId: poll.assembly.networkId })) return;
  const at = now();
  if (poll.candidaciesUntil && +poll.candidaciesUntil <= +at) throw refuse("candidacyDeadline");
  const onRoll = await tx.rollEntry.findUnique({
    where: { assemblyId_organisationId: { assemblyId: poll.assemblyId, organisationId } },
    select: { organisationId: true },
  });
  if (!can(actor, "poll.declareCandidacy", { organisationId, onRoll: !!onRoll, poll, at })) throw new DomainError("forbidden", "error.forbidden");
}

/** A candidacy, declared by the organisation or entered by the coordinator, while the poll is a draft. */
export async function addCandidate(pollId: string, actorId: string, input: { organisationId: string; college?: string | null }) {
  // Read before the transaction: on PGlite's single connection a read outside it would wait for it.
  const actor = await actorById(actorId);
  return transaction(async (tx) => {
    const poll = await loadPoll(tx, pollId);
    await checkCandidacyRight(tx, poll, actor, input.organisationId);
    const onRoll = await tx.rollEntry.findUnique({
      where: { assemblyId_organisationId: { assemblyId: poll.assemblyId, organisationId: input.organisationId } },
      select: { organisationId: true },
    });
    if (!onRoll) throw refuse("candidateNotOnRoll", "invalid", "organisationId");
    const colleges = ((poll.assembly.rules as { colleges?: { name: string }[] } | null)?.colleges ?? []).map((c) => c.name);
    if (colleges.length > 0 ? !input.college || !colleges.includes(input.college) : !!input.college) throw refuse("college", "invalid", "college");
    const exists = await tx.candidate.findUnique({
      where: { pollId_organisationId: { pollId, organisationId: input.organisationId } },
      select: { pollId: true },
    });
    if (exists) throw refuse("alreadyCandidate");
    await tx.candidate.create({
      data: { pollId, organisationId: input.organisationId, college: input.college ?? null, declaredById: actorId, declaredAt: now() },
    });
    await audit(tx, {
      networkId: poll.assembly.networkId,
      actorId,
      action: "poll.candidate.add",
      entityType: "Poll",
      entityId: pollId,
      after: { organisationId: input.organisationId, college: input.college ?? null },
    });
  });
}

/** A candidacy withdrawn while the poll is a draft, by the same people who may declare it. */
export async function removeCandidate(pollId: string, actorId: string, organisationId: string) {
  const actor = await actorById(actorId);
  return transaction(async (tx) => {
    const poll = await loadPoll(tx, pollId);
    await checkCandidacyRight(tx, poll, actor, organisationId);
    const removed = await tx.candidate.deleteMany({ where: { pollId, organisationId } });
    if (removed.count === 0) throw refuse("notCandidate", "invalid", "organisationId");
    await audit(tx, {
      networkId: poll.assembly.networkId,
      actorId,
      action: "poll.candidate.remove",
      entityType: "Poll",
      entityId: pollId,
      before: { organisationId },
    });
  });
}

// --- Ready, open, cancel -------------------------------------------------------------------------

type AssemblyRules = { quorum?: unknown; majorityRules?: string[]; tieRule?: string; colleges?: unknown[] } | null;

/**
 * Ready: the settings are frozen (copied into `rules`), an entitlement is written for every
 * organisation of the roll, and an election that may end in a draw gets its seed (kept here until
 * the tally) and publishes the seed's SHA-256.
 */
export async function markReady(pollId: string, actorId: string) {
  return transaction(async (tx) => {
    const poll = await loadPoll(tx, pollId);
    const refusal = pollRefusal(poll.status, "ready");
    if (refusal) throw new DomainError("conflict", refusal);
    if (poll.assembly.status !== "convened" && poll.assembly.status !== "held") throw refuse("assemblyNotConvened");
    const rules = poll.assembly.rules as AssemblyRules;
    let lots: { seed: string; commitment: string } | null = null;
    if (poll.kind === "resolution") {
      if (!poll.majorityRule || !(rules?.majorityRules ?? []).includes(poll.majorityRule)) throw refuse("majorityRule", "invalid", "majorityRule");
      if (!poll.base || !(MAJORITY_BASES as readonly string[]).includes(poll.base)) throw refuse("base", "invalid", "base");
      if (!poll.choiceSet || !(poll.choiceSet in CHOICE_SETS)) throw refuse("choiceSet", "invalid", "choiceSet");
    } else {
      if (!poll.seats || poll.seats < 1) throw refuse("seats", "invalid", "seats");
      const candidates = await tx.candidate.count({ where: { pollId } });
      if (candidates === 0) throw refuse("noCandidates", "invalid");
      if (rules?.tieRule !== "second-round") lots = lotsSeed();
    }
    const roll = await tx.rollEntry.findMany({ where: { assemblyId: poll.assemblyId }, select: { organisationId: true } });
    const frozen = {
      quorum: rules?.quorum ?? null,
      tieRule: rules?.tieRule ?? "lots",
      colleges: poll.kind === "election" ? (rules?.colleges ?? []) : [],
      majorityRule: poll.majorityRule,
      base: poll.base,
      choiceSet: poll.choiceSet,
      seats: poll.seats,
      roll: roll.length,
    };
    await move(tx, pollId, "ready", {
      readyAt: now(),
      rules: frozen as Prisma.InputJsonValue,
      lotsSeed: lots?.seed ?? null,
      lotsCommitment: lots?.commitment ?? null,
    });
    await tx.entitlement.createMany({ data: roll.map((r) => ({ pollId, organisationId: r.organisationId })) });
    await audit(tx, {
      networkId: poll.assembly.networkId,
      actorId,
      action: "poll.ready",
      entityType: "Poll",
      entityId: pollId,
      after: { roll: roll.length, lotsCommitment: lots?.commitment ?? null },
    });
  });
}

export async function openPoll(pollId: string, actorId: string) {
  return transaction(async (tx) => {
    const poll = await loadPoll(tx, pollId);
    if (poll.assembly.status !== "convened" && poll.assembly.status !== "held") throw refuse("assemblyNotConvened");
    await move(tx, pollId, "open", { openedAt: now() });
    await tx.assembly.updateMany({ where: { id: poll.assemblyId, status: "convened" }, data: { status: "held" } });
    await audit(tx, { networkId: poll.assembly.networkId, actorId, action: "poll.open", entityType: "Poll", entityId: pollId });
  });
}

export async function cancelPoll(pollId: string, actorId: string, reason: string) {
  if (!reason.trim()) throw refuse("reason", "invalid", "reason");
  return transaction(async (tx) => {
    const poll = await loadPoll(tx, pollId);
    await move(tx, pollId, "cancel", { cancelledAt: now(), cancelReason: reason.trim() });
    await audit(tx, {
      networkId: poll.assembly.networkId,
      actorId,
      action: "poll.cancel",
      entityType: "Poll",
      entityId: pollId,
      after: { reason: reason.trim() },
    });
  });
}

// --- Voting --------------------------------------------------------------------------------------

/** The choices as stored: one of the choice set (resolution), or distinct candidates, at most `seats`, blank allowed (election). */
export function checkChoices(poll: { kind: string; choiceSet: string | null; seats: number | null }, candidates: string[], choices: readonly string[]) {
  if (!Array.isArray(choices) || choices.some((c) => typeof c !== "string")) throw refuse("choices", "invalid", "choices");
  if (poll.kind === "resolution") {
    const allowed = CHOICE_SETS[(poll.choiceSet ?? "for-against-abstain") as ChoiceSet] as readonly string[];
    if (choices.length !== 1 || !allowed.includes(choices[0])) throw refuse("choices", "invalid", "choices");
    return [...choices];
  }
  const unique = [...new Set(choices)];
  if (unique.length !== choices.length || unique.length > (poll.seats ?? 0) || unique.some((c) => !candidates.includes(c))) {
    throw refuse("choices", "invalid", "choices");
  }
  return unique.sort();
}

type OpenPoll = { id: string; assemblyId: string; kind: string; choiceSet: string | null; seats: number | null };

/** The poll, share-locked until the end of the transaction: closing (which locks it exclusively) waits for the votes under way, and the votes after it see it closed. */
async function lockOpenPoll(tx: Tx, pollId: string): Promise<OpenPoll> {
  const rows = await tx.$queryRaw<(OpenPoll & { status: string })[]>`
    SELECT "id", "assemblyId", "kind", "choiceSet", "seats", "status" FROM "Poll" WHERE "id" = ${pollId} FOR SHARE`;
  const poll = rows[0];
  if (!poll) throw notFound();
  if (poll.status !== "open") throw refuse("notOpen");
  return poll;
}

/** Marks the entitlement (locked first) and inserts the ballot; returns the tracker. */
async function castOne(tx: Tx, poll: OpenPoll, organisationId: string, castBy: string, choices: string[], channel: BallotChannel) {
  const rows = await tx.$queryRaw<{ votedAt: Date | null }[]>`
    SELECT "votedAt" FROM "Entitlement" WHERE "pollId" = ${poll.id} AND "organisationId" = ${organisationId} FOR UPDATE`;
  if (rows.length === 0) throw refuse("notEntitled", "forbidden");
  if (rows[0].votedAt) throw refuse("alreadyVoted");
  await tx.entitlement.update({
    where: { pollId_organisationId: { pollId: poll.id, organisationId } },
    data: { votedAt: now(), channel, castByOrganisationId: castBy },
  });
  const nonce = newNonce();
  const tracker = trackerFor(poll.id, choices, nonce);
  await tx.ballot.create({ data: { id: randomUUID(), pollId: poll.id, choices, tracker, nonce } });
  return tracker;
}

export type VoteInput = {
  /** The organisation the person votes for (the route checked poll.vote for it: its titular or substitute delegate). */
  actingFor: string;
  channel: "online" | "room";
  /** One entry per organisation: actingFor itself and/or those whose proxy it holds. */
  votes: { organisationId: string; choices: string[] }[];
};

/**
 * Casts one ballot per organisation, in one transaction: all or none. The organisation must be
 * present and not voting on paper; a represented organisation needs a proxy to actingFor that
 * counts (not revoked, its holder present, its giver absent). Returns each ballot's tracker, to be
 * shown once and never stored elsewhere.
 */
export async function castBallots(pollId: string, input: VoteInput): Promise<{ organisationId: string; tracker: string }[]> {
  const ids = input.votes.map((v) => v.organisationId);
  if (ids.length === 0 || new Set(ids).size !== ids.length) throw refuse("choices", "invalid", "choices");
  return transaction(async (tx) => {
    const poll = await lockOpenPoll(tx, pollId);
    const candidates =
      poll.kind === "election" ? (await tx.candidate.findMany({ where: { pollId }, select: { organisationId: true } })).map((c) => c.organisationId) : [];
    // Who casts each organisation's ballot, by the one quorum rule (proxy counted, giver absent,
    // holder present, under the maximum), read around the voter (presenceAround): the same
    // answer the assembly page and the tally read from the whole roll.
    const facts = await presenceAround(poll.assemblyId, input.actingFor, ids, tx);
    const onPaper = (id: string) => facts.present.some((p) => p.organisationId === id && p.channel === "paper");
    if (!facts.present.some((p) => p.organisationId === input.actingFor)) throw refuse("notPresent", "forbidden");
    if (onPaper(input.actingFor)) throw refuse("votesOnPaper", "forbidden");
    for (const id of ids) {
      if (onPaper(id)) throw refuse("votesOnPaper", "forbidden");
      if (facts.voters.some((v) => v.organisationId === id && v.castById === input.actingFor)) continue;
      if (id === input.actingFor) throw refuse("notPresent", "forbidden");
      const proxy = facts.proxies.find((p) => p.giverId === id && p.holderId === input.actingFor);
      throw refuse(proxy?.status === "suspended" ? "giverPresent" : "noProxy", "forbidden");
    }
    const trackers: { organisationId: string; tracker: string }[] = [];
    // Entitlements are locked in id order, whatever the form's order: two holders never deadlock.
    for (const vote of [...input.votes].sort((a, b) => (a.organisationId < b.organisationId ? -1 : 1))) {
      const choices = checkChoices(poll, candidates, vote.choices);
      trackers.push({ organisationId: vote.organisationId, tracker: await castOne(tx, poll, vote.organisationId, input.actingFor, choices, input.channel) });
    }
    return input.votes.map((v) => trackers.find((t) => t.organisationId === v.organisationId)!);
  });
}

/** A teller enters one paper ballot of an organisation that votes on paper; its tracker is printed for the stub. */
export async function enterPaperBallot(pollId: string, organisationId: string, choices: string[]) {
  return transaction(async (tx) => {
    const poll = await lockOpenPoll(tx, pollId);
    const attendance = await tx.assemblyAttendance.findUnique({
      where: { assemblyId_organisationId: { assemblyId: poll.assemblyId, organisationId } },
      select: { status: true, channel: true },
    });
    if (attendance?.status !== "present" || attendance.channel !== "paper") throw refuse("notOnPaper", "invalid", "organisationId");
    const candidates =
      poll.kind === "election" ? (await tx.candidate.findMany({ where: { pollId }, select: { organisationId: true } })).map((c) => c.organisationId) : [];
    return castOne(tx, poll, organisationId, organisationId, checkChoices(poll, candidates, choices), "paper");
  });
}

/**
 * "Paper totals entered twice": the desk marks who handed in a paper ballot (recordPaperVoter),
 * then two different people enter the totals; the tally uses them only when both entries match.
 */
export async function recordPaperVoter(pollId: string, organisationId: string) {
  return transaction(async (tx) => {
    const poll = await lockOpenPoll(tx, pollId);
    const attendance = await tx.assemblyAttendance.findUnique({
      where: { assemblyId_organisationId: { assemblyId: poll.assemblyId, organisationId } },
      select: { status: true, channel: true },
    });
    if (attendance?.status !== "present" || attendance.channel !== "paper") throw refuse("notOnPaper", "invalid", "organisationId");
    const rows = await tx.$queryRaw<{ votedAt: Date | null }[]>`
      SELECT "votedAt" FROM "Entitlement" WHERE "pollId" = ${pollId} AND "organisationId" = ${organisationId} FOR UPDATE`;
    if (rows.length === 0) throw refuse("notEntitled", "forbidden");
    if (rows[0].votedAt) throw refuse("alreadyVoted");
    await tx.entitlement.update({
      where: { pollId_organisationId: { pollId, organisationId } },
      data: { votedAt: now(), channel: "paper", castByOrganisationId: organisationId },
    });
  });
}

export async function enterPaperTotals(pollId: string, enteredById: string, input: { totals: Record<string, number>; ballots: number }) {
  if (!Number.isInteger(input.ballots) || input.ballots < 0 || Object.values(input.totals).some((n) => !Number.isInteger(n) || n < 0)) {
    throw refuse("totals", "invalid", "totals");
  }
  return transaction(async (tx) => {
    const poll = await tx.$queryRaw<{ status: string }[]>`SELECT "status" FROM "Poll" WHERE "id" = ${pollId} FOR UPDATE`;
    if (!poll[0]) throw notFound();
    if (poll[0].status !== "open" && poll[0].status !== "closed") throw refuse("notOpen");
    const entries = await tx.paperTotal.findMany({ where: { pollId }, select: { enteredById: true } });
    if (entries.some((e) => e.enteredById === enteredById)) throw refuse("sameTeller");
    if (entries.length >= 2) throw refuse("totalsComplete");
    await tx.paperTotal.create({ data: { pollId, enteredById, totals: input.totals, ballots: input.ballots } });
  });
}

/**
 * Two entries that disagree cannot be corrected one by one (nobody may see which is wrong before
 * publication): whoever manages the poll discards both, and two tellers count again. Only while
 * they disagree and the poll is open or closed; the audit keeps both entries (counts, not ballots).
 */
export async function discardPaperTotals(pollId: string, actorId: string) {
  // Read before the transaction: on PGlite's single connection a read outside it would wait for it.
  const actor = await actorById(actorId);
  return transaction(async (tx) => {
    const poll = await tx.$queryRaw<{ status: string; networkId: string }[]>`
      SELECT p."status", a."networkId" FROM "Poll" p JOIN "Assembly" a ON a."id" = p."assemblyId" WHERE p."id" = ${pollId} FOR UPDATE OF p`;
    if (!poll[0]) throw notFound();
    if (!can(actor, "poll.manage", { networkId: poll[0].networkId })) throw new DomainError("forbidden", "error.forbidden");
    if (poll[0].status !== "open" && poll[0].status !== "closed") throw refuse("totalsNotDiscardable");
    if ((await paperTotalsState(pollId, tx)).state !== "disagree") throw refuse("totalsNotDiscardable");
    const entries = await tx.paperTotal.findMany({
      where: { pollId },
      select: { enteredById: true, totals: true, ballots: true },
      orderBy: { enteredById: "asc" },
    });
    await tx.paperTotal.deleteMany({ where: { pollId } });
    await audit(tx, {
      networkId: poll[0].networkId,
      actorId,
      action: "poll.paperTotals.discard",
      entityType: "Poll",
      entityId: pollId,
      before: { entries },
    });
  });
}

const sameTotals = (a: unknown, b: unknown) => JSON.stringify(Object.entries(a as object).sort()) === JSON.stringify(Object.entries(b as object).sort());

/** none, one entry, two that agree (their totals), or two that disagree. */
export async function paperTotalsState(pollId: string, tx: Pick<Tx, "paperTotal"> = prisma) {
  const entries = await tx.paperTotal.findMany({ where: { pollId }, select: { totals: true, ballots: true } });
  if (entries.length === 0) return { state: "none" as const };
  if (entries.length === 1) return { state: "one" as const };
  const [a, b] = entries;
  if (a.ballots === b.ballots && sameTotals(a.totals, b.totals))
    return { state: "agree" as const, totals: a.totals as Record<string, number>, ballots: a.ballots };
  return { state: "disagree" as const };
}

/** "n of N organisations have voted": all that is shown while the poll is open. */
export async function progress(pollId: string) {
  const [voted, entitled] = await Promise.all([
    prisma.entitlement.count({ where: { pollId, votedAt: { not: null } } }),
    prisma.entitlement.count({ where: { pollId } }),
  ]);
  return { voted, entitled };
}

// --- Closing and publishing ----------------------------------------------------------------------

/** Fisher–Yates with the system's CSPRNG. */
function shuffled<T>(items: T[]) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Closes the poll and rewrites its ballot box: in one transaction, open → closing, every ballot
 * deleted and inserted again (same id, choices, tracker, nonce) in a random order, → closed. All
 * ballots then carry this transaction's xmin and lie in the shuffled order. The attendance at
 * closing (the quorum's facts) is kept with the poll. VACUUM then frees the old row versions.
 */
export async function closePoll(pollId: string, actorId: string) {
  const result = await transaction(async (tx) => {
    const poll = await loadPoll(tx, pollId);
    const refusal = pollRefusal(poll.status, "close");
    if (refusal) throw new DomainError("conflict", refusal);
    await move(tx, pollId, "close", {}, "closing");
    const ballots = await tx.ballot.findMany({ where: { pollId }, select: { id: true, choices: true, tracker: true, nonce: true } });
    await tx.ballot.deleteMany({ where: { pollId } });
    if (ballots.length > 0) {
      await tx.ballot.createMany({ data: shuffled(ballots).map((b) => ({ ...b, pollId, choices: b.choices as Prisma.InputJsonValue })) });
    }
    // The facts the tally recounts from (who was present or represented, the quorum's numbers);
    // who may cast for whom is derived from them again, so it is not stored twice.
    const { roll, present, represented, quorum } = await presenceFacts(poll.assemblyId, tx);
    const presence = { roll, present, represented, quorum };
    const voted = await tx.entitlement.count({ where: { pollId, votedAt: { not: null } } });
    const entitled = await tx.entitlement.count({ where: { pollId } });
    const updated = await tx.poll.updateMany({
      where: { id: pollId, status: "closing" },
      data: { status: "closed", closedAt: now(), attendanceAtClose: { ...presence, voted, entitled } },
    });
    if (updated.count !== 1) throw new DomainError("conflict", POLL_RULES.close.refused);
    await audit(tx, { networkId: poll.assembly.networkId, actorId, action: "poll.close", entityType: "Poll", entityId: pollId, after: { voted, entitled } });
    return { ballots: ballots.length, voted, entitled };
  });
  // Outside any transaction (VACUUM cannot run in one). Housekeeping only: autovacuum would do it
  // later; a failure here leaves the poll correctly closed.
  await prisma.$executeRawUnsafe(`VACUUM "Ballot"`).catch(() => undefined);
  return result;
}

export type TallyInput = {
  poll: { id: string; kind: string; majorityRule: string | null; base: string | null; choiceSet: string | null; seats: number | null; rules: unknown };
  ballots: { tracker: string; choices: string[] }[];
  candidates: { organisationId: string; college: string | null }[];
  attendanceAtClose: unknown;
  paperTotals: Awaited<ReturnType<typeof paperTotalsState>>;
  /** The draw's seed, revealed now (hex), or null. */
  lotsSeed: string | null;
};

function countOrRefuse(input: TallyInput) {
  try {
    return tallyPoll(input) as unknown as Prisma.InputJsonValue;
  } catch (error) {
    // Settings or paper totals that no count can satisfy (checked before, so rare): said, not a 500.
    if (error instanceof TallyError) throw new DomainError("invalid", "assemblies.error.poll.tally");
    throw error;
  }
}

/** Publishes the result of the closed box (tallyPoll); the seed becomes readable. */
export async function publishPoll(pollId: string, actorId: string) {
  return transaction(async (tx) => {
    const poll = await loadPoll(tx, pollId);
    const refusal = pollRefusal(poll.status, "publish");
    if (refusal) throw new DomainError("conflict", refusal);
    const [ballots, candidates, paperTotals] = await Promise.all([
      tx.ballot.findMany({ where: { pollId }, select: { tracker: true, choices: true }, orderBy: { tracker: "asc" } }),
      tx.candidate.findMany({ where: { pollId }, select: { organisationId: true, college: true }, orderBy: { organisationId: "asc" } }),
      paperTotalsState(pollId, tx),
    ]);
    if (paperTotals.state === "one" || paperTotals.state === "disagree") throw refuse("paperTotalsPending");
    const result = countOrRefuse({
      poll: { id: poll.id, kind: poll.kind, majorityRule: poll.majorityRule, base: poll.base, choiceSet: poll.choiceSet, seats: poll.seats, rules: poll.rules },
      ballots: ballots.map((b) => ({ tracker: b.tracker, choices: b.choices as string[] })),
      candidates,
      attendanceAtClose: poll.attendanceAtClose,
      paperTotals,
      lotsSeed: poll.lotsSeed,
    });
    await move(tx, pollId, "publish", { publishedAt: now(), result });
    await audit(tx, { networkId: poll.assembly.networkId, actorId, action: "poll.publish", entityType: "Poll", entityId: pollId });
  });
}

/** The published box (tracker → choices, with the nonce to recompute the tracker), in tracker order. Nothing before publication. */
export async function ballotBox(pollId: string) {
  const poll = await prisma.poll.findUnique({ where: { id: pollId }, select: { status: true } });
  if (!poll) throw notFound();
  if (poll.status !== "published") throw refuse("notPublished", "forbidden");
  return prisma.ballot.findMany({ where: { pollId }, select: { tracker: true, choices: true, nonce: true }, orderBy: { tracker: "asc" } });
}

/** The organisations that voted (not how), by id: never in the order they voted. */
export async function votedOrganisations(pollId: string) {
  const rows = await prisma.entitlement.findMany({
    where: { pollId, votedAt: { not: null } },
    select: { organisationId: true },
    orderBy: { organisationId: "asc" },
  });
  return rows.map((r) => r.organisationId);
}

/** A draw's secret seed (hex) and the commitment published when the poll is ready (app/votes/lots.server.ts). */
function lotsSeed() {
  const seed = newSeed();
  return { seed, commitment: seedCommitment(seed) };
}
