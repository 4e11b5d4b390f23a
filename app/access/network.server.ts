// The facts about a network that the rules of network.ts need from the database.
import { prisma } from "#app/utils/db.server";

import type { Actor } from "./actor";
import { isCoordinator, isInsiderOf } from "./network";

/** Members-only fields and meetings: coordinators and delegates of any organisation of the network. */
export async function isNetworkInsider(actor: Actor | null, networkId: string) {
  if (!actor) return false;
  if (isCoordinator(actor, networkId)) return true;
  if (actor.delegateOf.size === 0) return false;
  const count = await prisma.networkOrganisation.count({
    where: { networkId, organisationId: { in: [...actor.delegateOf.keys()] } },
  });
  return isInsiderOf(actor, networkId, count > 0);
}

/** The networks where this person is an insider (calendar subscriptions), as a where-clause. */
export function insiderNetworksWhere(actor: Actor) {
  return {
    OR: [
      { id: { in: [...actor.coordinatorOf] } },
      ...(actor.delegateOf.size ? [{ organisations: { some: { organisationId: { in: [...actor.delegateOf.keys()] } } } }] : []),
    ],
  };
}

/** The organisations of the network this person is a delegate of (the "mine" of the network's pages). */
export async function organisationsInNetworkOf(actor: Actor | null, networkId: string) {
  if (!actor || actor.delegateOf.size === 0) return [];
  return prisma.organisation.findMany({
    where: { id: { in: [...actor.delegateOf.keys()] }, networks: { some: { networkId } } },
    select: { id: true, slug: true, name: true },
    orderBy: { name: "asc" },
  });
}
