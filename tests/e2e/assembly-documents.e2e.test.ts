// An assembly's documents and a paper proxy with its scan, in a real browser with JavaScript off
// (multipart forms): the coordinator sends a renamed executable (refused beside the field), then
// a PDF on an agenda item, which the assembly page lists under that item and a delegate
// downloads; the coordinator records a paper proxy with its scan, linked for them only.
// axe-core checks every page visited.
import path from "node:path";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { addAgendaItem, conveneAssembly } from "#app/models/assemblies.server";
import { assemblySetting } from "#tests/assembly-helpers";

import { type App, checkA11y, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
type Data = { path: string; coordinator: Cookie; titular: Cookie; members: string[] };
let app: App<Data>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const s = await assemblySetting({ convene: false, members: 3 });
      await addAgendaItem(s.assembly.id, s.coordinator.id, { title: "Approbation des comptes" });
      await conveneAssembly(s.assembly.id, s.coordinator.id);
      return {
        path: `/${s.network.slug}/assemblies/${s.assembly.id}`,
        coordinator: await sessionCookieFor(s.coordinator.id),
        titular: await sessionCookieFor(s.members[0].titularId),
        members: s.members.map((m) => m.name),
      };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const fixture = (name: string) => path.resolve("tests/fixtures", name);

test("a coordinator uploads a document (a wrong file refused beside the field); the page lists it under its item; a delegate downloads it", async () => {
  const { page } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinator });
  await page.goto(app.data.path);
  await page.getByRole("link", { name: "Ajouter ou retirer des documents" }).click();
  await page.waitForURL(/\/documents$/);
  await checkA11y(page);

  await page.getByLabel("Titre du document").fill("Comptes 2026");
  await page.getByLabel(/^Point de l'ordre du jour/).selectOption({ label: "Approbation des comptes" });
  await page.getByLabel("Fichier").setInputFiles(fixture("programme-renomme.pdf"));
  await page.getByRole("button", { name: "Ajouter le document" }).click();
  expect(await page.locator(".field--invalid").textContent()).toContain("Ce fichier n'est ni un PDF, ni une image JPEG ou PNG");
  await checkA11y(page);

  await page.getByLabel("Titre du document").fill("Comptes 2026");
  await page.getByLabel("Fichier").setInputFiles(fixture("charte-signee.pdf"));
  await page.getByRole("button", { name: "Ajouter le document" }).click();
  await page.getByText("Document « Comptes 2026 » ajouté.").waitFor();
  await checkA11y(page);

  const delegate = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.titular });
  await delegate.page.goto(app.data.path);
  const section = delegate.page.getByRole("region", { name: "Documents" });
  expect(await section.getByRole("heading", { level: 3 }).allTextContents()).toEqual(["Approbation des comptes"]);
  const href = await section.getByRole("link", { name: "Comptes 2026" }).getAttribute("href");
  expect(await delegate.page.getByRole("link", { name: "Ajouter ou retirer des documents" }).count()).toBe(0);
  await checkA11y(delegate.page);
  const download = await delegate.page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  // The server sets nosniff on every answer and the route sets it again (its unit tests call it
  // alone): Express appends both, and a browser reads the first value (Fetch, "determine nosniff").
  expect(download.headers()["x-content-type-options"].split(",")[0].trim()).toBe("nosniff");
  expect(download.headers()["content-disposition"]).toContain("attachment;");
});

test("a coordinator records a paper proxy with its scan; the scan is linked for coordinators only", async () => {
  const [a, b] = app.data.members;
  const { page } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinator });
  await page.goto(app.data.path);
  await page.getByRole("link", { name: "Enregistrer une procuration papier" }).click();
  await page.waitForURL(/\/proxies\/paper$/);
  await checkA11y(page);
  await page.getByLabel("Organisation qui donne la procuration").selectOption({ label: b });
  await page.getByLabel("Organisation qui reçoit la procuration").selectOption({ label: a });
  await page.getByLabel(/^Scan de la procuration signée/).setInputFiles(fixture("charte-signee.png"));
  await page.getByRole("button", { name: "Enregistrer la procuration papier" }).click();
  await page.waitForURL((url) => url.pathname === app.data.path);
  const scanLink = page.getByRole("link", { name: `Scan de la procuration de ${b}` });
  const scan = await page.request.get((await scanLink.getAttribute("href"))!);
  expect(scan.status()).toBe(200);
  expect(scan.headers()["content-type"]).toBe("image/png");
  await checkA11y(page);

  const delegate = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.titular });
  await delegate.page.goto(app.data.path);
  expect(await delegate.page.getByText(`${b} a donné procuration à ${a} (bulletin papier).`).count()).toBe(1);
  expect(await delegate.page.getByRole("link", { name: `Scan de la procuration de ${b}` }).count()).toBe(0);
});
