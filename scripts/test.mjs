// npm test: typecheck and lint, build, then units + integration (on PGlite a second time with the clock a year ahead),
// then browser tests on the built app. Stops at the first failing step with its exit code, so
// "done" means all of them passed on this database.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

function describeDatabase(raw) {
  const url = (raw ?? "").trim();
  if (onPGlite(url)) return "PGlite (a fresh in-memory database per test file)";
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return `PostgreSQL ${u.toString()} (a fresh database per test file)`;
  } catch {
    return "PostgreSQL (unparsable DATABASE_URL)";
  }
}

/** True when this run's tests use PGlite (no PostgreSQL URL). */
function onPGlite(raw) {
  return !(raw ?? "").trim().startsWith("postgres");
}

// The faked-clock pass: Debian's faketime shifts every clock the process and its children read
// (Node, and PGlite's Postgres inside it), so a test or an app path that reads the machine's date
// instead of clock.server, or freezes the clock for only part of a test, fails here a year before
// it would fail on main. FAKETIME_DONT_FAKE_MONOTONIC keeps timers and timeouts on real time.
const FAKE_OFFSET_DAYS = 365;
const fakedEnv = { ...process.env, FAKETIME_DONT_FAKE_MONOTONIC: "1" };
const faked = (args) => ["faketime", "-f", `+${FAKE_OFFSET_DAYS}d`, ...args];

/** Refuses to report a pass that faked nothing: the offset must reach Node's `Date`. */
function checkFaketime() {
  const [cmd, ...args] = faked(["node", "-e", "process.stdout.write(String(Date.now()))"]);
  const probe = spawnSync(cmd, args, { env: fakedEnv, encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    return `faketime is missing or does not run (${probe.error?.message ?? probe.stderr.trim()}): apt-get install faketime`;
  }
  const shiftDays = (Number(probe.stdout) - Date.now()) / 86_400_000;
  if (!(Math.abs(shiftDays - FAKE_OFFSET_DAYS) < 1)) return `faketime did not move Node's clock (shift of ${shiftDays.toFixed(2)} days)`;
  console.log(`[test] faketime: Node under it reads ${new Date(Number(probe.stdout)).toISOString()}`);
  return null;
}

const e2eConfig = "tests/e2e/vitest.config.ts";
// Other builds in the same tree (developers, test files that build) take the same lock.
const hasFlock = spawnSync("flock", ["--version"], { stdio: "ignore" }).status === 0;
const build = ["npm", "run", "build"]; // remix build, then build/demo.js (scripts/build-demo.mjs)
const steps = [
  ["typecheck", ["npx", "tsc", "--noEmit"]],
  // ESLint (unused code, import order, hooks) and Prettier's check; `npm run format` fixes most.
  ["lint", ["npm", "run", "lint"]],
  ["build", hasFlock ? ["flock", "/tmp/maillage-build.lock", ...build] : build],
  ["units and integration", ["npx", "vitest", "run"]],
  // On PGlite only. There the database runs inside the faked process, so app and database agree
  // on the shifted date as they do in production; a PostgreSQL server stays on the real date
  // (faking it means starting the server under faketime). And CI runs npm test on both databases:
  // a pass on each would add twice this step's time, and CI must stay well under 40 minutes.
  // Without tests/migrations.test.ts: it compares the SQL files with the schema through the Prisma
  // CLI, reads no date, and is the slowest file.
  ...(onPGlite(process.env.DATABASE_URL)
    ? [["units and integration, clock a year ahead", faked(["npx", "vitest", "run", "--exclude", "tests/migrations.test.ts"]), fakedEnv]]
    : []),
  ["browser", ["npx", "vitest", "run", "--config", e2eConfig]],
];

console.log(`[test] database: ${describeDatabase(process.env.DATABASE_URL)}`);
if (!onPGlite(process.env.DATABASE_URL)) console.log("[test] the faked-clock pass runs on PGlite only (see scripts/test.mjs)");
for (const [name, [cmd, ...args], env = process.env] of steps) {
  if (name === "browser" && !existsSync(e2eConfig)) {
    console.error(`[test] ${e2eConfig} is missing: the browser tests cannot run, so the suite fails.`);
    process.exit(1);
  }
  if (cmd === "faketime") {
    const problem = checkFaketime();
    if (problem) {
      console.error(`[test] ${name}: ${problem}, so the suite fails.`);
      process.exit(1);
    }
  }
  console.log(`\n[test] ${name}: ${[cmd, ...args].join(" ")}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: "inherit", env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error) {
    console.error(`[test] ${name} could not start: ${result.error.message}`);
    process.exit(1);
  }
  const code = result.status ?? 1;
  if (code !== 0) {
    console.error(`[test] ${name} failed (exit ${code}${result.signal ? `, ${result.signal}` : ""}) after ${seconds} s`);
    process.exit(code);
  }
  console.log(`[test] ${name} passed in ${seconds} s`);
}
console.log("\n[test] all steps passed");
