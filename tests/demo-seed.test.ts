// The demo network a fresh clone starts with: its charter in two versions, most organisations
// members, two to renew, applicants, one withdrawn, a request to join waiting.
import { expect, test } from "vitest";

import { getActor } from "#app/access/actor.server";
import { membershipStatuses } from "#app/models/adhesion.server";
import { searchMinutes } from "#app/models/minutes-search.server";
import { tallyPoll } from "#app/models/poll-tally.server";
import { ballotBox } from "#app/models/polls.server";
import { prisma } from "#app/utils/db.server";
import { fingerprintOf } from "#app/utils/rich-text.server";
import { trackerFor } from "#app/votes/tracker.server";
import { makeRequest, sessionCookie } from "#tests/factories";

import { DEMO_APPLICANTS, DEMO_TO_RENEW, DEMO_WITHDRAWN } from "../prisma/seed/demo-charter";
import { seedDemoIfEmpty } from "../prisma/seed/demo-seed.server";

test("seeds once, with a charter whose published versions carry their fingerprint and most organisations as members", async () => {
  const logins = await seedDemoIfEmpty();
  expect(logins?.map((l) => l.email)).toContain("coordination@demo.maillage.be");
  expect(await seedDemoIfEmpty()).toBeNull();

  const network = await prisma.network.findUniqueOrThrow({ where: { slug: "relais-social-demo" }, select: { id: true } });
  const versions = await prisma.charterVersion.findMany({ where: { networkId: network.id }, orderBy: { number: "asc" } });
  expect(versions.map((v) => [v.number, v.status])).toEqual([
    [1, "published"],
    [2, "published"],
  ]);
  for (const v of versions) expect(v.fingerprint).toBe(fingerprintOf(v.title, v.body));
  expect(versions[1].adhesionDeadline!.getTime()).toBeGreaterThan(Date.now());

  const orgs = await prisma.organisation.findMany({ where: { networks: { some: { networkId: network.id } } }, select: { id: true, name: true } });
  const statuses = await membershipStatuses(
    network.id,
    orgs.map((o) => o.id),
  );
  const byName = new Map(orgs.map((o) => [o.name, statuses.get(o.id)!.kind]));
  for (const name of DEMO_TO_RENEW) expect(byName.get(name), name).toBe("to_renew");
  for (const name of DEMO_APPLICANTS) expect(byName.get(name), name).toBe("applicant");
  expect(byName.get(DEMO_WITHDRAWN.name)).toBe("withdrawn");
  const members = [...byName.values()].filter((k) => k === "member").length;
  expect(members).toBe(orgs.length - DEMO_TO_RENEW.length - DEMO_APPLICANTS.length - 1);
  expect(members / orgs.length).toBeGreaterThan(0.8);
  expect(await prisma.joinRequest.count({ where: { networkId: network.id, status: "pending" } })).toBe(1);

  // The public calendar feed is on, and the calendar page gives its address to a visitor.
  const { loader: calendarLoader } = await import("#app/routes/$network+/calendar");
  const { call } = await import("#tests/route-call");
  const calendar = await call(calendarLoader, makeRequest("/relais-social-demo/calendar"), { network: "relais-social-demo" });
  const feed = await prisma.calendarFeed.findFirstOrThrow({ where: { networkId: network.id, scope: "public", revokedAt: null } });
  expect((calendar.body as { publicFeedUrl: string | null }).publicFeedUrl).toMatch(new RegExp(`/ical/${feed.token}\\.ics$`));
});

test("the ten working groups, each with a facilitator, members, a year of published minutes and upcoming meetings; the search finds them", async () => {
  await seedDemoIfEmpty();
  const network = await prisma.network.findUniqueOrThrow({ where: { slug: "relais-social-demo" }, select: { id: true } });
  const groups = await prisma.workingGroup.findMany({
    where: { networkId: network.id, kind: "working" },
    select: { id: true, slug: true, name: true, _count: { select: { facilitators: true, memberships: { where: { status: "active" } } } } },
  });
  expect(groups.map((g) => g.name).sort()).toEqual(
    ["Logement", "Santé", "Migrations", "Jeunesse", "Enfance", "Petite enfance", "Troisième âge", "Insertion", "Culture", "Sans-abri"].sort(),
  );
  for (const g of groups) {
    expect(g._count.facilitators, g.slug).toBe(1);
    expect(g._count.memberships, g.slug).toBeGreaterThanOrEqual(8);
    expect(g._count.memberships, g.slug).toBeLessThanOrEqual(15);
  }
  // Only charter members join a group.
  const orgsInGroups = await prisma.groupMembership.findMany({
    where: { group: { networkId: network.id } },
    select: { organisationId: true },
    distinct: ["organisationId"],
  });
  const statuses = await membershipStatuses(
    network.id,
    orgsInGroups.map((o) => o.organisationId),
  );
  for (const o of orgsInGroups) expect(["member", "to_renew"]).toContain(statuses.get(o.organisationId)!.kind);

  const at = Date.now();
  const yearAgo = new Date(at - 330 * 86_400_000);
  for (const g of groups) {
    const published = await prisma.minutes.findMany({
      where: { status: "published", meeting: { groupId: g.id } },
      select: { meeting: { select: { startsAt: true } } },
    });
    expect(published.length, g.slug).toBeGreaterThanOrEqual(11);
    expect(
      published.some((m) => m.meeting.startsAt < yearAgo),
      g.slug,
    ).toBe(true);
    const upcoming = await prisma.meeting.findMany({ where: { groupId: g.id, startsAt: { gt: new Date(at) } }, select: { startsAt: true } });
    expect(upcoming.length, g.slug).toBeGreaterThanOrEqual(3);
    expect(Math.max(...upcoming.map((m) => m.startsAt.getTime()))).toBeGreaterThan(at + 85 * 86_400_000);
    expect(await prisma.attendance.count({ where: { meeting: { groupId: g.id } } }), g.slug).toBeGreaterThan(0);
  }
  const minutes = await prisma.minutes.groupBy({ by: ["visibility", "language"], where: { meeting: { group: { networkId: network.id } } }, _count: true });
  expect(new Set(minutes.map((m) => m.visibility))).toEqual(new Set(["group", "network", "public", null]));
  expect(minutes.some((m) => m.language === "nl")).toBe(true);
  expect(await prisma.actionItem.count({ where: { status: "open", group: { networkId: network.id } } })).toBeGreaterThan(10);
  expect(await prisma.actionItem.count({ where: { status: "done", group: { networkId: network.id } } })).toBeGreaterThan(10);

  // A visitor finds public minutes by a word typed without its accents; Dutch stemming too.
  const visitor = await searchMinutes(null, network.id, { q: "expulsion", page: 1 });
  expect(visitor.total).toBeGreaterThan(0);
  expect(visitor.results.every((r) => r.visibility === "public")).toBe(true);
  expect((await searchMinutes(null, network.id, { q: "precarite energetique", page: 1 })).total).toBeGreaterThan(0);
  const coordinator = await getActor(
    makeRequest("/", { cookie: await sessionCookie((await prisma.user.findUniqueOrThrow({ where: { email: "coordination@demo.maillage.be" } })).id) }),
  );
  expect((await searchMinutes(coordinator, network.id, { q: "verkiezing", page: 1 })).results.some((r) => r.language === "nl")).toBe(true);

  // The demo delegates can try the flows: the delegate of the Maison médicale facilitates Santé,
  // whose latest minutes wait for approval; the CPAS delegate facilitates Logement.
  const facilitated = await prisma.groupFacilitator.findMany({
    where: { user: { email: { in: ["delegue.mmnord@demo.maillage.be", "delegue.cpas@demo.maillage.be"] } } },
    select: { group: { select: { slug: true } }, user: { select: { email: true } } },
  });
  expect(facilitated.map((f) => `${f.user.email}:${f.group.slug}`).sort()).toEqual([
    "delegue.cpas@demo.maillage.be:logement",
    "delegue.mmnord@demo.maillage.be:sante",
  ]);
  expect(await prisma.minutes.count({ where: { status: "submitted", meeting: { group: { slug: "sante", networkId: network.id } } } })).toBe(1);
});

test("the demo reads as a coordination would write it: no meeting on a public holiday, agreeing numbers and elisions, note-takers present", async () => {
  await seedDemoIfEmpty();
  const { brusselsParts, publicHolidayOn } = await import("#app/utils/brussels-time");
  const meetings = await prisma.meeting.findMany({
    where: { group: { network: { slug: "relais-social-demo" } } },
    select: { startsAt: true, noteTakerId: true, attendance: { select: { organisationId: true, status: true } }, minutes: { select: { body: true } } },
  });
  expect(meetings.length).toBeGreaterThan(100);
  const onHolidays = meetings.map((m) => brusselsParts(m.startsAt).day).filter((day) => publicHolidayOn(day));
  expect(onHolidays).toEqual([]);

  const bodies = meetings.flatMap((m) => m.minutes.map((x) => x.body)).join("\n");
  expect(bodies).not.toMatch(/\b[01] (services présents|excusés)\b/);
  expect(bodies).not.toMatch(/\b1 diensten\b/);
  expect(bodies).not.toMatch(/\bde (avril|août|octobre)\b/);
  expect(bodies).toMatch(/Réunion d(?:'|&#39;|&#x27;)(avril|août|octobre)/); // the apostrophe as the minutes' HTML escapes it

  const delegations = await prisma.delegate.findMany({ select: { userId: true, organisationId: true } });
  const organisationsOf = (userId: string) => delegations.filter((d) => d.userId === userId).map((d) => d.organisationId);
  const absentNoteTakers = meetings.filter(
    (m) => m.noteTakerId && m.attendance.some((a) => organisationsOf(m.noteTakerId!).includes(a.organisationId) && a.status !== "present"),
  );
  expect(absentNoteTakers).toEqual([]);
});

test("assemblies: last year's, published, elected the comité in force; the coming one is convened with two proxies and its two polls ready", async () => {
  await seedDemoIfEmpty();
  const network = await prisma.network.findUniqueOrThrow({ where: { slug: "relais-social-demo" }, select: { id: true } });
  const assemblies = await prisma.assembly.findMany({
    where: { networkId: network.id },
    orderBy: { startsAt: "asc" },
    include: { polls: { orderBy: { createdAt: "asc" }, include: { candidates: true } }, roll: true },
  });
  expect(assemblies.map((a) => a.status)).toEqual(["closed", "convened"]);
  const [past, coming] = assemblies;
  expect(+past.startsAt).toBeLessThan(Date.now());
  expect(+coming.startsAt).toBeGreaterThan(Date.now());

  // Last year's polls are published, and their results are what the box recounts to.
  expect(past.polls.map((p) => [p.kind, p.status])).toEqual([
    ["resolution", "published"],
    ["election", "published"],
  ]);
  for (const poll of past.polls) {
    const box = await ballotBox(poll.id);
    expect(box.length).toBeGreaterThan(10);
    for (const b of box) expect(trackerFor(poll.id, b.choices as string[], b.nonce)).toBe(b.tracker);
    const recount = tallyPoll({
      poll,
      ballots: box.map((b) => ({ tracker: b.tracker, choices: b.choices as string[] })),
      candidates: poll.candidates
        .map((c) => ({ organisationId: c.organisationId, college: c.college }))
        .sort((a, b) => (a.organisationId < b.organisationId ? -1 : 1)),
      attendanceAtClose: poll.attendanceAtClose,
      paperTotals: { state: "none" },
      lotsSeed: poll.lotsSeed,
    });
    expect(recount).toEqual(poll.result);
  }
  const accounts = past.polls[0].result as { resolution: { adopted: boolean } };
  expect(accounts.resolution.adopted).toBe(true);

  // The comité in force is the one that election elected, five seats within the colleges.
  const election = past.polls[1];
  const elected = (election.result as { election: { elected: string[] } }).election.elected;
  const seats = await prisma.committeeSeat.findMany({ where: { networkId: network.id, endedAt: null } });
  expect(seats).toHaveLength(5);
  expect(seats.map((s) => s.organisationId).sort()).toEqual([...elected].sort());
  expect(seats.every((s) => s.electedInPollId === election.id)).toBe(true);
  const publicSeats = seats.filter((s) => s.college === "Services publics").length;
  expect(publicSeats).toBeGreaterThanOrEqual(1);
  expect(publicSeats).toBeLessThanOrEqual(2);
  // Its delegates are comité members: the committee group follows the seats.
  const committee = await prisma.workingGroup.findFirstOrThrow({
    where: { networkId: network.id, kind: "committee" },
    include: { memberships: { where: { status: "active" } } },
  });
  expect(committee.memberships.map((m) => m.organisationId).sort()).toEqual([...elected].sort());

  // Its minutes, generated from attendance and results, are published to the network.
  const minutes = await prisma.minutes.findMany({ where: { meetingId: past.meetingId! }, include: { meeting: { include: { group: true } } } });
  expect(minutes.map((m) => [m.status, m.visibility, m.meeting.group.kind])).toEqual([["published", "network", "assembly"]]);
  expect(minutes[0].decisions).toContain("la résolution est adoptée");
  expect(minutes[0].publishedAt!.getTime()).toBeGreaterThan(past.startsAt.getTime());

  // The coming assembly: convened (its convocations wait in the outbox), two proxies, two polls ready.
  expect(coming.roll.length).toBeGreaterThan(20);
  expect(await prisma.outboxEmail.count({ where: { networkId: network.id, status: "pending", subject: { contains: coming.title } } })).toBeGreaterThan(5);
  // Last year's convocations are history: sent, not waiting to go out at the first start.
  expect(await prisma.outboxEmail.count({ where: { networkId: network.id, status: "pending", subject: { contains: past.title } } })).toBe(0);
  const proxies = await prisma.proxy.findMany({ where: { assemblyId: coming.id, revokedAt: null }, select: { channel: true } });
  expect(proxies.map((p) => p.channel).sort()).toEqual(["online", "paper"]);
  expect(coming.polls.map((p) => [p.kind, p.status])).toEqual([
    ["resolution", "ready"],
    ["election", "ready"],
  ]);
  expect(coming.polls[1].candidates).toHaveLength(7);
  expect(coming.polls[1].lotsCommitment).toMatch(/^[0-9a-f]{64}$/);
});
