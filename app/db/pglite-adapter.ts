// The three fixes that pglite-prisma-adapter 0.6.1 needs on our stack (docs/decisions/002):
//  1. constraint violations come back as raw "postgres" errors; Prisma only turns them into
//     P2002/P2003 when the adapter reports them the way @prisma/adapter-pg does;
//  2. multi-statement scripts (migrations, the CLI's shadow database) must go through
//     PGlite.exec (simple protocol), awaited, not through a prepared statement;
//  3. Prisma hands `Bytes` arguments to the adapter base64-encoded (with argType scalarType
//     "bytes"), and the adapter passes the string on ("Invalid input for bytea"): decode them
//     as @prisma/adapter-pg does.
import { type PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

import { newPGlite } from "./pglite";

type DriverError = { kind: string; code?: string; detail?: string; column?: string; constraint?: string };

function mapPostgresError(error: DriverError): DriverError | null {
  if (error.kind !== "postgres") return null;
  const fields = error.detail
    ?.match(/Key \(([^)]+)\)/)
    ?.at(1)
    ?.split(", ");
  if (error.code === "23505") return { kind: "UniqueConstraintViolation", constraint: fields ? { fields } : undefined } as never;
  if (error.code === "23503") return { kind: "ForeignKeyConstraintViolation", constraint: error.column ? { fields: [error.column] } : undefined } as never;
  return null;
}

type Query = { sql: string; args: unknown[]; argTypes?: ({ scalarType?: string } | string | null)[] };

/** The arguments as PGlite takes them: Bytes decoded from the base64 Prisma sends. */
function decodeBytes(query: Query): Query {
  const types = query.argTypes;
  if (!types?.some((t) => typeof t === "object" && t?.scalarType === "bytes")) return query;
  const args = query.args.map((arg, i) => {
    const type = types[i];
    if (typeof type !== "object" || type?.scalarType !== "bytes") return arg;
    if (typeof arg === "string") return Buffer.from(arg, "base64");
    if (Array.isArray(arg)) return Buffer.from(arg as number[]);
    return arg;
  });
  return { ...query, args };
}

let patched = false;
function patchQueryablePrototype(adapter: object) {
  if (patched) return;
  // PGliteQueryable is not exported; both the adapter and its transactions inherit from it.
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as {
    onError: (e: unknown) => never;
    performIO: (query: Query) => Promise<unknown>;
  };
  const performIO = queryable.performIO;
  queryable.performIO = function (this: unknown, query: Query) {
    return performIO.call(this, decodeBytes(query));
  };
  const original = queryable.onError;
  queryable.onError = function (this: unknown, e: unknown) {
    try {
      return original.call(this, e);
    } catch (thrown) {
      const cause = (thrown as { cause?: DriverError }).cause;
      const mapped = cause ? mapPostgresError(cause) : null;
      if (mapped) (thrown as { cause: DriverError }).cause = mapped;
      throw thrown;
    }
  };
  patched = true;
}

function fixAdapter<T extends object>(adapter: T, pglite: PGlite): T {
  patchQueryablePrototype(adapter);
  const a = adapter as unknown as {
    executeScript: (s: string) => Promise<void>;
    executeRaw: (q: { sql: string; args: unknown[] }) => Promise<number>;
    onError: (e: unknown) => never;
  };
  const executeRaw = a.executeRaw.bind(a);
  a.executeScript = async (script: string) => {
    try {
      await pglite.exec(script);
    } catch (e) {
      a.onError(e);
    }
  };
  a.executeRaw = async (query) => {
    if (query.args.length === 0) {
      try {
        const results = await pglite.exec(query.sql);
        return results.reduce((n, r) => n + (r.affectedRows ?? 0), 0);
      } catch (e) {
        a.onError(e);
      }
    }
    return executeRaw(query);
  };
  return adapter;
}

export function createPGliteAdapterFactory(pglite: PGlite, shadow?: () => PGlite) {
  const factory = new PrismaPGlite(pglite);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => fixAdapter(await connect(), pglite);
  factory.connectToShadowDb = async () => {
    const shadowDb = shadow ? shadow() : newPGlite();
    const adapter = fixAdapter(await new PrismaPGlite(shadowDb).connect(), shadowDb);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await shadowDb.close();
    };
    return adapter;
  };
  return factory;
}
