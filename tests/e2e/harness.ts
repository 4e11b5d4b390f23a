// Browser-test harness: a fresh database prepared in the test process, then the BUILT app
// (build/index.js) started on a free port against it, and Debian's Chromium driven by
// playwright-core. axe-core checks every page a test visits; the W3C Nu HTML checker (vnu)
// checks the HTML of every page visited, once per test file (see checkHtmlOfPagesVisited).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, inject } from "vitest";

import { closeDatabase, getDatabase } from "#app/utils/db.server";
import { resetEnv } from "#app/utils/env.server";
import { createUserSession } from "#app/utils/session.server";
import { createMigratedTestDatabase } from "#tests/setup/database";

export const SESSION_SECRET = "e2e-session-secret-that-is-long-enough-0123456789";

export type App<T> = {
  url: string;
  data: T;
  stop(): Promise<void>;
  logs(): string;
  /** Stops the server with this signal (SIGKILL: no shutdown at all) and starts it again on the same database and port. */
  restart(signal?: NodeJS.Signals): Promise<void>;
};

/**
 * Prepares a fresh database with `prepare` (factories from #tests/factories work inside it, and
 * `sessionCookieFor`), closes it, then starts the built server on it. With PGlite the database is
 * a folder the server opens once the test process has let go of it. The fresh database is a copy
 * of the run's migrated template (tests/e2e/global-setup.ts).
 */
export async function startApp<T = undefined>(options: { prepare?: () => Promise<T>; env?: Record<string, string>; seedDemo?: boolean } = {}): Promise<App<T>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "maillage-e2e-"));
  const db = await createMigratedTestDatabase(inject("databaseTemplate"), { pgliteDir: path.join(dir, "pglite") });
  const env = {
    DATABASE_URL: db.url,
    SESSION_SECRET,
    NODE_ENV: "production",
    APP_URL: "http://127.0.0.1", // replaced below once the port is known? links use it: see appUrl
    COOKIE_SECURE: "false",
    SEED_DEMO: options.seedDemo ? "true" : "false",
    UPLOADS_DIR: path.join(dir, "uploads"), // scans of this app only, removed with it
    ...options.env,
  };
  // Prepare in this process, against the same database, with the same secret.
  const saved = { ...process.env };
  Object.assign(process.env, env);
  resetEnv();
  await closeDatabase();
  let data: T;
  try {
    await getDatabase().migrate(); // nothing left to apply on a copy of the template
    data = (options.prepare ? await options.prepare() : undefined) as T;
  } finally {
    await closeDatabase();
    for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetEnv();
  }

  const port = await freePort();
  let output = "";
  const start = async () => {
    const started = spawn(process.execPath, ["build/index.js"], {
      env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", APP_URL: options.env?.APP_URL ?? `http://127.0.0.1:${port}` } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    started.stdout!.on("data", (d: Buffer) => (output += d));
    started.stderr!.on("data", (d: Buffer) => (output += d));
    await waitForServer(started, () => output, `http://127.0.0.1:${port}/healthz`);
    return started;
  };
  let child = await start();
  return {
    url: `http://127.0.0.1:${port}`,
    data,
    logs: () => output,
    async stop() {
      await stopChild(child);
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
    async restart(signal = "SIGTERM") {
      if (signal === "SIGTERM") await stopChild(child);
      else
        await new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          child.kill(signal);
        });
      child = await start();
    },
  };
}

export async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export async function waitForServer(child: ChildProcess, logs: () => string, url: string) {
  const start = Date.now();
  while (Date.now() - start < 60_000) {
    if (child.exitCode !== null) throw new Error(`The app exited (${child.exitCode}):\n${logs()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The app did not start within 60 s:\n${logs()}`);
}

export function stopChild(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** The value of the session cookie for a new session of this user (call inside `prepare`). */
export async function sessionCookieFor(userId: string) {
  const setCookie = await createUserSession(new Request("http://127.0.0.1/"), userId);
  const [pair] = setCookie.split(";");
  const eq = pair.indexOf("=");
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A page in a new context; optionally signed in (cookie from sessionCookieFor) and without JavaScript. */
export async function newPage(
  browser: Browser,
  app: { url: string },
  options: { javaScriptEnabled?: boolean; cookie?: { name: string; value: string }; locale?: string } = {},
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: options.locale ?? "fr-BE",
    baseURL: app.url,
  });
  if (options.cookie) {
    await context.addCookies([{ ...options.cookie, url: app.url, httpOnly: true, sameSite: "Lax" }]);
  }
  const page = await context.newPage();
  keepServedHtml(page);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  Object.assign(page, { jsErrors: errors, jsEnabled: options.javaScriptEnabled ?? true });
  return { page, context };
}

/** JavaScript errors seen by the page (an error in the browser console fails a test). */
export function jsErrors(page: Page): string[] {
  return (page as Page & { jsErrors?: string[] }).jsErrors ?? [];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA) in the page; throws with a readable list on any violation.
 * `allow`: rules a test knowingly accepts on this page, each with its reason in the test (the
 * room screen's meta refresh); allowing a rule the page does not break is itself an error, so an
 * allowance cannot outlive its cause.
 */
export async function checkA11y(page: Page, options: { allow?: string[] } = {}) {
  // With JavaScript off, evaluate cannot run in the page: check the same HTML in a JS-enabled page.
  let target = page;
  let scratch: BrowserContext | undefined;
  if ((page as Page & { jsEnabled?: boolean }).jsEnabled === false) {
    const html = await page.content();
    scratch = await page.context().browser()!.newContext({ javaScriptEnabled: true });
    target = await scratch.newPage();
    await target.route("**/*", (route) => (route.request().isNavigationRequest() ? route.fulfill({ body: html, contentType: "text/html" }) : route.continue()));
    await target.goto(page.url());
  }
  // The page as it stands (after client-side navigations too), for the HTML check.
  keepHtml(page.url(), await page.content(), "DOM");
  try {
    // Through the DevTools protocol: the page's Content-Security-Policy refuses inline scripts.
    await target.evaluate(axeSource);
    const result = await target.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> };
        }
      ).axe;
      return axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    });
    const allowed = options.allow ?? [];
    const unused = allowed.filter((id) => !result.violations.some((v) => v.id === id));
    if (unused.length) throw new Error(`Accessibility rules allowed on ${page.url()} but not broken there: ${unused.join(", ")}`);
    result.violations = result.violations.filter((v) => !allowed.includes(v.id));
    if (result.violations.length) {
      const lines = result.violations.map((v) => `- ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      throw new Error(`Accessibility violations on ${page.url()}:\n${lines.join("\n")}`);
    }
  } finally {
    await scratch?.close();
  }
}

// --- HTML validity -------------------------------------------------------------------------------
//
// Every HTML document the app serves to a page of newPage() (as the server sent it, before any
// script ran), and the DOM at each checkA11y (which also covers pages reached by client-side
// navigation), is written to a folder; after the test file, vnu checks the folder in one run (the
// JVM takes seconds to start) and any error fails the file. Nothing is filtered out.

// Run with the system's Java, never through the package's wrapper, which downloads a Java runtime
// from GitHub when it finds none.
const VNU_JAR = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");

type KeptPage = { url: string; source: "server" | "DOM" };
let htmlDir: string | null = null;
/** By file name in htmlDir. */
const keptPages = new Map<string, KeptPage>();
const seen = new Set<string>();
const pendingBodies = new Set<Promise<unknown>>();

/** Keeps one HTML text for the check at the end of the file (the same text once). */
export function keepHtml(url: string, html: string, source: KeptPage["source"]) {
  const digest = createHash("sha256").update(html).digest("hex");
  if (seen.has(digest)) return;
  seen.add(digest);
  htmlDir ??= mkdtempSync(path.join(os.tmpdir(), "maillage-html-"));
  const name = `${String(keptPages.size + 1).padStart(3, "0")}.html`;
  writeFileSync(path.join(htmlDir, name), html);
  keptPages.set(name, { url, source });
}

/** Keeps the HTML of every document loaded in the page's main frame (error pages included). */
function keepServedHtml(page: Page) {
  page.on("response", (response) => {
    const request = response.request();
    if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return;
    if (response.status() >= 300 && response.status() < 400) return;
    if (!(response.headers()["content-type"] ?? "").startsWith("text/html")) return;
    const body = response.text().then(
      (html) => keepHtml(response.url(), html, "server"),
      // The page moved on before its body could be read: it is checked as DOM if checkA11y sees it.
      () => undefined,
    );
    pendingBodies.add(body);
    void body.finally(() => pendingBodies.delete(body));
  });
}

type HtmlError = { file: string; line?: number; message: string; extract?: string };

/** Runs vnu over a folder of .html files; the errors (warnings are not asked for). */
async function validateHtmlFolder(dir: string): Promise<HtmlError[]> {
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      "java",
      ["-jar", VNU_JAR, "--format", "json", "--stdout", "--errors-only", "--exit-zero-always", "--skip-non-html", dir],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, out, err) => (error ? reject(new Error(`vnu could not run (Java 11 or later is needed on PATH): ${error.message}\n${err}`)) : resolve(out)),
    );
  });
  const report = JSON.parse(stdout) as { messages: { type: string; url?: string; lastLine?: number; message: string; extract?: string }[] };
  return report.messages
    .filter((m) => m.type === "error" || m.type === "non-document-error")
    .map((m) => ({ file: m.url ?? dir, line: m.lastLine, message: m.message, extract: m.extract }));
}

/** The check run after each test file that visited pages; exported for the harness' own test. */
export async function checkHtmlOfPagesVisited() {
  await Promise.allSettled([...pendingBodies]);
  if (!htmlDir) return;
  const dir = htmlDir;
  // The markup does not depend on the database: CI checks it on the PGlite run only, which
  // spares the PostgreSQL run a JVM start per file (about 1.5 minutes of a 40-minute budget).
  if (/^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "") && !process.env.HTML_CHECK_ON_POSTGRES) {
    htmlDir = null;
    keptPages.clear();
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  const pages = new Map(keptPages);
  // Each page is reported once: the next check starts afresh.
  htmlDir = null;
  keptPages.clear();
  const errors = await validateHtmlFolder(dir);
  if (errors.length === 0) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  const lines = errors.map((e) => {
    // vnu names files as file:/tmp/…: matched by their name in the folder.
    const name = path.basename(e.file);
    const page = pages.get(name);
    const where = page ? `${page.url} (${page.source}, ${name})` : e.file;
    return `- ${where}${e.line ? ` line ${e.line}` : ""}: ${e.message}${e.extract ? `\n    ${JSON.stringify(e.extract)}` : ""}`;
  });
  throw new Error(`HTML errors (W3C Nu HTML checker) in pages visited; the pages are kept in ${dir}:\n${lines.join("\n")}`);
}

afterAll(checkHtmlOfPagesVisited, 180_000);
