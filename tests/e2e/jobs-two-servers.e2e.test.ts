// Exactly once across several app servers on one PostgreSQL (issue 11, record 012): two BUILT
// servers (build/index.js) on one database, each with its job runner, deliver due charter
// reminders, a due meeting reminder and the outbox's mail to a real SMTP peer, and every message
// arrives once. PGlite is one process and cannot be shared, so on the PGlite pass this file uses
// the machine's PostgreSQL (a fresh database, dropped afterwards). No browser.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";

import { closeDatabase, getDatabase } from "#app/utils/db.server";
import { resetEnv } from "#app/utils/env.server";
import { describeMessage, type DueWork, prepareDueWork, sortMessages } from "#tests/due-work";
import { basePostgresUrl, createTestDatabase, type TestDatabase } from "#tests/setup/database";
import { startSmtpPeer } from "#tests/setup/smtp";

import { freePort, SESSION_SECRET, stopChild, waitForServer } from "./harness";

const MACHINE_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres";

type Server = { child: ChildProcess; logs: () => string };

let dir: string;
let db: TestDatabase;
let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
let servers: Server[] = [];
let work: DueWork;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "maillage-jobs-"));
  peer = await startSmtpPeer();
  db = await createTestDatabase({ postgresUrl: basePostgresUrl() ?? MACHINE_POSTGRES });
  const env = {
    DATABASE_URL: db.url,
    SESSION_SECRET,
    NODE_ENV: "production",
    APP_URL: "http://127.0.0.1",
    COOKIE_SECURE: "false",
    SEED_DEMO: "false",
    UPLOADS_DIR: path.join(dir, "uploads"),
    SMTP_URL: peer.url,
    OUTBOX_INTERVAL_MS: "200",
  };
  // The due work, made in this process on the database the servers will share (as startApp does).
  const saved = { ...process.env };
  Object.assign(process.env, env);
  resetEnv();
  await closeDatabase();
  try {
    await getDatabase().migrate();
    work = await prepareDueWork({ meetings: 20, plainEmails: 100 });
  } finally {
    await closeDatabase();
    for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetEnv();
  }
  // Both at once, so that their first rounds race for the same slots.
  servers = await Promise.all(
    [0, 1].map(async () => {
      const port = await freePort();
      const child = spawn(process.execPath, ["build/index.js"], {
        env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", APP_URL: `http://127.0.0.1:${port}` } as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout!.on("data", (d: Buffer) => (output += d));
      child.stderr!.on("data", (d: Buffer) => (output += d));
      await waitForServer(child, () => output, `http://127.0.0.1:${port}/healthz`);
      return { child, logs: () => output };
    }),
  );
});

afterAll(async () => {
  await Promise.all(servers.map((s) => stopChild(s.child)));
  await db?.drop();
  await peer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("two servers on one database send every reminder and every outbox message exactly once", async () => {
  await peer.waitFor(work.expected.length, 60_000);
  // Many more delivery slots (200 ms each) and runner rounds on both servers: a copy would arrive.
  await new Promise((r) => setTimeout(r, 3000));
  const delivered = peer.messages.map((m) => describeMessage(String((m.to as { text: string }).text), m.subject ?? ""));
  expect(sortMessages(delivered)).toEqual(sortMessages(work.expected));
  expect(new Set(peer.messages.map((m) => m.messageId)).size).toBe(work.expected.length);

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows;
    // Each outbox row was claimed once: one attempt, sent.
    expect(await q(`SELECT "status", "attempts", count(*)::int AS n FROM "OutboxEmail" GROUP BY 1, 2`)).toEqual([
      { status: "sent", attempts: 1, n: work.expected.length },
    ]);
    expect(await q(`SELECT "kind", "recipients" FROM "CharterReminder" WHERE "charterVersionId" = '${work.charterVersionId}' ORDER BY "kind"`)).toEqual([
      { kind: "d14", recipients: 0 },
      { kind: "d3", recipients: 2 },
    ]);
    expect(await q(`SELECT count(*)::int AS n FROM "Meeting" WHERE "reminderSentAt" IS NOT NULL`)).toEqual([{ n: work.meetingIds.length }]);
    // The rounds ran as jobs of their schedules' slots, and none failed or is left half done.
    const jobs = await q(`SELECT "kind", "key", "status", "attempts" FROM "Job"`);
    for (const kind of ["outbox.deliver", "charter.reminders", "meeting.reminders", "jobs.purge"]) {
      expect(jobs.filter((j) => j.kind === kind).length, kind).toBeGreaterThan(0);
    }
    expect(jobs.filter((j) => !j.key.startsWith("schedule:"))).toEqual([]);
    expect(jobs.filter((j) => j.status === "failed" || j.attempts > 1)).toEqual([]);
    // The outbox's slots follow each other every 200 ms: both servers ticked, one job per slot.
    expect(jobs.filter((j) => j.kind === "outbox.deliver").length).toBeGreaterThan(10);
  } finally {
    await client.end();
  }
  for (const s of servers) {
    expect(s.child.exitCode).toBeNull();
    expect(s.logs()).not.toMatch(/\[jobs\]|\[outbox\]|Error/);
  }
});
