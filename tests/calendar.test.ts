// Calendars on a real database: the month of the calendar page is a month in Brussels (a meeting
// at 00:30 on the 1st belongs to that month, whatever UTC says, in winter and in summer); weeks
// start on Monday; a visitor never sees a non-public meeting (month, list, network home, public
// feed); "my meetings" and the person's feed hold the groups where the person takes part, never a
// group they may not see, and follow their rights when these change; feeds are revoked (404),
// renewed (old address 404) and parsed as valid iCalendar by ical.js.
import ICAL from "ical.js";
import { afterEach, describe, expect, test } from "vitest";

import { actorById } from "#app/access/actor.server";
import { feedByToken, feedMeetingsWhere, myMeetings, tokenFromParam } from "#app/models/calendar.server";
import { loader as homeLoader } from "#app/routes/$network+/_index";
import { action as publicFeedAction, loader as publicFeedLoader } from "#app/routes/$network+/admin+/calendar-feed";
import { loader as calendarLoader } from "#app/routes/$network+/calendar";
import { loader as accountLoader } from "#app/routes/account";
import { action as feedsAction, loader as feedsLoader } from "#app/routes/account_.calendars";
import { loader as icalLoader } from "#app/routes/ical.$token";
import { monthGrid, shiftMonth } from "#app/utils/brussels-time";
import { setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import {
  addGroupMember,
  createGroup,
  createMeeting,
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

afterEach(() => setNow(undefined));

type Body = Record<string, unknown> & {
  month: string;
  today: string;
  errors: Record<string, string>;
  weeks: string[][];
  monthMeetings: { title: string; day: string; cancelled: boolean }[];
  days: { day: string; meetings: { title: string }[] }[];
  group: { slug: string } | null;
};

async function calendar(slug: string, query = "", cookie?: string) {
  const result = await call(calendarLoader, makeRequest(`/${slug}/calendar${query}`, { cookie }), { network: slug });
  return { status: result.status, body: result.body as Body };
}

async function ical(token: string) {
  const result = await call(icalLoader, makeRequest(`/ical/${token}.ics`), { token: `${token}.ics` });
  return { status: result.status, headers: result.headers, text: String(result.body) };
}

/** The summaries of the events of a feed, read by ical.js (throws if the text is not iCalendar). */
function summaries(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe("vcalendar");
  expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
  return calendar
    .getAllSubcomponents("vevent")
    .map((e) => String(e.getFirstPropertyValue("summary")))
    .sort();
}

/** A network with two groups; the delegate's organisation takes part in the first only. */
async function setting() {
  const network = await createNetwork();
  const coordinator = await createUser({ name: "Claire Coordination" });
  await makeCoordinator(network.id, coordinator.id);
  const org = await createOrganisation(network.id);
  const otherOrg = await createOrganisation(network.id);
  const delegate = await createUser({ name: "Dana Délégation" });
  await makeDelegate(org.id, delegate.id);
  const colleague = await createUser({ name: "Colin Collègue" });
  await makeDelegate(otherOrg.id, colleague.id);
  const housing = await createGroup(network.id, { name: "Logement" });
  const health = await createGroup(network.id, { name: "Santé" });
  await addGroupMember(housing.id, org.id, [delegate.id]);
  await addGroupMember(health.id, otherOrg.id, [colleague.id]);
  const outsider = await createUser({ name: "Oscar Extérieur" });
  const elsewhere = await createNetwork();
  const elsewhereOrg = await createOrganisation(elsewhere.id);
  await makeDelegate(elsewhereOrg.id, outsider.id);
  return {
    network,
    coordinator,
    org,
    otherOrg,
    delegate,
    colleague,
    housing,
    health,
    outsider,
    cookies: {
      coordinator: await sessionCookie(coordinator.id),
      delegate: await sessionCookie(delegate.id),
      colleague: await sessionCookie(colleague.id),
      outsider: await sessionCookie(outsider.id),
    },
  };
}

describe("months in Brussels", () => {
  test("the grid runs from Monday to Sunday around the month, and months shift across years", () => {
    const december = monthGrid("2026-12");
    expect(december.weeks[0][0]).toBe("2026-11-30"); // 1 December 2026 is a Tuesday
    expect(december.weeks.at(-1)!.at(-1)).toBe("2027-01-03");
    expect(december.weeks.every((w) => w.length === 7)).toBe(true);
    // Midnight in Brussels, in winter (UTC+1) and in summer (UTC+2).
    expect(december.from.toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(december.to.toISOString()).toBe("2026-12-31T23:00:00.000Z");
    expect(monthGrid("2026-07").from.toISOString()).toBe("2026-06-30T22:00:00.000Z");
    // March 2026: DST starts on the 29th; the month ends at midnight summer time.
    expect(monthGrid("2026-03").to.toISOString()).toBe("2026-03-31T22:00:00.000Z");
    expect(monthGrid("2027-02").weeks).toHaveLength(4); // February 2027 starts on a Monday and ends on a Sunday
    expect(monthGrid("2026-02").weeks[0][0]).toBe("2026-01-26"); // 1 February 2026 is a Sunday
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
  });

  test("a meeting belongs to the month and the day it has in Brussels, not in UTC", async () => {
    const s = await setting();
    const at = (iso: string, title: string) => createMeeting(s.housing.id, { startsAt: new Date(iso), title });
    await at("2026-11-30T22:30:00.000Z", "Lundi 30 novembre 23:30"); // still November in Brussels
    await at("2026-11-30T23:30:00.000Z", "Mardi 1er décembre 00:30"); // already December in Brussels
    await at("2026-12-31T22:30:00.000Z", "Jeudi 31 décembre 23:30");
    await at("2026-12-31T23:15:00.000Z", "Vendredi 1er janvier 00:15");
    await at("2026-03-31T21:30:00.000Z", "Mardi 31 mars 23:30 (été)");
    await at("2026-03-31T22:30:00.000Z", "Mercredi 1er avril 00:30 (été)");

    const december = await calendar(s.network.slug, "?month=2026-12", s.cookies.coordinator);
    expect(december.status).toBe(200);
    expect(december.body.monthMeetings.map((m) => [m.day, m.title])).toEqual([
      ["2026-12-01", "Mardi 1er décembre 00:30"],
      ["2026-12-31", "Jeudi 31 décembre 23:30"],
    ]);
    const november = await calendar(s.network.slug, "?month=2026-11", s.cookies.coordinator);
    expect(november.body.monthMeetings.map((m) => m.day)).toEqual(["2026-11-30"]);
    const january = await calendar(s.network.slug, "?month=2027-01", s.cookies.coordinator);
    expect(january.body.monthMeetings.map((m) => m.day)).toEqual(["2027-01-01"]);
    const march = await calendar(s.network.slug, "?month=2026-03", s.cookies.coordinator);
    expect(march.body.monthMeetings.map((m) => m.title)).toEqual(["Mardi 31 mars 23:30 (été)"]);
    const april = await calendar(s.network.slug, "?month=2026-04", s.cookies.coordinator);
    expect(april.body.monthMeetings.map((m) => [m.day, m.title])).toEqual([["2026-04-01", "Mercredi 1er avril 00:30 (été)"]]);
  });

  test("without a month, the page shows the month it is in Brussels, with today marked", async () => {
    const s = await setting();
    // 23:30 UTC on 30 November is 00:30 on 1 December in Brussels.
    setNow(new Date("2026-11-30T23:30:00.000Z"));
    const page = await calendar(s.network.slug);
    expect(page.status).toBe(200);
    expect(page.body.month).toBe("2026-12");
    expect(page.body.today).toBe("2026-12-01");
  });

  test("a month or a group that does not exist is a 400 with its message, and the page still shows the current month", async () => {
    const s = await setting();
    setNow(new Date("2026-12-10T10:00:00.000Z"));
    for (const query of ["?month=2026-13", "?month=décembre", "?month=1999-12"]) {
      const page = await calendar(s.network.slug, query);
      expect(page.status, query).toBe(400);
      expect(page.body.errors).toEqual({ month: "calendar.error.month" });
      expect(page.body.month).toBe("2026-12");
    }
    const unknownGroup = await calendar(s.network.slug, "?group=nope");
    expect(unknownGroup.status).toBe(400);
    expect(unknownGroup.body.errors).toEqual({ group: "calendar.error.group" });
    expect(unknownGroup.body.group).toBeNull();
    const badView = await calendar(s.network.slug, "?view=year");
    expect(badView.status).toBe(400);
    expect(badView.body.errors).toEqual({ view: "calendar.error.view" });
    // A group of another network is unknown here.
    const other = await createNetwork();
    const foreign = await createGroup(other.id);
    expect((await calendar(s.network.slug, `?group=${foreign.slug}`)).status).toBe(400);
  });
});

describe("what each reader sees", () => {
  test("a visitor and a delegate of another network see public meetings only; a member sees all; cancelled ones are marked", async () => {
    const s = await setting();
    setNow(new Date("2026-12-01T08:00:00.000Z"));
    await createMeeting(s.housing.id, { title: "Logement interne", startsAt: new Date("2026-12-08T13:00:00.000Z") });
    await createMeeting(s.housing.id, { title: "Logement ouvert", startsAt: new Date("2026-12-09T13:00:00.000Z"), isPublic: true });
    await createMeeting(s.health.id, { title: "Santé annulée", startsAt: new Date("2026-12-10T13:00:00.000Z"), status: "cancelled" });
    await createMeeting(s.health.id, { title: "Santé passée", startsAt: new Date("2026-11-20T13:00:00.000Z") });

    const titles = (b: Body) => b.monthMeetings.map((m) => m.title);
    const listTitles = (b: Body) => b.days.flatMap((d) => d.meetings.map((m) => m.title));

    for (const cookie of [undefined, s.cookies.outsider]) {
      expect(titles((await calendar(s.network.slug, "?month=2026-12", cookie)).body)).toEqual(["Logement ouvert"]);
      expect(listTitles((await calendar(s.network.slug, "?view=list", cookie)).body)).toEqual(["Logement ouvert"]);
      const home = await call(homeLoader, makeRequest(`/${s.network.slug}`, { cookie }), { network: s.network.slug });
      expect((home.body as { nextMeetings: { title: string }[] }).nextMeetings.map((m) => m.title)).toEqual(["Logement ouvert"]);
    }

    // A delegate of the network sees every meeting of the network, also of groups they are not in.
    const member = await calendar(s.network.slug, "?month=2026-12", s.cookies.delegate);
    expect(titles(member.body)).toEqual(["Logement interne", "Logement ouvert", "Santé annulée"]);
    expect(member.body.monthMeetings.find((m) => m.title === "Santé annulée")!.cancelled).toBe(true);
    // The list starts today, grouped by Brussels day.
    const list = await calendar(s.network.slug, "?view=list", s.cookies.delegate);
    expect(list.body.days.map((d) => d.day)).toEqual(["2026-12-08", "2026-12-09", "2026-12-10"]);
    // Filtered by group.
    expect(titles((await calendar(s.network.slug, `?month=2026-12&group=${s.health.slug}`, s.cookies.delegate)).body)).toEqual(["Santé annulée"]);
    // The network home: the next five, in order.
    const home = await call(homeLoader, makeRequest(`/${s.network.slug}`, { cookie: s.cookies.delegate }), { network: s.network.slug });
    expect((home.body as { nextMeetings: { title: string }[] }).nextMeetings.map((m) => m.title)).toEqual([
      "Logement interne",
      "Logement ouvert",
      "Santé annulée",
    ]);
  });
});

describe("my meetings", () => {
  test("the groups where the person takes part or facilitates, across networks, with their answer; never a group they may not see", async () => {
    const s = await setting();
    setNow(new Date("2026-12-01T08:00:00.000Z"));
    const mine = await createMeeting(s.housing.id, { title: "Logement de décembre", startsAt: new Date("2026-12-08T13:00:00.000Z") });
    await createMeeting(s.housing.id, { title: "Logement de novembre", startsAt: new Date("2026-11-10T13:00:00.000Z") });
    await createMeeting(s.health.id, { title: "Santé (pas mon groupe)", startsAt: new Date("2026-12-09T13:00:00.000Z") });
    await prisma.rsvp.create({ data: { meetingId: mine.id, userId: s.delegate.id, response: "maybe" } });
    // The delegate also facilitates a group of a second network, where their organisation is a member.
    const second = await createNetwork({ name: "Relais social" });
    await prisma.networkOrganisation.create({ data: { networkId: second.id, organisationId: s.org.id } });
    const youth = await createGroup(second.id, { name: "Jeunesse" });
    await makeFacilitator(youth.id, s.delegate.id);
    await createMeeting(youth.id, { title: "Jeunesse (j'anime)", startsAt: new Date("2026-12-15T13:00:00.000Z") });

    const account = await call(accountLoader, makeRequest("/account", { cookie: s.cookies.delegate }));
    const meetings = (account.body as { meetings: { title: string; rsvp: string | null; network: { slug: string } }[] }).meetings;
    expect(meetings.map((m) => [m.title, m.rsvp])).toEqual([
      ["Logement de décembre", "maybe"],
      ["Jeunesse (j'anime)", null],
    ]);
    expect(meetings[1].network.slug).toBe(second.slug);

    // The organisation leaves the group: its meetings are no longer "mine".
    await prisma.groupMembership.update({ where: { groupId_organisationId: { groupId: s.housing.id, organisationId: s.org.id } }, data: { status: "left" } });
    const actor = (await actorById(s.delegate.id))!;
    expect((await myMeetings(actor, { at: new Date("2026-12-01T08:00:00.000Z"), take: 10 })).map((m) => m.title)).toEqual(["Jeunesse (j'anime)"]);
  });

  test("a participant whose organisation left the network keeps only the public meetings of their group", async () => {
    const s = await setting();
    setNow(new Date("2026-12-01T08:00:00.000Z"));
    await createMeeting(s.housing.id, { title: "Logement interne", startsAt: new Date("2026-12-08T13:00:00.000Z") });
    await createMeeting(s.housing.id, { title: "Logement ouvert", startsAt: new Date("2026-12-09T13:00:00.000Z"), isPublic: true });
    const actor = (await actorById(s.delegate.id))!;
    const at = new Date("2026-12-01T08:00:00.000Z");
    expect((await myMeetings(actor, { at, take: 10 })).map((m) => m.title)).toEqual(["Logement interne", "Logement ouvert"]);
    await prisma.networkOrganisation.delete({ where: { networkId_organisationId: { networkId: s.network.id, organisationId: s.org.id } } });
    expect((await myMeetings(actor, { at, take: 10 })).map((m) => m.title)).toEqual(["Logement ouvert"]);
  });
});

describe("feeds", () => {
  const createFeed = (cookie: string, form: Record<string, string>) =>
    call(feedsAction, makeRequest("/account/calendars", { method: "POST", cookie, form: { intent: "create", ...form } }));
  const tokens = async (userId: string) =>
    (await prisma.calendarFeed.findMany({ where: { userId, revokedAt: null }, orderBy: { createdAt: "asc" } })).map((f) => f.token);

  test("a person's feed is valid iCalendar with their groups only, private to caches; revoked → 404; renewed → old 404, new 200", async () => {
    const s = await setting();
    setNow(new Date("2026-12-01T08:00:00.000Z"));
    await createMeeting(s.housing.id, { title: "Logement interne", startsAt: new Date("2026-12-08T13:00:00.000Z") });
    await createMeeting(s.housing.id, { title: "Logement annulé", startsAt: new Date("2026-12-15T13:00:00.000Z"), status: "cancelled" });
    await createMeeting(s.health.id, { title: "Santé interne", startsAt: new Date("2026-12-09T13:00:00.000Z") });
    const created = await createFeed(s.cookies.delegate, { scope: "person" });
    expect(created.status).toBe(302);
    const [token] = await tokens(s.delegate.id);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(tokenFromParam(`${token}.ics`)).toBe(token);

    const feed = await ical(token);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(feed.headers.get("Cache-Control")).toBe("private, max-age=300");
    expect(summaries(feed.text)).toEqual(["Logement annulé", "Logement interne"]);
    const cancelled = new ICAL.Component(ICAL.parse(feed.text))
      .getAllSubcomponents("vevent")
      .find((e) => e.getFirstPropertyValue("summary") === "Logement annulé")!;
    expect(cancelled.getFirstPropertyValue("status")).toBe("CANCELLED");

    // The page lists it with its address.
    const page = await call(feedsLoader, makeRequest("/account/calendars", { cookie: s.cookies.delegate }));
    const feeds = (page.body as { feeds: { id: string; url: string }[] }).feeds;
    expect(feeds).toHaveLength(1);
    expect(feeds[0].url).toMatch(new RegExp(`/ical/${token}\\.ics$`));

    // Someone else cannot revoke or renew it.
    for (const intent of ["revoke", "renew"]) {
      const other = await call(
        feedsAction,
        makeRequest("/account/calendars", { method: "POST", cookie: s.cookies.colleague, form: { intent, feedId: feeds[0].id } }),
      );
      expect(other.status).toBe(404);
    }
    expect((await ical(token)).status).toBe(200);

    // Renewed: the old address stops, the new one works.
    const renewed = await call(
      feedsAction,
      makeRequest("/account/calendars", { method: "POST", cookie: s.cookies.delegate, form: { intent: "renew", feedId: feeds[0].id } }),
    );
    expect(renewed.status).toBe(302);
    const [newToken] = await tokens(s.delegate.id);
    expect(newToken).not.toBe(token);
    expect((await ical(token)).status).toBe(404);
    expect((await ical(newToken)).status).toBe(200);

    // Revoked: 404, and gone from the page.
    const newId = (await prisma.calendarFeed.findUniqueOrThrow({ where: { token: newToken } })).id;
    const revoked = await call(
      feedsAction,
      makeRequest("/account/calendars", { method: "POST", cookie: s.cookies.delegate, form: { intent: "revoke", feedId: newId } }),
    );
    expect(revoked.status).toBe(302);
    expect((await ical(newToken)).status).toBe(404);
    expect(await tokens(s.delegate.id)).toEqual([]);
    // Unknown or malformed tokens.
    expect((await ical("A".repeat(43))).status).toBe(404);
    expect((await call(icalLoader, makeRequest("/ical/nope"), { token: "nope" })).status).toBe(404);
  });

  test("a person's feed follows their rights at every fetch: a group they may no longer see disappears", async () => {
    const s = await setting();
    setNow(new Date("2026-12-01T08:00:00.000Z"));
    await createMeeting(s.housing.id, { title: "Logement interne", startsAt: new Date("2026-12-08T13:00:00.000Z") });
    await createMeeting(s.housing.id, { title: "Logement ouvert", startsAt: new Date("2026-12-09T13:00:00.000Z"), isPublic: true });
    await createFeed(s.cookies.delegate, { scope: "person" });
    const [token] = await tokens(s.delegate.id);
    expect(summaries((await ical(token)).text)).toEqual(["Logement interne", "Logement ouvert"]);
    // The organisation leaves the network: the person is a visitor there now.
    await prisma.networkOrganisation.delete({ where: { networkId_organisationId: { networkId: s.network.id, organisationId: s.org.id } } });
    expect(summaries((await ical(token)).text)).toEqual(["Logement ouvert"]);
    // The person is deleted: the feed goes with them.
    await prisma.user.delete({ where: { id: s.delegate.id } });
    expect((await ical(token)).status).toBe(404);
  });

  test("group and network feeds: as the owner may see them, re-checked; only networks where the person is a member", async () => {
    const s = await setting();
    setNow(new Date("2026-12-01T08:00:00.000Z"));
    await createMeeting(s.housing.id, { title: "Logement interne", startsAt: new Date("2026-12-08T13:00:00.000Z") });
    await createMeeting(s.health.id, { title: "Santé interne", startsAt: new Date("2026-12-09T13:00:00.000Z") });
    await createMeeting(s.health.id, { title: "Santé ouverte", startsAt: new Date("2026-12-10T13:00:00.000Z"), isPublic: true });
    await createMeeting(s.health.id, { title: "Santé d'il y a deux ans", startsAt: new Date("2024-11-10T13:00:00.000Z") });

    expect((await createFeed(s.cookies.delegate, { scope: "group", group: s.health.id })).status).toBe(302);
    expect((await createFeed(s.cookies.delegate, { scope: "network", network: s.network.id })).status).toBe(302);
    const [groupToken, networkToken] = await tokens(s.delegate.id);
    expect(summaries((await ical(groupToken)).text)).toEqual(["Santé interne", "Santé ouverte"]);
    expect(summaries((await ical(networkToken)).text)).toEqual(["Logement interne", "Santé interne", "Santé ouverte"]);

    await prisma.networkOrganisation.delete({ where: { networkId_organisationId: { networkId: s.network.id, organisationId: s.org.id } } });
    expect(summaries((await ical(groupToken)).text)).toEqual(["Santé ouverte"]);
    expect(summaries((await ical(networkToken)).text)).toEqual(["Santé ouverte"]);

    // A delegate of another network may not subscribe to this network or its groups.
    const forms: Record<string, string>[] = [
      { scope: "network", network: s.network.id },
      { scope: "group", group: s.health.id },
    ];
    for (const form of forms) {
      const refused = await createFeed(s.cookies.outsider, form);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain("calendar.feeds.error.notAllowed");
    }
    // Missing choices are told beside the field.
    const missing = await createFeed(s.cookies.colleague, { scope: "group" });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain("calendar.feeds.error.group");
    const badScope = await createFeed(s.cookies.colleague, { scope: "public" });
    expect(badScope.status).toBe(400);
    expect(await prisma.calendarFeed.count({ where: { userId: { in: [s.outsider.id, s.colleague.id] } } })).toBe(0);
  });

  test("the public feed: made by a coordinator, public meetings only, cacheable; revoked → 404", async () => {
    const s = await setting();
    setNow(new Date("2026-12-01T08:00:00.000Z"));
    await createMeeting(s.housing.id, { title: "Logement interne", startsAt: new Date("2026-12-08T13:00:00.000Z") });
    await createMeeting(s.health.id, { title: "Santé ouverte", startsAt: new Date("2026-12-10T13:00:00.000Z"), isPublic: true });
    const path = `/${s.network.slug}/admin/calendar-feed`;
    const post = (cookie: string | undefined, form: Record<string, string>) =>
      call(publicFeedAction, makeRequest(path, { method: "POST", cookie, form }), { network: s.network.slug });

    expect((await post(s.cookies.delegate, { intent: "create" })).status).toBe(403);
    expect((await post(undefined, { intent: "create" })).status).toBe(302);
    expect(await prisma.calendarFeed.count({ where: { scope: "public" } })).toBe(0);

    expect((await post(s.cookies.coordinator, { intent: "create" })).status).toBe(302);
    expect((await post(s.cookies.coordinator, { intent: "create" })).status).toBe(302); // still one
    const feeds = await prisma.calendarFeed.findMany({ where: { scope: "public", networkId: s.network.id } });
    expect(feeds).toHaveLength(1);
    expect(feeds[0].userId).toBeNull();
    const feed = await ical(feeds[0].token);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("Cache-Control")).toBe("public, max-age=300");
    expect(summaries(feed.text)).toEqual(["Santé ouverte"]);
    expect(await prisma.auditLog.count({ where: { action: "calendarFeed.create", networkId: s.network.id } })).toBe(1);

    // Shown to a visitor on the calendar page.
    const page = await calendar(s.network.slug);
    expect(page.body.publicFeedUrl).toMatch(new RegExp(`/ical/${feeds[0].token}\\.ics$`));

    const admin = await call(publicFeedLoader, makeRequest(path, { cookie: s.cookies.coordinator }), { network: s.network.slug });
    expect((admin.body as { publicCount: number }).publicCount).toBe(1);

    // An unknown id is a 404; a missing one a 400.
    expect((await post(s.cookies.coordinator, { intent: "revoke", feedId: "nope" })).status).toBe(404);
    expect((await post(s.cookies.coordinator, { intent: "revoke" })).status).toBe(400);
    expect((await post(s.cookies.coordinator, { intent: "revoke", feedId: feeds[0].id })).status).toBe(302);
    expect((await ical(feeds[0].token)).status).toBe(404);
    expect((await calendar(s.network.slug)).body.publicFeedUrl).toBeNull();
  });

  test("the where of a feed never reaches another network's meetings", async () => {
    const s = await setting();
    const other = await createNetwork();
    const otherGroup = await createGroup(other.id);
    await createMeeting(otherGroup.id, { title: "Ailleurs public", isPublic: true });
    await createMeeting(s.health.id, { title: "Ici public", isPublic: true });
    const feed = await prisma.calendarFeed.create({ data: { token: "t".repeat(43), scope: "public", networkId: s.network.id } });
    const where = await feedMeetingsWhere((await feedByToken(feed.token))!, new Date());
    const found = await prisma.meeting.findMany({ where: where!, select: { title: true } });
    expect(found.map((m) => m.title)).toEqual(["Ici public"]);
  });
});
