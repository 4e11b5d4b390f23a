// The guards a protected loader or action starts with: signed in (requireActor), then allowed
// (requireCan, or the request-level helpers below), else a 403.
import { forbidden } from "#app/utils/errors.server";

import type { Actor } from "./actor";
import { requireActor } from "./actor.server";
import { can, type Capability, type Scopes } from "./can";
import { canEditOrganisation } from "./organisation";

/** Refuses with a 403 (and `message` when given) unless the actor may. */
export function requireCan<C extends Capability>(actor: Actor | null, capability: C, scope: Scopes[C], message?: string): asserts actor is Actor {
  if (!actor || !can(actor, capability, scope)) forbidden(message);
}

export async function requirePlatformAdmin(request: Request) {
  const actor = await requireActor(request);
  requireCan(actor, "platform.administer", {});
  return actor;
}

export async function requireCoordinator(request: Request, networkId: string) {
  const actor = await requireActor(request);
  requireCan(actor, "network.coordinate", { networkId });
  return actor;
}

export async function requireOrganisationEditor(request: Request, networkId: string, organisationId: string) {
  const actor = await requireActor(request);
  if (!canEditOrganisation(actor, networkId, organisationId)) forbidden();
  return actor;
}
