// Fresh databases for tests: in-memory PGlite, or a new database on the PostgreSQL server that
// DATABASE_URL points to (created here, dropped afterwards). Empty, or a copy of the run's
// migrated template (tests/setup/template.ts).
import { randomBytes } from "node:crypto";
import { cpSync, readFileSync } from "node:fs";

import pg from "pg";

import type { DatabaseTemplate } from "./template";

/** The PostgreSQL server URL the test run was started with, if any (kept across test files). */
export function basePostgresUrl(): string | undefined {
  if (process.env.MAILLAGE_TEST_BASE_URL === undefined) {
    process.env.MAILLAGE_TEST_BASE_URL = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : "";
  }
  return process.env.MAILLAGE_TEST_BASE_URL || undefined;
}

/** `pgliteFrom`: for an in-memory PGlite copied from the template, the data folder to open it
 * with (`openDatabase(url, { pgliteFrom })`). */
export type TestDatabase = { url: string; pgliteFrom?: Blob; drop(): Promise<void> };

/**
 * A new empty database. For PGlite: a folder when `dir` is given (to share with a server), else
 * memory. `postgresUrl`: on this PostgreSQL server whatever the run's database (a test that needs
 * several processes on one database).
 */
export async function createTestDatabase(options: { pgliteDir?: string; postgresUrl?: string } = {}): Promise<TestDatabase> {
  return newDatabase(options);
}

/**
 * A new database with every migration applied: a copy of the run's template when there is one
 * (`inject("databaseTemplate")`), else an empty one for the caller to migrate. The template must
 * match the database of the run (a PGlite dump for memory, a PGlite folder for `pgliteDir`).
 */
export async function createMigratedTestDatabase(template: DatabaseTemplate | undefined, options: { pgliteDir?: string } = {}): Promise<TestDatabase> {
  if (template?.kind === "postgres") return newDatabase({ template: template.name });
  if (template?.kind === "pglite-folder" && options.pgliteDir) {
    cpSync(template.dir, options.pgliteDir, { recursive: true });
    return newDatabase(options);
  }
  if (template?.kind === "pglite-dump" && !options.pgliteDir) {
    return { ...(await newDatabase()), pgliteFrom: new Blob([readFileSync(template.file)]) };
  }
  return newDatabase(options);
}

async function newDatabase(options: { pgliteDir?: string; template?: string; postgresUrl?: string } = {}): Promise<TestDatabase> {
  const base = options.postgresUrl ?? basePostgresUrl();
  if (!base) {
    return { url: options.pgliteDir ? `pglite:${options.pgliteDir}` : "pglite:memory", drop: async () => {} };
  }
  const name = `maillage_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(options.template ? `CREATE DATABASE "${name}" TEMPLATE "${options.template}"` : `CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
