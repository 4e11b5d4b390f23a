// Working groups: what a coordinator sets up (the group, its facilitators, its archive) and how
// member organisations take part (join an open group, ask to join a group "on request", leave,
// name which of their people take part). Rules kept here, checked on every call whatever the page:
//
// - only organisations that are members of the network by the charter (member or still within
//   their renewal time, `isMember`) join or ask to join, and only through one of their delegates;
// - facilitators are delegates of member organisations, named by a coordinator;
// - a request is decided once (conditional update on status "pending"), by a coordinator or a
//   facilitator of the group, and the organisation's delegates are told by e-mail;
// - the people who take part for an organisation are its delegates, nobody else;
// - an archived group takes no new members.
// Every change is written to the audit log in the transaction that makes it.
import { type Actor, isDelegateOf, organisationIdsOf } from "#app/access/actor";
import { can } from "#app/access/can";
import { groupAccess, isFacilitatorOf } from "#app/access/group.server";
import type { Prisma } from "#app/generated/prisma/client";
import { isMember, membershipStatuses } from "#app/models/adhesion.server";
import { audit, diff } from "#app/utils/audit.server";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { type GroupJoinPolicy, RESERVED_SLUGS, slugify } from "#app/utils/domain";
import { emailLayout, sendEmail } from "#app/utils/email.server";
import { getEnv } from "#app/utils/env.server";
import { invalid, notFound, refused } from "#app/utils/errors.server";
import { isLocale, makeT } from "#app/utils/i18n";
import { groupUrl } from "#app/utils/paths";

type Tx = Prisma.TransactionClient;

export type GroupInput = { name: string; theme: string; description: string; joinPolicy: GroupJoinPolicy };
type GroupRow = { id: string; slug: string; name: string; networkId: string; joinPolicy: string; archivedAt: Date | null };
type NetworkRow = { id: string; slug: string; name: string };

const groupSelect = {
  id: true,
  slug: true,
  name: true,
  theme: true,
  description: true,
  joinPolicy: true,
  archivedAt: true,
} satisfies Prisma.WorkingGroupSelect;

/** "Petite enfance" → "petite-enfance", then "petite-enfance-2"… within the network. */
async function uniqueGroupSlug(tx: Tx, networkId: string, name: string) {
  const base = slugify(name) || "groupe";
  const taken = new Set((await tx.workingGroup.findMany({ where: { networkId, slug: { startsWith: base } }, select: { slug: true } })).map((g) => g.slug));
  // "new" would be shadowed by /:network/groups/new.
  if (!taken.has(base) && !RESERVED_SLUGS.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

async function nameTaken(tx: Tx, networkId: string, name: string, exceptId?: string) {
  const same = await tx.workingGroup.findFirst({
    where: { networkId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  return !!same;
}

function requireCoordinatorOf(actor: Actor, networkId: string) {
  if (!can(actor, "group.administer", { networkId })) throw refused();
}

// --- The group itself (coordinators) -------------------------------------------------------------

export async function createGroup(networkId: string, actor: Actor, input: GroupInput) {
  requireCoordinatorOf(actor, networkId);
  return transaction(async (tx) => {
    if (await nameTaken(tx, networkId, input.name)) throw invalid("groups.error.nameTaken", "name");
    const slug = await uniqueGroupSlug(tx, networkId, input.name);
    const group = await tx.workingGroup.create({ data: { networkId, slug, ...input }, select: groupSelect });
    await audit(tx, { networkId, actorId: actor.userId, action: "group.create", entityType: "workingGroup", entityId: group.id, after: group });
    return group;
  });
}

/** Changes name, theme, description, join policy. The address (slug) stays, so links keep working. */
export async function updateGroup(group: GroupRow, actor: Actor, input: GroupInput) {
  requireCoordinatorOf(actor, group.networkId);
  return transaction(async (tx) => {
    if (await nameTaken(tx, group.networkId, input.name, group.id)) throw invalid("groups.error.nameTaken", "name");
    const before = await tx.workingGroup.findUniqueOrThrow({ where: { id: group.id }, select: groupSelect });
    const after = await tx.workingGroup.update({ where: { id: group.id }, data: input, select: groupSelect });
    const change = diff(before as Record<string, unknown>, after as Record<string, unknown>);
    if (change.changed) {
      await audit(tx, {
        networkId: group.networkId,
        actorId: actor.userId,
        action: "group.update",
        entityType: "workingGroup",
        entityId: group.id,
        before: change.before,
        after: change.after,
      });
    }
    return after;
  });
}

/** Archives (or brings back) a group: its history stays readable, it takes no new members. */
export async function setArchived(group: GroupRow, actor: Actor, archived: boolean) {
  requireCoordinatorOf(actor, group.networkId);
  return transaction(async (tx) => {
    const changed = await tx.workingGroup.updateMany({
      where: { id: group.id, archivedAt: archived ? null : { not: null } },
      data: { archivedAt: archived ? now() : null },
    });
    if (changed.count === 0) throw invalid(archived ? "groups.error.alreadyArchived" : "groups.error.notArchived");
    await audit(tx, {
      networkId: group.networkId,
      actorId: actor.userId,
      action: archived ? "group.archive" : "group.unarchive",
      entityType: "workingGroup",
      entityId: group.id,
    });
  });
}

// --- Facilitators --------------------------------------------------------------------------------

/** Organisations of the network that are members by the charter today, among the given ids (all when omitted). */
export async function memberOrganisationIds(networkId: string, organisationIds?: string[]) {
  const ids =
    organisationIds ?? (await prisma.networkOrganisation.findMany({ where: { networkId }, select: { organisationId: true } })).map((o) => o.organisationId);
  const inNetwork = organisationIds
    ? new Set(
        (await prisma.networkOrganisation.findMany({ where: { networkId, organisationId: { in: ids } }, select: { organisationId: true } })).map(
          (o) => o.organisationId,
        ),
      )
    : new Set(ids);
  const statuses = await membershipStatuses(networkId, [...inNetwork]);
  return new Set([...statuses].filter(([, s]) => isMember(s)).map(([id]) => id));
}

/** People a coordinator may name facilitator: delegates of the network's member organisations. */
export async function facilitatorCandidates(networkId: string) {
  const members = await memberOrganisationIds(networkId);
  if (!members.size) return [];
  const delegates = await prisma.delegate.findMany({
    where: { organisationId: { in: [...members] } },
    select: { user: { select: { id: true, name: true } }, organisation: { select: { name: true } } },
    orderBy: [{ user: { name: "asc" } }],
  });
  const byUser = new Map<string, { id: string; name: string; organisations: string[] }>();
  for (const d of delegates) {
    const entry = byUser.get(d.user.id) ?? { id: d.user.id, name: d.user.name, organisations: [] };
    entry.organisations.push(d.organisation.name);
    byUser.set(d.user.id, entry);
  }
  return [...byUser.values()];
}

export async function addFacilitator(group: GroupRow, actor: Actor, userId: string) {
  requireCoordinatorOf(actor, group.networkId);
  const delegations = await prisma.delegate.findMany({ where: { userId }, select: { organisationId: true } });
  const members = await memberOrganisationIds(
    group.networkId,
    delegations.map((d) => d.organisationId),
  );
  if (!members.size) throw invalid("groups.error.facilitatorNotDelegate", "userId");
  return transaction(async (tx) => {
    if (await isFacilitatorOf(userId, group.id, tx)) throw invalid("groups.error.alreadyFacilitator", "userId");
    await tx.groupFacilitator.create({ data: { groupId: group.id, userId } });
    await audit(tx, {
      networkId: group.networkId,
      actorId: actor.userId,
      action: "group.facilitator.add",
      entityType: "workingGroup",
      entityId: group.id,
      after: { userId },
    });
  });
}

export async function removeFacilitator(group: GroupRow, actor: Actor, userId: string) {
  requireCoordinatorOf(actor, group.networkId);
  return transaction(async (tx) => {
    const removed = await tx.groupFacilitator.deleteMany({ where: { groupId: group.id, userId } });
    if (removed.count === 0) throw invalid("groups.error.notFacilitator", "userId");
    await audit(tx, {
      networkId: group.networkId,
      actorId: actor.userId,
      action: "group.facilitator.remove",
      entityType: "workingGroup",
      entityId: group.id,
      before: { userId },
    });
  });
}

// --- Membership ----------------------------------------------------------------------------------

const appUrl = () => getEnv().appUrl;
const localeOf = (value: string | null | undefined) => (isLocale(value) ? value : "fr");

/** The reader's organisations in this network that are members by the charter, with their status in the group. */
export async function organisationsOfActor(actor: Actor | null, group: { id: string; networkId: string }) {
  const ids = organisationIdsOf(actor);
  if (ids.length === 0) return [];
  const orgs = await prisma.organisation.findMany({
    where: { id: { in: ids }, networks: { some: { networkId: group.networkId } } },
    select: {
      id: true,
      slug: true,
      name: true,
      groupMemberships: { where: { groupId: group.id }, select: { status: true } },
    },
    orderBy: { name: "asc" },
  });
  const statuses = await membershipStatuses(
    group.networkId,
    orgs.map((o) => o.id),
  );
  return orgs.map((o) => ({
    id: o.id,
    slug: o.slug,
    name: o.name,
    isMember: isMember(statuses.get(o.id)!),
    groupStatus: (o.groupMemberships[0]?.status ?? null) as string | null,
  }));
}

/** The actor must be a delegate of an organisation of the network that is a member by the charter. */
async function requireMemberDelegate(actor: Actor, networkId: string, organisationId: string) {
  if (!isDelegateOf(actor, organisationId)) throw invalid("groups.error.notDelegate", "organisation");
  const members = await memberOrganisationIds(networkId, [organisationId]);
  if (!members.has(organisationId)) throw invalid("groups.error.notMember", "organisation");
}

/**
 * Joins an open group (active at once), or asks to join a group "on request" (pending; the
 * facilitators, or the coordinators when it has none, are told). The delegate who joins takes
 * part for the organisation until it names others. Returns the new status.
 */
export async function joinGroup(network: NetworkRow, group: GroupRow, actor: Actor, organisationId: string): Promise<"active" | "pending"> {
  if (group.archivedAt) throw invalid("groups.error.archived");
  await requireMemberDelegate(actor, network.id, organisationId);
  const status = group.joinPolicy === "open" ? "active" : "pending";
  return transaction(async (tx) => {
    const existing = await tx.groupMembership.findUnique({
      where: { groupId_organisationId: { groupId: group.id, organisationId } },
      select: { status: true },
    });
    if (existing?.status === "active") throw invalid("groups.error.alreadyMember", "organisation");
    if (existing?.status === "pending") throw invalid("groups.error.alreadyPending", "organisation");
    const data = { status, requestedById: actor.userId, decidedById: null, decidedAt: status === "active" ? now() : null };
    if (existing) {
      // Left or declined before: a new request or a new membership, on the same row (history is in the audit log).
      const claimed = await tx.groupMembership.updateMany({ where: { groupId: group.id, organisationId, status: existing.status }, data });
      if (claimed.count !== 1) throw invalid("groups.error.changedMeanwhile");
    } else {
      // Two delegates (or one double click) joining at once both find no row: the second insert
      // waits for the first, then does nothing, and is told the organisation is already in.
      const created = await tx.groupMembership.createMany({ data: [{ groupId: group.id, organisationId, ...data }], skipDuplicates: true });
      if (created.count !== 1) throw invalid(status === "active" ? "groups.error.alreadyMember" : "groups.error.alreadyPending", "organisation");
    }
    if (status === "active") {
      await tx.groupParticipant.createMany({ data: [{ groupId: group.id, organisationId, userId: actor.userId }], skipDuplicates: true });
    } else {
      await notifyManagersOfRequest(tx, network, group, organisationId);
    }
    await audit(tx, {
      networkId: network.id,
      actorId: actor.userId,
      action: status === "active" ? "group.join" : "group.request",
      entityType: "workingGroup",
      entityId: group.id,
      after: { organisationId, status },
    });
    return status;
  });
}

async function notifyManagersOfRequest(tx: Tx, network: NetworkRow, group: GroupRow, organisationId: string) {
  const org = await tx.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { name: true } });
  const facilitators = await tx.groupFacilitator.findMany({ where: { groupId: group.id }, select: { user: { select: { email: true, locale: true } } } });
  const recipients = facilitators.length
    ? facilitators.map((f) => f.user)
    : (await tx.networkCoordinator.findMany({ where: { networkId: network.id }, select: { user: { select: { email: true, locale: true } } } })).map(
        (c) => c.user,
      );
  const url = groupUrl(appUrl(), { networkSlug: network.slug, groupSlug: group.slug }, "members");
  for (const user of recipients) {
    const t = makeT(localeOf(user.locale));
    const vars = { network: network.name, group: group.name, organisation: org.name };
    const body = emailLayout({
      title: t("groups.email.request.title", vars),
      paragraphs: [t("groups.email.request.body", vars)],
      action: { label: t("groups.email.request.action"), url },
    });
    await sendEmail({ to: user.email, subject: t("groups.email.request.subject", vars), networkId: network.id, ...body }, tx);
  }
}

/**
 * A coordinator or a facilitator accepts or declines a pending request, once. The organisation's
 * delegates are told by e-mail; on acceptance the person who asked takes part (if still a delegate).
 */
export async function decideRequest(network: NetworkRow, group: GroupRow, actor: Actor, organisationId: string, accept: boolean) {
  await requireManager(actor, group);
  if (accept && group.archivedAt) throw invalid("groups.error.archived");
  return transaction(async (tx) => {
    const claimed = await tx.groupMembership.updateMany({
      where: { groupId: group.id, organisationId, status: "pending" },
      data: { status: accept ? "active" : "declined", decidedById: actor.userId, decidedAt: now() },
    });
    if (claimed.count !== 1) throw invalid("groups.error.notPending");
    const membership = await tx.groupMembership.findUniqueOrThrow({
      where: { groupId_organisationId: { groupId: group.id, organisationId } },
      select: { requestedById: true },
    });
    const org = await tx.organisation.findUniqueOrThrow({
      where: { id: organisationId },
      select: { name: true, delegates: { select: { userId: true, user: { select: { email: true, locale: true } } } } },
    });
    if (accept && membership.requestedById && org.delegates.some((d) => d.userId === membership.requestedById)) {
      await tx.groupParticipant.createMany({ data: [{ groupId: group.id, organisationId, userId: membership.requestedById }], skipDuplicates: true });
    }
    const url = groupUrl(appUrl(), { networkSlug: network.slug, groupSlug: group.slug });
    const which = accept ? "accepted" : "declined";
    for (const { user } of org.delegates) {
      const t = makeT(localeOf(user.locale));
      const vars = { network: network.name, group: group.name, organisation: org.name };
      const body = emailLayout({
        title: t(`groups.email.${which}.title`, vars),
        paragraphs: [t(`groups.email.${which}.body`, vars)],
        action: { label: t("groups.email.open"), url },
      });
      await sendEmail({ to: user.email, subject: t(`groups.email.${which}.subject`, vars), networkId: network.id, ...body }, tx);
    }
    await audit(tx, {
      networkId: network.id,
      actorId: actor.userId,
      action: accept ? "group.accept" : "group.decline",
      entityType: "workingGroup",
      entityId: group.id,
      after: { organisationId },
    });
  });
}

async function requireManager(actor: Actor, group: GroupRow) {
  if (!can(actor, "group.manage", { access: await groupAccess(actor, group) })) throw refused();
}

/** May change this organisation's place in the group: its delegates, and the network's coordinators. */
function requireOrganisationSide(actor: Actor, networkId: string, organisationId: string) {
  if (!can(actor, "group.actForOrganisation", { networkId, organisationId })) throw invalid("groups.error.notDelegate", "organisation");
}

/** Leaves the group (or withdraws a pending request). Its people no longer take part. */
export async function leaveGroup(group: GroupRow, actor: Actor, organisationId: string) {
  requireOrganisationSide(actor, group.networkId, organisationId);
  return transaction(async (tx) => {
    const left = await tx.groupMembership.updateMany({
      where: { groupId: group.id, organisationId, status: { in: ["active", "pending"] } },
      data: { status: "left", decidedById: actor.userId, decidedAt: now() },
    });
    if (left.count !== 1) throw invalid("groups.error.notInGroup", "organisation");
    await tx.groupParticipant.deleteMany({ where: { groupId: group.id, organisationId } });
    await audit(tx, {
      networkId: group.networkId,
      actorId: actor.userId,
      action: "group.leave",
      entityType: "workingGroup",
      entityId: group.id,
      after: { organisationId },
    });
  });
}

/** Names the people who take part for an organisation that is an active member: only its delegates. */
export async function setParticipants(group: GroupRow, actor: Actor, organisationId: string, userIds: string[]) {
  requireOrganisationSide(actor, group.networkId, organisationId);
  const wanted = [...new Set(userIds)];
  return transaction(async (tx) => {
    const membership = await tx.groupMembership.findUnique({
      where: { groupId_organisationId: { groupId: group.id, organisationId } },
      select: { status: true },
    });
    if (membership?.status !== "active") throw invalid("groups.error.notInGroup", "organisation");
    const delegates = new Set((await tx.delegate.findMany({ where: { organisationId }, select: { userId: true } })).map((d) => d.userId));
    if (wanted.some((id) => !delegates.has(id))) throw invalid("groups.error.participantNotDelegate", "participants");
    const before = (await tx.groupParticipant.findMany({ where: { groupId: group.id, organisationId }, select: { userId: true } })).map((p) => p.userId).sort();
    await tx.groupParticipant.deleteMany({ where: { groupId: group.id, organisationId, userId: { notIn: wanted } } });
    if (wanted.length)
      await tx.groupParticipant.createMany({ data: wanted.map((userId) => ({ groupId: group.id, organisationId, userId })), skipDuplicates: true });
    const after = [...wanted].sort();
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      await audit(tx, {
        networkId: group.networkId,
        actorId: actor.userId,
        action: "group.participants",
        entityType: "workingGroup",
        entityId: group.id,
        before: { organisationId, userIds: before },
        after: { organisationId, userIds: after },
      });
    }
  });
}

// --- The group named in the URL -----------------------------------------------------------------

export type GroupRef = { id: string; slug: string; name: string; networkId: string; joinPolicy: string; archivedAt: Date | null };

/** The group named in the URL, in this network, or a 404. */
export async function requireGroup(networkId: string, slug: string | undefined): Promise<GroupRef> {
  const group = slug
    ? await prisma.workingGroup.findUnique({
        where: { networkId_slug: { networkId, slug } },
        select: { id: true, slug: true, name: true, networkId: true, joinPolicy: true, archivedAt: true },
      })
    : null;
  if (!group) throw notFound();
  return group;
}
