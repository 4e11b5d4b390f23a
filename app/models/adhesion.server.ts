// Adhesions to the charter and the membership they give. Membership is never typed by hand: it is
// derived here from the adhesions and the current version (docs/decisions/008-charter.md).
//
//   member     a valid adhesion to the current version
//   to_renew   a valid adhesion to an earlier version only, and the current version's deadline
//              is not past (still a member until then)
//   lapsed     the same, once the deadline has passed
//   withdrawn  the organisation ended its adhesion (suspended: a coordinator did)
//   applicant  none of the above (never signed, or a paper copy awaiting review)
import type { Prisma } from "#app/generated/prisma/client";
import { audit } from "#app/utils/audit.server";
import { addDays, dateKey, formatDate, todayInBrussels } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { ORGANISATION_KINDS } from "#app/utils/domain";
import { emailLayout, sendEmail } from "#app/utils/email.server";
import { getEnv } from "#app/utils/env.server";
import { invalid, notFound } from "#app/utils/errors.server";
import { isLocale, makeT } from "#app/utils/i18n";

import { acceptedVersionIds, currentVersion, delegatesOfOrganisationsToRenew, memberWhere, publishedChain, type PublishedVersionFact } from "./charter.server";

type Tx = Prisma.TransactionClient;

export const MEMBERSHIP_STATUSES = ["applicant", "member", "to_renew", "lapsed", "withdrawn", "suspended"] as const;
export type MembershipKind = (typeof MEMBERSHIP_STATUSES)[number];

export type MembershipStatus = {
  kind: MembershipKind;
  /** member / to_renew: the day the counted adhesion was signed */
  since?: string;
  /** to_renew / lapsed: the current version's deadline */
  deadline?: string;
  /** withdrawn / suspended: when and why */
  endedAt?: string;
  reason?: string | null;
  /** a paper copy awaiting the coordinator, or an online adhesion to the current version */
  pendingPaper?: boolean;
  signedVersion?: number;
};

export type AdhesionFact = {
  charterVersionId: string;
  versionNumber: number;
  status: string; // pending | valid | rejected | ended
  signedOn: Date;
  endedAt: Date | null;
  endKind: string | null;
  endReason: string | null;
};

/**
 * The membership an organisation's adhesions give at `at`, from the network's published versions
 * (oldest first). Pure: tests move `at`. memberWhere (charter.server.ts) is the same rule in SQL.
 */
export function deriveMembership(chain: PublishedVersionFact[], adhesions: AdhesionFact[], at: Date): MembershipStatus {
  const current = chain.at(-1);
  const pendingPaper = adhesions.some((a) => a.status === "pending" && a.charterVersionId === current?.id);
  const valid = adhesions.filter((a) => a.status === "valid").sort((a, b) => b.versionNumber - a.versionNumber || +b.signedOn - +a.signedOn);
  if (current) {
    const onCurrent = valid.find((a) => a.charterVersionId === current.id);
    if (onCurrent) return { kind: "member", since: dateKey(onCurrent.signedOn), signedVersion: current.number };
    const earlier = valid[0];
    if (earlier) {
      const deadline = current.adhesionDeadline ? dateKey(current.adhesionDeadline) : undefined;
      const accepted = acceptedVersionIds(chain, at);
      const renewing = valid.find((a) => accepted.includes(a.charterVersionId));
      if (renewing) return { kind: "to_renew", since: dateKey(renewing.signedOn), deadline, signedVersion: renewing.versionNumber, pendingPaper };
      return { kind: "lapsed", since: dateKey(earlier.signedOn), deadline, signedVersion: earlier.versionNumber, pendingPaper };
    }
  }
  const ended = adhesions.filter((a) => a.status === "ended" && a.endedAt).sort((a, b) => +b.endedAt! - +a.endedAt!)[0];
  if (ended && !pendingPaper) {
    return { kind: ended.endKind === "suspended" ? "suspended" : "withdrawn", endedAt: ended.endedAt!.toISOString(), reason: ended.endReason };
  }
  return { kind: "applicant", pendingPaper };
}

/** Member organisations join groups and vote: members, and those still within their renewal time. */
export function isMember(status: MembershipStatus) {
  return status.kind === "member" || status.kind === "to_renew";
}

const adhesionFactSelect = {
  organisationId: true,
  charterVersionId: true,
  status: true,
  signedOn: true,
  endedAt: true,
  endKind: true,
  endReason: true,
  charterVersion: { select: { number: true } },
} satisfies Prisma.AdhesionSelect;

/** Membership of each given organisation in the network (two queries whatever their number). */
export async function membershipStatuses(networkId: string, organisationIds: string[], at = now()) {
  const chain = await publishedChain(networkId);
  const rows = organisationIds.length
    ? await prisma.adhesion.findMany({ where: { networkId, organisationId: { in: organisationIds } }, select: adhesionFactSelect })
    : [];
  const byOrg = new Map<string, AdhesionFact[]>();
  for (const r of rows) {
    const list = byOrg.get(r.organisationId) ?? [];
    list.push({ ...r, versionNumber: r.charterVersion.number });
    byOrg.set(r.organisationId, list);
  }
  return new Map(organisationIds.map((id) => [id, deriveMembership(chain, byOrg.get(id) ?? [], at)]));
}

/**
 * The network's organisations counted by the one membership rule, for every page that gives a
 * number: `inDirectory` (every organisation listed), `members` (members and those within their
 * renewal time: they join groups and vote), and each status.
 */
export async function membershipCounts(networkId: string, at = now()) {
  const ids = (await prisma.networkOrganisation.findMany({ where: { networkId }, select: { organisationId: true } })).map((r) => r.organisationId);
  const statuses = await membershipStatuses(networkId, ids, at);
  const byKind = Object.fromEntries(MEMBERSHIP_STATUSES.map((kind) => [kind, 0])) as Record<MembershipKind, number>;
  let members = 0;
  for (const status of statuses.values()) {
    byKind[status.kind] += 1;
    if (isMember(status)) members += 1;
  }
  return { inDirectory: ids.length, members, byKind };
}

export async function membershipStatus(networkId: string, organisationId: string, at = now()) {
  return (await membershipStatuses(networkId, [organisationId], at)).get(organisationId)!;
}

export { memberWhere };

// --- Signing ------------------------------------------------------------------------------------

export type SignatureInput = {
  signatoryName: string;
  signatoryFunction: string;
  signedOn: Date;
};

function activeKey(organisationId: string, versionId: string) {
  return `${organisationId}:${versionId}`;
}

function isUniqueViolation(error: unknown) {
  return !!error && typeof error === "object" && (error as { code?: unknown }).code === "P2002";
}

/**
 * The version being signed must still be the current one (the person read `fingerprint`), the
 * date must not be in the future nor before the version was published.
 */
async function checkSignable(tx: Tx, networkId: string, fingerprint: string, signedOn: Date) {
  const current = await currentVersion(networkId, tx);
  if (!current) throw invalid("charter.error.noCharter");
  if (current.fingerprint !== fingerprint) throw invalid("charter.error.newerVersion");
  const day = dateKey(signedOn);
  if (day > todayInBrussels(now())) throw invalid("charter.error.signedInFuture", "signedOn");
  if (current.publishedAt && day < todayInBrussels(current.publishedAt)) throw invalid("charter.error.signedBeforePublication", "signedOn");
  return current;
}

export type ScanInput = { path: string; type: string; size: number; name: string };

/**
 * Records an adhesion to the current version: online (valid at once) or with a scan of the
 * paper charter (pending until a coordinator validates it). A second active adhesion of the
 * organisation to the version, even a concurrent one, becomes a clear error.
 */
async function adhere(networkId: string, organisationId: string, actorId: string, fingerprint: string, input: SignatureInput, scan?: ScanInput) {
  return transaction(async (tx) => {
    const version = await checkSignable(tx, networkId, fingerprint, input.signedOn);
    const signatory = { signatoryName: input.signatoryName.trim(), signatoryFunction: input.signatoryFunction.trim() };
    let adhesion;
    try {
      adhesion = await tx.adhesion.create({
        data: {
          networkId,
          organisationId,
          charterVersionId: version.id,
          method: scan ? "paper" : "online",
          status: scan ? "pending" : "valid",
          activeKey: activeKey(organisationId, version.id),
          ...signatory,
          signedOn: input.signedOn,
          fingerprint: version.fingerprint!,
          submittedById: actorId,
          ...(scan ? { scanPath: scan.path, scanType: scan.type, scanSize: scan.size, scanName: scan.name } : {}),
          createdAt: now(),
        },
        select: { id: true },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw invalid("charter.error.alreadySigned");
      throw error;
    }
    await audit(tx, {
      networkId,
      actorId,
      action: scan ? "adhesion.upload" : "adhesion.sign",
      entityType: "organisation",
      entityId: organisationId,
      after: scan
        ? { version: version.number, signatoryName: signatory.signatoryName, file: scan.name, type: scan.type, size: scan.size }
        : { version: version.number, fingerprint: version.fingerprint, ...signatory, signedOn: dateKey(input.signedOn) },
    });
    return { id: adhesion.id, versionNumber: version.number };
  });
}

/** An online signature: valid at once. */
export function signOnline(networkId: string, organisationId: string, actorId: string, fingerprint: string, input: SignatureInput) {
  return adhere(networkId, organisationId, actorId, fingerprint, input);
}

/** A scan of the signed paper charter: counts once a coordinator validates it. */
export function submitPaper(networkId: string, organisationId: string, actorId: string, fingerprint: string, input: SignatureInput, scan: ScanInput) {
  return adhere(networkId, organisationId, actorId, fingerprint, input, scan);
}

/** A coordinator validates a paper adhesion, or rejects it with a reason (the organisation may send another). */
export async function reviewPaper(networkId: string, adhesionId: string, actorId: string, decision: { accept: true } | { accept: false; reason: string }) {
  return transaction(async (tx) => {
    const adhesion = await tx.adhesion.findFirst({
      where: { id: adhesionId, networkId },
      select: { id: true, status: true, method: true, organisationId: true },
    });
    if (!adhesion || adhesion.method !== "paper") throw notFound();
    if (adhesion.status !== "pending") throw invalid("charter.error.alreadyReviewed");
    const data = decision.accept
      ? { status: "valid", reviewedById: actorId, reviewedAt: now() }
      : { status: "rejected", activeKey: null, rejectionReason: decision.reason.trim(), reviewedById: actorId, reviewedAt: now() };
    // Only a pending row moves: a concurrent review finds nothing to update.
    const moved = await tx.adhesion.updateMany({ where: { id: adhesionId, status: "pending" }, data });
    if (moved.count !== 1) throw invalid("charter.error.alreadyReviewed");
    if (!decision.accept) await emailRejection(tx, networkId, adhesion.organisationId, decision.reason.trim());
    await audit(tx, {
      networkId,
      actorId,
      action: decision.accept ? "adhesion.validate" : "adhesion.reject",
      entityType: "organisation",
      entityId: adhesion.organisationId,
      after: decision.accept ? { adhesion: adhesionId } : { adhesion: adhesionId, reason: decision.reason.trim() },
    });
    return adhesion.organisationId;
  });
}

/** The organisation's signing delegates learn why their scan was refused, and how to send another. */
async function emailRejection(tx: Tx, networkId: string, organisationId: string, reason: string) {
  const [network, org] = await Promise.all([
    tx.network.findUniqueOrThrow({ where: { id: networkId }, select: { slug: true, name: true } }),
    tx.organisation.findUniqueOrThrow({
      where: { id: organisationId },
      select: { name: true, delegates: { where: { role: { in: ["titular", "substitute"] } }, select: { user: { select: { email: true, locale: true } } } } },
    }),
  ]);
  for (const { user } of org.delegates) {
    const t = makeT(isLocale(user.locale) ? user.locale : "fr");
    const { html, text } = emailLayout({
      title: t("charter.email.rejected.title", { network: network.name }),
      paragraphs: [t("charter.email.rejected.body", { organisation: org.name }), t("charter.status.reason", { reason })],
      action: { label: t("charter.email.readAndSign"), url: `${getEnv().appUrl}/${network.slug}/charter` },
    });
    await sendEmail({ to: user.email, subject: t("charter.email.rejected.subject", { network: network.name }), html, text, networkId }, tx);
  }
}

/**
 * Ends the organisation's membership: withdrawn by its titular delegate, or suspended by a
 * coordinator. Every active adhesion (valid or pending) ends; history is kept.
 */
export async function endMembership(networkId: string, organisationId: string, actorId: string, kind: "withdrawn" | "suspended", reason: string) {
  return transaction(async (tx) => {
    const ended = await tx.adhesion.updateMany({
      where: { networkId, organisationId, status: { in: ["valid", "pending"] } },
      data: { status: "ended", activeKey: null, endedAt: now(), endKind: kind, endReason: reason.trim() || null, endedById: actorId },
    });
    if (ended.count === 0) throw invalid("charter.error.nothingToEnd");
    await audit(tx, {
      networkId,
      actorId,
      action: kind === "withdrawn" ? "adhesion.withdraw" : "adhesion.suspend",
      entityType: "organisation",
      entityId: organisationId,
      after: { reason: reason.trim() || null },
    });
  });
}

// --- Renewal: who has re-signed, reminders --------------------------------------------------------

/** Reminder rounds before the deadline of a new version, in days. */
export const REMINDER_DAYS = [14, 3] as const;

async function sendRenewalReminders(tx: Tx, networkId: string, version: { id: string; number: number; adhesionDeadline: Date }) {
  const recipients = await delegatesOfOrganisationsToRenew(tx, networkId, version.id);
  const network = await tx.network.findUniqueOrThrow({ where: { id: networkId }, select: { slug: true, name: true } });
  for (const r of recipients) {
    const t = makeT(isLocale(r.locale) ? r.locale : "fr");
    const deadline = formatDate(version.adhesionDeadline, t.locale);
    const { html, text } = emailLayout({
      title: t("charter.email.reminder.title", { network: network.name }),
      paragraphs: [t("charter.email.reminder.body", { organisation: r.organisationName, deadline, number: version.number })],
      action: { label: t("charter.email.readAndSign"), url: `${getEnv().appUrl}/${network.slug}/charter` },
    });
    await sendEmail({ to: r.email, subject: t("charter.email.reminder.subject", { network: network.name, deadline }), html, text, networkId }, tx);
  }
  return recipients.length;
}

/**
 * Sends the reminder rounds that are due at `at`: 14 and 3 days before the deadline of each
 * network's current version. A round is recorded before it is sent (unique per version and
 * round), so two workers never send it twice; a round whose day had passed when the version was
 * published, or that a later round overtook, is recorded as skipped. Run hourly by the
 * "charter.reminders" schedule (app/jobs/schedules.server.ts).
 */
export async function sendDueReminders(at = now()) {
  const today = todayInBrussels(at);
  const versions = await prisma.charterVersion.findMany({
    where: { status: "published", adhesionDeadline: { gte: new Date(`${today}T00:00:00.000Z`) } },
    select: { id: true, networkId: true, number: true, adhesionDeadline: true, publishedAt: true, reminders: { select: { kind: true } } },
  });
  let sent = 0;
  for (const v of versions) {
    const current = await currentVersion(v.networkId);
    if (current?.id !== v.id) continue; // superseded before its deadline
    const deadline = dateKey(v.adhesionDeadline!);
    const done = new Set(v.reminders.map((r) => r.kind));
    // The most urgent round that is due; rounds before it are skipped.
    const due = REMINDER_DAYS.filter((days) => today >= addDays(deadline, -days));
    if (due.length === 0) continue;
    const round = Math.min(...due);
    const publishedDay = todayInBrussels(v.publishedAt!);
    try {
      sent += await transaction(async (tx) => {
        let count = 0;
        for (const days of due) {
          const kind = `d${days}`;
          if (done.has(kind)) continue;
          const skip = days !== round || addDays(deadline, -days) <= publishedDay;
          const recipients = skip ? 0 : await sendRenewalReminders(tx, v.networkId, { id: v.id, number: v.number, adhesionDeadline: v.adhesionDeadline! });
          await tx.charterReminder.create({ data: { charterVersionId: v.id, kind, recipients, sentAt: now() } });
          count += recipients;
        }
        return count;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // another worker recorded the round first
    }
  }
  return sent;
}

/** A coordinator reminds now the organisations that have not re-signed. */
export async function remindNow(networkId: string, actorId: string) {
  return transaction(async (tx) => {
    const current = await currentVersion(networkId, tx);
    if (!current?.adhesionDeadline) throw invalid("charter.error.nothingToRemind");
    if (dateKey(current.adhesionDeadline) < todayInBrussels(now())) throw invalid("charter.error.deadlinePassed");
    const recipients = await sendRenewalReminders(tx, networkId, { id: current.id, number: current.number, adhesionDeadline: current.adhesionDeadline });
    await tx.charterReminder.create({ data: { charterVersionId: current.id, kind: `manual-${now().toISOString()}`, recipients, sentAt: now() } });
    await audit(tx, { networkId, actorId, action: "adhesion.remind", entityType: "charterVersion", entityId: current.id, after: { recipients } });
    return recipients;
  });
}

const kindOrder = (kind: string) => {
  const i = (ORGANISATION_KINDS as readonly string[]).indexOf(kind);
  return i === -1 ? ORGANISATION_KINDS.length : i;
};

export type Signatory = { id: string; slug: string; name: string; kind: string; commune: string; signedOn: string; versionNumber: number };

/**
 * The member organisations (members and those within their renewal time) with the date of the
 * adhesion that counts, sorted by kind then name: the public list and the PDF group them by kind.
 */
export async function signatories(networkId: string, at = now()): Promise<Signatory[]> {
  // One read of the adhesions that count today (no per-organisation sub-query): the page lists
  // every member of a network that may have hundreds.
  const accepted = acceptedVersionIds(await publishedChain(networkId), at);
  if (accepted.length === 0) return [];
  const rows = await prisma.adhesion.findMany({
    where: { networkId, status: "valid", charterVersionId: { in: accepted }, organisation: { networks: { some: { networkId } } } },
    select: {
      signedOn: true,
      charterVersion: { select: { number: true } },
      organisation: { select: { id: true, slug: true, name: true, kind: true, commune: true, searchText: true } },
    },
  });
  // The adhesion that counts: to the newest version, then the latest signed.
  const best = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const seen = best.get(r.organisation.id);
    if (
      !seen ||
      r.charterVersion.number > seen.charterVersion.number ||
      (r.charterVersion.number === seen.charterVersion.number && r.signedOn > seen.signedOn)
    ) {
      best.set(r.organisation.id, r);
    }
  }
  return [...best.values()]
    .sort((a, b) => kindOrder(a.organisation.kind) - kindOrder(b.organisation.kind) || a.organisation.searchText.localeCompare(b.organisation.searchText))
    .map(({ organisation: o, signedOn, charterVersion }) => ({
      id: o.id,
      slug: o.slug,
      name: o.name,
      kind: o.kind,
      commune: o.commune,
      signedOn: dateKey(signedOn),
      versionNumber: charterVersion.number,
    }));
}
