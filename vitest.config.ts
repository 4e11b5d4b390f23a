import path from "node:path";
import { defineConfig } from "vitest/config";

export const alias = [
  { find: /^#app\/(.*)$/, replacement: `${path.resolve("app")}/$1` },
  { find: /^#tests\/(.*)$/, replacement: `${path.resolve("tests")}/$1` },
];

// Units and integration tests on a real database: a fresh in-memory PGlite per test file, or a
// fresh PostgreSQL database per test file when DATABASE_URL is set (tests/setup/setup-db.ts).
export default defineConfig({
  resolve: { alias },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/**/*.test.{ts,tsx}"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-db.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
