// npm run bench: how close Maillage is to what the machine (bare Node) and the framework (a bare
// Remix page) can do, measured side by side in one run. Not a test: it asserts nothing and exits
// non-zero only when it could not run. Why it works this way: docs/decisions/009-benchmarks.md.
//
// Settings (environment): DATABASE_URL (empty: a temporary PGlite folder; postgres://…: a
// database BENCH_DATABASE, default maillage_bench, dropped and recreated on that server),
// BENCH_DURATION and BENCH_WARMUP (seconds per case, 3 and 1), BENCH_CONNECTIONS ("1,8,32"),
// BENCH_ORGS and BENCH_PEOPLE (1000, 2000), BENCH_PAGES (names to keep, comma-separated),
// BENCH_SKIP_BUILD=1 (reuse the last build), BENCH_KEEP=1 (keep the database afterwards).
import { execSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import autocannon from "autocannon";

import { closeDatabase, getDatabase, prisma } from "#app/utils/db.server";
import { resetEnv } from "#app/utils/env.server";

import { fetchRaw, type PageWeight, pageWeight } from "./bytes";
import { createDatabase } from "./database";
import { PAGES } from "./pages";
import { seedBench, type SeedResult } from "./seed";
import { type Server, startServer } from "./servers";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const work = path.join(root, "bench", ".build");
const SESSION_SECRET = "bench-session-secret-that-is-long-enough-0123456789";

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? "");
  return process.env[name] && Number.isFinite(value) && value > 0 ? value : fallback;
};
const config = {
  duration: num("BENCH_DURATION", 3),
  warmup: num("BENCH_WARMUP", 1),
  connections: (process.env.BENCH_CONNECTIONS ?? "1,8,32")
    .split(",")
    .map(Number)
    .filter((n) => n > 0),
  organisations: num("BENCH_ORGS", 1000),
  people: num("BENCH_PEOPLE", 2000),
  pages: (process.env.BENCH_PAGES ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
};

const log = (line: string) => console.log(`[bench] ${line}`);
const children: Server[] = [];
const cleanups: (() => Promise<void>)[] = [];

// ---------------------------------------------------------------------------------------------
// 1. Build, then copy the build aside so that a rebuild by someone else mid-run changes nothing.

function build() {
  if (process.env.BENCH_SKIP_BUILD === "1") return log("build skipped (BENCH_SKIP_BUILD=1), using bench/.build");
  const started = Date.now();
  const hasFlock = spawnSync("flock", ["--version"], { stdio: "ignore" }).status === 0;
  // The same lock as npm test: other builds in this tree wait for ours and the reverse.
  const script = ["npx remix build", `rm -rf ${work}/app && mkdir -p ${work}/app && cp -r build public ${work}/app/`, "npx remix build bench/remix"].join(
    " && ",
  );
  const args = hasFlock ? ["flock", "/tmp/maillage-build.lock", "sh", "-c", script] : ["sh", "-c", script];
  const result = spawnSync(args[0], args.slice(1), { cwd: root, env: { ...process.env, NODE_ENV: "production" }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`The build failed:\n${result.stdout}\n${result.stderr}`);
  log(`built the app and the bare Remix page in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// 2. A separate database, seeded in this process with the app's own code.

async function seed(url: string): Promise<SeedResult> {
  const saved = { ...process.env };
  Object.assign(process.env, { DATABASE_URL: url, SESSION_SECRET, NODE_ENV: "production", APP_URL: "http://127.0.0.1", COOKIE_SECURE: "false" });
  resetEnv();
  await closeDatabase();
  try {
    await getDatabase().migrate();
    const seeded = await seedBench({ organisations: config.organisations, people: config.people }, log);
    // A server that has run a while has statistics: autovacuum on PostgreSQL, the app's own
    // ANALYZE on PGlite (server.ts). Without them the first minutes would measure bad plans.
    if (!url.startsWith("pglite:")) await prisma.$executeRawUnsafe("ANALYZE");
    return seeded;
  } finally {
    // PGlite: the server opens the folder once this process has let go of it.
    await closeDatabase();
    process.env = saved;
    resetEnv();
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Load: autocannon with a warm-up, our own latency percentiles (autocannon has no p95).

type Case = { target: string; page: string; url: string; headers?: Record<string, string> };
type Measure = Case & { connections: number; rps: number; p50: number; p95: number; p99: number; errors: number; non2xx: number; htmlBytes: number };

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

async function load(c: Case, connections: number, htmlBytes: number): Promise<Measure> {
  const times: number[] = [];
  const instance = autocannon({
    url: c.url,
    connections,
    duration: config.duration,
    headers: c.headers,
    warmup: { connections, duration: config.warmup },
    timeout: 30,
  });
  instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
  const result = await instance;
  // autocannon walks away from requests still in flight; the server finishes them. One request
  // answered after them means the next case starts on an idle server.
  await fetchRaw(c.url, c.headers).catch(() => {});
  times.sort((a, b) => a - b);
  return {
    ...c,
    connections,
    rps: result.requests.total / result.duration,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    htmlBytes,
  };
}

// ---------------------------------------------------------------------------------------------
// 4. Report.

const pad = (s: string, n: number, right = false) => (right ? s.padStart(n) : s.padEnd(n));
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "—");
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function table(rows: string[][], rightAligned: number[]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((cell, i) => pad(cell, widths[i], rightAligned.includes(i))).join(" | ")} |`;
  return [
    line(rows[0]),
    `| ${widths.map((w, i) => (rightAligned.includes(i) ? "-".repeat(w - 1) + ":" : "-".repeat(w))).join(" | ")} |`,
    ...rows.slice(1).map(line),
  ].join("\n");
}

function loadTable(measures: Measure[]) {
  const rows = [["page", "conn.", "req/s", "p50 ms", "p95 ms", "p99 ms", "× bare Remix", "× bare Node", "HTML", "errors"]];
  for (const m of measures) {
    const remix = measures.find((x) => x.target === "bare Remix" && x.connections === m.connections);
    const node = measures.find((x) => x.target === "bare Node" && x.connections === m.connections);
    rows.push([
      m.page,
      String(m.connections),
      fmt(m.rps, 0),
      fmt(m.p50),
      fmt(m.p95),
      fmt(m.p99),
      remix ? fmt(m.rps / remix.rps, 2) : "—",
      node ? fmt(m.rps / node.rps, 3) : "—",
      kb(m.htmlBytes),
      m.rps === 0 ? `no answer within ${config.duration} s` : m.errors || m.non2xx ? `${m.errors} err, ${m.non2xx} non-2xx` : "",
    ]);
  }
  return table(rows, [1, 2, 3, 4, 5, 6, 7, 8]);
}

function bytesTable(weights: { page: string; weight: PageWeight }[]) {
  const rows = [["page (anonymous, first load, gzip)", "HTML", "JS (files)", "CSS", "total"]];
  for (const { page, weight: w } of weights) {
    rows.push([page, kb(w.html.wire), `${kb(w.js.wire)} (${w.js.files})`, kb(w.css.wire), kb(w.totalWire)]);
  }
  return table(rows, [1, 2, 3, 4]);
}

function machine() {
  const cpus = os.cpus();
  let commit = "unknown";
  try {
    commit = execSync("git rev-parse --short HEAD", { cwd: root, encoding: "utf8" }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    commit,
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const host = machine();
  log(`${host.cpu}, ${host.cores} cores, Node ${host.node}, load average ${host.loadAverage.join(" ")}`);
  build();

  const db = await createDatabase();
  cleanups.push(async () => {
    if (process.env.BENCH_KEEP === "1") log(`database kept: ${db.url}`);
    else await db.drop();
  });
  log(`database: ${db.label}`);
  const seeded = await seed(db.url);
  log(
    `seeded ${Object.entries(seeded.counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ")} in ${seeded.seconds.toFixed(1)} s`,
  );

  const app = await startServer("the app", path.join(work, "app", "build", "index.js"), {
    NODE_ENV: "production",
    DATABASE_URL: db.url,
    SESSION_SECRET,
    APP_URL: "http://127.0.0.1",
    COOKIE_SECURE: "false",
    SEED_DEMO: "false",
  });
  children.push(app);
  const cookie = { Cookie: seeded.coordinatorCookie };

  // Which pages exist, and the directory's HTML as the size every baseline copies.
  const pages = [];
  for (const page of PAGES.filter((p) => !config.pages.length || config.pages.includes(p.name))) {
    const url = app.url + page.path(seeded);
    const response = await fetchRaw(url, page.signedIn ? cookie : {});
    if (response.status === 404 && page.optional) {
      log(`skipped ${page.name}: ${page.path(seeded)} answers 404 (not built yet)`);
      continue;
    }
    if (response.status !== 200) log(`WARNING ${page.name}: ${page.path(seeded)} answers ${response.status}; measured anyway`);
    pages.push({ ...page, url, htmlBytes: response.bytes });
  }
  const reference = await fetchRaw(`${app.url}/${seeded.networkSlug}/organisations`);
  const referenceFile = path.join(work, "directory.html");
  writeFileSync(referenceFile, reference.body);

  const node = await startServer("bare Node", path.join(root, "bench", "servers", "bare-node.mjs"), { BENCH_HTML_FILE: referenceFile }, "/");
  children.push(node);
  const remix = await startServer("bare Remix", path.join(root, "bench", "servers", "bare-remix.mjs"), { NODE_ENV: "production" });
  children.push(remix);
  // Rows of the static page so that its HTML is as long as the directory's.
  const [empty, hundred] = await Promise.all([fetchRaw(`${remix.url}/?rows=0`), fetchRaw(`${remix.url}/?rows=100`)]);
  const rows = Math.max(0, Math.round(((reference.bytes - empty.bytes) * 100) / (hundred.bytes - empty.bytes)));
  const remixPage = await fetchRaw(`${remix.url}/?rows=${rows}`);

  const cases: (Case & { htmlBytes: number })[] = [
    { target: "bare Node", page: "bare Node (same bytes)", url: `${node.url}/`, htmlBytes: reference.bytes },
    { target: "bare Remix", page: "bare Remix (static page)", url: `${remix.url}/?rows=${rows}`, htmlBytes: remixPage.bytes },
    ...pages.map((p) => ({ target: "app", page: p.name, url: p.url, headers: p.signedIn ? cookie : undefined, htmlBytes: p.htmlBytes })),
  ];
  const total = cases.length * config.connections.length * (config.duration + config.warmup);
  log(
    `${cases.length} cases × ${config.connections.join("/")} connections, ${config.warmup} s warm-up + ${config.duration} s each: about ${Math.ceil(total / 60)} min`,
  );
  const measures: Measure[] = [];
  for (const connections of config.connections) {
    for (const c of cases) {
      const m = await load(c, connections, c.htmlBytes);
      measures.push(m);
      log(
        `${pad(c.page, 28)} ${pad(String(connections), 3, true)} conn. ${pad(fmt(m.rps, 0), 6, true)} req/s  p95 ${fmt(m.p95)} ms${m.errors || m.non2xx ? `  (${m.errors} errors, ${m.non2xx} non-2xx)` : ""}`,
      );
    }
  }

  const weights = [{ page: "bare Remix (static page)", weight: await pageWeight(remix.url, `/?rows=${rows}`) }];
  for (const p of pages.filter((x) => !x.signedIn))
    weights.push({ page: p.name, weight: await pageWeight(app.url, new URL(p.url).pathname + new URL(p.url).search) });

  const title = `Maillage bench — ${db.label.replace(/ \(.*/, "")} — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const summary = [
    `### ${title}`,
    "",
    `${host.cpu}, ${host.cores} cores, ${host.memoryGB} GB, Node ${host.node}, ${host.os}; load average ${host.loadAverage.join(" ")} at start, ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} at the end; commit ${host.commit}.`,
    `Database: ${db.label.replace(/ \(.*/, "")}, ${Object.entries(seeded.counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ")} (seeded in ${seeded.seconds.toFixed(0)} s). ` +
      `${config.warmup} s warm-up + ${config.duration} s per case; no gzip under load (autocannon sends no Accept-Encoding).`,
    "",
    loadTable(measures),
    "",
    bytesTable(weights),
    "",
    `Static assets: Cache-Control ${[...new Set(weights.flatMap((w) => w.weight.assetCaching))].join(" / ")}.`,
  ].join("\n");
  console.log(`\n${summary}\n`);

  const resultsDir = path.join(root, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  const json = {
    title,
    date: new Date().toISOString(),
    database: db.label,
    machine: host,
    loadAverageAtEnd: os.loadavg(),
    config,
    seed: seeded.counts,
    seedSeconds: seeded.seconds,
    measures,
    weights,
    seconds: (Date.now() - started) / 1000,
  };
  for (const file of ["latest.json", `latest-${db.label.startsWith("PGlite") ? "pglite" : "postgres"}.json`])
    writeFileSync(path.join(resultsDir, file), JSON.stringify(json, null, 2));
  writeFileSync(path.join(resultsDir, "latest.md"), summary + "\n");
  log(`wrote bench/results/latest.json and latest.md in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

async function stopAll() {
  await Promise.all(children.splice(0).map((c) => c.stop()));
  for (const cleanup of cleanups.splice(0)) await cleanup().catch((e) => log(`cleanup: ${(e as Error).message}`));
}

let code = 0;
try {
  await main();
} catch (error) {
  console.error(`[bench] could not run: ${(error as Error).stack ?? error}`);
  code = 1;
} finally {
  await stopAll();
}
process.exit(code);
