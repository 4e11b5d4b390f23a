// What each kind of job does: the registry the runner reads. Every handler is idempotent — run
// twice (a worker died after the work but before "done", or two servers got the same slot under
// two configurations), it does the work once:
//
// - a plain handler gets the payload and the transaction in which the job is marked done: it
//   writes to the database through `tx` only (an e-mail is a row in the outbox), so that its work
//   and "done" commit together, or neither does and the job is tried again;
// - a `standalone` handler does its own transactions, or talks to the outside world (SMTP), so it
//   cannot run inside the job's transaction (on PGlite, one connection, a statement outside an
//   open transaction waits for it). It is idempotent by claims of its own — a reminder round is
//   recorded in the transaction that writes its e-mails, an outbox row is claimed before it is
//   sent — and the job is marked done once it returns.
import type { Prisma } from "#app/generated/prisma/client";
import { sendPasswordReset } from "#app/models/account.server";
import { sendDueReminders } from "#app/models/adhesion.server";
import { sendDueMeetingReminders } from "#app/models/meetings.server";
import { deliverOutbox } from "#app/utils/email.server";

import type { JobKind, JobPayloads } from "./kinds";
import { purgeFinishedJobs } from "./queue.server";

export type JobInfo = { id: string; attempts: number };
export type JobContext = { tx: Prisma.TransactionClient; job: JobInfo };
/** Runs in the transaction that marks the job done. */
export type JobHandler<P = unknown> = (payload: P, ctx: JobContext) => Promise<void>;
/** Runs outside any transaction; the job is marked done after it returns. */
export type StandaloneJobHandler<P = unknown> = { standalone: (payload: P, ctx: { job: JobInfo }) => Promise<void> };
export type AnyJobHandler<P = unknown> = JobHandler<P> | StandaloneJobHandler<P>;
export type JobHandlers = { [K in JobKind]: AnyJobHandler<JobPayloads[K]> } & Record<string, AnyJobHandler<never>>;

export const JOB_HANDLERS: JobHandlers = {
  "account.passwordReset": (payload, { tx }) => sendPasswordReset(tx, payload.email),
  "outbox.deliver": {
    standalone: async () => {
      await deliverOutbox();
    },
  },
  "charter.reminders": {
    standalone: async () => {
      await sendDueReminders();
    },
  },
  "meeting.reminders": {
    standalone: async () => {
      await sendDueMeetingReminders();
    },
  },
  "jobs.purge": async (_payload, { tx }) => {
    await purgeFinishedJobs(tx);
  },
};
