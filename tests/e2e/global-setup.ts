import { existsSync } from "node:fs";

import type { TestProject } from "vitest/node";

import { buildTemplate } from "../setup/template";

// Once per run of the browser tests: the built app must exist, and the migrated template every
// app's database is copied from (tests/setup/template.ts) is built, then removed at the end.
export default async function setup(project: TestProject) {
  if (!existsSync("build/index.js")) {
    throw new Error("Browser tests run against the built app: run `npm run build` first (npm test does).");
  }
  const { template, remove } = await buildTemplate("folder");
  project.provide("databaseTemplate", template);
  return remove;
}
