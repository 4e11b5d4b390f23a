// Proxies: a member organisation gives its vote to another for one assembly. Every rule lives in
// giveProxy below, checked inside one transaction that first locks the roll entries of the giver
// and of the holder (always in the same order, so two requests never wait for each other in a
// cycle): twenty proxies sent to one holder at the same moment are counted one after the other,
// and no more than the statutory maximum is ever stored (tests/votes-concurrency.test.ts).
//
//   - giver and holder are on the roll (frozen at the convocation) and still members today;
//   - the holder holds no more than the assembly's maximum (copied from the statutes);
//   - no chains, either way: a holder gives none, a giver holds none;
//   - one proxy per giver (Proxy.activeKey, unique, as a last guard);
//   - given and revoked only until the first poll of the assembly opens.
// Whether a proxy counts (holder present, giver absent) is read at the vote and in the quorum.
import { Prisma } from "#app/generated/prisma/client";
import { audit } from "#app/utils/audit.server";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { DomainError } from "#app/utils/errors.server";
import type { StoredScan } from "#app/utils/uploads.server";
import { PROXY_CHANNELS, type ProxyChannel } from "#app/utils/votes-domain";

import { isMember, membershipStatuses } from "./adhesion.server";

type Tx = Prisma.TransactionClient;

const refuse = (key: string, kind: "invalid" | "conflict" = "conflict", field?: string) => new DomainError(kind, `assemblies.error.proxy.${key}`, field);

/** Locks the roll entries of these organisations, in id order, for the rest of the transaction. */
async function lockRollEntries(tx: Tx, assemblyId: string, organisationIds: string[]) {
  const ids = [...new Set(organisationIds)].sort();
  const rows = await tx.$queryRaw<{ organisationId: string }[]>`
    SELECT "organisationId" FROM "RollEntry"
    WHERE "assemblyId" = ${assemblyId} AND "organisationId" IN (${Prisma.join(ids)})
    ORDER BY "organisationId" FOR UPDATE`;
  return new Set(rows.map((r) => r.organisationId));
}

/** Proxies may change until the first poll of the assembly opens. */
async function proxiesStillOpen(tx: Tx, assemblyId: string) {
  const assembly = await tx.assembly.findUnique({ where: { id: assemblyId }, select: { status: true, networkId: true, rules: true } });
  if (!assembly) throw new DomainError("notFound", "assemblies.error.notFound");
  if (assembly.status !== "convened" && assembly.status !== "held") throw refuse("assemblyNotOpen");
  const opened = await tx.poll.count({ where: { assemblyId, openedAt: { not: null } } });
  if (opened > 0) throw refuse("pollsOpened");
  return assembly;
}

export type ProxyInput = {
  giverOrganisationId: string;
  holderOrganisationId: string;
  channel: ProxyChannel;
  /** A paper proxy's scan, already stored by storeScan. */
  scan?: StoredScan | null;
};

export async function giveProxy(assemblyId: string, actorId: string, input: ProxyInput) {
  const { giverOrganisationId: giver, holderOrganisationId: holder } = input;
  if (!(PROXY_CHANNELS as readonly string[]).includes(input.channel)) throw refuse("channel", "invalid", "channel");
  if (giver === holder) throw refuse("self", "invalid", "holderOrganisationId");
  const assembly = await prisma.assembly.findUnique({ where: { id: assemblyId }, select: { networkId: true } });
  if (!assembly) throw new DomainError("notFound", "assemblies.error.notFound");
  // Membership today (the roll says who was a member at the convocation).
  const statuses = await membershipStatuses(assembly.networkId, [giver, holder]);
  if (!isMember(statuses.get(holder)!)) throw refuse("holderNotMember", "invalid", "holderOrganisationId");
  if (!isMember(statuses.get(giver)!)) throw refuse("giverNotMember", "invalid", "giverOrganisationId");

  return transaction(async (tx) => {
    const onRoll = await lockRollEntries(tx, assemblyId, [giver, holder]);
    if (!onRoll.has(holder)) throw refuse("holderNotOnRoll", "invalid", "holderOrganisationId");
    if (!onRoll.has(giver)) throw refuse("giverNotOnRoll", "invalid", "giverOrganisationId");
    const { rules } = await proxiesStillOpen(tx, assemblyId);
    const max = (rules as { maxProxiesPerHolder?: number } | null)?.maxProxiesPerHolder ?? 1;

    const active = await tx.proxy.findMany({
      where: { assemblyId, revokedAt: null, OR: [{ giverOrganisationId: { in: [giver, holder] } }, { holderOrganisationId: { in: [giver, holder] } }] },
      select: { giverOrganisationId: true, holderOrganisationId: true },
    });
    if (active.some((p) => p.giverOrganisationId === giver)) throw refuse("alreadyGiven");
    if (active.some((p) => p.giverOrganisationId === holder)) throw refuse("holderGaveOne", "conflict", "holderOrganisationId");
    if (active.some((p) => p.holderOrganisationId === giver)) throw refuse("giverHoldsOne");
    if (active.filter((p) => p.holderOrganisationId === holder).length >= max) throw refuse("holderFull", "conflict", "holderOrganisationId");

    const proxy = await tx.proxy.create({
      data: {
        assemblyId,
        giverOrganisationId: giver,
        holderOrganisationId: holder,
        activeKey: `${assemblyId}:${giver}`,
        channel: input.channel,
        givenById: actorId,
        scanPath: input.scan?.path,
        scanType: input.scan?.type,
        scanSize: input.scan?.size,
        scanName: input.scan?.name,
      },
    });
    await audit(tx, {
      networkId: assembly.networkId,
      actorId,
      action: "proxy.give",
      entityType: "Proxy",
      entityId: proxy.id,
      after: { assemblyId, giver, holder, channel: input.channel },
    });
    return proxy;
  });
}

export async function revokeProxy(proxyId: string, actorId: string) {
  return transaction(async (tx) => {
    const proxy = await tx.proxy.findUnique({ where: { id: proxyId }, select: { assemblyId: true, giverOrganisationId: true, holderOrganisationId: true } });
    if (!proxy) throw new DomainError("notFound", "assemblies.error.notFound");
    await lockRollEntries(tx, proxy.assemblyId, [proxy.giverOrganisationId, proxy.holderOrganisationId]);
    const assembly = await proxiesStillOpen(tx, proxy.assemblyId);
    const moved = await tx.proxy.updateMany({ where: { id: proxyId, revokedAt: null }, data: { revokedAt: now(), revokedById: actorId, activeKey: null } });
    if (moved.count === 0) throw refuse("alreadyRevoked");
    await audit(tx, {
      networkId: assembly.networkId,
      actorId,
      action: "proxy.revoke",
      entityType: "Proxy",
      entityId: proxyId,
      after: { assemblyId: proxy.assemblyId },
    });
  });
}

/** The proxies not revoked, for the assembly page and the desk (`scanPath`: a paper proxy's scan, if one was kept). */
export function activeProxies(assemblyId: string) {
  return prisma.proxy.findMany({
    where: { assemblyId, revokedAt: null },
    select: { id: true, giverOrganisationId: true, holderOrganisationId: true, channel: true, createdAt: true, scanPath: true },
    orderBy: { createdAt: "asc" },
  });
}
