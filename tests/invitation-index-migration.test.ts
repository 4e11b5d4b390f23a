// The migration that adds "one open invitation per address and place" (a partial unique index)
// must apply to an installation that already holds several, left by the race it closes: it keeps
// the newest open one and revokes the others. On PGlite, or PostgreSQL with DATABASE_URL.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import pg from "pg";
import { afterEach, describe, expect, test } from "vitest";

import { databaseTarget } from "#app/db/database-url";
import { applyMigrations, type SqlRunner } from "#app/db/migrate";
import { newPGlite } from "#app/db/pglite";
import { createTestDatabase } from "#tests/setup/database";

const MIGRATION = "20261201230121_races_jobs_idempotency";
const migrationsDir = path.join(process.cwd(), "prisma/migrations");

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openRunner(url: string): Promise<SqlRunner> {
  const target = databaseTarget(url);
  if (target.kind === "pglite") {
    const db = newPGlite(target.dataDir);
    cleanups.push(() => db.close());
    return { exec: async (sql) => void (await db.exec(sql)), query: async (sql, params) => (await db.query(sql, params)).rows as never };
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  cleanups.push(() => client.end());
  return { exec: async (sql) => void (await client.query(sql)), query: async (sql, params) => (await client.query(sql, params)).rows };
}

describe(`migration ${MIGRATION}`, () => {
  test("keeps the newest open invitation per address and place, revokes the older ones, then refuses a second one", async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const db = await openRunner(database.url);
    const dir = mkdtempSync(path.join(os.tmpdir(), "maillage-migrations-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const earlier = readdirSync(migrationsDir, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name < MIGRATION);
    for (const e of earlier) cpSync(path.join(migrationsDir, e.name), path.join(dir, e.name), { recursive: true });
    await applyMigrations(db, dir);

    await db.exec(`
      INSERT INTO "Network" ("id", "slug", "name", "updatedAt") VALUES ('n1', 'reseau', 'Réseau', now());
      INSERT INTO "Organisation" ("id", "slug", "name", "kind", "updatedAt") VALUES ('o1', 'asbl', 'Asbl', 'association', now());
      INSERT INTO "Invitation" ("id", "tokenHash", "email", "networkId", "organisationId", "role", "createdAt", "expiresAt", "acceptedAt", "revokedAt") VALUES
        ('old', 'h1', 'a@example.test', 'n1', 'o1', 'titular', '2026-11-01 10:00', '2026-12-15', NULL, NULL),
        ('mid', 'h2', 'a@example.test', 'n1', 'o1', 'titular', '2026-11-01 10:00', '2026-12-15', NULL, NULL),
        ('new', 'h3', 'a@example.test', 'n1', 'o1', 'staff', '2026-11-02 10:00', '2026-12-16', NULL, NULL),
        ('used', 'h4', 'a@example.test', 'n1', 'o1', 'staff', '2026-11-03 10:00', '2026-12-17', '2026-11-04', NULL),
        ('coord1', 'h5', 'a@example.test', 'n1', NULL, 'coordinator', '2026-11-01 10:00', '2026-12-15', NULL, NULL),
        ('coord2', 'h6', 'a@example.test', 'n1', NULL, 'coordinator', '2026-11-05 10:00', '2026-12-19', NULL, NULL),
        ('other', 'h7', 'b@example.test', 'n1', 'o1', 'titular', '2026-11-01 10:00', '2026-12-15', NULL, NULL);
    `);
    cpSync(path.join(migrationsDir, MIGRATION), path.join(dir, MIGRATION), { recursive: true });
    expect(await applyMigrations(db, dir)).toEqual([MIGRATION]);

    const open = await db.query<{ id: string }>(`SELECT "id" FROM "Invitation" WHERE "acceptedAt" IS NULL AND "revokedAt" IS NULL ORDER BY "id"`);
    expect(open.map((r) => r.id)).toEqual(["coord2", "new", "other"]);

    const second = (id: string, organisationId: string | null) =>
      db.query(
        `INSERT INTO "Invitation" ("id", "tokenHash", "email", "networkId", "organisationId", "role", "expiresAt") VALUES ($1, $1, 'a@example.test', 'n1', $2, 'titular', '2026-12-20')`,
        [id, organisationId],
      );
    await expect(second("x1", "o1")).rejects.toMatchObject({ code: "23505" });
    // A coordinator invitation has no organisation: NULLs would never collide without the COALESCE.
    await expect(second("x2", null)).rejects.toMatchObject({ code: "23505" });
  }, 120_000); // an empty PGlite and every earlier migration: 10 s alone, over 30 s on a loaded machine
});
