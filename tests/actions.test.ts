// The open actions overview: a delegate sees their organisations' open actions across groups, the
// most urgent first and overdue ones flagged; a coordinator sees every open action of the network
// and filters by group or organisation; others are refused.
import { beforeAll, beforeEach, expect, test } from "vitest";

import { loader } from "#app/routes/$network+/actions";
import { parseDateKey } from "#app/utils/brussels-time";
import { setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import {
  createGroup,
  createMeeting,
  createNetwork,
  createOrganisation,
  createUser,
  makeCoordinator,
  makeDelegate,
  makeRequest,
  sessionCookie,
} from "#tests/factories";
import { call } from "#tests/route-call";

type Item = {
  what: string;
  dueOn: string | null;
  overdue: boolean;
  dueToday: boolean;
  organisation: { slug: string } | null;
  group: { slug: string };
  meeting: { id: string };
};
type Body = { items: Item[]; errors: Record<string, string>; organisations: { slug: string }[]; coordinator: boolean };

// "Today" for every test: tests/setup/setup-db.ts puts the clock back after each test, so a clock
// frozen only while the data is made (beforeAll) would leave the tests on the real date.
const TODAY = new Date("2026-11-30T10:00:00Z");
beforeEach(() => setNow(TODAY));

let s: Awaited<ReturnType<typeof setting>>;

async function setting() {
  setNow(TODAY);
  const network = await createNetwork();
  const other = await createNetwork();
  const housing = await createGroup(network.id, { slug: "logement" });
  const health = await createGroup(network.id, { slug: "sante" });
  const foreignGroup = await createGroup(other.id);
  const mine = await createOrganisation(network.id, { name: "Maison médicale" });
  const mine2 = await createOrganisation(network.id, { name: "CPAS" });
  const theirs = await createOrganisation(network.id, { name: "Abri de nuit" });
  const foreignOrg = await createOrganisation(other.id);
  const delegate = await createUser();
  await makeDelegate(mine.id, delegate.id);
  await makeDelegate(mine2.id, delegate.id, "staff");
  const coordinator = await createUser();
  await makeCoordinator(network.id, coordinator.id);
  const otherCoordinator = await createUser();
  await makeCoordinator(other.id, otherCoordinator.id);
  const foreignDelegate = await createUser();
  await makeDelegate(foreignOrg.id, foreignDelegate.id);

  const m1 = await createMeeting(housing.id, { startsAt: new Date("2026-10-13T07:30:00Z") });
  const m2 = await createMeeting(health.id, { startsAt: new Date("2026-11-10T08:30:00Z") });
  const m3 = await createMeeting(foreignGroup.id, { startsAt: new Date("2026-11-10T08:30:00Z") });
  const item = (meetingId: string, groupId: string, what: string, organisationId: string | null, due: string | null, status = "open") => ({
    meetingId,
    groupId,
    what,
    organisationId,
    dueOn: due ? parseDateKey(due) : null,
    status,
    doneAt: status === "done" ? TODAY : null,
  });
  await prisma.actionItem.createMany({
    data: [
      item(m1.id, housing.id, "Envoyer la liste des logements de transit", mine.id, "2026-12-15"),
      item(m1.id, housing.id, "Relancer la Région sur les primes", mine.id, "2026-11-20"), // overdue
      item(m2.id, health.id, "Préparer la fiche sur l'aide médicale urgente", mine2.id, null),
      item(m2.id, health.id, "Réserver la salle", mine.id, "2026-11-30"), // due today
      item(m2.id, health.id, "Déjà fait", mine.id, "2026-11-01", "done"),
      item(m2.id, health.id, "Abandonné", mine.id, "2026-11-01", "dropped"),
      item(m2.id, health.id, "Contacter les maisons d'accueil", theirs.id, "2026-11-25"),
      item(m1.id, housing.id, "Tour de table à compléter", null, "2026-12-01"),
      item(m3.id, foreignGroup.id, "Action d'un autre réseau", foreignOrg.id, "2026-11-01"),
    ],
  });
  return {
    network,
    mine,
    mine2,
    theirs,
    m1,
    delegate: await sessionCookie(delegate.id),
    coordinator: await sessionCookie(coordinator.id),
    otherCoordinator: await sessionCookie(otherCoordinator.id),
    foreignDelegate: await sessionCookie(foreignDelegate.id),
  };
}

beforeAll(async () => {
  s = await setting();
});

const view = (query: string, cookie?: string) => call(loader, makeRequest(`/${s.network.slug}/actions${query}`, { cookie }), { network: s.network.slug });

test("a delegate sees their organisations' open actions across groups, overdue first, undated last, linked to the minutes", async () => {
  const res = await view("", s.delegate);
  expect(res.status).toBe(200);
  const body = res.body as Body;
  expect(body.coordinator).toBe(false);
  expect(body.organisations.map((o) => o.slug).sort()).toEqual([s.mine.slug, s.mine2.slug].sort());
  expect(body.items.map((i) => i.what)).toEqual([
    "Relancer la Région sur les primes",
    "Réserver la salle",
    "Envoyer la liste des logements de transit",
    "Préparer la fiche sur l'aide médicale urgente",
  ]);
  expect(body.items.map((i) => [i.overdue, i.dueToday])).toEqual([
    [true, false],
    [false, true],
    [false, false],
    [false, false],
  ]);
  expect(body.items[0].meeting.id).toBe(s.m1.id);
});

test("a delegate narrows to one of their organisations and to a group; another organisation is refused with a message", async () => {
  expect(((await view(`?org=${s.mine2.slug}`, s.delegate)).body as Body).items.map((i) => i.what)).toEqual(["Préparer la fiche sur l'aide médicale urgente"]);
  expect(((await view(`?group=logement`, s.delegate)).body as Body).items.map((i) => i.what)).toEqual([
    "Relancer la Région sur les primes",
    "Envoyer la liste des logements de transit",
  ]);
  const refused = await view(`?org=${s.theirs.slug}`, s.delegate);
  expect(refused.status).toBe(400);
  expect((refused.body as Body).errors).toEqual({ org: "actions.error.unknownOrganisation" });
  expect((refused.body as Body).items).toEqual([]);
});

test("a coordinator sees every open action of the network and filters by organisation and group", async () => {
  const all = (await view("", s.coordinator)).body as Body;
  expect(all.coordinator).toBe(true);
  expect(all.items).toHaveLength(6);
  expect(all.items.map((i) => i.what)).not.toContain("Action d'un autre réseau");
  expect(all.items.filter((i) => i.overdue).map((i) => i.what)).toEqual(["Relancer la Région sur les primes", "Contacter les maisons d'accueil"]);
  expect(((await view(`?org=${s.theirs.slug}`, s.coordinator)).body as Body).items.map((i) => i.what)).toEqual(["Contacter les maisons d'accueil"]);
  expect(((await view(`?group=sante&org=${s.mine.slug}`, s.coordinator)).body as Body).items.map((i) => i.what)).toEqual(["Réserver la salle"]);
  expect((await view(`?group=nope`, s.coordinator)).status).toBe(400);
  // The organisation filter offers those with something to do; any other of the network may be named.
  expect(all.organisations.map((o) => o.slug).sort()).toEqual([s.mine.slug, s.mine2.slug, s.theirs.slug].sort());
  const idle = await createOrganisation(s.network.id);
  const none = await view(`?org=${idle.slug}`, s.coordinator);
  expect([none.status, (none.body as Body).items.length]).toEqual([200, 0]);
});

test("pages of fifty, the overdue count over all of them", async () => {
  const group = await createGroup(s.network.id, { slug: "beaucoup" });
  const meeting = await createMeeting(group.id, { startsAt: new Date("2026-09-08T07:30:00Z") });
  await prisma.actionItem.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({
      meetingId: meeting.id,
      groupId: group.id,
      what: `Action ${i}`,
      organisationId: s.theirs.id,
      dueOn: parseDateKey(i < 55 ? "2026-10-01" : "2027-01-01"),
    })),
  });
  const first = (await view("?group=beaucoup", s.coordinator)).body as Body & { total: number; overdue: number; pages: number };
  expect([first.items.length, first.total, first.overdue, first.pages]).toEqual([50, 60, 55, 2]);
  const second = (await view("?group=beaucoup&page=2", s.coordinator)).body as Body;
  expect(second.items.length).toBe(10);
});

test("a visitor is sent to sign in; a coordinator or delegate of another network is refused", async () => {
  const anonymous = await view("");
  expect(anonymous.status).toBe(302);
  expect(anonymous.headers.get("Location")).toContain("/login");
  expect((await view("", s.otherCoordinator)).status).toBe(403);
  expect((await view("", s.foreignDelegate)).status).toBe(403);
});
