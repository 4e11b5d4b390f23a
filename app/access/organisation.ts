// Rights on an organisation of a network.
import { type Actor, isDelegateOf } from "./actor";
import { isCoordinator } from "./network";

/** Coordinators of the network edit any of its organisations; delegates edit their own. */
export function canEditOrganisation(actor: Actor | null, networkId: string, organisationId: string) {
  return isCoordinator(actor, networkId) || isDelegateOf(actor, organisationId);
}

/** Invites and removes an organisation's delegates: the network's coordinators. */
export function canManageDelegates(actor: Actor | null, networkId: string) {
  return isCoordinator(actor, networkId);
}
