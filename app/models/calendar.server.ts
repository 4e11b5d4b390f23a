// Calendars: the month and list views of a network, "my meetings" across networks, and the
// subscribable iCalendar feeds (/ical/:token.ics). Which meetings a reader may see is decided by
// visibleMeetingsWhere (app/access/meeting.server.ts) only; this module adds dates, groups and owners.
import type { Actor } from "#app/access/actor";
import { actorById } from "#app/access/actor.server";
import { visibleMeetingsWhere } from "#app/access/meeting.server";
import { insiderNetworksWhere } from "#app/access/network.server";
import type { Prisma } from "#app/generated/prisma/client";
import { audit } from "#app/utils/audit.server";
import { meetingDay } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { invalid } from "#app/utils/errors.server";
import { randomToken } from "#app/utils/tokens.server";

// --- Meetings a reader may see ------------------------------------------------------------------

const meetingSelect = {
  id: true,
  title: true,
  startsAt: true,
  endsAt: true,
  place: true,
  videoUrl: true,
  isPublic: true,
  status: true,
  group: { select: { slug: true, name: true, network: { select: { slug: true, name: true } } } },
} satisfies Prisma.MeetingSelect;

export type CalendarMeeting = {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  day: string;
  place: string;
  hasVideo: boolean;
  isPublic: boolean;
  cancelled: boolean;
  group: { slug: string; name: string };
  network: { slug: string; name: string };
};

function toCalendarMeeting(m: Prisma.MeetingGetPayload<{ select: typeof meetingSelect }>): CalendarMeeting {
  return {
    id: m.id,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    day: meetingDay(m.startsAt),
    place: m.place,
    hasVideo: !!m.videoUrl,
    isPublic: m.isPublic,
    cancelled: m.status === "cancelled",
    group: { slug: m.group.slug, name: m.group.name },
    network: { slug: m.group.network.slug, name: m.group.network.name },
  };
}

/** No page lists more than this: a month of ten groups has about ten meetings. */
export const CALENDAR_LIMIT = 300;

/** The meetings of the network this reader may see that start in [from, to), optionally of one group. */
export async function meetingsBetween(actor: Actor | null, networkId: string, range: { from: Date; to: Date; groupId?: string | null }) {
  const visible = await visibleMeetingsWhere(actor, networkId);
  const meetings = await prisma.meeting.findMany({
    where: { AND: [visible, { startsAt: { gte: range.from, lt: range.to } }, range.groupId ? { groupId: range.groupId } : {}] },
    orderBy: [{ startsAt: "asc" }, { title: "asc" }],
    take: CALENDAR_LIMIT,
    select: meetingSelect,
  });
  return meetings.map(toCalendarMeeting);
}

/**
 * The next meetings of the network this reader may see: those not yet over at `at` (a meeting in
 * progress is still listed), one page of `take` after `skip`, and the total for paging.
 */
export async function upcomingMeetings(actor: Actor | null, networkId: string, options: { at: Date; groupId?: string | null; take: number; skip?: number }) {
  const visible = await visibleMeetingsWhere(actor, networkId);
  const where: Prisma.MeetingWhereInput = { AND: [visible, { endsAt: { gt: options.at } }, options.groupId ? { groupId: options.groupId } : {}] };
  const [meetings, total] = await Promise.all([
    prisma.meeting.findMany({ where, orderBy: [{ startsAt: "asc" }, { title: "asc" }], skip: options.skip ?? 0, take: options.take, select: meetingSelect }),
    prisma.meeting.count({ where }),
  ]);
  return { meetings: meetings.map(toCalendarMeeting), total };
}

/** Days in order, each with its meetings (a list view grouped by day). */
export function groupByDay<M extends { day: string }>(meetings: M[]) {
  const days: { day: string; meetings: M[] }[] = [];
  for (const m of meetings) {
    const last = days[days.length - 1];
    if (last?.day === m.day) last.meetings.push(m);
    else days.push({ day: m.day, meetings: [m] });
  }
  return days;
}

// --- A person's meetings, across networks --------------------------------------------------------

/**
 * The groups where this person takes part: they facilitate it, or they are named as a participant
 * for an organisation that is still an active member of it. By network.
 */
export async function groupsOfPerson(userId: string) {
  const [participations, facilitated] = await Promise.all([
    prisma.groupParticipant.findMany({
      where: { userId },
      select: { groupId: true, organisationId: true, group: { select: { networkId: true } } },
    }),
    prisma.groupFacilitator.findMany({ where: { userId }, select: { groupId: true, group: { select: { networkId: true } } } }),
  ]);
  const active = participations.length
    ? await prisma.groupMembership.findMany({
        where: { status: "active", OR: participations.map((p) => ({ groupId: p.groupId, organisationId: p.organisationId })) },
        select: { groupId: true, organisationId: true },
      })
    : [];
  const isActive = new Set(active.map((m) => `${m.groupId} ${m.organisationId}`));
  const byNetwork = new Map<string, Set<string>>();
  const add = (networkId: string, groupId: string) => {
    if (!byNetwork.has(networkId)) byNetwork.set(networkId, new Set());
    byNetwork.get(networkId)!.add(groupId);
  };
  for (const p of participations) if (isActive.has(`${p.groupId} ${p.organisationId}`)) add(p.group.networkId, p.groupId);
  for (const f of facilitated) add(f.group.networkId, f.groupId);
  return byNetwork;
}

/**
 * The meetings of the person's groups, as the person may see them in each network (a participant
 * whose organisation left the network sees no more than a visitor). Null when there are none.
 */
export async function personMeetingsWhere(actor: Actor): Promise<Prisma.MeetingWhereInput | null> {
  const byNetwork = await groupsOfPerson(actor.userId);
  if (byNetwork.size === 0) return null;
  const parts = await Promise.all(
    [...byNetwork].map(async ([networkId, groupIds]) => ({ AND: [await visibleMeetingsWhere(actor, networkId), { groupId: { in: [...groupIds] } }] })),
  );
  return { OR: parts };
}

export type MyMeeting = CalendarMeeting & { rsvp: string | null };

/** "My meetings": the next meetings of the person's groups, across networks, with their answer. */
export async function myMeetings(actor: Actor, options: { at: Date; take: number }): Promise<MyMeeting[]> {
  const where = await personMeetingsWhere(actor);
  if (!where) return [];
  const meetings = await prisma.meeting.findMany({
    where: { AND: [where, { endsAt: { gt: options.at } }] },
    orderBy: [{ startsAt: "asc" }, { title: "asc" }],
    take: options.take,
    select: { ...meetingSelect, rsvps: { where: { userId: actor.userId }, select: { response: true } } },
  });
  return meetings.map((m) => ({ ...toCalendarMeeting(m), rsvp: m.rsvps[0]?.response ?? null }));
}

// --- Feeds ----------------------------------------------------------------------------------------

export const FEED_SCOPES = ["person", "group", "network", "public"] as const;
export type FeedScope = (typeof FEED_SCOPES)[number];

/** A feed shows a year of past meetings and every future one: calendar programs keep history. */
export const FEED_PAST_DAYS = 366;

/** The token as it appears in the URL: /ical/<token>.ics */
export function feedPath(token: string) {
  return `/ical/${token}.ics`;
}

/** "abc.ics" (the route parameter) → "abc"; anything that is not a token shape → null. */
export function tokenFromParam(param: string | undefined): string | null {
  if (!param) return null;
  const token = param.endsWith(".ics") ? param.slice(0, -4) : param;
  return /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

const feedSelect = {
  id: true,
  token: true,
  scope: true,
  userId: true,
  createdAt: true,
  revokedAt: true,
  network: { select: { id: true, slug: true, name: true } },
  group: { select: { id: true, slug: true, name: true, networkId: true, network: { select: { slug: true, name: true } } } },
} satisfies Prisma.CalendarFeedSelect;

export type FeedRow = Prisma.CalendarFeedGetPayload<{ select: typeof feedSelect }>;

/** What a person may subscribe to: networks where they are an insider, and those networks' groups. */
export async function subscribableFor(actor: Actor) {
  const candidates = await prisma.network.findMany({
    where: insiderNetworksWhere(actor),
    select: {
      id: true,
      slug: true,
      name: true,
      groups: { where: { archivedAt: null }, select: { id: true, slug: true, name: true }, orderBy: { name: "asc" } },
    },
    orderBy: { name: "asc" },
  });
  return candidates;
}

/** A new feed of the person: their own meetings, a group's, or a network's. */
export async function createFeed(actor: Actor, input: { scope: "person" } | { scope: "group"; groupId: string } | { scope: "network"; networkId: string }) {
  const allowed = await subscribableFor(actor);
  let networkId: string | null = null;
  let groupId: string | null = null;
  if (input.scope === "network") {
    if (!allowed.some((n) => n.id === input.networkId)) throw invalid("calendar.feeds.error.notAllowed", "network");
    networkId = input.networkId;
  } else if (input.scope === "group") {
    const network = allowed.find((n) => n.groups.some((g) => g.id === input.groupId));
    if (!network) throw invalid("calendar.feeds.error.notAllowed", "group");
    groupId = input.groupId;
    networkId = network.id;
  }
  return prisma.calendarFeed.create({
    data: { token: randomToken(32), scope: input.scope, userId: actor.userId, networkId, groupId },
    select: feedSelect,
  });
}

/**
 * The public feed of a network (no owner), made by a coordinator; one at a time. Audited: the
 * coordination sees who published the network's public calendar.
 */
export async function createPublicFeed(networkId: string, actorId: string) {
  return transaction(async (tx) => {
    const existing = await tx.calendarFeed.findFirst({ where: { scope: "public", networkId, revokedAt: null }, select: feedSelect });
    if (existing) return existing;
    const feed = await tx.calendarFeed.create({ data: { token: randomToken(32), scope: "public", networkId }, select: feedSelect });
    await audit(tx, { networkId, actorId, action: "calendarFeed.create", entityType: "CalendarFeed", entityId: feed.id, after: { scope: "public" } });
    return feed;
  });
}

export function activePublicFeed(networkId: string) {
  return prisma.calendarFeed.findFirst({ where: { scope: "public", networkId, revokedAt: null }, orderBy: { createdAt: "desc" }, select: feedSelect });
}

/** The person's active feeds (revoked ones are gone from the page: their address no longer works). */
export function feedsOf(userId: string) {
  return prisma.calendarFeed.findMany({ where: { userId, revokedAt: null }, orderBy: { createdAt: "asc" }, select: feedSelect });
}

/** One active feed the owner (or, for the public feed, a coordinator of its network) may manage. */
async function manageableFeed(feedId: string, owner: { userId: string } | { publicOf: string }) {
  const where: Prisma.CalendarFeedWhereInput =
    "userId" in owner ? { id: feedId, userId: owner.userId, revokedAt: null } : { id: feedId, scope: "public", networkId: owner.publicOf, revokedAt: null };
  return prisma.calendarFeed.findFirst({ where, select: { id: true, scope: true, userId: true, networkId: true, groupId: true } });
}

/** Revokes the feed: its address answers 404 from now on. False when there is no such feed. */
export async function revokeFeed(feedId: string, owner: { userId: string } | { publicOf: string }, actorId: string) {
  const feed = await manageableFeed(feedId, owner);
  if (!feed) return false;
  return transaction(async (tx) => {
    const done = await tx.calendarFeed.updateMany({ where: { id: feed.id, revokedAt: null }, data: { revokedAt: now() } });
    if (done.count === 1 && feed.scope === "public") {
      await audit(tx, {
        networkId: feed.networkId,
        actorId,
        action: "calendarFeed.revoke",
        entityType: "CalendarFeed",
        entityId: feed.id,
        before: { scope: "public" },
      });
    }
    return done.count === 1;
  });
}

/**
 * A new address for the same feed (the old one was shared too widely): the old row is revoked and
 * a new one made, in one transaction. Null when there is no such feed.
 */
export async function renewFeed(feedId: string, owner: { userId: string } | { publicOf: string }, actorId: string) {
  const feed = await manageableFeed(feedId, owner);
  if (!feed) return null;
  return transaction(async (tx) => {
    const done = await tx.calendarFeed.updateMany({ where: { id: feed.id, revokedAt: null }, data: { revokedAt: now() } });
    if (done.count !== 1) return null;
    const renewed = await tx.calendarFeed.create({
      data: { token: randomToken(32), scope: feed.scope, userId: feed.userId, networkId: feed.networkId, groupId: feed.groupId },
      select: feedSelect,
    });
    if (feed.scope === "public") {
      await audit(tx, {
        networkId: feed.networkId,
        actorId,
        action: "calendarFeed.renew",
        entityType: "CalendarFeed",
        entityId: renewed.id,
        before: { id: feed.id },
      });
    }
    return renewed;
  });
}

/** The active feed of a token, or null (unknown or revoked). */
export function feedByToken(token: string) {
  return prisma.calendarFeed.findFirst({
    where: { token, revokedAt: null },
    select: { ...feedSelect, user: { select: { id: true, locale: true } } },
  });
}

/**
 * Which meetings a feed holds at this moment, the owner's rights read again now. Null when the
 * feed no longer makes sense (its owner or group is gone).
 */
export async function feedMeetingsWhere(feed: NonNullable<Awaited<ReturnType<typeof feedByToken>>>, at: Date): Promise<Prisma.MeetingWhereInput | null> {
  const since = { startsAt: { gte: new Date(at.getTime() - FEED_PAST_DAYS * 86_400_000) } };
  if (feed.scope === "public") {
    if (!feed.network) return null;
    // A visitor's view of the network: public meetings only.
    return { AND: [await visibleMeetingsWhere(null, feed.network.id), since] };
  }
  const owner = feed.userId ? await actorById(feed.userId) : null;
  if (!owner) return null;
  if (feed.scope === "person") {
    const mine = await personMeetingsWhere(owner);
    // No group any more: an empty calendar, not an error (the subscription stays valid).
    return { AND: [mine ?? { id: { in: [] } }, since] };
  }
  if (feed.scope === "group" && feed.group) {
    return { AND: [await visibleMeetingsWhere(owner, feed.group.networkId), { groupId: feed.group.id }, since] };
  }
  if (feed.scope === "network" && feed.network) {
    return { AND: [await visibleMeetingsWhere(owner, feed.network.id), since] };
  }
  return null;
}
