// The built server with SEED_DEMO=true, as `npm start` runs it on a fresh clone: it loads the demo
// seed from its own file (build/demo.js), seeds the empty database and prints the logins. The
// app's bundle (build/index.js) does not carry the demo.
import { existsSync, readFileSync } from "node:fs";

import { expect, test } from "vitest";

import { startApp } from "./harness";

test("the app's bundle leaves the demo out; build/demo.js seeds it at start and the logins are printed", async () => {
  expect(existsSync("build/demo.js"), "build with `npm run build` (remix build, then scripts/build-demo.mjs)").toBe(true);
  const bundle = readFileSync("build/index.js", "utf8");
  expect(bundle).not.toContain("demo-maillage-2026");
  expect(bundle).not.toContain("relais-social-demo");

  const app = await startApp({ seedDemo: true });
  try {
    expect(app.logs()).toContain("Demo network created. Sign in with:");
    expect(app.logs()).toMatch(/coordination@demo\.maillage\.be {2}\/ {2}demo-maillage-2026/);
    const page = await fetch(`${app.url}/relais-social-demo`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Relais social urbain de Démoville");
  } finally {
    await app.stop();
  }
});
