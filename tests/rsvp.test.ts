// RSVP from the e-mail link, without signing in: the link read from the real outbox row; opening it
// (GET) changes nothing; the POST records the answer. Misuse is refused with a page that says why:
// an expired link, an altered one (payload or signature), a link used for another meeting, a link
// opened while someone else is signed in, a person who is no longer a participant, a cancelled or
// past meeting.
import { createHmac } from "node:crypto";

import { afterEach, describe, expect, test } from "vitest";

import { cancelMeeting, scheduleMeeting } from "#app/models/meetings.server";
import { readRsvpToken, rsvpToken } from "#app/models/rsvp.server";
import { action, loader } from "#app/routes/rsvp.$token";
import { setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import {
  addGroupMember,
  createGroup,
  createNetwork,
  createOrganisation,
  createUser,
  makeDelegate,
  makeFacilitator,
  makeRequest,
  sessionCookie,
} from "#tests/factories";
import { call } from "#tests/route-call";

afterEach(async () => {
  setNow(undefined);
  await prisma.outboxEmail.deleteMany();
});

async function setup() {
  const network = await createNetwork();
  const group = await createGroup(network.id);
  const org = await createOrganisation(network.id);
  const delegate = await createUser();
  const colleague = await createUser();
  await makeDelegate(org.id, delegate.id);
  await makeDelegate(org.id, colleague.id);
  await addGroupMember(group.id, org.id, [delegate.id, colleague.id]);
  const facilitator = await createUser();
  await makeDelegate(org.id, facilitator.id, "staff");
  await makeFacilitator(group.id, facilitator.id);
  setNow(new Date("2027-01-01T08:00:00Z"));
  const meetings = await Promise.all(
    ["2027-01-20", "2027-01-27"].map((day) =>
      scheduleMeeting(group.id, facilitator.id, {
        title: "Réunion",
        day,
        startMinutes: 600,
        endMinutes: 720,
        place: "Salle 1",
        videoUrl: null,
        isPublic: false,
        proposalsDaysBefore: null,
        repeat: null,
      }),
    ),
  );
  return { network, group, org, delegate, colleague, facilitator, meetingId: meetings[0].meetingId, otherMeetingId: meetings[1].meetingId };
}

/** The RSVP link for this meeting as the person received it (both invitations share the clock's time). */
async function linkFromOutbox(email: string, meetingId: string) {
  const rows = await prisma.outboxEmail.findMany({ where: { to: email }, select: { text: true } });
  const tokens = rows.map((r) => /https?:\/\/\S+\/rsvp\/([\w-]+\.[\w-]+)/.exec(r.text)?.[1]).filter((t): t is string => !!t);
  const token = tokens.find((t) => {
    const read = readRsvpToken(t);
    return read.ok && read.meetingId === meetingId;
  });
  expect(token).toBeDefined();
  return token!;
}

const get = (token: string, cookie?: string) => call(loader, makeRequest(`/rsvp/${token}`, { cookie }), { token });
const post = (token: string, form: Record<string, string>, cookie?: string) =>
  call(action, makeRequest(`/rsvp/${token}`, { method: "POST", form, cookie }), { token });
const answers = (meetingId: string) => prisma.rsvp.findMany({ where: { meetingId }, select: { userId: true, response: true } });

describe("RSVP links", () => {
  test("the link from the e-mail shows the question without changing anything; the POST records the answer, and can change it", async () => {
    const { delegate, meetingId } = await setup();
    const token = await linkFromOutbox(delegate.email, meetingId);
    const page = await call(loader, makeRequest(`/rsvp/${token}?r=yes`), { token });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ refused: null, meeting: { id: meetingId }, preselected: "yes", current: null });
    expect(await answers(meetingId)).toEqual([]);

    const done = await post(token, { meeting: meetingId, response: "yes" });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/rsvp/${token}?answered=yes`);
    expect(await answers(meetingId)).toEqual([{ userId: delegate.id, response: "yes" }]);
    expect((await post(token, { meeting: meetingId, response: "no" })).status).toBe(302);
    expect(await answers(meetingId)).toEqual([{ userId: delegate.id, response: "no" }]);
    expect((await post(token, { meeting: meetingId, response: "sure" })).status).toBe(400);
    expect(await answers(meetingId)).toEqual([{ userId: delegate.id, response: "no" }]);
  });

  test("an expired link is refused (410) and records nothing", async () => {
    const { delegate, meetingId } = await setup();
    const token = rsvpToken(meetingId, delegate.id, new Date("2027-01-10T00:00:00Z"));
    expect((await get(token)).status).toBe(200);
    setNow(new Date("2027-01-10T00:00:01Z"));
    const refused = await get(token);
    expect(refused).toMatchObject({ status: 410, body: { refused: "expired" } });
    expect((await post(token, { meeting: meetingId, response: "yes" })).body).toEqual({ refused: "expired" });
    expect(await answers(meetingId)).toEqual([]);
  });

  test("an altered link is refused: another person's id in the payload, another meeting's id, a changed signature, garbage", async () => {
    const { delegate, colleague, meetingId, otherMeetingId } = await setup();
    const token = await linkFromOutbox(delegate.email, meetingId);
    const [payload, signature] = token.split(".");
    const [, , exp] = Buffer.from(payload, "base64url").toString().split(":");
    const forge = (meeting: string, user: string) => `${Buffer.from(`${meeting}:${user}:${exp}`).toString("base64url")}.${signature}`;
    for (const bad of [
      forge(meetingId, colleague.id),
      forge(otherMeetingId, delegate.id),
      `${payload}.${signature.slice(0, -2)}AA`,
      `${payload}.`,
      "nimporte-quoi",
      `${token}.x`,
    ]) {
      expect(readRsvpToken(bad)).toMatchObject({ ok: false, problem: "tampered" });
      expect(await get(bad)).toMatchObject({ status: 403, body: { refused: "tampered" } });
      expect((await post(bad, { meeting: meetingId, response: "yes" })).status).toBe(403);
    }
    expect(await answers(meetingId)).toEqual([]);
    expect(await answers(otherMeetingId)).toEqual([]);
  });

  // Issue 10, item 6: every installation without SESSION_SECRET used to sign with this public string.
  test("a link signed with the old public development secret is refused", async () => {
    const { delegate, meetingId } = await setup();
    const exp = Math.floor(new Date("2027-01-15T00:00:00Z").getTime() / 1000);
    const payload = Buffer.from(`${meetingId}:${delegate.id}:${exp}`).toString("base64url");
    const signature = createHmac("sha256", "maillage-development-secret-do-not-use-in-production").update(`rsvp:${payload}`).digest("base64url");
    const forged = `${payload}.${signature}`;
    expect(readRsvpToken(forged)).toMatchObject({ ok: false, problem: "tampered" });
    expect(await get(forged)).toMatchObject({ status: 403, body: { refused: "tampered" } });
    expect((await post(forged, { meeting: meetingId, response: "yes" })).status).toBe(403);
    expect(await answers(meetingId)).toEqual([]);
    // The same payload signed by this installation is accepted: only the key differs.
    expect(readRsvpToken(rsvpToken(meetingId, delegate.id, new Date(exp * 1000)))).toMatchObject({ ok: true, meetingId, userId: delegate.id });
  });

  test("a link used for another meeting than its own is refused", async () => {
    const { delegate, meetingId, otherMeetingId } = await setup();
    const token = await linkFromOutbox(delegate.email, meetingId);
    const refused = await post(token, { meeting: otherMeetingId, response: "yes" });
    expect(refused).toMatchObject({ status: 403, body: { refused: "otherMeeting" } });
    expect(await answers(meetingId)).toEqual([]);
    expect(await answers(otherMeetingId)).toEqual([]);
  });

  test("another person's link, opened while signed in as someone else, is refused", async () => {
    const { delegate, colleague, meetingId } = await setup();
    const token = await linkFromOutbox(delegate.email, meetingId);
    const cookie = await sessionCookie(colleague.id);
    expect(await get(token, cookie)).toMatchObject({ status: 403, body: { refused: "otherPerson" } });
    expect((await post(token, { meeting: meetingId, response: "yes" }, cookie)).body).toEqual({ refused: "otherPerson" });
    expect(await answers(meetingId)).toEqual([]);
    // Signed in as the right person, it works.
    expect((await post(token, { meeting: meetingId, response: "maybe" }, await sessionCookie(delegate.id))).status).toBe(302);
  });

  test("a person who is no longer a participant, a cancelled meeting and a past meeting are refused", async () => {
    const { group, org, delegate, colleague, facilitator, meetingId, otherMeetingId } = await setup();
    const token = await linkFromOutbox(delegate.email, meetingId);
    await prisma.groupParticipant.delete({ where: { groupId_organisationId_userId: { groupId: group.id, organisationId: org.id, userId: delegate.id } } });
    expect((await post(token, { meeting: meetingId, response: "yes" })).body).toEqual({ refused: "notParticipant" });
    // The organisation left the group: its people are no longer invited either.
    const colleagueToken = rsvpToken(meetingId, colleague.id);
    expect((await get(colleagueToken)).status).toBe(200);
    await prisma.groupMembership.update({ where: { groupId_organisationId: { groupId: group.id, organisationId: org.id } }, data: { status: "left" } });
    expect((await get(colleagueToken)).body).toEqual({ refused: "notParticipant" });
    await prisma.groupMembership.update({ where: { groupId_organisationId: { groupId: group.id, organisationId: org.id } }, data: { status: "active" } });

    await cancelMeeting(otherMeetingId, facilitator.id, "");
    expect(await get(rsvpToken(otherMeetingId, colleague.id))).toMatchObject({ status: 410, body: { refused: "cancelled" } });
    setNow(new Date("2027-01-20T12:00:00Z")); // 13:00 Brussels: the meeting ended at 12:00
    expect(await get(rsvpToken(meetingId, colleague.id))).toMatchObject({ status: 410, body: { refused: "ended" } });
    expect(await answers(meetingId)).toEqual([]);
  });
});
