// Search in the published minutes: French and Dutch stemming with accents ignored, visibility (a
// visitor sees public minutes only, a non-member never sees group-only minutes, not even in an
// excerpt), superseded versions left out, filters, pagination, and hostile input kept harmless.
import { beforeAll, describe, expect, test } from "vitest";

import { getActor } from "#app/access/actor.server";
import { searchMinutes } from "#app/models/minutes-search.server";
import { loader } from "#app/routes/$network+/minutes";
import { brusselsInstant } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { minutesSearchText } from "#app/utils/rich-text.server";
import {
  addGroupMember,
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

type Hit = Awaited<ReturnType<typeof searchMinutes>>["results"][number];
const plain = (hit: Hit) => hit.excerpt.map((s) => s.text).join("");
const marked = (hit: Hit) => hit.excerpt.filter((s) => s.marked).map((s) => s.text.toLowerCase());

async function publish(
  groupId: string,
  day: string,
  title: string,
  html: string,
  opts: { visibility?: "group" | "network" | "public"; language?: "fr" | "nl" } = {},
) {
  const meeting = await createMeeting(groupId, { title, startsAt: brusselsInstant(day, 9 * 60 + 30) });
  const minutes = await createMinutes(meeting.id, {
    status: "published",
    body: html,
    visibility: opts.visibility ?? "group",
    language: opts.language ?? "fr",
    searchText: minutesSearchText(title, "", html),
  });
  return { meeting, minutes };
}

let s: Awaited<ReturnType<typeof setting>>;

async function setting() {
  const network = await createNetwork();
  const other = await createNetwork();
  const housing = await createGroup(network.id, { name: "Logement", slug: "logement" });
  const health = await createGroup(network.id, { name: "Santé", slug: "sante" });
  const foreign = await createGroup(other.id, { name: "Logement ailleurs", slug: "logement" });
  const memberOrg = await createOrganisation(network.id);
  const outsiderOrg = await createOrganisation(network.id);
  const member = await createUser();
  const outsider = await createUser();
  const coordinator = await createUser();
  const stranger = await createUser(); // signed in, no role in the network
  await makeDelegate(memberOrg.id, member.id);
  await makeDelegate(outsiderOrg.id, outsider.id);
  await makeCoordinator(network.id, coordinator.id);
  await addGroupMember(housing.id, memberOrg.id, [member.id]);
  const facilitator = await createUser();
  await makeFacilitator(health.id, facilitator.id);

  const pub = await publish(
    housing.id,
    "2026-02-10",
    "Réunion de février",
    "<p>Préparation des <strong>élections</strong> communales : nos revendications sur le logement.</p>",
    {
      visibility: "public",
    },
  );
  const grp = await publish(
    housing.id,
    "2026-03-10",
    "Réunion de mars",
    "<p>Élections sociales et expulsions : point confidentiel sur le squat de la rue Haute.</p>",
    { visibility: "group" },
  );
  const net = await publish(health.id, "2026-04-14", "Réunion d'avril", "<p>Les élections et la santé mentale des jeunes.</p>", { visibility: "network" });
  const nl = await publish(
    health.id,
    "2026-05-12",
    "Vergadering van mei",
    "<p>Voorbereiding van de gemeenteraadsverkiezingen en de verkiezingen van het personeel.</p>",
    {
      visibility: "public",
      language: "nl",
    },
  );
  // A superseded version and its correction: only the correction is found.
  const meeting = await createMeeting(housing.id, { title: "Réunion de juin", startsAt: brusselsInstant("2026-06-09", 570) });
  const old = await createMinutes(meeting.id, {
    status: "published",
    visibility: "public",
    body: "<p>Version fautive : hippopotame.</p>",
    searchText: "Réunion de juin hippopotame",
  });
  await prisma.minutes.update({ where: { id: old.id }, data: { status: "superseded" } });
  const corrected = await createMinutes(meeting.id, {
    status: "published",
    version: 2,
    visibility: "public",
    body: "<p>Version corrigée : girafe.</p>",
    searchText: "Réunion de juin girafe",
  });
  // Unpublished minutes are never found.
  const draftMeeting = await createMeeting(housing.id, { title: "Réunion de juillet", startsAt: brusselsInstant("2026-07-14", 570) });
  await createMinutes(draftMeeting.id, { status: "submitted", body: "<p>Brouillon sur les élections.</p>" });
  // Another network's public minutes: never in this network's search.
  await publish(foreign.id, "2026-02-10", "Ailleurs", "<p>Les élections ailleurs.</p>", { visibility: "public" });

  const actorOf = async (userId: string) => getActor(makeRequest("/", { cookie: await sessionCookie(userId) }));
  return {
    network,
    housing,
    health,
    pub,
    grp,
    net,
    nl,
    corrected,
    member: await actorOf(member.id),
    outsider: await actorOf(outsider.id),
    coordinator: await actorOf(coordinator.id),
    stranger: await actorOf(stranger.id),
    facilitator: await actorOf(facilitator.id),
    memberCookie: await sessionCookie(member.id),
    outsiderCookie: await sessionCookie(outsider.id),
  };
}

beforeAll(async () => {
  s = await setting();
});

const search = (actor: Awaited<ReturnType<typeof getActor>>, q: string, extra: Partial<Parameters<typeof searchMinutes>[2]> = {}) =>
  searchMinutes(actor, s.network.id, { q, page: 1, ...extra });
const ids = (found: { results: Hit[] }) => found.results.map((r) => r.meetingId).sort();

describe("French and Dutch, accents ignored, stemming", () => {
  test("“election” without accent nor plural finds “élections” and “Élections”, and marks them", async () => {
    const found = await search(s.coordinator, "election");
    expect(ids(found)).toEqual([s.pub.meeting.id, s.grp.meeting.id, s.net.meeting.id].sort());
    for (const hit of found.results) expect(marked(hit).some((w) => w.startsWith("élection"))).toBe(true);
  });

  test("a word typed with a wrong accent finds it too", async () => {
    expect(ids(await search(null, "éléctions"))).toEqual([s.pub.meeting.id]);
    expect(ids(await search(null, "ÉLECTION"))).toEqual([s.pub.meeting.id]);
  });

  test("“verkiezing” finds the Dutch minutes with “verkiezingen”", async () => {
    const found = await search(null, "verkiezing");
    expect(ids(found)).toEqual([s.nl.meeting.id]);
    expect(found.results[0].language).toBe("nl");
    expect(marked(found.results[0])).toContain("verkiezingen");
  });

  test("several words must all be there; a quoted phrase and a minus work (web search syntax)", async () => {
    expect(ids(await search(s.coordinator, "élections logement"))).toEqual([s.pub.meeting.id]);
    expect(ids(await search(s.coordinator, "élections -logement"))).toEqual([s.grp.meeting.id, s.net.meeting.id].sort());
    expect(ids(await search(s.coordinator, '"santé mentale"'))).toEqual([s.net.meeting.id]);
  });

  test("results are ranked: the minutes that say it most come first", async () => {
    const many = await publish(s.health.id, "2026-01-13", "Logement, logement", "<p>Logement : le logement, encore le logement et les logements.</p>", {
      visibility: "public",
    });
    const found = await search(null, "logement");
    expect(found.results[0].meetingId).toBe(many.meeting.id);
    expect(found.results.map((r) => r.meetingId)).toContain(s.pub.meeting.id);
  });
});

describe("visibility", () => {
  test("a visitor sees only public minutes", async () => {
    expect(ids(await search(null, "élections"))).toEqual([s.pub.meeting.id]);
    const latest = await search(null, "");
    expect(latest.results.every((r) => r.visibility === "public")).toBe(true);
  });

  test("a signed-in person with no role in the network sees only public minutes", async () => {
    expect(ids(await search(s.stranger, "élections"))).toEqual([s.pub.meeting.id]);
  });

  test("a delegate of the network whose organisation is not in the group sees public and network minutes, never group-only ones", async () => {
    const found = await search(s.outsider, "élections");
    expect(ids(found)).toEqual([s.pub.meeting.id, s.net.meeting.id].sort());
    // Not even as a word of an excerpt, in the latest minutes nor when searching its own words.
    expect(ids(await search(s.outsider, "squat confidentiel"))).toEqual([]);
    const latest = await search(s.outsider, "");
    expect(latest.results.map((r) => r.meetingId)).not.toContain(s.grp.meeting.id);
    expect(latest.results.map(plain).join(" ")).not.toContain("squat");
  });

  test("a delegate of a member organisation sees the group's own minutes; a coordinator sees them all", async () => {
    expect(ids(await search(s.member, "squat"))).toEqual([s.grp.meeting.id]);
    expect(ids(await search(s.coordinator, "squat"))).toEqual([s.grp.meeting.id]);
  });

  test("superseded versions and unpublished minutes are not returned", async () => {
    expect(ids(await search(s.coordinator, "hippopotame"))).toEqual([]);
    const corrected = await search(null, "girafe");
    expect(corrected.results.map((r) => [r.minutesId, r.version])).toEqual([[s.corrected.id, 2]]);
    expect(ids(await search(s.coordinator, "brouillon"))).toEqual([]);
  });

  test("the page renders the group-only excerpt to a member and nothing of it to a non-member", async () => {
    const asMember = await call(loader, makeRequest(`/${s.network.slug}/minutes?q=squat`, { cookie: s.memberCookie }), { network: s.network.slug });
    expect(JSON.stringify((asMember.body as { found: { results: unknown } }).found.results)).toContain("squat");
    const asOutsider = await call(loader, makeRequest(`/${s.network.slug}/minutes?q=squat`, { cookie: s.outsiderCookie }), { network: s.network.slug });
    expect(asOutsider.status).toBe(200);
    expect(JSON.stringify((asOutsider.body as { found: { results: unknown } }).found.results)).toBe("[]");
    const anonymous = await call(loader, makeRequest(`/${s.network.slug}/minutes`), { network: s.network.slug });
    expect(JSON.stringify(anonymous.body)).not.toContain("confidentiel");
  });
});

describe("filters and pages", () => {
  test("by group", async () => {
    expect(ids(await search(s.coordinator, "élections", { groupId: s.health.id }))).toEqual([s.net.meeting.id]);
    const page = await call(loader, makeRequest(`/${s.network.slug}/minutes?q=elections&group=sante`, { cookie: s.memberCookie }), { network: s.network.slug });
    expect((page.body as { found: { results: Hit[] } }).found.results.map((r) => r.groupSlug)).toEqual(["sante"]);
  });

  test("by period, both ends inclusive (Brussels days)", async () => {
    expect(ids(await search(s.coordinator, "élections", { from: "2026-03-10", to: "2026-04-14" }))).toEqual([s.grp.meeting.id, s.net.meeting.id].sort());
    expect(ids(await search(s.coordinator, "élections", { from: "2026-03-11" }))).toEqual([s.net.meeting.id]);
    expect(ids(await search(s.coordinator, "élections", { to: "2026-02-10" }))).toEqual([s.pub.meeting.id]);
  });

  test("without words: the latest published minutes, newest first, with their opening as excerpt", async () => {
    const found = await search(s.coordinator, "");
    expect(found.total).toBe(6);
    expect(found.results.every((r) => r.excerpt.every((x) => !x.marked))).toBe(true);
    const published = found.results.map((r) => r.publishedAt!.getTime());
    expect(published).toEqual([...published].sort((a, b) => b - a));
  });

  test("pages of twenty, the page number clamped", async () => {
    for (let i = 0; i < 22; i++)
      await publish(s.health.id, `2025-0${1 + (i % 9)}-1${i % 10}`, `Réunion ${i}`, `<p>Tarentule numéro ${i}.</p>`, { visibility: "public" });
    const first = await search(null, "tarentules");
    expect([first.total, first.pages, first.results.length]).toEqual([22, 2, 20]);
    const second = await search(null, "tarentule", { page: 2 });
    expect(second.results.length).toBe(2);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(22);
    expect((await search(null, "tarentule", { page: 99 })).page).toBe(2);
  });

  test("bad filters: a clear 400 with the message beside the field, no results, no 500", async () => {
    const bad = await call(loader, makeRequest(`/${s.network.slug}/minutes?q=elections&from=2026-13-45&group=nope`), { network: s.network.slug });
    expect(bad.status).toBe(400);
    const body = bad.body as { errors: Record<string, string>; found: { results: unknown[] } };
    expect(body.errors).toEqual({ from: "search.error.date", group: "search.error.unknownGroup" });
    expect(body.found.results).toEqual([]);
    const reversed = await call(loader, makeRequest(`/${s.network.slug}/minutes?from=2026-05-01&to=2026-04-01`), { network: s.network.slug });
    expect(reversed.status).toBe(400);
    expect((reversed.body as { errors: Record<string, string> }).errors).toEqual({ to: "search.error.toBeforeFrom" });
    const long = await call(loader, makeRequest(`/${s.network.slug}/minutes?q=${"a".repeat(201)}`), { network: s.network.slug });
    expect(long.status).toBe(400);
  });
});

describe("hostile input", () => {
  test.each([
    '\'; DROP TABLE "Minutes"; --',
    "élections') OR 1=1 --",
    "!!! & | <-> :* ((",
    '" unbalanced',
    "\\x00 \\' $$ $1",
    "<script>alert(1)</script>",
    "\uE000élections\uE001",
  ])("%s is only words to look for", async (q) => {
    const found = await search(null, q);
    for (const hit of found.results) expect(hit.visibility).toBe("public");
    const page = await call(loader, makeRequest(`/${s.network.slug}/minutes?q=${encodeURIComponent(q)}`), { network: s.network.slug });
    expect(page.status).toBe(200);
    expect(await prisma.minutes.count()).toBeGreaterThan(0);
  });

  test("HTML in the minutes' text comes back as text in the excerpt, never as markup", async () => {
    await publish(s.housing.id, "2026-08-11", "Réunion d'août", "<p>Le code &lt;img src=x onerror=alert(1)&gt; est cité : élections du comité.</p>", {
      visibility: "public",
    });
    const found = await search(null, "comité");
    const hit = found.results[0];
    expect(plain(hit)).toContain("<img src=x onerror=alert(1)>");
    // The markup is in a text segment; only the matched word is flagged.
    expect(marked(hit)).toEqual(["comité"]);
  });
});
