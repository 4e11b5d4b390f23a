// The one database of the process, opened lazily from DATABASE_URL (PGlite by default).
import { type Database, openDatabase } from "#app/db/connect.server";
import type { Prisma, PrismaClient } from "#app/generated/prisma/client";

import { getEnv } from "./env.server";

declare global {
  // Survives module reloads in development; one PGlite per process.
  var __maillageDb: Database | undefined;
}

export function getDatabase(): Database {
  globalThis.__maillageDb ??= openDatabase(getEnv().DATABASE_URL);
  return globalThis.__maillageDb;
}

export async function closeDatabase() {
  const db = globalThis.__maillageDb;
  globalThis.__maillageDb = undefined;
  await db?.close();
}

/** Prisma client of the process. Resolved on first use, so tests can choose the database first. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, key) {
    const client = getDatabase().prisma as unknown as Record<string | symbol, unknown>;
    const value = client[key];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

/**
 * Runs `fn` in one interactive transaction, on either adapter: every write in it commits or none
 * does. The same defaults everywhere (30 s for the work, 10 s to start: on PGlite a transaction
 * waits for the one before it); `options` overrides them (an isolation level, a longer timeout).
 *
 * Inside `fn`, query through `tx` only. On PGlite the process has one connection: a statement sent
 * through `prisma` (or a nested `transaction()`) while this one is open waits for it to end, and
 * it never ends, so both hang until the timeout. On PostgreSQL the same statement would run on
 * another connection, outside the transaction, and not see its writes. Reads that need no
 * transaction go before it.
 */
export function transaction<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>, options: TransactionOptions = {}) {
  const { isolationLevel } = options;
  // pglite-prisma-adapter drops the isolation level (its transactions run at PostgreSQL's
  // default): set it as the transaction's first statement, as adapter-pg does with BEGIN.
  const run =
    isolationLevel && getDatabase().kind === "pglite"
      ? async (tx: Prisma.TransactionClient) => {
          await tx.$executeRawUnsafe(`SET TRANSACTION ISOLATION LEVEL ${ISOLATION_SQL[isolationLevel]}`);
          return fn(tx);
        }
      : fn;
  return prisma.$transaction(run, { timeout: 30_000, maxWait: 10_000, ...options });
}

const ISOLATION_SQL: Record<Prisma.TransactionIsolationLevel, string> = {
  ReadUncommitted: "READ UNCOMMITTED",
  ReadCommitted: "READ COMMITTED",
  RepeatableRead: "REPEATABLE READ",
  Serializable: "SERIALIZABLE",
};

export type TransactionOptions = { timeout?: number; maxWait?: number; isolationLevel?: Prisma.TransactionIsolationLevel };

export type { Prisma } from "#app/generated/prisma/client";
