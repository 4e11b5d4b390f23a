// General assemblies: the statutes' rules of a network, an assembly's agenda and documents, the
// convocation that freezes the electoral roll, attendance by organisation, and the comité
// d'accompagnement's seats (docs/decisions/013-assemblies-and-votes.md). Rights are decided by
// app/access (assembly.*, committee.manage, statutes.manage) before these are called; the rules
// of the domain (a roll frozen once, check-in only of an organisation on the roll…) live here.
import { randomUUID } from "node:crypto";

import type { Prisma } from "#app/generated/prisma/client";
import { audit } from "#app/utils/audit.server";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { getEnv } from "#app/utils/env.server";
import { DomainError } from "#app/utils/errors.server";
import { removeStored, type StoredScan } from "#app/utils/uploads.server";
import {
  ASSEMBLY_KINDS,
  ATTENDANCE_CHANNELS,
  type AttendanceChannel,
  CONVOCATIONS,
  MAJORITY_RULES,
  QUORUM_COMPARISONS,
  type QuorumComparison,
  TIE_RULES,
  type TieRule,
} from "#app/utils/votes-domain";
import { computeQuorum, type Presence, type QuorumRule } from "#app/votes/quorum";

import { isMember, membershipStatuses } from "./adhesion.server";
import { sendConvocations } from "./assembly-convocation.server";
import { electedOf } from "./poll-tally.server";

type Tx = Prisma.TransactionClient;
const DAY = 86_400_000;

const invalid = (key: string, field?: string) => new DomainError("invalid", `assemblies.error.${key}`, field);
const conflict = (key: string) => new DomainError("conflict", `assemblies.error.${key}`);
const notFound = () => new DomainError("notFound", "assemblies.error.notFound");

// --- Statutes ----------------------------------------------------------------------------------

export type Quorum = { numerator: number; denominator: number; comparison: QuorumComparison } | null;
export type College = { name: string; minSeats: number; maxSeats: number | null };
export type Statutes = {
  quorumFirst: Quorum;
  quorumSecond: Quorum;
  maxProxiesPerHolder: number;
  majorityRules: string[];
  tieRule: TieRule;
  committeeSeats: number;
  noticeDays: number;
  colleges: College[];
};

/** What a network without its own settings gets: half of the roll at a first convocation, none at a second. */
export const DEFAULT_STATUTES: Statutes = {
  quorumFirst: { numerator: 1, denominator: 2, comparison: "atLeast" },
  quorumSecond: null,
  maxProxiesPerHolder: 1,
  majorityRules: [...MAJORITY_RULES],
  tieRule: "lots",
  committeeSeats: 0,
  noticeDays: 15,
  colleges: [],
};

const quorumOf = (numerator: number | null, denominator: number | null, comparison: string): Quorum =>
  numerator === null || denominator === null ? null : { numerator, denominator, comparison: comparison === "moreThan" ? "moreThan" : "atLeast" };

export async function getStatutes(networkId: string, tx: Pick<Tx, "statutesSettings"> = prisma): Promise<Statutes> {
  const row = await tx.statutesSettings.findUnique({ where: { networkId }, include: { colleges: { orderBy: { position: "asc" } } } });
  if (!row) return DEFAULT_STATUTES;
  return {
    quorumFirst: quorumOf(row.quorumFirstNumerator, row.quorumFirstDenominator, row.quorumFirstComparison),
    quorumSecond: quorumOf(row.quorumSecondNumerator, row.quorumSecondDenominator, row.quorumSecondComparison),
    maxProxiesPerHolder: row.maxProxiesPerHolder,
    majorityRules: row.majorityRules,
    tieRule: row.tieRule === "second-round" ? "second-round" : "lots",
    committeeSeats: row.committeeSeats,
    noticeDays: row.noticeDays,
    colleges: row.colleges.map((c) => ({ name: c.name, minSeats: c.minSeats, maxSeats: c.maxSeats })),
  };
}

function checkQuorum(q: Quorum, field: string) {
  if (!q) return;
  if (!Number.isInteger(q.numerator) || !Number.isInteger(q.denominator) || q.denominator < 1 || q.numerator < 0 || q.numerator > q.denominator) {
    throw invalid("quorum", field);
  }
  if (!(QUORUM_COMPARISONS as readonly string[]).includes(q.comparison)) throw invalid("quorum", field);
}

/** Checks the statutes as a whole (a college minimum the seats cannot hold is refused). */
export function statutesProblem(s: Statutes): DomainError | null {
  try {
    checkQuorum(s.quorumFirst, "quorumFirst");
    checkQuorum(s.quorumSecond, "quorumSecond");
    if (!Number.isInteger(s.maxProxiesPerHolder) || s.maxProxiesPerHolder < 0) throw invalid("maxProxies", "maxProxiesPerHolder");
    if (s.majorityRules.length === 0 || s.majorityRules.some((r) => !(MAJORITY_RULES as readonly string[]).includes(r))) {
      throw invalid("majorityRules", "majorityRules");
    }
    if (!(TIE_RULES as readonly string[]).includes(s.tieRule)) throw invalid("tieRule", "tieRule");
    if (!Number.isInteger(s.committeeSeats) || s.committeeSeats < 0) throw invalid("seats", "committeeSeats");
    if (!Number.isInteger(s.noticeDays) || s.noticeDays < 0) throw invalid("noticeDays", "noticeDays");
    const names = new Set<string>();
    for (const c of s.colleges) {
      if (!c.name.trim() || names.has(c.name.trim())) throw invalid("collegeName", "colleges");
      names.add(c.name.trim());
      if (c.minSeats < 0 || (c.maxSeats !== null && c.maxSeats < c.minSeats)) throw invalid("collegeSeats", "colleges");
    }
    if (s.colleges.reduce((sum, c) => sum + c.minSeats, 0) > s.committeeSeats) throw invalid("collegeSeats", "colleges");
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

export async function saveStatutes(networkId: string, actorId: string, s: Statutes) {
  const problem = statutesProblem(s);
  if (problem) throw problem;
  const data = {
    quorumFirstNumerator: s.quorumFirst?.numerator ?? null,
    quorumFirstDenominator: s.quorumFirst?.denominator ?? null,
    quorumFirstComparison: s.quorumFirst?.comparison ?? "atLeast",
    quorumSecondNumerator: s.quorumSecond?.numerator ?? null,
    quorumSecondDenominator: s.quorumSecond?.denominator ?? null,
    quorumSecondComparison: s.quorumSecond?.comparison ?? "atLeast",
    maxProxiesPerHolder: s.maxProxiesPerHolder,
    majorityRules: s.majorityRules,
    tieRule: s.tieRule,
    committeeSeats: s.committeeSeats,
    noticeDays: s.noticeDays,
  };
  await transaction(async (tx) => {
    const before = await getStatutes(networkId, tx);
    await tx.statutesSettings.upsert({ where: { networkId }, create: { networkId, ...data }, update: data });
    await tx.statutesCollege.deleteMany({ where: { networkId } });
    await tx.statutesCollege.createMany({
      data: s.colleges.map((c, position) => ({ networkId, name: c.name.trim(), minSeats: c.minSeats, maxSeats: c.maxSeats, position })),
    });
    await audit(tx, { networkId, actorId, action: "statutes.update", entityType: "StatutesSettings", entityId: networkId, before, after: s });
  });
}

// --- Assemblies --------------------------------------------------------------------------------

export type AssemblyInput = {
  kind: string;
  convocation: string;
  title: string;
  startsAt: Date;
  endsAt?: Date | null;
  place?: string;
  videoUrl?: string | null;
};

function checkAssembly(input: AssemblyInput) {
  if (!(ASSEMBLY_KINDS as readonly string[]).includes(input.kind)) throw invalid("kind", "kind");
  if (!(CONVOCATIONS as readonly string[]).includes(input.convocation)) throw invalid("convocation", "convocation");
  if (!input.title.trim()) throw invalid("title", "title");
  if (Number.isNaN(+input.startsAt)) throw invalid("startsAt", "startsAt");
  if (input.endsAt && +input.endsAt <= +input.startsAt) throw invalid("endsAt", "endsAt");
  if (!input.place?.trim() && !input.videoUrl?.trim()) throw invalid("where", "place");
}

function assemblyUid() {
  const host = new URL(getEnv().appUrl).hostname || "maillage";
  return `assembly-${randomUUID()}@${host}`;
}

export async function createAssembly(networkId: string, actorId: string, input: AssemblyInput) {
  checkAssembly(input);
  return transaction(async (tx) => {
    const assembly = await tx.assembly.create({
      data: {
        networkId,
        kind: input.kind,
        convocation: input.convocation,
        title: input.title.trim(),
        startsAt: input.startsAt,
        endsAt: input.endsAt ?? null,
        place: input.place?.trim() ?? "",
        videoUrl: input.videoUrl?.trim() || null,
        uid: assemblyUid(),
        createdById: actorId,
      },
    });
    await audit(tx, { networkId, actorId, action: "assembly.create", entityType: "Assembly", entityId: assembly.id, after: { title: assembly.title } });
    return assembly;
  });
}

async function loadAssembly(tx: Pick<Tx, "assembly">, assemblyId: string) {
  const assembly = await tx.assembly.findUnique({ where: { id: assemblyId } });
  if (!assembly) throw notFound();
  return assembly;
}

export async function addAgendaItem(assemblyId: string, actorId: string, input: { title: string; description?: string }) {
  if (!input.title.trim()) throw invalid("title", "title");
  return transaction(async (tx) => {
    const assembly = await loadAssembly(tx, assemblyId);
    if (assembly.status === "closed" || assembly.status === "cancelled") throw conflict("assemblyOver");
    const last = await tx.assemblyAgendaItem.findFirst({ where: { assemblyId }, orderBy: { position: "desc" }, select: { position: true } });
    const item = await tx.assemblyAgendaItem.create({
      data: { assemblyId, position: (last?.position ?? 0) + 1, title: input.title.trim(), description: input.description?.trim() ?? "" },
    });
    await audit(tx, {
      networkId: assembly.networkId,
      actorId,
      action: "assembly.agenda.add",
      entityType: "Assembly",
      entityId: assemblyId,
      after: { title: item.title },
    });
    return item;
  });
}

/** Removes an item from a draft's agenda; once convened, the agenda is what the convocation said. */
export async function removeAgendaItem(assemblyId: string, itemId: string, actorId: string) {
  return transaction(async (tx) => {
    const assembly = await loadAssembly(tx, assemblyId);
    if (assembly.status !== "draft") throw conflict("alreadyConvened");
    const item = await tx.assemblyAgendaItem.findFirst({ where: { id: itemId, assemblyId }, select: { id: true, title: true } });
    if (!item) throw invalid("agendaItem", "itemId");
    await tx.assemblyAgendaItem.delete({ where: { id: item.id } });
    await audit(tx, {
      networkId: assembly.networkId,
      actorId,
      action: "assembly.agenda.remove",
      entityType: "Assembly",
      entityId: assemblyId,
      before: { title: item.title },
    });
  });
}

/**
 * Adds a document already stored by storeScan (its type read from its first bytes, its SHA-256
 * computed there). Refused once the assembly is closed or cancelled. The same form sent twice
 * (a double click, a reload) adds it once: a document of this assembly with the same title and
 * the same content (size and SHA-256) is returned as it is, and the file just stored is removed.
 * The assembly's row is locked first, so two such submits at the same moment cannot both add it.
 */
export async function addDocument(assemblyId: string, actorId: string, input: { title: string; agendaItemId?: string | null; file: StoredScan }) {
  const title = input.title.trim();
  if (!title) throw invalid("title", "title");
  const outcome = await transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Assembly" WHERE id = ${assemblyId} FOR UPDATE`;
    const assembly = await loadAssembly(tx, assemblyId);
    if (assembly.status === "closed" || assembly.status === "cancelled") throw conflict("documentsClosed");
    if (input.agendaItemId) {
      const item = await tx.assemblyAgendaItem.findFirst({ where: { id: input.agendaItemId, assemblyId }, select: { id: true } });
      if (!item) throw invalid("agendaItem", "agendaItemId");
    }
    const same = await tx.assemblyDocument.findFirst({ where: { assemblyId, title, size: input.file.size, sha256: input.file.sha256 } });
    if (same) return { document: same, added: false };
    const doc = await tx.assemblyDocument.create({
      data: {
        assemblyId,
        agendaItemId: input.agendaItemId ?? null,
        title,
        path: input.file.path,
        type: input.file.type,
        size: input.file.size,
        sha256: input.file.sha256,
        name: input.file.name,
        uploadedById: actorId,
      },
    });
    await audit(tx, {
      networkId: assembly.networkId,
      actorId,
      action: "assembly.document.add",
      entityType: "Assembly",
      entityId: assemblyId,
      after: { title: doc.title, file: doc.name, size: doc.size },
    });
    return { document: doc, added: true };
  });
  // The second copy of a document already there: no row points to it.
  if (!outcome.added && outcome.document.path !== input.file.path) await removeStored(input.file.path);
  return outcome;
}

/**
 * Removes a document of the assembly (its coordinators, while it is neither closed nor cancelled:
 * then its documents are what the assembly had). The file goes once the row is gone for good,
 * after the transaction: a failed transaction leaves both.
 */
export async function removeDocument(assemblyId: string, documentId: string, actorId: string) {
  const removed = await transaction(async (tx) => {
    const assembly = await loadAssembly(tx, assemblyId);
    if (assembly.status === "closed" || assembly.status === "cancelled") throw conflict("documentsClosed");
    const doc = await tx.assemblyDocument.findFirst({ where: { id: documentId, assemblyId }, select: { id: true, title: true, name: true, path: true } });
    if (!doc) throw invalid("document", "documentId");
    await tx.assemblyDocument.delete({ where: { id: doc.id } });
    await audit(tx, {
      networkId: assembly.networkId,
      actorId,
      action: "assembly.document.remove",
      entityType: "Assembly",
      entityId: assemblyId,
      before: { title: doc.title, file: doc.name },
    });
    return doc;
  });
  await removeStored(removed.path);
  return removed;
}

/**
 * Convenes the assembly: the roll is frozen from the member organisations (as the charter rules
 * derive membership) at this moment, and the statutes' rules for this convocation are copied
 * onto the assembly. At least `noticeDays` before it starts. Once only.
 */
export async function conveneAssembly(assemblyId: string, actorId: string) {
  const assembly = await loadAssembly(prisma, assemblyId);
  if (assembly.status !== "draft") throw conflict("alreadyConvened");
  const at = now();
  const statutes = await getStatutes(assembly.networkId);
  if (+assembly.startsAt - +at < statutes.noticeDays * DAY) throw invalid("noticeTooShort", "startsAt");
  const inNetwork = await prisma.networkOrganisation.findMany({ where: { networkId: assembly.networkId }, select: { organisationId: true } });
  const statuses = await membershipStatuses(
    assembly.networkId,
    inNetwork.map((o) => o.organisationId),
    at,
  );
  const members = [...statuses].filter(([, status]) => isMember(status)).map(([id]) => id);
  const rules = {
    quorum: assembly.convocation === "second" ? statutes.quorumSecond : statutes.quorumFirst,
    maxProxiesPerHolder: statutes.maxProxiesPerHolder,
    majorityRules: statutes.majorityRules,
    tieRule: statutes.tieRule,
    committeeSeats: statutes.committeeSeats,
    colleges: statutes.colleges,
  };
  return transaction(async (tx) => {
    const moved = await tx.assembly.updateMany({
      where: { id: assemblyId, status: "draft" },
      data: { status: "convened", convokedAt: at, rules: rules as Prisma.InputJsonValue, sequence: { increment: 1 } },
    });
    if (moved.count === 0) throw conflict("alreadyConvened");
    await tx.rollEntry.createMany({ data: members.map((organisationId) => ({ assemblyId, organisationId, frozenAt: at })) });
    const convocations = await sendConvocations(tx, assemblyId);
    await audit(tx, {
      networkId: assembly.networkId,
      actorId,
      action: "assembly.convene",
      entityType: "Assembly",
      entityId: assemblyId,
      after: { roll: members.length, convocations },
    });
    return { roll: members, convocations };
  });
}

export async function cancelAssembly(assemblyId: string, actorId: string, reason: string) {
  if (!reason.trim()) throw invalid("reason", "reason");
  return transaction(async (tx) => {
    const assembly = await loadAssembly(tx, assemblyId);
    const open = await tx.poll.count({ where: { assemblyId, status: { in: ["open", "closed"] } } });
    if (open > 0) throw conflict("pollsUnderway");
    const moved = await tx.assembly.updateMany({
      where: { id: assemblyId, status: { in: ["draft", "convened"] } },
      data: { status: "cancelled", cancelReason: reason.trim(), sequence: { increment: 1 } },
    });
    if (moved.count === 0) throw conflict("assemblyOver");
    await audit(tx, { networkId: assembly.networkId, actorId, action: "assembly.cancel", entityType: "Assembly", entityId: assemblyId, after: { reason } });
  });
}

/** The assembly is over: no more check-ins, proxies or polls. Every poll must be settled first. */
export async function closeAssembly(assemblyId: string, actorId: string) {
  return transaction(async (tx) => {
    const assembly = await loadAssembly(tx, assemblyId);
    const unsettled = await tx.poll.count({ where: { assemblyId, status: { in: ["ready", "open", "closing"] } } });
    if (unsettled > 0) throw conflict("pollsUnderway");
    const moved = await tx.assembly.updateMany({ where: { id: assemblyId, status: { in: ["convened", "held"] } }, data: { status: "closed" } });
    if (moved.count === 0) throw conflict("assemblyNotOpen");
    await audit(tx, { networkId: assembly.networkId, actorId, action: "assembly.close", entityType: "Assembly", entityId: assemblyId });
  });
}

// --- Attendance ----------------------------------------------------------------------------------

async function rollEntryOrRefuse(tx: Tx, assemblyId: string, organisationId: string) {
  const entry = await tx.rollEntry.findUnique({ where: { assemblyId_organisationId: { assemblyId, organisationId } }, select: { organisationId: true } });
  if (!entry) throw invalid("notOnRoll", "organisationId");
}

/**
 * Checks an organisation in (by the desk, or by its delegate online). Channel "paper": it votes on
 * paper in the room, and online voting is then refused for it. Checking in again changes the
 * channel or the delegate.
 */
// --- The desk --------------------------------------------------------------------------------

/**
 * Names a person to the desk of one assembly, beside the coordinators (who decided it, app/access
 * assembly.manageDesk reads the fact): a delegate of an organisation of the network.
 */
export async function nameToDesk(assemblyId: string, actorId: string, userId: string) {
  return transaction(async (tx) => {
    const assembly = await loadAssembly(tx, assemblyId);
    if (assembly.status === "closed" || assembly.status === "cancelled") throw conflict("assemblyOver");
    const delegate = await tx.delegate.findFirst({
      where: { userId, organisation: { networks: { some: { networkId: assembly.networkId } } } },
      select: { userId: true },
    });
    if (!delegate) throw invalid("deskNotADelegate", "userId");
    const exists = await tx.assemblyDesk.count({ where: { assemblyId, userId } });
    if (exists > 0) throw conflict("deskAlready");
    await tx.assemblyDesk.create({ data: { assemblyId, userId, namedById: actorId } });
    await audit(tx, { networkId: assembly.networkId, actorId, action: "assembly.desk.name", entityType: "Assembly", entityId: assemblyId, after: { userId } });
  });
}

export async function removeFromDesk(assemblyId: string, actorId: string, userId: string) {
  return transaction(async (tx) => {
    const assembly = await loadAssembly(tx, assemblyId);
    const removed = await tx.assemblyDesk.deleteMany({ where: { assemblyId, userId } });
    if (removed.count === 0) throw conflict("deskNotNamed");
    await audit(tx, {
      networkId: assembly.networkId,
      actorId,
      action: "assembly.desk.remove",
      entityType: "Assembly",
      entityId: assemblyId,
      before: { userId },
    });
  });
}

/** The people named to the desk, by name. */
export function deskOf(assemblyId: string) {
  return prisma.assemblyDesk.findMany({
    where: { assemblyId },
    select: { userId: true, user: { select: { name: true } } },
    orderBy: { user: { name: "asc" } },
  });
}

export async function checkIn(
  assemblyId: string,
  organisationId: string,
  input: { channel: AttendanceChannel; delegateId?: string | null },
  recordedById: string,
) {
  if (!(ATTENDANCE_CHANNELS as readonly string[]).includes(input.channel)) throw invalid("channel", "channel");
  return transaction(async (tx) => {
    const assembly = await loadAssembly(tx, assemblyId);
    if (assembly.status !== "convened" && assembly.status !== "held") throw conflict("assemblyNotOpen");
    await rollEntryOrRefuse(tx, assemblyId, organisationId);
    if (input.delegateId) {
      const delegate = await tx.delegate.findUnique({
        where: { organisationId_userId: { organisationId, userId: input.delegateId } },
        select: { userId: true },
      });
      if (!delegate) throw invalid("notADelegate", "delegateId");
    }
    const at = now();
    const data = { status: "present", channel: input.channel, delegateId: input.delegateId ?? null, checkedInAt: at, checkedOutAt: null, recordedById };
    await tx.assemblyAttendance.upsert({
      where: { assemblyId_organisationId: { assemblyId, organisationId } },
      create: { assemblyId, organisationId, ...data },
      update: data,
    });
    await audit(tx, {
      networkId: assembly.networkId,
      actorId: recordedById,
      action: "assembly.checkIn",
      entityType: "Organisation",
      entityId: organisationId,
      after: { assemblyId, channel: input.channel },
    });
  });
}

export async function checkOut(assemblyId: string, organisationId: string, recordedById: string) {
  return transaction(async (tx) => {
    const assembly = await loadAssembly(tx, assemblyId);
    if (assembly.status !== "convened" && assembly.status !== "held") throw conflict("assemblyNotOpen");
    const moved = await tx.assemblyAttendance.updateMany({
      where: { assemblyId, organisationId, status: "present" },
      data: { status: "absent", checkedOutAt: now(), recordedById },
    });
    if (moved.count === 0) throw conflict("notPresent");
    await audit(tx, {
      networkId: assembly.networkId,
      actorId: recordedById,
      action: "assembly.checkOut",
      entityType: "Organisation",
      entityId: organisationId,
      after: { assemblyId },
    });
  });
}

/**
 * Who is here and who may vote now, by the one quorum rule (app/votes/quorum.ts): the roll, the
 * organisations present (in the room, online, or in the room voting on paper), the proxies not
 * revoked in the order they were given, and the assembly's frozen rules (its quorum, the maximum
 * of proxies per holder). `voters` says who casts each entitled organisation's ballot; `quorum`
 * the numbers the page and the room screen show.
 */
export async function presenceFacts(assemblyId: string, tx: Pick<Tx, "assembly" | "rollEntry" | "assemblyAttendance" | "proxy"> = prisma) {
  const [assembly, roll, present, proxies] = await Promise.all([
    tx.assembly.findUnique({ where: { id: assemblyId }, select: { rules: true } }),
    tx.rollEntry.findMany({ where: { assemblyId }, select: { organisationId: true }, orderBy: { organisationId: "asc" } }),
    tx.assemblyAttendance.findMany({ where: { assemblyId, status: "present" }, select: { organisationId: true, channel: true } }),
    tx.proxy.findMany({ where: { assemblyId, revokedAt: null }, select: PROXY_FIELDS, orderBy: PROXY_ORDER }),
  ]);
  return factsOf(assembly?.rules ?? null, roll, present, proxies);
}

/**
 * The same facts around one organisation that casts ballots (castBallots): for `holderId` and the
 * organisations `ids` it casts for, who is present, on paper, and whose ballot it may cast. Read
 * from the rows that decide these answers only: its own proxy, the proxies it holds (in the order
 * they were given, for the maximum) and the presence of their givers and of `ids`. The status of
 * a proxy held by `holderId` depends on nothing else (its giver and holder on the roll and
 * present or not, whether the holder gave one, the holder's earlier proxies), so the one rule
 * (computeQuorum) gives here the answers it gives on the whole roll, without reading it. Its
 * quorum figures are those of the part read: the quorum is presenceFacts'.
 */
export async function presenceAround(
  assemblyId: string,
  holderId: string,
  ids: readonly string[],
  tx: Pick<Tx, "assembly" | "rollEntry" | "assemblyAttendance" | "proxy"> = prisma,
) {
  const [assembly, proxies] = await Promise.all([
    tx.assembly.findUnique({ where: { id: assemblyId }, select: { rules: true } }),
    tx.proxy.findMany({
      where: { assemblyId, revokedAt: null, OR: [{ holderOrganisationId: holderId }, { giverOrganisationId: holderId }] },
      select: PROXY_FIELDS,
      orderBy: PROXY_ORDER,
    }),
  ]);
  const around = [...new Set([holderId, ...ids, ...proxies.flatMap((p) => [p.giverOrganisationId, p.holderOrganisationId])])];
  const [roll, present] = await Promise.all([
    tx.rollEntry.findMany({ where: { assemblyId, organisationId: { in: around } }, select: { organisationId: true }, orderBy: { organisationId: "asc" } }),
    tx.assemblyAttendance.findMany({
      where: { assemblyId, status: "present", organisationId: { in: around } },
      select: { organisationId: true, channel: true },
    }),
  ]);
  return factsOf(assembly?.rules ?? null, roll, present, proxies);
}

const PROXY_FIELDS = { id: true, giverOrganisationId: true, holderOrganisationId: true } as const;
const PROXY_ORDER = [{ createdAt: "asc" as const }, { id: "asc" as const }];

function factsOf(
  frozen: Prisma.JsonValue,
  roll: { organisationId: string }[],
  present: { organisationId: string; channel: string }[],
  proxies: { id: string; giverOrganisationId: string; holderOrganisationId: string }[],
) {
  const rules = frozen as { quorum?: QuorumRule; maxProxiesPerHolder?: number | null } | null;
  const result = computeQuorum({
    roll: roll.map((r) => r.organisationId),
    // Voting on paper is voting in the room.
    attendance: new Map(present.map((p): [string, Presence] => [p.organisationId, p.channel === "online" ? "online" : "room"])),
    proxies: proxies.map((p) => ({ id: p.id, giverId: p.giverOrganisationId, holderId: p.holderOrganisationId })),
    maxProxiesPerHolder: rules?.maxProxiesPerHolder ?? null,
    rule: rules?.quorum ?? null,
  });
  return {
    roll: roll.map((r) => r.organisationId),
    present: present.map((p) => ({ organisationId: p.organisationId, channel: p.channel })),
    represented: result.voters.filter((v) => v.through === "proxy").map((v) => ({ organisationId: v.organisationId, by: v.castById })),
    voters: result.voters,
    proxies: result.proxies,
    quorum: {
      rollSize: result.rollSize,
      present: result.present,
      represented: result.represented,
      presentOrRepresented: result.presentOrRepresented,
      required: result.required,
      reached: result.reached,
    },
  };
}

// --- The comité d'accompagnement ------------------------------------------------------------------

/** The network's committee group (kind "committee"), made on first use. */
export async function committeeGroup(tx: Tx, networkId: string) {
  const found = await tx.workingGroup.findFirst({ where: { networkId, kind: "committee" } });
  if (found) return found;
  return tx.workingGroup.create({
    data: { networkId, kind: "committee", slug: "comite-accompagnement", name: "Comité d'accompagnement", joinPolicy: "request" },
  });
}

/**
 * The committee group's active memberships follow the seats in force: a seated organisation is an
 * active member; one that is no longer seated has "left". The seats are the truth (record 013).
 */
export async function syncCommitteeMemberships(tx: Tx, networkId: string, actorId: string | null) {
  const group = await committeeGroup(tx, networkId);
  const at = now();
  const seats = await tx.committeeSeat.findMany({
    where: { networkId, endedAt: null, mandateFrom: { lte: at }, OR: [{ mandateTo: null }, { mandateTo: { gte: at } }] },
    select: { organisationId: true },
  });
  const seated = [...new Set(seats.map((s) => s.organisationId))];
  for (const organisationId of seated) {
    await tx.groupMembership.upsert({
      where: { groupId_organisationId: { groupId: group.id, organisationId } },
      create: { groupId: group.id, organisationId, status: "active", decidedById: actorId, decidedAt: at },
      update: { status: "active", decidedById: actorId, decidedAt: at },
    });
  }
  await tx.groupMembership.updateMany({
    where: { groupId: group.id, status: "active", organisationId: { notIn: seated } },
    data: { status: "left", decidedById: actorId, decidedAt: at },
  });
  return group;
}

export type SeatInput = { organisationId: string; college?: string | null; mandateFrom: Date; mandateTo?: Date | null };

async function checkSeat(tx: Tx, networkId: string, seat: SeatInput, statutes: Statutes) {
  const inNetwork = await tx.networkOrganisation.findUnique({
    where: { networkId_organisationId: { networkId, organisationId: seat.organisationId } },
    select: { organisationId: true },
  });
  if (!inNetwork) throw invalid("notInNetwork", "organisationId");
  if (seat.mandateTo && +seat.mandateTo < +seat.mandateFrom) throw invalid("mandate", "mandateTo");
  if (seat.college && !statutes.colleges.some((c) => c.name === seat.college)) throw invalid("college", "college");
  if (!seat.college && statutes.colleges.length > 0) throw invalid("college", "college");
}

/** Records a seat of the comité as it exists (a network that starts with Maillage already has one). */
export async function recordSeat(networkId: string, actorId: string, seat: SeatInput) {
  const statutes = await getStatutes(networkId);
  const statuses = await membershipStatuses(networkId, [seat.organisationId]);
  if (!isMember(statuses.get(seat.organisationId)!)) throw invalid("notMember", "organisationId");
  return transaction(async (tx) => {
    await checkSeat(tx, networkId, seat, statutes);
    const open = await tx.committeeSeat.count({ where: { networkId, organisationId: seat.organisationId, endedAt: null } });
    if (open > 0) throw conflict("alreadySeated");
    const row = await tx.committeeSeat.create({
      data: { networkId, organisationId: seat.organisationId, college: seat.college ?? null, mandateFrom: seat.mandateFrom, mandateTo: seat.mandateTo ?? null },
    });
    await syncCommitteeMemberships(tx, networkId, actorId);
    await audit(tx, {
      networkId,
      actorId,
      action: "committee.seat.record",
      entityType: "Organisation",
      entityId: seat.organisationId,
      after: { college: seat.college },
    });
    return row;
  });
}

export async function endSeat(networkId: string, seatId: string, actorId: string) {
  return transaction(async (tx) => {
    const moved = await tx.committeeSeat.updateMany({ where: { id: seatId, networkId, endedAt: null }, data: { endedAt: now() } });
    if (moved.count === 0) throw conflict("seatEnded");
    await syncCommitteeMemberships(tx, networkId, actorId);
    await audit(tx, { networkId, actorId, action: "committee.seat.end", entityType: "CommitteeSeat", entityId: seatId });
  });
}

/**
 * After an election is published: its elected organisations take their seats, in one step; the
 * seats in force end. `elected` comes from the published result (the tally of app/votes) and must
 * be candidates of the poll.
 */
export async function installElected(pollId: string, actorId: string, input: { mandateFrom: Date; mandateTo?: Date | null }) {
  if (input.mandateTo && +input.mandateTo < +input.mandateFrom) throw invalid("mandate", "mandateTo");
  return transaction(async (tx) => {
    const poll = await tx.poll.findUnique({
      where: { id: pollId },
      select: { kind: true, status: true, result: true, assembly: { select: { networkId: true } } },
    });
    if (!poll) throw new DomainError("notFound", "assemblies.error.notFound");
    if (poll.kind !== "election" || poll.status !== "published") throw conflict("notPublished");
    const networkId = poll.assembly.networkId;
    const already = await tx.committeeSeat.count({ where: { electedInPollId: pollId } });
    if (already > 0) throw conflict("alreadyInstalled");
    // The elected are read from the published result, never from a form.
    if ((poll.result as { election?: { ties?: unknown[] } } | null)?.election?.ties?.length) throw conflict("tieUndecided");
    const elected = electedOf(poll.result);
    await tx.committeeSeat.updateMany({ where: { networkId, endedAt: null }, data: { endedAt: now() } });
    await tx.committeeSeat.createMany({
      data: elected.map((e) => ({
        networkId,
        organisationId: e.organisationId,
        college: e.college,
        mandateFrom: input.mandateFrom,
        mandateTo: input.mandateTo ?? null,
        electedInPollId: pollId,
      })),
    });
    await syncCommitteeMemberships(tx, networkId, actorId);
    await audit(tx, { networkId, actorId, action: "committee.install", entityType: "Poll", entityId: pollId, after: { seats: elected.length } });
  });
}
