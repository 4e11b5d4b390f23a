import { defineConfig } from "vitest/config";

import { alias } from "../../vitest.config";

// Browser tests against the built app (build/index.js), two files at a time: each starts its own
// server, database and Chromium (nothing shared), and one file leaves a core mostly idle while it
// waits on the browser. Measured on two busy cores: 20 files in 305 s instead of 582 s one by one.
export default defineConfig({
  resolve: { alias },
  test: {
    include: ["tests/e2e/**/*.e2e.test.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    // expect.poll waits for the page (a navigation, a hydrated form): 1 s by default, which a
    // navigation exceeded on a machine running two other suites. A wrong page still fails, later.
    expect: { poll: { timeout: 10_000 } },
    globalSetup: ["tests/e2e/global-setup.ts"],
  },
});
