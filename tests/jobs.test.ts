// The durable job queue (app/jobs/) and its first job, the password-reset e-mail (issue 10,
// item 14): /forgot-password answers the same way, with the same single insert, for every
// address; the job sends the e-mail for an existing account only; failures are retried later;
// a job is done once, however many runners there are. On a real database (PGlite, or PostgreSQL
// with DATABASE_URL), with a real SMTP peer for the delivery.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";

import type { JobHandler } from "#app/jobs/handlers.server";
import type { JobKind } from "#app/jobs/kinds";
import { claimJob, enqueueJob, JOB_LEASE_MS, jobBackoffMs } from "#app/jobs/queue.server";
import { runDueJobs, runJob, startJobRunner } from "#app/jobs/runner.server";
import { findPasswordReset } from "#app/models/account.server";
import { action as forgotAction } from "#app/routes/forgot-password";
import { setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { createTransport, deliverDueEmails } from "#app/utils/email.server";
import { createUser, makeRequest } from "#tests/factories";
import { call } from "#tests/route-call";
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
  await prisma.outboxEmail.deleteMany();
});

let ip = 0;
function askReset(email: string) {
  ip++;
  return call(forgotAction, makeRequest("/forgot-password", { method: "POST", form: { email }, headers: { "x-maillage-client-ip": `192.0.2.${ip}` } }));
}

const T0 = new Date("2026-12-01T09:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
// Kinds that only these tests know: the runner is given their handlers explicitly.
const testKind = (name: string) => `test.${name}`;
const enqueueTest = (kind: string, options?: Parameters<typeof enqueueJob>[2]) => enqueueJob(kind as JobKind, { email: "" }, options);

describe("forgot-password through the job queue", () => {
  test("the reply is the same for a known and an unknown address, and each writes one job and nothing else", async () => {
    const user = await createUser();
    const replies = [];
    for (const email of [user.email, "nobody-here@example.test"]) {
      const jobsBefore = await prisma.job.count();
      const reply = await askReset(email);
      expect(await prisma.job.count()).toBe(jobsBefore + 1);
      replies.push({ status: reply.status, location: reply.headers.get("Location"), cookies: reply.headers.getSetCookie(), body: reply.body });
    }
    expect(replies[1]).toEqual(replies[0]);
    expect(replies[0]).toMatchObject({ status: 302, location: "/forgot-password?sent=1" });
    // The request itself looked nothing up: no link, no e-mail yet.
    expect(await prisma.passwordReset.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.outboxEmail.count()).toBe(0);
    const jobs = await prisma.job.findMany({ orderBy: { createdAt: "asc" }, select: { kind: true, status: true, payload: true } });
    expect(jobs).toEqual([
      { kind: "account.passwordReset", status: "pending", payload: { email: user.email } },
      { kind: "account.passwordReset", status: "pending", payload: { email: "nobody-here@example.test" } },
    ]);
  });

  test("running the jobs e-mails a working link to the existing account only", async () => {
    const user = await createUser({ locale: "nl" });
    await askReset(user.email);
    await askReset("nobody-here@example.test");
    expect(await runDueJobs()).toMatchObject({ done: 2, retry: 0, failed: 0 });
    expect(await prisma.job.count({ where: { status: "done" } })).toBe(2);
    expect(await prisma.outboxEmail.count({ where: { to: "nobody-here@example.test" } })).toBe(0);
    expect(await prisma.outboxEmail.count({ where: { to: user.email } })).toBe(1);

    const before = peer.messages.length;
    expect((await deliverDueEmails(createTransport(peer.url))).sent).toBe(1);
    const [mail] = await peer.waitFor(before + 1).then((all) => all.slice(before));
    expect(mail.subject).toBe("Uw nieuwe Maillage-wachtwoord");
    const token = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "")![1];
    expect(await findPasswordReset(token)).toEqual({ state: "valid", email: user.email });
    // Nothing left to run: a job is done once.
    expect(await runDueJobs()).toMatchObject({ done: 0 });
  });

  test("the server's job loop picks a request up on its own", async () => {
    const user = await createUser();
    const stop = startJobRunner({ intervalMs: 50 });
    try {
      await askReset(user.email);
      const start = Date.now();
      while ((await prisma.outboxEmail.count({ where: { to: user.email } })) === 0) {
        if (Date.now() - start > 10_000) throw new Error("The job loop did not run the job");
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await stop();
    }
  });
});

describe("job queue", () => {
  test("a failing job is tried again after a backoff, its work rolled back each time, then left as failed", async () => {
    setNow(T0);
    const user = await createUser();
    let calls = 0;
    const handlers: Record<string, JobHandler<never>> = {
      [testKind("flaky")]: async (_payload, { tx }) => {
        calls++;
        // Written, then rolled back with the failure: a retry never finds half the work done.
        await tx.user.update({ where: { id: user.id }, data: { name: `Essai ${calls}` } });
        if (calls < 3) throw new Error(`SMTP said no (${calls})`);
      },
      [testKind("hopeless")]: async () => {
        throw new Error("never works");
      },
    };
    const flaky = (await enqueueTest(testKind("flaky")))!;
    const hopeless = (await enqueueTest(testKind("hopeless")))!;

    expect(await runDueJobs({ handlers })).toMatchObject({ done: 0, retry: 2 });
    const afterFirst = await prisma.job.findUniqueOrThrow({ where: { id: flaky } });
    expect(afterFirst).toMatchObject({ status: "pending", attempts: 1, lastError: "SMTP said no (1)", lockedUntil: null });
    expect(afterFirst.runAt.toISOString()).toBe(at(jobBackoffMs(1)).toISOString());
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe(user.name);

    // Not before its time.
    setNow(at(jobBackoffMs(1) - 1000));
    expect(await runDueJobs({ handlers })).toMatchObject({ done: 0, retry: 0 });
    setNow(at(jobBackoffMs(1)));
    expect(await runDueJobs({ handlers })).toMatchObject({ retry: 2 });
    setNow(at(jobBackoffMs(1) + jobBackoffMs(2)));
    expect(await runDueJobs({ handlers })).toMatchObject({ done: 1, retry: 1 });
    expect(await prisma.job.findUniqueOrThrow({ where: { id: flaky } })).toMatchObject({ status: "done", attempts: 3, lastError: null });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Essai 3");

    // The hopeless one goes on until its last attempt (5), then stays failed.
    for (let i = 0; i < 10; i++) {
      setNow(at(24 * 3_600_000 * (i + 1)));
      await runDueJobs({ handlers });
    }
    expect(await prisma.job.findUniqueOrThrow({ where: { id: hopeless } })).toMatchObject({ status: "failed", attempts: 5, lastError: "never works" });
  });

  test("a job whose worker died is taken again once its lease is over, and done once", async () => {
    setNow(T0);
    let runs = 0;
    const handlers: Record<string, JobHandler<never>> = {
      [testKind("count")]: async () => {
        runs++;
      },
    };
    await enqueueTest(testKind("count"));
    const lost = (await claimJob([testKind("count")]))!; // this worker "dies" here
    expect(lost.attempts).toBe(1);
    expect(await runDueJobs({ handlers })).toMatchObject({ done: 0 }); // leased
    setNow(at(JOB_LEASE_MS + 1000));
    expect(await runDueJobs({ handlers })).toMatchObject({ done: 1 });
    // The first worker comes back to life: its claim is no longer its own.
    expect(await runJob(lost, handlers)).toBe("lost");
    expect(runs).toBe(1);
    expect(await prisma.job.findFirstOrThrow({ where: { kind: testKind("count") } })).toMatchObject({ status: "done", attempts: 2 });
  });

  test("several runners at once run every job exactly once, and leave kinds they do not know", async () => {
    const handlers: Record<string, JobHandler<never>> = {
      [testKind("audit")]: async (payload: never, { tx, job }) => {
        await tx.auditLog.create({ data: { action: "test.job", entityType: "job", entityId: job.id, after: payload } });
      },
    };
    const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => enqueueJob(testKind("audit") as JobKind, { email: `n${i}` })));
    await enqueueTest(testKind("unknown"));
    const rounds = await Promise.all(Array.from({ length: 4 }, () => runDueJobs({ handlers })));
    expect(rounds.reduce((n, r) => n + r.done, 0)).toBe(30);
    const entries = await prisma.auditLog.findMany({ where: { action: "test.job" }, select: { entityId: true } });
    expect(entries.map((e) => e.entityId).sort()).toEqual([...ids].sort());
    expect(await prisma.job.count({ where: { kind: testKind("audit"), status: "done" } })).toBe(30);
    expect(await prisma.job.findFirstOrThrow({ where: { kind: testKind("unknown") } })).toMatchObject({ status: "pending", attempts: 0 });
  });

  test("a job with a key is queued once", async () => {
    expect(await enqueueTest(testKind("keyed"), { key: "reminder:meeting:1" })).not.toBeNull();
    expect(await enqueueTest(testKind("keyed"), { key: "reminder:meeting:1" })).toBeNull();
    expect(await prisma.job.count({ where: { key: "reminder:meeting:1" } })).toBe(1);
  });
});
