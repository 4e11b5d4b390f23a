// The bench's own database: a temporary PGlite folder, or a database of the PostgreSQL server of
// DATABASE_URL dropped and recreated (never the one DATABASE_URL names).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type BenchDatabase = { url: string; label: string; drop(): Promise<void> };

export async function createDatabase(name = process.env.BENCH_DATABASE ?? "maillage_bench"): Promise<BenchDatabase> {
  const base = process.env.DATABASE_URL ?? "";
  if (!base.startsWith("postgres")) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "maillage-bench-"));
    const { version } = JSON.parse(readFileSync(path.join(root, "node_modules", "@electric-sql", "pglite", "package.json"), "utf8"));
    return { url: `pglite:${dir}/pglite`, label: `PGlite ${version} (embedded, ${dir})`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`BENCH_DATABASE must be lower-case letters, digits and _ (got ${name})`);
  const admin = new URL(base);
  admin.pathname = "/postgres";
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await run(`CREATE DATABASE "${name}"`);
  const [{ server_version }] = await run("SHOW server_version");
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    label: `PostgreSQL ${server_version} (${url.host}, database ${name})`,
    drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => {}),
  };
}
