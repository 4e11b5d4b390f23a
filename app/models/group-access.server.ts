// Who may do what in a working group, and which meetings and minutes a reader may see. Every group
// route and every list of meetings or minutes (calendar, feeds, search, group page) asks here, so
// that the rules are written once:
//
// - the group itself (name, purpose, member organisations) is public, like the directory;
// - meetings are seen by network insiders (coordinators, delegates of the network's organisations);
//   a meeting marked public is seen by everyone;
// - minutes are seen according to the visibility chosen at publication: "group" (coordinators,
//   facilitators, delegates of the group's active member organisations), "network" (insiders) or
//   "public"; unpublished minutes only by the group's readers;
// - coordinators of the network and facilitators of the group manage it (schedule, accept members,
//   approve and publish minutes).
import { Prisma } from "#app/generated/prisma/client";
import { prisma } from "#app/utils/db.server";
import { invariantResponse, isCoordinator, isNetworkInsider, type Actor } from "#app/utils/permissions.server";

export type GroupRef = { id: string; slug: string; name: string; networkId: string; joinPolicy: string; archivedAt: Date | null };

/** The group named in the URL, in this network, or a 404. */
export async function requireGroup(networkId: string, slug: string | undefined): Promise<GroupRef> {
  const group = slug
    ? await prisma.workingGroup.findUnique({
        where: { networkId_slug: { networkId, slug } },
        select: { id: true, slug: true, name: true, networkId: true, joinPolicy: true, archivedAt: true },
      })
    : null;
  invariantResponse(group, "error.notFound", 404);
  return group;
}

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

export async function groupAccess(actor: Actor | null, group: { id: string; networkId: string }): Promise<GroupAccess> {
  const coordinator = isCoordinator(actor, group.networkId);
  if (!actor) return { isCoordinator: false, isFacilitator: false, canManage: false, memberOrganisationIds: [], isGroupReader: false, isInsider: false };
  const [facilitator, memberships, insider] = await Promise.all([
    prisma.groupFacilitator.findUnique({ where: { groupId_userId: { groupId: group.id, userId: actor.userId } }, select: { userId: true } }),
    actor.delegateOf.size
      ? prisma.groupMembership.findMany({
          where: { groupId: group.id, status: "active", organisationId: { in: [...actor.delegateOf.keys()] } },
          select: { organisationId: true },
        })
      : Promise.resolve([]),
    isNetworkInsider(actor, group.networkId),
  ]);
  const isFacilitator = !!facilitator;
  const memberOrganisationIds = memberships.map((m) => m.organisationId);
  return {
    isCoordinator: coordinator,
    isFacilitator,
    canManage: coordinator || isFacilitator,
    memberOrganisationIds,
    isGroupReader: coordinator || isFacilitator || memberOrganisationIds.length > 0,
    isInsider: insider,
  };
}

/**
 * The ids of the network's groups whose group-only content this person may read: all of them for
 * a coordinator, else those they facilitate or where one of their organisations is an active member.
 */
export async function readableGroupIds(actor: Actor | null, networkId: string): Promise<string[]> {
  if (!actor) return [];
  if (isCoordinator(actor, networkId)) {
    return (await prisma.workingGroup.findMany({ where: { networkId }, select: { id: true } })).map((g) => g.id);
  }
  const groups = await prisma.workingGroup.findMany({
    where: {
      networkId,
      OR: [
        { facilitators: { some: { userId: actor.userId } } },
        ...(actor.delegateOf.size ? [{ memberships: { some: { status: "active", organisationId: { in: [...actor.delegateOf.keys()] } } } }] : []),
      ],
    },
    select: { id: true },
  });
  return groups.map((g) => g.id);
}

/** Meetings of the network this person may see (add your own date and group filters beside it). */
export async function visibleMeetingsWhere(actor: Actor | null, networkId: string): Promise<Prisma.MeetingWhereInput> {
  const insider = await isNetworkInsider(actor, networkId);
  return insider ? { group: { networkId } } : { group: { networkId }, isPublic: true };
}

/**
 * Published minutes of the network this person may read. The same rule in SQL, for the full-text
 * search, is `visibleMinutesSql` below: keep them together.
 */
export async function visibleMinutesWhere(actor: Actor | null, networkId: string): Promise<Prisma.MinutesWhereInput> {
  const { insider, groupIds } = await minutesReader(actor, networkId);
  return {
    status: "published",
    meeting: { group: { networkId } },
    OR: [
      { visibility: "public" },
      ...(insider ? [{ visibility: "network" }] : []),
      ...(groupIds.length ? [{ visibility: "group", meeting: { groupId: { in: groupIds } } }] : []),
    ],
  };
}

/** What visibleMinutesWhere needs, for raw SQL: whether the reader is an insider and their groups. */
export async function minutesReader(actor: Actor | null, networkId: string) {
  const [insider, groupIds] = await Promise.all([isNetworkInsider(actor, networkId), readableGroupIds(actor, networkId)]);
  return { insider, groupIds };
}

/**
 * The same rule as visibleMinutesWhere, as a SQL condition on a "Minutes" row aliased `m` whose
 * meeting's group is aliased `g` (for the full-text search). Status and network are the caller's.
 */
export function visibleMinutesSql(reader: { insider: boolean; groupIds: string[] }): Prisma.Sql {
  const parts = [Prisma.sql`m."visibility" = 'public'`];
  if (reader.insider) parts.push(Prisma.sql`m."visibility" = 'network'`);
  if (reader.groupIds.length) parts.push(Prisma.sql`(m."visibility" = 'group' AND g."id" IN (${Prisma.join(reader.groupIds)}))`);
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}

/** May this reader see these published minutes? (One row: the detail page, the PDF.) */
export function canReadPublishedMinutes(visibility: string | null, access: Pick<GroupAccess, "isInsider" | "isGroupReader">) {
  if (visibility === "public") return true;
  if (visibility === "network") return access.isInsider || access.isGroupReader;
  return access.isGroupReader;
}
