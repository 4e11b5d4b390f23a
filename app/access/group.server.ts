// The group facts that group.ts decides on, and which groups' inside a reader may read.
import { prisma } from "#app/utils/db.server";

import type { Actor } from "./actor";
import { type GroupAccess, groupAccessFrom, NO_GROUP_ACCESS } from "./group";
import { isCoordinator } from "./network";
import { isNetworkInsider } from "./network.server";

export type { GroupAccess } from "./group";

/** Is this person a facilitator of this group? */
export async function isFacilitatorOf(userId: string, groupId: string, db: Pick<typeof prisma, "groupFacilitator"> = prisma) {
  return !!(await db.groupFacilitator.findUnique({ where: { groupId_userId: { groupId, userId } }, select: { userId: true } }));
}

/** The reader's rights in the group (loads the facts, then group.ts decides). */
export async function groupAccess(actor: Actor | null, group: { id: string; networkId: string }): Promise<GroupAccess> {
  if (!actor) return NO_GROUP_ACCESS;
  const [isFacilitator, memberships, isInsider] = await Promise.all([
    isFacilitatorOf(actor.userId, group.id),
    actor.delegateOf.size
      ? prisma.groupMembership.findMany({
          where: { groupId: group.id, status: "active", organisationId: { in: [...actor.delegateOf.keys()] } },
          select: { organisationId: true },
        })
      : Promise.resolve([]),
    isNetworkInsider(actor, group.networkId),
  ]);
  return groupAccessFrom(actor, group.networkId, { isFacilitator, memberOrganisationIds: memberships.map((m) => m.organisationId), isInsider });
}

/**
 * The ids of the network's groups whose group-only content this person may read: all of them for
 * a coordinator, else those they facilitate or where one of their organisations is an active member.
 * (The same rule as GroupAccess.isGroupReader, for many groups at once.)
 */
export async function readableGroupIds(actor: Actor | null, networkId: string): Promise<string[]> {
  if (!actor) return [];
  if (isCoordinator(actor, networkId)) {
    return (await prisma.workingGroup.findMany({ where: { networkId }, select: { id: true } })).map((g) => g.id);
  }
  const groups = await prisma.workingGroup.findMany({
    where: {
      networkId,
      OR: [
        { facilitators: { some: { userId: actor.userId } } },
        ...(actor.delegateOf.size ? [{ memberships: { some: { status: "active", organisationId: { in: [...actor.delegateOf.keys()] } } } }] : []),
      ],
    },
    select: { id: true },
  });
  return groups.map((g) => g.id);
}

/** The network's groups (not archived) where this person may schedule a meeting, as a where-clause. */
export function managedGroupsWhere(actor: Actor, networkId: string) {
  return { networkId, archivedAt: null, ...(isCoordinator(actor, networkId) ? {} : { facilitators: { some: { userId: actor.userId } } }) };
}
