// Which live documents exist, and what a person may do with one now. A document's name says what
// it is the text of: "recommendation:<id>". The rights are the access module's; this only finds
// the facts they need.
import { actorById } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { groupAccess } from "#app/access/group.server";
import { prisma } from "#app/utils/db.server";

import type { CollabRole } from "./token.server";

export const recommendationDocument = (recommendationId: string) => `recommendation:${recommendationId}`;

/** "edit", "read", or null (no such document, or nothing for this person). */
export async function collabRoleOf(userId: string, documentName: string): Promise<CollabRole | null> {
  const match = /^recommendation:([a-z0-9]{1,40})$/.exec(documentName);
  if (!match) return null;
  const [actor, recommendation] = await Promise.all([
    actorById(userId),
    prisma.recommendation.findUnique({ where: { id: match[1] }, select: { status: true, group: { select: { id: true, networkId: true } } } }),
  ]);
  if (!actor || !recommendation) return null;
  const access = await groupAccess(actor, recommendation.group);
  if (can(actor, "recommendation.edit", { access, recommendation })) return "edit";
  if (can(actor, "recommendation.read", { access })) return "read";
  return null;
}
