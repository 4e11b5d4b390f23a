// `npm run db:seed` (prisma/seed.ts) in its own process, as a developer runs it, on a database of
// its own (a PGlite folder, or a new database on the PostgreSQL server of the run): it seeds the
// demo and prints the logins, says so when the demo is already there, and refuses a database
// that holds other data.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterEach, expect, test } from "vitest";

import { openDatabase } from "#app/db/connect.server";
import { createTestDatabase, type TestDatabase } from "#tests/setup/database";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function freshDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "maillage-db-seed-"));
  const db = await createTestDatabase({ pgliteDir: path.join(dir, "pglite") });
  cleanups.push(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  return db;
}

function dbSeed(url: string) {
  const run = spawnSync("npm", ["run", "--silent", "db:seed"], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8", timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function counts(url: string) {
  const db = openDatabase(url);
  try {
    return { networks: await db.prisma.network.count(), users: await db.prisma.user.count() };
  } finally {
    await db.close();
  }
}

test("seeds an empty database once and prints the logins; a second run changes nothing", async () => {
  const db = await freshDatabase();
  const first = dbSeed(db.url);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toContain("Demo network created. Sign in with:");
  expect(first.stdout).toMatch(/coordination@demo\.maillage\.be {2}\/ {2}demo-maillage-2026/);
  const seeded = await counts(db.url);
  expect(seeded.networks).toBe(1);

  const second = dbSeed(db.url);
  expect(second.code, second.stderr).toBe(0);
  expect(second.stdout).toContain("already in this database");
  expect(second.stdout).not.toContain("Sign in with");
  expect(await counts(db.url)).toEqual(seeded);
}, 180_000);

test("refuses a database that holds other data, and writes nothing", async () => {
  const db = await freshDatabase();
  const other = openDatabase(db.url);
  try {
    await other.migrate();
    await other.prisma.network.create({ data: { slug: "autre-reseau", name: "Un autre réseau", themes: [], languages: ["fr"] } });
  } finally {
    await other.close();
  }
  const run = dbSeed(db.url);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("only seeded into an empty database");
  expect(await counts(db.url)).toEqual({ networks: 1, users: 0 });
}, 180_000);
