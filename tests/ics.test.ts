// The iCalendar Maillage writes, read back by an independent parser (ical.js): invitations
// (REQUEST), updates (same UID, higher SEQUENCE), cancellations (METHOD:CANCEL, STATUS:CANCELLED),
// and series whose RRULE, expanded by ical.js in Europe/Brussels, gives exactly the instants of our
// Meeting rows across the changes to and from summer time. Also: the invitation crosses a real
// SMTP peer as a text/calendar part.
import { parseWithZod } from "@conform-to/zod";
import ICAL from "ical.js";
import { afterEach, describe, expect, test } from "vitest";
import { z } from "zod";

import { actorById } from "#app/access/actor.server";
import { createFeed } from "#app/models/calendar.server";
import { cancelMeeting, type ScheduleInput, scheduleMeeting, updateMeeting } from "#app/models/meetings.server";
import { profileFields } from "#app/routes/__account-schemas";
import { GroupSchema } from "#app/routes/$network+/groups+/__group-form";
import { AgendaItemSchema, EditMeetingSchema } from "#app/routes/$network+/meetings+/__meeting-form";
import { organisationSchema } from "#app/routes/$network+/organisations+/__organisation-form";
import { NetworkSchema } from "#app/routes/admin+/__network-form";
import { loader as icalLoader } from "#app/routes/ical.$token";
import { setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { createTransport, deliverDueEmails } from "#app/utils/email.server";
import { meetingsIcs } from "#app/utils/ics.server";
import { addGroupMember, createGroup, createNetwork, createOrganisation, createUser, makeDelegate, makeFacilitator, makeRequest } from "#tests/factories";
import { startSmtpPeer } from "#tests/setup/smtp";

afterEach(() => setNow(undefined));

type Parsed = { method: string | null; events: ICAL.Component[]; calendar: ICAL.Component };

function parse(text: string): Parsed {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  return { method: (calendar.getFirstPropertyValue("method") as string | null) ?? null, events: calendar.getAllSubcomponents("vevent"), calendar };
}

/** Instants of a series as ical.js expands it (master RRULE minus EXDATEs, overrides applied). */
function expand(events: ICAL.Component[], uid: string) {
  const mine = events.filter((e) => e.getFirstPropertyValue("uid") === uid);
  const master = new ICAL.Event(mine.find((e) => !e.hasProperty("recurrence-id"))!);
  for (const e of mine) if (e.hasProperty("recurrence-id")) master.relateException(e);
  const out: { start: string; end: string }[] = [];
  const it = master.iterator();
  for (let next = it.next(); next; next = it.next()) {
    const details = master.getOccurrenceDetails(next);
    out.push({ start: details.startDate.toJSDate().toISOString(), end: details.endDate.toJSDate().toISOString() });
  }
  return out;
}

async function attachmentsTo(email: string) {
  const rows = await prisma.outboxEmail.findMany({
    where: { to: email },
    orderBy: { createdAt: "asc" },
    select: { subject: true, attachments: true, text: true },
  });
  return rows.map((r) => ({ ...r, ics: (r.attachments as { content: string; contentType: string }[])[0] }));
}

async function setup() {
  const network = await createNetwork();
  const group = await createGroup(network.id, { name: "Logement" });
  const org = await createOrganisation(network.id);
  const delegate = await createUser({ email: `delegue-${Date.now()}@example.test` });
  await makeDelegate(org.id, delegate.id);
  await addGroupMember(group.id, org.id, [delegate.id]);
  const facilitator = await createUser();
  await makeFacilitator(group.id, facilitator.id);
  return { network, group, org, delegate, facilitator };
}

const base = { title: "Groupe Logement", place: "Maison de quartier, Rue Vanderschrick 1", videoUrl: null, isPublic: false, proposalsDaysBefore: null };

describe("iCalendar of meetings", () => {
  test("a monthly series on the last Sunday: ical.js expands the RRULE to our rows across both DST changes", async () => {
    const { group, delegate, facilitator } = await setup();
    setNow(new Date("2026-12-01T09:00:00Z"));
    const input: ScheduleInput = {
      ...base,
      day: "2027-01-01",
      startMinutes: 14 * 60,
      endMinutes: 16 * 60,
      repeat: { frequency: "monthly", interval: 1, weekday: 7, ordinal: -1, count: 12 },
    };
    const { seriesId } = await scheduleMeeting(group.id, facilitator.id, input);
    const rows = await prisma.meeting.findMany({ where: { seriesId: seriesId! }, orderBy: { startsAt: "asc" } });
    expect(rows).toHaveLength(12);
    // 14:00 in Brussels: 13:00 UTC in winter, 12:00 UTC in summer, including on the change days.
    expect(rows[2].startsAt.toISOString()).toBe("2027-03-28T12:00:00.000Z");
    expect(rows[9].startsAt.toISOString()).toBe("2027-10-31T13:00:00.000Z");

    const [invitation] = await attachmentsTo(delegate.email);
    expect(invitation.ics.contentType).toBe("text/calendar; charset=utf-8; method=REQUEST");
    const { method, events } = parse(invitation.ics.content);
    expect(method).toBe("REQUEST");
    expect(events).toHaveLength(1); // one master, no overrides
    const master = events[0];
    expect(master.getFirstPropertyValue("uid")).toBe(rows[0].uid);
    expect(master.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("Europe/Brussels");
    const rrule = master.getFirstPropertyValue("rrule") as ICAL.Recur;
    expect({ freq: rrule.freq, count: rrule.count, byday: rrule.parts.BYDAY }).toEqual({ freq: "MONTHLY", count: 12, byday: ["-1SU"] });
    expect(expand(events, rows[0].uid)).toEqual(rows.map((r) => ({ start: r.startsAt.toISOString(), end: r.endsAt.toISOString() })));
    // The attendee is the recipient; the organizer is set.
    expect(String(master.getFirstPropertyValue("attendee")).toLowerCase()).toBe(`mailto:${delegate.email}`);
    expect(master.hasProperty("organizer")).toBe(true);
    expect(String(master.getFirstPropertyValue("url"))).toMatch(/\/groups\//);
  });

  test("a weekly series across the last Sunday of October (31 October 2027), one occurrence moved and one cancelled: same UID, RECURRENCE-ID, EXDATE, SEQUENCE increasing", async () => {
    const { group, delegate, facilitator } = await setup();
    setNow(new Date("2027-09-01T09:00:00Z"));
    const { seriesId } = await scheduleMeeting(group.id, facilitator.id, {
      ...base,
      day: "2027-10-12",
      startMinutes: 9 * 60 + 30,
      endMinutes: 11 * 60,
      repeat: { frequency: "weekly", interval: 1, weekday: 2, ordinal: null, untilOn: "2027-11-09" },
    });
    const rows = await prisma.meeting.findMany({ where: { seriesId: seriesId! }, orderBy: { startsAt: "asc" } });
    expect(rows.map((r) => r.startsAt.toISOString())).toEqual([
      "2027-10-12T07:30:00.000Z",
      "2027-10-19T07:30:00.000Z",
      "2027-10-26T07:30:00.000Z",
      "2027-11-02T08:30:00.000Z",
      "2027-11-09T08:30:00.000Z",
    ]);

    // Move the third one to Wednesday 14:00, then cancel the fourth.
    await updateMeeting(rows[2].id, facilitator.id, {
      title: base.title,
      day: "2027-10-27",
      startMinutes: 14 * 60,
      endMinutes: 15 * 60 + 30,
      place: base.place,
      videoUrl: null,
      isPublic: false,
    });
    await cancelMeeting(rows[3].id, facilitator.id, "Jour de grève", "one");

    const mails = await attachmentsTo(delegate.email);
    expect(mails.map((m) => parse(m.ics.content).method)).toEqual(["REQUEST", "REQUEST", "CANCEL"]);
    const [first, update, cancel] = mails.map((m) => parse(m.ics.content));
    const uid = rows[0].uid;
    const seq = (p: Parsed, recurrence: boolean) =>
      p.events.find((e) => e.hasProperty("recurrence-id") === recurrence)!.getFirstPropertyValue("sequence") as unknown as number;
    // The update: master and override share the UID; the override points at the original start.
    expect(update.events.every((e) => e.getFirstPropertyValue("uid") === uid)).toBe(true);
    const override = update.events.find((e) => e.hasProperty("recurrence-id"))!;
    expect((override.getFirstPropertyValue("recurrence-id") as ICAL.Time).toJSDate().toISOString()).toBe("2027-10-26T07:30:00.000Z");
    expect(seq(update, false)).toBeGreaterThan(first.events[0].getFirstPropertyValue("sequence") as unknown as number);
    expect(seq(update, true)).toBeGreaterThanOrEqual(seq(update, false));
    expect(expand(update.events, uid).map((o) => o.start)).toEqual([
      "2027-10-12T07:30:00.000Z",
      "2027-10-19T07:30:00.000Z",
      "2027-10-27T12:00:00.000Z",
      "2027-11-02T08:30:00.000Z",
      "2027-11-09T08:30:00.000Z",
    ]);

    // The cancellation names the occurrence and is newer than the update.
    expect(cancel.events).toHaveLength(1);
    const cancelled = cancel.events[0];
    expect(cancelled.getFirstPropertyValue("uid")).toBe(uid);
    expect(cancelled.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect((cancelled.getFirstPropertyValue("recurrence-id") as ICAL.Time).toJSDate().toISOString()).toBe("2027-11-02T08:30:00.000Z");
    expect(cancelled.getFirstPropertyValue("sequence") as unknown as number).toBeGreaterThan(seq(update, false));

    // The feed: the cancelled occurrence is an EXDATE, the moved one an override.
    const feed = parse(await meetingsIcs({ seriesId: seriesId! }, "Logement"));
    expect(feed.method).toBe("PUBLISH");
    expect(expand(feed.events, uid).map((o) => o.start)).toEqual([
      "2027-10-12T07:30:00.000Z",
      "2027-10-19T07:30:00.000Z",
      "2027-10-27T12:00:00.000Z",
      "2027-11-09T08:30:00.000Z",
    ]);
    // A feed that sees only some occurrences leaves the others out.
    const partial = parse(await meetingsIcs({ seriesId: seriesId!, startsAt: { gte: new Date("2027-10-20T00:00:00Z") } }, "Logement"));
    expect(expand(partial.events, uid).map((o) => o.start)).toEqual(["2027-10-27T12:00:00.000Z", "2027-11-09T08:30:00.000Z"]);
  });

  test("a single meeting: REQUEST, then an update with the same UID and a higher SEQUENCE, then CANCEL", async () => {
    const { group, delegate, facilitator } = await setup();
    setNow(new Date("2027-03-01T09:00:00Z"));
    const { meetingId } = await scheduleMeeting(group.id, facilitator.id, {
      ...base,
      day: "2027-03-28",
      startMinutes: 10 * 60,
      endMinutes: 12 * 60,
      repeat: null,
    });
    await updateMeeting(meetingId, facilitator.id, {
      title: "Groupe Logement (salle changée)",
      day: "2027-03-28",
      startMinutes: 10 * 60,
      endMinutes: 12 * 60,
      place: "CPAS, salle 2",
      videoUrl: "https://visio.example.test/logement",
      isPublic: false,
    });
    await cancelMeeting(meetingId, facilitator.id, "Trop peu de participants");
    const parsed = (await attachmentsTo(delegate.email)).map((m) => parse(m.ics.content));
    expect(parsed.map((p) => p.method)).toEqual(["REQUEST", "REQUEST", "CANCEL"]);
    const events = parsed.map((p) => p.events[0]);
    const meeting = await prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    expect(new Set(events.map((e) => e.getFirstPropertyValue("uid")))).toEqual(new Set([meeting.uid]));
    const sequences = events.map((e) => e.getFirstPropertyValue("sequence") as unknown as number);
    expect(sequences[1]).toBeGreaterThan(sequences[0]);
    expect(sequences[2]).toBeGreaterThan(sequences[1]);
    expect(sequences[2]).toBe(meeting.sequence);
    expect(events[1].getFirstPropertyValue("location")).toBe("CPAS, salle 2");
    expect(events[1].getFirstPropertyValue("description")).toContain("https://visio.example.test/logement");
    expect(events[2].getFirstPropertyValue("status")).toBe("CANCELLED");
    // DST day: 10:00 in Brussels on 28 March 2027 is 08:00 UTC.
    const start = new ICAL.Event(events[0]).startDate;
    expect(start.toJSDate().toISOString()).toBe("2027-03-28T08:00:00.000Z");
    expect(String(events[0].getFirstPropertyValue("url"))).toMatch(new RegExp(`/meetings/${meetingId}$`));
  });

  test("cancelling the rest of a series from its first occurrence cancels the master event", async () => {
    const { group, delegate, facilitator } = await setup();
    setNow(new Date("2027-01-05T09:00:00Z"));
    const { seriesId, meetingId } = await scheduleMeeting(group.id, facilitator.id, {
      ...base,
      day: "2027-02-01",
      startMinutes: 14 * 60,
      endMinutes: 16 * 60,
      repeat: { frequency: "monthly", interval: 1, weekday: 1, ordinal: 1, count: 3 },
    });
    expect(await cancelMeeting(meetingId, facilitator.id, "", "rest")).toBe(3);
    const series = await prisma.meetingSeries.findUniqueOrThrow({ where: { id: seriesId! } });
    expect(series.cancelledAt).not.toBeNull();
    const last = (await attachmentsTo(delegate.email)).at(-1)!;
    const { method, events } = parse(last.ics.content);
    expect(method).toBe("CANCEL");
    expect(events).toHaveLength(1);
    expect(events[0].hasProperty("recurrence-id")).toBe(false);
    expect(events[0].hasProperty("rrule")).toBe(true);
    expect(events[0].getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(events[0].getFirstPropertyValue("sequence")).toBe(series.sequence);
  });

  test("the invitation reaches a real SMTP peer as a text/calendar part with its METHOD", async () => {
    const { group, delegate, facilitator } = await setup();
    setNow(new Date("2027-03-01T09:00:00Z"));
    await scheduleMeeting(group.id, facilitator.id, { ...base, day: "2027-03-20", startMinutes: 10 * 60, endMinutes: 12 * 60, repeat: null });
    const smtp = await startSmtpPeer();
    try {
      await prisma.outboxEmail.updateMany({ where: { to: { not: delegate.email } }, data: { status: "held" } });
      expect(await deliverDueEmails(createTransport(smtp.url))).toEqual({ sent: 1, failed: 0 });
      const [mail] = await smtp.waitFor(1);
      const calendarParts = mail.attachments.filter((a) => a.contentType.startsWith("text/calendar"));
      expect(calendarParts.length).toBeGreaterThan(0);
      const part = calendarParts[0];
      const content = part.content.toString("utf8");
      expect(parse(content).method).toBe("REQUEST");
      expect(JSON.stringify(Object.fromEntries(part.headers))).toContain('"method":"REQUEST"');
      expect(mail.text).toContain("/rsvp/");
    } finally {
      await smtp.close();
    }
  });
});

// Issue 10, item 9: a CR/LF in a title or a name reached NAME / X-WR-CALNAME raw, so
// `Evil\r\nATTENDEE:mailto:evil@evil.test` added an attendee to the invitation. The forms refuse
// such text; rows stored before that rule must still give one property per line.
describe("iCalendar injection through titles and names", () => {
  const INJECTED = "Evil\r\nATTENDEE:mailto:evil@evil.test";

  function form(fields: Record<string, string>) {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    return body;
  }
  const errorOf = (submission: { status?: string; error?: Record<string, string[] | null> | null }, field: string) => submission.error?.[field] ?? null;

  test("a title or a name with CR/LF, a tab, NUL or U+2028 is refused by the form schemas; punctuation and accents are not", () => {
    const meeting = { date: "2027-03-20", startTime: "10:00", endTime: "12:00", place: "Maison de quartier" };
    for (const bad of [INJECTED, "Réunion\nsuite", "Réunion\rsuite", "Réunion\tsuite", "Réunion\u0000suite", "Réunion\u2028suite", "Réunion\u0085suite"]) {
      expect(errorOf(parseWithZod(form({ ...meeting, title: bad }), { schema: EditMeetingSchema }), "title")).toEqual(["form.singleLine"]);
    }
    expect(errorOf(parseWithZod(form({ ...meeting, title: "Réunion", place: "Salle 1\r\nX-PLACE:1" }), { schema: EditMeetingSchema }), "place")).toEqual([
      "form.singleLine",
    ]);
    expect(errorOf(parseWithZod(form({ title: INJECTED }), { schema: AgendaItemSchema }), "title")).toEqual(["form.singleLine"]);
    expect(errorOf(parseWithZod(form({ name: INJECTED, joinPolicy: "open" }), { schema: GroupSchema }), "name")).toEqual(["form.singleLine"]);
    expect(errorOf(parseWithZod(form({ name: INJECTED, slug: "reseau-test", languages: "fr" }), { schema: NetworkSchema }), "name")).toEqual([
      "form.singleLine",
    ]);
    expect(errorOf(parseWithZod(form({ name: INJECTED, kind: "association" }), { schema: organisationSchema([]) }), "name")).toEqual(["form.singleLine"]);
    expect(errorOf(parseWithZod(form({ name: INJECTED, locale: "fr" }), { schema: z.object(profileFields) }), "name")).toEqual(["form.singleLine"]);

    const fine = parseWithZod(form({ ...meeting, title: "  Réunion « Logement », 2e étage ; salle B  " }), { schema: EditMeetingSchema });
    expect(fine.status).toBe("success");
    expect(fine.status === "success" && fine.value.title).toBe("Réunion « Logement », 2e étage ; salle B");
  });

  /** Unfolded content lines: each must start with a property name, and none may be an injected one. */
  function expectOnePropertyPerLine(content: string) {
    // Line ends are CRLF only, and no other control character is left.
    expect(content.replace(/\r\n/g, "")).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/);
    const lines = content
      .replace(/\r\n[ \t]/g, "")
      .split("\r\n")
      .filter((l) => l !== "");
    for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9-]*[;:]/);
    expect(lines.filter((l) => /^(ATTENDEE:|X-INJECTED|X-PLACE|X-REASON)/.test(l))).toEqual([]);
    return lines;
  }
  /** ical.js leaves X- properties (X-WR-CALNAME, NAME of RFC 7986) as written: read them as TEXT. */
  const text = (value: unknown) => String(value).replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));

  test("data stored with CR/LF before the rule: invitations, cancellations and feeds stay valid, with no injected line", async () => {
    const network = await createNetwork();
    const group = await createGroup(network.id, { name: "Logement\r\nX-INJECTED:group, Bruxelles; Namur" });
    const org = await createOrganisation(network.id);
    const delegate = await createUser({ email: `delegue-${Date.now()}@example.test`, name: 'Camille "Cam"\r\nATTENDEE:mailto:evil2@evil.test' });
    await makeDelegate(org.id, delegate.id);
    await addGroupMember(group.id, org.id, [delegate.id]);
    const facilitator = await createUser();
    await makeFacilitator(group.id, facilitator.id);
    setNow(new Date("2027-03-01T09:00:00Z"));
    const { meetingId } = await scheduleMeeting(group.id, facilitator.id, {
      ...base,
      title: INJECTED,
      place: "Salle 1\rX-PLACE:1",
      day: "2027-03-20",
      startMinutes: 10 * 60,
      endMinutes: 12 * 60,
      repeat: null,
    });
    await cancelMeeting(meetingId, facilitator.id, "Grève\r\nX-REASON:1", "one");
    const [invitation, cancellation] = await attachmentsTo(delegate.email);

    for (const content of [invitation.ics.content, cancellation.ics.content]) {
      expectOnePropertyPerLine(content);
      const { calendar, events } = parse(content);
      expect(text(calendar.getFirstPropertyValue("x-wr-calname"))).toBe("Logement X-INJECTED:group, Bruxelles; Namur");
      expect(text(calendar.getFirstPropertyValue("name"))).toBe("Logement X-INJECTED:group, Bruxelles; Namur");
      expect(events).toHaveLength(1);
      const event = events[0];
      expect(event.getFirstPropertyValue("summary")).toBe("Evil ATTENDEE:mailto:evil@evil.test");
      expect(event.getFirstPropertyValue("location")).toBe("Salle 1 X-PLACE:1");
      // The only attendee is the recipient, with their name as one parameter.
      const attendees = event.getAllProperties("attendee");
      expect(attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual([`mailto:${delegate.email}`]);
      expect(attendees[0].getParameter("cn")).toBe("Camille 'Cam' ATTENDEE:mailto:evil2@evil.test");
    }
    // The reason keeps its line break inside DESCRIPTION (escaped as \n), not as a line of its own.
    expect(parse(cancellation.ics.content).events[0].getFirstPropertyValue("description")).toContain("Annulée : Grève\nX-REASON:1");

    // The group's feed, as a calendar program fetches it: the name comes from the group's name.
    const feed = await createFeed((await actorById(delegate.id))!, { scope: "group", groupId: group.id });
    const response = (await icalLoader({ request: makeRequest(`/ical/${feed.token}.ics`), params: { token: `${feed.token}.ics` }, context: {} })) as Response;
    expect(response.status).toBe(200);
    const body = await response.text();
    const lines = expectOnePropertyPerLine(body);
    expect(lines.filter((l) => l.startsWith("X-WR-CALNAME:"))).toHaveLength(1);
    const { calendar, events } = parse(body);
    expect(text(calendar.getFirstPropertyValue("x-wr-calname"))).toContain("Logement X-INJECTED:group, Bruxelles; Namur");
    expect(events.map((e) => e.getFirstPropertyValue("summary"))).toEqual(["Evil ATTENDEE:mailto:evil@evil.test"]);
    expect(events[0].hasProperty("attendee")).toBe(false);

    // The download of one meeting names the calendar "group — title".
    const download = parse(await meetingsIcs({ id: meetingId }, `${group.name} — ${INJECTED}`));
    expect(text(download.calendar.getFirstPropertyValue("x-wr-calname"))).toBe(
      "Logement X-INJECTED:group, Bruxelles; Namur — Evil ATTENDEE:mailto:evil@evil.test",
    );
  });
});
