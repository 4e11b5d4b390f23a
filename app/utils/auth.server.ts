// Sign-in with e-mail and password: remix-auth's form strategy, Argon2id, rate limits.
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { prisma } from "./db.server";
import { dummyHash, verifyPassword } from "./password.server";

export class InvalidCredentials extends Error {}

export type AuthUser = { id: string; name: string };

export const authenticator = new Authenticator<AuthUser>();

authenticator.use(
  new FormStrategy(async ({ form }) => {
    const email = String(form.get("email") ?? "").trim().toLowerCase();
    const password = String(form.get("password") ?? "");
    const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, passwordHash: true } });
    // Verify against a dummy hash when the account does not exist: same time either way.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !user.passwordHash || !ok) throw new InvalidCredentials();
    return { id: user.id, name: user.name };
  }),
  "form",
);

/** Limits: per e-mail (guessing one account) and per address (trying many accounts). */
export const LOGIN_LIMITS = {
  perEmail: { limit: 5, windowMs: 15 * 60 * 1000 },
  perIp: { limit: 30, windowMs: 15 * 60 * 1000 },
};
