// The statutes settings page and the comité page (issue 12, items 1 and 2): their loaders and
// actions called as Remix calls them, against the real database.
import { describe, expect, test } from "vitest";

import { getStatutes } from "#app/models/assemblies.server";
import * as statutesPage from "#app/routes/$network+/admin+/statutes";
import { prisma } from "#app/utils/db.server";
import { assemblySetting } from "#tests/assembly-helpers";
import { makeRequest, sessionCookie } from "#tests/factories";
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
