import type { Prisma } from "#app/generated/prisma/client";

import type { Actor } from "./actor";
import { isNetworkInsider } from "./network.server";

/**
 * Meetings of the network this person may see (add your own date and group filters beside it):
 * insiders see them all, others the public ones. The single page uses the same clause.
 */
export async function visibleMeetingsWhere(actor: Actor | null, networkId: string): Promise<Prisma.MeetingWhereInput> {
  const insider = await isNetworkInsider(actor, networkId);
  return insider ? { group: { networkId } } : { group: { networkId }, isPublic: true };
}
