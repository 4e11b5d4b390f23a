import os from "node:os";
import path from "node:path";

import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

export const alias = [
  { find: /^#app\/(.*)$/, replacement: `${path.resolve("app")}/$1` },
  { find: /^#tests\/(.*)$/, replacement: `${path.resolve("tests")}/$1` },
];

/** The files that take longest start first, so that they run beside the others instead of alone
 * at the end; the rest keep Vitest's order. tests/migrations.test.ts spawns the Prisma CLI twice. */
const SLOW_FIRST = ["tests/migrations.test.ts", "tests/login.test.ts", "tests/races.test.ts", "tests/env.test.ts"];
class SlowFirst extends BaseSequencer {
  async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return i === -1 ? SLOW_FIRST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

// Units and integration tests on a real database: a fresh in-memory PGlite per test file, or a
// fresh PostgreSQL database per test file when DATABASE_URL is set (tests/setup/setup-db.ts),
// each a copy of a template migrated once per run (tests/setup/global-setup.ts).
export default defineConfig({
  resolve: { alias },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/**/*.test.{ts,tsx}"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-db.ts"],
    pool: "forks",
    // One file per core. Vitest's default is one less than the cores, which on CI's two cores
    // ran the files one after the other; a test file is mostly PGlite, one thread of WebAssembly.
    maxWorkers: Math.max(2, os.availableParallelism()),
    sequence: { sequencer: SlowFirst },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
