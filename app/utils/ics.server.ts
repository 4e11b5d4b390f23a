// iCalendar (RFC 5545 / iTIP RFC 5546) for meetings: invitations attached to e-mails (REQUEST,
// CANCEL) and subscribable feeds (PUBLISH). The format is written by ical-generator, the Brussels
// VTIMEZONE by @touch4it/ical-timezones; nothing here writes iCalendar text by hand.
//
// Every text from the database is neutralised here before the library sees it, whatever the
// library escapes: a CR/LF in a title or a name must never start a property of its own
// (`Evil\r\nATTENDEE:mailto:…`). ical-generator 10 escapes SUMMARY, LOCATION and DESCRIPTION
// (`\` `;` `,` and line ends) but writes the calendar's NAME / X-WR-CALNAME as given, lets other
// control characters through everywhere, and backslash-escapes `"` inside quoted parameters (CN=),
// which RFC 5545 does not allow. Forms refuse such characters (singleLine, app/utils/text.ts);
// rows stored before that rule still pass through here.
//
// Identity, so that calendar programs update instead of duplicating:
// - a single meeting is one VEVENT with UID = Meeting.uid, SEQUENCE = Meeting.sequence;
// - a series is one master VEVENT (UID = MeetingSeries.uid, RRULE from toRRule, DTSTART at the
//   first date of the rule in Europe/Brussels, SEQUENCE = MeetingSeries.sequence). Occurrences of
//   the rule that are cancelled, or that the caller did not pass (a feed may show only some), are
//   EXDATEs. An occurrence that was moved or edited is an override: same UID, RECURRENCE-ID =
//   Meeting.recurrenceId (its original start, never changed), its own DTSTART/DTEND.
// - METHOD:CANCEL carries one VEVENT per cancelled occurrence (with RECURRENCE-ID), or the master
//   without RECURRENCE-ID when the whole series is cancelled, all with STATUS:CANCELLED.
import tz from "@touch4it/ical-timezones";
import ical, { formatDateTZ, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, type ICalEvent, ICalEventStatus } from "ical-generator";

import type { Prisma } from "#app/generated/prisma/client";
import { assemblyUrl, groupUrl, meetingUrl } from "#app/utils/paths";

import { brusselsInstant, brusselsParts, expandRule, type SeriesRule, TIME_ZONE, toRRule } from "./brussels-time";
import { now } from "./clock.server";
import { prisma } from "./db.server";
import type { SeriesFrequency } from "./domain";
import { getEnv } from "./env.server";
import { toPlainLines, toSingleLine } from "./text";

export type IcsSeries = {
  id: string;
  uid: string;
  sequence: number;
  frequency: string;
  interval: number;
  weekday: number;
  ordinal: number | null;
  startOn: Date;
  startMinutes: number;
  endMinutes: number;
  untilOn: Date | null;
  count: number | null;
  title: string;
  place: string;
  videoUrl: string | null;
  cancelledAt: Date | null;
};

export type IcsMeeting = {
  id: string;
  uid: string;
  recurrenceId: Date | null;
  sequence: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  videoUrl: string | null;
  status: string;
  cancelReason?: string | null;
  group: { name: string; slug: string; network: { slug: string } };
  series: IcsSeries | null;
};

/** What to select for meetingsCalendar (Prisma `select`). */
export const icsMeetingSelect = {
  id: true,
  uid: true,
  recurrenceId: true,
  sequence: true,
  title: true,
  startsAt: true,
  endsAt: true,
  place: true,
  videoUrl: true,
  status: true,
  cancelReason: true,
  group: { select: { name: true, slug: true, network: { select: { slug: true } } } },
  series: {
    select: {
      id: true,
      uid: true,
      sequence: true,
      frequency: true,
      interval: true,
      weekday: true,
      ordinal: true,
      startOn: true,
      startMinutes: true,
      endMinutes: true,
      untilOn: true,
      count: true,
      title: true,
      place: true,
      videoUrl: true,
      cancelledAt: true,
    },
  },
} satisfies Prisma.MeetingSelect;

export type IcsPerson = { email: string; name?: string | null };

/**
 * A wall-clock time in Brussels for ical-generator. The library formats a plain JS Date with a
 * TZID in the server's own zone; it also accepts date objects that convert themselves (dayjs-like:
 * `tz(zone)`, `utc()`, `format()`), which is what this is, computed with Intl in Europe/Brussels.
 */
class BrusselsTime {
  constructor(
    private readonly instant: Date,
    private readonly zone: "brussels" | "utc" = "brussels",
  ) {}
  isValid() {
    return !Number.isNaN(this.instant.getTime());
  }
  tz(zone: string) {
    if (zone !== TIME_ZONE) throw new Error(`BrusselsTime cannot be shown in ${zone}`);
    return new BrusselsTime(this.instant, "brussels");
  }
  utc() {
    return new BrusselsTime(this.instant, "utc");
  }
  toDate() {
    return this.instant;
  }
  toJSON() {
    return this.instant.toISOString();
  }
  format(pattern: string) {
    let day: string;
    let minutes: number;
    let seconds: number;
    if (this.zone === "utc") {
      const iso = this.instant.toISOString();
      day = iso.slice(0, 10);
      minutes = this.instant.getUTCHours() * 60 + this.instant.getUTCMinutes();
      seconds = this.instant.getUTCSeconds();
    } else {
      ({ day, minutes } = brusselsParts(this.instant));
      seconds = this.instant.getUTCSeconds();
    }
    if (pattern === "YYYYMMDD") return day.replaceAll("-", "");
    if (pattern === "HHmmss")
      return `${String(Math.floor(minutes / 60)).padStart(2, "0")}${String(minutes % 60).padStart(2, "0")}${String(seconds).padStart(2, "0")}`;
    throw new Error(`BrusselsTime: unsupported pattern ${pattern}`);
  }
}

// ical-generator's types do not list this duck-typed form; it is checked at run time.
const at = (instant: Date) => new BrusselsTime(instant) as unknown as Date;

function dayKey(date: Date) {
  return date.toISOString().slice(0, 10);
}

export function seriesRule(series: Pick<IcsSeries, "frequency" | "interval" | "weekday" | "ordinal" | "startOn" | "untilOn" | "count">): SeriesRule {
  return {
    frequency: series.frequency as SeriesFrequency,
    interval: series.interval,
    weekday: series.weekday,
    ordinal: series.ordinal,
    startOn: dayKey(series.startOn),
    untilOn: series.untilOn ? dayKey(series.untilOn) : null,
    count: series.count,
  };
}

/** The original starts (RECURRENCE-IDs) of every occurrence of the rule, in order. */
export function seriesInstants(
  series: Pick<IcsSeries, "frequency" | "interval" | "weekday" | "ordinal" | "startOn" | "untilOn" | "count" | "startMinutes">,
): Date[] {
  return expandRule(seriesRule(series)).map((day) => brusselsInstant(day, series.startMinutes));
}

/** A one-line value for a property the library escapes itself (SUMMARY, LOCATION, MAILTO:). */
function line(text: string) {
  return toSingleLine(text).trim();
}

/** A TEXT value the library writes as given (NAME, X-WR-CALNAME), escaped as RFC 5545 §3.3.11 says. */
function escapeIcsText(text: string) {
  return line(text).replace(/[\\;,]/g, (c) => `\\${c}`);
}

/** A quoted parameter value (CN="…"): RFC 5545 §3.1 allows no DQUOTE in it, and no escape for one. */
function paramText(text: string) {
  return line(text).replace(/"/g, "'");
}

function description(meeting: { place: string; videoUrl: string | null; cancelReason?: string | null }, groupName: string, url: string) {
  return [
    `Groupe de travail : ${line(groupName)}`,
    meeting.place ? `Lieu : ${line(meeting.place)}` : null,
    meeting.videoUrl ? `Visioconférence : ${line(meeting.videoUrl)}` : null,
    // A reason may span lines: the library writes each line end as \n.
    meeting.cancelReason ? `Annulée : ${toPlainLines(meeting.cancelReason)}` : null,
    "",
    url,
  ]
    .filter((part) => part !== null)
    .join("\n");
}

function organizerAddress() {
  const from = getEnv().MAIL_FROM;
  const match = /<([^>]+)>/.exec(from);
  const name = match ? paramText(from.slice(0, match.index)) || "Maillage" : "Maillage";
  return { email: line(match ? match[1] : from), name };
}

/** Does this occurrence differ from what the series' rule says (moved, or edited)? */
function isOverride(meeting: IcsMeeting, series: IcsSeries) {
  if (!meeting.recurrenceId) return true;
  const { day } = brusselsParts(meeting.recurrenceId);
  return (
    meeting.startsAt.getTime() !== meeting.recurrenceId.getTime() ||
    meeting.endsAt.getTime() !== brusselsInstant(day, series.endMinutes).getTime() ||
    meeting.title !== series.title ||
    meeting.place !== series.place ||
    (meeting.videoUrl ?? null) !== (series.videoUrl ?? null)
  );
}

/**
 * An iCalendar document for these meetings. `method`: PUBLISH for feeds and downloads, REQUEST for
 * invitations and their updates, CANCEL for cancellations (pass the cancelled rows; a series whose
 * `cancelledAt` is set is cancelled as a whole). `attendees`: the people the invitation is for.
 */
export function meetingsCalendar(opts: {
  name: string;
  method: "PUBLISH" | "REQUEST" | "CANCEL";
  meetings: IcsMeeting[];
  appUrl: string;
  attendees?: IcsPerson[];
}): string {
  const calendar = ical({
    name: escapeIcsText(opts.name),
    prodId: { company: "Maillage", product: "Maillage", language: "FR" },
    method: ICalCalendarMethod[opts.method],
    // No calendar-wide zone: each event names Europe/Brussels (the generator adds its VTIMEZONE),
    // and DTSTAMP stays in UTC as RFC 5545 requires.
    timezone: { name: null, generator: tz.getVtimezoneComponent },
  });
  const stamp = now();
  const organizer = organizerAddress();
  const invitation = opts.method !== "PUBLISH";

  const common = (
    event: ICalEvent,
    meeting: { place: string; videoUrl: string | null; cancelReason?: string | null; title: string },
    groupName: string,
    url: string,
  ) => {
    event.summary(line(meeting.title));
    if (meeting.place) event.location(line(meeting.place));
    event.description(description(meeting, groupName, url));
    event.url(url);
    if (invitation) {
      event.organizer(organizer);
      for (const person of opts.attendees ?? []) {
        event.createAttendee({
          email: line(person.email),
          name: person.name ? paramText(person.name) || undefined : undefined,
          role: ICalAttendeeRole.REQ,
          status: ICalAttendeeStatus.NEEDSACTION,
          // Answers are collected by Maillage's own links, not by replies to the organizer address.
          rsvp: false,
        });
      }
    }
  };

  const singles = opts.meetings.filter((m) => !m.series);
  for (const meeting of singles) {
    const url = meetingUrl(opts.appUrl, { networkSlug: meeting.group.network.slug, meetingId: meeting.id });
    const cancelled = opts.method === "CANCEL" || meeting.status === "cancelled";
    const event = calendar.createEvent({
      id: meeting.uid,
      sequence: meeting.sequence,
      stamp,
      start: at(meeting.startsAt),
      end: at(meeting.endsAt),
      timezone: TIME_ZONE,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
    common(event, meeting, meeting.group.name, url);
  }

  const bySeries = new Map<string, { series: IcsSeries; rows: IcsMeeting[] }>();
  for (const meeting of opts.meetings) {
    if (!meeting.series) continue;
    const entry = bySeries.get(meeting.series.id) ?? { series: meeting.series, rows: [] };
    entry.rows.push(meeting);
    bySeries.set(meeting.series.id, entry);
  }

  for (const { series, rows } of bySeries.values()) {
    const first = rows[0];
    const groupPage = groupUrl(opts.appUrl, { networkSlug: first.group.network.slug, groupSlug: first.group.slug });
    const instants = seriesInstants(series);
    if (instants.length === 0) continue;
    const firstDay = brusselsParts(instants[0]).day;

    if (opts.method === "CANCEL") {
      if (series.cancelledAt) {
        const master = calendar.createEvent({
          id: series.uid,
          sequence: series.sequence,
          stamp,
          start: at(instants[0]),
          end: at(brusselsInstant(firstDay, series.endMinutes)),
          timezone: TIME_ZONE,
          repeating: toRRule(seriesRule(series)),
          status: ICalEventStatus.CANCELLED,
        });
        common(master, series, first.group.name, groupPage);
        continue;
      }
      for (const meeting of rows) {
        if (!meeting.recurrenceId) continue;
        const event = calendar.createEvent({
          id: series.uid,
          sequence: meeting.sequence,
          stamp,
          start: at(meeting.startsAt),
          end: at(meeting.endsAt),
          timezone: TIME_ZONE,
          recurrenceId: at(meeting.recurrenceId),
          status: ICalEventStatus.CANCELLED,
        });
        common(event, meeting, meeting.group.name, meetingUrl(opts.appUrl, { networkSlug: meeting.group.network.slug, meetingId: meeting.id }));
      }
      continue;
    }

    // PUBLISH / REQUEST: the whole series as the reader may see it.
    const live = new Map<number, IcsMeeting>();
    for (const meeting of rows) {
      if (meeting.recurrenceId && meeting.status !== "cancelled") live.set(meeting.recurrenceId.getTime(), meeting);
    }
    const excluded = instants.filter((instant) => !live.has(instant.getTime()));
    // One EXDATE line per excluded occurrence (RFC 5545 allows several), formatted by the library.
    const exdates = excluded.map((instant) => "\n" + formatDateTZ(TIME_ZONE, "EXDATE", at(instant), { timezone: TIME_ZONE })).join("");
    const master = calendar.createEvent({
      id: series.uid,
      sequence: series.sequence,
      stamp,
      start: at(instants[0]),
      end: at(brusselsInstant(firstDay, series.endMinutes)),
      timezone: TIME_ZONE,
      repeating: `RRULE:${toRRule(seriesRule(series))}${exdates}`,
      status: series.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
    common(master, series, first.group.name, groupPage);

    for (const meeting of live.values()) {
      if (!isOverride(meeting, series)) continue;
      const event = calendar.createEvent({
        id: series.uid,
        sequence: meeting.sequence,
        stamp,
        start: at(meeting.startsAt),
        end: at(meeting.endsAt),
        timezone: TIME_ZONE,
        recurrenceId: at(meeting.recurrenceId!),
        status: ICalEventStatus.CONFIRMED,
      });
      common(event, meeting, meeting.group.name, meetingUrl(opts.appUrl, { networkSlug: meeting.group.network.slug, meetingId: meeting.id }));
    }
  }

  return calendar.toString();
}

/**
 * A PUBLISH calendar of the meetings matching `where` (the caller adds visibility with
 * visibleMeetingsWhere): for feeds and downloads. Occurrences of a series that do not match are
 * left out of the series (EXDATE).
 */
export async function meetingsIcs(where: Prisma.MeetingWhereInput, name: string): Promise<string> {
  const meetings = await prisma.meeting.findMany({ where, select: icsMeetingSelect, orderBy: { startsAt: "asc" }, take: 2000 });
  return meetingsCalendar({ name, method: "PUBLISH", meetings, appUrl: getEnv().appUrl });
}

// --- A general assembly's convocation (app/models/assembly-convocation.server.ts) ----------------

type AssemblyFacts = {
  id: string;
  uid: string;
  sequence: number;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  place: string;
  videoUrl: string | null;
  network: { slug: string; name: string };
};

/** Without an end time, an assembly is shown as three hours long. */
const ASSEMBLY_DEFAULT_MS = 3 * 3_600_000;

/**
 * The assembly as one event of a METHOD:REQUEST invitation to one delegate (times in UTC: RFC
 * 5545 allows it, and calendars show them locally). Texts go through the same neutralising as
 * the meetings' (line, paramText, escapeIcsText), and the organizer is the platform's sender.
 */
export function assemblyIcs(assembly: AssemblyFacts, attendee: { email: string; name: string }) {
  const calendar = ical({
    name: escapeIcsText(assembly.network.name),
    prodId: { company: "Maillage", product: "Maillage", language: "FR" },
    method: ICalCalendarMethod.REQUEST,
  });
  const url = assemblyUrl(getEnv().appUrl, assembly.network.slug, assembly.id);
  const event = calendar.createEvent({
    id: assembly.uid,
    sequence: assembly.sequence,
    stamp: now(),
    start: assembly.startsAt,
    end: assembly.endsAt ?? new Date(+assembly.startsAt + ASSEMBLY_DEFAULT_MS),
    status: ICalEventStatus.CONFIRMED,
    summary: line(assembly.title),
    location: line(assembly.place) || undefined,
    description: [url, assembly.videoUrl ? line(assembly.videoUrl) : null].filter(Boolean).join("\n"),
    url,
  });
  event.organizer(organizerAddress());
  event.createAttendee({ email: line(attendee.email), name: paramText(attendee.name) || undefined, rsvp: false });
  return calendar.toString();
}
