import { hash, verify } from "@node-rs/argon2";

// Algorithm.Argon2id; the library exports a const enum, which isolated modules cannot read.
const ARGON2ID = 2;

export { PASSWORD_MIN } from "./password";

export function hashPassword(password: string) {
  // Argon2id with the library's defaults (19 MiB, 2 passes), OWASP's minimum recommendation.
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string | null | undefined, password: string) {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash to verify against when the e-mail is unknown, so that timing does not reveal accounts.
let dummy: Promise<string> | undefined;
export function dummyHash() {
  dummy ??= hashPassword("not-a-real-password-for-timing");
  return dummy;
}
