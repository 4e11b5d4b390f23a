// Rights in a working group. The group itself (name, purpose, member organisations) is public,
// like the directory; coordinators of the network and facilitators of the group manage it
// (schedule, accept members, approve and publish minutes); delegates of its active member
// organisations read what is kept within the group.
//
// The facts these rules need (facilitator? which of my organisations are members? insider of the
// network?) are loaded once per request by group.server.ts (groupAccess) and passed in.
import { type Actor, isDelegateOf } from "./actor";
import { isCoordinator } from "./network";

export type GroupFacts = {
  isFacilitator: boolean;
  /** The reader's organisations that are active members of the group. */
  memberOrganisationIds: string[];
  /** Coordinator or delegate of an organisation of the network. */
  isInsider: boolean;
};

export type GroupAccess = {
  isCoordinator: boolean;
  isFacilitator: boolean;
  /** Coordinator of the network or facilitator of the group: schedules, accepts, approves. */
  canManage: boolean;
  /** The reader's organisations that are active members of the group. */
  memberOrganisationIds: string[];
  /** May read what is kept within the group (group-only minutes, drafts submitted for comment). */
  isGroupReader: boolean;
  /** Coordinator or delegate of an organisation of the network: sees the network's meetings. */
  isInsider: boolean;
};

export const NO_GROUP_ACCESS: GroupAccess = {
  isCoordinator: false,
  isFacilitator: false,
  canManage: false,
  memberOrganisationIds: [],
  isGroupReader: false,
  isInsider: false,
};

/** What this person may do in the group, from the loaded facts. */
export function groupAccessFrom(actor: Actor | null, networkId: string, facts: GroupFacts): GroupAccess {
  if (!actor) return NO_GROUP_ACCESS;
  const coordinator = isCoordinator(actor, networkId);
  return {
    isCoordinator: coordinator,
    isFacilitator: facts.isFacilitator,
    canManage: coordinator || facts.isFacilitator,
    memberOrganisationIds: facts.memberOrganisationIds,
    isGroupReader: coordinator || facts.isFacilitator || facts.memberOrganisationIds.length > 0,
    isInsider: facts.isInsider,
  };
}

/** A delegate of an active member organisation of the group (may volunteer to take the notes). */
export function isMemberOrganisationDelegate(access: Pick<GroupAccess, "memberOrganisationIds">) {
  return access.memberOrganisationIds.length > 0;
}

/**
 * The group's members page: its managers, and the delegates of the network's member organisations
 * (`organisationsHere`: how many of the reader's organisations belong to the network; they may join).
 */
export function canOpenMembersPage(access: Pick<GroupAccess, "canManage">, organisationsHere: number) {
  return access.canManage || organisationsHere > 0;
}

/** Creates, edits, archives a group, names its facilitators, removes a member: coordinators. */
export function canAdministerGroups(actor: Actor | null, networkId: string) {
  return isCoordinator(actor, networkId);
}

/** Changes an organisation's place in a group (join, leave, name its participants): its delegates and the network's coordinators. */
export function canActForOrganisation(actor: Actor | null, networkId: string, organisationId: string) {
  return isDelegateOf(actor, organisationId) || isCoordinator(actor, networkId);
}
