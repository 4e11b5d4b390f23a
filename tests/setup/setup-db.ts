// Runs before every unit/integration test file: its own fresh database, migrated; a
// console.error during a test fails it.
import { afterAll, afterEach, beforeAll, beforeEach, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "./database";
import { resetEnv } from "#app/utils/env.server";
import { closeDatabase, getDatabase } from "#app/utils/db.server";
import { setNow } from "#app/utils/clock.server";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
  process.env.DATABASE_URL = testDb.url;
  process.env.NODE_ENV = "test";
  resetEnv();
  await closeDatabase();
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
