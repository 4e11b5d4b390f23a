// Idempotency keys for the forms whose second submission would store the same thing twice (a
// comment, an agenda item or proposal, an invitation). The loader renders a random key in the form
// (<SubmissionKeyField>); the action claims it inside the transaction of its effect. A submission
// whose key is taken — a double click, a request the browser sent again, fifty at once — did
// nothing and is answered as the first one was (the same redirect). Claiming waits for a first
// submission still in flight: if that one fails, its key is free again and the second one runs.
import { randomBytes } from "node:crypto";

import type { Prisma } from "#app/generated/prisma/client";

export const SUBMISSION_KEY_FIELD = "submissionKey";
const FORMAT = /^[A-Za-z0-9_-]{22,64}$/;

/** A new key for a form about to be rendered (144 random bits). */
export function newSubmissionKey() {
  return randomBytes(18).toString("base64url");
}

/**
 * The key the form carried, or null: a page rendered before keys existed, or a value that is not
 * one of ours (then the submission simply has no protection against being sent twice).
 */
export function submissionKeyOf(formData: FormData): string | null {
  const value = formData.get(SUBMISSION_KEY_FIELD);
  return typeof value === "string" && FORMAT.test(value) ? value : null;
}

/**
 * Records the key in the caller's transaction. false: another submission with this key has
 * already done the work (the caller does nothing and answers as for a success). No key: true.
 */
export async function claimSubmission(tx: Pick<Prisma.TransactionClient, "submissionKey">, key: string | null, form: string, userId: string | null) {
  if (!key) return true;
  // ON CONFLICT DO NOTHING: no error, so the transaction stays usable; a concurrent insert of the
  // same key waits for the other transaction to end.
  const { count } = await tx.submissionKey.createMany({ data: [{ key, form, userId }], skipDuplicates: true });
  return count === 1;
}

/**
 * Keeps what the first submission made (a meeting's id…), for a replay to answer with the same
 * redirect. Call it in the same transaction as claimSubmission.
 */
export async function recordSubmissionResult(tx: Pick<Prisma.TransactionClient, "submissionKey">, key: string | null, resultId: string) {
  if (key) await tx.submissionKey.update({ where: { key }, data: { resultId } });
}

/** For a replay: what the first submission with this key made (null if it recorded nothing). */
export async function submissionResult(tx: Pick<Prisma.TransactionClient, "submissionKey">, key: string) {
  return (await tx.submissionKey.findUnique({ where: { key }, select: { resultId: true } }))?.resultId ?? null;
}
