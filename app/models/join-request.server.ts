// Requests to join a network from its public form, and the coordinator's decision on them.
// A request is only a request: nothing enters the directory until a coordinator accepts it; the
// organisation then exists as an "applicant" and becomes a member once it signs the charter
// (app/models/adhesion.server.ts derives that). Every decision is claimed with a conditional
// update on status "pending", so two coordinators deciding at once decide once.
import type { Prisma } from "#app/generated/prisma/client";
import { isMember, membershipStatuses } from "#app/models/adhesion.server";
import { createInvitation } from "#app/models/invitation.server";
import { createOrganisation } from "#app/models/organisation.server";
import { audit } from "#app/utils/audit.server";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { foldText } from "#app/utils/domain";
import { emailLayout, sendEmail } from "#app/utils/email.server";
import { getEnv } from "#app/utils/env.server";
import { invalid } from "#app/utils/errors.server";
import { isLocale, type Locale, makeT } from "#app/utils/i18n";

type Tx = Prisma.TransactionClient;
type Db = Pick<typeof prisma, "organisation">;

/**
 * Valid submissions per client address and hour. Only requests that pass validation count, so
 * a person correcting a mistake is not refused, and an empty form costs nothing to refuse.
 */
export const JOIN_RATE_LIMIT = { limit: 5, windowMs: 60 * 60 * 1000 };

export type JoinRequestInput = {
  organisationName: string;
  kind: string;
  street: string;
  postalCode: string;
  commune: string;
  website?: string | null;
  phone?: string | null;
  contactName: string;
  contactEmail: string;
  contactFunction: string;
  motivation: string;
};

type NetworkInfo = { id: string; slug: string; name: string };

/** Organisations of the network whose name is the same once case, accents and spaces are folded. */
export async function organisationsNamed(networkId: string, name: string, db: Db = prisma) {
  const folded = foldText(name);
  // searchText starts with the folded name (organisation.server.ts#searchTextOf): a cheap
  // narrowing in SQL (a LIKE wildcard in a name only widens it), then the exact comparison here.
  const candidates = await db.organisation.findMany({
    where: { networks: { some: { networkId } }, searchText: { startsWith: folded } },
    select: { id: true, slug: true, name: true },
    orderBy: { name: "asc" },
  });
  return candidates.filter((o) => foldText(o.name) === folded);
}

const localeOf = (value: string | null | undefined): Locale => (isLocale(value) ? value : "fr");
const appUrl = () => getEnv().appUrl;

/**
 * Stores a request (status pending) and, in the same transaction, queues an e-mail to each
 * coordinator of the network (flagging a name already in the network) and an acknowledgement
 * to the contact in the language of the page they used.
 */
export async function submitJoinRequest(network: NetworkInfo, input: JoinRequestInput, locale: Locale) {
  return transaction(async (tx) => {
    const request = await tx.joinRequest.create({
      data: {
        networkId: network.id,
        organisationName: input.organisationName,
        kind: input.kind,
        street: input.street,
        postalCode: input.postalCode,
        commune: input.commune,
        website: input.website || null,
        phone: input.phone || null,
        contactName: input.contactName,
        contactEmail: input.contactEmail,
        contactFunction: input.contactFunction,
        motivation: input.motivation,
        locale,
      },
      select: { id: true },
    });
    const sameName = await organisationsNamed(network.id, input.organisationName, tx);
    const coordinators = await tx.networkCoordinator.findMany({
      where: { networkId: network.id },
      select: { user: { select: { email: true, locale: true } } },
    });
    const link = `${appUrl()}/${network.slug}/admin/join-requests/${request.id}`;
    for (const { user } of coordinators) {
      const t = makeT(localeOf(user.locale));
      const vars = {
        network: network.name,
        organisation: input.organisationName,
        kind: t.pick("org.kind", input.kind),
        commune: input.commune,
        contact: input.contactName,
        function: input.contactFunction,
        email: input.contactEmail,
      };
      const body = emailLayout({
        title: t("join.email.coordinator.title"),
        paragraphs: [
          t("join.email.coordinator.body", vars),
          ...(sameName.length ? [t("join.email.coordinator.duplicate", { existing: sameName.map((o) => o.name).join(", ") })] : []),
          t("join.email.coordinator.motivation"),
          input.motivation,
        ],
        action: { label: t("join.email.coordinator.action"), url: link },
      });
      await sendEmail({ to: user.email, subject: t("join.email.coordinator.subject", vars), networkId: network.id, ...body }, tx);
    }
    const t = makeT(locale);
    const vars = { network: network.name, organisation: input.organisationName, contact: input.contactName };
    const ack = emailLayout({
      title: t("join.email.ack.title"),
      paragraphs: [t("join.email.ack.body", vars), t("join.email.ack.next"), t("join.email.ack.ignore")],
      action: { label: t("join.email.ack.action"), url: `${appUrl()}/${network.slug}/charter` },
    });
    await sendEmail({ to: input.contactEmail, subject: t("join.email.ack.subject", vars), networkId: network.id, ...ack }, tx);
    // The log names the organisation, not the person who wrote.
    await audit(tx, {
      networkId: network.id,
      actorId: null,
      action: "joinRequest.create",
      entityType: "joinRequest",
      entityId: request.id,
      after: { name: input.organisationName, kind: input.kind, commune: input.commune },
    });
    return { id: request.id, sameName };
  });
}

/** Marks the request decided if, and only if, it is still pending. */
async function claim(tx: Tx, networkId: string, requestId: string, actorId: string, data: Prisma.JoinRequestUpdateManyMutationInput) {
  const claimed = await tx.joinRequest.updateMany({
    where: { id: requestId, networkId, status: "pending" },
    data: { ...data, decidedById: actorId, decidedAt: now() },
  });
  if (claimed.count !== 1) throw invalid("join.error.alreadyDecided");
  return tx.joinRequest.findUniqueOrThrow({ where: { id: requestId } });
}

type Decision = { networkId: string; requestId: string; actorId: string };

/**
 * Accepts a pending request: creates the organisation in the network with the address and
 * contacts given (or uses `existingOrganisationId`, an organisation of the network), invites the
 * contact as its titular delegate through the usual invitation (unless they already are), and
 * tells the contact that the organisation is an applicant until it signs the charter.
 */
export async function acceptJoinRequest(decision: Decision & { existingOrganisationId?: string | null }) {
  // Read before the transaction (membershipStatuses reads outside it; PGlite has one connection).
  // An existing organisation may already be a member: then there is nothing to sign yet.
  const existingIsMember = decision.existingOrganisationId
    ? isMember((await membershipStatuses(decision.networkId, [decision.existingOrganisationId])).get(decision.existingOrganisationId)!)
    : false;
  return transaction(async (tx) => {
    const request = await claim(tx, decision.networkId, decision.requestId, decision.actorId, { status: "accepted" });
    const network = await tx.network.findUniqueOrThrow({ where: { id: decision.networkId }, select: { id: true, slug: true, name: true } });
    let organisation: { id: string; slug: string; name: string };
    let created = false;
    if (decision.existingOrganisationId) {
      const existing = await tx.organisation.findFirst({
        where: { id: decision.existingOrganisationId, networks: { some: { networkId: network.id } } },
        select: { id: true, slug: true, name: true },
      });
      // Thrown inside the transaction: the claim above is rolled back with it.
      if (!existing) throw invalid("join.error.organisationGone");
      organisation = existing;
    } else {
      organisation = await createOrganisation(tx, network.id, decision.actorId, {
        name: request.organisationName,
        kind: request.kind,
        street: request.street,
        postalCode: request.postalCode,
        commune: request.commune,
        website: request.website,
        phone: request.phone,
        email: request.contactEmail,
      });
      created = true;
    }
    await tx.joinRequest.update({ where: { id: request.id }, data: { organisationId: organisation.id } });

    const email = request.contactEmail.trim().toLowerCase();
    const alreadyTitular = await tx.delegate.findFirst({
      where: { organisationId: organisation.id, role: "titular", user: { email } },
      select: { userId: true },
    });
    const locale = localeOf(request.locale);
    if (!alreadyTitular) {
      await createInvitation(tx, { networkId: network.id, organisationId: organisation.id, email, role: "titular", invitedById: decision.actorId, locale });
    }

    const member = !created && existingIsMember;
    const t = makeT(locale);
    const vars = { network: network.name, organisation: organisation.name, contact: request.contactName };
    const body = emailLayout({
      title: t(member ? "join.email.accepted.titleMember" : "join.email.accepted.title", vars),
      paragraphs: [
        t(member ? "join.email.accepted.bodyMember" : "join.email.accepted.body", vars),
        t(alreadyTitular ? "join.email.accepted.alreadyDelegate" : "join.email.accepted.invitation"),
        ...(member ? [] : [t("join.email.accepted.sign")]),
      ],
      action: { label: t(member ? "join.email.ack.action" : "join.email.accepted.action"), url: `${appUrl()}/${network.slug}/charter` },
    });
    await sendEmail({ to: email, subject: t("join.email.accepted.subject", vars), networkId: network.id, ...body }, tx);

    await audit(tx, {
      networkId: network.id,
      actorId: decision.actorId,
      action: "joinRequest.accept",
      entityType: "joinRequest",
      entityId: request.id,
      before: { status: "pending" },
      after: { status: "accepted", organisationId: organisation.id, name: organisation.name, created },
    });
    return { organisation, created, member, invited: !alreadyTitular, email };
  });
}

/** Declines a pending request; the coordinator's message is e-mailed to the contact. */
export async function declineJoinRequest(decision: Decision & { message: string }) {
  return transaction(async (tx) => {
    const request = await claim(tx, decision.networkId, decision.requestId, decision.actorId, { status: "declined", decisionMessage: decision.message });
    const network = await tx.network.findUniqueOrThrow({ where: { id: decision.networkId }, select: { name: true } });
    const t = makeT(localeOf(request.locale));
    const vars = { network: network.name, organisation: request.organisationName, contact: request.contactName };
    const body = emailLayout({
      title: t("join.email.declined.title", vars),
      paragraphs: [t("join.email.declined.body", vars), decision.message],
    });
    await sendEmail({ to: request.contactEmail, subject: t("join.email.declined.subject", vars), networkId: decision.networkId, ...body }, tx);
    await audit(tx, {
      networkId: decision.networkId,
      actorId: decision.actorId,
      action: "joinRequest.decline",
      entityType: "joinRequest",
      entityId: request.id,
      before: { status: "pending" },
      after: { status: "declined", reason: decision.message },
    });
    return { organisationName: request.organisationName, email: request.contactEmail };
  });
}
