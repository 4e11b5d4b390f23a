// Networks and their coordinators: created and renamed by the platform administrator, described
// by their coordinators. Every change is audited inside its transaction with the network's id.
import type { Prisma } from "#app/generated/prisma/client";
import { createInvitation } from "#app/models/invitation.server";
import { audit, diff } from "#app/utils/audit.server";
import { prisma } from "#app/utils/db.server";
import { invalid, notFound } from "#app/utils/errors.server";

type Tx = Prisma.TransactionClient;

export type NetworkInput = { name: string; slug: string; description: string; themes: string[]; languages: string[] };

const networkAuditSelect = { id: true, slug: true, name: true, description: true, themes: true, languages: true } satisfies Prisma.NetworkSelect;

/** A unique violation on the network's slug (two requests racing for the same slug end here). */
export function isSlugTaken(error: unknown) {
  if (!error || typeof error !== "object" || (error as { code?: unknown }).code !== "P2002") return false;
  const target = (error as { meta?: { target?: unknown } }).meta?.target;
  // Adapters report the target as a list of fields, a constraint name, or not at all.
  return target === undefined || JSON.stringify(target).includes("slug");
}

export async function slugInUse(tx: Tx, slug: string, exceptId?: string) {
  const found = await tx.network.findUnique({ where: { slug }, select: { id: true } });
  return !!found && found.id !== exceptId;
}

export async function createNetwork(tx: Tx, actorId: string, input: NetworkInput) {
  const network = await tx.network.create({ data: input, select: networkAuditSelect });
  await audit(tx, { networkId: network.id, actorId, action: "network.create", entityType: "network", entityId: network.id, after: network });
  return network;
}

export async function updateNetwork(tx: Tx, actorId: string, networkId: string, input: Partial<NetworkInput>) {
  const before = await tx.network.findUniqueOrThrow({ where: { id: networkId }, select: networkAuditSelect });
  const after = await tx.network.update({ where: { id: networkId }, data: input, select: networkAuditSelect });
  const change = diff(before as Record<string, unknown>, after as Record<string, unknown>);
  if (change.changed) {
    await audit(tx, { networkId, actorId, action: "network.update", entityType: "network", entityId: networkId, before: change.before, after: change.after });
  }
  return after;
}

export type CoordinatorResult = "added" | "already" | "invited";

/**
 * Makes the person with this e-mail a coordinator of the network; someone without an account
 * gets a coordinator invitation by e-mail instead.
 */
export async function addCoordinatorByEmail(tx: Tx, input: { networkId: string; email: string; actorId: string }): Promise<CoordinatorResult> {
  const email = input.email.trim().toLowerCase();
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, name: true } });
  if (!user) {
    await createInvitation(tx, { networkId: input.networkId, organisationId: null, email, role: "coordinator", invitedById: input.actorId });
    return "invited";
  }
  const existing = await tx.networkCoordinator.findUnique({
    where: { networkId_userId: { networkId: input.networkId, userId: user.id } },
    select: { userId: true },
  });
  if (existing) return "already";
  await tx.networkCoordinator.create({ data: { networkId: input.networkId, userId: user.id } });
  await audit(tx, {
    networkId: input.networkId,
    actorId: input.actorId,
    action: "coordinator.add",
    entityType: "coordinator",
    entityId: `${input.networkId}:${user.id}`,
    after: { userId: user.id, name: user.name, email },
  });
  return "added";
}

/** Removes a coordinator; the last one stays (a network without coordination cannot be run). */
export async function removeCoordinator(tx: Tx, input: { networkId: string; userId: string; actorId: string }) {
  // Lock the network row so that two removals at once cannot both leave it without anyone.
  await tx.$queryRaw`SELECT id FROM "Network" WHERE id = ${input.networkId} FOR UPDATE`;
  const row = await tx.networkCoordinator.findUnique({
    where: { networkId_userId: { networkId: input.networkId, userId: input.userId } },
    select: { user: { select: { name: true, email: true } } },
  });
  if (!row) return false;
  const count = await tx.networkCoordinator.count({ where: { networkId: input.networkId } });
  if (count <= 1) throw invalid("admin.lastCoordinator");
  await tx.networkCoordinator.delete({ where: { networkId_userId: { networkId: input.networkId, userId: input.userId } } });
  await audit(tx, {
    networkId: input.networkId,
    actorId: input.actorId,
    action: "coordinator.remove",
    entityType: "coordinator",
    entityId: `${input.networkId}:${input.userId}`,
    before: { userId: input.userId, name: row.user.name, email: row.user.email },
  });
  return true;
}

// --- The network named in the URL ---------------------------------------------------------------

export type NetworkRef = { id: string; slug: string; name: string };

/** The network named in the URL, or a 404. */
export async function requireNetwork(slug: string | undefined) {
  const network = slug
    ? await prisma.network.findUnique({
        where: { slug },
        select: { id: true, slug: true, name: true, description: true, themes: true, languages: true },
      })
    : null;
  if (!network) throw notFound();
  return network;
}
