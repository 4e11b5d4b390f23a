// The migrated database every test file starts from, built once per Vitest run by a global setup
// (tests/setup/global-setup.ts, tests/e2e/global-setup.ts) instead of once per file: a fresh
// PGlite pays for an initdb (5–10 s on two busy cores), a copy of a migrated one loads in 1–2 s.
// The migrations themselves are still applied from scratch by tests/migrations.test.ts and
// tests/invitation-index-migration.test.ts, on empty databases (createTestDatabase).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import pg from "pg";

import { applyMigrations, type SqlRunner } from "../../app/db/migrate";
import { newPGlite } from "../../app/db/pglite";
import { basePostgresUrl } from "./database";

/** Where the template lives: a dump of a PGlite data folder (loaded into memory by each file), a
 * PGlite data folder (copied for each app of the browser tests), or a PostgreSQL database. */
export type DatabaseTemplate = { kind: "pglite-dump"; file: string } | { kind: "pglite-folder"; dir: string } | { kind: "postgres"; name: string };

declare module "vitest" {
  export interface ProvidedContext {
    /** Undefined when the run has no global setup that builds one (each file then migrates). */
    databaseTemplate: DatabaseTemplate | undefined;
  }
}

const pgliteRunner = (db: ReturnType<typeof newPGlite>): SqlRunner => ({
  exec: async (sql) => void (await db.exec(sql)),
  query: async (sql, params) => (await db.query(sql, params)).rows as never,
});

/** Builds the template with every committed migration; `remove` deletes it at the end of the run. */
export async function buildTemplate(pgliteAs: "dump" | "folder"): Promise<{ template: DatabaseTemplate; remove(): Promise<void> }> {
  const base = basePostgresUrl();
  if (base) {
    const name = `maillage_tpl_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await applyMigrations({
        exec: async (sql) => void (await client.query(sql)),
        query: async (sql, params) => (await client.query(sql, params)).rows,
      });
    } finally {
      // CREATE DATABASE … TEMPLATE refuses a template anyone is connected to.
      await client.end();
      await admin.end();
    }
    return {
      template: { kind: "postgres", name },
      async remove() {
        const client = new pg.Client({ connectionString: base });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "maillage-template-"));
  const remove = async () => rmSync(dir, { recursive: true, force: true });
  try {
    if (pgliteAs === "folder") {
      const dataDir = path.join(dir, "pglite");
      const db = newPGlite(dataDir);
      await applyMigrations(pgliteRunner(db));
      await db.close();
      return { template: { kind: "pglite-folder", dir: dataDir }, remove };
    }
    const db = newPGlite();
    await applyMigrations(pgliteRunner(db));
    const file = path.join(dir, "pglite.tar");
    writeFileSync(file, Buffer.from(await (await db.dumpDataDir("none")).arrayBuffer()));
    await db.close();
    return { template: { kind: "pglite-dump", file }, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
