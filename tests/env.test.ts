// Configuration: a fresh clone runs with no settings at all, production refuses to start without
// its secrets, and says which one is missing.
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, test } from "vitest";
import { databaseTarget } from "#app/db/database-url";
import { EnvError, parseEnv } from "#app/utils/env.server";

const SECRET = "a-production-secret-of-more-than-32-characters";
const production = { NODE_ENV: "production", SESSION_SECRET: SECRET, APP_URL: "https://maillage.example.be" };

function envError(source: Record<string, string | undefined>) {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).message;
  }
  throw new Error("parseEnv accepted this configuration");
}

describe("parseEnv", () => {
  test("production without SESSION_SECRET is refused, naming it", () => {
    const message = envError({ ...production, SESSION_SECRET: undefined });
    expect(message).toMatch(/SESSION_SECRET/);
    expect(message).not.toMatch(/APP_URL/);
  });

  test("an empty SESSION_SECRET counts as missing", () => {
    expect(envError({ ...production, SESSION_SECRET: "" })).toMatch(/SESSION_SECRET/);
  });

  test("a short secret is refused, in production and in development", () => {
    expect(envError({ ...production, SESSION_SECRET: "short" })).toMatch(/SESSION_SECRET.*32/);
    expect(envError({ SESSION_SECRET: "x".repeat(31) })).toMatch(/SESSION_SECRET/);
    expect(parseEnv({ SESSION_SECRET: "x".repeat(32) }).sessionSecret).toBe("x".repeat(32));
  });

  test("production without APP_URL is refused, naming it", () => {
    expect(envError({ ...production, APP_URL: undefined })).toMatch(/APP_URL/);
  });

  test("both production requirements are listed at once; a malformed value is named", () => {
    const message = envError({ NODE_ENV: "production" });
    for (const name of ["SESSION_SECRET", "APP_URL"]) expect(message).toContain(name);
    expect(envError({ PORT: "not-a-port" })).toMatch(/PORT/);
    expect(envError({ APP_URL: "maillage.example.be" })).toMatch(/APP_URL/);
  });

  test("a complete production configuration: its secret, secure cookies, its URL without trailing slash", () => {
    const env = parseEnv({ ...production, APP_URL: "https://maillage.example.be/" });
    expect(env.sessionSecret).toBe(SECRET);
    expect(env.cookieSecure).toBe(true);
    expect(env.appUrl).toBe("https://maillage.example.be");
  });

  test("COOKIE_SECURE=false lets a production build run over plain http (tests, a local proxy)", () => {
    expect(parseEnv({ ...production, COOKIE_SECURE: "false" }).cookieSecure).toBe(false);
    expect(parseEnv({ COOKIE_SECURE: "true" }).cookieSecure).toBe(true);
  });

  test("development defaults: embedded PGlite, cookies not secure, appUrl from PORT, outbox every 5 s", () => {
    const env = parseEnv({});
    expect(env.NODE_ENV).toBe("development");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(databaseTarget(env.DATABASE_URL)).toEqual({ kind: "pglite", dataDir: "./data/pglite" });
    expect(env.cookieSecure).toBe(false);
    expect(env.PORT).toBe(3000);
    expect(env.appUrl).toBe("http://localhost:3000");
    expect(parseEnv({ PORT: "4123" }).appUrl).toBe("http://localhost:4123");
    expect(env.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.OUTBOX_INTERVAL_MS).toBe(5000);
  });

  test("DATABASE_URL forms: pglite folder, memory, PostgreSQL; anything else is refused", () => {
    expect(databaseTarget("pglite:/var/lib/maillage")).toEqual({ kind: "pglite", dataDir: "/var/lib/maillage" });
    expect(databaseTarget("pglite:memory")).toEqual({ kind: "pglite", dataDir: undefined });
    expect(databaseTarget("postgresql://u:p@db/maillage")).toEqual({ kind: "postgres", url: "postgresql://u:p@db/maillage" });
    expect(() => databaseTarget("mysql://root:hunter2@db/x")).toThrow(/DATABASE_URL/);
    // The refusal must not echo a password.
    expect(() => databaseTarget("mysql://root:hunter2@db/x")).not.toThrow(/hunter2/);
  });
});

describe("the built server", () => {
  const run = promisify(execFile);
  const entry = path.resolve("build/index.js");

  beforeAll(async () => {
    if (existsSync(entry)) return;
    // Shares the lock with other builds in the same tree.
    await run("flock", ["/tmp/maillage-build.lock", "npx", "remix", "build"], { timeout: 300_000 });
  }, 300_000);

  test("NODE_ENV=production without SESSION_SECRET: exits non-zero, saying why on stderr", { timeout: 60_000 }, async () => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !["SESSION_SECRET", "APP_URL", "DATABASE_URL"].includes(key)) env[key] = value;
    }
    Object.assign(env, { NODE_ENV: "production", PORT: "0", DATABASE_URL: "pglite:memory", SEED_DEMO: "false" });
    const child = spawn(process.execPath, [entry], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    const killer = setTimeout(() => child.kill("SIGKILL"), 45_000);
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    clearTimeout(killer);
    expect(code, `stdout: ${stdout}\nstderr: ${stderr}`).not.toBe(0);
    expect(code).not.toBeNull(); // it stopped by itself, not killed by the timeout
    expect(stderr).toMatch(/cannot start/i);
    expect(stderr).toMatch(/SESSION_SECRET/);
    expect(stdout).not.toMatch(/is running/);
  });
});
