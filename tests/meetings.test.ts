// Meetings on a real database: series rules materialised as rows ("2nd Tuesday", "first Monday",
// last, weekly; until a date or a count), one occurrence moved or cancelled without breaking the
// series, the rest of a series cancelled, who is invited, invitations in the outbox, agenda order
// and proposals with their deadline, reminders once two days before, and the routes' permissions
// and messages.
import { afterEach, describe, expect, test } from "vitest";

import { recordAttendance } from "#app/models/attendance.server";
import {
  addAgendaItem,
  cancelMeeting,
  decideProposal,
  meetingParticipants,
  moveAgendaItem,
  proposeAgendaItem,
  recordRsvp,
  removeAgendaItem,
  type ScheduleInput,
  scheduleMeeting,
  sendDueMeetingReminders,
  setProposalsUntil,
  updateAgendaItem,
  updateMeeting,
} from "#app/models/meetings.server";
import { action as meetingAction, loader as meetingLoader } from "#app/routes/$network+/meetings+/$meeting";
import { action as agendaAction, loader as agendaLoader } from "#app/routes/$network+/meetings+/$meeting_.agenda";
import { action as cancelAction } from "#app/routes/$network+/meetings+/$meeting_.cancel";
import { action as editAction } from "#app/routes/$network+/meetings+/$meeting_.edit";
import { loader as icsLoader } from "#app/routes/$network+/meetings+/$meeting_.ics";
import { action as newAction, loader as newLoader } from "#app/routes/$network+/meetings+/new";
import { brusselsParts } from "#app/utils/brussels-time";
import { setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { DomainError } from "#app/utils/errors.server";
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

afterEach(async () => {
  setNow(undefined);
  // Each test reads only its own messages.
  await prisma.outboxEmail.deleteMany();
});

async function setup() {
  const network = await createNetwork();
  const group = await createGroup(network.id, { name: "Santé mentale" });
  const member = await createOrganisation(network.id);
  const delegate = await createUser({ name: "Delphine Delegue" });
  await makeDelegate(member.id, delegate.id);
  await addGroupMember(group.id, member.id, [delegate.id]);
  // A facilitator is a delegate of a member organisation (here the same one).
  const facilitator = await createUser({ name: "Fatima Facilitatrice" });
  await makeDelegate(member.id, facilitator.id, "staff");
  await makeFacilitator(group.id, facilitator.id);
  const coordinator = await createUser();
  await makeCoordinator(network.id, coordinator.id);
  const outsider = await createUser();
  await makeDelegate((await createOrganisation(network.id)).id, outsider.id);
  return { network, group, member, delegate, facilitator, coordinator, outsider };
}

const base = { title: "Réunion Santé", place: "Rue de la Victoire 96, 1060 Saint-Gilles", videoUrl: null, isPublic: false, proposalsDaysBefore: 7 };
const dayOf = (d: Date) => brusselsParts(d).day;
const series = async (seriesId: string) => prisma.meeting.findMany({ where: { seriesId }, orderBy: { startsAt: "asc" } });

describe("series rules", () => {
  test("every month on the 2nd Tuesday, six times: rows on the right days at 14:00 Brussels, proposals a week before", async () => {
    const { group, facilitator } = await setup();
    setNow(new Date("2026-12-01T08:00:00Z"));
    const { seriesId, count } = await scheduleMeeting(group.id, facilitator.id, {
      ...base,
      day: "2027-01-01",
      startMinutes: 14 * 60,
      endMinutes: 16 * 60,
      repeat: { frequency: "monthly", interval: 1, weekday: 2, ordinal: 2, count: 6 },
    });
    expect(count).toBe(6);
    const rows = await series(seriesId!);
    expect(rows.map((r) => dayOf(r.startsAt))).toEqual(["2027-01-12", "2027-02-09", "2027-03-09", "2027-04-13", "2027-05-11", "2027-06-08"]);
    expect(rows.every((r) => brusselsParts(r.startsAt).minutes === 14 * 60 && brusselsParts(r.endsAt).minutes === 16 * 60)).toBe(true);
    expect(rows.every((r) => r.recurrenceId!.getTime() === r.startsAt.getTime() && r.uid === rows[0].uid)).toBe(true);
    expect(rows[0].proposalsUntil!.toISOString()).toBe(new Date(rows[0].startsAt.getTime() - 7 * 86_400_000).toISOString());
  });

  test("first Monday until a date, last Friday, and weekly every two weeks", async () => {
    const { group, facilitator } = await setup();
    setNow(new Date("2026-12-01T08:00:00Z"));
    const first = await scheduleMeeting(group.id, facilitator.id, {
      ...base,
      day: "2027-01-01",
      startMinutes: 9 * 60 + 30,
      endMinutes: 11 * 60,
      repeat: { frequency: "monthly", interval: 1, weekday: 1, ordinal: 1, untilOn: "2027-04-05" },
    });
    expect((await series(first.seriesId!)).map((r) => dayOf(r.startsAt))).toEqual(["2027-01-04", "2027-02-01", "2027-03-01", "2027-04-05"]);
    const last = await scheduleMeeting(group.id, facilitator.id, {
      ...base,
      day: "2027-01-01",
      startMinutes: 9 * 60,
      endMinutes: 10 * 60,
      repeat: { frequency: "monthly", interval: 1, weekday: 5, ordinal: -1, count: 3 },
    });
    expect((await series(last.seriesId!)).map((r) => dayOf(r.startsAt))).toEqual(["2027-01-29", "2027-02-26", "2027-03-26"]);
    const weekly = await scheduleMeeting(group.id, facilitator.id, {
      ...base,
      day: "2027-03-17",
      startMinutes: 9 * 60,
      endMinutes: 10 * 60,
      repeat: { frequency: "weekly", interval: 2, weekday: 3, ordinal: null, count: 3 },
    });
    const w = await series(weekly.seriesId!);
    expect(w.map((r) => dayOf(r.startsAt))).toEqual(["2027-03-17", "2027-03-31", "2027-04-14"]);
    // Across the change to summer time (28 March 2027): 9:00 stays 9:00 in Brussels.
    expect(w.map((r) => r.startsAt.toISOString())).toEqual(["2027-03-17T08:00:00.000Z", "2027-03-31T07:00:00.000Z", "2027-04-14T07:00:00.000Z"]);
  });

  test("bad rules and times are refused with the field to blame, and nothing is written", async () => {
    const { group, facilitator } = await setup();
    setNow(new Date("2026-12-01T08:00:00Z"));
    const attempt = (input: Partial<ScheduleInput>) =>
      scheduleMeeting(group.id, facilitator.id, { ...base, day: "2027-01-01", startMinutes: 600, endMinutes: 660, repeat: null, ...input });
    const refused = async (input: Partial<ScheduleInput>) => {
      try {
        await attempt(input);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        return { key: (error as DomainError).key, field: (error as DomainError).field };
      }
      throw new Error("not refused");
    };
    expect(await refused({ endMinutes: 600 })).toEqual({ key: "meetings.error.endBeforeStart", field: "endTime" });
    expect(await refused({ place: "", videoUrl: null })).toEqual({ key: "meetings.error.placeOrVideo", field: "place" });
    expect(await refused({ day: "2026-11-30" })).toEqual({ key: "meetings.error.inPast", field: "date" });
    expect(await refused({ repeat: { frequency: "weekly", interval: 1, weekday: 1, ordinal: null, count: 61 } })).toEqual({
      key: "series.error.tooMany",
      field: "count",
    });
    expect(await refused({ repeat: { frequency: "weekly", interval: 1, weekday: 1, ordinal: null, untilOn: "2026-12-31" } })).toEqual({
      key: "series.error.untilBeforeStart",
      field: "untilOn",
    });
    expect(await refused({ repeat: { frequency: "monthly", interval: 1, weekday: 1, ordinal: null, count: 3 } })).toEqual({
      key: "series.error.ordinalRequired",
      field: "ordinal",
    });
    expect(await refused({ repeat: { frequency: "weekly", interval: 1, weekday: 1, ordinal: null } })).toMatchObject({ key: "series.error.endRequired" });
    expect(await prisma.meeting.count({ where: { groupId: group.id } })).toBe(0);
    expect(await prisma.outboxEmail.count()).toBe(0);
  });
});

describe("changing a series", () => {
  test("moving one occurrence keeps it in the series; cancelling one leaves the others; cancelling the rest keeps the earlier ones", async () => {
    const { group, facilitator, delegate } = await setup();
    setNow(new Date("2026-12-01T08:00:00Z"));
    const { seriesId } = await scheduleMeeting(group.id, facilitator.id, {
      ...base,
      day: "2027-01-01",
      startMinutes: 14 * 60,
      endMinutes: 16 * 60,
      repeat: { frequency: "monthly", interval: 1, weekday: 2, ordinal: 2, count: 5 },
    });
    const rows = await series(seriesId!);
    await updateMeeting(rows[1].id, facilitator.id, {
      title: "Réunion Santé (déplacée)",
      day: "2027-02-10",
      startMinutes: 10 * 60,
      endMinutes: 12 * 60,
      place: base.place,
      videoUrl: null,
      isPublic: false,
    });
    const moved = await prisma.meeting.findUniqueOrThrow({ where: { id: rows[1].id } });
    expect(moved).toMatchObject({ seriesId, uid: rows[0].uid, title: "Réunion Santé (déplacée)", status: "scheduled" });
    expect(moved.recurrenceId!.toISOString()).toBe(rows[1].recurrenceId!.toISOString());
    expect(moved.startsAt.toISOString()).toBe("2027-02-10T09:00:00.000Z");
    expect(moved.sequence).toBeGreaterThan(rows[1].sequence);
    // Its proposals deadline moved with it.
    expect(moved.proposalsUntil!.getTime()).toBe(moved.startsAt.getTime() - 7 * 86_400_000);
    // The other occurrences did not change.
    const after = await series(seriesId!);
    for (const i of [0, 2, 3, 4]) expect(after[i].startsAt.toISOString()).toBe(rows[i].startsAt.toISOString());

    await cancelMeeting(rows[2].id, facilitator.id, "Congé", "one");
    expect((await series(seriesId!)).map((r) => r.status)).toEqual(["scheduled", "scheduled", "cancelled", "scheduled", "scheduled"]);
    // Cancelling again is refused.
    await expect(cancelMeeting(rows[2].id, facilitator.id, "", "one")).rejects.toMatchObject({ key: "meetings.error.cancelled" });
    await expect(updateMeeting(rows[2].id, facilitator.id, { ...base, day: "2027-03-10", startMinutes: 600, endMinutes: 660 })).rejects.toMatchObject({
      key: "meetings.error.cancelled",
    });

    expect(await cancelMeeting(rows[3].id, facilitator.id, "Fin du projet", "rest")).toBe(2);
    expect((await series(seriesId!)).map((r) => r.status)).toEqual(["scheduled", "scheduled", "cancelled", "cancelled", "cancelled"]);
    expect((await prisma.meetingSeries.findUniqueOrThrow({ where: { id: seriesId! } })).cancelledAt).toBeNull();

    // The delegate received: the invitation, the update, two cancellations.
    const mails = await prisma.outboxEmail.findMany({
      where: { to: delegate.email },
      orderBy: { createdAt: "asc" },
      select: { subject: true, attachments: true },
    });
    expect(mails.map((m) => (m.attachments as { contentType: string }[])[0].contentType)).toEqual([
      "text/calendar; charset=utf-8; method=REQUEST",
      "text/calendar; charset=utf-8; method=REQUEST",
      "text/calendar; charset=utf-8; method=CANCEL",
      "text/calendar; charset=utf-8; method=CANCEL",
    ]);
    expect(mails[0].subject).toMatch(/^Invitation — Santé mentale/);
    expect(mails[1].subject).toMatch(/^Modifiée — /);
    expect(mails[3].subject).toMatch(/^Annulée — /);
  });
});

describe("who is invited", () => {
  test("facilitators and the named people of active members; an organisation that named nobody: its titular and substitute delegates; not pending members, not former delegates", async () => {
    const { network, group, member, delegate, facilitator } = await setup();
    const unnamed = await createOrganisation(network.id);
    const titular = await createUser({ name: "Tania Titulaire" });
    const substitute = await createUser({ name: "Sam Suppleant" });
    const staff = await createUser({ name: "Stan Staff" });
    await makeDelegate(unnamed.id, titular.id, "titular");
    await makeDelegate(unnamed.id, substitute.id, "substitute");
    await makeDelegate(unnamed.id, staff.id, "staff");
    await addGroupMember(group.id, unnamed.id, []);
    const pending = await createOrganisation(network.id);
    const pendingPerson = await createUser();
    await makeDelegate(pending.id, pendingPerson.id);
    await addGroupMember(group.id, pending.id, [pendingPerson.id], "pending");
    // A named participant who is no longer a delegate of the organisation is not invited.
    const former = await createUser();
    await makeDelegate(member.id, former.id, "staff");
    await prisma.groupParticipant.create({ data: { groupId: group.id, organisationId: member.id, userId: former.id } });
    await prisma.delegate.delete({ where: { organisationId_userId: { organisationId: member.id, userId: former.id } } });

    const ids = (await meetingParticipants(group.id)).map((p) => p.userId).sort();
    expect(ids).toEqual([delegate.id, facilitator.id, titular.id, substitute.id].sort());

    setNow(new Date("2026-12-01T08:00:00Z"));
    await scheduleMeeting(group.id, facilitator.id, { ...base, day: "2027-01-15", startMinutes: 600, endMinutes: 720, repeat: null });
    const to = (await prisma.outboxEmail.findMany({ select: { to: true } })).map((m) => m.to).sort();
    expect(to).toEqual([delegate.email, facilitator.email, titular.email, substitute.email].sort());
  });
});

describe("the models check the person, whoever calls them", () => {
  test("answering, proposing and taking the register: a delegate of another organisation is refused by the model itself", async () => {
    const { network, group, member, delegate, facilitator, outsider } = await setup();
    setNow(new Date("2027-01-01T08:00:00Z"));
    const meeting = await createMeeting(group.id, { startsAt: new Date("2027-01-20T13:00:00Z"), proposalsUntil: new Date("2027-01-13T13:00:00Z") });
    const refused = { kind: "forbidden", key: "error.forbidden" };

    await expect(recordRsvp(meeting.id, outsider.id, "yes")).rejects.toMatchObject(refused);
    await expect(proposeAgendaItem(meeting.id, outsider.id, { title: "Hors groupe", ownerName: "", durationMinutes: null })).rejects.toMatchObject(refused);
    expect(await prisma.rsvp.count({ where: { meetingId: meeting.id } })).toBe(0);
    expect(await prisma.agendaItem.count({ where: { meetingId: meeting.id, status: "proposed" } })).toBe(0);

    await recordRsvp(meeting.id, delegate.id, "yes");
    expect(await prisma.rsvp.findUnique({ where: { meetingId_userId: { meetingId: meeting.id, userId: delegate.id } }, select: { response: true } })).toEqual({
      response: "yes",
    });
    await proposeAgendaItem(meeting.id, delegate.id, { title: "Bilan", ownerName: "", durationMinutes: null });

    // Once the meeting is over, nobody answers any more (the e-mail link says so first).
    setNow(new Date("2027-01-21T08:00:00Z"));
    await expect(recordRsvp(meeting.id, delegate.id, "no")).rejects.toMatchObject(refused);

    // The register: the group's managers and the note-taker, not a member's delegate.
    const statuses = { [member.id]: "present" };
    await expect(recordAttendance({ networkId: network.id, actorId: delegate.id, meetingId: meeting.id, statuses })).rejects.toMatchObject(refused);
    expect(await prisma.attendance.count({ where: { meetingId: meeting.id } })).toBe(0);
    await recordAttendance({ networkId: network.id, actorId: facilitator.id, meetingId: meeting.id, statuses });
    expect(await prisma.attendance.count({ where: { meetingId: meeting.id } })).toBe(1);
  });

  test("scheduling, editing, cancelling, the agenda (adding, editing, moving, removing), proposals and their deadline: refused by the model to a member's delegate, another organisation's, another network's; nothing written; the facilitator may", async () => {
    const { network, group, delegate, facilitator, coordinator, outsider } = await setup();
    const elsewhere = await createNetwork();
    const stranger = await createUser({ name: "Sam Ailleurs" });
    await makeDelegate((await createOrganisation(elsewhere.id)).id, stranger.id);
    await makeCoordinator(elsewhere.id, stranger.id);
    setNow(new Date("2027-01-01T08:00:00Z"));
    const meeting = await createMeeting(group.id, { startsAt: new Date("2027-01-20T13:00:00Z"), proposalsUntil: new Date("2027-01-13T13:00:00Z") });
    const proposal = await proposeAgendaItem(meeting.id, delegate.id, { title: "Bilan", ownerName: "", durationMinutes: null });
    const existing = await addAgendaItem(meeting.id, facilitator.id, { title: "Ouverture", ownerName: "", durationMinutes: 5 });
    await addAgendaItem(meeting.id, facilitator.id, { title: "Tour de table", ownerName: "", durationMinutes: 20 });
    const refused = { kind: "forbidden", key: "error.forbidden" };
    const one = { ...base, day: "2027-02-10", startMinutes: 600, endMinutes: 660 };
    const item = { title: "Accueil", ownerName: "", durationMinutes: 10 };
    const state = async () => ({
      meetings: await prisma.meeting.findMany({
        where: { groupId: group.id },
        select: { id: true, title: true, startsAt: true, status: true, cancelReason: true, sequence: true, proposalsUntil: true },
      }),
      series: await prisma.meetingSeries.count({ where: { groupId: group.id } }),
      items: await prisma.agendaItem.findMany({
        where: { meetingId: meeting.id },
        select: { id: true, title: true, status: true, position: true },
        orderBy: { position: "asc" },
      }),
      audit: await prisma.auditLog.count({ where: { networkId: network.id } }),
      outbox: await prisma.outboxEmail.count(),
      keys: await prisma.submissionKey.count({ where: { key: { startsWith: "refused-" } } }),
    });
    const before = await state();

    for (const person of [delegate, outsider, stranger]) {
      await expect(scheduleMeeting(group.id, person.id, { ...one, repeat: null }, `refused-${person.id}`)).rejects.toMatchObject(refused);
      await expect(
        scheduleMeeting(group.id, person.id, { ...one, repeat: { frequency: "weekly", interval: 1, weekday: 3, ordinal: null, count: 3 } }),
      ).rejects.toMatchObject(refused);
      await expect(updateMeeting(meeting.id, person.id, { ...one, title: "Déplacée" })).rejects.toMatchObject(refused);
      await expect(cancelMeeting(meeting.id, person.id, "Non", "one")).rejects.toMatchObject(refused);
      await expect(addAgendaItem(meeting.id, person.id, item, `refused-add-${person.id}`)).rejects.toMatchObject(refused);
      await expect(updateAgendaItem(meeting.id, person.id, existing.id, { ...item, title: "Changé" })).rejects.toMatchObject(refused);
      await expect(moveAgendaItem(meeting.id, person.id, existing.id, "down")).rejects.toMatchObject(refused);
      await expect(removeAgendaItem(meeting.id, person.id, existing.id)).rejects.toMatchObject(refused);
      await expect(decideProposal(meeting.id, person.id, proposal.id, "accepted")).rejects.toMatchObject(refused);
      await expect(setProposalsUntil(meeting.id, person.id, null)).rejects.toMatchObject(refused);
    }
    expect(await state()).toEqual(before);

    // The group's facilitator (and the network's coordinator) may.
    const scheduled = await scheduleMeeting(group.id, facilitator.id, { ...one, repeat: null });
    await scheduleMeeting(group.id, coordinator.id, { ...one, day: "2027-02-17", repeat: null });
    await updateMeeting(scheduled.meetingId, facilitator.id, { ...one, title: "Déplacée", day: "2027-02-11" });
    const added = await addAgendaItem(meeting.id, facilitator.id, item);
    await updateAgendaItem(meeting.id, facilitator.id, existing.id, { ...item, title: "Ouverture et accueil" });
    expect(await moveAgendaItem(meeting.id, facilitator.id, existing.id, "down")).toBe(true);
    await decideProposal(meeting.id, facilitator.id, proposal.id, "accepted");
    await setProposalsUntil(meeting.id, facilitator.id, null);
    expect(await cancelMeeting(scheduled.meetingId, facilitator.id, "Congé")).toBe(1);
    expect(await prisma.meeting.findMany({ where: { groupId: group.id }, select: { title: true, status: true }, orderBy: { startsAt: "asc" } })).toEqual([
      { title: meeting.title, status: "scheduled" },
      { title: "Déplacée", status: "cancelled" },
      { title: base.title, status: "scheduled" },
    ]);
    const agenda = async () =>
      (await prisma.agendaItem.findMany({ where: { meetingId: meeting.id, status: "accepted" }, select: { title: true }, orderBy: { position: "asc" } })).map(
        (i) => i.title,
      );
    expect(await agenda()).toEqual(["Tour de table", "Ouverture et accueil", "Accueil", "Bilan"]);
    await removeAgendaItem(meeting.id, facilitator.id, added.id);
    expect(await agenda()).toEqual(["Tour de table", "Ouverture et accueil", "Bilan"]);
    expect((await prisma.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).proposalsUntil).toBeNull();
  });
});

describe("agenda and proposals", () => {
  test("items in order, moved up and down, removed; proposals until the deadline, accepted at the end or declined", async () => {
    const { group, delegate, facilitator } = await setup();
    setNow(new Date("2027-01-01T08:00:00Z"));
    const meeting = await createMeeting(group.id, { startsAt: new Date("2027-01-20T13:00:00Z"), proposalsUntil: new Date("2027-01-13T13:00:00Z") });
    const a = await addAgendaItem(meeting.id, facilitator.id, { title: "Accueil", ownerName: "", durationMinutes: 10 });
    const b = await addAgendaItem(meeting.id, facilitator.id, { title: "Logement d'urgence", ownerName: "CPAS", durationMinutes: 45 });
    const c = await addAgendaItem(meeting.id, facilitator.id, { title: "Divers", ownerName: "", durationMinutes: null });
    const order = async () =>
      (await prisma.agendaItem.findMany({ where: { meetingId: meeting.id, status: "accepted" }, orderBy: { position: "asc" }, select: { title: true } })).map(
        (i) => i.title,
      );
    expect(await order()).toEqual(["Accueil", "Logement d'urgence", "Divers"]);
    await moveAgendaItem(meeting.id, facilitator.id, c.id, "up");
    expect(await order()).toEqual(["Accueil", "Divers", "Logement d'urgence"]);
    expect(await moveAgendaItem(meeting.id, facilitator.id, a.id, "up")).toBe(false); // already first
    await moveAgendaItem(meeting.id, facilitator.id, a.id, "down");
    expect(await order()).toEqual(["Divers", "Accueil", "Logement d'urgence"]);
    await removeAgendaItem(meeting.id, facilitator.id, b.id);
    expect(await order()).toEqual(["Divers", "Accueil"]);

    const proposal = await proposeAgendaItem(meeting.id, delegate.id, { title: "Bilan hivernal", ownerName: "Delphine", durationMinutes: 15 });
    const other = await proposeAgendaItem(meeting.id, delegate.id, { title: "Hors sujet", ownerName: "", durationMinutes: null });
    expect(await order()).toEqual(["Divers", "Accueil"]); // proposals are not on the agenda yet
    await decideProposal(meeting.id, facilitator.id, proposal.id, "accepted");
    await decideProposal(meeting.id, facilitator.id, other.id, "declined");
    expect(await order()).toEqual(["Divers", "Accueil", "Bilan hivernal"]);
    await expect(decideProposal(meeting.id, facilitator.id, other.id, "accepted")).rejects.toMatchObject({ key: "meetings.proposals.error.alreadyDecided" });

    setNow(new Date("2027-01-13T13:00:01Z"));
    await expect(proposeAgendaItem(meeting.id, delegate.id, { title: "Trop tard", ownerName: "", durationMinutes: null })).rejects.toMatchObject({
      key: "meetings.proposals.error.closed",
    });
  });

  test("the agenda page: up/down/remove by form posts (no JavaScript), refused to a member who does not manage", async () => {
    const { network, group, delegate, facilitator } = await setup();
    setNow(new Date("2027-01-01T08:00:00Z"));
    const meeting = await createMeeting(group.id, { startsAt: new Date("2027-01-20T13:00:00Z") });
    const params = { network: network.slug, meeting: meeting.id };
    const path = `/${network.slug}/meetings/${meeting.id}/agenda`;
    const cookie = await sessionCookie(facilitator.id);
    const post = (form: Record<string, string>, c = cookie) => call(agendaAction, makeRequest(path, { method: "POST", cookie: c, form }), params);
    expect((await post({ intent: "add", title: "Accueil", ownerName: "", durationMinutes: "10" })).status).toBe(302);
    expect((await post({ intent: "add", title: "Tour de table", ownerName: "Tous", durationMinutes: "" })).status).toBe(302);
    const bad = await post({ intent: "add", title: "", durationMinutes: "beaucoup" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("form.required");
    expect(JSON.stringify(bad.body)).toContain("meetings.form.invalidNumber");
    const items = await prisma.agendaItem.findMany({ where: { meetingId: meeting.id }, orderBy: { position: "asc" } });
    expect((await post({ intent: "up", itemId: items[1].id })).status).toBe(302);
    const page = await call(agendaLoader, makeRequest(path, { cookie }), params);
    expect((page.body as { accepted: { title: string }[] }).accepted.map((i) => i.title)).toEqual(["Tour de table", "Accueil"]);
    expect((await post({ intent: "deadline", untilDate: "2027-01-25", untilTime: "12:00" })).status).toBe(400); // after the meeting
    expect((await post({ intent: "deadline", untilDate: "2027-01-15", untilTime: "12:00" })).status).toBe(302);
    expect((await prisma.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).proposalsUntil!.toISOString()).toBe("2027-01-15T11:00:00.000Z");
    // A member of the group does not manage its agenda.
    expect((await post({ intent: "remove", itemId: items[0].id }, await sessionCookie(delegate.id))).status).toBe(403);
    expect(await prisma.agendaItem.count({ where: { meetingId: meeting.id } })).toBe(2);
  });
});

describe("reminders", () => {
  test("once, two days before, to the participants, with their RSVP link; not for a meeting scheduled less than two days ahead", async () => {
    const { group, facilitator, delegate } = await setup();
    setNow(new Date("2028-01-01T08:00:00Z"));
    const { meetingId } = await scheduleMeeting(group.id, facilitator.id, {
      ...base,
      day: "2028-01-20",
      startMinutes: 14 * 60,
      endMinutes: 16 * 60,
      repeat: null,
    });
    await prisma.outboxEmail.deleteMany();
    setNow(new Date("2028-01-18T12:00:00Z")); // 49 hours before
    expect(await sendDueMeetingReminders()).toBe(0);
    setNow(new Date("2028-01-18T13:00:00Z")); // 48 hours before
    expect(await sendDueMeetingReminders()).toBe(2);
    expect(await sendDueMeetingReminders()).toBe(0);
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: delegate.email } });
    expect(mail.subject).toMatch(/^Rappel — Santé mentale/);
    expect(mail.text).toMatch(/\/rsvp\/[\w-]+\.[\w-]+/);
    expect((await prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } })).reminderSentAt).not.toBeNull();

    // Scheduled the day before: the invitation was just sent, no reminder.
    const late = await scheduleMeeting(group.id, facilitator.id, { ...base, day: "2028-01-19", startMinutes: 14 * 60, endMinutes: 15 * 60, repeat: null });
    await prisma.outboxEmail.deleteMany();
    expect(await sendDueMeetingReminders()).toBe(0);
    expect(await prisma.outboxEmail.count()).toBe(0);
    void late;
  });
});

describe("routes", () => {
  test("scheduling: a facilitator schedules with the form; a delegate is refused; bad input is a 400 with messages beside the fields", async () => {
    const { network, group, delegate, facilitator } = await setup();
    setNow(new Date("2026-12-01T08:00:00Z"));
    const path = `/${network.slug}/meetings/new?group=${group.slug}`;
    const params = { network: network.slug };
    const cookie = await sessionCookie(facilitator.id);
    const page = await call(newLoader, makeRequest(path, { cookie }), params);
    expect(page.status).toBe(200);
    expect((page.body as { defaults: { group: string } }).defaults.group).toBe(group.slug);

    const form = {
      group: group.slug,
      title: "Groupe Santé",
      date: "2027-01-01",
      startTime: "14:00",
      endTime: "16h",
      place: "Maison médicale",
      videoUrl: "",
      repeat: "monthly",
      ordinal: "2",
      weekday: "2",
      interval: "1",
      ends: "count",
      count: "4",
      proposalsDaysBefore: "5",
    };
    const ok = await call(newAction, makeRequest(path, { method: "POST", cookie, form }), params);
    expect(ok.status).toBe(302);
    const meetings = await prisma.meeting.findMany({ where: { groupId: group.id }, orderBy: { startsAt: "asc" } });
    expect(meetings.map((m) => dayOf(m.startsAt))).toEqual(["2027-01-12", "2027-02-09", "2027-03-09", "2027-04-13"]);
    expect(ok.headers.get("Location")).toBe(`/${network.slug}/meetings/${meetings[0].id}`);

    const bad = await call(
      newAction,
      makeRequest(path, { method: "POST", cookie, form: { ...form, title: "", startTime: "25:00", videoUrl: "visio" } }),
      params,
    );
    expect(bad.status).toBe(400);
    const errors = (bad.body as { error: Record<string, string[]> }).error;
    expect(errors.title).toBeDefined();
    expect(errors.startTime).toEqual(["meetings.form.invalidTime"]);
    expect(errors.videoUrl).toEqual(["meetings.form.invalidUrl"]);
    // The series' own checks, once the fields themselves are right.
    const badSeries = await call(newAction, makeRequest(path, { method: "POST", cookie, form: { ...form, ordinal: "", ends: "until", untilOn: "" } }), params);
    expect(badSeries.status).toBe(400);
    const seriesErrors = (badSeries.body as { error: Record<string, string[]> }).error;
    expect(seriesErrors.ordinal).toEqual(["series.error.ordinalRequired"]);
    expect(seriesErrors.untilOn).toEqual(["series.error.endRequired"]);
    const tooMany = await call(newAction, makeRequest(path, { method: "POST", cookie, form: { ...form, repeat: "weekly", count: "70" } }), params);
    expect(tooMany.status).toBe(400);
    expect((tooMany.body as { error: Record<string, string[]> }).error.count).toEqual(["series.error.tooMany"]);

    const refused = await call(newAction, makeRequest(path, { method: "POST", cookie: await sessionCookie(delegate.id), form }), params);
    expect(refused.status).toBe(403);
    expect(await prisma.meeting.count({ where: { groupId: group.id } })).toBe(4);
  });

  test("a date on a public holiday is flagged to whoever manages the meeting, never moved", async () => {
    const { network, group, delegate, facilitator } = await setup();
    setNow(new Date("2027-10-01T08:00:00Z"));
    const cookie = await sessionCookie(facilitator.id);
    const form = { title: "Groupe Santé", group: group.slug, date: "2027-10-28", startTime: "14:00", endTime: "16:00", place: "Maison médicale", videoUrl: "" };
    const weekly = { ...form, repeat: "weekly", weekday: "4", interval: "1", ends: "count", count: "4", proposalsDaysBefore: "5" };
    const created = await call(newAction, makeRequest(`/${network.slug}/meetings/new`, { method: "POST", cookie, form: weekly }), { network: network.slug });
    expect(created.status).toBe(302);
    const dates = await prisma.meeting.findMany({ where: { groupId: group.id }, orderBy: { startsAt: "asc" } });
    // Thursday 11 November 2027 is Armistice: kept as scheduled.
    expect(dates.map((m) => dayOf(m.startsAt))).toEqual(["2027-10-28", "2027-11-04", "2027-11-11", "2027-11-18"]);
    type Page = { holiday: string | null; canManage: boolean; siblings: { holiday: string | null }[] };
    const page = async (id: string, who: string) =>
      (await call(meetingLoader, makeRequest(`/${network.slug}/meetings/${id}`, { cookie: await sessionCookie(who) }), { network: network.slug, meeting: id }))
        .body as Page;
    const first = await page(dates[0].id, facilitator.id);
    expect(first).toMatchObject({ holiday: null, canManage: true });
    expect(first.siblings.map((s) => s.holiday)).toEqual([null, "armistice", null]);
    expect(await page(dates[2].id, facilitator.id)).toMatchObject({ holiday: "armistice" });
    expect(await page(dates[2].id, delegate.id)).toMatchObject({ holiday: "armistice", canManage: false });
  });

  test("the meeting page: insiders see it, a visitor is sent to sign in, a public meeting is seen by all; RSVP and proposals in the app", async () => {
    const { network, group, delegate, facilitator, outsider } = await setup();
    setNow(new Date("2027-01-01T08:00:00Z"));
    const meeting = await createMeeting(group.id, { startsAt: new Date("2027-01-20T13:00:00Z"), proposalsUntil: new Date("2027-01-15T13:00:00Z") });
    const params = { network: network.slug, meeting: meeting.id };
    const path = `/${network.slug}/meetings/${meeting.id}`;
    const visitor = await call(meetingLoader, makeRequest(path), params);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
    const seen = await call(meetingLoader, makeRequest(path, { cookie: await sessionCookie(outsider.id) }), params);
    expect(seen.status).toBe(200);
    // An insider outside the group sees the meeting but neither answers nor proposes.
    expect(seen.body).toMatchObject({ canRsvp: false, canPropose: false, canManage: false });
    expect(
      (
        await call(
          meetingAction,
          makeRequest(path, { method: "POST", cookie: await sessionCookie(outsider.id), form: { intent: "rsvp", response: "yes" } }),
          params,
        )
      ).status,
    ).toBe(403);

    const cookie = await sessionCookie(delegate.id);
    const mine = await call(meetingLoader, makeRequest(path, { cookie }), params);
    expect(mine.body).toMatchObject({ canRsvp: true, canPropose: true, canManage: false, myRsvp: null });
    expect((await call(meetingAction, makeRequest(path, { method: "POST", cookie, form: { intent: "rsvp", response: "perhaps" } }), params)).status).toBe(400);
    expect((await call(meetingAction, makeRequest(path, { method: "POST", cookie, form: { intent: "rsvp", response: "maybe" } }), params)).status).toBe(302);
    expect(await prisma.rsvp.findUnique({ where: { meetingId_userId: { meetingId: meeting.id, userId: delegate.id } } })).toMatchObject({ response: "maybe" });
    expect(
      (
        await call(
          meetingAction,
          makeRequest(path, { method: "POST", cookie, form: { intent: "propose", title: "Point logement", ownerName: "", durationMinutes: "10" } }),
          params,
        )
      ).status,
    ).toBe(302);
    expect(await prisma.agendaItem.findFirst({ where: { meetingId: meeting.id } })).toMatchObject({ status: "proposed", proposedById: delegate.id });

    const managed = await call(meetingLoader, makeRequest(path, { cookie: await sessionCookie(facilitator.id) }), params);
    expect(managed.body).toMatchObject({ canManage: true, proposalsWaiting: 1 });

    const open = await createMeeting(group.id, { title: "Fracture numérique : où en est-on ?", isPublic: true, startsAt: new Date("2027-02-20T13:00:00Z") });
    expect((await call(meetingLoader, makeRequest(`/${network.slug}/meetings/${open.id}`), { network: network.slug, meeting: open.id })).status).toBe(200);
    const ics = await call(icsLoader, makeRequest(`/${network.slug}/meetings/${open.id}/ics`), { network: network.slug, meeting: open.id });
    expect(ics.status).toBe(200);
    expect(ics.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    // Letters keep their base without the accent ("nume-rique" was the bug).
    expect(ics.headers.get("Content-Disposition")).toBe('attachment; filename="fracture-numerique-ou-en-est-on.ics"');
    expect(String(ics.body)).toContain(`UID:${open.uid}`);
    // Another network's meeting is not found here.
    const elsewhere = await createNetwork();
    expect(
      (await call(meetingLoader, makeRequest(`/${elsewhere.slug}/meetings/${open.id}`, { cookie }), { network: elsewhere.slug, meeting: open.id })).status,
    ).toBe(404);
  });

  test("edit and cancel: managers only; a member is refused; the occurrence moves and the cancellation is sent", async () => {
    const { network, group, delegate, coordinator } = await setup();
    setNow(new Date("2027-01-01T08:00:00Z"));
    const meeting = await createMeeting(group.id, { startsAt: new Date("2027-01-20T13:00:00Z") });
    const params = { network: network.slug, meeting: meeting.id };
    const edit = (cookie: string, form: Record<string, string>) =>
      call(editAction, makeRequest(`/${network.slug}/meetings/${meeting.id}/edit`, { method: "POST", cookie, form }), params);
    const form = { title: "Réunion déplacée", date: "2027-01-21", startTime: "9:30", endTime: "11:00", place: "Ailleurs", videoUrl: "" };
    expect((await edit(await sessionCookie(delegate.id), form)).status).toBe(403);
    const cookie = await sessionCookie(coordinator.id);
    const bad = await edit(cookie, { ...form, endTime: "9:00" });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: Record<string, string[]> }).error.endTime).toEqual(["meetings.error.endBeforeStart"]);
    expect((await edit(cookie, form)).status).toBe(302);
    expect((await prisma.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).startsAt.toISOString()).toBe("2027-01-21T08:30:00.000Z");
    const cancel = (c: string) =>
      call(
        cancelAction,
        makeRequest(`/${network.slug}/meetings/${meeting.id}/cancel`, { method: "POST", cookie: c, form: { reason: "Grève", scope: "one", confirm: "1" } }),
        params,
      );
    expect((await cancel(await sessionCookie(delegate.id))).status).toBe(403);
    expect((await cancel(cookie)).status).toBe(302);
    expect(await prisma.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).toMatchObject({ status: "cancelled", cancelReason: "Grève" });
    expect(await prisma.outboxEmail.count({ where: { to: delegate.email, subject: { startsWith: "Annulée" } } })).toBe(1);
  });
});
