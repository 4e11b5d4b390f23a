// The committed migrations are what every database is built from (docs/decisions/002): they must
// apply on an empty database, be recorded the way Prisma records them, refuse an edited file,
// and describe exactly prisma/schema.prisma.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import pg from "pg";
import { afterEach, describe, expect, test } from "vitest";

import { openDatabase } from "#app/db/connect.server";
import { databaseTarget } from "#app/db/database-url";
import { applyMigrations, type SqlRunner } from "#app/db/migrate";
import { newPGlite } from "#app/db/pglite";
import { Prisma } from "#app/generated/prisma/client";
import { getDatabase, prisma } from "#app/utils/db.server";
import { createTestDatabase, type TestDatabase } from "#tests/setup/database";

const run = promisify(execFile);
const root = process.cwd();
const migrationsDir = path.join(root, "prisma/migrations");
const committed = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

// The environment of a Prisma CLI run: the CLI never connects to the test database (its config
// uses an in-memory PGlite), so DATABASE_URL is left out.
function cliEnv() {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return env;
}

/** A raw runner on one connection of a database, to call applyMigrations with another folder. */
async function openRunner(url: string): Promise<SqlRunner & { close(): Promise<void> }> {
  const target = databaseTarget(url);
  if (target.kind === "pglite") {
    const db = newPGlite(target.dataDir);
    return {
      exec: async (sql) => void (await db.exec(sql)),
      query: async (sql, params) => (await db.query(sql, params)).rows as never,
      close: () => db.close(),
    };
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async (sql, params) => (await client.query(sql, params)).rows,
    close: () => client.end(),
  };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  cleanups.push(() => db.drop());
  return db;
}

function tempCopyOfMigrations() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "maillage-migrations-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(migrationsDir, dir, { recursive: true });
  return dir;
}

describe("committed migrations", () => {
  test("there is at least one, each with a migration.sql", () => {
    expect(committed.length).toBeGreaterThan(0);
    for (const name of committed) expect(readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8")).toMatch(/\S/);
  });

  test("all apply on an empty database, in order; applying again is a no-op", async () => {
    const fresh = await freshDatabase();
    const db = openDatabase(fresh.url);
    cleanups.push(() => db.close());
    expect(await db.migrate()).toEqual(committed);
    expect(await db.migrate()).toEqual([]);
    const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(committed);
  });

  test("the database of this test file is already migrated: nothing left to apply", async () => {
    expect(await getDatabase().migrate()).toEqual([]);
  });

  test("_prisma_migrations rows carry the SHA-256 of each file, finished and not rolled back", async () => {
    const rows = await prisma.$queryRawUnsafe<
      { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number }[]
    >(`SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(committed);
    for (const row of rows) {
      expect(row.checksum).toBe(sha256(path.join(migrationsDir, row.migration_name, "migration.sql")));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  test("a migration edited after it was applied is refused, naming it", async () => {
    const fresh = await freshDatabase();
    const runner = await openRunner(fresh.url);
    cleanups.push(() => runner.close());
    const dir = tempCopyOfMigrations();
    expect(await applyMigrations(runner, dir)).toEqual(committed);
    const last = committed.at(-1)!;
    writeFileSync(path.join(dir, last, "migration.sql"), readFileSync(path.join(dir, last, "migration.sql"), "utf8") + "\n-- edited\n");
    await expect(applyMigrations(runner, dir)).rejects.toThrow(new RegExp(`${last} was changed after it was applied`));
  });

  test("a new migration is applied alone; a failing one rolls back entirely and is not recorded", async () => {
    const fresh = await freshDatabase();
    const runner = await openRunner(fresh.url);
    cleanups.push(() => runner.close());
    const dir = tempCopyOfMigrations();
    await applyMigrations(runner, dir);

    mkdirSync(path.join(dir, "99990101000000_probe"));
    writeFileSync(path.join(dir, "99990101000000_probe", "migration.sql"), `CREATE TABLE "Probe" ("id" TEXT PRIMARY KEY);\nINSERT INTO "Probe" VALUES ('a');`);
    expect(await applyMigrations(runner, dir)).toEqual(["99990101000000_probe"]);
    expect(await runner.query(`SELECT id FROM "Probe"`)).toEqual([{ id: "a" }]);

    mkdirSync(path.join(dir, "99990102000000_broken"));
    writeFileSync(
      path.join(dir, "99990102000000_broken", "migration.sql"),
      `CREATE TABLE "Half" ("id" TEXT);\nINSERT INTO "Probe" VALUES ('b');\nSELECT no_such_function();`,
    );
    await expect(applyMigrations(runner, dir)).rejects.toThrow(/99990102000000_broken failed/);
    expect(await runner.query(`SELECT to_regclass('"Half"') AS t`)).toEqual([{ t: null }]);
    expect(await runner.query(`SELECT id FROM "Probe" ORDER BY id`)).toEqual([{ id: "a" }]);
    const names = await runner.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(names.map((r) => r.migration_name)).not.toContain("99990102000000_broken");
  });

  test("every model of the generated client can be read with all its columns", async () => {
    for (const model of Object.values(Prisma.ModelName)) {
      const delegate = (prisma as unknown as Record<string, { findFirst(): Promise<unknown> }>)[model[0].toLowerCase() + model.slice(1)];
      await delegate.findFirst().catch((error: Error) => {
        throw new Error(`${model}: ${error.message}`);
      });
    }
  });
});

describe("migrations and prisma/schema.prisma", () => {
  test("the committed migrations describe exactly the schema (prisma migrate diff --exit-code)", { timeout: 120_000 }, async () => {
    const args = ["prisma", "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"];
    const result = await run("npx", args, { cwd: root, env: cliEnv() }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 1, stdout: `${e.stdout}\n${e.stderr}` }),
    );
    // 2 = a difference: someone changed the schema without `npm run db:migration -- <name>`.
    expect(result, result.stdout).toMatchObject({ code: 0 });
  });

  test("npm run db:migration writes a migration for a schema change, which then applies", { timeout: 120_000 }, async () => {
    // A throw-away copy of what the script touches, so the repository is never modified.
    const dir = mkdtempSync(path.join(os.tmpdir(), "maillage-schema-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(path.join(root, "prisma"), path.join(dir, "prisma"), { recursive: true });
    for (const file of ["prisma.config.ts", "package.json", "app/db/pglite-adapter.ts", "app/db/pglite.ts", "scripts/db-migration.ts"]) {
      cpSync(path.join(root, file), path.join(dir, file), { recursive: true });
    }
    symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
    const schema = path.join(dir, "prisma/schema.prisma");
    writeFileSync(schema, readFileSync(schema, "utf8") + `\nmodel MigrationProbe {\n  id    String @id\n  label String\n}\n`);

    const { stdout } = await run("npx", ["tsx", "scripts/db-migration.ts", "add_probe"], { cwd: dir, env: cliEnv() });
    expect(stdout).toMatch(/Wrote prisma\/migrations\/\d{14}_add_probe\/migration\.sql/);
    const created = readdirSync(path.join(dir, "prisma/migrations")).filter((n) => !committed.includes(n) && n !== "migration_lock.toml");
    expect(created).toHaveLength(1);
    const sql = readFileSync(path.join(dir, "prisma/migrations", created[0], "migration.sql"), "utf8");
    expect(sql).toContain(`CREATE TABLE "MigrationProbe"`);

    const fresh = await freshDatabase();
    const runner = await openRunner(fresh.url);
    cleanups.push(() => runner.close());
    expect(await applyMigrations(runner, path.join(dir, "prisma/migrations"))).toEqual([...committed, created[0]]);
    await runner.exec(`INSERT INTO "MigrationProbe" (id, label) VALUES ('1', 'ok')`);
  });
});
