// The one database of the process, opened lazily from DATABASE_URL (PGlite by default).
import type { PrismaClient } from "#app/generated/prisma/client";
import { openDatabase, type Database } from "#app/db/connect.server";
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

export type { Prisma } from "#app/generated/prisma/client";
