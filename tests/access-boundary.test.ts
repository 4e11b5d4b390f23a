// "May this person do this here?" is answered in app/access only. This test reads every server and
// route module outside app/access and fails on the signs of a rule decided elsewhere: the actor's
// role fields read directly, a facilitator looked up for a person, a delegate's role compared, a
// `can…`/`is…` predicate defined outside the module. Routes and models call app/access instead
// (can(), the require… guards, the loaders of facts and the …Where() builders).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { describe, expect, test } from "vitest";

const ROOT = path.resolve("app");
/** Demo data (seeding) writes roles, it decides none; it leaves app/ in issue 11's "house" step. */
const SKIP = [/^access\//, /^generated\//, /(^|\/)demo-[^/]*$/, /^demo\//, /\.test\.tsx?$/];

const RULES: { name: string; pattern: RegExp }[] = [
  { name: "the actor's role fields (coordinatorOf, delegateOf)", pattern: /\b(coordinatorOf|delegateOf)\b/ },
  { name: "the platform administrator flag read from a person", pattern: /\.isPlatformAdmin\b/ },
  { name: "a facilitator looked up for a person", pattern: /groupFacilitator\.(findUnique|findFirst|count)\b|facilitators:\s*\{\s*some:\s*\{\s*userId/ },
  { name: "a delegate's role compared", pattern: /\brole\s*[!=]==?\s*"(titular|substitute|staff)"|"(titular|substitute|staff)"\s*[!=]==?\s*\w*\.?role\b/ },
  {
    name: "a rights predicate defined outside app/access",
    pattern: /\bfunction\s+(can[A-Z]\w*|is(Coordinator|Participant|Insider|NetworkInsider|Facilitator|GroupReader|Manager)\w*|rights)\s*\(/,
  },
  { name: "a manager check written by hand", pattern: /\bisCoordinator\([^)]*\)\s*\|\|\s*\w*\.?isFacilitator|\bisFacilitator\s*\|\|\s*isCoordinator\(/ },
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const files = sources(ROOT)
  .map((full) => path.relative(ROOT, full).split(path.sep).join("/"))
  .filter((rel) => !SKIP.some((re) => re.test(rel)));

describe("no rights decided outside app/access", () => {
  test("the scan covers the routes and the models", () => {
    expect(files.filter((f) => f.startsWith("routes/")).length).toBeGreaterThan(50);
    expect(files.filter((f) => f.startsWith("models/")).length).toBeGreaterThan(10);
  });

  for (const rule of RULES) {
    test(rule.name, () => {
      const found: string[] = [];
      for (const rel of files) {
        readFileSync(path.join(ROOT, rel), "utf8")
          .split("\n")
          .forEach((line, i) => {
            if (rule.pattern.test(line)) found.push(`app/${rel}:${i + 1}: ${line.trim()}`);
          });
      }
      expect(found).toEqual([]);
    });
  }

  test("the patterns do find what they look for (the test can fail)", () => {
    const samples = [
      "if (actor.delegateOf.has(id)) return;",
      "user: { admin: actor.isPlatformAdmin }",
      "await prisma.groupFacilitator.findUnique({ where })",
      "where: { facilitators: { some: { userId: actor.userId } } }",
      'delegates.filter((d) => d.role === "titular")',
      "export function canWrite(access) {",
      "async function rights(ctx) {",
      "return isCoordinator(actor, networkId) || facts.isFacilitator;",
    ];
    for (const sample of samples)
      expect(
        RULES.some((r) => r.pattern.test(sample)),
        sample,
      ).toBe(true);
  });
});
