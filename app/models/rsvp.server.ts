// Signed RSVP links: a participant answers from the e-mail without signing in. The token binds the
// meeting, the person and an expiry, signed with HMAC-SHA256 under the installation's secret
// (SESSION_SECRET, or the one it generated: env.server.ts, never a key known outside it); nothing
// is stored. Opening the link (GET) only shows the choice, because mail scanners open links; the
// answer is recorded by the form's POST, after the checks of checkRsvpToken.
import { createHmac, timingSafeEqual } from "node:crypto";

import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { getEnv } from "#app/utils/env.server";

/** A link stays valid this long after it was sent (and never after the meeting has ended). */
export const RSVP_LINK_DAYS = 120;

function sign(payload: string) {
  return createHmac("sha256", getEnv().sessionSecret).update(`rsvp:${payload}`).digest("base64url");
}

export function rsvpToken(meetingId: string, userId: string, expiresAt = new Date(now().getTime() + RSVP_LINK_DAYS * 86_400_000)) {
  const payload = Buffer.from(`${meetingId}:${userId}:${Math.floor(expiresAt.getTime() / 1000)}`).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export function rsvpUrl(meetingId: string, userId: string) {
  return `${getEnv().appUrl}/rsvp/${rsvpToken(meetingId, userId)}`;
}

export type RsvpTokenProblem = "tampered" | "expired" | "otherMeeting" | "notParticipant" | "cancelled" | "ended" | "otherPerson";

export type RsvpCheck = { ok: true; meetingId: string; userId: string } | { ok: false; problem: RsvpTokenProblem; meetingId?: string };

/** Reads a token: its signature, then its expiry. */
export function readRsvpToken(token: string): RsvpCheck {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return { ok: false, problem: "tampered" };
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, problem: "tampered" };
  const [meetingId, userId, exp, more] = Buffer.from(payload, "base64url").toString("utf8").split(":");
  if (!meetingId || !userId || !/^\d+$/.test(exp ?? "") || more !== undefined) return { ok: false, problem: "tampered" };
  if (Number(exp) * 1000 <= now().getTime()) return { ok: false, problem: "expired", meetingId };
  return { ok: true, meetingId, userId };
}

/**
 * Everything that must hold to answer with this token: a valid signature, not expired, the
 * meeting the form names (`expectedMeetingId`), the person signed in if any, a meeting still
 * scheduled and not over, and a person still among its participants.
 */
export async function checkRsvpToken(
  token: string,
  opts: { expectedMeetingId?: string | null; signedInUserId?: string | null; isInvited: (groupId: string, userId: string) => Promise<boolean> },
): Promise<RsvpCheck> {
  const read = readRsvpToken(token);
  if (!read.ok) return read;
  if (opts.expectedMeetingId != null && opts.expectedMeetingId !== read.meetingId) return { ok: false, problem: "otherMeeting", meetingId: read.meetingId };
  if (opts.signedInUserId && opts.signedInUserId !== read.userId) return { ok: false, problem: "otherPerson", meetingId: read.meetingId };
  const meeting = await prisma.meeting.findUnique({ where: { id: read.meetingId }, select: { groupId: true, status: true, endsAt: true } });
  if (!meeting) return { ok: false, problem: "tampered" };
  if (meeting.status === "cancelled") return { ok: false, problem: "cancelled", meetingId: read.meetingId };
  if (meeting.endsAt <= now()) return { ok: false, problem: "ended", meetingId: read.meetingId };
  if (!(await opts.isInvited(meeting.groupId, read.userId))) return { ok: false, problem: "notParticipant", meetingId: read.meetingId };
  return read;
}
