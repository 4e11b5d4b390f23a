// A person's own account: password reset by e-mail, profile, password change, sessions.
// Links carry a random token; only its hash is stored.
import type { Prisma } from "#app/generated/prisma/client";
import { enqueueJob } from "#app/jobs/queue.server";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { emailLayout, sendEmail } from "#app/utils/email.server";
import { getEnv } from "#app/utils/env.server";
import { isLocale, makeT } from "#app/utils/i18n";
import { hashPassword, verifyPassword } from "#app/utils/password.server";
import { clearRateLimit } from "#app/utils/rate-limit.server";
import { hashToken, randomToken } from "#app/utils/tokens.server";

export const RESET_VALID_MS = 60 * 60 * 1000;

/** Per e-mail: a few links an hour is plenty; per address: stops someone flooding many inboxes. */
export const RESET_LIMITS = {
  perEmail: { limit: 3, windowMs: 60 * 60 * 1000 },
  perIp: { limit: 20, windowMs: 60 * 60 * 1000 },
};

/**
 * Asks for a reset link. Queues a job and nothing else, whether or not an account has this e-mail:
 * the request does the same work, in the same time, for every address, so that neither the answer
 * nor its timing tells who has an account. The job (sendPasswordReset) does the rest.
 */
export async function requestPasswordReset(email: string) {
  await enqueueJob("account.passwordReset", { email });
}

/**
 * The job behind requestPasswordReset: when an account has this e-mail, a new link (valid one
 * hour) and its e-mail in the outbox, in the job's transaction; otherwise nothing at all.
 */
export async function sendPasswordReset(tx: Prisma.TransactionClient, email: string) {
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, locale: true } });
  if (!user) return;
  const token = randomToken();
  const t = makeT(isLocale(user.locale) ? user.locale : "fr");
  const url = `${getEnv().appUrl}/reset-password/${token}`;
  const body = emailLayout({
    title: t("reset.email.title"),
    paragraphs: [t("reset.email.hello", { name: user.name }), t("reset.email.body"), t("reset.email.ignore")],
    action: { label: t("reset.email.action"), url },
  });
  await tx.passwordReset.create({
    data: { tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(now().getTime() + RESET_VALID_MS) },
  });
  await sendEmail({ to: user.email, subject: t("reset.email.subject"), ...body }, tx);
}

export type ResetLookup = { state: "valid"; email: string } | { state: "unknown" | "expired" | "used" };

export async function findPasswordReset(token: string): Promise<ResetLookup> {
  const reset = await prisma.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { expiresAt: true, usedAt: true, user: { select: { email: true } } },
  });
  if (!reset) return { state: "unknown" };
  if (reset.usedAt) return { state: "used" };
  if (reset.expiresAt <= now()) return { state: "expired" };
  return { state: "valid", email: reset.user.email };
}

/**
 * Sets the new password if the link is still good, and uses the link up in the same transaction:
 * two tabs submitting at once cannot both succeed. Every session of the person ends (whoever knew
 * the old password is out). Returns the user id, or null when the link is no longer valid.
 */
export async function resetPassword(token: string, password: string): Promise<string | null> {
  const passwordHash = await hashPassword(password);
  const current = now();
  const userId = await transaction(async (tx) => {
    const reset = await tx.passwordReset.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true } });
    if (!reset) return null;
    const claim = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null, expiresAt: { gt: current } },
      data: { usedAt: current },
    });
    if (claim.count !== 1) return null;
    // Other links sent earlier stop working too.
    await tx.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: current } });
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    await tx.session.updateMany({ where: { userId: reset.userId, revokedAt: null }, data: { revokedAt: current } });
    return reset.userId;
  });
  if (userId) {
    // The person proved they own the address: the sign-in limit should not lock them out now.
    const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (user) await clearRateLimit(`login:email:${user.email}`);
  }
  return userId;
}

export async function updateProfile(userId: string, input: { name: string; phone?: string | null; locale: string }) {
  await prisma.user.update({
    where: { id: userId },
    data: { name: input.name, phone: input.phone || null, locale: input.locale },
  });
}

/** Changes the password after checking the current one; the other sessions end. */
export async function changePassword(userId: string, currentSessionId: string, current: string, next: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, current))) return false;
  const passwordHash = await hashPassword(next);
  await transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await tx.session.updateMany({
      where: { userId, revokedAt: null, id: { not: currentSessionId } },
      data: { revokedAt: now() },
    });
  });
  return true;
}

export async function listActiveSessions(userId: string) {
  return prisma.session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now() } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true },
  });
}

/** Ends one of the person's own sessions (never another person's). Returns whether one ended. */
export async function revokeSession(userId: string, sessionId: string) {
  const result = await prisma.session.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: now() } });
  return result.count > 0;
}

export async function revokeOtherSessions(userId: string, currentSessionId: string) {
  const result = await prisma.session.updateMany({
    where: { userId, revokedAt: null, id: { not: currentSessionId } },
    data: { revokedAt: now() },
  });
  return result.count;
}

/** "Firefox · Windows" from a user-agent string: enough for a person to recognise a device. */
export function describeUserAgent(userAgent: string | null | undefined): { browser: string | null; system: string | null } {
  const ua = userAgent ?? "";
  const browser = /Edg(e|A|iOS)?\//.test(ua)
    ? "Edge"
    : /OPR\/|Opera/.test(ua)
      ? "Opera"
      : /Firefox\/|FxiOS\//.test(ua)
        ? "Firefox"
        : /Chrome\/|CriOS\/|Chromium\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : null;
  const system = /Windows/.test(ua)
    ? "Windows"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Android/.test(ua)
        ? "Android"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : null;
  return { browser, system };
}
