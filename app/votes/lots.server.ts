// Drawing lots by commit-reveal, so that anyone can redo the draw (issue 12, item 6).
//
// 1. When the poll becomes ready, the server draws a seed (32 random bytes, written as 64
//    lowercase hex digits) and publishes its commitment: the SHA-256 of the seed's 32 bytes
//    (not of its hex text), in lowercase hex. The seed itself stays secret until the tally.
// 2. At the tally the seed is revealed. Anyone checks the commitment, then orders the candidates:
//    for each candidate id, SHA-256 of the UTF-8 bytes of `${seedHex}:${candidateId}` (the seed's
//    64 lowercase hex digits, a colon, the id), in lowercase hex; candidates sorted by that hex,
//    ascending. The first of the order wins a tie against the others. The whole order is computed
//    once for every candidate and handed to tallyElection as `{ rule: "lots", order }`; it only
//    matters among candidates with equal votes.
//
// With a shell:   commitment  printf '%s' "$SEED" | xxd -r -p | sha256sum
//                 one key     printf '%s' "$SEED:$ID" | sha256sum
// Because the seed is fixed before anyone votes and published as a commitment, nobody (the
// server included) can pick a seed once the counts are known without the commitment showing it.
import { createHash, randomBytes } from "node:crypto";

const SEED = /^[0-9a-f]{64}$/;

function assertSeed(seedHex: string) {
  if (!SEED.test(seedHex)) throw new Error("A seed is 64 lowercase hexadecimal digits (32 bytes).");
}

/** A fresh seed: 32 random bytes, 64 lowercase hex digits. */
export function newSeed(): string {
  return randomBytes(32).toString("hex");
}

/** The commitment published before the poll opens: SHA-256 of the seed's bytes, lowercase hex. */
export function seedCommitment(seedHex: string): string {
  assertSeed(seedHex);
  return createHash("sha256").update(Buffer.from(seedHex, "hex")).digest("hex");
}

/** Whether a revealed seed matches the commitment published earlier. */
export function seedMatchesCommitment(seedHex: string, commitmentHex: string): boolean {
  return SEED.test(seedHex) && seedCommitment(seedHex) === commitmentHex.toLowerCase();
}

/** The draw key of one candidate: SHA-256 of UTF-8 `${seedHex}:${candidateId}`, lowercase hex. */
export function drawKey(seedHex: string, candidateId: string): string {
  assertSeed(seedHex);
  return createHash("sha256").update(`${seedHex}:${candidateId}`, "utf8").digest("hex");
}

/** The candidates ordered by their draw key, ascending (first = wins the tie). */
export function drawOrder(seedHex: string, candidateIds: readonly string[]): string[] {
  const keyed = [...new Set(candidateIds)].map((id) => ({ id, key: drawKey(seedHex, id) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.id);
}
