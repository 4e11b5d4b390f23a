// Ballot trackers (issue 12, item 7): a short code the voter reads on screen or on a printed
// receipt, and later finds on the published ballot box beside its ballot's choices.
//
// How a tracker is computed, so that anyone can recompute it from the published box, where each
// ballot is shown with its choices **and its nonce** (the nonce is stored in the ballot row and
// published with it; that reveals nothing more, since the choices are published anyway, and
// before publication the tracker alone reveals nothing, the nonce being random):
//
//   message  = UTF-8 of "maillage-tracker-v1:" + pollId + ":" + choices + ":" + nonce
//              where choices = the ballot's choices (candidate ids, or the resolution's choice
//              such as "for"), sorted in ASCII order and joined with "," (empty for a blank
//              ballot with no choice), and nonce = 32 lowercase hex digits (16 random bytes);
//   digest   = SHA-256(message), in hex;
//   tracker  = the first 15 hex digits of the digest (60 bits) read as a number and written as
//              12 digits of Crockford's base32 (0-9 A-Z without I L O U), most significant
//              first, grouped by four: "7K2M-XQ4P-93CD".
//
// Ids and choices are restricted to ASCII letters, digits, "-", "_" and "." so that the sort and
// the separators are unambiguous in every language. With a shell:
//   printf '%s' "maillage-tracker-v1:$POLL:$CHOICES:$NONCE" | sha256sum | cut -c1-15
// then convert those 15 hex digits to base32 (Crockford).
import { createHash, randomBytes } from "node:crypto";

const ID = /^[A-Za-z0-9_.-]+$/;
const NONCE = /^[0-9a-f]{32}$/;
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A fresh nonce for one ballot: 16 random bytes, 32 lowercase hex digits. */
export function newNonce(): string {
  return randomBytes(16).toString("hex");
}

/** The canonical text of a ballot's choices: sorted in ASCII order, joined with ",". */
export function canonicalChoices(choices: readonly string[]): string {
  for (const choice of choices) {
    if (!ID.test(choice)) throw new Error(`A choice is made of ASCII letters, digits, "-", "_" or "." (got ${JSON.stringify(choice)}).`);
  }
  const sorted = [...choices].sort();
  if (sorted.some((c, i) => i > 0 && c === sorted[i - 1])) throw new Error("A ballot lists the same choice twice.");
  return sorted.join(",");
}

/** The tracker of a ballot, e.g. "7K2M-XQ4P-93CD" (see the top of this file for the encoding). */
export function trackerFor(pollId: string, choices: readonly string[], nonce: string): string {
  if (!ID.test(pollId)) throw new Error(`A poll id is made of ASCII letters, digits, "-", "_" or "." (got ${JSON.stringify(pollId)}).`);
  if (!NONCE.test(nonce)) throw new Error("A nonce is 32 lowercase hexadecimal digits (16 bytes).");
  const digest = createHash("sha256")
    .update(`maillage-tracker-v1:${pollId}:${canonicalChoices(choices)}:${nonce}`, "utf8")
    .digest("hex");
  let value = BigInt(`0x${digest.slice(0, 15)}`);
  let code = "";
  for (let i = 0; i < 12; i++) {
    code = CROCKFORD[Number(value & 31n)] + code;
    value >>= 5n;
  }
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/**
 * A tracker as a person types it, in the tracker's own form, or null if it cannot be one:
 * case, spaces and dashes are ignored, and O, I, L read as 0, 1, 1 (Crockford's rule).
 */
export function normalizeTracker(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (code.length !== 12 || [...code].some((c) => !CROCKFORD.includes(c))) return null;
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}
