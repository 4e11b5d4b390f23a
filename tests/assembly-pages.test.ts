// The general assembly pages on a real database, through their loaders and actions: a coordinator
// creates an assembly (bad input is a 400 with the fields' messages and saves nothing), adds an
// agenda item and convenes it (a notice too short is refused with its key); a delegate checks
// their organisation in online and gives its proxy, the model's refusals answered beside the
// field; visitors, outsiders and other networks are refused as the rules say.
import { afterEach, describe, expect, test } from "vitest";

import { loader as listLoader } from "#app/routes/$network+/assemblies+/_index";
import { action as pageAction, loader as pageLoader } from "#app/routes/$network+/assemblies+/$assembly";
import { action as newAction, loader as newLoader } from "#app/routes/$network+/assemblies+/new";
import { addDays, todayInBrussels } from "#app/utils/brussels-time";
import { now, setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { assemblySetting } from "#tests/assembly-helpers";
import { createNetwork, createUser, makeCoordinator, makeRequest, sessionCookie } from "#tests/factories";
import { call } from "#tests/route-call";

afterEach(async () => {
  setNow(undefined);
  await prisma.outboxEmail.deleteMany();
});

type Reply = { intent: string; result: { status?: string; error?: Record<string, string[] | null> } };

describe("a coordinator creates and convenes an assembly", () => {
  test("bad input is a 400 with each field's message, and nothing is saved", async () => {
    const s = await assemblySetting({ convene: false });
    const cookie = await sessionCookie(s.coordinator.id);
    const path = `/${s.network.slug}/assemblies/new`;
    const params = { network: s.network.slug };
    expect((await call(newLoader, makeRequest(path, { cookie }), params)).status).toBe(200);
    const before = await prisma.assembly.count({ where: { networkId: s.network.id } });
    const bad = await call(
      newAction,
      makeRequest(path, {
        method: "POST",
        cookie,
        form: { kind: "annual", convocation: "first", title: "", date: "2027-02-30", startTime: "25:00", endTime: "", place: "", videoUrl: "visio" },
      }),
      params,
    );
    expect(bad.status).toBe(400);
    const errors = (bad.body as { error: Record<string, string[]> }).error;
    expect(errors.kind).toEqual(["assemblies.error.kind"]);
    expect(errors.title).toEqual(["form.required"]);
    expect(errors.date).toEqual(["assembly.form.invalidDate"]);
    expect(errors.startTime).toEqual(["assembly.form.invalidTime"]);
    expect(errors.videoUrl).toEqual(["assembly.form.invalidUrl"]);
    expect(await prisma.assembly.count({ where: { networkId: s.network.id } })).toBe(before);
  });

  test("creates a draft, adds an agenda item, convenes it: the roll is frozen and the page shows the quorum", async () => {
    const s = await assemblySetting({ convene: false });
    const cookie = await sessionCookie(s.coordinator.id);
    const params = { network: s.network.slug };
    const date = addDays(todayInBrussels(now()), 40);
    const created = await call(
      newAction,
      makeRequest(`/${s.network.slug}/assemblies/new`, {
        method: "POST",
        cookie,
        form: { kind: "extraordinary", convocation: "first", title: "AG extraordinaire", date, startTime: "18:30", endTime: "21:00", place: "Salle des fêtes" },
      }),
      params,
    );
    expect(created.status).toBe(302);
    const assembly = await prisma.assembly.findFirstOrThrow({ where: { networkId: s.network.id, title: "AG extraordinaire" } });
    expect(created.headers.get("Location")).toBe(`/${s.network.slug}/assemblies/${assembly.id}`);
    expect(assembly).toMatchObject({ status: "draft", kind: "extraordinary" });
    // 18:30 in Brussels (winter or summer): 16:30 or 17:30 UTC.
    expect([16, 17]).toContain(assembly.startsAt.getUTCHours());

    const path = `/${s.network.slug}/assemblies/${assembly.id}`;
    const pageParams = { network: s.network.slug, assembly: assembly.id };
    const post = (form: Record<string, string>, c = cookie) => call(pageAction, makeRequest(path, { method: "POST", cookie: c, form }), pageParams);

    const page = await call(pageLoader, makeRequest(path, { cookie }), pageParams);
    expect(page.status).toBe(200);
    // Six member organisations, two delegates each; the applicant has not signed.
    expect((page.body as { convocation: unknown }).convocation).toEqual({ organisations: 6, delegates: 12 });

    expect((await post({ intent: "agenda", title: "" })).status).toBe(400);
    expect((await post({ intent: "agenda", title: "Approbation des comptes" })).status).toBe(302);
    expect(await prisma.assemblyAgendaItem.count({ where: { assemblyId: assembly.id } })).toBe(1);
    expect((await post({ intent: "agenda", title: "Divers" })).status).toBe(302);
    const divers = await prisma.assemblyAgendaItem.findFirstOrThrow({ where: { assemblyId: assembly.id, title: "Divers" } });
    const unknown = await post({ intent: "removeAgendaItem", itemId: "not-an-item" });
    expect(unknown.status).toBe(400);
    expect((unknown.body as Reply).result.error?.[""]).toEqual(["assemblies.error.agendaItem"]);
    expect((await post({ intent: "removeAgendaItem", itemId: divers.id })).status).toBe(302);
    expect(await prisma.assemblyAgendaItem.count({ where: { assemblyId: assembly.id } })).toBe(1);

    // A delegate may not convene.
    expect((await post({ intent: "convene" }, await sessionCookie(s.members[0].titularId))).status).toBe(404);
    expect((await post({ intent: "convene" })).status).toBe(302);
    expect(await prisma.rollEntry.count({ where: { assemblyId: assembly.id } })).toBe(6);
    const again = await post({ intent: "convene" });
    expect(again.status).toBe(409);
    expect((again.body as Reply).result.error?.[""]).toEqual(["assemblies.error.alreadyConvened"]);
    // Once convened, the agenda is what the convocation said.
    expect((await post({ intent: "agenda", title: "Point de plus" })).status).toBe(409);
    const first = await prisma.assemblyAgendaItem.findFirstOrThrow({ where: { assemblyId: assembly.id } });
    expect((await post({ intent: "removeAgendaItem", itemId: first.id })).status).toBe(409);

    const convened = (await call(pageLoader, makeRequest(path, { cookie }), pageParams)).body as {
      quorum: { rollSize: number; present: number; required: number; reached: boolean };
      roll: unknown[];
    };
    expect(convened.roll).toHaveLength(6);
    expect(convened.quorum).toMatchObject({ rollSize: 6, present: 0, required: 3, reached: false });
  });

  test("a notice too short is refused with its key", async () => {
    const s = await assemblySetting({ convene: false });
    const cookie = await sessionCookie(s.coordinator.id);
    const soon = await prisma.assembly.create({
      data: { networkId: s.network.id, title: "Trop tôt", startsAt: new Date(+now() + 3 * 86_400_000), place: "Ici", uid: `soon-${s.network.id}` },
    });
    const path = `/${s.network.slug}/assemblies/${soon.id}`;
    const refused = await call(pageAction, makeRequest(path, { method: "POST", cookie, form: { intent: "convene" } }), {
      network: s.network.slug,
      assembly: soon.id,
    });
    expect(refused.status).toBe(400);
    expect((refused.body as Reply).result.error?.[""]).toEqual(["assemblies.error.noticeTooShort"]);
    expect(await prisma.rollEntry.count({ where: { assemblyId: soon.id } })).toBe(0);
  });
});

describe("delegates at the assembly", () => {
  test("a delegate checks in online and gives a proxy; refused proxies answer the model's key beside the field", async () => {
    const s = await assemblySetting();
    const [a, b, c, d] = s.members;
    const path = `/${s.network.slug}/assemblies/${s.assembly.id}`;
    const params = { network: s.network.slug, assembly: s.assembly.id };
    const post = async (userId: string, form: Record<string, string>) =>
      call(pageAction, makeRequest(path, { method: "POST", cookie: await sessionCookie(userId), form }), params);

    const mine = (await call(pageLoader, makeRequest(path, { cookie: await sessionCookie(a.substituteId) }), params)).body as {
      mine: { id: string; canCheckIn: boolean; canGiveProxy: boolean }[];
    };
    expect(mine.mine).toEqual([expect.objectContaining({ id: a.id, canCheckIn: true, canGiveProxy: false })]);

    // The substitute checks their organisation in online.
    expect((await post(a.substituteId, { intent: "checkInSelf", organisationId: a.id })).status).toBe(302);
    expect(await prisma.assemblyAttendance.findFirst({ where: { assemblyId: s.assembly.id, organisationId: a.id } })).toMatchObject({
      status: "present",
      channel: "online",
      delegateId: a.substituteId,
    });
    // Not for an organisation that is not theirs.
    expect((await post(a.substituteId, { intent: "checkInSelf", organisationId: b.id })).status).toBe(403);

    // B's titular gives B's proxy to A; B's substitute may not.
    expect((await post(b.substituteId, { intent: "giveProxy", giverOrganisationId: b.id, holderOrganisationId: a.id })).status).toBe(403);
    expect((await post(b.titularId, { intent: "giveProxy", giverOrganisationId: b.id, holderOrganisationId: a.id })).status).toBe(302);

    // C may not give its proxy to B, which gave its own (no chains): the key, beside the holder field.
    const chain = await post(c.titularId, { intent: "giveProxy", giverOrganisationId: c.id, holderOrganisationId: b.id });
    expect(chain.status).toBe(409);
    expect(chain.body).toEqual({
      intent: `giveProxy:${c.id}`,
      result: expect.objectContaining({ error: { holderOrganisationId: ["assemblies.error.proxy.holderGaveOne"] } }),
    });
    const self = await post(d.titularId, { intent: "giveProxy", giverOrganisationId: d.id, holderOrganisationId: d.id });
    expect(self.status).toBe(400);
    expect((self.body as Reply).result.error).toEqual({ holderOrganisationId: ["assemblies.error.proxy.self"] });
    const empty = await post(d.titularId, { intent: "giveProxy", giverOrganisationId: d.id });
    expect(empty.status).toBe(400);
    expect((empty.body as Reply).result.error).toEqual({ holderOrganisationId: ["form.required"] });
    expect(await prisma.proxy.count({ where: { assemblyId: s.assembly.id } })).toBe(1);

    // The live quorum: A present, B represented by A.
    const page = (await call(pageLoader, makeRequest(path, { cookie: await sessionCookie(s.coordinator.id) }), params)).body as {
      quorum: { present: number; represented: number; presentOrRepresented: number; required: number; reached: boolean };
    };
    expect(page.quorum).toMatchObject({ present: 1, represented: 1, presentOrRepresented: 2, required: 3, reached: false });

    // B's titular revokes; A's titular may not revoke B's proxy.
    const proxy = await prisma.proxy.findFirstOrThrow({ where: { assemblyId: s.assembly.id, revokedAt: null } });
    expect((await post(a.titularId, { intent: "revokeProxy", proxyId: proxy.id })).status).toBe(403);
    expect((await post(b.titularId, { intent: "revokeProxy", proxyId: proxy.id })).status).toBe(302);
    expect(await prisma.proxy.count({ where: { assemblyId: s.assembly.id, revokedAt: null } })).toBe(0);
  });

  test("the desk: a coordinator checks in (room, paper, which delegate) and out, records a paper proxy; a delegate may not", async () => {
    const s = await assemblySetting();
    const [a, b] = s.members;
    const path = `/${s.network.slug}/assemblies/${s.assembly.id}`;
    const params = { network: s.network.slug, assembly: s.assembly.id };
    const cookie = await sessionCookie(s.coordinator.id);
    const post = async (form: Record<string, string>, c = cookie) => call(pageAction, makeRequest(path, { method: "POST", cookie: c, form }), params);

    expect((await post({ intent: "checkIn", organisationId: a.id, channel: "room", delegateId: a.titularId })).status).toBe(302);
    expect((await post({ intent: "checkIn", organisationId: b.id, channel: "paper", delegateId: "" })).status).toBe(302);
    expect((await post({ intent: "checkIn", organisationId: b.id, channel: "pigeon" })).status).toBe(400);
    const notOnRoll = await post({ intent: "checkIn", organisationId: s.applicant.id, channel: "room" });
    expect(notOnRoll.status).toBe(400);
    expect((notOnRoll.body as Reply).intent).toBe(`desk:${s.applicant.id}`);
    expect((await post({ intent: "checkOut", organisationId: b.id })).status).toBe(302);
    expect((await post({ intent: "checkOut", organisationId: b.id })).status).toBe(409);
    expect((await post({ intent: "checkIn", organisationId: a.id, channel: "room" }, await sessionCookie(a.titularId))).status).toBe(403);

    // Paper proxies have their own page (with the scan): tests/assembly-documents.test.ts.

    const attendance = await prisma.assemblyAttendance.findMany({ where: { assemblyId: s.assembly.id }, orderBy: { organisationId: "asc" } });
    expect(Object.fromEntries(attendance.map((x) => [x.organisationId, x.status]))).toEqual({ [a.id]: "present", [b.id]: "absent" });
  });

  test("the desk can be kept by a delegate the coordinator names, for this assembly only, until removed", async () => {
    const s = await assemblySetting();
    const [a, b] = s.members;
    const path = `/${s.network.slug}/assemblies/${s.assembly.id}`;
    const params = { network: s.network.slug, assembly: s.assembly.id };
    const coordinator = await sessionCookie(s.coordinator.id);
    const helper = await sessionCookie(b.substituteId);
    const post = async (form: Record<string, string>, c: string) => call(pageAction, makeRequest(path, { method: "POST", cookie: c, form }), params);

    expect((await post({ intent: "checkIn", organisationId: a.id, channel: "room" }, helper)).status).toBe(403);
    // Naming is the coordinators': the delegate cannot name itself; nobody outside the network can be named.
    expect((await post({ intent: "nameDesk", userId: b.substituteId }, helper)).status).toBe(403);
    const outsider = await createUser();
    expect((await post({ intent: "nameDesk", userId: outsider.id }, coordinator)).status).toBe(400);
    expect((await post({ intent: "nameDesk", userId: b.substituteId }, coordinator)).status).toBe(302);
    expect((await post({ intent: "nameDesk", userId: b.substituteId }, coordinator)).status).toBe(409);

    const page = await call(pageLoader, makeRequest(path, { cookie: helper }), params);
    expect((page.body as { canManageDesk: boolean }).canManageDesk).toBe(true);
    expect((await post({ intent: "checkIn", organisationId: a.id, channel: "room" }, helper)).status).toBe(302);
    expect((await post({ intent: "checkOut", organisationId: a.id }, helper)).status).toBe(302);
    // The desk is not the coordination: the named person cannot convene, cancel or record a paper proxy.
    expect((await post({ intent: "cancel", reason: "Essai" }, helper)).status).toBe(403);

    expect((await post({ intent: "removeDesk", userId: b.substituteId }, coordinator)).status).toBe(302);
    expect((await post({ intent: "checkIn", organisationId: a.id, channel: "room" }, helper)).status).toBe(403);
    const actions = await prisma.auditLog.findMany({ where: { entityId: s.assembly.id, action: { startsWith: "assembly.desk" } }, select: { action: true } });
    expect(actions.map((x) => x.action).sort()).toEqual(["assembly.desk.name", "assembly.desk.remove"]);
  });

  test("a coordinator cancels with a reason; no reason is a 400", async () => {
    const s = await assemblySetting();
    const path = `/${s.network.slug}/assemblies/${s.assembly.id}`;
    const params = { network: s.network.slug, assembly: s.assembly.id };
    const cookie = await sessionCookie(s.coordinator.id);
    const empty = await call(pageAction, makeRequest(path, { method: "POST", cookie, form: { intent: "cancel", reason: "" } }), params);
    expect(empty.status).toBe(400);
    expect((empty.body as Reply).result.error).toEqual({ reason: ["assemblies.error.reason"] });
    expect(
      (await call(pageAction, makeRequest(path, { method: "POST", cookie, form: { intent: "cancel", reason: "Salle indisponible" } }), params)).status,
    ).toBe(302);
    expect(await prisma.assembly.findUniqueOrThrow({ where: { id: s.assembly.id } })).toMatchObject({
      status: "cancelled",
      cancelReason: "Salle indisponible",
    });
  });
});

describe("who sees the assemblies", () => {
  test("visitors are sent to log in, outsiders and other networks' coordinators refused, drafts hidden from delegates", async () => {
    const s = await assemblySetting();
    const draft = await prisma.assembly.create({
      data: { networkId: s.network.id, title: "Brouillon", startsAt: new Date(+now() + 60 * 86_400_000), place: "Ici", uid: `draft-${s.network.id}` },
    });
    const list = `/${s.network.slug}/assemblies`;
    const params = { network: s.network.slug };
    const anonymous = await call(listLoader, makeRequest(list), params);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);

    const outsider = await createUser();
    expect((await call(listLoader, makeRequest(list, { cookie: await sessionCookie(outsider.id) }), params)).status).toBe(403);
    const elsewhere = await createNetwork();
    const otherCoordinator = await createUser();
    await makeCoordinator(elsewhere.id, otherCoordinator.id);
    const otherCookie = await sessionCookie(otherCoordinator.id);
    expect((await call(listLoader, makeRequest(list, { cookie: otherCookie }), params)).status).toBe(403);
    expect((await call(newLoader, makeRequest(`${list}/new`, { cookie: otherCookie }), params)).status).toBe(403);
    // This network's assembly, read under the other network's address: not found.
    expect(
      (
        await call(pageLoader, makeRequest(`/${elsewhere.slug}/assemblies/${s.assembly.id}`, { cookie: otherCookie }), {
          network: elsewhere.slug,
          assembly: s.assembly.id,
        })
      ).status,
    ).toBe(404);

    const delegateCookie = await sessionCookie(s.members[0].titularId);
    expect((await call(newLoader, makeRequest(`${list}/new`, { cookie: delegateCookie }), params)).status).toBe(403);
    const seen = (await call(listLoader, makeRequest(list, { cookie: delegateCookie }), params)).body as { coming: { id: string }[]; canConvene: boolean };
    expect(seen.coming.map((a) => a.id)).toEqual([s.assembly.id]);
    expect(seen.canConvene).toBe(false);
    expect(
      (await call(pageLoader, makeRequest(`${list}/${draft.id}`, { cookie: delegateCookie }), { network: s.network.slug, assembly: draft.id })).status,
    ).toBe(404);
    const coordinatorSees = (await call(listLoader, makeRequest(list, { cookie: await sessionCookie(s.coordinator.id) }), params)).body as {
      coming: { id: string }[];
    };
    expect(coordinatorSees.coming.map((a) => a.id).sort()).toEqual([s.assembly.id, draft.id].sort());
  });
});
