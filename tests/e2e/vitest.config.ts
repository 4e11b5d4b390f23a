import { defineConfig } from "vitest/config";
import { alias } from "../../vitest.config";

// Browser tests against the built app (build/index.js), one file at a time: each starts its own
// server and Chromium, and the machine has two cores.
export default defineConfig({
  resolve: { alias },
  test: {
    include: ["tests/e2e/**/*.e2e.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    globalSetup: ["tests/e2e/global-setup.ts"],
  },
});
