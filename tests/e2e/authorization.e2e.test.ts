/// <reference types="vite/client" />
// Walks the authorization matrix (tests/e2e/authz/) against the built app: every route × every
// persona, with the status the server must answer. Fails when a route of the build has no row.
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server";
import { sendEmail } from "#app/utils/email.server";
import { createAdhesion, createCharterVersion, createNetwork, createOrganisation, createUser, makeCoordinator, makeDelegate } from "#tests/factories";
import { sessionCookieFor, startApp, type App } from "./harness";
import type { FixtureBase, MatrixRow, Persona } from "./authz/types";

const rowModules = import.meta.glob<{ rows: MatrixRow[] }>("./authz/rows-*.ts", { eager: true });
// Each domain may add placeholders of its own (tests/e2e/authz/fixture-*.ts), built after the base.
const fixtureModules = import.meta.glob<{ prepare: (base: FixtureBase) => Promise<Record<string, string>> }>("./authz/fixture-*.ts", { eager: true });
// Signing out revokes the persona's session: those rows run last.
const rows = Object.values(rowModules)
  .flatMap((m) => m.rows)
  .sort((a, b) => Number(a.route === "routes/logout" && a.method === "POST") - Number(b.route === "routes/logout" && b.method === "POST"));
const PERSONAS: Persona[] = ["anonymous", "otherDelegate", "delegate", "otherCoordinator", "coordinator"];

type Fixture = { cookies: Record<Persona, string | null>; values: Record<string, string> };
let app: App<Fixture>;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork();
      const otherNetwork = await createNetwork();
      const org = await createOrganisation(network.id);
      const otherOrg = await createOrganisation(network.id);
      const [coordinator, otherCoordinator, delegate, otherDelegate] = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
      await makeCoordinator(network.id, coordinator.id);
      await makeCoordinator(otherNetwork.id, otherCoordinator.id);
      await makeDelegate(org.id, delegate.id, "titular");
      await makeDelegate(otherOrg.id, otherDelegate.id, "titular");
      const email = await sendEmail({ to: "someone@example.test", subject: "Test", html: "<p>x</p>", text: "x", networkId: network.id });
      // The charter: version 1 published and signed by :otherOrg; version 2 a draft; a paper
      // adhesion of :org awaiting review; a request to join from outside.
      const version = await createCharterVersion(network.id);
      const draft = await createCharterVersion(network.id, { status: "draft" });
      await createAdhesion(network.id, otherOrg.id, version);
      const paper = await createAdhesion(network.id, org.id, version, { method: "paper", status: "pending", scanPath: "missing/scan.pdf", scanType: "application/pdf", scanSize: 1000, scanName: "charte.pdf" });
      const joinRequest = await prisma.joinRequest.create({
        data: { networkId: network.id, organisationName: "Nouvelle asbl", kind: "association", contactName: "Sam", contactEmail: "sam@example.test", motivation: "Nous voulons rejoindre le réseau." },
      });
      const cookie = async (id: string) => {
        const c = await sessionCookieFor(id);
        return `${c.name}=${c.value}`;
      };
      await prisma.user.count(); // the database is open and migrated at this point
      const base: FixtureBase = {
        network: { id: network.id, slug: network.slug },
        org: { id: org.id, slug: org.slug },
        otherOrg: { id: otherOrg.id, slug: otherOrg.slug },
        users: { coordinator: coordinator.id, otherCoordinator: otherCoordinator.id, delegate: delegate.id, otherDelegate: otherDelegate.id },
      };
      const extra: Record<string, string> = {};
      for (const module of Object.values(fixtureModules)) Object.assign(extra, await module.prepare(base));
      return {
        cookies: {
          anonymous: null,
          coordinator: await cookie(coordinator.id),
          otherCoordinator: await cookie(otherCoordinator.id),
          delegate: await cookie(delegate.id),
          otherDelegate: await cookie(otherDelegate.id),
        },
        values: {
          network: network.slug,
          org: org.slug,
          otherOrg: otherOrg.slug,
          outboxId: email.id,
          token: "unknown-token-0123456789abcdef",
          version: String(version.number),
          draft: String(draft.number),
          adhesionId: paper.id,
          joinRequestId: joinRequest.id,
          ...extra,
        },
      };
    },
  });
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

test("every route answers each persona as the matrix says", async () => {
  const failures: string[] = [];
  for (const row of rows) {
    const path = row.path.replace(/:(\w+)/g, (m, name: string) => app.data.values[name] ?? m);
    for (const persona of PERSONAS) {
      const headers: Record<string, string> = {};
      const cookie = app.data.cookies[persona];
      if (cookie) headers.Cookie = cookie;
      let body: URLSearchParams | undefined;
      if (row.method === "POST") {
        body = new URLSearchParams(row.form ?? {});
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        headers.Origin = app.url;
      }
      const response = await fetch(`${app.url}${path}`, { method: row.method, headers, body, redirect: "manual" });
      await response.arrayBuffer();
      const expected = row.expect[persona];
      const where = response.headers.get("Location");
      if (response.status !== expected) {
        failures.push(`${row.method} ${path} as ${persona}: expected ${expected}, got ${response.status}${where ? ` → ${where}` : ""}`);
      } else if (expected === 302 && persona === "anonymous" && row.expect.coordinator !== 302 && !where?.startsWith("/login")) {
        failures.push(`${row.method} ${path} as anonymous: redirected to ${where}, not to /login`);
      }
    }
  }
  expect(failures, app.logs()).toEqual([]);
});
