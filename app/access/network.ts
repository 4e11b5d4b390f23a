// Rights in a network: its coordinators (and the platform administrator) run it; its insiders
// (coordinators, delegates of its organisations) see what is kept within the network.
import type { Actor } from "./actor";

export function isCoordinator(actor: Actor | null, networkId: string) {
  return !!actor && (actor.isPlatformAdmin || actor.coordinatorOf.has(networkId));
}

/**
 * Insider of the network: a coordinator, or a delegate of one of its organisations. The second
 * fact needs the database (network.server.ts: isNetworkInsider); `delegatesHere` is that fact.
 */
export function isInsiderOf(actor: Actor | null, networkId: string, delegatesHere: boolean) {
  return isCoordinator(actor, networkId) || (!!actor && delegatesHere);
}

/** Signed in and a coordinator of the network or a delegate of any organisation: a member reader. */
export function isSignedInMember(actor: Actor | null, networkId: string) {
  return !!actor && (isCoordinator(actor, networkId) || actor.delegateOf.size > 0);
}
