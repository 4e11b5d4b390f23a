// Configuration: a fresh clone runs with no settings at all, production refuses to start without
// its secrets, and says which one is missing.
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import express from "express";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { openDatabase } from "#app/db/connect.server";
import { databaseTarget } from "#app/db/database-url";
import { EnvError, parseEnv } from "#app/utils/env.server";

const SECRET = "a-production-secret-of-more-than-32-characters";
const production = { NODE_ENV: "production", SESSION_SECRET: SECRET, APP_URL: "https://maillage.example.be" };
// The secret every installation used before it generated its own: public, in the history.
const PUBLIC_DEV_SECRET = "maillage-development-secret-do-not-use-in-production";

// A development configuration without SESSION_SECRET writes its secret: into a scratch folder, never the repository.
const scratch = mkdtempSync(path.join(os.tmpdir(), "maillage-env-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let files = 0;
const dev = (source: Record<string, string | undefined> = {}) => parseEnv({ SECRET_FILE: path.join(scratch, `s${++files}`, "secret"), ...source });

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
    expect(dev({ SESSION_SECRET: "x".repeat(32) }).sessionSecret).toBe("x".repeat(32));
  });

  test("production without APP_URL is refused, naming it", () => {
    expect(envError({ ...production, APP_URL: undefined })).toMatch(/APP_URL/);
  });

  test("both production requirements are listed at once; a malformed value is named", () => {
    const message = envError({ NODE_ENV: "production" });
    for (const name of ["SESSION_SECRET", "APP_URL"]) expect(message).toContain(name);
    expect(envError({ PORT: "not-a-port" })).toMatch(/PORT/);
    expect(envError({ APP_URL: "maillage.example.be" })).toMatch(/APP_URL/);
    // Refused at start-up, before a secret or a folder is made for it; never echoing a password.
    expect(envError({ DATABASE_URL: "mysql://root:hunter2@db/x" })).toMatch(/DATABASE_URL: must be/);
    expect(envError({ DATABASE_URL: "mysql://root:hunter2@db/x" })).not.toMatch(/hunter2/);
  });

  test("a complete production configuration: its secret, secure cookies, its URL without trailing slash", () => {
    const env = parseEnv({ ...production, APP_URL: "https://maillage.example.be/" });
    expect(env.sessionSecret).toBe(SECRET);
    expect(env.cookieSecure).toBe(true);
    expect(env.appUrl).toBe("https://maillage.example.be");
  });

  test("COOKIE_SECURE=false lets a production build run over plain http (tests, a local proxy)", () => {
    expect(parseEnv({ ...production, COOKIE_SECURE: "false" }).cookieSecure).toBe(false);
    expect(dev({ COOKIE_SECURE: "true" }).cookieSecure).toBe(true);
  });

  test("development defaults: embedded PGlite, cookies not secure, appUrl from PORT, outbox every 5 s", () => {
    const env = dev();
    expect(env.NODE_ENV).toBe("development");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(databaseTarget(env.DATABASE_URL)).toEqual({ kind: "pglite", dataDir: "./data/pglite" });
    expect(env.cookieSecure).toBe(false);
    expect(env.PORT).toBe(3000);
    expect(env.appUrl).toBe("http://localhost:3000");
    expect(dev({ PORT: "4123" }).appUrl).toBe("http://localhost:4123");
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

describe("the demo network (SEED_DEMO)", () => {
  // Issue 10, item 2: a production start on an empty database created the demo and its administrator.
  test("off in production unless SEED_DEMO=true is set on purpose; on by default elsewhere", () => {
    expect(parseEnv(production).SEED_DEMO).toBe("false");
    expect(parseEnv({ ...production, SEED_DEMO: "true" }).SEED_DEMO).toBe("true");
    expect(dev().SEED_DEMO).toBe("true");
    expect(dev({ SEED_DEMO: "false" }).SEED_DEMO).toBe("false");
    expect(envError({ ...production, SEED_DEMO: "yes" })).toMatch(/SEED_DEMO/);
  });
});

describe("the installation's own secret (no SESSION_SECRET)", () => {
  // Issue 10, item 6: without it, sessions and RSVP links were signed with a public string.
  test("created on first start as ./data/secret, readable by its owner only, kept across restarts, unique to the installation", () => {
    const here = process.cwd();
    const first = mkdtempSync(path.join(scratch, "install-"));
    const second = mkdtempSync(path.join(scratch, "install-"));
    try {
      process.chdir(first);
      const env = parseEnv({});
      const file = path.join(first, "data", "secret");
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, "utf8").trim()).toBe(env.sessionSecret);
      expect(env.sessionSecret.length).toBeGreaterThanOrEqual(32);
      expect(env.sessionSecret).not.toBe(PUBLIC_DEV_SECRET);
      expect(parseEnv({}).sessionSecret).toBe(env.sessionSecret);
      process.chdir(second);
      expect(parseEnv({}).sessionSecret).not.toBe(env.sessionSecret);
    } finally {
      process.chdir(here);
    }
  });

  test("SECRET_FILE moves it; tests and in-memory databases get a random secret per process and write nothing", () => {
    const file = path.join(scratch, "elsewhere", "maillage.secret");
    expect(dev({ SECRET_FILE: file }).sessionSecret).toBe(readFileSync(file, "utf8").trim());
    const unused = path.join(scratch, "unused", "secret");
    const inTests = parseEnv({ NODE_ENV: "test", SECRET_FILE: unused }).sessionSecret;
    const inMemory = parseEnv({ DATABASE_URL: "pglite:memory", SECRET_FILE: unused }).sessionSecret;
    expect(inTests.length).toBeGreaterThanOrEqual(32);
    expect(inTests).not.toBe(PUBLIC_DEV_SECRET);
    // Sessions made before a resetEnv() must still be read after it.
    expect(inMemory).toBe(inTests);
    expect(existsSync(unused)).toBe(false);
  });

  test("the public development secret is refused as SESSION_SECRET; a damaged secret file is named; production still needs SESSION_SECRET and writes nothing", () => {
    expect(envError({ SESSION_SECRET: PUBLIC_DEV_SECRET })).toMatch(/SESSION_SECRET.*public/);
    const damaged = path.join(scratch, "damaged");
    writeFileSync(damaged, "short\n");
    expect(envError({ SECRET_FILE: damaged })).toMatch(/SECRET_FILE/);
    const unused = path.join(scratch, "production", "secret");
    expect(envError({ ...production, SESSION_SECRET: undefined, SECRET_FILE: unused })).toMatch(/SESSION_SECRET/);
    expect(existsSync(unused)).toBe(false);
  });
});

describe("TRUST_PROXY", () => {
  test("default: no proxy is trusted; a number of hops, addresses, subnets and Express's names are kept; anything else is refused", () => {
    expect(dev().trustProxy).toBe(false);
    expect(dev({ TRUST_PROXY: "none" }).trustProxy).toBe(false);
    expect(dev({ TRUST_PROXY: "0" }).trustProxy).toBe(false);
    expect(dev({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(dev({ TRUST_PROXY: "loopback" }).trustProxy).toBe("loopback");
    expect(dev({ TRUST_PROXY: " 10.0.0.1,192.168.0.0/16, fd00::/8 ,10.0.0.0/255.0.0.0" }).trustProxy).toBe(
      "10.0.0.1, 192.168.0.0/16, fd00::/8, 10.0.0.0/255.0.0.0",
    );
    // "true" would take any client's word for its address: the login rate limit would mean nothing.
    expect(envError({ TRUST_PROXY: "true" })).toMatch(/TRUST_PROXY/);
    for (const bad of ["proxy.example.be", "10.0.0.1/33", "10.0.0.1,", "-1", "loopback;uniquelocal"])
      expect(envError({ TRUST_PROXY: bad })).toMatch(/TRUST_PROXY/);
  });

  test("Express reads the client address as each accepted value says", async () => {
    const ipSeen = async (trust: false | number | string) => {
      const app = express();
      app.set("trust proxy", trust);
      app.get("/", (req, res) => void res.send(req.ip));
      const server = app.listen(0, "127.0.0.1");
      await new Promise((resolve) => server.once("listening", resolve));
      try {
        const { port } = server.address() as { port: number };
        return await new Promise<string>((resolve, reject) => {
          http
            .get({ host: "127.0.0.1", port, path: "/", headers: { "X-Forwarded-For": "198.51.100.9, 203.0.113.7" } }, (res) => {
              let body = "";
              res.on("data", (chunk: Buffer) => (body += chunk));
              res.on("end", () => resolve(body));
            })
            .on("error", reject);
        });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    };
    expect(await ipSeen(dev().trustProxy)).toBe("127.0.0.1");
    expect(await ipSeen(dev({ TRUST_PROXY: "1" }).trustProxy)).toBe("203.0.113.7");
    expect(await ipSeen(dev({ TRUST_PROXY: "loopback" }).trustProxy)).toBe("203.0.113.7");
    expect(await ipSeen(dev({ TRUST_PROXY: "127.0.0.0/8, 203.0.113.0/24" }).trustProxy)).toBe("198.51.100.9");
    expect(await ipSeen(dev({ TRUST_PROXY: "10.0.0.1" }).trustProxy)).toBe("127.0.0.1");
  });
});

describe("the session cookie's Secure flag", () => {
  // Issue 10, item 13: a development or test installation served over https sent its cookie in clear too.
  test("Secure whenever APP_URL is https, and in production; COOKIE_SECURE decides when set", () => {
    expect(dev({ APP_URL: "https://maillage.example.be" }).cookieSecure).toBe(true);
    expect(dev({ APP_URL: "https://maillage.example.be", COOKIE_SECURE: "false" }).cookieSecure).toBe(false);
    expect(dev({ APP_URL: "http://maillage.localhost:3000" }).cookieSecure).toBe(false);
    expect(parseEnv({ ...production, APP_URL: "http://10.0.0.5" }).cookieSecure).toBe(true);
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

  test("NODE_ENV=production with its settings on an empty database: starts and creates no demo, no account", { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(path.join(scratch, "production-"));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !["SESSION_SECRET", "APP_URL", "DATABASE_URL", "SEED_DEMO", "SECRET_FILE", "COOKIE_SECURE"].includes(key)) env[key] = value;
    }
    const url = `pglite:${path.join(dir, "pglite")}`;
    Object.assign(env, { ...production, PORT: "0", DATABASE_URL: url, UPLOADS_DIR: path.join(dir, "uploads") });
    const child = spawn(process.execPath, [entry], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    const started = Date.now();
    while (!/is running/.test(output) && child.exitCode === null && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 100));
    child.kill(/is running/.test(output) ? "SIGTERM" : "SIGKILL");
    await exited;
    expect(output).toMatch(/is running/);
    expect(output).not.toMatch(/Demo network|demo-maillage/);
    // The server has let go of the folder: read what it left.
    const db = openDatabase(url);
    try {
      expect([await db.prisma.user.count(), await db.prisma.network.count(), await db.prisma.organisation.count()]).toEqual([0, 0, 0]);
    } finally {
      await db.close();
    }
  });
});
