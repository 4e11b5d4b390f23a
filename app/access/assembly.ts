// Rights in general assemblies, votes and the comité d'accompagnement (docs/decisions/013). Pure:
// the facts (is the organisation on the roll? which organisations sit on the comité?) come from
// assembly.server.ts. An organisation acts through its titular delegate or, failing them, its
// substitute: both may check it in and vote for it (its entitlement takes one ballot only, so the
// first to vote votes); only the titular gives its vote to another organisation.
import { type Actor, isCommittingRole } from "./actor";
import { isCoordinator, isInsiderOf } from "./network";

/** Statutes, convocation, the desk, polls and the comité's seats: the network's coordinators. */
export function canRunAssemblies(actor: Actor | null, networkId: string) {
  return isCoordinator(actor, networkId);
}

/**
 * Sees one assembly, its documents with it: the network's insiders (coordinators, delegates of
 * its organisations), and while it is a draft the coordinators alone (their work in progress).
 */
export function canSeeAssembly(actor: Actor | null, networkId: string, delegatesHere: boolean, status: string) {
  return isInsiderOf(actor, networkId, delegatesHere) && (status !== "draft" || canRunAssemblies(actor, networkId));
}

/** Keeps the desk of one assembly (checks organisations in and out): its coordinators, and the people they named to it. */
export function canKeepDesk(actor: Actor | null, networkId: string, namedToDesk: boolean) {
  return canRunAssemblies(actor, networkId) || (!!actor && namedToDesk);
}

/** Speaks for an organisation of the roll in the assembly: checks it in, votes for it (and for those it represents). */
export function canActInAssemblyFor(actor: Actor | null, organisationId: string, onRoll: boolean) {
  return onRoll && isCommittingRole(actor?.delegateOf.get(organisationId));
}

/** Gives the organisation's vote to another: its titular delegate, the organisation being on the roll. */
export function canGiveProxyFor(actor: Actor | null, organisationId: string, onRoll: boolean) {
  return onRoll && actor?.delegateOf.get(organisationId) === "titular";
}

/** A comité member: a titular or substitute delegate of an organisation seated on the comité. */
export function isCommitteeMember(actor: Actor | null, seatedOrganisationIds: readonly string[]) {
  return !!actor && seatedOrganisationIds.some((id) => isCommittingRole(actor.delegateOf.get(id)));
}

/** An election's candidacies as the rule reads them: open while a draft, until the deadline if there is one. */
export type CandidacyWindow = { kind: string; status: string; candidaciesUntil: Date | null };

/**
 * Declares or withdraws its own organisation's candidacy in an election: the titular delegate of
 * an organisation on the roll, while the poll is a draft and before its deadline (no deadline:
 * until the poll is ready). The coordinators enter candidates under poll.manage.
 */
export function canDeclareCandidacy(actor: Actor | null, organisationId: string, onRoll: boolean, poll: CandidacyWindow, at: Date) {
  return (
    canGiveProxyFor(actor, organisationId, onRoll) &&
    poll.kind === "election" &&
    poll.status === "draft" &&
    (!poll.candidaciesUntil || +poll.candidaciesUntil > +at)
  );
}
