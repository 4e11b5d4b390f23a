// Rights on a meeting. Meetings are seen by the network's insiders and the group's readers; a
// meeting marked public by everyone (meeting.server.ts: visibleMeetingsWhere, the same rule for
// lists). Answering and proposing agenda items: the group's readers and the people invited.
import type { GroupAccess } from "./group";

type MeetingState = { status: string; endsAt: Date; proposalsUntil?: Date | null };

export function canSeeMeeting(access: Pick<GroupAccess, "isInsider" | "isGroupReader">, meeting: { isPublic: boolean }) {
  return access.isInsider || access.isGroupReader || meeting.isPublic;
}

/** Sees who answered and the insiders' details (video link, counts): insiders and group readers. */
export function canSeeMeetingDetails(access: Pick<GroupAccess, "isInsider" | "isGroupReader">) {
  return access.isInsider || access.isGroupReader;
}

/** Still open to answers: scheduled and not over. */
export function isOpen(meeting: MeetingState, at: Date) {
  return meeting.status === "scheduled" && meeting.endsAt > at;
}

/**
 * Takes part in the meeting (answers, proposes agenda items): a reader of the group or a person
 * invited (`invited`: among the meeting's participants, meetings.server.ts isInvited).
 */
export function canTakePartIn(access: Pick<GroupAccess, "isGroupReader">, invited: boolean) {
  return access.isGroupReader || invited;
}

/** Answers the invitation (yes / no / maybe): the people who take part, while it is open. */
export function canAnswerMeeting(access: Pick<GroupAccess, "isGroupReader">, invited: boolean, meeting: MeetingState, at: Date) {
  return isOpen(meeting, at) && canTakePartIn(access, invited);
}

/** Proposes an agenda item: the same people, while proposals are open. */
export function canProposeAgendaItem(access: Pick<GroupAccess, "isGroupReader">, invited: boolean, meeting: MeetingState, at: Date) {
  return canAnswerMeeting(access, invited, meeting, at) && !!meeting.proposalsUntil && meeting.proposalsUntil > at;
}

/** Schedules, edits, cancels a meeting, manages its agenda and proposals: the group's managers. */
export function canManageMeeting(access: Pick<GroupAccess, "canManage">) {
  return access.canManage;
}

/** Takes the register of the meeting: the group's managers and the note-taker. */
export function canTakeAttendance(access: Pick<GroupAccess, "canManage">, meeting: { noteTakerId: string | null }, userId: string | null | undefined) {
  return access.canManage || (!!userId && meeting.noteTakerId === userId);
}
