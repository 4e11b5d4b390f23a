// The actor loaders: by request (cached per request) and by id (calendar feeds fetched without a
// session, jobs, the collaboration server, e-mail links: the rights are read again every time).
import { prisma } from "#app/utils/db.server";
import type { DelegateRole } from "#app/utils/domain";
import { oncePerRequest } from "#app/utils/request-scope.server";
import { getUserId, requireUserId } from "#app/utils/session.server";

import type { Actor } from "./actor";

export type { Actor } from "./actor";

const actorSelect = {
  id: true,
  name: true,
  email: true,
  locale: true,
  isPlatformAdmin: true,
  coordinations: { select: { networkId: true } },
  delegations: { select: { organisationId: true, role: true } },
} as const;

/** The person with their scoped roles, read by id, or null when there is no such person. */
export async function actorById(userId: string): Promise<Actor | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: actorSelect });
  if (!user) return null;
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    locale: user.locale,
    isPlatformAdmin: user.isPlatformAdmin,
    coordinatorOf: new Set(user.coordinations.map((c) => c.networkId)),
    delegateOf: new Map(user.delegations.map((d) => [d.organisationId, d.role as DelegateRole])),
  };
}

const cache = new WeakMap<Request, Promise<Actor | null>>();

/**
 * The signed-in person with their scoped roles, or null for a visitor. Cached per Request object
 * and, on a reading request, for the whole request (request-scope.server.ts).
 */
export function getActor(request: Request): Promise<Actor | null> {
  let found = cache.get(request);
  if (!found) {
    found = oncePerRequest(`actor:${request.headers.get("Cookie") ?? ""}`, async () => {
      const userId = await getUserId(request);
      return userId ? actorById(userId) : null;
    });
    cache.set(request, found);
  }
  return found;
}

/** Signed in, or redirected to /login (which brings the person back). */
export async function requireActor(request: Request): Promise<Actor> {
  await requireUserId(request);
  const actor = await getActor(request);
  if (!actor) await requireUserId(new Request(request.url)); // stale session: back to login
  return actor!;
}
