// Once per run of the units and integration tests: the migrated template each test file's
// database is copied from (tests/setup/template.ts), removed at the end.
import type { TestProject } from "vitest/node";

import { buildTemplate } from "./template";

export default async function setup(project: TestProject) {
  const { template, remove } = await buildTemplate("dump");
  project.provide("databaseTemplate", template);
  return remove;
}
