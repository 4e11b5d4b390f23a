// The attendance register: taken once the meeting has started, by a manager of the group or the
// note-taker, one status per member organisation, pre-filled from the RSVPs of its participants.
import { describe, expect, test } from "vitest";

import { setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { createMeeting, createOrganisation, createUser, makeDelegate } from "#tests/factories";
import { addGroupMember } from "#tests/factories";

import { futureMeeting, groupSetting, postAttendance, postMinutes, readAttendance, readMinutes } from "./minutes-helpers";

describe("attendance", () => {
  test("pre-filled from RSVPs (yes → present, no → excused, nothing → absent), then recorded with the time it was taken", async () => {
    const s = await groupSetting();
    const orgC = await createOrganisation(s.network.id, { name: "Asbl Gamma" });
    const carla = await createUser({ name: "Carla" });
    const cyril = await createUser({ name: "Cyril" });
    await makeDelegate(orgC.id, carla.id);
    await makeDelegate(orgC.id, cyril.id, "staff");
    await addGroupMember(s.group.id, orgC.id, [carla.id, cyril.id]);
    await prisma.rsvp.createMany({
      data: [
        { meetingId: s.meeting.id, userId: s.noteTaker.id, response: "no" }, // Alpha: excused
        { meetingId: s.meeting.id, userId: carla.id, response: "no" }, // Gamma: one no, one yes → present
        { meetingId: s.meeting.id, userId: cyril.id, response: "yes" },
      ],
    });
    const page = await readAttendance(s, s.cookies.facilitator);
    expect(page).toMatchObject({ status: 200, body: { started: true } });
    expect((page.body as { sheet: unknown[] }).sheet).toEqual([
      { organisationId: s.orgA.id, name: "Asbl Alpha", status: "excused", source: "rsvp" },
      { organisationId: s.orgB.id, name: "Asbl Bêta", status: "absent", source: "none" },
      { organisationId: orgC.id, name: "Asbl Gamma", status: "present", source: "rsvp" },
    ]);

    const at = new Date();
    setNow(at);
    const saved = await postAttendance(
      s,
      { [`status.${s.orgA.id}`]: "excused", [`status.${s.orgB.id}`]: "present", [`status.${orgC.id}`]: "present" },
      s.cookies.facilitator,
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/${s.network.slug}/meetings/${s.meeting.id}/minutes`);
    expect((await prisma.meeting.findUniqueOrThrow({ where: { id: s.meeting.id } })).attendanceTakenAt).toEqual(at);
    const rows = await prisma.attendance.findMany({ where: { meetingId: s.meeting.id }, orderBy: { organisationId: "asc" } });
    expect(Object.fromEntries(rows.map((r) => [r.organisationId, [r.status, r.recordedById]]))).toEqual({
      [s.orgA.id]: ["excused", s.facilitator.id],
      [s.orgB.id]: ["present", s.facilitator.id],
      [orgC.id]: ["present", s.facilitator.id],
    });
    // The register now wins over the RSVPs, and the minutes show it.
    expect((await readAttendance(s, s.cookies.facilitator)).body).toMatchObject({
      sheet: [{ status: "excused", source: "register" }, { status: "present", source: "register" }, { status: "present" }],
    });
    expect(await readMinutes(s, s.cookies.facilitator)).toMatchObject({ body: { meeting: { attendanceTaken: true } } });
    expect(await prisma.auditLog.count({ where: { action: "meeting.attendance", entityId: s.meeting.id } })).toBe(1);
  });

  test("the note-taker may take it; a participant who is not, another delegate, a visitor may not", async () => {
    const s = await groupSetting();
    const form = { [`status.${s.orgA.id}`]: "present", [`status.${s.orgB.id}`]: "present" };
    expect((await readAttendance(s, s.cookies.noteTaker)).status).toBe(403);
    expect((await postAttendance(s, form, s.cookies.noteTaker)).status).toBe(403);
    expect((await postAttendance(s, form, s.cookies.outsider)).status).toBe(403);
    const anonymous = await postAttendance(s, form);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
    expect(await prisma.attendance.count({ where: { meetingId: s.meeting.id } })).toBe(0);
    await postMinutes(s, { intent: "volunteer" }, s.cookies.noteTaker);
    expect((await postAttendance(s, form, s.cookies.noteTaker)).status).toBe(302);
    expect(await prisma.attendance.count({ where: { meetingId: s.meeting.id, status: "present" } })).toBe(2);
    expect((await postAttendance(s, form, s.cookies.coordinator)).status).toBe(302);
  });

  test("refused before the meeting starts, for a cancelled meeting, with a missing status or an organisation outside the group", async () => {
    const s = await groupSetting();
    const next = await futureMeeting(s, 3);
    const ok = { [`status.${s.orgA.id}`]: "present", [`status.${s.orgB.id}`]: "absent" };
    expect(await readAttendance(s, s.cookies.facilitator, next.id)).toMatchObject({ status: 200, body: { started: false } });
    const early = await postAttendance(s, ok, s.cookies.facilitator, next.id);
    expect(early).toMatchObject({ status: 400, body: { error: "minutes.attendance.error.notStarted" } });
    // Once it has started (the clock moves), it is taken.
    setNow(new Date(next.startsAt.getTime() + 60_000));
    expect((await postAttendance(s, ok, s.cookies.facilitator, next.id)).status).toBe(302);
    setNow(undefined);

    const cancelled = await createMeeting(s.group.id, { startsAt: new Date(Date.now() - 86_400_000), status: "cancelled" });
    expect(await postAttendance(s, ok, s.cookies.facilitator, cancelled.id)).toMatchObject({
      status: 400,
      body: { error: "minutes.attendance.error.cancelled" },
    });
    expect(await postAttendance(s, { [`status.${s.orgA.id}`]: "present" }, s.cookies.facilitator)).toMatchObject({
      status: 400,
      body: { error: "minutes.attendance.error.statusRequired" },
    });
    expect(await postAttendance(s, { ...ok, [`status.${s.orgA.id}`]: "late" }, s.cookies.facilitator)).toMatchObject({
      status: 400,
      body: { error: "minutes.attendance.error.statusRequired" },
    });
    expect(await postAttendance(s, { ...ok, [`status.${s.outsideOrg.id}`]: "present" }, s.cookies.facilitator)).toMatchObject({
      status: 400,
      body: { error: "minutes.attendance.error.unknownOrganisation" },
    });
    expect(await prisma.attendance.count({ where: { meetingId: { in: [s.meeting.id, cancelled.id] } } })).toBe(0);
  });

  test("a meeting of another network is not found", async () => {
    const s = await groupSetting();
    const other = await groupSetting();
    expect((await readAttendance(s, s.cookies.coordinator, other.meeting.id)).status).toBe(404);
  });
});
