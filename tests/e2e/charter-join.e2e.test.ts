// "Our organisation wants to join" in a real browser: a visitor without an account sends the
// public form (JavaScript off, then on), the coordinator opens the request and accepts it, and the
// invitation of the contact is in the outbox. axe-core checks every page visited.
import type { Page } from "playwright-core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { createNetwork, createUser, makeCoordinator } from "#tests/factories";

import { type App, checkA11y, jsErrors, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
type Data = { slug: string; networkName: string; coordinatorCookie: Cookie };
let app: App<Data>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork({ name: "Relais social de Testville" });
      const coordinator = await createUser({ name: "Claire Coordination" });
      await makeCoordinator(network.id, coordinator.id);
      return { slug: network.slug, networkName: network.name, coordinatorCookie: await sessionCookieFor(coordinator.id) };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function fillForm(page: Page, values: { name: string; email: string }) {
  await page.getByLabel("Nom de l'organisation").fill(values.name);
  await page.getByLabel("Type d'organisation").selectOption({ label: "Maison médicale, centre de santé" });
  await page.getByLabel("Rue et numéro").fill("Rue des Tanneurs 8");
  await page.getByLabel("Code postal").fill("5000");
  await page.getByLabel("Commune", { exact: true }).fill("Namur");
  await page.getByRole("textbox", { name: /^Site web/ }).fill("https://mm-tanneurs.example");
  await page.getByLabel("Nom et prénom").fill("Nadia Benali");
  await page.getByLabel("Adresse e-mail").fill(values.email);
  await page.getByLabel("Fonction", { exact: true }).fill("Coordinatrice");
  await page.getByLabel("Pourquoi souhaitez-vous rejoindre le réseau ?").fill("Nous soignons beaucoup de personnes sans abri et voulons mieux orienter.");
}

test("a visitor asks to join without JavaScript; the coordinator accepts; the invitation is in the outbox", async () => {
  const visitor = await newPage(browser, app, { javaScriptEnabled: false });
  const page = visitor.page;
  await page.goto(`/${app.data.slug}/charter/join`);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Notre organisation souhaite rejoindre le réseau");
  // The honeypot is neither announced nor reachable with the keyboard.
  expect(await page.getByRole("textbox", { name: "Laissez ce champ vide" }).count()).toBe(0);
  expect(await page.locator('input[name="fax"]').getAttribute("tabindex")).toBe("-1");
  await checkA11y(page);

  // A missing field: the server answers with the message beside it.
  await fillForm(page, { name: "Maison médicale des Tanneurs", email: "" });
  await page.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect.poll(() => page.locator(".error-summary").count()).toBe(1);
  const emailField = page.locator(".field", { has: page.getByLabel("Adresse e-mail") });
  expect(await emailField.locator(".field-error").textContent()).toContain("Ce champ est obligatoire.");
  expect(await page.getByLabel("Adresse e-mail").getAttribute("aria-invalid")).toBe("true");
  // What was typed is still there.
  expect(await page.getByLabel("Nom de l'organisation").inputValue()).toBe("Maison médicale des Tanneurs");
  await checkA11y(page);

  await page.getByLabel("Adresse e-mail").fill("nadia@mm-tanneurs.example");
  await page.getByRole("button", { name: "Envoyer la demande" }).click();
  await page.waitForURL(/\/charter\/join\?sent=1$/);
  expect(await page.getByRole("status").textContent()).toContain(`Votre demande est transmise à la coordination de ${app.data.networkName}`);
  await checkA11y(page);
  await visitor.context.close();

  // The coordinator sees the request, opens it and accepts it.
  const coordinator = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinatorCookie });
  const admin = coordinator.page;
  await admin.goto(`/${app.data.slug}/admin`);
  await admin.getByRole("link", { name: "Demandes d'adhésion", exact: true }).click();
  await admin.waitForURL(/\/admin\/join-requests$/);
  expect(await admin.getByRole("heading", { level: 2, name: /En attente/ }).textContent()).toBe("En attente (1)");
  await checkA11y(admin);
  await admin.getByRole("link", { name: "Maison médicale des Tanneurs" }).click();
  await admin.waitForURL(/\/admin\/join-requests\/[^/]+$/);
  expect(await admin.getByRole("heading", { level: 1 }).textContent()).toBe("Demande de Maison médicale des Tanneurs");
  expect(await admin.locator("dl.facts").textContent()).toContain("nadia@mm-tanneurs.example");
  await checkA11y(admin);
  await admin.getByRole("button", { name: "Accepter", exact: true }).click();
  await expect.poll(() => admin.getByRole("status").textContent()).toContain("Maison médicale des Tanneurs est acceptée comme candidate");
  expect(await admin.getByRole("status").textContent()).toContain("nadia@mm-tanneurs.example");
  expect(await admin.getByRole("button", { name: "Accepter", exact: true }).count()).toBe(0);
  await checkA11y(admin);

  // The new organisation's profile exists; the invitation waits in the outbox.
  await admin.getByRole("link", { name: "Voir la fiche de Maison médicale des Tanneurs" }).click();
  await admin.waitForURL(/\/organisations\/maison-medicale-des-tanneurs$/);
  await checkA11y(admin);
  await admin.goto(`/${app.data.slug}/admin/outbox`);
  const invitation = admin.getByRole("row", { name: new RegExp(`Invitation à rejoindre ${app.data.networkName} sur Maillage`) });
  expect(await invitation.textContent()).toContain("nadia@mm-tanneurs.example");
  expect(await admin.getByRole("row", { name: /votre demande est acceptée/ }).textContent()).toContain("nadia@mm-tanneurs.example");
  await checkA11y(admin);

  // Back on the list: the request is among the decided ones.
  await admin.goto(`/${app.data.slug}/admin/join-requests`);
  expect(await admin.getByText("Aucune demande en attente.").count()).toBe(1);
  expect(await admin.getByRole("row", { name: /Maison médicale des Tanneurs/ }).textContent()).toContain("Acceptée");
  await checkA11y(admin);
  await coordinator.context.close();
});

test("the form with JavaScript on: errors beside the fields before sending, then the confirmation", async () => {
  const { page, context } = await newPage(browser, app, { javaScriptEnabled: true });
  await page.goto(`/${app.data.slug}/charter/join`);
  await checkA11y(page);
  await fillForm(page, { name: "Service d'accueil de jour", email: "pas-une-adresse" });
  await page.getByRole("button", { name: "Envoyer la demande" }).click();
  const emailField = page.locator(".field", { has: page.getByLabel("Adresse e-mail") });
  await expect.poll(() => emailField.locator(".field-error").textContent()).toContain("Indiquez une adresse e-mail valide");
  await checkA11y(page);
  await page.getByLabel("Adresse e-mail").fill("accueil@jour.example");
  await page.getByRole("button", { name: "Envoyer la demande" }).click();
  await page.waitForURL(/\/charter\/join\?sent=1$/);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Demande envoyée");
  await checkA11y(page);
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});
