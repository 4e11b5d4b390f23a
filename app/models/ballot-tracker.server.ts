// The ballot tracker and the commit-reveal seed of a draw (docs/decisions/013).
//
// The tracker is a short code the voter keeps: SHA-256 of the poll, the choices (sorted) and a
// random nonce, in Crockford's base32. The nonce makes two identical ballots carry different
// trackers, and stops anyone from guessing a tracker from the choices. Whoever holds a tracker
// finds its ballot on the published box and can recompute the code from the nonce shown there.
// The pure counting helpers (app/votes/, written beside this) may define the same function: the
// lead keeps one of the two when both land; the formula is the one written here.
import { createHash, randomBytes } from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function base32(bytes: Uint8Array) {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += CROCKFORD[(value << (5 - bits)) & 31];
  return out;
}

/** A fresh nonce: 16 random bytes, hex. */
export function newNonce() {
  return randomBytes(16).toString("hex");
}

/** "K3F9-2QXA-7M4D": 60 bits of SHA-256(pollId | sorted choices | nonce), grouped by four. */
export function trackerFor(pollId: string, choices: readonly string[], nonce: string) {
  const digest = createHash("sha256")
    .update(`${pollId}|${[...choices].sort().join(",")}|${nonce}`)
    .digest();
  const code = base32(digest.subarray(0, 8)).slice(0, 12);
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}`;
}

/** A draw's secret seed (32 random bytes, hex) and its public commitment (SHA-256 of those bytes, hex). */
export function newLotsSeed() {
  const seed = randomBytes(32).toString("hex");
  return { seed, commitment: commitmentOf(seed) };
}

export function commitmentOf(seedHex: string) {
  return createHash("sha256").update(Buffer.from(seedHex, "hex")).digest("hex");
}
