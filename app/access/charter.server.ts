import { prisma } from "#app/utils/db.server";

import type { Actor } from "./actor";
import { signableOrganisationIds } from "./charter";

/** The organisations of the network for which this person may sign (none for a visitor). */
export async function organisationsSignableBy(actor: Actor | null, networkId: string) {
  const ids = signableOrganisationIds(actor);
  if (!ids.length) return [];
  return prisma.organisation.findMany({
    where: { id: { in: ids }, networks: { some: { networkId } } },
    select: { id: true, slug: true, name: true, kind: true },
    orderBy: { name: "asc" },
  });
}
