// Rights on the charter and the adhesions of a network.
import { type Actor, isCommittingRole, isDelegateOf } from "./actor";
import { isCoordinator } from "./network";

/** Titular and substitute delegates commit their organisation: they sign the charter. */
export function canSignFor(actor: Actor | null, organisationId: string) {
  return isCommittingRole(actor?.delegateOf.get(organisationId));
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
  return isCoordinator(actor, networkId) || isDelegateOf(actor, organisationId);
}

/** Drafts of the charter (writing, editing, publishing a version): the network's coordinators. */
export function canEditCharter(actor: Actor | null, networkId: string) {
  return isCoordinator(actor, networkId);
}

/** The organisation ids for which this person may sign (see charter.server.ts for the network's). */
export function signableOrganisationIds(actor: Actor | null) {
  return actor ? [...actor.delegateOf].filter(([, role]) => isCommittingRole(role)).map(([id]) => id) : [];
}
