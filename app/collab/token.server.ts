// The short-lived token a page hands to the editor so that it may open one live document (issue
// 13; record 014): who, which document, which role, until when, signed with a key derived from
// the session secret. The collaboration server checks the signature and the expiry, then asks the
// access module again (the token says what was allowed when the page was served, not now).
import { createHmac, timingSafeEqual } from "node:crypto";

import { now } from "#app/utils/clock.server";
import { getEnv } from "#app/utils/env.server";

export type CollabRole = "edit" | "read";
export type CollabClaims = { userId: string; documentName: string; role: CollabRole; expiresAt: number };

/** Five minutes: the provider asks for a new one when it reconnects later. */
export const COLLAB_TOKEN_SECONDS = 300;

const key = () => createHmac("sha256", getEnv().sessionSecret).update("maillage collaboration token v1").digest();
const sign = (body: string) => createHmac("sha256", key()).update(body).digest("base64url");

export function issueCollabToken(claims: Omit<CollabClaims, "expiresAt">, seconds = COLLAB_TOKEN_SECONDS): string {
  const body = Buffer.from(JSON.stringify({ ...claims, expiresAt: +now() + seconds * 1000 })).toString("base64url");
  return `${body}.${sign(body)}`;
}

/** The claims of a token signed here and not expired, or null. */
export function verifyCollabToken(token: string): CollabClaims | null {
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as CollabClaims;
    if (typeof claims.userId !== "string" || typeof claims.documentName !== "string") return null;
    if (claims.role !== "edit" && claims.role !== "read") return null;
    if (typeof claims.expiresAt !== "number" || claims.expiresAt <= +now()) return null;
    return claims;
  } catch {
    return null;
  }
}
