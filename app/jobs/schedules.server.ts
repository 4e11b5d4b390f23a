// Named schedules: work that comes back every period (the outbox's delivery rounds, the reminder
// rounds, the purge of old jobs). A schedule does not run anything itself: each runner's ticker
// queues the job of the current slot — the period that contains now — under the key
// `schedule:<name>:<slot start>`. The key is unique, so however many servers tick, a slot is
// queued once, and the queue's SKIP LOCKED claim runs it once.
//
// A slot is a period of the clock (clock.server), the same on every server: slots of an hour
// start on the hour. A server that starts in the middle of a slot another server already ran
// waits for the next one. Two servers configured with different periods for one schedule (e.g.
// OUTBOX_INTERVAL_MS) queue different keys, which the handlers' own idempotence absorbs.
import { now } from "#app/utils/clock.server";
import type { Env } from "#app/utils/env.server";

import type { JobKind } from "./kinds";
import { enqueueJob, SCHEDULED_JOB_RETENTION_MS } from "./queue.server";

export type Schedule = { name: string; kind: JobKind; everyMs: number };

/** The schedules a server runs with this configuration. */
export function appSchedules(env: Pick<Env, "SMTP_URL" | "OUTBOX_INTERVAL_MS">): Schedule[] {
  const list: Schedule[] = [
    // Without SMTP_URL messages stay in the outbox, readable by coordinators (record 005).
    ...(env.SMTP_URL ? [{ name: "outbox.deliver", kind: "outbox.deliver" as const, everyMs: env.OUTBOX_INTERVAL_MS }] : []),
    // Charter renewal: rounds 14 and 3 days before a new version's deadline (record 008).
    { name: "charter.reminders", kind: "charter.reminders", everyMs: 60 * 60_000 },
    // Meetings: a reminder e-mail two days before each one.
    { name: "meeting.reminders", kind: "meeting.reminders", everyMs: 15 * 60_000 },
    { name: "jobs.purge", kind: "jobs.purge", everyMs: 60 * 60_000 },
  ];
  for (const s of list) {
    // A slot's row must outlive its slot, or a server starting late in it would queue it again.
    if (s.everyMs >= SCHEDULED_JOB_RETENTION_MS) throw new Error(`Schedule ${s.name}: a period must be shorter than the retention of its jobs`);
  }
  return list;
}

export function slotStart(schedule: Schedule, at: Date) {
  return new Date(Math.floor(at.getTime() / schedule.everyMs) * schedule.everyMs);
}

export function slotKey(schedule: Schedule, at: Date) {
  return `schedule:${schedule.name}:${slotStart(schedule, at).toISOString()}`;
}

/**
 * A ticker: each call queues the current slot of every schedule it has not queued yet (one insert
 * per slot and server; the key makes the other servers' inserts no-ops). Returns the keys it
 * inserted itself.
 */
export function createTicker(schedules: Schedule[]) {
  const queued = new Map<string, string>(); // schedule name -> key of the last slot queued
  return async function tick(at = now()) {
    const inserted: string[] = [];
    for (const schedule of schedules) {
      const key = slotKey(schedule, at);
      if (queued.get(schedule.name) === key) continue;
      const id = await enqueueJob(schedule.kind, {}, { key, runAt: slotStart(schedule, at) });
      queued.set(schedule.name, key);
      if (id) inserted.push(key);
    }
    return inserted;
  };
}
