// Opens the database a DATABASE_URL designates and gives a Prisma client plus a raw runner for
// migrations. PGlite (embedded, the default) or PostgreSQL through @prisma/adapter-pg.
import { mkdirSync } from "node:fs";

import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

import { PrismaClient } from "../generated/prisma/client";
import { databaseTarget } from "./database-url";
import { applyMigrations, type SqlRunner } from "./migrate";
import { newPGlite } from "./pglite";
import { createPGliteAdapterFactory } from "./pglite-adapter";

export type Database = {
  prisma: PrismaClient;
  kind: "pglite" | "postgres";
  /** Applies committed migrations not yet applied; returns their names. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
};

/** `options.pgliteFrom`: for PGlite, a dumped data folder to start from (tests only). */
export function openDatabase(url: string | undefined, options: { pgliteFrom?: Blob } = {}): Database {
  const target = databaseTarget(url);
  if (target.kind === "pglite") {
    if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
    // PGlite queues queries until its WebAssembly is ready: no need to await here.
    const pglite = newPGlite(target.dataDir, { loadDataDir: options.pgliteFrom });
    const prisma = new PrismaClient({ adapter: createPGliteAdapterFactory(pglite) as never });
    const runner: SqlRunner = {
      exec: async (sql) => void (await pglite.exec(sql)),
      query: async (sql, params) => (await pglite.query(sql, params)).rows as never,
    };
    return {
      prisma,
      kind: "pglite",
      migrate: () => applyMigrations(runner),
      async close() {
        await prisma.$disconnect();
        await pglite.close();
      },
    };
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) });
  return {
    prisma,
    kind: "postgres",
    async migrate() {
      // One dedicated connection: BEGIN/COMMIT of each migration must share it. The advisory
      // lock keeps two starting servers from applying the same migration twice.
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        await client.query("SELECT pg_advisory_lock(4242001)");
        const runner: SqlRunner = {
          exec: async (sql) => void (await client.query(sql)),
          query: async (sql, params) => (await client.query(sql, params)).rows,
        };
        return await applyMigrations(runner);
      } finally {
        await client.query("SELECT pg_advisory_unlock(4242001)").catch(() => {});
        await client.end();
      }
    },
    async close() {
      await prisma.$disconnect();
    },
  };
}
