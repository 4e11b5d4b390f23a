// Runs the queued jobs (queue.server.ts): one at a time per runner, each in a transaction that
// also marks it done. Several runners — in one process or in several servers — can run at once.
import { transaction } from "#app/utils/db.server";

import { JOB_HANDLERS, type JobHandler } from "./handlers.server";
import { type ClaimedJob,claimJob, completeJob, failJob } from "./queue.server";

export type JobOutcome = "done" | "retry" | "failed" | "lost";

class LeaseLost extends Error {}

export async function runJob(job: ClaimedJob, handlers: Record<string, JobHandler<never>> = JOB_HANDLERS): Promise<JobOutcome> {
  const handler = handlers[job.kind] as JobHandler<unknown> | undefined;
  try {
    // The worker running the last attempt died before finishing it: there is no attempt left.
    if (job.attempts > job.maxAttempts) throw new Error("No attempt left: the previous worker stopped during the last one.");
    if (!handler) throw new Error(`Unknown job kind: ${job.kind}`);
    await transaction(async (tx) => {
      // First, so that the job's row is locked for the whole transaction and a worker that took
      // it over after our lease ran out cannot also finish it.
      if (!(await completeJob(tx, job))) throw new LeaseLost();
      await handler(job.payload, { tx, job: { id: job.id, attempts: job.attempts } });
    });
    return "done";
  } catch (error) {
    if (error instanceof LeaseLost) return "lost";
    return failJob(job, error);
  }
}

/** Runs due jobs until none is left or `limit` were run. Returns what happened to each. */
export async function runDueJobs({ limit = 50, handlers = JOB_HANDLERS as Record<string, JobHandler<never>> } = {}) {
  const outcomes: Record<JobOutcome, number> = { done: 0, retry: 0, failed: 0, lost: 0 };
  const kinds = Object.keys(handlers);
  for (let i = 0; i < limit; i++) {
    const job = await claimJob(kinds);
    if (!job) break;
    outcomes[await runJob(job, handlers)]++;
  }
  return outcomes;
}

/**
 * The server's job loop: a round every `intervalMs` (rounds never overlap). Returns a stop
 * function; the timer is unref'd, so it never keeps the process alive on its own.
 */
export function startJobWorker({ intervalMs = 1000, handlers = JOB_HANDLERS as Record<string, JobHandler<never>> } = {}) {
  let running = false;
  let stopped = false;
  const round = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const outcomes = await runDueJobs({ handlers });
      if (outcomes.retry || outcomes.failed) console.warn(`[jobs] ${outcomes.retry} to retry, ${outcomes.failed} failed for good (see the Job table's lastError)`);
    } catch (error) {
      console.warn("[jobs] round failed:", (error as Error).message);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(round, intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
