/// <reference types="vite/client" />
// Walks the authorization matrix (tests/e2e/authz/) against the built app: every route × every
// persona, with the status the server must answer. Fails when a route of the build has no row.
import { readdirSync, readFileSync } from "node:fs";

import { afterAll, beforeAll, expect, test } from "vitest";

import { type Fixture, PERSONAS, prepareMatrix, rowPath, rows, VOTING_PERSONAS } from "./authz/matrix";
import { type App, startApp } from "./harness";

let app: App<Fixture>;

beforeAll(async () => {
  app = await startApp({ prepare: prepareMatrix });
});

afterAll(async () => {
  await app?.stop();
});

/** Routes of the build, with whether they have a loader and an action (from the assets manifest). */
function builtRoutes() {
  const server = readFileSync("build/index.js", "utf8");
  const manifestUrl = /\/build\/manifest-[A-Z0-9]+\.js/.exec(server)?.[0];
  if (!manifestUrl) throw new Error("No assets manifest referenced by build/index.js");
  const source = readFileSync(`public${manifestUrl}`, "utf8");
  const manifest = JSON.parse(source.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as {
    routes: Record<string, { id: string; parentId?: string; hasLoader: boolean; hasAction: boolean }>;
  };
  const all = Object.values(manifest.routes);
  const parents = new Set(all.map((r) => r.parentId).filter(Boolean));
  // Layouts run only as part of their children's requests: the leaves carry the rows.
  return all.filter((r) => r.id !== "root" && !parents.has(r.id));
}

test("every route of the build has its rows", () => {
  expect(readdirSync("tests/e2e/authz").some((f) => f.startsWith("rows-"))).toBe(true);
  const missing: string[] = [];
  for (const route of builtRoutes()) {
    if (route.hasLoader && !rows.some((r) => r.route === route.id && r.method === "GET")) missing.push(`GET  ${route.id}`);
    if (route.hasAction && !rows.some((r) => r.route === route.id && r.method === "POST")) missing.push(`POST ${route.id}`);
  }
  const known = new Set(builtRoutes().map((r) => r.id));
  const stale = rows.filter((r) => !known.has(r.route)).map((r) => `${r.method} ${r.route}`);
  expect({ missing, stale }).toEqual({ missing: [], stale: [] });
});

// The routes of assemblies, votes, statutes and the comité are walked with the voting personas too.
const VOTING_ROUTES = /^routes\/\$network\+\/(assemblies\+\/|committee$|admin\+\/statutes$)/;

test("every row of the assemblies, votes, statutes and comité says what the voting personas get", () => {
  const votingRows = rows.filter((r) => VOTING_ROUTES.test(r.route));
  expect(votingRows.length).toBeGreaterThan(10);
  expect(votingRows.filter((r) => !r.voting).map((r) => `${r.method} ${r.path}`)).toEqual([]);
});

test("every route answers each persona as the matrix says", async () => {
  const failures: string[] = [];
  for (const row of rows) {
    const path = rowPath(row, app.data.values);
    const personas = [...PERSONAS, ...(row.voting ? VOTING_PERSONAS : [])];
    for (const persona of personas) {
      const headers: Record<string, string> = {};
      const cookie = app.data.cookies[persona];
      if (cookie) headers.Cookie = cookie;
      let body: URLSearchParams | undefined;
      if (row.method === "POST") {
        // A form value that is a placeholder (":rollOrgId") takes the fixture's value too.
        body = new URLSearchParams(Object.entries(row.form ?? {}).map(([k, v]) => [k, /^:\w+$/.test(v) ? (app.data.values[v.slice(1)] ?? v) : v]));
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        headers.Origin = app.url;
      }
      const response = await fetch(`${app.url}${path}`, { method: row.method, headers, body, redirect: "manual" });
      await response.arrayBuffer();
      const expected = persona in row.expect ? row.expect[persona as keyof typeof row.expect] : row.voting![persona as keyof typeof row.voting];
      const where = response.headers.get("Location");
      if (response.status !== expected) {
        failures.push(`${row.method} ${path} as ${persona}: expected ${expected}, got ${response.status}${where ? ` → ${where}` : ""}`);
      } else if (expected === 302 && persona === "anonymous" && row.expect.coordinator !== 302 && !where?.startsWith("/login")) {
        failures.push(`${row.method} ${path} as anonymous: redirected to ${where}, not to /login`);
      }
    }
  }
  expect(failures, app.logs()).toEqual([]);
}, 300_000); // one test walks every row (35 s alone, over 90 s on a machine running two other suites)
