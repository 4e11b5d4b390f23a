// Which published minutes a reader may see, for lists: the same rule as minutes.ts
// (canReadPublishedMinutes), as a Prisma where-clause and as SQL for the full-text search. Keep
// the three together.
import { Prisma } from "#app/generated/prisma/client";

import type { Actor } from "./actor";
import { readableGroupIds } from "./group.server";
import { isNetworkInsider } from "./network.server";

/** What the rule needs: whether the reader is an insider of the network and the groups they read. */
export type MinutesReader = { insider: boolean; groupIds: string[] };

export async function minutesReader(actor: Actor | null, networkId: string): Promise<MinutesReader> {
  const [insider, groupIds] = await Promise.all([isNetworkInsider(actor, networkId), readableGroupIds(actor, networkId)]);
  return { insider, groupIds };
}

/** Published minutes of the network this person may read. */
export async function visibleMinutesWhere(actor: Actor | null, networkId: string): Promise<Prisma.MinutesWhereInput> {
  return visibleMinutesWhereFor(await minutesReader(actor, networkId), networkId);
}

export function visibleMinutesWhereFor(reader: MinutesReader, networkId: string): Prisma.MinutesWhereInput {
  return {
    status: "published",
    meeting: { group: { networkId } },
    OR: [
      { visibility: "public" },
      ...(reader.insider ? [{ visibility: "network" }] : []),
      ...(reader.groupIds.length ? [{ visibility: "group", meeting: { groupId: { in: reader.groupIds } } }] : []),
    ],
  };
}

/**
 * The same rule as visibleMinutesWhere, as a SQL condition on a "Minutes" row aliased `m` whose
 * meeting's group is aliased `g` (for the full-text search). Status and network are the caller's.
 */
export function visibleMinutesSql(reader: MinutesReader): Prisma.Sql {
  const parts = [Prisma.sql`m."visibility" = 'public'`];
  if (reader.insider) parts.push(Prisma.sql`m."visibility" = 'network'`);
  if (reader.groupIds.length) parts.push(Prisma.sql`(m."visibility" = 'group' AND g."id" IN (${Prisma.join(reader.groupIds)}))`);
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}
