// The attendance register of a meeting: one row per member organisation of the group (present,
// excused, absent), taken once the meeting has started by a manager of the group (coordinator,
// facilitator) or by the meeting's note-taker. Until it is taken, the sheet is pre-filled from the
// RSVPs of each organisation's participants: someone said yes → present; else someone said no →
// excused; else absent. The register feeds the minutes (their attendance list) and the turnout.
import { actorById } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { groupAccess } from "#app/access/group.server";
import type { Prisma } from "#app/generated/prisma/client";
import { audit } from "#app/utils/audit.server";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { ATTENDANCE_STATUSES, type AttendanceStatus } from "#app/utils/domain";
import { DomainError, invalid, notFound } from "#app/utils/errors.server";

type Tx = Prisma.TransactionClient;

export type SheetRow = {
  organisationId: string;
  name: string;
  status: AttendanceStatus;
  /** Where the status comes from: the register, or the RSVPs (not taken yet). */
  source: "register" | "rsvp" | "none";
};

/** The meeting has started (the register is about who came). */
export function hasStarted(meeting: { startsAt: Date }) {
  return meeting.startsAt.getTime() <= now().getTime();
}

/**
 * The sheet: the group's active member organisations, plus any organisation already in the
 * register (it may have left the group since), in alphabetical order.
 */
export async function attendanceSheet(
  meeting: { id: string; groupId: string },
  db: Pick<Tx, "groupMembership" | "attendance" | "groupParticipant" | "rsvp"> = prisma,
): Promise<SheetRow[]> {
  const [memberships, register, participants, rsvps] = await Promise.all([
    db.groupMembership.findMany({ where: { groupId: meeting.groupId, status: "active" }, select: { organisation: { select: { id: true, name: true } } } }),
    db.attendance.findMany({ where: { meetingId: meeting.id }, select: { status: true, organisation: { select: { id: true, name: true } } } }),
    db.groupParticipant.findMany({ where: { groupId: meeting.groupId }, select: { organisationId: true, userId: true } }),
    db.rsvp.findMany({ where: { meetingId: meeting.id }, select: { userId: true, response: true } }),
  ]);
  const responseOf = new Map(rsvps.map((r) => [r.userId, r.response]));
  const rows = new Map<string, SheetRow>();
  for (const { organisation } of memberships) {
    const answers = participants.filter((p) => p.organisationId === organisation.id).map((p) => responseOf.get(p.userId));
    const status: AttendanceStatus = answers.includes("yes") ? "present" : answers.includes("no") ? "excused" : "absent";
    rows.set(organisation.id, {
      organisationId: organisation.id,
      name: organisation.name,
      status,
      source: answers.some((a) => a === "yes" || a === "no") ? "rsvp" : "none",
    });
  }
  for (const r of register) {
    rows.set(r.organisation.id, { organisationId: r.organisation.id, name: r.organisation.name, status: r.status as AttendanceStatus, source: "register" });
  }
  const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });
  return [...rows.values()].sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * Records the register (every organisation of the sheet must have a status) and marks the meeting
 * as taken. Refused before the meeting starts and for a cancelled meeting.
 */
export async function recordAttendance(input: { networkId: string; actorId: string; meetingId: string; statuses: Record<string, string> }) {
  // The person's rights, read again here (not the caller's word): managers of the group, the note-taker.
  const target = await prisma.meeting.findFirst({
    where: { id: input.meetingId, group: { networkId: input.networkId } },
    select: { noteTakerId: true, group: { select: { id: true, networkId: true } } },
  });
  if (target) {
    const actor = await actorById(input.actorId);
    if (!can(actor, "meeting.takeAttendance", { access: await groupAccess(actor, target.group), meeting: target }))
      throw new DomainError("forbidden", "error.forbidden");
  }
  return transaction(async (tx) => {
    const meeting = await tx.meeting.findFirst({
      where: { id: input.meetingId, group: { networkId: input.networkId } },
      select: { id: true, groupId: true, startsAt: true, status: true },
    });
    if (!meeting) throw notFound();
    if (meeting.status === "cancelled") throw invalid("minutes.attendance.error.cancelled");
    if (!hasStarted(meeting)) throw invalid("minutes.attendance.error.notStarted");
    const sheet = await attendanceSheet(meeting, tx);
    const known = new Set(sheet.map((r) => r.organisationId));
    for (const id of Object.keys(input.statuses)) if (!known.has(id)) throw invalid("minutes.attendance.error.unknownOrganisation");
    const before = Object.fromEntries(sheet.filter((r) => r.source === "register").map((r) => [r.organisationId, r.status]));
    const after: Record<string, AttendanceStatus> = {};
    for (const row of sheet) {
      const status = input.statuses[row.organisationId];
      if (!(ATTENDANCE_STATUSES as readonly string[]).includes(status)) throw invalid("minutes.attendance.error.statusRequired");
      after[row.organisationId] = status as AttendanceStatus;
    }
    const at = now();
    for (const [organisationId, status] of Object.entries(after)) {
      await tx.attendance.upsert({
        where: { meetingId_organisationId: { meetingId: meeting.id, organisationId } },
        create: { meetingId: meeting.id, organisationId, status, recordedById: input.actorId, recordedAt: at },
        update: { status, recordedById: input.actorId, recordedAt: at },
      });
    }
    await tx.meeting.update({ where: { id: meeting.id }, data: { attendanceTakenAt: at } });
    await audit(tx, {
      networkId: input.networkId,
      actorId: input.actorId,
      action: "meeting.attendance",
      entityType: "meeting",
      entityId: meeting.id,
      before,
      after,
    });
    return { present: Object.values(after).filter((s) => s === "present").length, total: sheet.length };
  });
}

/** The register as the minutes show it: organisations grouped by status (empty until taken). */
export async function attendanceList(meetingId: string) {
  const rows = await prisma.attendance.findMany({ where: { meetingId }, select: { status: true, organisation: { select: { id: true, name: true } } } });
  const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });
  const by = (status: AttendanceStatus) =>
    rows
      .filter((r) => r.status === status)
      .map((r) => r.organisation.name)
      .sort(collator.compare);
  return { present: by("present"), excused: by("excused"), absent: by("absent") };
}
export type AttendanceList = Awaited<ReturnType<typeof attendanceList>>;
