import { createHash, randomBytes } from "node:crypto";

/** A random secret for links (invitations, password reset) and session ids. */
export function randomToken(bytes = 32) {
  return randomBytes(bytes).toString("base64url");
}

/** Link tokens are stored hashed: a database leak does not hand out working links. */
export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}
