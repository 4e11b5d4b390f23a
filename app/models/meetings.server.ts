// Meetings of working groups: scheduling (one meeting, or a series whose occurrences are
// materialised as Meeting rows), moving, editing and cancelling one occurrence or the rest of a
// series, the agenda and members' proposals, invitations by e-mail with an iCalendar attachment,
// RSVP, and the reminder two days before.
//
// Every change to what a calendar shows (time, place, title, cancellation) increases SEQUENCE and
// sends the invitation again (REQUEST, or CANCEL). Agenda changes do not: the iCalendar event does
// not carry the agenda, and a new e-mail for each item would be noise.
//
// Who is invited (meetingParticipants): the facilitators, and for each active member organisation
// the people it named (GroupParticipant) who are still its delegates. An organisation that named
// nobody is not left out: its titular and substitute delegates are invited until it names someone.
//
// Each function that changes something takes the id of the person doing it and reads their rights
// again through app/access (managers: "meeting.manage"; answering, proposing: the participants),
// whoever calls it: the routes check first to show their page's refusal, the model checks anyway.
import { randomUUID } from "node:crypto";

import { isCommittingRole } from "#app/access/actor";
import { actorById } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { groupAccess } from "#app/access/group.server";
import type { Prisma } from "#app/generated/prisma/client";
import { audit } from "#app/utils/audit.server";
import { brusselsInstant, brusselsParts, checkRule, expandRule, formatMeetingWhen, type SeriesRule } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { emailLayout, sendEmail } from "#app/utils/email.server";
import { getEnv } from "#app/utils/env.server";
import { DomainError, invalid, notFound, refused } from "#app/utils/errors.server";
import { isLocale, makeT } from "#app/utils/i18n";
import { icsMeetingSelect, meetingsCalendar, seriesInstants } from "#app/utils/ics.server";
import { claimSubmission, recordSubmissionResult, submissionResult } from "#app/utils/idempotency.server";
import { meetingUrl } from "#app/utils/paths";

import { rsvpUrl } from "./rsvp.server";

type Tx = Prisma.TransactionClient;

export type MeetingInput = {
  title: string;
  day: string; // Brussels day, "2027-03-09"
  startMinutes: number;
  endMinutes: number;
  place: string;
  videoUrl: string | null;
  isPublic: boolean;
};

export type ScheduleInput = MeetingInput & {
  /** Members may propose agenda items until this many days before each meeting (null: no proposals). */
  proposalsDaysBefore: number | null;
  repeat: null | Omit<SeriesRule, "startOn">;
};

const REMINDER_HOURS = 48;

function meetingUid() {
  const host = new URL(getEnv().appUrl).hostname || "maillage";
  return `${randomUUID()}@${host}`;
}

function checkTimes(input: MeetingInput) {
  if (input.endMinutes <= input.startMinutes) throw invalid("meetings.error.endBeforeStart", "endTime");
  if (!input.place.trim() && !input.videoUrl) throw invalid("meetings.error.placeOrVideo", "place");
}

function proposalsDeadline(startsAt: Date, daysBefore: number | null) {
  if (daysBefore === null) return null;
  return new Date(startsAt.getTime() - daysBefore * 86_400_000);
}

// --- Participants ---------------------------------------------------------------------------------

export type Participant = { userId: string; email: string; name: string; locale: string };

/** The people invited to the group's meetings (see the header for the rule). */
export async function meetingParticipants(groupId: string, db: Tx | typeof prisma = prisma): Promise<Participant[]> {
  const userSelect = { id: true, email: true, name: true, locale: true } as const;
  const [facilitators, memberships] = await Promise.all([
    db.groupFacilitator.findMany({ where: { groupId }, select: { user: { select: userSelect } } }),
    db.groupMembership.findMany({
      where: { groupId, status: "active" },
      select: {
        organisationId: true,
        organisation: {
          select: {
            delegates: { select: { role: true, user: { select: userSelect } } },
            groupParticipants: { where: { groupId }, select: { userId: true } },
          },
        },
      },
    }),
  ]);
  const people = new Map<string, Participant>();
  const add = (u: { id: string; email: string; name: string; locale: string }) =>
    people.set(u.id, { userId: u.id, email: u.email, name: u.name, locale: u.locale });
  for (const f of facilitators) add(f.user);
  for (const m of memberships) {
    const named = new Set(m.organisation.groupParticipants.map((p) => p.userId));
    const delegates = m.organisation.delegates;
    const invited = named.size ? delegates.filter((d) => named.has(d.user.id)) : delegates.filter((d) => isCommittingRole(d.role));
    for (const d of invited) add(d.user);
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

/** Is this person among the group's meeting participants (the people its invitations are sent to)? */
export async function isInvited(groupId: string, userId: string) {
  return (await meetingParticipants(groupId)).some((p) => p.userId === userId);
}

/** The person's rights at this meeting, read by id (the model does not take the caller's word). */
async function participation(meetingId: string, userId: string) {
  const meeting = await prisma.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    select: { status: true, endsAt: true, proposalsUntil: true, groupId: true, group: { select: { id: true, networkId: true } } },
  });
  const actor = await actorById(userId);
  const [access, invited] = await Promise.all([groupAccess(actor, meeting.group), isInvited(meeting.groupId, userId)]);
  return { actor, meeting, access, invited };
}

/**
 * Refused unless this person manages the group's meetings (schedules, edits, cancels, builds the
 * agenda, decides proposals): the rights are read again here by id, not taken from the caller.
 */
async function requireMeetingManager(actorId: string, group: { id: string; networkId: string }) {
  const actor = await actorById(actorId);
  if (!can(actor, "meeting.manage", { access: await groupAccess(actor, group) })) throw refused();
}

/** The same, for the group of this meeting (not found: no such meeting). */
async function requireManagerOfMeeting(meetingId: string, actorId: string) {
  const meeting = await prisma.meeting.findUnique({ where: { id: meetingId }, select: { group: { select: { id: true, networkId: true } } } });
  if (!meeting) throw notFound();
  await requireMeetingManager(actorId, meeting.group);
}

// --- Invitations ------------------------------------------------------------------------------------

type Notice = "new" | "update" | "cancel";

/**
 * E-mails each participant the iCalendar of these meetings: REQUEST (the whole series when they
 * belong to one: master, overrides, EXDATEs), or CANCEL (the given rows; the master when the series
 * is cancelled as a whole).
 */
async function sendInvitations(tx: Tx, meetingIds: string[], notice: Notice) {
  if (meetingIds.length === 0) return 0;
  const chosen = await tx.meeting.findMany({
    where: { id: { in: meetingIds } },
    select: { seriesId: true, groupId: true, group: { select: { networkId: true } } },
    take: 1,
  });
  if (!chosen.length) return 0;
  const { groupId, seriesId } = chosen[0];
  const networkId = chosen[0].group.networkId;
  const method = notice === "cancel" ? "CANCEL" : "REQUEST";
  const rows = await tx.meeting.findMany({
    where: method === "REQUEST" && seriesId ? { seriesId } : { id: { in: meetingIds } },
    select: icsMeetingSelect,
    orderBy: { startsAt: "asc" },
  });
  if (!rows.length) return 0;
  const participants = await meetingParticipants(groupId, tx);
  const appUrl = getEnv().appUrl;
  const at = now();
  const focus = rows.filter((r) => meetingIds.includes(r.id));
  const upcoming = focus.filter((r) => r.status === "scheduled" && r.endsAt > at);
  const first = focus[0];
  const series = first.series;
  for (const person of participants) {
    const t = makeT(isLocale(person.locale) ? person.locale : "fr");
    const ics = meetingsCalendar({ name: first.group.name, method, meetings: rows, appUrl, attendees: [{ email: person.email, name: person.name }] });
    const when = formatMeetingWhen(first.startsAt, first.endsAt, t.locale);
    const vars = { title: first.title, group: first.group.name, when };
    const paragraphs: string[] = [];
    if (notice === "cancel") {
      paragraphs.push(focus.length > 1 ? t("meetings.email.cancel.bodyMany", { ...vars, count: focus.length }) : t("meetings.email.cancel.body", vars));
      if (first.cancelReason) paragraphs.push(t("meetings.email.reason", { reason: first.cancelReason }));
    } else {
      paragraphs.push(t(notice === "new" ? "meetings.email.new.body" : "meetings.email.update.body", vars));
      if (series && focus.length > 1) {
        paragraphs.push(t("meetings.email.seriesDates", { count: upcoming.length }));
        for (const r of upcoming.slice(0, 24)) paragraphs.push(`• ${formatMeetingWhen(r.startsAt, r.endsAt, t.locale)}`);
      }
      if (first.place) paragraphs.push(t("meetings.email.place", { place: first.place }));
      if (first.videoUrl) paragraphs.push(t("meetings.email.video", { url: first.videoUrl }));
      paragraphs.push(t("meetings.email.calendarHint"));
    }
    const rsvpFor = notice === "cancel" ? null : upcoming[0];
    if (rsvpFor) paragraphs.push(t("meetings.email.rsvpHint", { when: formatMeetingWhen(rsvpFor.startsAt, rsvpFor.endsAt, t.locale) }));
    const { html, text } = emailLayout({
      title: t(`meetings.email.${notice}.title`, vars),
      paragraphs,
      action: rsvpFor
        ? { label: t("meetings.email.rsvpAction"), url: rsvpUrl(rsvpFor.id, person.userId) }
        : { label: t("meetings.email.open"), url: meetingUrl(appUrl, { networkSlug: first.group.network.slug, meetingId: first.id }) },
    });
    await sendEmail(
      {
        to: person.email,
        subject: t(`meetings.email.${notice}.subject`, vars),
        html,
        text,
        networkId,
        attachments: [
          { filename: notice === "cancel" ? "annulation.ics" : "invitation.ics", contentType: `text/calendar; charset=utf-8; method=${method}`, content: ics },
        ],
      },
      tx,
    );
  }
  return participants.length;
}

// --- Scheduling -------------------------------------------------------------------------------------

type Scheduled = { meetingId: string; seriesId: string | null; count: number };

/**
 * What an earlier submission of the same form scheduled, or null when this one is the first (its
 * key is now claimed): the form sent twice schedules once and e-mails the invitations once.
 */
async function scheduledBefore(tx: Tx, submissionKey: string | null, actorId: string): Promise<Scheduled | null> {
  if (await claimSubmission(tx, submissionKey, "meetings.schedule", actorId)) return null;
  const meetingId = await submissionResult(tx, submissionKey!);
  const first = meetingId ? await tx.meeting.findUnique({ where: { id: meetingId }, select: { id: true, seriesId: true } }) : null;
  if (!first) throw new Error("A replayed schedule form whose meeting no longer exists");
  const count = first.seriesId ? await tx.meeting.count({ where: { seriesId: first.seriesId } }) : 1;
  return { meetingId: first.id, seriesId: first.seriesId, count };
}

/** Schedules one meeting or a series. Returns the first meeting's id (the same for a replay of the form). */
export async function scheduleMeeting(groupId: string, actorId: string, input: ScheduleInput, submissionKey: string | null = null): Promise<Scheduled> {
  const group = await prisma.workingGroup.findUnique({ where: { id: groupId }, select: { id: true, networkId: true, archivedAt: true } });
  if (!group) throw notFound();
  await requireMeetingManager(actorId, group);
  checkTimes(input);
  if (group.archivedAt) throw invalid("meetings.error.archived");
  const at = now();
  if (!input.repeat) {
    const startsAt = brusselsInstant(input.day, input.startMinutes);
    if (startsAt <= at) throw invalid("meetings.error.inPast", "date");
    return transaction(async (tx) => {
      const before = await scheduledBefore(tx, submissionKey, actorId);
      if (before) return before;
      const meeting = await tx.meeting.create({
        data: {
          groupId,
          uid: meetingUid(),
          title: input.title,
          startsAt,
          endsAt: brusselsInstant(input.day, input.endMinutes),
          place: input.place,
          videoUrl: input.videoUrl,
          isPublic: input.isPublic,
          proposalsUntil: proposalsDeadline(startsAt, input.proposalsDaysBefore),
          createdById: actorId,
          createdAt: at,
        },
        select: { id: true },
      });
      await audit(tx, {
        networkId: group.networkId,
        actorId,
        action: "meeting.schedule",
        entityType: "meeting",
        entityId: meeting.id,
        after: { title: input.title, startsAt },
      });
      await recordSubmissionResult(tx, submissionKey, meeting.id);
      await sendInvitations(tx, [meeting.id], "new");
      return { meetingId: meeting.id, seriesId: null, count: 1 };
    });
  }
  const rule: SeriesRule = { ...input.repeat, startOn: input.day };
  const problem = checkRule(rule);
  if (problem)
    throw invalid(
      problem,
      problem === "series.error.untilBeforeStart" || problem === "series.error.tooLong"
        ? "untilOn"
        : problem === "series.error.tooMany"
          ? "count"
          : problem === "series.error.ordinalRequired"
            ? "ordinal"
            : undefined,
    );
  const days = expandRule(rule);
  if (brusselsInstant(days[0], input.startMinutes) <= at) throw invalid("meetings.error.inPast", "date");
  return transaction(async (tx) => {
    const before = await scheduledBefore(tx, submissionKey, actorId);
    if (before) return before;
    const uid = meetingUid();
    const series = await tx.meetingSeries.create({
      data: {
        createdAt: at,
        groupId,
        uid,
        frequency: rule.frequency,
        interval: rule.interval,
        weekday: rule.weekday,
        ordinal: rule.frequency === "monthly" ? rule.ordinal : null,
        startOn: new Date(`${rule.startOn}T00:00:00.000Z`),
        untilOn: rule.untilOn ? new Date(`${rule.untilOn}T00:00:00.000Z`) : null,
        count: rule.count ?? null,
        startMinutes: input.startMinutes,
        endMinutes: input.endMinutes,
        title: input.title,
        place: input.place,
        videoUrl: input.videoUrl,
        isPublic: input.isPublic,
        createdById: actorId,
      },
      select: { id: true },
    });
    await tx.meeting.createMany({
      data: days.map((day) => {
        const startsAt = brusselsInstant(day, input.startMinutes);
        return {
          groupId,
          seriesId: series.id,
          uid,
          recurrenceId: startsAt,
          title: input.title,
          startsAt,
          endsAt: brusselsInstant(day, input.endMinutes),
          place: input.place,
          videoUrl: input.videoUrl,
          isPublic: input.isPublic,
          proposalsUntil: proposalsDeadline(startsAt, input.proposalsDaysBefore),
          createdById: actorId,
          createdAt: at,
        };
      }),
    });
    const meetings = await tx.meeting.findMany({ where: { seriesId: series.id }, select: { id: true }, orderBy: { startsAt: "asc" } });
    await audit(tx, {
      networkId: group.networkId,
      actorId,
      action: "meeting.scheduleSeries",
      entityType: "meetingSeries",
      entityId: series.id,
      after: { title: input.title, rule, count: days.length },
    });
    await recordSubmissionResult(tx, submissionKey, meetings[0].id);
    await sendInvitations(
      tx,
      meetings.map((m) => m.id),
      "new",
    );
    return { meetingId: meetings[0].id, seriesId: series.id, count: meetings.length };
  });
}

/** The next SEQUENCE of a meeting (and of its series: the master's number never falls behind). */
async function bumpSequence(tx: Tx, meeting: { id: string; sequence: number; seriesId: string | null }) {
  if (!meeting.seriesId) return meeting.sequence + 1;
  const series = await tx.meetingSeries.update({ where: { id: meeting.seriesId }, data: { sequence: { increment: 1 } }, select: { sequence: true } });
  return Math.max(series.sequence, meeting.sequence + 1);
}

const editableSelect = {
  id: true,
  groupId: true,
  seriesId: true,
  sequence: true,
  status: true,
  startsAt: true,
  endsAt: true,
  title: true,
  place: true,
  videoUrl: true,
  isPublic: true,
  proposalsUntil: true,
  group: { select: { networkId: true } },
} as const;

/** Moves or edits one meeting (or one occurrence of a series, which stays in the series). */
export async function updateMeeting(meetingId: string, actorId: string, input: MeetingInput) {
  await requireManagerOfMeeting(meetingId, actorId);
  checkTimes(input);
  return transaction(async (tx) => {
    const before = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: editableSelect });
    if (before.status === "cancelled") throw invalid("meetings.error.cancelled");
    const startsAt = brusselsInstant(input.day, input.startMinutes);
    const endsAt = brusselsInstant(input.day, input.endMinutes);
    if (startsAt <= now() && startsAt.getTime() !== before.startsAt.getTime()) throw invalid("meetings.error.inPast", "date");
    const sequence = await bumpSequence(tx, before);
    // The proposals deadline keeps its distance to the start when the meeting moves.
    const proposalsUntil = before.proposalsUntil ? new Date(before.proposalsUntil.getTime() + (startsAt.getTime() - before.startsAt.getTime())) : null;
    await tx.meeting.update({
      where: { id: meetingId },
      data: {
        title: input.title,
        startsAt,
        endsAt,
        place: input.place,
        videoUrl: input.videoUrl,
        isPublic: input.isPublic,
        sequence,
        proposalsUntil,
        reminderSentAt: startsAt.getTime() !== before.startsAt.getTime() ? null : undefined,
      },
    });
    await audit(tx, {
      networkId: before.group.networkId,
      actorId,
      action: "meeting.update",
      entityType: "meeting",
      entityId: meetingId,
      before: { title: before.title, startsAt: before.startsAt, endsAt: before.endsAt, place: before.place, videoUrl: before.videoUrl },
      after: { title: input.title, startsAt, endsAt, place: input.place, videoUrl: input.videoUrl },
    });
    await sendInvitations(tx, [meetingId], "update");
  });
}

/**
 * Cancels one meeting ("one") or this occurrence and every later one of its series ("rest"). When
 * nothing of the series remains, the series itself is cancelled (CANCEL of the master event).
 */
export async function cancelMeeting(meetingId: string, actorId: string, reason: string, scope: "one" | "rest" = "one") {
  await requireManagerOfMeeting(meetingId, actorId);
  return transaction(async (tx) => {
    const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: editableSelect });
    if (meeting.status === "cancelled") throw invalid("meetings.error.cancelled");
    // Claimed first, where it is still scheduled: of two requests that both read "scheduled", the
    // second waits for the first's row lock, then finds it cancelled and stops here, before any
    // e-mail is written. The SEQUENCE is set just below, once the series' number is known.
    const claimed = await tx.meeting.updateMany({ where: { id: meeting.id, status: "scheduled" }, data: { status: "cancelled" } });
    if (claimed.count !== 1) throw invalid("meetings.error.cancelled");
    const later =
      scope === "rest" && meeting.seriesId
        ? await tx.meeting.findMany({
            where: { seriesId: meeting.seriesId, status: "scheduled", startsAt: { gte: meeting.startsAt } },
            select: { id: true, sequence: true, seriesId: true },
          })
        : [];
    const targets = [{ id: meeting.id, sequence: meeting.sequence, seriesId: meeting.seriesId }];
    for (const target of later) {
      // Another manager may be cancelling one of them right now: only those claimed here are told.
      const taken = await tx.meeting.updateMany({ where: { id: target.id, status: "scheduled" }, data: { status: "cancelled" } });
      if (taken.count === 1) targets.push(target);
    }
    let sequence = 0;
    if (meeting.seriesId) {
      const series = await tx.meetingSeries.update({ where: { id: meeting.seriesId }, data: { sequence: { increment: 1 } }, select: { sequence: true } });
      sequence = series.sequence;
    }
    for (const target of targets) {
      await tx.meeting.update({
        where: { id: target.id },
        data: { cancelReason: reason.trim() || null, sequence: Math.max(sequence, target.sequence + 1) },
      });
    }
    if (meeting.seriesId) {
      const left = await tx.meeting.count({ where: { seriesId: meeting.seriesId, status: "scheduled" } });
      if (left === 0) await tx.meetingSeries.update({ where: { id: meeting.seriesId }, data: { cancelledAt: now() } });
    }
    await audit(tx, {
      networkId: meeting.group.networkId,
      actorId,
      action: scope === "rest" ? "meeting.cancelRest" : "meeting.cancel",
      entityType: "meeting",
      entityId: meetingId,
      after: { reason: reason.trim() || null, count: targets.length },
    });
    await sendInvitations(
      tx,
      targets.map((t) => t.id),
      "cancel",
    );
    return targets.length;
  });
}

// --- Agenda -----------------------------------------------------------------------------------------

export type AgendaInput = { title: string; ownerName: string; durationMinutes: number | null };

async function nextPosition(tx: Tx, meetingId: string) {
  const last = await tx.agendaItem.findFirst({ where: { meetingId }, orderBy: { position: "desc" }, select: { position: true } });
  return (last?.position ?? 0) + 1;
}

async function requireOpenMeeting(tx: Tx, meetingId: string) {
  const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { id: true, status: true, proposalsUntil: true, groupId: true } });
  if (meeting.status === "cancelled") throw invalid("meetings.error.cancelled");
  return meeting;
}

/**
 * A manager of the group (actorId) adds an item at the end of the agenda. With the form's
 * submission key (app/utils/idempotency.server.ts), the same form sent twice adds one item (null:
 * it was added already).
 */
export async function addAgendaItem(meetingId: string, actorId: string, input: AgendaInput): Promise<{ id: string }>;
export async function addAgendaItem(meetingId: string, actorId: string, input: AgendaInput, submissionKey: string | null): Promise<{ id: string } | null>;
export async function addAgendaItem(meetingId: string, actorId: string, input: AgendaInput, submissionKey: string | null = null) {
  await requireManagerOfMeeting(meetingId, actorId);
  return transaction(async (tx) => {
    await requireOpenMeeting(tx, meetingId);
    if (!(await claimSubmission(tx, submissionKey, "agenda.add", actorId))) return null;
    return tx.agendaItem.create({ data: { meetingId, position: await nextPosition(tx, meetingId), ...input, status: "accepted" }, select: { id: true } });
  });
}

/** A manager of the group (actorId) edits an item of the agenda. */
export async function updateAgendaItem(meetingId: string, actorId: string, itemId: string, input: AgendaInput) {
  await requireManagerOfMeeting(meetingId, actorId);
  const updated = await prisma.agendaItem.updateMany({ where: { id: itemId, meetingId }, data: input });
  if (updated.count === 0) throw invalid("meetings.agenda.error.notFound");
}

/** A manager of the group (actorId) removes an item of the agenda. */
export async function removeAgendaItem(meetingId: string, actorId: string, itemId: string) {
  await requireManagerOfMeeting(meetingId, actorId);
  const removed = await prisma.agendaItem.deleteMany({ where: { id: itemId, meetingId } });
  if (removed.count === 0) throw invalid("meetings.agenda.error.notFound");
}

/** A manager of the group (actorId) swaps an accepted item with its neighbour above or below (proposals are not in the order). */
export async function moveAgendaItem(meetingId: string, actorId: string, itemId: string, direction: "up" | "down") {
  await requireManagerOfMeeting(meetingId, actorId);
  return transaction(async (tx) => {
    const items = await tx.agendaItem.findMany({
      where: { meetingId, status: "accepted" },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, position: true },
    });
    const i = items.findIndex((x) => x.id === itemId);
    if (i === -1) throw invalid("meetings.agenda.error.notFound");
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= items.length) return false;
    // Renumber the whole list so that equal or sparse positions never make a swap a no-op.
    const order = items.map((x) => x.id);
    [order[i], order[j]] = [order[j], order[i]];
    for (const [index, id] of order.entries()) await tx.agendaItem.update({ where: { id }, data: { position: index + 1 } });
    return true;
  });
}

type ProposalInput = AgendaInput & { ownerOrganisationId?: string | null };

/** A member proposes an item, before the deadline the facilitator set (once per submission key: null when sent already). */
export async function proposeAgendaItem(meetingId: string, userId: string, input: ProposalInput): Promise<{ id: string }>;
export async function proposeAgendaItem(meetingId: string, userId: string, input: ProposalInput, submissionKey: string | null): Promise<{ id: string } | null>;
export async function proposeAgendaItem(meetingId: string, userId: string, input: ProposalInput, submissionKey: string | null = null) {
  const { actor, access, invited } = await participation(meetingId, userId);
  if (!can(actor, "meeting.takePart", { access, invited })) throw new DomainError("forbidden", "error.forbidden");
  return transaction(async (tx) => {
    const meeting = await requireOpenMeeting(tx, meetingId);
    if (!meeting.proposalsUntil || meeting.proposalsUntil <= now()) throw invalid("meetings.proposals.error.closed");
    if (!(await claimSubmission(tx, submissionKey, "agenda.propose", userId))) return null;
    return tx.agendaItem.create({
      data: { meetingId, position: await nextPosition(tx, meetingId), ...input, status: "proposed", proposedById: userId },
      select: { id: true },
    });
  });
}

/** A manager of the group (actorId) accepts a proposal (it goes to the end of the agenda) or declines it. */
export async function decideProposal(meetingId: string, actorId: string, itemId: string, decision: "accepted" | "declined") {
  await requireManagerOfMeeting(meetingId, actorId);
  return transaction(async (tx) => {
    const item = await tx.agendaItem.findFirst({ where: { id: itemId, meetingId }, select: { status: true } });
    if (!item) throw invalid("meetings.agenda.error.notFound");
    if (item.status !== "proposed") throw invalid("meetings.proposals.error.alreadyDecided");
    await tx.agendaItem.update({
      where: { id: itemId },
      data: { status: decision, ...(decision === "accepted" ? { position: await nextPosition(tx, meetingId) } : {}) },
    });
  });
}

/** A manager of the group (actorId) sets until when members may propose items (null: closed now). */
export async function setProposalsUntil(meetingId: string, actorId: string, until: Date | null) {
  await requireManagerOfMeeting(meetingId, actorId);
  await prisma.meeting.update({ where: { id: meetingId }, data: { proposalsUntil: until } });
}

// --- RSVP -------------------------------------------------------------------------------------------

export async function recordRsvp(meetingId: string, userId: string, response: "yes" | "no" | "maybe") {
  const { actor, meeting, access, invited } = await participation(meetingId, userId);
  if (!can(actor, "meeting.answer", { access, invited, meeting, at: now() })) throw new DomainError("forbidden", "error.forbidden");
  await prisma.rsvp.upsert({
    where: { meetingId_userId: { meetingId, userId } },
    create: { meetingId, userId, response, respondedAt: now() },
    update: { response, respondedAt: now() },
  });
}

// --- Reminders --------------------------------------------------------------------------------------

/**
 * E-mails the participants of each meeting that starts within two days and was not reminded yet.
 * The row is claimed (reminderSentAt set where it was null) in the transaction that writes the
 * e-mails, so two workers never send the same reminder and a crash never loses one; a meeting
 * scheduled less than two days ahead is not reminded (the invitation has just been sent). Run
 * every 15 minutes by the "meeting.reminders" schedule (app/jobs/schedules.server.ts).
 */
export async function sendDueMeetingReminders(at = now()) {
  const horizon = new Date(at.getTime() + REMINDER_HOURS * 3_600_000);
  const due = await prisma.meeting.findMany({
    where: { status: "scheduled", reminderSentAt: null, startsAt: { gt: at, lte: horizon } },
    select: {
      id: true,
      createdAt: true,
      startsAt: true,
      endsAt: true,
      title: true,
      place: true,
      videoUrl: true,
      groupId: true,
      group: { select: { name: true, networkId: true, network: { select: { slug: true } } } },
    },
  });
  let sent = 0;
  for (const meeting of due) {
    sent += await transaction(async (tx) => {
      // The claim commits with the e-mails: a worker that dies in between leaves both undone, and
      // a second worker's claim waits on the row until the first commits, then finds it taken.
      const claimed = await tx.meeting.updateMany({ where: { id: meeting.id, reminderSentAt: null }, data: { reminderSentAt: at } });
      if (claimed.count === 0) return 0;
      if (meeting.createdAt.getTime() > meeting.startsAt.getTime() - REMINDER_HOURS * 3_600_000) return 0;
      let count = 0;
      const participants = await meetingParticipants(meeting.groupId, tx);
      const answers = new Map(
        (await tx.rsvp.findMany({ where: { meetingId: meeting.id }, select: { userId: true, response: true } })).map((r) => [r.userId, r.response]),
      );
      for (const person of participants) {
        const t = makeT(isLocale(person.locale) ? person.locale : "fr");
        const vars = { title: meeting.title, group: meeting.group.name, when: formatMeetingWhen(meeting.startsAt, meeting.endsAt, t.locale) };
        const answer = answers.get(person.userId);
        const paragraphs = [t("meetings.email.reminder.body", vars)];
        if (meeting.place) paragraphs.push(t("meetings.email.place", { place: meeting.place }));
        if (meeting.videoUrl) paragraphs.push(t("meetings.email.video", { url: meeting.videoUrl }));
        paragraphs.push(answer ? t("meetings.email.reminder.answered", { answer: t.pick("meetings.rsvp", answer) }) : t("meetings.email.reminder.notAnswered"));
        paragraphs.push(
          t("meetings.email.reminder.page", { url: meetingUrl(getEnv().appUrl, { networkSlug: meeting.group.network.slug, meetingId: meeting.id }) }),
        );
        const { html, text } = emailLayout({
          title: t("meetings.email.reminder.title", vars),
          paragraphs,
          action: { label: t("meetings.email.rsvpAction"), url: rsvpUrl(meeting.id, person.userId) },
        });
        await sendEmail({ to: person.email, subject: t("meetings.email.reminder.subject", vars), html, text, networkId: meeting.group.networkId }, tx);
        count++;
      }
      return count;
    });
  }
  return sent;
}

// --- Reading ----------------------------------------------------------------------------------------

/** The occurrence's original place in its series, for the pages ("3 of 12"). */
export function occurrenceInfo(series: Parameters<typeof seriesInstants>[0], recurrenceId: Date | null) {
  if (!recurrenceId) return null;
  const instants = seriesInstants(series);
  const index = instants.findIndex((x) => x.getTime() === recurrenceId.getTime());
  return { index: index + 1, total: instants.length };
}

/** Brussels day and minutes of a meeting's start and end, for edit forms. */
export function meetingFormValues(m: { title: string; startsAt: Date; endsAt: Date; place: string; videoUrl: string | null; isPublic: boolean }) {
  const start = brusselsParts(m.startsAt);
  const end = brusselsParts(m.endsAt);
  return { title: m.title, day: start.day, startMinutes: start.minutes, endMinutes: end.minutes, place: m.place, videoUrl: m.videoUrl, isPublic: m.isPublic };
}
