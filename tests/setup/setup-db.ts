// Runs before every unit/integration test file: its own fresh database, migrated (a copy of the
// run's migrated template, tests/setup/template.ts); a console.error during a test fails it.
import { afterAll, afterEach, beforeAll, beforeEach, inject, vi } from "vitest";

import { openDatabase } from "#app/db/connect.server";
import { setNow } from "#app/utils/clock.server";
import { closeDatabase, getDatabase } from "#app/utils/db.server";
import { resetEnv } from "#app/utils/env.server";

import { createMigratedTestDatabase, type TestDatabase } from "./database";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createMigratedTestDatabase(inject("databaseTemplate"));
  process.env.DATABASE_URL = testDb.url;
  process.env.NODE_ENV = "test";
  resetEnv();
  await closeDatabase();
  // The process's database (db.server.ts), opened here from the template's copy; a later
  // closeDatabase() followed by getDatabase() opens DATABASE_URL as usual.
  if (testDb.pgliteFrom) globalThis.__maillageDb = openDatabase(testDb.url, { pgliteFrom: testDb.pgliteFrom });
  // A copy of the template has nothing left to apply; without a template this migrates.
  await getDatabase().migrate();
});

afterAll(async () => {
  await closeDatabase();
  await testDb?.drop();
});

let errorSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  errorSpy = vi.spyOn(console, "error");
});
afterEach(() => {
  setNow(undefined);
  const calls = errorSpy.mock.calls;
  errorSpy.mockRestore();
  if (calls.length) throw new Error(`console.error was called during the test:\n${calls.map((c: unknown[]) => c.map(String).join(" ")).join("\n")}`);
});
