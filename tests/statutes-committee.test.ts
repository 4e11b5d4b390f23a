// The statutes settings page and the comité page (issue 12, items 1 and 2): their loaders and
// actions called as Remix calls them, against the real database.
import { describe, expect, test } from "vitest";

import { getStatutes, recordSeat } from "#app/models/assemblies.server";
import { closePoll, openPoll, publishPoll } from "#app/models/polls.server";
import * as statutesPage from "#app/routes/$network+/admin+/statutes";
import * as committeePage from "#app/routes/$network+/committee";
import * as groupsPage from "#app/routes/$network+/groups+/_index";
import { dateKey } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { assemblySetting, checkInAll, readyElection, voteEach } from "#tests/assembly-helpers";
import { createGroup, makeRequest, sessionCookie } from "#tests/factories";
import { call } from "#tests/route-call";

const statutesForm = (over: Record<string, string | string[]> = {}) => ({
  "quorumFirst.kind": "fraction",
  "quorumFirst.numerator": "1",
  "quorumFirst.denominator": "2",
  "quorumFirst.comparison": "moreThan",
  "quorumSecond.kind": "none",
  "quorumSecond.comparison": "atLeast",
  maxProxiesPerHolder: "2",
  majorityRules: ["simple", "two-thirds"],
  tieRule: "second-round",
  committeeSeats: "5",
  noticeDays: "21",
  "colleges[0].name": "Services publics",
  "colleges[0].minSeats": "2",
  "colleges[0].maxSeats": "3",
  "colleges[1].name": "Associations",
  "colleges[1].minSeats": "2",
  "colleges[1].maxSeats": "",
  "colleges[2].name": "",
  "colleges[2].minSeats": "",
  "colleges[2].maxSeats": "",
  ...over,
});

type Reply = { error?: Record<string, string[]> };

describe("statutes settings (/:network/admin/statutes)", () => {
  test("the coordinator reads and saves the statutes; a blank college row is no college; audited", async () => {
    const s = await assemblySetting({ convene: false });
    const cookie = await sessionCookie(s.coordinator.id);
    const params = { network: s.network.slug };
    const path = `/${s.network.slug}/admin/statutes`;
    const read = await call(statutesPage.loader, makeRequest(path, { cookie }), params);
    expect(read.status).toBe(200);
    const saved = await call(statutesPage.action, makeRequest(path, { cookie, method: "POST", form: statutesForm() }), params);
    expect(saved.status).toBe(302);
    expect(await getStatutes(s.network.id)).toEqual({
      quorumFirst: { numerator: 1, denominator: 2, comparison: "moreThan" },
      quorumSecond: null,
      maxProxiesPerHolder: 2,
      majorityRules: ["simple", "two-thirds"],
      tieRule: "second-round",
      committeeSeats: 5,
      noticeDays: 21,
      colleges: [
        { name: "Services publics", minSeats: 2, maxSeats: 3 },
        { name: "Associations", minSeats: 2, maxSeats: null },
      ],
    });
    const audited = await prisma.auditLog.findMany({ where: { networkId: s.network.id, action: "statutes.update", actorId: s.coordinator.id } });
    expect(audited.length).toBeGreaterThanOrEqual(2); // the helper's settings, then the page's
  });

  test("bad input: 400 with the message beside each field, nothing saved", async () => {
    const s = await assemblySetting({ convene: false });
    const cookie = await sessionCookie(s.coordinator.id);
    const params = { network: s.network.slug };
    const path = `/${s.network.slug}/admin/statutes`;
    const before = await getStatutes(s.network.id);
    const bad = await call(
      statutesPage.action,
      makeRequest(path, {
        cookie,
        method: "POST",
        form: statutesForm({ "quorumFirst.numerator": "3", maxProxiesPerHolder: "-1", majorityRules: [], tieRule: "coin", noticeDays: "abc" }),
      }),
      params,
    );
    expect(bad.status).toBe(400);
    const errors = (bad.body as Reply).error!;
    expect(errors.quorumFirst).toEqual(["assemblies.error.quorum"]);
    expect(errors.maxProxiesPerHolder).toEqual(["assemblies.error.maxProxies"]);
    expect(errors.majorityRules).toEqual(["assemblies.error.majorityRules"]);
    expect(errors.tieRule).toEqual(["assemblies.error.tieRule"]);
    expect(errors.noticeDays).toEqual(["assemblies.error.noticeDays"]);
    // The whole checked by the model: the colleges' minimums exceed the seats.
    const tooMany = await call(statutesPage.action, makeRequest(path, { cookie, method: "POST", form: statutesForm({ committeeSeats: "3" }) }), params);
    expect(tooMany.status).toBe(400);
    expect((tooMany.body as Reply).error!.colleges).toEqual(["assemblies.error.collegeSeats"]);
    expect(await getStatutes(s.network.id)).toEqual(before);
  });

  test("a delegate is refused (403), a visitor sent to sign in, nothing saved", async () => {
    const s = await assemblySetting({ convene: false });
    const params = { network: s.network.slug };
    const path = `/${s.network.slug}/admin/statutes`;
    const before = await getStatutes(s.network.id);
    const cookie = await sessionCookie(s.members[0]!.titularId);
    expect((await call(statutesPage.loader, makeRequest(path, { cookie }), params)).status).toBe(403);
    expect((await call(statutesPage.action, makeRequest(path, { cookie, method: "POST", form: statutesForm() }), params)).status).toBe(403);
    expect((await call(statutesPage.action, makeRequest(path, { method: "POST", form: statutesForm() }), params)).status).toBe(302);
    expect(await getStatutes(s.network.id)).toEqual(before);
  });
});

type Page = { seats: { organisation: { id: string } }[]; groupSlug: string | null; manage: { published: { id: string }[]; members: { id: string }[] } | null };
const openSeats = (networkId: string) => prisma.committeeSeat.findMany({ where: { networkId, endedAt: null }, orderBy: { organisation: { name: "asc" } } });

describe("the comité d'accompagnement (/:network/committee)", () => {
  test("a seat recorded by hand, shown to a visitor, ended; bad input answers 400 beside the field; a delegate is refused", async () => {
    const s = await assemblySetting({ members: 3, convene: false, statutes: { colleges: [{ name: "Associations", minSeats: 0, maxSeats: null }] } });
    const [a] = s.members;
    const cookie = await sessionCookie(s.coordinator.id);
    const params = { network: s.network.slug };
    const path = `/${s.network.slug}/committee`;
    const today = dateKey(now());
    const post = (form: Record<string, string>, c = cookie) => call(committeePage.action, makeRequest(path, { cookie: c, method: "POST", form }), params);

    const bad = await post({ intent: "record", organisationId: s.applicant.id, college: "Associations", mandateFrom: "2026-02-30" });
    expect(bad.status).toBe(400);
    expect((bad.body as { result: Reply }).result.error!.mandateFrom).toEqual(["committee.error.date"]);
    const notMember = await post({ intent: "record", organisationId: s.applicant.id, college: "Associations", mandateFrom: today });
    expect(notMember.status).toBe(400);
    expect((notMember.body as { result: Reply }).result.error!.organisationId).toEqual(["assemblies.error.notMember"]);
    const noCollege = await post({ intent: "record", organisationId: a!.id, mandateFrom: today });
    expect(noCollege.status).toBe(400);
    expect((noCollege.body as { result: Reply }).result.error!.college).toEqual(["assemblies.error.college"]);
    const delegate = await sessionCookie(a!.titularId);
    expect((await post({ intent: "record", organisationId: a!.id, college: "Associations", mandateFrom: today }, delegate)).status).toBe(403);
    expect(await openSeats(s.network.id)).toEqual([]);

    expect((await post({ intent: "record", organisationId: a!.id, college: "Associations", mandateFrom: today, mandateTo: "" })).status).toBe(302);
    const seats = await openSeats(s.network.id);
    expect(seats.map((x) => [x.organisationId, x.college])).toEqual([[a!.id, "Associations"]]);

    // A visitor reads the seated organisations, without the coordinator's tools.
    const visitor = (await call(committeePage.loader, makeRequest(path), params)).body as Page;
    expect(visitor.seats.map((x) => x.organisation.id)).toEqual([a!.id]);
    expect(visitor.manage).toBeNull();
    expect(visitor.groupSlug).toBeTruthy();
    const manager = (await call(committeePage.loader, makeRequest(path, { cookie }), params)).body as Page;
    expect(manager.manage!.members.map((m) => m.id).sort()).toEqual(s.members.map((m) => m.id).sort());

    expect((await post({ intent: "end", seatId: seats[0]!.id }, delegate)).status).toBe(403);
    expect((await post({ intent: "end", seatId: seats[0]!.id })).status).toBe(302);
    expect(await openSeats(s.network.id)).toEqual([]);
    const again = await post({ intent: "end", seatId: seats[0]!.id });
    expect(again.status).toBe(409);
    expect((again.body as { result: Reply }).result.error![""]).toEqual(["assemblies.error.seatEnded"]);
  });

  test("the elected of a published election are installed from the page, once", async () => {
    const s = await assemblySetting({ members: 4 });
    const [a, b, c, d] = s.members.map((m) => m.id);
    const cookie = await sessionCookie(s.coordinator.id);
    const params = { network: s.network.slug };
    const path = `/${s.network.slug}/committee`;
    await recordSeat(s.network.id, s.coordinator.id, { organisationId: a!, mandateFrom: new Date(`${dateKey(now())}T00:00:00.000Z`) });
    const poll = await readyElection(s, [b!, c!, d!], 2);
    await openPoll(poll.id, s.coordinator.id);
    await checkInAll(s, [a!, b!, c!]);
    await voteEach(poll.id, [a!, b!, c!], () => [b!, c!]);
    await closePoll(poll.id, s.coordinator.id);
    const post = (form: Record<string, string>, c2 = cookie) => call(committeePage.action, makeRequest(path, { cookie: c2, method: "POST", form }), params);

    // Closed, not published: refused, nothing installed.
    const early = await post({ intent: "install", pollId: poll.id, mandateFrom: "2027-01-01" });
    expect(early.status).toBe(409);
    await publishPoll(poll.id, s.coordinator.id);
    let page = (await call(committeePage.loader, makeRequest(path, { cookie }), params)).body as Page;
    expect(page.manage!.published.map((p) => p.id)).toEqual([poll.id]);

    expect((await post({ intent: "install", pollId: poll.id, mandateFrom: "2027-01-01" }, await sessionCookie(s.members[0]!.titularId))).status).toBe(403);
    const bad = await post({ intent: "install", pollId: poll.id, mandateFrom: "2027-01-01", mandateTo: "2026-01-01" });
    expect(bad.status).toBe(400);
    expect((bad.body as { result: Reply }).result.error!.mandateTo).toEqual(["assemblies.error.mandate"]);
    expect((await openSeats(s.network.id)).map((x) => x.organisationId)).toEqual([a]);

    expect((await post({ intent: "install", pollId: poll.id, mandateFrom: "2027-01-01", mandateTo: "2030-12-31" })).status).toBe(302);
    const seated = await openSeats(s.network.id);
    expect(seated.map((x) => x.organisationId).sort()).toEqual([b, c].sort());
    expect(seated.every((x) => x.electedInPollId === poll.id && dateKey(x.mandateFrom) === "2027-01-01")).toBe(true);
    page = (await call(committeePage.loader, makeRequest(path, { cookie }), params)).body as Page;
    expect(page.manage!.published).toEqual([]);
    expect((await post({ intent: "install", pollId: poll.id, mandateFrom: "2027-01-01" })).status).toBe(409);
  });

  test("the committee group is not listed among the working groups", async () => {
    const s = await assemblySetting({ members: 1, convene: false });
    await recordSeat(s.network.id, s.coordinator.id, { organisationId: s.members[0]!.id, mandateFrom: new Date(`${dateKey(now())}T00:00:00.000Z`) });
    await createGroup(s.network.id);
    const cookie = await sessionCookie(s.coordinator.id);
    const list = (await call(groupsPage.loader, makeRequest(`/${s.network.slug}/groups`, { cookie }), { network: s.network.slug })).body as {
      groups: { slug: string }[];
    };
    expect(list.groups.length).toBe(1);
    expect(list.groups.some((g) => g.slug === "comite-accompagnement")).toBe(false);
  });
});
