// npm test: build, then units + integration, then browser tests on the built app. Stops at the
// first failing step with its exit code, so "done" means all three passed on this database.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

function describeDatabase(raw) {
  const url = (raw ?? "").trim();
  if (!url.startsWith("postgres")) return "PGlite (a fresh in-memory database per test file)";
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return `PostgreSQL ${u.toString()} (a fresh database per test file)`;
  } catch {
    return "PostgreSQL (unparsable DATABASE_URL)";
  }
}

const e2eConfig = "tests/e2e/vitest.config.ts";
// Other builds in the same tree (developers, test files that build) take the same lock.
const hasFlock = spawnSync("flock", ["--version"], { stdio: "ignore" }).status === 0;
const build = ["npx", "remix", "build"];
const steps = [
  ["typecheck", ["npx", "tsc", "--noEmit"]],
  ["build", hasFlock ? ["flock", "/tmp/maillage-build.lock", ...build] : build],
  ["units and integration", ["npx", "vitest", "run"]],
  ["browser", ["npx", "vitest", "run", "--config", e2eConfig]],
];

console.log(`[test] database: ${describeDatabase(process.env.DATABASE_URL)}`);
for (const [name, [cmd, ...args]] of steps) {
  if (name === "browser" && !existsSync(e2eConfig)) {
    console.error(`[test] ${e2eConfig} is missing: the browser tests cannot run, so the suite fails.`);
    process.exit(1);
  }
  console.log(`\n[test] ${name}: ${[cmd, ...args].join(" ")}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
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
