// Working groups: a coordinator creates and edits groups and names facilitators; member
// organisations (charter signed) join open groups or ask to join, a facilitator decides; each
// organisation names its participants among its delegates. Loaders and actions are called as Remix
// would, on a real database; e-mails are read from the outbox.
import { describe, expect, test } from "vitest";

import { loader as listLoader } from "#app/routes/$network+/groups+/_index";
import { loader as pageLoader } from "#app/routes/$network+/groups+/$group";
import { action as editAction, loader as editLoader } from "#app/routes/$network+/groups+/$group_.edit";
import { action as membersAction, loader as membersLoader } from "#app/routes/$network+/groups+/$group_.members";
import { action as newAction, loader as newLoader } from "#app/routes/$network+/groups+/new";
import { now, setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import {
  addGroupMember,
  createAdhesion,
  createCharterVersion,
  createGroup,
  createMeeting,
  createMinutes,
  createNetwork,
  createOrganisation,
  createUser,
  makeCoordinator,
  makeDelegate,
  makeFacilitator,
  makeRequest,
  sessionCookie,
} from "#tests/factories";
import { call } from "#tests/route-call";

const DAY = 86_400_000;

/**
 * A network with a published charter: orgA and orgB are members (signed), orgC is not. alice is
 * titular of orgA (French), anna staff of orgA (Dutch), bob titular of orgB, carl titular of orgC.
 */
async function setting() {
  const network = await createNetwork();
  const version = await createCharterVersion(network.id);
  const [orgA, orgB, orgC] = await Promise.all([
    createOrganisation(network.id, { name: "Maison d'accueil Alpha" }),
    createOrganisation(network.id, { name: "Service Bêta" }),
    createOrganisation(network.id, { name: "Collectif Gamma" }),
  ]);
  await createAdhesion(network.id, orgA.id, version);
  await createAdhesion(network.id, orgB.id, version);
  const [coordinator, alice, anna, bob, carl, stranger, otherCoordinator] = await Promise.all([
    createUser({ name: "Claire Coordination" }),
    createUser({ name: "Alice Alpha", locale: "fr" }),
    createUser({ name: "Anna Alpha", locale: "nl" }),
    createUser({ name: "Bob Bêta" }),
    createUser({ name: "Carl Gamma" }),
    createUser({ name: "Sans Organisation" }),
    createUser({ name: "Autre Coordination" }),
  ]);
  const otherNetwork = await createNetwork();
  await makeCoordinator(network.id, coordinator.id);
  await makeCoordinator(otherNetwork.id, otherCoordinator.id);
  await makeDelegate(orgA.id, alice.id, "titular");
  await makeDelegate(orgA.id, anna.id, "staff");
  await makeDelegate(orgB.id, bob.id, "titular");
  await makeDelegate(orgC.id, carl.id, "titular");
  const cookies = {
    coordinator: await sessionCookie(coordinator.id),
    alice: await sessionCookie(alice.id),
    anna: await sessionCookie(anna.id),
    bob: await sessionCookie(bob.id),
    carl: await sessionCookie(carl.id),
    stranger: await sessionCookie(stranger.id),
    otherCoordinator: await sessionCookie(otherCoordinator.id),
  };
  return { network, orgA, orgB, orgC, coordinator, alice, anna, bob, carl, stranger, cookies };
}
type S = Awaited<ReturnType<typeof setting>>;
type Group = { slug: string; id: string };

const as = (cookie: string | null) => cookie ?? undefined;
const post = (fn: Parameters<typeof call>[0], path: string, params: Record<string, string>, form: Record<string, string | string[]>, cookie: string | null) =>
  call(fn, makeRequest(path, { method: "POST", form, cookie: as(cookie) }), params);
const get = (fn: Parameters<typeof call>[0], path: string, params: Record<string, string>, cookie: string | null) =>
  call(fn, makeRequest(path, { cookie: as(cookie) }), params);

const groupParams = (s: S, g: Group) => ({ network: s.network.slug, group: g.slug });
const members = (s: S, g: Group, form: Record<string, string | string[]>, cookie: string | null) =>
  post(membersAction, `/${s.network.slug}/groups/${g.slug}/members`, groupParams(s, g), form, cookie);
const edit = (s: S, g: Group, form: Record<string, string>, cookie: string | null) =>
  post(editAction, `/${s.network.slug}/groups/${g.slug}/edit`, groupParams(s, g), form, cookie);
const page = (s: S, g: Group, cookie: string | null) => get(pageLoader, `/${s.network.slug}/groups/${g.slug}`, groupParams(s, g), cookie);
const errorsOf = (body: unknown) =>
  ((body as { result?: { error?: Record<string, string[]> }; error?: Record<string, string[]> }).result ?? (body as { error?: Record<string, string[]> }))
    .error;
const membership = (g: Group, orgId: string) =>
  prisma.groupMembership.findUnique({ where: { groupId_organisationId: { groupId: g.id, organisationId: orgId } } });
const participantsOf = async (g: Group, orgId: string) =>
  (await prisma.groupParticipant.findMany({ where: { groupId: g.id, organisationId: orgId }, select: { userId: true } })).map((p) => p.userId).sort();

describe("creating and editing a group", () => {
  test("a coordinator creates a group; the slug comes from the name; the audit log has it", async () => {
    const s = await setting();
    const path = `/${s.network.slug}/groups/new`;
    expect((await get(newLoader, path, { network: s.network.slug }, s.cookies.coordinator)).status).toBe(200);
    const form = { name: "Petite enfance", theme: "Jeunesse", description: "Échanges entre crèches.\n\nEt les écoles.", joinPolicy: "request" };
    const created = await post(newAction, path, { network: s.network.slug }, form, s.cookies.coordinator);
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toBe(`/${s.network.slug}/groups/petite-enfance/edit`);
    const group = await prisma.workingGroup.findFirstOrThrow({ where: { networkId: s.network.id } });
    expect(group).toMatchObject({ slug: "petite-enfance", name: "Petite enfance", theme: "Jeunesse", joinPolicy: "request", archivedAt: null });
    expect(await prisma.auditLog.findFirst({ where: { action: "group.create", entityId: group.id, actorId: s.coordinator.id } })).not.toBeNull();

    // The same name (whatever the case) is refused beside the field; nothing more is created.
    const again = await post(newAction, path, { network: s.network.slug }, { ...form, name: "PETITE ENFANCE" }, s.cookies.coordinator);
    expect(again.status).toBe(400);
    expect(errorsOf(again.body)).toEqual({ name: ["groups.error.nameTaken"] });
    expect(await prisma.workingGroup.count({ where: { networkId: s.network.id } })).toBe(1);
  });

  test("bad input: 400 with messages beside the fields, nothing stored", async () => {
    const s = await setting();
    const path = `/${s.network.slug}/groups/new`;
    const bad = await post(
      newAction,
      path,
      { network: s.network.slug },
      { name: " ", theme: "x".repeat(81), description: "", joinPolicy: "everyone" },
      s.cookies.coordinator,
    );
    expect(bad.status).toBe(400);
    expect(errorsOf(bad.body)).toMatchObject({ name: ["form.required"], theme: ["form.tooLong"], joinPolicy: ["form.invalidChoice"] });
    expect(await prisma.workingGroup.count({ where: { networkId: s.network.id } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { networkId: s.network.id, action: { startsWith: "group." } } })).toBe(0);
  });

  test("only the network's coordinators create and edit groups", async () => {
    const s = await setting();
    const group = await createGroup(s.network.id);
    await makeFacilitator(group.id, s.bob.id);
    const path = `/${s.network.slug}/groups/new`;
    const form = { name: "Logement", joinPolicy: "open" };
    expect((await get(newLoader, path, { network: s.network.slug }, null)).status).toBe(302);
    for (const cookie of [s.cookies.alice, s.cookies.otherCoordinator, s.cookies.bob]) {
      expect((await get(newLoader, path, { network: s.network.slug }, cookie)).status).toBe(403);
      expect((await post(newAction, path, { network: s.network.slug }, form, cookie)).status).toBe(403);
      expect((await get(editLoader, `/${s.network.slug}/groups/${group.slug}/edit`, groupParams(s, group), cookie)).status).toBe(403);
      expect((await edit(s, group, { intent: "details", name: "Changé", joinPolicy: "open" }, cookie)).status).toBe(403);
    }
    expect(await prisma.workingGroup.count({ where: { networkId: s.network.id } })).toBe(1);
    expect((await prisma.workingGroup.findUniqueOrThrow({ where: { id: group.id } })).name).toBe(group.name);
    // Unknown group: 404.
    expect((await get(editLoader, `/${s.network.slug}/groups/nope/edit`, { network: s.network.slug, group: "nope" }, s.cookies.coordinator)).status).toBe(404);
  });

  test("editing keeps the address; archiving needs a confirmation and closes the group to new members", async () => {
    const s = await setting();
    const group = await createGroup(s.network.id, { name: "Santé", joinPolicy: "open" });
    const saved = await edit(
      s,
      group,
      { intent: "details", name: "Santé mentale", theme: "Santé", description: "Réseau santé", joinPolicy: "request" },
      s.cookies.coordinator,
    );
    expect(saved.status).toBe(302);
    expect(await prisma.workingGroup.findUniqueOrThrow({ where: { id: group.id } })).toMatchObject({
      slug: group.slug,
      name: "Santé mentale",
      joinPolicy: "request",
    });
    const log = await prisma.auditLog.findFirstOrThrow({ where: { action: "group.update", entityId: group.id } });
    expect(log.after).toMatchObject({ name: "Santé mentale", joinPolicy: "request" });

    const unconfirmed = await edit(s, group, { intent: "archive" }, s.cookies.coordinator);
    expect(unconfirmed.status).toBe(400);
    expect(errorsOf(unconfirmed.body)).toEqual({ confirm: ["groups.edit.archiveConfirmRequired"] });
    expect((await prisma.workingGroup.findUniqueOrThrow({ where: { id: group.id } })).archivedAt).toBeNull();

    expect((await edit(s, group, { intent: "archive", confirm: "on" }, s.cookies.coordinator)).status).toBe(302);
    expect((await prisma.workingGroup.findUniqueOrThrow({ where: { id: group.id } })).archivedAt).not.toBeNull();
    const ask = await members(s, group, { intent: "join", organisation: s.orgA.id }, s.cookies.alice);
    expect(ask.status).toBe(400);
    expect(await membership(group, s.orgA.id)).toBeNull();
    // The list hides it from everyone but coordinators, who see it among the archived.
    const visitorList = await get(listLoader, `/${s.network.slug}/groups`, { network: s.network.slug }, null);
    expect((visitorList.body as { groups: unknown[]; archived: unknown[] }).groups).toHaveLength(0);
    const coordList = await get(listLoader, `/${s.network.slug}/groups`, { network: s.network.slug }, s.cookies.coordinator);
    expect((coordList.body as { archived: { slug: string }[] }).archived.map((g) => g.slug)).toEqual([group.slug]);

    expect((await edit(s, group, { intent: "unarchive" }, s.cookies.coordinator)).status).toBe(302);
    expect((await prisma.workingGroup.findUniqueOrThrow({ where: { id: group.id } })).archivedAt).toBeNull();
    expect((await edit(s, group, { intent: "something" }, s.cookies.coordinator)).status).toBe(400);
  });

  test("facilitators are delegates of member organisations, named and removed by a coordinator", async () => {
    const s = await setting();
    const group = await createGroup(s.network.id);
    const options = await get(editLoader, `/${s.network.slug}/groups/${group.slug}/edit`, groupParams(s, group), s.cookies.coordinator);
    // Delegates of orgA and orgB (members); not carl (orgC has not signed), not the stranger.
    expect((options.body as { candidates: { name: string }[] }).candidates.map((c) => c.name)).toEqual(["Alice Alpha", "Anna Alpha", "Bob Bêta"]);

    for (const userId of [s.carl.id, s.stranger.id, "no-such-user"]) {
      const refused = await edit(s, group, { intent: "addFacilitator", userId }, s.cookies.coordinator);
      expect(refused.status).toBe(400);
      expect(errorsOf(refused.body)).toEqual({ userId: ["groups.error.facilitatorNotDelegate"] });
    }
    expect(errorsOf((await edit(s, group, { intent: "addFacilitator", userId: "" }, s.cookies.coordinator)).body)).toEqual({
      userId: ["groups.error.chooseFacilitator"],
    });
    expect(await prisma.groupFacilitator.count({ where: { groupId: group.id } })).toBe(0);

    expect((await edit(s, group, { intent: "addFacilitator", userId: s.bob.id }, s.cookies.coordinator)).status).toBe(302);
    expect((await edit(s, group, { intent: "addFacilitator", userId: s.bob.id }, s.cookies.coordinator)).status).toBe(400);
    expect(await prisma.groupFacilitator.findMany({ where: { groupId: group.id }, select: { userId: true } })).toEqual([{ userId: s.bob.id }]);
    // A facilitator runs the group but does not name other facilitators.
    expect((await edit(s, group, { intent: "addFacilitator", userId: s.alice.id }, s.cookies.bob)).status).toBe(403);

    expect((await edit(s, group, { intent: "removeFacilitator", userId: s.bob.id }, s.cookies.coordinator)).status).toBe(302);
    expect(await prisma.groupFacilitator.count({ where: { groupId: group.id } })).toBe(0);
    expect((await edit(s, group, { intent: "removeFacilitator", userId: s.bob.id }, s.cookies.coordinator)).status).toBe(400);
    expect(await prisma.auditLog.count({ where: { entityId: group.id, action: { in: ["group.facilitator.add", "group.facilitator.remove"] } } })).toBe(2);
  });
});

describe("joining", () => {
  test("a delegate of a member organisation joins an open group at once and takes part for it", async () => {
    const s = await setting();
    const group = await createGroup(s.network.id, { joinPolicy: "open" });
    const view = await get(membersLoader, `/${s.network.slug}/groups/${group.slug}/members`, groupParams(s, group), s.cookies.alice);
    expect(view.body).toMatchObject({ canManage: false, mine: [{ name: "Maison d'accueil Alpha", isMember: true, groupStatus: null }] });

    const joined = await members(s, group, { intent: "join", organisation: s.orgA.id }, s.cookies.alice);
    expect(joined.status).toBe(302);
    expect(await membership(group, s.orgA.id)).toMatchObject({ status: "active", requestedById: s.alice.id });
    expect(await participantsOf(group, s.orgA.id)).toEqual([s.alice.id]);
    expect(await prisma.auditLog.count({ where: { action: "group.join", entityId: group.id } })).toBe(1);
    // Twice: refused, nothing changes.
    expect((await members(s, group, { intent: "join", organisation: s.orgA.id }, s.cookies.anna)).status).toBe(400);
    expect(await prisma.groupMembership.count({ where: { groupId: group.id } })).toBe(1);
  });

  test("only member organisations join, only through their own delegates", async () => {
    const s = await setting();
    const group = await createGroup(s.network.id, { joinPolicy: "open" });
    // orgC has not signed the charter.
    const notMember = await members(s, group, { intent: "join", organisation: s.orgC.id }, s.cookies.carl);
    expect(notMember.status).toBe(400);
    expect(errorsOf(notMember.body)).toEqual({ "": ["groups.error.notMember"] });
    // bob is not a delegate of orgA.
    const notTheirs = await members(s, group, { intent: "join", organisation: s.orgA.id }, s.cookies.bob);
    expect(notTheirs.status).toBe(400);
    expect(errorsOf(notTheirs.body)).toEqual({ "": ["groups.error.notDelegate"] });
    // No organisation chosen, unknown intent.
    expect(errorsOf((await members(s, group, { intent: "join" }, s.cookies.alice)).body)).toEqual({ organisation: ["groups.error.chooseOrganisation"] });
    expect((await members(s, group, { intent: "nope", organisation: s.orgA.id }, s.cookies.alice)).status).toBe(400);
    expect(await prisma.groupMembership.count({ where: { groupId: group.id } })).toBe(0);
    // A person with no organisation in the network, or a coordinator of another network, does not reach the page.
    expect((await get(membersLoader, `/${s.network.slug}/groups/${group.slug}/members`, groupParams(s, group), s.cookies.stranger)).status).toBe(403);
    expect((await get(membersLoader, `/${s.network.slug}/groups/${group.slug}/members`, groupParams(s, group), s.cookies.otherCoordinator)).status).toBe(403);
    expect((await members(s, group, { intent: "join", organisation: s.orgA.id }, s.cookies.stranger)).status).toBe(403);
    expect((await get(membersLoader, `/${s.network.slug}/groups/${group.slug}/members`, groupParams(s, group), null)).status).toBe(302);
    // An organisation whose adhesion lapsed is no longer a member.
    await prisma.adhesion.updateMany({
      where: { organisationId: s.orgB.id },
      data: { status: "ended", endedAt: now(), endKind: "withdrawn", endReason: "test", activeKey: null },
    });
    expect((await members(s, group, { intent: "join", organisation: s.orgB.id }, s.cookies.bob)).status).toBe(400);
    expect(await prisma.groupMembership.count({ where: { groupId: group.id } })).toBe(0);
  });

  test("on request: the facilitator is told, accepts; the organisation's delegates are told in their language", async () => {
    const s = await setting();
    const group = await createGroup(s.network.id, { name: "Migrations", joinPolicy: "request" });
    await makeFacilitator(group.id, s.bob.id);
    const asked = await members(s, group, { intent: "join", organisation: s.orgA.id }, s.cookies.alice);
    expect(asked.status).toBe(302);
    expect(await membership(group, s.orgA.id)).toMatchObject({ status: "pending", requestedById: s.alice.id });
    expect(await participantsOf(group, s.orgA.id)).toEqual([]);
    const toFacilitator = await prisma.outboxEmail.findFirstOrThrow({ where: { to: s.bob.email } });
    expect(toFacilitator.subject).toBe(`${s.network.name} : Maison d'accueil Alpha demande à rejoindre le groupe Migrations`);
    expect(toFacilitator.text).toContain(`/${s.network.slug}/groups/${group.slug}/members`);
    expect((await members(s, group, { intent: "join", organisation: s.orgA.id }, s.cookies.anna)).status).toBe(400);

    // The organisation's own delegate does not accept itself; nor does a plain delegate.
    expect((await members(s, group, { intent: "accept", organisation: s.orgA.id }, s.cookies.alice)).status).toBe(403);
    expect((await membership(group, s.orgA.id))!.status).toBe("pending");

    const managerView = await get(membersLoader, `/${s.network.slug}/groups/${group.slug}/members`, groupParams(s, group), s.cookies.bob);
    expect(managerView.body).toMatchObject({ canManage: true, pending: [{ id: s.orgA.id, name: "Maison d'accueil Alpha", requestedBy: "Alice Alpha" }] });
    const pageForBob = await page(s, group, s.cookies.bob);
    expect(pageForBob.body).toMatchObject({ pendingCount: 1, access: { canManage: true } });

    expect((await members(s, group, { intent: "accept", organisation: s.orgA.id }, s.cookies.bob)).status).toBe(302);
    expect(await membership(group, s.orgA.id)).toMatchObject({ status: "active", decidedById: s.bob.id });
    expect(await participantsOf(group, s.orgA.id)).toEqual([s.alice.id]);
    const told = await prisma.outboxEmail.findMany({ where: { to: { in: [s.alice.email, s.anna.email] } } });
    expect(told.map((e) => e.subject).sort()).toEqual(
      [
        `${s.network.name} : Maison d'accueil Alpha a rejoint le groupe Migrations`,
        `${s.network.name}: Maison d'accueil Alpha is aangesloten bij de werkgroep Migrations`,
      ].sort(),
    );
    // Decided once.
    const twice = await members(s, group, { intent: "decline", organisation: s.orgA.id }, s.cookies.coordinator);
    expect(twice.status).toBe(400);
    expect(errorsOf(twice.body)).toEqual({ "": ["groups.error.notPending"] });
    expect((await membership(group, s.orgA.id))!.status).toBe("active");
    expect(await prisma.auditLog.count({ where: { entityId: group.id, action: { in: ["group.request", "group.accept"] } } })).toBe(2);
  });

  test("a declined organisation is told and may ask again; a group with no facilitator asks the coordinators", async () => {
    const s = await setting();
    const group = await createGroup(s.network.id, { name: "Sans-abri", joinPolicy: "request" });
    expect((await members(s, group, { intent: "join", organisation: s.orgB.id }, s.cookies.bob)).status).toBe(302);
    expect(await prisma.outboxEmail.count({ where: { to: s.coordinator.email } })).toBe(1);
    expect((await members(s, group, { intent: "decline", organisation: s.orgB.id }, s.cookies.coordinator)).status).toBe(302);
    expect((await membership(group, s.orgB.id))!.status).toBe("declined");
    const declined = await prisma.outboxEmail.findFirstOrThrow({ where: { to: s.bob.email } });
    expect(declined.subject).toBe(`${s.network.name} : demande de Service Bêta pour le groupe Sans-abri`);
    expect((await members(s, group, { intent: "join", organisation: s.orgB.id }, s.cookies.bob)).status).toBe(302);
    expect((await membership(group, s.orgB.id))!.status).toBe("pending");
    // Withdrawing one's own request.
    expect((await members(s, group, { intent: "leave", organisation: s.orgB.id }, s.cookies.bob)).status).toBe(302);
    expect((await membership(group, s.orgB.id))!.status).toBe("left");
  });
});

describe("participants and leaving", () => {
  test("an organisation names its participants among its delegates only", async () => {
    const s = await setting();
    const group = await createGroup(s.network.id);
    await addGroupMember(group.id, s.orgA.id, [s.alice.id]);
    const saved = await members(s, group, { intent: "participants", organisation: s.orgA.id, participants: [s.alice.id, s.anna.id] }, s.cookies.anna);
    expect(saved.status).toBe(302);
    expect(await participantsOf(group, s.orgA.id)).toEqual([s.alice.id, s.anna.id].sort());
    expect(await prisma.auditLog.count({ where: { entityId: group.id, action: "group.participants" } })).toBe(1);

    // bob is a delegate of another organisation: refused beside the field, nothing changes.
    const refused = await members(s, group, { intent: "participants", organisation: s.orgA.id, participants: [s.alice.id, s.bob.id] }, s.cookies.alice);
    expect(refused.status).toBe(400);
    expect(errorsOf(refused.body)).toEqual({ participants: ["groups.error.participantNotDelegate"] });
    expect(await participantsOf(group, s.orgA.id)).toEqual([s.alice.id, s.anna.id].sort());
    // Somebody else's organisation, or an organisation not in the group.
    expect((await members(s, group, { intent: "participants", organisation: s.orgA.id, participants: [s.bob.id] }, s.cookies.bob)).status).toBe(400);
    expect((await members(s, group, { intent: "participants", organisation: s.orgB.id, participants: [s.bob.id] }, s.cookies.bob)).status).toBe(400);
    expect(await prisma.groupParticipant.count({ where: { groupId: group.id, organisationId: s.orgB.id } })).toBe(0);
    // Nobody at all is allowed (the organisation stays a member).
    expect((await members(s, group, { intent: "participants", organisation: s.orgA.id }, s.cookies.alice)).status).toBe(302);
    expect(await participantsOf(group, s.orgA.id)).toEqual([]);
  });

  test("leaving ends the membership and the participation", async () => {
    const s = await setting();
    const group = await createGroup(s.network.id);
    await addGroupMember(group.id, s.orgA.id, [s.alice.id, s.anna.id]);
    expect((await members(s, group, { intent: "leave", organisation: s.orgA.id }, s.cookies.bob)).status).toBe(400);
    expect((await members(s, group, { intent: "leave", organisation: s.orgA.id }, s.cookies.anna)).status).toBe(302);
    expect((await membership(group, s.orgA.id))!.status).toBe("left");
    expect(await participantsOf(group, s.orgA.id)).toEqual([]);
    expect((await members(s, group, { intent: "leave", organisation: s.orgA.id }, s.cookies.anna)).status).toBe(400);
    // And joining again works.
    expect((await members(s, group, { intent: "join", organisation: s.orgA.id }, s.cookies.alice)).status).toBe(302);
    expect((await membership(group, s.orgA.id))!.status).toBe("active");
  });
  test("a coordinator takes an organisation out of the group, after a confirmation; a facilitator cannot", async () => {
    const s = await setting();
    const group = await createGroup(s.network.id);
    await addGroupMember(group.id, s.orgA.id, [s.alice.id]);
    await addGroupMember(group.id, s.orgB.id, [s.bob.id]);
    await makeFacilitator(group.id, s.bob.id);
    const path = `/${s.network.slug}/groups/${group.slug}/members?leave=${s.orgA.slug}`;
    // The confirmation names the organisation for the coordinator, not for a facilitator of another organisation.
    const asCoordinator = await get(membersLoader, path, groupParams(s, group), s.cookies.coordinator);
    expect((asCoordinator.body as { confirmLeave: { id: string; byCoordinator: boolean } | null }).confirmLeave).toMatchObject({
      id: s.orgA.id,
      byCoordinator: true,
    });
    const asFacilitator = await get(membersLoader, path, groupParams(s, group), s.cookies.bob);
    expect((asFacilitator.body as { confirmLeave: unknown }).confirmLeave).toBeNull();
    expect((await members(s, group, { intent: "leave", organisation: s.orgA.id }, s.cookies.bob)).status).toBe(400);
    expect((await membership(group, s.orgA.id))!.status).toBe("active");
    expect((await members(s, group, { intent: "leave", organisation: s.orgA.id }, s.cookies.coordinator)).status).toBe(302);
    expect((await membership(group, s.orgA.id))!.status).toBe("left");
    expect(await participantsOf(group, s.orgA.id)).toEqual([]);
    expect(await participantsOf(group, s.orgB.id)).toEqual([s.bob.id]);
  });
});

describe("the list and the group page", () => {
  test("list: number of member organisations and the next meeting the reader may see", async () => {
    const s = await setting();
    const group = await createGroup(s.network.id, { name: "Logement" });
    await addGroupMember(group.id, s.orgA.id);
    await addGroupMember(group.id, s.orgB.id, [], "pending");
    const soonPrivate = await createMeeting(group.id, { startsAt: new Date(now().getTime() + 2 * DAY), title: "Réunion interne" });
    const laterPublic = await createMeeting(group.id, { startsAt: new Date(now().getTime() + 9 * DAY), title: "Rencontre publique", isPublic: true });
    await createMeeting(group.id, { startsAt: new Date(now().getTime() - 9 * DAY) });
    const list = async (cookie: string | null) =>
      (await get(listLoader, `/${s.network.slug}/groups`, { network: s.network.slug }, cookie)).body as {
        isCoordinator: boolean;
        groups: { slug: string; memberCount: number; nextMeeting: { id: string } | null }[];
      };
    const visitor = await list(null);
    expect(visitor.groups).toEqual([
      expect.objectContaining({ slug: group.slug, memberCount: 1, nextMeeting: expect.objectContaining({ id: laterPublic.id }) }),
    ]);
    expect(visitor.isCoordinator).toBe(false);
    const insider = await list(s.cookies.carl);
    expect(insider.groups[0].nextMeeting!.id).toBe(soonPrivate.id);
    expect((await list(s.cookies.coordinator)).isCoordinator).toBe(true);
  });

  test("page: minutes, action items and meetings by reader; turnout from the attendance register", async () => {
    const s = await setting();
    const group = await createGroup(s.network.id, { name: "Culture" });
    await addGroupMember(group.id, s.orgA.id, [s.alice.id]);
    await addGroupMember(group.id, s.orgB.id, [s.bob.id]);
    // Another group's minutes never show here.
    const elsewhere = await createGroup(s.network.id);
    const elsewhereMeeting = await createMeeting(elsewhere.id, { startsAt: new Date(now().getTime() - 5 * DAY) });
    await createMinutes(elsewhereMeeting.id, { status: "published", visibility: "public" });

    const meetings = [];
    for (let i = 14; i >= 1; i--)
      meetings.push(await createMeeting(group.id, { startsAt: new Date(now().getTime() - i * 30 * DAY), title: `Réunion ${15 - i}` }));
    const [groupOnly, networkWide, publicOne] = meetings.slice(-3);
    await createMinutes(groupOnly.id, { status: "published", visibility: "group" });
    await createMinutes(networkWide.id, { status: "published", visibility: "network" });
    await createMinutes(publicOne.id, { status: "published", visibility: "public" });
    await createMinutes(meetings[0].id, { status: "submitted" });
    // Attendance on all fourteen: orgA present, orgB excused on even ones, absent on odd ones.
    for (const [i, m] of meetings.entries()) {
      await prisma.attendance.createMany({
        data: [
          { meetingId: m.id, organisationId: s.orgA.id, status: "present" },
          { meetingId: m.id, organisationId: s.orgB.id, status: i % 2 === 0 ? "excused" : "absent" },
        ],
      });
    }
    await prisma.actionItem.create({
      data: { meetingId: publicOne.id, groupId: group.id, what: "Contacter la commune", organisationId: s.orgA.id, dueOn: new Date("2026-12-15T00:00:00Z") },
    });
    await prisma.actionItem.create({ data: { meetingId: publicOne.id, groupId: group.id, what: "Déjà fait", status: "done" } });

    type Page = {
      minutes: { meetingId: string; visibility: string }[];
      actions: { what: string }[];
      members: { name: string }[];
      turnout: { meetingId: string; present: number; excused: number; absent: number }[];
      access: { isGroupReader: boolean };
    };
    const asVisitor = (await page(s, group, null)).body as Page;
    expect(asVisitor.minutes.map((m) => m.meetingId)).toEqual([publicOne.id]);
    expect(asVisitor.actions).toEqual([]);
    expect(asVisitor.members.map((m) => m.name)).toEqual(["Maison d'accueil Alpha", "Service Bêta"]);
    // The meetings are not public: a visitor sees no turnout.
    expect(asVisitor.turnout).toEqual([]);

    const asOutsider = (await page(s, group, s.cookies.carl)).body as Page;
    expect(asOutsider.minutes.map((m) => m.meetingId)).toEqual([publicOne.id, networkWide.id]);
    expect(asOutsider.access.isGroupReader).toBe(false);
    expect(asOutsider.actions).toEqual([]);

    const asMember = (await page(s, group, s.cookies.alice)).body as Page;
    expect(asMember.minutes.map((m) => m.meetingId)).toEqual([publicOne.id, networkWide.id, groupOnly.id]);
    expect(asMember.actions.map((a) => a.what)).toEqual(["Contacter la commune"]);
    // The twelve last past meetings, oldest first.
    expect(asMember.turnout.map((p) => p.meetingId)).toEqual(meetings.slice(2).map((m) => m.id));
    expect(asMember.turnout[0]).toMatchObject({ present: 1, excused: 1, absent: 0 });
    expect(asMember.turnout[1]).toMatchObject({ present: 1, excused: 0, absent: 1 });

    // Time moves: a meeting in the future has no turnout yet.
    setNow(new Date(now().getTime() - 45 * DAY));
    const earlier = (await page(s, group, s.cookies.alice)).body as Page;
    expect(earlier.turnout.map((p) => p.meetingId)).toEqual(meetings.slice(1, 13).map((m) => m.id));
    expect((await page(s, { slug: "nope", id: "" }, null)).status).toBe(404);
  });
});
