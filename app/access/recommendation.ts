// Rights on recommendations to public authorities (issue 13; record 014). A recommendation is
// carried by a working group: the group's readers (coordinators of the network, facilitators of
// the group, delegates of its active member organisations) write its text together while it is
// being written; the network's insiders read it. Once it leaves the group (submitted to the comité,
// validated, sent), its text is frozen: everyone who may read it reads it.
import type { GroupAccess } from "./group";

/** The statuses in which the carrying group still writes the text. */
export const WRITABLE_RECOMMENDATION_STATUSES: readonly string[] = ["draft", "groupReview"];

/** Writes the text live: the carrying group's readers, while the group still writes it. */
export function canEditRecommendation(access: Pick<GroupAccess, "isGroupReader">, recommendation: { status: string }) {
  return access.isGroupReader && WRITABLE_RECOMMENDATION_STATUSES.includes(recommendation.status);
}

/** Reads the text (and follows it live, read-only): the network's insiders and the group's readers. */
export function canReadRecommendation(access: Pick<GroupAccess, "isGroupReader" | "isInsider">) {
  return access.isGroupReader || access.isInsider;
}
