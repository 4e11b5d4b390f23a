// Charter versions: a coordinator writes a draft, then publishes it. Publishing freezes the text
// (a database trigger refuses any later change), stores its SHA-256 fingerprint and, for a version
// after the first, asks every member organisation to adhere again before a deadline.
import type { Prisma } from "#app/generated/prisma/client";
import { audit } from "#app/utils/audit.server";
import { dateKey, formatDate, todayInBrussels } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { emailLayout, sendEmail } from "#app/utils/email.server";
import { getEnv } from "#app/utils/env.server";
import { invalid, notFound } from "#app/utils/errors.server";
import { isLocale, makeT } from "#app/utils/i18n";
import { fingerprintOf, sanitizeRichText } from "#app/utils/rich-text.server";

type Tx = Prisma.TransactionClient;

export const charterVersionSelect = {
  id: true,
  number: true,
  title: true,
  body: true,
  changeSummary: true,
  effectiveOn: true,
  status: true,
  publishedAt: true,
  fingerprint: true,
  adhesionDeadline: true,
} satisfies Prisma.CharterVersionSelect;

export type CharterVersionInput = { title: string; body: string; changeSummary: string; effectiveOn: Date };

/** The version organisations adhere to today: the last one published (null before the first). */
export function currentVersion(networkId: string, tx: Pick<Tx, "charterVersion"> = prisma) {
  return tx.charterVersion.findFirst({
    where: { networkId, status: "published" },
    orderBy: { number: "desc" },
    select: charterVersionSelect,
  });
}

export function publishedVersions(networkId: string) {
  return prisma.charterVersion.findMany({
    where: { networkId, status: "published" },
    orderBy: { number: "desc" },
    select: { id: true, number: true, title: true, changeSummary: true, effectiveOn: true, publishedAt: true, fingerprint: true, adhesionDeadline: true },
  });
}

/** A new draft, numbered after the last version. One draft at a time. */
export async function createDraft(tx: Tx, networkId: string, actorId: string, input: CharterVersionInput) {
  const existing = await tx.charterVersion.findFirst({ where: { networkId, status: "draft" }, select: { id: true } });
  if (existing) throw invalid("charter.error.draftExists");
  const last = await tx.charterVersion.findFirst({ where: { networkId }, orderBy: { number: "desc" }, select: { number: true } });
  const version = await tx.charterVersion.create({
    data: { networkId, number: (last?.number ?? 0) + 1, ...clean(input), createdById: actorId },
    select: { id: true, number: true, title: true },
  });
  await audit(tx, {
    networkId,
    actorId,
    action: "charter.draft",
    entityType: "charterVersion",
    entityId: version.id,
    after: { number: version.number, title: version.title },
  });
  return version;
}

function clean(input: CharterVersionInput) {
  return { title: input.title.trim(), body: sanitizeRichText(input.body), changeSummary: input.changeSummary.trim(), effectiveOn: input.effectiveOn };
}

export async function updateDraft(tx: Tx, networkId: string, actorId: string, versionId: string, input: CharterVersionInput) {
  const version = await tx.charterVersion.findFirst({
    where: { id: versionId, networkId },
    select: { status: true, title: true, body: true, changeSummary: true },
  });
  if (!version) throw notFound();
  if (version.status !== "draft") throw invalid("charter.error.frozen");
  const data = clean(input);
  await tx.charterVersion.update({ where: { id: versionId }, data });
  await audit(tx, {
    networkId,
    actorId,
    action: "charter.update",
    entityType: "charterVersion",
    entityId: versionId,
    before: { title: version.title, changeSummary: version.changeSummary },
    after: { title: data.title, changeSummary: data.changeSummary, bodyChanged: data.body !== version.body },
  });
}

export async function deleteDraft(tx: Tx, networkId: string, actorId: string, versionId: string) {
  const version = await tx.charterVersion.findFirst({ where: { id: versionId, networkId }, select: { status: true, number: true } });
  if (!version) throw notFound();
  if (version.status !== "draft") throw invalid("charter.error.frozen");
  await tx.charterVersion.delete({ where: { id: versionId } });
  await audit(tx, { networkId, actorId, action: "charter.deleteDraft", entityType: "charterVersion", entityId: versionId, before: { number: version.number } });
}

/**
 * Publishes a draft. For a version after the first, `adhesionDeadline` is required and every
 * member organisation's titular and substitute delegates get an e-mail with the summary of
 * changes. Returns how many e-mails were queued.
 */
export async function publishVersion(tx: Tx, networkId: string, actorId: string, versionId: string, options: { adhesionDeadline: Date | null }) {
  const version = await tx.charterVersion.findFirst({
    where: { id: versionId, networkId },
    select: { id: true, number: true, status: true, title: true, body: true, changeSummary: true },
  });
  if (!version) throw notFound();
  if (version.status !== "draft") throw invalid("charter.error.frozen");
  if (!sanitizeRichText(version.body)) throw invalid("charter.error.emptyBody", "body");
  const previous = await currentVersion(networkId, tx);
  if (previous && !options.adhesionDeadline) throw invalid("charter.error.deadlineRequired", "adhesionDeadline");
  if (options.adhesionDeadline && dateKey(options.adhesionDeadline) <= todayInBrussels(now())) throw invalid("charter.error.deadlinePast", "adhesionDeadline");
  const fingerprint = fingerprintOf(version.title, version.body);
  // The members of the versions published so far are asked to sign the new one.
  const recipients = previous ? await delegatesOfOrganisationsToRenew(tx, networkId, version.id) : [];
  await tx.charterVersion.update({
    where: { id: version.id },
    data: { status: "published", publishedAt: now(), fingerprint, adhesionDeadline: previous ? options.adhesionDeadline : null },
  });
  await audit(tx, {
    networkId,
    actorId,
    action: "charter.publish",
    entityType: "charterVersion",
    entityId: version.id,
    after: { number: version.number, fingerprint, adhesionDeadline: options.adhesionDeadline },
  });
  if (!previous) return 0;
  const network = await tx.network.findUniqueOrThrow({ where: { id: networkId }, select: { slug: true, name: true } });
  for (const r of recipients) {
    const t = makeT(isLocale(r.locale) ? r.locale : "fr");
    const deadline = formatDate(options.adhesionDeadline!, t.locale);
    const { html, text } = emailLayout({
      title: t("charter.email.newVersion.title", { network: network.name, number: version.number }),
      paragraphs: [
        t("charter.email.newVersion.intro", { organisation: r.organisationName, deadline }),
        ...(version.changeSummary ? [t("charter.email.newVersion.summary"), version.changeSummary] : []),
      ],
      action: { label: t("charter.email.readAndSign"), url: `${getEnv().appUrl}/${network.slug}/charter` },
    });
    await sendEmail({ to: r.email, subject: t("charter.email.newVersion.subject", { network: network.name, deadline }), html, text, networkId }, tx);
  }
  return recipients.length;
}

export type PublishedVersionFact = { id: string; number: number; publishedAt: Date | null; adhesionDeadline: Date | null };

/** The network's published versions, oldest first: what membership is derived from. */
export function publishedChain(networkId: string, tx: Pick<Tx, "charterVersion"> = prisma): Promise<PublishedVersionFact[]> {
  return tx.charterVersion.findMany({
    where: { networkId, status: "published" },
    orderBy: { number: "asc" },
    select: { id: true, number: true, publishedAt: true, adhesionDeadline: true },
  });
}

/**
 * The versions whose valid adhesion makes an organisation a member at `at`: the current one
 * always; while the current deadline runs, the previous one too (the organisation is "to renew");
 * and, going back, an older one as long as each newer version was published before the deadline of
 * the one it replaced (an organisation still renewing when a newer version came out keeps renewing).
 */
export function acceptedVersionIds(chain: PublishedVersionFact[], at: Date): string[] {
  const last = chain.length - 1;
  if (last < 0) return [];
  const ids = [chain[last].id];
  const inTime = (deadline: Date | null, day: string) => !!deadline && day <= dateKey(deadline);
  if (last === 0 || !inTime(chain[last].adhesionDeadline, todayInBrussels(at))) return ids;
  ids.push(chain[last - 1].id);
  for (let i = last - 1; i >= 1; i--) {
    const replacedOn = chain[i + 1].publishedAt;
    if (!replacedOn || !inTime(chain[i].adhesionDeadline, todayInBrussels(replacedOn))) break;
    ids.push(chain[i - 1].id);
  }
  return ids;
}

/**
 * Organisations that are members (or within their renewal time) at `at`, as a where clause: the
 * directory's "members only" filter, the signatories and the renewal e-mails use it;
 * deriveMembership (adhesion.server.ts) applies the same rule to one organisation.
 */
export async function memberWhere(networkId: string, at = now(), tx: Pick<Tx, "charterVersion"> = prisma): Promise<Prisma.OrganisationWhereInput> {
  const ids = acceptedVersionIds(await publishedChain(networkId, tx), at);
  return { adhesions: { some: { networkId, status: "valid", charterVersionId: { in: ids } } } };
}

/**
 * Titular and substitute delegates of the organisations that are members at `at` (by the versions
 * published so far) and have no active adhesion to `versionId`: the people who must sign it. Called
 * before a version is published (its announcement) and while it is current (the reminders).
 */
export async function delegatesOfOrganisationsToRenew(tx: Pick<Tx, "organisation" | "charterVersion">, networkId: string, versionId: string, at = now()) {
  const members = await memberWhere(networkId, at, tx);
  const orgs = await tx.organisation.findMany({
    where: {
      AND: [{ networks: { some: { networkId } } }, members],
      NOT: { adhesions: { some: { charterVersionId: versionId, status: { in: ["valid", "pending"] } } } },
    },
    select: {
      id: true,
      name: true,
      delegates: { where: { role: { in: ["titular", "substitute"] } }, select: { user: { select: { email: true, locale: true } } } },
    },
  });
  return orgs.flatMap((o) => o.delegates.map((d) => ({ organisationId: o.id, organisationName: o.name, email: d.user.email, locale: d.user.locale })));
}
