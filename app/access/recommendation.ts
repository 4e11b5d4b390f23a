// Rights on recommendations to public authorities (issue 13; records 014 and 015). A
// recommendation is carried by a working group: the group's readers (coordinators of the network,
// facilitators of the group, delegates of its active member organisations) write its text together
// while the group still writes it; the network's insiders read it and comment on it until it is
// sent. The group's facilitators (and the coordinators) move it through the group's steps; the
// comité d'accompagnement validates it or returns it (the coordinators, when the network has no
// comité); the coordinators keep the authorities' address book, send, record answers received on
// paper, and publish what the comité decided to publish.
import type { Actor } from "./actor";
import { isCommitteeMember } from "./assembly";
import type { GroupAccess } from "./group";
import { isCoordinator } from "./network";

/** The statuses in which the carrying group still writes the text. */
export const WRITABLE_RECOMMENDATION_STATUSES: readonly string[] = ["draft", "groupReview"];
/** The statuses in which the text is still discussed: comments are open. */
export const COMMENTABLE_RECOMMENDATION_STATUSES: readonly string[] = ["draft", "groupReview", "submitted"];
/** The statuses from which a validated text may be sent (again, to more authorities). */
export const SENDABLE_RECOMMENDATION_STATUSES: readonly string[] = ["validated", "sent"];

/** Writes the text live, names and restores versions: the carrying group's readers, while the group still writes it. */
export function canEditRecommendation(access: Pick<GroupAccess, "isGroupReader">, recommendation: { status: string }) {
  return access.isGroupReader && WRITABLE_RECOMMENDATION_STATUSES.includes(recommendation.status);
}

/** Reads the text (and follows it live, read-only): the network's insiders and the group's readers. */
export function canReadRecommendation(access: Pick<GroupAccess, "isGroupReader" | "isInsider">) {
  return access.isGroupReader || access.isInsider;
}

/** Starts a recommendation carried by the group: its readers (a working group starts it). */
export function canStartRecommendation(access: Pick<GroupAccess, "isGroupReader">) {
  return access.isGroupReader;
}

/** Comments on a passage, replies, resolves: whoever reads it, while the text is discussed. */
export function canCommentRecommendation(access: Pick<GroupAccess, "isGroupReader" | "isInsider">, recommendation: { status: string }) {
  return canReadRecommendation(access) && COMMENTABLE_RECOMMENDATION_STATUSES.includes(recommendation.status);
}

/**
 * Changes the title, theme and co-signing organisations, and moves the text through the group's
 * steps (to the group's review, back to draft, the group's agreement → submitted to the comité):
 * the group's facilitators and the coordinators, while the group still writes it.
 */
export function canSteerRecommendation(access: Pick<GroupAccess, "canManage">, recommendation: { status: string }) {
  return access.canManage && WRITABLE_RECOMMENDATION_STATUSES.includes(recommendation.status);
}

/**
 * Validates a submitted text or returns it with remarks: a member of the comité d'accompagnement
 * (a titular or substitute delegate of a seated organisation); a coordinator when the network has
 * no comité today.
 */
export function canDecideRecommendation(actor: Actor | null, networkId: string, seated: readonly string[], recommendation: { status: string }) {
  if (recommendation.status !== "submitted") return false;
  if (seated.length === 0) return isCoordinator(actor, networkId);
  return isCommitteeMember(actor, seated);
}

/** Sends the validated text to authorities (again, to more of them), revokes a link, records an answer received on paper, closes. */
export function canSendRecommendation(actor: Actor | null, networkId: string) {
  return isCoordinator(actor, networkId);
}

/** Publishes (or withdraws from the public page) a recommendation that left the group, as the comité decided. */
export function canPublishRecommendation(actor: Actor | null, networkId: string, recommendation: { status: string }) {
  return isCoordinator(actor, networkId) && ["validated", "sent", "closed"].includes(recommendation.status);
}

/** Sees to whom it was sent and what each authority did: the coordinators, the carrying group's readers, the comité. */
export function canFollowRecommendation(actor: Actor | null, access: Pick<GroupAccess, "isGroupReader">, seated: readonly string[]) {
  return access.isGroupReader || isCommitteeMember(actor, seated);
}

/** Keeps the network's address book of public authorities. */
export function canManageAuthorities(actor: Actor | null, networkId: string) {
  return isCoordinator(actor, networkId);
}
