import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { sendEmail } from "#app/utils/email.server";
import { createNetwork, createOrganisation, createUser, makeCoordinator } from "#tests/factories";

import { type App, checkA11y, jsErrors, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Data = { slug: string; coordinator: { name: string; value: string }; admin: { name: string; value: string }; emailId: string };
let app: App<Data>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork({ themes: ["Logement", "Santé", "Jeunesse"] });
      const user = await createUser({ name: "Claire Coordinatrice" });
      await makeCoordinator(network.id, user.id);
      await createOrganisation(network.id, { name: "Maison Médicale du Nord", kind: "medical_centre", commune: "Schaerbeek" });
      const admin = await createUser({ name: "Alex Admin", isPlatformAdmin: true });
      const email = await sendEmail({
        to: "nouvelle@example.test",
        subject: "Invitation à rejoindre le réseau",
        html: "<p>Bonjour, <a href='http://example.test/invitations/abc'>accepter</a></p>",
        text: "Bonjour,\n\nAccepter l'invitation : http://example.test/invitations/abc\n",
        networkId: network.id,
      });
      return { slug: network.slug, coordinator: await sessionCookieFor(user.id), admin: await sessionCookieFor(admin.id), emailId: email.id };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const BAD_CSV = "name;kind;email;themes\nLe Relais;association;relais@example.be;Logement\n;association;;\nService X;club;pas-un-email;Pétanque\n";
const goodCsv = (newName: string) =>
  `\uFEFFname;kind;commune;themes;languages\n${newName};Association;Saint-Gilles;Logement|Santé;fr|nl\nmaison medicale du nord;medical_centre;Schaerbeek;Santé;fr\n`;

for (const javaScriptEnabled of [false, true]) {
  test(`a coordinator imports a CSV: errors per row, then preview and import (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
    const { page, context } = await newPage(browser, app, { javaScriptEnabled, cookie: app.data.coordinator });
    const slug = app.data.slug;
    const newName = `Café-Rencontre L'Étoile ${javaScriptEnabled ? "A" : "B"}`;
    await page.goto(`/${slug}/admin`);
    await checkA11y(page);
    await page.getByRole("link", { name: "Importer des organisations (CSV)" }).click();
    await page.waitForURL(`${app.url}/${slug}/admin/import`);
    await checkA11y(page);

    await page.getByLabel("Fichier CSV").setInputFiles({ name: "membres.csv", mimeType: "text/csv", buffer: Buffer.from(BAD_CSV) });
    await page.getByRole("button", { name: "Prévisualiser" }).click();
    const table = page.getByRole("table", { name: "Lignes du fichier et résultat de la vérification" });
    await expect.poll(() => table.count()).toBe(1);
    const row3 = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "3", exact: true }) });
    await expect.poll(() => row3.textContent()).toContain("Ce champ est obligatoire.");
    const row4 = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "4", exact: true }) });
    expect(await row4.textContent()).toContain("Indiquez une adresse e-mail valide");
    expect(await row4.textContent()).toContain("Thématique inconnue du réseau : Pétanque.");
    expect(await row4.textContent()).toContain("« club » n'est pas un type d'organisation connu");
    expect(await page.getByText("2 lignes en erreur").count()).toBe(1);
    expect(await page.getByRole("button", { name: /^Importer/ }).count()).toBe(0);
    await checkA11y(page);

    // The same file pasted would do; here a good file, uploaded.
    await page.getByLabel("Fichier CSV").setInputFiles({ name: "membres.csv", mimeType: "text/csv", buffer: Buffer.from(goodCsv(newName)) });
    await page.getByRole("button", { name: "Prévisualiser" }).click();
    // Wait for the new preview (with JavaScript the previous one stays until it arrives).
    await expect.poll(() => page.getByRole("button", { name: "Importer 2 organisations" }).count()).toBe(1);
    expect(await page.getByText("1 organisation à créer").count()).toBe(1);
    expect(await page.getByText("1 organisation à mettre à jour").count()).toBe(1);
    await checkA11y(page);
    await page.getByRole("button", { name: "Importer 2 organisations" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Import terminé");

    await page.goto(`/${slug}/organisations`);
    expect(await page.getByText(newName).count()).toBeGreaterThan(0);
    expect(await page.getByText("maison medicale du nord").count()).toBeGreaterThan(0);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });
}

test("outbox, message, audit log and settings are readable and accessible", async () => {
  const { page, context } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinator });
  const slug = app.data.slug;
  await page.goto(`/${slug}/admin/outbox`);
  await checkA11y(page);
  await page.getByRole("link", { name: "Invitation à rejoindre le réseau" }).click();
  await page.waitForURL(`${app.url}/${slug}/admin/outbox/${app.data.emailId}`);
  expect(await page.getByRole("link", { name: "http://example.test/invitations/abc" }).count()).toBe(1);
  expect(await page.locator("iframe[sandbox='']").count()).toBe(1);
  await checkA11y(page);

  await page.goto(`/${slug}/admin/audit`);
  await checkA11y(page);
  await page.getByLabel("Action").selectOption({ label: "Organisation ajoutée" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  await page.waitForURL(/action=organisation\.create/);
  expect(await page.getByText("Organisation ajoutée —").count()).toBeGreaterThan(0);
  expect(await page.getByText("Organisation modifiée —").count()).toBe(0);
  await checkA11y(page);

  await page.goto(`/${slug}/admin/settings`);
  await checkA11y(page);
  await context.close();
});

test("the platform administrator's pages are accessible; a bad slug is explained beside the field", async () => {
  const { page, context } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.admin });
  await page.goto("/admin");
  await checkA11y(page);
  await page.getByLabel("Nom du réseau").fill("Coordination de test");
  await page.getByLabel("Adresse web").fill("admin");
  await page.getByLabel("E-mail de la première personne coordinatrice").fill("quelquun@example.test");
  await page.getByRole("button", { name: "Créer le réseau" }).click();
  await expect.poll(() => page.getByText("Cette adresse est réservée par la plateforme.").count()).toBeGreaterThan(0);
  await checkA11y(page);
  await page.goto(`/admin/networks/${app.data.slug}`);
  await checkA11y(page);
  await context.close();
});
