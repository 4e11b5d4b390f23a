// Runs the queued jobs (queue.server.ts): one at a time per runner, a plain handler in a
// transaction that also marks its job done, a standalone one outside (handlers.server.ts).
// Several runners — in one process or in several servers — can run at once. The server starts
// one (startJobRunner), which also ticks the schedules (schedules.server.ts).
import { prisma, transaction } from "#app/utils/db.server";

import { type AnyJobHandler, JOB_HANDLERS } from "./handlers.server";
import { type ClaimedJob, claimJob, completeJob, failJob } from "./queue.server";
import { createTicker, type Schedule } from "./schedules.server";

export type JobOutcome = "done" | "retry" | "failed" | "lost";
type Handlers = Record<string, AnyJobHandler<never>>;

class LeaseLost extends Error {}

export async function runJob(job: ClaimedJob, handlers: Handlers = JOB_HANDLERS): Promise<JobOutcome> {
  const handler = handlers[job.kind] as AnyJobHandler<unknown> | undefined;
  const info = { id: job.id, attempts: job.attempts };
  try {
    // The worker running the last attempt died before finishing it: there is no attempt left.
    if (job.attempts > job.maxAttempts) throw new Error("No attempt left: the previous worker stopped during the last one.");
    if (!handler) throw new Error(`Unknown job kind: ${job.kind}`);
    if (typeof handler === "function") {
      await transaction(async (tx) => {
        // First, so that the job's row is locked for the whole transaction and a worker that took
        // it over after our lease ran out cannot also finish it.
        if (!(await completeJob(tx, job))) throw new LeaseLost();
        await handler(job.payload, { tx, job: info });
      });
    } else {
      await handler.standalone(job.payload, { job: info });
      // Lost: another worker took the job over after our lease ran out; the handler's own claims
      // keep its work from being done twice.
      if (!(await completeJob(prisma, job))) throw new LeaseLost();
    }
    return "done";
  } catch (error) {
    if (error instanceof LeaseLost) return "lost";
    return failJob(job, error);
  }
}

/** Runs due jobs until none is left or `limit` were run. Returns what happened to each. */
export async function runDueJobs({ limit = 50, handlers = JOB_HANDLERS as Handlers } = {}) {
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
 * The server's one job runner: a round every `intervalMs` (rounds never overlap) that queues the
 * current slot of each schedule, then runs the due jobs. Returns a stop function, which resolves
 * once the round in progress is over; the timer is unref'd, so it never keeps the process alive.
 */
export function startJobRunner({ schedules = [] as Schedule[], intervalMs = defaultInterval(schedules), handlers = JOB_HANDLERS as Handlers } = {}) {
  const tick = createTicker(schedules);
  let current: Promise<void> | null = null;
  let stopped = false;
  const round = async () => {
    try {
      await tick();
      const outcomes = await runDueJobs({ handlers });
      if (outcomes.retry || outcomes.failed)
        console.warn(`[jobs] ${outcomes.retry} to retry, ${outcomes.failed} failed for good (see the Job table's lastError)`);
    } catch (error) {
      console.warn("[jobs] round failed:", (error as Error).message);
    }
  };
  const start = () => {
    if (current || stopped) return;
    current = round().finally(() => (current = null));
  };
  const timer = setInterval(start, intervalMs);
  timer.unref();
  start();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await current;
  };
}

/** Often enough for the shortest schedule, and at least every second for queued jobs. */
function defaultInterval(schedules: Schedule[]) {
  return Math.min(1000, ...schedules.map((s) => s.everyMs));
}
