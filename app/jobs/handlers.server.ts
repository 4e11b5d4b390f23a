// What each kind of job does. A handler gets the payload and the transaction in which the job is
// marked done: it writes to the database through `tx` only (an e-mail is a row in the outbox), so
// that its work and "done" commit together, or neither does and the job is tried again.
import type { Prisma } from "#app/generated/prisma/client";
import { sendPasswordReset } from "#app/models/account.server";
import type { JobKind, JobPayloads } from "./kinds";

export type JobContext = { tx: Prisma.TransactionClient; job: { id: string; attempts: number } };
export type JobHandler<P = unknown> = (payload: P, ctx: JobContext) => Promise<void>;
export type JobHandlers = { [K in JobKind]: JobHandler<JobPayloads[K]> } & Record<string, JobHandler<never>>;

export const JOB_HANDLERS: JobHandlers = {
  "account.passwordReset": (payload, { tx }) => sendPasswordReset(tx, payload.email),
};
