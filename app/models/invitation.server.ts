// How people join: a coordinator invites an e-mail address to an organisation (as titular,
// substitute or staff) or to the coordination of a network; the link in the e-mail creates or
// uses the account and the Delegate / NetworkCoordinator link. The delegate changes a
// coordinator makes afterwards live here too. Every change is audited in its transaction.
import type { Prisma } from "#app/generated/prisma/client";
import { audit } from "#app/utils/audit.server";
import { instantFormat } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import type { DelegateRole } from "#app/utils/domain";
import { emailLayout, sendEmail } from "#app/utils/email.server";
import { getEnv } from "#app/utils/env.server";
import { conflict } from "#app/utils/errors.server";
import { isLocale, type Locale, makeT } from "#app/utils/i18n";
import { hashPassword } from "#app/utils/password.server";
import { hashToken, randomToken } from "#app/utils/tokens.server";

type Tx = Prisma.TransactionClient;

export const INVITATION_DAYS = 14;
export type InvitationRole = DelegateRole | "coordinator";

/** The invitation was accepted (or closed) meanwhile: the page shows it closed. */
export const INVITATION_CLOSED = "invite.closed.accepted";

/** The write, with a unique violation (P2002) turned into the model's own refusal. */
async function unlessTaken<T>(write: Promise<T>, refusal: () => Error): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (error && typeof error === "object" && (error as { code?: unknown }).code === "P2002") throw refusal();
    throw error;
  }
}

type CreateInput = {
  networkId: string;
  organisationId: string | null;
  email: string;
  role: InvitationRole;
  invitedById: string | null;
  /** Language of the e-mail when the address has no account yet (else the account's language). */
  locale?: Locale;
};

const pendingWhere = () => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now() } });

/**
 * Creates an invitation and puts its e-mail in the outbox. A pending invitation of the same
 * address to the same place is revoked first, so only the newest link works. Two created at the
 * same moment cannot both stay open: the database keeps one open invitation per address and place
 * (a partial unique index), and the later one fails with a conflict ("delegates.invitePending"), rolling back its
 * e-mail with it.
 */
export async function createInvitation(tx: Tx, input: CreateInput) {
  if ((input.role === "coordinator") !== (input.organisationId === null)) {
    throw new Error("A coordinator invitation has no organisation; a delegate invitation has one.");
  }
  const email = input.email.trim().toLowerCase();
  const previous = await tx.invitation.findMany({
    where: { networkId: input.networkId, organisationId: input.organisationId, email, acceptedAt: null, revokedAt: null },
    select: { id: true },
  });
  for (const old of previous) {
    await tx.invitation.update({ where: { id: old.id }, data: { revokedAt: now() } });
    await audit(tx, {
      networkId: input.networkId,
      actorId: input.invitedById,
      action: "invitation.revoke",
      entityType: "invitation",
      entityId: old.id,
      after: { reason: "replaced" },
    });
  }

  const token = randomToken();
  const invitation = await unlessTaken(
    tx.invitation.create({
      data: {
        tokenHash: hashToken(token),
        email,
        networkId: input.networkId,
        organisationId: input.organisationId,
        role: input.role,
        invitedById: input.invitedById,
        expiresAt: new Date(now().getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
      },
      select: {
        id: true,
        email: true,
        role: true,
        organisationId: true,
        expiresAt: true,
        network: { select: { name: true } },
        organisation: { select: { name: true } },
        invitedBy: { select: { name: true } },
      },
    }),
    // Another invitation to this address and place was created at the same moment (and is the one that counts).
    () => conflict("delegates.invitePending", "email"),
  );

  const account = await tx.user.findUnique({ where: { email }, select: { locale: true } });
  const locale = isLocale(account?.locale) ? account.locale : (input.locale ?? "fr");
  const t = makeT(locale);
  const vars = {
    inviter: invitation.invitedBy?.name ?? invitation.network.name,
    network: invitation.network.name,
    organisation: invitation.organisation?.name ?? "",
    role: t.pick("delegates.role", invitation.role),
    date: instantFormat(locale, { dateStyle: "long" }).format(invitation.expiresAt),
  };
  const body = emailLayout({
    title: t("invite.email.title"),
    paragraphs: [
      t(invitation.role === "coordinator" ? "invite.email.bodyCoordinator" : "invite.email.body", vars),
      t(account ? "invite.email.hasAccount" : "invite.email.newAccount"),
      t("invite.email.validUntil", vars),
      t("invite.email.ignore"),
    ],
    action: { label: t("invite.email.action"), url: `${getEnv().appUrl}/invitations/${token}` },
  });
  await sendEmail({ to: email, subject: t("invite.email.subject", vars), networkId: input.networkId, ...body }, tx);

  await audit(tx, {
    networkId: input.networkId,
    actorId: input.invitedById,
    action: "invitation.create",
    entityType: "invitation",
    entityId: invitation.id,
    after: { email, role: invitation.role, organisationId: invitation.organisationId, expiresAt: invitation.expiresAt },
  });
  return { id: invitation.id, token };
}

export type InvitationState = "pending" | "expired" | "revoked" | "accepted";

/** The invitation behind a link, with what the page shows, or null for an unknown link. */
export async function findInvitation(token: string) {
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      network: { select: { id: true, slug: true, name: true } },
      organisation: { select: { id: true, slug: true, name: true } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!invitation) return null;
  const state: InvitationState = invitation.acceptedAt ? "accepted" : invitation.revokedAt ? "revoked" : invitation.expiresAt <= now() ? "expired" : "pending";
  return { ...invitation, state };
}

/**
 * Uses the invitation up for this person and creates their link to the organisation (or to the
 * coordination). Claimed with a conditional update, so a link accepted twice at once counts once.
 */
export async function acceptInvitation(tx: Tx, invitationId: string, userId: string) {
  await claimInvitation(tx, invitationId);
  return linkInvitation(tx, invitationId, userId);
}

/** Uses the link up; of two requests at once, the second waits for the first and then finds it used. */
async function claimInvitation(tx: Tx, invitationId: string) {
  const claim = await tx.invitation.updateMany({ where: { id: invitationId, ...pendingWhere() }, data: { acceptedAt: now() } });
  if (claim.count !== 1) throw conflict(INVITATION_CLOSED);
}

async function linkInvitation(tx: Tx, invitationId: string, userId: string) {
  const invitation = await tx.invitation.findUniqueOrThrow({
    where: { id: invitationId },
    select: { id: true, networkId: true, organisationId: true, role: true },
  });
  const { networkId, organisationId, role } = invitation;
  if (organisationId === null) {
    const existing = await tx.networkCoordinator.findUnique({ where: { networkId_userId: { networkId, userId } }, select: { userId: true } });
    if (!existing) {
      await tx.networkCoordinator.create({ data: { networkId, userId } });
      await audit(tx, {
        networkId,
        actorId: userId,
        action: "coordinator.create",
        entityType: "coordinator",
        entityId: `${networkId}:${userId}`,
        after: { userId },
      });
    }
  } else {
    const existing = await tx.delegate.findUnique({ where: { organisationId_userId: { organisationId, userId } }, select: { role: true } });
    if (!existing) {
      await tx.delegate.create({ data: { organisationId, userId, role } });
      await audit(tx, {
        networkId,
        actorId: userId,
        action: "delegate.create",
        entityType: "delegate",
        entityId: `${organisationId}:${userId}`,
        after: { organisationId, userId, role },
      });
    } else if (existing.role !== role) {
      await tx.delegate.update({ where: { organisationId_userId: { organisationId, userId } }, data: { role } });
      await audit(tx, {
        networkId,
        actorId: userId,
        action: "delegate.update",
        entityType: "delegate",
        entityId: `${organisationId}:${userId}`,
        before: { role: existing.role },
        after: { role },
      });
    }
  }
  await audit(tx, { networkId, actorId: userId, action: "invitation.accept", entityType: "invitation", entityId: invitation.id, after: { userId } });
  return invitation;
}

/** The invitation creates the account: the address is the invited one, proven by the link. */
export async function acceptInvitationWithNewAccount(
  invitationId: string,
  input: { email: string; name: string; phone?: string | null; locale: string; password: string },
) {
  const passwordHash = await hashPassword(input.password);
  return transaction(async (tx) => {
    // The link is claimed before the account is created, so that the same form sent twice at
    // once makes one account (the second request finds the link used), not a unique violation.
    await claimInvitation(tx, invitationId);
    const taken = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (taken) throw conflict("invite.accountExists");
    // A unique violation: the account was created meanwhile by another way in (another invitation).
    const user = await unlessTaken(
      tx.user.create({
        data: { email: input.email, name: input.name, phone: input.phone || null, locale: input.locale, passwordHash },
        select: { id: true },
      }),
      () => conflict("invite.accountExists"),
    );
    await linkInvitation(tx, invitationId, user.id);
    return user.id;
  });
}

/** Cancels a pending invitation of this organisation. Returns whether one was cancelled. */
export async function revokeInvitation(tx: Tx, input: { networkId: string; organisationId: string; invitationId: string; actorId: string }) {
  const result = await tx.invitation.updateMany({
    where: { id: input.invitationId, networkId: input.networkId, organisationId: input.organisationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now() },
  });
  if (result.count === 0) return false;
  await audit(tx, { networkId: input.networkId, actorId: input.actorId, action: "invitation.revoke", entityType: "invitation", entityId: input.invitationId });
  return true;
}

type DelegateRef = { networkId: string; organisationId: string; userId: string; actorId: string };

export async function changeDelegateRole(tx: Tx, ref: DelegateRef, role: DelegateRole) {
  const key = { organisationId_userId: { organisationId: ref.organisationId, userId: ref.userId } };
  const before = await tx.delegate.findUnique({ where: key, select: { role: true } });
  if (!before) return false;
  if (before.role === role) return true;
  await tx.delegate.update({ where: key, data: { role } });
  await audit(tx, {
    networkId: ref.networkId,
    actorId: ref.actorId,
    action: "delegate.update",
    entityType: "delegate",
    entityId: `${ref.organisationId}:${ref.userId}`,
    before: { role: before.role },
    after: { role },
  });
  return true;
}

export async function removeDelegate(tx: Tx, ref: DelegateRef) {
  const key = { organisationId_userId: { organisationId: ref.organisationId, userId: ref.userId } };
  const before = await tx.delegate.findUnique({ where: key, select: { role: true, user: { select: { name: true, email: true } } } });
  if (!before) return false;
  await tx.delegate.delete({ where: key });
  await audit(tx, {
    networkId: ref.networkId,
    actorId: ref.actorId,
    action: "delegate.delete",
    entityType: "delegate",
    entityId: `${ref.organisationId}:${ref.userId}`,
    before: { role: before.role, name: before.user.name, email: before.user.email },
  });
  return true;
}
