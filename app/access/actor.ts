// Who is asking: the signed-in person with their scoped roles, as every rule of app/access reads
// them. Pure (no database): the loaders are in actor.server.ts. The next roles (comité member,
// voter, proxy holder) are added here as further scoped sets, and read only by app/access.
import type { DelegateRole } from "#app/utils/domain";

export type Actor = {
  userId: string;
  name: string;
  email: string;
  locale: string;
  isPlatformAdmin: boolean;
  coordinatorOf: Set<string>; // network ids
  delegateOf: Map<string, DelegateRole>; // organisation id → role
};

/** The organisations this person is a delegate of (any role), for the queries that list "mine". */
export function organisationIdsOf(actor: Actor | null): string[] {
  return actor ? [...actor.delegateOf.keys()] : [];
}

/** Is this person a delegate (any role) of this organisation? */
export function isDelegateOf(actor: Actor | null, organisationId: string | null | undefined) {
  return !!actor && !!organisationId && actor.delegateOf.has(organisationId);
}

/** Is this person a delegate of at least one organisation (whatever the network)? */
export function isDelegate(actor: Actor | null) {
  return !!actor && actor.delegateOf.size > 0;
}

/** Titular and substitute delegates commit their organisation (sign, are invited by default). */
export function isCommittingRole(role: string | null | undefined) {
  return role === "titular" || role === "substitute";
}

/** Platform administrator (creates networks, names their first coordinators). */
export function isPlatformAdmin(actor: Actor | null) {
  return !!actor?.isPlatformAdmin;
}
