// Sign-in with e-mail and password: remix-auth's form strategy, Argon2id, rate limits.
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";

import { prisma } from "./db.server";
import { dummyHash, verifyPassword } from "./password.server";
import { clearRateLimit, hitRateLimit } from "./rate-limit.server";

export class InvalidCredentials extends Error {}

export type AuthUser = { id: string; name: string };

export const authenticator = new Authenticator<AuthUser>();

authenticator.use(
  new FormStrategy(async ({ form }) => {
    const email = String(form.get("email") ?? "")
      .trim()
      .toLowerCase();
    const password = String(form.get("password") ?? "");
    const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, passwordHash: true } });
    // Verify against a dummy hash when the account does not exist: same time either way.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !user.passwordHash || !ok) throw new InvalidCredentials();
    return { id: user.id, name: user.name };
  }),
  "form",
);

/**
 * Sign-in attempts, counted before the password is checked (so parallel guesses count too):
 * - perPair: one account from one IP. Five wrong passwords lock that pair only: an attacker who
 *   knows the owner's address no longer locks the owner out from everywhere else.
 * - perIp: one IP across accounts (trying many accounts from one place).
 * - perEmail: a ceiling for one account across IPs (many places guessing one password), far above
 *   perPair. An IP already refused by the first two does not count towards it, so one IP adds at
 *   most 5 attempts per 15 minutes, and locking an owner out this way takes several IPs at once;
 *   the owner can still get in at once through a password reset, which signs in.
 */
export const LOGIN_LIMITS = {
  perPair: { limit: 5, windowMs: 15 * 60 * 1000 },
  perIp: { limit: 30, windowMs: 15 * 60 * 1000 },
  perEmail: { limit: 100, windowMs: 60 * 60 * 1000 },
};

const loginKeys = (email: string, ip: string) => ({
  perIp: `login:ip:${ip}`,
  perPair: `login:pair:${ip}:${email}`,
  perEmail: `login:email:${email}`,
});

/** Which limit refused an attempt; each has its own message (login.rateLimited…). */
export type LoginLimit = keyof typeof LOGIN_LIMITS;

/**
 * Counts a sign-in attempt; null when it may go on, or the limit that refuses it and the minutes
 * until it lifts. Checked one after the other, so a refused attempt does not use up the next.
 */
export async function hitLoginLimits(email: string, ip: string): Promise<{ limit: LoginLimit; minutes: number } | null> {
  const keys = loginKeys(email, ip);
  for (const limit of ["perIp", "perPair", "perEmail"] as const) {
    const { allowed, retryAfterSeconds } = await hitRateLimit(keys[limit], LOGIN_LIMITS[limit].limit, LOGIN_LIMITS[limit].windowMs);
    if (!allowed) return { limit, minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) };
  }
  return null;
}

/** After a right password: that pair starts again from zero (the IP and account counts stay). */
export async function clearLoginLimits(email: string, ip: string) {
  await clearRateLimit(loginKeys(email, ip).perPair);
}
