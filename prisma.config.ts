// Configuration of the Prisma CLI only (the app builds its own client in app/db/connect.server.ts).
// The CLI here generates the client and computes migration diffs, always against an in-memory
// PGlite: migrations are applied by our own migrator on PGlite and PostgreSQL alike
// (`npm run db:migrate`, and at every start). Why: docs/decisions/002-database.md.
import "dotenv/config";

import path from "node:path";

import { defineConfig } from "prisma/config";

import { newPGlite } from "./app/db/pglite.ts";
import { createPGliteAdapterFactory } from "./app/db/pglite-adapter.ts";

// PGlite and the JS schema engine leave 10–60 s timers armed, which keeps the CLI alive long
// after its work is done. In this CLI-only process, long timers must not hold the event loop.
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = setTimeoutOriginal(fn, ms, ...args);
  if ((ms ?? 0) >= 5000) timer.unref?.();
  return timer;
}) as typeof setTimeout;

let main: ReturnType<typeof newPGlite> | undefined;

// The schema keeps `url = env("DATABASE_URL")` (without it the CLI fetches a native engine), so
// the variable must exist for the CLI to read the schema, although the adapter below decides
// where the CLI connects. A postgres:// value from the developer's .env is left untouched.
if (!process.env.DATABASE_URL?.startsWith("postgres")) process.env.DATABASE_URL = "postgresql://cli@localhost/unused";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  // Called more than once per CLI run: one PGlite instance, created lazily.
  adapter: async () => {
    main ??= newPGlite();
    return createPGliteAdapterFactory(main) as never;
  },
});
