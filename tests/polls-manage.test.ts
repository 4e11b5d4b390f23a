// Candidacies of an election (issue 12): the titular delegate of an organisation of the roll
// declares or withdraws its own candidacy while the poll is a draft and before the deadline; the
// coordinator enters or withdraws any candidate of the roll while it is a draft, even after the
// deadline; nobody else, and nobody once the poll is ready. Paper totals that disagree: whoever
// manages the poll discards both (the model and the paper desk page), and two new entries that
// agree let the result be published.
import { describe, expect, test } from "vitest";

import { nameToDesk } from "#app/models/assemblies.server";
import {
  addCandidate,
  closePoll,
  createPoll,
  discardPaperTotals,
  enterPaperTotals,
  markReady,
  paperTotalsState,
  publishPoll,
  recordPaperVoter,
  removeCandidate,
} from "#app/models/polls.server";
import { action as paperAction, loader as paperLoader } from "#app/routes/$network+/assemblies+/$assembly_.polls.$poll_.paper";
import { now, setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { assemblySetting, checkInAll, openResolution } from "#tests/assembly-helpers";
import { createUser, makeDelegate, makeRequest, sessionCookie } from "#tests/factories";
import { call } from "#tests/route-call";

const HOUR = 3_600_000;
const key = (k: string) => ({ key: k });

async function election() {
  const s = await assemblySetting({ members: 4 });
  const poll = await createPoll(s.assembly.id, s.coordinator.id, {
    kind: "election",
    title: "Comité",
    seats: 2,
    candidaciesUntil: new Date(+now() + 2 * HOUR),
  });
  return { s, poll };
}

describe("candidacies", () => {
  test("the deadline is kept for an election only", async () => {
    const { s, poll } = await election();
    expect(poll.candidaciesUntil).toBeInstanceOf(Date);
    const resolution = await createPoll(s.assembly.id, s.coordinator.id, { kind: "resolution", title: "Budget", candidaciesUntil: new Date() });
    expect(resolution.candidaciesUntil).toBeNull();
  });

  test("a titular delegate declares and withdraws its own organisation's candidacy before the deadline", async () => {
    const { s, poll } = await election();
    const [a, b] = s.members;
    await addCandidate(poll.id, a.titularId, { organisationId: a.id });
    expect(await prisma.candidate.findMany({ where: { pollId: poll.id }, select: { organisationId: true, declaredById: true } })).toEqual([
      { organisationId: a.id, declaredById: a.titularId },
    ]);
    // Not another organisation's, not as a substitute.
    await expect(addCandidate(poll.id, a.titularId, { organisationId: b.id })).rejects.toMatchObject(key("error.forbidden"));
    await expect(addCandidate(poll.id, b.substituteId, { organisationId: b.id })).rejects.toMatchObject(key("error.forbidden"));
    await expect(removeCandidate(poll.id, b.titularId, a.id)).rejects.toMatchObject(key("error.forbidden"));
    await removeCandidate(poll.id, a.titularId, a.id);
    expect(await prisma.candidate.count({ where: { pollId: poll.id } })).toBe(0);
    await expect(removeCandidate(poll.id, a.titularId, a.id)).rejects.toMatchObject(key("assemblies.error.poll.notCandidate"));
    const actions = await prisma.auditLog.findMany({ where: { entityId: poll.id }, orderBy: { createdAt: "asc" }, select: { action: true } });
    expect(actions.map((x) => x.action)).toEqual(["poll.create", "poll.candidate.add", "poll.candidate.remove"]);
  });

  test("an applicant's delegate cannot declare: not on the roll", async () => {
    const { s, poll } = await election();
    const applicantDelegate = await createUser();
    await makeDelegate(s.applicant.id, applicantDelegate.id, "titular");
    await expect(addCandidate(poll.id, applicantDelegate.id, { organisationId: s.applicant.id })).rejects.toMatchObject(key("error.forbidden"));
  });

  test("after the deadline the delegate is refused, the coordinator may still enter and withdraw", async () => {
    const { s, poll } = await election();
    const [a, b] = s.members;
    await addCandidate(poll.id, b.titularId, { organisationId: b.id });
    setNow(new Date(+now() + 3 * HOUR));
    try {
      await expect(addCandidate(poll.id, a.titularId, { organisationId: a.id })).rejects.toMatchObject(key("assemblies.error.poll.candidacyDeadline"));
      await expect(removeCandidate(poll.id, b.titularId, b.id)).rejects.toMatchObject(key("assemblies.error.poll.candidacyDeadline"));
      await addCandidate(poll.id, s.coordinator.id, { organisationId: a.id });
      await removeCandidate(poll.id, s.coordinator.id, b.id);
      expect((await prisma.candidate.findMany({ where: { pollId: poll.id } })).map((c) => c.organisationId)).toEqual([a.id]);
    } finally {
      setNow(undefined);
    }
  });

  test("once the poll is ready nobody changes the candidates", async () => {
    const { s, poll } = await election();
    const [a, b] = s.members;
    await addCandidate(poll.id, a.titularId, { organisationId: a.id });
    await markReady(poll.id, s.coordinator.id);
    await expect(addCandidate(poll.id, b.titularId, { organisationId: b.id })).rejects.toMatchObject(key("assemblies.error.poll.candidaciesClosed"));
    await expect(addCandidate(poll.id, s.coordinator.id, { organisationId: b.id })).rejects.toMatchObject(key("assemblies.error.poll.candidaciesClosed"));
    await expect(removeCandidate(poll.id, s.coordinator.id, a.id)).rejects.toMatchObject(key("assemblies.error.poll.candidaciesClosed"));
  });
});

describe("paper totals that disagree", () => {
  /** Two organisations vote on paper; two tellers enter totals that do not match. */
  async function disagreeing() {
    const s = await assemblySetting({ members: 3 });
    const poll = await openResolution(s);
    const [a, b] = s.members.map((m) => m.id);
    await checkInAll(s, [a, b], "paper");
    await recordPaperVoter(poll.id, a);
    await recordPaperVoter(poll.id, b);
    const [t1, t2] = [await createUser(), await createUser()];
    await enterPaperTotals(poll.id, t1.id, { totals: { for: 1, against: 1, abstain: 0, blank: 0 }, ballots: 2 });
    await enterPaperTotals(poll.id, t2.id, { totals: { for: 2, against: 0, abstain: 0, blank: 0 }, ballots: 2 });
    expect(await paperTotalsState(poll.id)).toEqual({ state: "disagree" });
    return { s, poll, t1, t2 };
  }

  test("disagree → discard (audited with both entries) → two new entries that agree → publish", async () => {
    const { s, poll, t1, t2 } = await disagreeing();
    await closePoll(poll.id, s.coordinator.id);
    await expect(publishPoll(poll.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.poll.paperTotalsPending"));
    await discardPaperTotals(poll.id, s.coordinator.id);
    expect(await paperTotalsState(poll.id)).toEqual({ state: "none" });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { entityId: poll.id, action: "poll.paperTotals.discard" } });
    expect(log.actorId).toBe(s.coordinator.id);
    const entries = (log.before as { entries: { enteredById: string; ballots: number; totals: Record<string, number> }[] }).entries;
    expect(entries.map((e) => [e.enteredById, e.totals.for]).sort()).toEqual(
      [
        [t1.id, 1],
        [t2.id, 2],
      ].sort(),
    );
    // The same two tellers may count again.
    await enterPaperTotals(poll.id, t2.id, { totals: { for: 1, against: 1, abstain: 0, blank: 0 }, ballots: 2 });
    await enterPaperTotals(poll.id, t1.id, { totals: { blank: 0, abstain: 0, against: 1, for: 1 }, ballots: 2 });
    expect(await paperTotalsState(poll.id)).toMatchObject({ state: "agree", ballots: 2 });
    await publishPoll(poll.id, s.coordinator.id);
    expect(await prisma.poll.findUniqueOrThrow({ where: { id: poll.id }, select: { status: true } })).toEqual({ status: "published" });
    // Published: nothing is discarded any more.
    await expect(discardPaperTotals(poll.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.poll.totalsNotDiscardable"));
    expect(await prisma.paperTotal.count({ where: { pollId: poll.id } })).toBe(2);
  });

  test("refused when the entries agree, when there is only one, and for anyone who does not manage the poll", async () => {
    const { s, poll, t1 } = await disagreeing();
    const [a] = s.members;
    await expect(discardPaperTotals(poll.id, a.titularId)).rejects.toMatchObject(key("error.forbidden"));
    const outsider = await createUser();
    await expect(discardPaperTotals(poll.id, outsider.id)).rejects.toMatchObject(key("error.forbidden"));
    expect(await paperTotalsState(poll.id)).toEqual({ state: "disagree" });
    await discardPaperTotals(poll.id, s.coordinator.id);
    await expect(discardPaperTotals(poll.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.poll.totalsNotDiscardable"));
    await enterPaperTotals(poll.id, t1.id, { totals: { for: 1, against: 1 }, ballots: 2 });
    await expect(discardPaperTotals(poll.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.poll.totalsNotDiscardable"));
    await enterPaperTotals(poll.id, s.coordinator.id, { totals: { for: 1, against: 1 }, ballots: 2 });
    expect((await paperTotalsState(poll.id)).state).toBe("agree");
    await expect(discardPaperTotals(poll.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.poll.totalsNotDiscardable"));
    expect(await prisma.paperTotal.count({ where: { pollId: poll.id } })).toBe(2);
    expect(await prisma.auditLog.count({ where: { entityId: poll.id, action: "poll.paperTotals.discard" } })).toBe(1);
  });

  test("the paper desk page: the button and its confirmation for the coordinator; a teller named to the desk and a delegate are refused", async () => {
    const { s, poll } = await disagreeing();
    const [a, b] = s.members;
    await nameToDesk(s.assembly.id, s.coordinator.id, b.substituteId);
    const path = `/${s.network.slug}/assemblies/${s.assembly.id}/polls/${poll.id}/paper`;
    const params = { network: s.network.slug, assembly: s.assembly.id, poll: poll.id };
    const coordinator = await sessionCookie(s.coordinator.id);
    const teller = await sessionCookie(b.substituteId);
    const delegate = await sessionCookie(a.titularId);
    type Desk = { totalsState: string; canRestart: boolean; confirmRestart: boolean; error: string | null; done: string | null };
    const page = async (cookie: string, query = "") => call(paperLoader, makeRequest(path + query, { cookie }), params);
    const post = async (cookie: string) => call(paperAction, makeRequest(path, { method: "POST", cookie, form: { intent: "restart" } }), params);

    expect((await page(coordinator)).body).toMatchObject({ totalsState: "disagree", canRestart: true, confirmRestart: false });
    expect((await page(coordinator, "?confirm=restart")).body).toMatchObject({ canRestart: true, confirmRestart: true });
    // The teller keeps the desk but does not manage the poll: told to call the coordination, refused if it posts.
    expect((await page(teller)).body).toMatchObject({ totalsState: "disagree", canRestart: false });
    expect((await post(teller)).status).toBe(403);
    // An ordinary delegate does not even see the desk.
    expect((await page(delegate)).status).toBe(403);
    expect((await post(delegate)).status).toBe(403);
    expect(await prisma.paperTotal.count({ where: { pollId: poll.id } })).toBe(2);

    const done = await post(coordinator);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ done: "vote.paper.restart.done", totalsState: "none", canRestart: false });
    expect(await prisma.paperTotal.count({ where: { pollId: poll.id } })).toBe(0);
    const again = await post(coordinator);
    expect(again.status).toBe(409);
    expect((again.body as Desk).error).toBe("assemblies.error.poll.totalsNotDiscardable");
  });
});
