// Placeholders of the calendar feeds, for the authorization matrix:
//   :publicFeedToken   the active public feed of :network (no owner)
//   :personFeedToken   an active "my meetings" feed of otherDelegate (facilitator of :group)
//   :revokedFeedToken  a revoked network feed of delegate
import { prisma } from "#app/utils/db.server";
import { randomToken } from "#app/utils/tokens.server";

import type { FixtureBase } from "./types";

export async function prepare(base: FixtureBase) {
  const [publicFeed, personFeed, revokedFeed] = await Promise.all([
    prisma.calendarFeed.create({ data: { token: randomToken(32), scope: "public", networkId: base.network.id } }),
    prisma.calendarFeed.create({ data: { token: randomToken(32), scope: "person", userId: base.users.otherDelegate } }),
    prisma.calendarFeed.create({
      data: { token: randomToken(32), scope: "network", userId: base.users.delegate, networkId: base.network.id, revokedAt: new Date() },
    }),
  ]);
  return { publicFeedToken: publicFeed.token, personFeedToken: personFeed.token, revokedFeedToken: revokedFeed.token };
}
