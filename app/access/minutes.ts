// Rights on minutes and action items. Minutes are seen according to the visibility chosen at
// publication: "group" (coordinators, facilitators, delegates of the group's active member
// organisations), "network" (insiders) or "public"; unpublished minutes only by the group's
// readers, drafts only by their writers. The same rule for lists is minutes.server.ts
// (visibleMinutesWhere, visibleMinutesSql).
import { type Actor, isDelegateOf } from "./actor";
import { type GroupAccess, isMemberOrganisationDelegate } from "./group";

/** Writes the minutes (and their draft): the meeting's note-taker, or a manager of the group. */
export function canWriteMinutes(access: Pick<GroupAccess, "canManage">, meeting: { noteTakerId: string | null }, userId: string | null | undefined) {
  return access.canManage || (!!userId && meeting.noteTakerId === userId);
}

/** Approves, publishes, names the note-taker: the group's managers. */
export function canManageMinutes(access: Pick<GroupAccess, "canManage">) {
  return access.canManage;
}

/** Offers to take the notes: a delegate of an active member organisation of the group. */
export function canVolunteer(access: Pick<GroupAccess, "memberOrganisationIds">) {
  return isMemberOrganisationDelegate(access);
}

/** Comments on submitted minutes and reads the comments: the group's readers. */
export function canComment(access: Pick<GroupAccess, "isGroupReader">) {
  return access.isGroupReader;
}

/** May this reader see these published minutes? (One row: the detail page, the PDF.) */
export function canReadPublishedMinutes(visibility: string | null, access: Pick<GroupAccess, "isInsider" | "isGroupReader">) {
  if (visibility === "public") return true;
  if (visibility === "network") return access.isInsider || access.isGroupReader;
  return access.isGroupReader;
}

/**
 * May this reader see this version? Writers see everything; the group's readers see what was
 * submitted (not drafts being written); others only published (or superseded) versions whose
 * visibility lets them in.
 */
export function canReadVersion(
  version: { status: string; visibility: string | null },
  access: Pick<GroupAccess, "isGroupReader" | "isInsider">,
  mayWrite: boolean,
) {
  if (mayWrite) return true;
  if (access.isGroupReader) return version.status !== "draft";
  if (version.status !== "published" && version.status !== "superseded") return false;
  return canReadPublishedMinutes(version.visibility, access);
}

/** Sees an action item: the group's readers and the delegates of the organisation responsible. */
export function canSeeAction(actor: Actor | null, access: Pick<GroupAccess, "isGroupReader">, item: { organisationId: string | null }) {
  return access.isGroupReader || isDelegateOf(actor, item.organisationId);
}

/** Updates an action item's status: a delegate of the organisation responsible, or a manager of the group. */
export function canUpdateAction(actor: Actor | null, access: Pick<GroupAccess, "canManage">, item: { organisationId: string | null }) {
  return access.canManage || isDelegateOf(actor, item.organisationId);
}
