// npm run db:migration -- <name>
// Writes the next migration: the difference between the committed migrations (replayed on an
// in-memory PGlite shadow database) and prisma/schema.prisma. Review the SQL, then commit it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower case letters, digits and _ only)");
  process.exit(1);
}
const dir = path.resolve("prisma/migrations");
const existing = existsSync(dir) ? readdirSync(dir).filter((d) => !d.startsWith(".") && d !== "migration_lock.toml") : [];
const tmp = path.join(os.tmpdir(), `maillage-migration-${process.pid}.sql`);
const from = existing.length === 0 ? ["--from-empty"] : ["--from-migrations", dir];
execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script", "-o", tmp], { stdio: "inherit" });
const sql = readFileSync(tmp, "utf8");
if (!/\S/.test(sql.replace(/^--.*$/gm, "")) || /This is an empty migration/.test(sql)) {
  rmSync(tmp);
  console.log("The schema matches the committed migrations: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
mkdirSync(dir, { recursive: true });
if (existing.length === 0) writeFileSync(path.join(dir, "migration_lock.toml"), `provider = "postgresql"\n`);
const target = path.join(dir, `${stamp}_${name}`);
mkdirSync(target, { recursive: true });
renameSync(tmp, path.join(target, "migration.sql"));
console.log(`Wrote ${path.relative(process.cwd(), target)}/migration.sql — read it, then commit it.`);
