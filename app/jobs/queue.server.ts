// The durable job queue: a Job row per piece of work that a request does not wait for, and per
// slot of a schedule (schedules.server.ts). Safe with several server processes on one PostgreSQL:
//
// - claimJob takes one due job with `FOR UPDATE SKIP LOCKED`, counts the attempt and gives it a
//   lease (lockedUntil) and a token of its own, in one statement: two workers never take the same
//   row, and a worker that dies leaves its job to be taken again once the lease is over;
// - the runner (runner.server.ts) marks the job done in the transaction that does its work, and
//   only while the token is still its own: a job whose lease was taken over is never done twice.
//
// Every instant comes from clock.server, never from the database's now(), so tests move it.
import { randomUUID } from "node:crypto";

import type { Prisma } from "#app/generated/prisma/client";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";

import { type JobKind, type JobPayloads, MAX_ATTEMPTS } from "./kinds";

type Tx = Pick<Prisma.TransactionClient, "job">;

/** How long a finished job of a schedule is kept (longer than any schedule's period: see schedules.server.ts). */
export const SCHEDULED_JOB_RETENTION_MS = 24 * 3_600_000;
/** How long any other finished job is kept (a failed one too, for whoever looks into it). */
export const JOB_RETENTION_MS = 30 * 24 * 3_600_000;

/** Longer than any job's transaction (30 s): a lease only runs out when its worker is gone. */
export const JOB_LEASE_MS = 5 * 60_000;

/** Wait before the n-th retry: 30 s, 1, 2, 4 … minutes, at most 1 hour. */
export function jobBackoffMs(attempts: number) {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

export type EnqueueOptions = {
  /** Not before (default: now). */
  runAt?: Date;
  /** A job that must exist once: a second enqueue with the same key does nothing. */
  key?: string;
  /** The caller's transaction, so that the job exists only if the rest of its work commits. */
  tx?: Tx;
};

/**
 * Queues a job. Always one insert, whatever the payload: callers such as /forgot-password rely
 * on it to take the same time for every input. Returns the job's id, or null when `key` was taken.
 */
export async function enqueueJob<K extends JobKind>(kind: K, payload: JobPayloads[K], options: EnqueueOptions = {}) {
  const id = randomUUID();
  const { count } = await (options.tx ?? prisma).job.createMany({
    data: [{ id, kind, payload, key: options.key ?? null, runAt: options.runAt ?? now(), maxAttempts: MAX_ATTEMPTS[kind] }],
    skipDuplicates: true,
  });
  return count === 1 ? id : null;
}

export type ClaimedJob = { id: string; kind: string; payload: unknown; attempts: number; maxAttempts: number; lockToken: string };

/** Takes the next due job, or null. Its attempt is counted now, before it runs. */
export async function claimJob(kinds?: string[]): Promise<ClaimedJob | null> {
  const at = now();
  const token = randomUUID();
  const leaseEnd = new Date(at.getTime() + JOB_LEASE_MS);
  // kinds: a runner that knows only some kinds (tests, or a server of another version) leaves
  // the others to whoever knows them.
  const rows = await prisma.$queryRaw<{ id: string; kind: string; payload: unknown; attempts: number; maxAttempts: number }[]>`
    UPDATE "Job" SET "attempts" = "attempts" + 1, "lockedUntil" = ${leaseEnd}, "lockToken" = ${token}
    WHERE "id" = (
      SELECT "id" FROM "Job"
      WHERE "status" = 'pending' AND "runAt" <= ${at} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${at})
        AND (${kinds ?? null}::text[] IS NULL OR "kind" = ANY(${kinds ?? null}::text[]))
      ORDER BY "runAt", "id"
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "kind", "payload", "attempts", "maxAttempts"`;
  const row = rows[0];
  if (!row) return null;
  const payload = typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload;
  return { ...row, payload, attempts: Number(row.attempts), maxAttempts: Number(row.maxAttempts), lockToken: token };
}

/**
 * Marks the claimed job done inside the transaction of its work; false when the lease was lost
 * (another worker took the job over): the caller must then roll back.
 */
export async function completeJob(tx: Tx, job: ClaimedJob) {
  const { count } = await tx.job.updateMany({
    where: { id: job.id, lockToken: job.lockToken, status: "pending" },
    data: { status: "done", finishedAt: now(), lockedUntil: null, lockToken: null, lastError: null },
  });
  return count === 1;
}

/** After a failed attempt: tried again later with backoff, or left as failed after the last one. */
export async function failJob(job: ClaimedJob, error: unknown) {
  const giveUp = job.attempts >= job.maxAttempts;
  const at = now();
  await prisma.job.updateMany({
    where: { id: job.id, lockToken: job.lockToken, status: "pending" },
    data: {
      status: giveUp ? "failed" : "pending",
      runAt: giveUp ? undefined : new Date(at.getTime() + jobBackoffMs(job.attempts)),
      finishedAt: giveUp ? at : null,
      lockedUntil: null,
      lockToken: null,
      lastError: String((error as Error)?.message ?? error).slice(0, 1000),
    },
  });
  return giveUp ? "failed" : "retry";
}

/**
 * Deletes finished jobs past their retention: the rows of a schedule's slots after a day (the
 * outbox alone queues one every few seconds), the others after 30 days. Returns how many.
 */
export async function purgeFinishedJobs(tx: Tx = prisma, at = now()) {
  const finished = { in: ["done", "failed"] };
  const slots = await tx.job.deleteMany({
    where: { status: finished, key: { startsWith: "schedule:" }, finishedAt: { lt: new Date(at.getTime() - SCHEDULED_JOB_RETENTION_MS) } },
  });
  const others = await tx.job.deleteMany({
    where: {
      status: finished,
      finishedAt: { lt: new Date(at.getTime() - JOB_RETENTION_MS) },
      OR: [{ key: null }, { NOT: { key: { startsWith: "schedule:" } } }],
    },
  });
  return slots.count + others.count;
}
