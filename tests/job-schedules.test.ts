// The schedules of the one job runner (app/jobs/schedules.server.ts, record 012): a slot is
// queued once however many servers tick, and the server's rounds — outbox delivery, charter and
// meeting reminders — deliver each message once, with several runners at once and over several
// slots. Standalone handlers (outside the job's transaction) retry and lose leases like the
// others. In one process here, on PGlite or PostgreSQL; tests/e2e/jobs-two-servers.e2e.test.ts
// does it with two servers on one PostgreSQL.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";

import type { AnyJobHandler } from "#app/jobs/handlers.server";
import type { JobKind } from "#app/jobs/kinds";
import { claimJob, enqueueJob, JOB_LEASE_MS, JOB_RETENTION_MS, jobBackoffMs, purgeFinishedJobs, SCHEDULED_JOB_RETENTION_MS } from "#app/jobs/queue.server";
import { runDueJobs, runJob } from "#app/jobs/runner.server";
import { appSchedules, createTicker, type Schedule, slotKey } from "#app/jobs/schedules.server";
import { setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { closeOutboxTransport } from "#app/utils/email.server";
import { resetEnv } from "#app/utils/env.server";
import { describeMessage, prepareDueWork, sortMessages } from "#tests/due-work";
import { startSmtpPeer } from "#tests/setup/smtp";

let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
beforeAll(async () => {
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer?.close();
});
afterEach(async () => {
  await prisma.job.deleteMany();
});

const T0 = new Date("2026-12-01T09:00:30.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

describe("schedules", () => {
  test("two tickers (two servers) queue a slot once, at the slot's start; the next slot is a new job", async () => {
    const schedules: Schedule[] = [
      { name: "test.minutely", kind: "jobs.purge", everyMs: MINUTE },
      { name: "test.hourly", kind: "jobs.purge", everyMs: 60 * MINUTE },
    ];
    const a = createTicker(schedules);
    const b = createTicker(schedules);
    setNow(T0);
    const [fromA, fromB] = await Promise.all([a(), b()]);
    expect([...fromA, ...fromB].sort()).toEqual(["schedule:test.hourly:2026-12-01T09:00:00.000Z", "schedule:test.minutely:2026-12-01T09:00:00.000Z"]);
    // Each ticker remembers what it queued; the other's second insert is a no-op on the key.
    expect(await a()).toEqual([]);
    expect(await createTicker(schedules)()).toEqual([]);
    const rows = await prisma.job.findMany({ select: { key: true, kind: true, runAt: true, status: true }, orderBy: { key: "asc" } });
    expect(rows).toEqual([
      { key: "schedule:test.hourly:2026-12-01T09:00:00.000Z", kind: "jobs.purge", runAt: new Date("2026-12-01T09:00:00.000Z"), status: "pending" },
      { key: "schedule:test.minutely:2026-12-01T09:00:00.000Z", kind: "jobs.purge", runAt: new Date("2026-12-01T09:00:00.000Z"), status: "pending" },
    ]);

    setNow(at(MINUTE));
    const [nextA, nextB] = await Promise.all([a(), b()]);
    expect([...nextA, ...nextB]).toEqual(["schedule:test.minutely:2026-12-01T09:01:00.000Z"]);
    expect(await prisma.job.count()).toBe(3);
  });

  test("the server's schedules: the outbox only with SMTP_URL, every period shorter than the retention of its slots", () => {
    const names = (s: Schedule[]) => s.map((x) => `${x.name} ${x.everyMs}`);
    expect(names(appSchedules({ SMTP_URL: undefined, OUTBOX_INTERVAL_MS: 5000 }))).toEqual([
      "charter.reminders 3600000",
      "meeting.reminders 900000",
      "jobs.purge 3600000",
    ]);
    expect(names(appSchedules({ SMTP_URL: "smtp://127.0.0.1:2525", OUTBOX_INTERVAL_MS: 5000 }))).toEqual([
      "outbox.deliver 5000",
      "charter.reminders 3600000",
      "meeting.reminders 900000",
      "jobs.purge 3600000",
    ]);
    expect(slotKey({ name: "outbox.deliver", kind: "outbox.deliver", everyMs: 5000 }, new Date("2026-12-01T09:00:07.300Z"))).toBe(
      "schedule:outbox.deliver:2026-12-01T09:00:05.000Z",
    );
  });
});

describe("the server's rounds as jobs", () => {
  test("three runners over four slots deliver every reminder and outbox message once", async () => {
    process.env.SMTP_URL = peer.url;
    resetEnv();
    try {
      setNow(T0);
      const work = await prepareDueWork({ meetings: 2 });
      const schedules = appSchedules({ SMTP_URL: peer.url, OUTBOX_INTERVAL_MS: 5000 });
      const tickers = [createTicker(schedules), createTicker(schedules), createTicker(schedules)];
      const before = peer.messages.length;
      // Four slots of the meeting reminders (15 minutes apart), the first of the hour's charter round.
      for (let slot = 0; slot < 4; slot++) {
        setNow(at(slot * 15 * MINUTE));
        await Promise.all(tickers.map((tick) => tick()));
        const rounds = await Promise.all(tickers.map(() => runDueJobs()));
        expect(rounds.reduce((n, r) => n + r.retry + r.failed + r.lost, 0)).toBe(0);
      }
      await peer.waitFor(before + work.expected.length);
      await new Promise((r) => setTimeout(r, 200)); // a copy would have arrived by now
      const delivered = peer.messages.slice(before).map((m) => describeMessage(String((m.to as { text: string }).text), m.subject ?? ""));
      expect(sortMessages(delivered)).toEqual(sortMessages(work.expected));
      expect(await prisma.outboxEmail.count({ where: { status: { not: "sent" } } })).toBe(0);

      const done = await prisma.job.groupBy({ by: ["kind", "status"], _count: true, orderBy: { kind: "asc" } });
      expect(done.map((g) => `${g.kind} ${g.status} ${g._count}`)).toEqual([
        "charter.reminders done 1",
        "jobs.purge done 1",
        "meeting.reminders done 4",
        "outbox.deliver done 4",
      ]);
      expect(
        await prisma.charterReminder.findMany({
          where: { charterVersionId: work.charterVersionId },
          select: { kind: true, recipients: true },
          orderBy: { kind: "asc" },
        }),
      ).toEqual([
        { kind: "d14", recipients: 0 },
        { kind: "d3", recipients: 2 },
      ]);
      expect(
        (await prisma.meeting.findMany({ where: { id: { in: work.meetingIds } }, select: { reminderSentAt: true } })).map((m) => m.reminderSentAt),
      ).toEqual([T0, T0]);
    } finally {
      closeOutboxTransport();
      delete process.env.SMTP_URL;
      resetEnv();
    }
  });
});

describe("standalone handlers", () => {
  const kind = "test.standalone" as JobKind;

  test("a failure is retried after the backoff, then the job is done", async () => {
    setNow(T0);
    let calls = 0;
    const handlers: Record<string, AnyJobHandler<never>> = {
      [kind]: {
        standalone: async () => {
          calls++;
          if (calls === 1) throw new Error("SMTP unreachable");
        },
      },
    };
    const id = (await enqueueJob(kind, {}))!;
    expect(await runDueJobs({ handlers })).toMatchObject({ retry: 1 });
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "SMTP unreachable",
      runAt: at(jobBackoffMs(1)),
    });
    setNow(at(jobBackoffMs(1)));
    expect(await runDueJobs({ handlers })).toMatchObject({ done: 1 });
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "done", attempts: 2, lastError: null });
    expect(calls).toBe(2);
  });

  test("a worker that comes back after its lease was taken over does not mark the job done again", async () => {
    setNow(T0);
    let runs = 0;
    const handlers: Record<string, AnyJobHandler<never>> = { [kind]: { standalone: async () => void runs++ } };
    const id = (await enqueueJob(kind, {}))!;
    const stale = (await claimJob([kind]))!;
    setNow(at(JOB_LEASE_MS + 1000));
    expect(await runDueJobs({ handlers })).toMatchObject({ done: 1 });
    const finished = await prisma.job.findUniqueOrThrow({ where: { id } });
    expect(await runJob(stale, handlers)).toBe("lost");
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toEqual(finished);
    expect(runs).toBe(2); // the handler's own claims keep its work from being done twice
  });
});

describe("retention", () => {
  test("finished slots go after a day, other finished jobs after 30 days, pending ones stay", async () => {
    const finishedAgo = (ms: number) => new Date(T0.getTime() - ms);
    const rows = [
      { id: "slot-old", key: "schedule:outbox.deliver:old", status: "done", finishedAt: finishedAgo(SCHEDULED_JOB_RETENTION_MS + 1000) },
      { id: "slot-failed-old", key: "schedule:charter.reminders:old", status: "failed", finishedAt: finishedAgo(SCHEDULED_JOB_RETENTION_MS + 1000) },
      { id: "slot-recent", key: "schedule:outbox.deliver:recent", status: "done", finishedAt: finishedAgo(SCHEDULED_JOB_RETENTION_MS - 1000) },
      { id: "reset-month", key: null, status: "done", finishedAt: finishedAgo(JOB_RETENTION_MS + 1000) },
      { id: "reset-week", key: null, status: "failed", finishedAt: finishedAgo(7 * 86_400_000) },
      { id: "keyed-month", key: "reminder:1", status: "done", finishedAt: finishedAgo(JOB_RETENTION_MS + 1000) },
      { id: "keyed-week", key: "reminder:2", status: "done", finishedAt: finishedAgo(7 * 86_400_000) },
      { id: "pending-slot", key: "schedule:meeting.reminders:old", status: "pending", finishedAt: null },
    ];
    await prisma.job.createMany({ data: rows.map((r) => ({ ...r, kind: "jobs.purge", runAt: finishedAgo(JOB_RETENTION_MS * 2) })) });
    expect(await purgeFinishedJobs(prisma, T0)).toBe(4);
    expect((await prisma.job.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((j) => j.id)).toEqual([
      "keyed-week",
      "pending-slot",
      "reset-week",
      "slot-recent",
    ]);
  });
});
