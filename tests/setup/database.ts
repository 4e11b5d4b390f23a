// Fresh databases for tests: in-memory PGlite, or a new database on the PostgreSQL server that
// DATABASE_URL points to (created here, dropped afterwards).
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The PostgreSQL server URL the test run was started with, if any (kept across test files). */
export function basePostgresUrl(): string | undefined {
  if (process.env.MAILLAGE_TEST_BASE_URL === undefined) {
    process.env.MAILLAGE_TEST_BASE_URL = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : "";
  }
  return process.env.MAILLAGE_TEST_BASE_URL || undefined;
}

export type TestDatabase = { url: string; drop(): Promise<void> };

/** A new empty database. For PGlite: a folder when `dir` is given (to share with a server), else memory. */
export async function createTestDatabase(options: { pgliteDir?: string } = {}): Promise<TestDatabase> {
  const base = basePostgresUrl();
  if (!base) {
    return { url: options.pgliteDir ? `pglite:${options.pgliteDir}` : "pglite:memory", drop: async () => {} };
  }
  const name = `maillage_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
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
