// The one place that answers "may this person do this here?". Rights are scoped: platform
// administrator; coordinator of a network; delegate (titular, substitute, staff) of an
// organisation. Every protected loader and action starts with one of the require… helpers.
import { prisma } from "./db.server";
import { getUserId, requireUserId } from "./session.server";
import type { DelegateRole } from "./domain";

export type Actor = {
  userId: string;
  name: string;
  email: string;
  locale: string;
  isPlatformAdmin: boolean;
  coordinatorOf: Set<string>; // network ids
  delegateOf: Map<string, DelegateRole>; // organisation id → role
};

const cache = new WeakMap<Request, Promise<Actor | null>>();

/** The signed-in person with their scoped roles, or null for a visitor. Cached per request. */
export function getActor(request: Request): Promise<Actor | null> {
  let found = cache.get(request);
  if (!found) {
    found = (async () => {
      const userId = await getUserId(request);
      if (!userId) return null;
      const user = await prisma.user.findUnique({
        where: { id: userId },
        select: {
          id: true,
          name: true,
          email: true,
          locale: true,
          isPlatformAdmin: true,
          coordinations: { select: { networkId: true } },
          delegations: { select: { organisationId: true, role: true } },
        },
      });
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
    })();
    cache.set(request, found);
  }
  return found;
}

export { forbidden, invariantResponse } from "./errors.server";
import { forbidden, invariantResponse } from "./errors.server";

/** Signed in, or redirected to /login (which brings the person back). */
export async function requireActor(request: Request): Promise<Actor> {
  await requireUserId(request);
  const actor = await getActor(request);
  if (!actor) await requireUserId(new Request(request.url)); // stale session: back to login
  return actor!;
}

export async function requirePlatformAdmin(request: Request) {
  const actor = await requireActor(request);
  if (!actor.isPlatformAdmin) forbidden();
  return actor;
}

export type NetworkRef = { id: string; slug: string; name: string };

/** The network named in the URL, or a 404. */
export async function requireNetwork(slug: string | undefined) {
  const network = slug
    ? await prisma.network.findUnique({
        where: { slug },
        select: { id: true, slug: true, name: true, description: true, themes: true, languages: true },
      })
    : null;
  invariantResponse(network, "error.notFound", 404);
  return network;
}

export function isCoordinator(actor: Actor | null, networkId: string) {
  return !!actor && (actor.isPlatformAdmin || actor.coordinatorOf.has(networkId));
}

export async function requireCoordinator(request: Request, networkId: string) {
  const actor = await requireActor(request);
  if (!isCoordinator(actor, networkId)) forbidden();
  return actor;
}

/** An organisation that belongs to the network, or a 404 (never leaks other networks' members). */
export async function requireNetworkOrganisation(networkId: string, orgSlug: string | undefined) {
  const org = orgSlug
    ? await prisma.organisation.findFirst({
        where: { slug: orgSlug, networks: { some: { networkId } } },
        select: { id: true, slug: true, name: true },
      })
    : null;
  invariantResponse(org, "error.notFound", 404);
  return org;
}

/** Coordinators of the network edit any of its organisations; delegates edit their own. */
export function canEditOrganisation(actor: Actor | null, networkId: string, organisationId: string) {
  if (!actor) return false;
  return isCoordinator(actor, networkId) || actor.delegateOf.has(organisationId);
}

export async function requireOrganisationEditor(request: Request, networkId: string, organisationId: string) {
  const actor = await requireActor(request);
  if (!canEditOrganisation(actor, networkId, organisationId)) forbidden();
  return actor;
}

/** Members-only fields: visible to coordinators and to delegates of any organisation of the network. */
export async function isNetworkInsider(actor: Actor | null, networkId: string) {
  if (!actor) return false;
  if (isCoordinator(actor, networkId)) return true;
  if (actor.delegateOf.size === 0) return false;
  const count = await prisma.networkOrganisation.count({
    where: { networkId, organisationId: { in: [...actor.delegateOf.keys()] } },
  });
  return count > 0;
}

export { getUserId };

// --- The charter ----------------------------------------------------------------------------------

/** Titular and substitute delegates commit their organisation: they sign the charter. */
export function canSignFor(actor: Actor | null, organisationId: string) {
  const role = actor?.delegateOf.get(organisationId);
  return role === "titular" || role === "substitute";
}

/** A scan of the paper charter is sent by a signing delegate or by a coordinator of the network. */
export function canUploadAdhesionFor(actor: Actor | null, networkId: string, organisationId: string) {
  return canSignFor(actor, organisationId) || isCoordinator(actor, networkId);
}

/** Only the titular delegate withdraws the organisation from the network. */
export function canWithdraw(actor: Actor | null, organisationId: string) {
  return actor?.delegateOf.get(organisationId) === "titular";
}

/** A scan holds signatures: the organisation's delegates and the network's coordinators only. */
export function canSeeAdhesionScan(actor: Actor | null, networkId: string, organisationId: string) {
  return isCoordinator(actor, networkId) || !!actor?.delegateOf.has(organisationId);
}

/** The organisations of the network for which this person may sign (none for a visitor). */
export async function organisationsSignableBy(actor: Actor | null, networkId: string) {
  if (!actor) return [];
  const ids = [...actor.delegateOf].filter(([, role]) => role === "titular" || role === "substitute").map(([id]) => id);
  if (!ids.length) return [];
  return prisma.organisation.findMany({
    where: { id: { in: ids }, networks: { some: { networkId } } },
    select: { id: true, slug: true, name: true, kind: true },
    orderBy: { name: "asc" },
  });
}
