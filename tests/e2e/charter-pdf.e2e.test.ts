// The charter's PDF from the BUILT app (build/index.js: pdfkit and the DejaVu fonts loaded from
// node_modules at run time), downloaded in Chromium from the charter page's link, with and
// without JavaScript; its text, read back with pdftotext, holds the signatories.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { createAdhesion, createCharterVersion, createNetwork, createOrganisation, createUser, makeCoordinator } from "#tests/factories";

import { type App, checkA11y, jsErrors, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
type Data = { slug: string; emptySlug: string; fingerprint: string; draft: number; coordinatorCookie: Cookie };
let app: App<Data>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork({ name: "Relais social urbain de Démoville" });
      const version = await createCharterVersion(network.id, {
        title: "Charte de déontologie du réseau",
        body: "<h2>Envers les personnes</h2><p>L’accueil est inconditionnel : « chacun » est reçu, sans frais.</p><ul><li><p>Respecter le secret professionnel.</p></li></ul>",
      });
      const draft = await createCharterVersion(network.id, { status: "draft", title: "Projet de nouvelle charte" });
      const cpas = await createOrganisation(network.id, { name: "CPAS de Démoville", kind: "cpas", commune: "Démoville" });
      const house = await createOrganisation(network.id, { name: "Maison d’accueil Les Tournesols", kind: "association", commune: "Saint-Gilles" });
      await createOrganisation(network.id, { name: "Asbl Pas Encore Signataire", kind: "association", commune: "Uccle" });
      await createAdhesion(network.id, cpas.id, version, { signedOn: new Date("2026-01-12T00:00:00.000Z") });
      await createAdhesion(network.id, house.id, version, { signedOn: new Date("2026-02-03T00:00:00.000Z") });
      const empty = await createNetwork();
      const coordinator = await createUser();
      await makeCoordinator(network.id, coordinator.id);
      return {
        slug: network.slug,
        emptySlug: empty.slug,
        fingerprint: version.fingerprint!,
        draft: draft.number,
        coordinatorCookie: await sessionCookieFor(coordinator.id),
      };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const pdfText = (file: string) => execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");

for (const javaScriptEnabled of [true, false]) {
  test(`the charter page's link downloads the PDF with its signatories (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
    const { page, context } = await newPage(browser, app, { javaScriptEnabled });
    await page.goto(`/${app.data.slug}/charter`);
    await checkA11y(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger la charte (PDF)" }).click()]);
    expect(download.suggestedFilename()).toBe(`charte-${app.data.slug}-v1.pdf`);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(file);
    expect(text).toContain("Charte de déontologie du réseau");
    expect(text).toContain("L’accueil est inconditionnel : « chacun » est reçu, sans frais.");
    expect(text).toContain(app.data.fingerprint);
    expect(text).toContain("Organisations signataires");
    expect(text).toContain("CPAS de Démoville — Démoville adhésion le 12 janvier 2026");
    expect(text).toContain("Maison d’accueil Les Tournesols — Saint-Gilles adhésion le 3 février 2026");
    expect(text).not.toContain("Asbl Pas Encore Signataire");
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });
}

test("the built server answers 304 to a copy still right, and a clear 404 page without a charter", async () => {
  const { page, context } = await newPage(browser, app);
  const first = await page.request.get(`/${app.data.slug}/charter/pdf`);
  expect(first.status()).toBe(200);
  expect(first.headers()["content-type"]).toBe("application/pdf");
  const etag = first.headers()["etag"];
  expect(etag).toBeTruthy();
  const again = await page.request.get(`/${app.data.slug}/charter/pdf`, { headers: { "If-None-Match": etag } });
  expect(again.status()).toBe(304);

  const response = await page.goto(`/${app.data.emptySlug}/charter/pdf`);
  expect(response?.status()).toBe(404);
  await expect.poll(() => page.locator("h1").textContent()).toBe("Pas de charte à télécharger");
  await checkA11y(page);
  await page.getByRole("link", { name: "Retour à la charte" }).click();
  await page.waitForURL(`**/${app.data.emptySlug}/charter`);
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test("a draft's PDF: a 404 page for a visitor, marked as a draft for the coordinator", async () => {
  const visitor = await newPage(browser, app);
  const response = await visitor.page.goto(`/${app.data.slug}/charter/versions/${app.data.draft}/pdf`);
  expect(response?.status()).toBe(404);
  await checkA11y(visitor.page);
  await visitor.context.close();

  const { page, context } = await newPage(browser, app, { cookie: app.data.coordinatorCookie });
  const pdf = await page.request.get(`/${app.data.slug}/charter/versions/${app.data.draft}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["cache-control"]).toBe("private, no-store");
  const file = path.join(os.tmpdir(), `charter-draft-${process.pid}-${Date.now()}.pdf`);
  writeFileSync(file, await pdf.body());
  try {
    const text = pdfText(file);
    expect(text).toContain("BROUILLON — pas en vigueur");
    expect(text).toContain("Projet de nouvelle charte");
  } finally {
    rmSync(file, { force: true });
  }
  await context.close();
});
