// A paper adhesion in a real browser with JavaScript OFF: a delegate sends a renamed executable
// (refused beside the file field), then the PNG scan; the coordinator finds it on the adhesions
// dashboard, downloads the scan, validates it, and the organisation shows as a member. axe-core
// checks every page visited.
import { readFileSync } from "node:fs";
import path from "node:path";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { createCharterVersion, createNetwork, createOrganisation, createUser, makeCoordinator, makeDelegate } from "#tests/factories";

import { type App, checkA11y, jsErrors, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
type Data = { slug: string; orgSlug: string; delegateCookie: Cookie; coordinatorCookie: Cookie; substituteCookie: Cookie };
let app: App<Data>;
let browser: Browser;

const fixture = (name: string) => path.resolve("tests/fixtures", name);

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork();
      const org = await createOrganisation(network.id, { name: "Maison d'accueil des Tilleuls" });
      const mediation = await createOrganisation(network.id, { name: "Service de médiation de dettes" });
      const substitute = await createUser({ name: "Suppléant Médiation" });
      await makeDelegate(mediation.id, substitute.id, "substitute");
      await createCharterVersion(network.id);
      const delegate = await createUser({ name: "Déléguée Tilleuls" });
      await makeDelegate(org.id, delegate.id, "titular");
      const coordinator = await createUser({ name: "Coordinatrice" });
      await makeCoordinator(network.id, coordinator.id);
      return {
        slug: network.slug,
        orgSlug: org.slug,
        delegateCookie: await sessionCookieFor(delegate.id),
        coordinatorCookie: await sessionCookieFor(coordinator.id),
        substituteCookie: await sessionCookieFor(substitute.id),
      };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("without JavaScript: a delegate sends a scan, the coordinator opens and validates it, the organisation is a member", async () => {
  const { slug, orgSlug } = app.data;

  // The delegate, from the charter page's link.
  const { page, context } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.delegateCookie });
  await page.goto(`/${slug}/charter/upload?org=${orgSlug}`);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Envoyer la charte signée sur papier");
  expect(await page.getByText("Maison d'accueil des Tilleuls").count()).toBe(1);
  expect(await page.getByRole("link", { name: "télécharger la version 1 en PDF" }).getAttribute("href")).toBe(`/${slug}/charter/pdf`);
  await checkA11y(page);

  await page.getByLabel("Nom et prénom de la personne qui a signé").fill("Camille Martin");
  await page.getByLabel("Fonction de la personne qui a signé").fill("Directrice");
  await page.getByLabel("Scan de la charte signée").setInputFiles(fixture("programme-renomme.pdf"));
  await page.getByLabel(/^Je déclare que la personne qui a signé/).check();
  await page.getByRole("button", { name: "Envoyer la charte signée" }).click();
  // Refused beside the file field; what was typed stays.
  await expect.poll(() => page.locator(".field-error").first().textContent()).toContain("n'est ni un PDF, ni une image JPEG ou PNG");
  const file = page.getByLabel("Scan de la charte signée");
  expect(await file.getAttribute("aria-invalid")).toBe("true");
  expect(await page.locator(`#${await file.getAttribute("aria-describedby").then((ids) => ids!.split(" ").pop())}`).textContent()).toContain(
    "son contenu a été vérifié",
  );
  expect(await page.getByLabel("Nom et prénom de la personne qui a signé").inputValue()).toBe("Camille Martin");
  await checkA11y(page);

  // A `;` and an accent in the name, as Chromium encodes them (Remix's own parser answered 500).
  await file.setInputFiles({ name: "charte; signée.png", mimeType: "image/png", buffer: readFileSync(fixture("charte-signee.png")) });
  await page.getByLabel(/^Je déclare que la personne qui a signé/).check();
  await page.getByRole("button", { name: "Envoyer la charte signée" }).click();
  await page.waitForURL(new RegExp(`/${slug}/charter$`));
  expect(await page.getByRole("status").textContent()).toContain("La charte signée de Maison d'accueil des Tilleuls est bien reçue");
  await checkA11y(page);
  expect(jsErrors(page)).toEqual([]);
  await context.close();

  // The coordinator.
  const coordinator = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinatorCookie });
  const admin = coordinator.page;
  await admin.goto(`/${slug}/admin/adhesions`);
  const review = admin.locator(".adhesion-review").filter({ hasText: "Maison d'accueil des Tilleuls" });
  expect(await review.textContent()).toContain("Camille Martin — Directrice");
  expect(await admin.getByRole("row", { name: /Maison d'accueil des Tilleuls/ }).textContent()).toContain("une charte papier attend votre vérification");
  await checkA11y(admin);

  // The scan, through the permission-checked route.
  const href = await review.getByRole("link", { name: /Ouvrir le scan/ }).getAttribute("href");
  const scan = await coordinator.context.request.get(href!);
  expect(scan.status()).toBe(200);
  expect(scan.headers()["content-type"]).toBe("image/png");
  expect(scan.headers()["content-disposition"]).toBe(`attachment; filename="charte signee.png"; filename*=UTF-8''charte%20sign%C3%A9e.png`);
  expect(Buffer.from(await scan.body()).equals(readFileSync(fixture("charte-signee.png")))).toBe(true);
  // Not for someone else (a fresh context without a session goes to the login page).
  const stranger = await browser.newContext({ baseURL: app.url });
  const refused = await stranger.request.get(href!, { maxRedirects: 0 });
  expect(refused.status()).toBe(302);
  await stranger.close();

  await review.getByRole("button", { name: /Valider l'adhésion/ }).click();
  await admin.waitForURL(new RegExp(`/${slug}/admin/adhesions$`));
  expect(await admin.getByRole("status").textContent()).toContain("L'adhésion papier de Maison d'accueil des Tilleuls est validée");
  expect(await admin.getByText("Aucune charte papier n'attend de vérification.").count()).toBe(1);
  const row = admin.getByRole("row", { name: /Maison d'accueil des Tilleuls/ });
  expect(await row.locator(".badge").textContent()).toBe("Membre");
  expect(await row.textContent()).toContain("sur papier (version 1)");
  await checkA11y(admin);

  // The filter, by GET.
  await admin.getByLabel("Statut", { exact: true }).selectOption("member");
  await admin.getByRole("button", { name: "Afficher" }).click();
  await admin.waitForURL(/status=member/);
  expect(await admin.locator("tbody tr th[scope=row] a").allTextContents()).toEqual(["Maison d'accueil des Tilleuls"]);
  await checkA11y(admin);
  expect(jsErrors(admin)).toEqual([]);
  await coordinator.context.close();
});

test("with JavaScript: a substitute delegate sends a JPEG after fixing a missing field", async () => {
  const { slug } = app.data;
  const { page, context } = await newPage(browser, app, { cookie: app.data.substituteCookie });
  await page.goto(`/${slug}/charter/upload`);
  await page.getByLabel("Fonction de la personne qui a signé").fill("Président");
  await page.getByLabel("Scan de la charte signée").setInputFiles(fixture("charte-signee.jpg"));
  await page.getByLabel(/^Je déclare que la personne qui a signé/).check();
  await page.getByRole("button", { name: "Envoyer la charte signée" }).click();
  // Checked in the page before sending: the name is missing.
  await expect.poll(() => page.locator(".error-summary").textContent()).toContain("Ce champ est obligatoire.");
  await checkA11y(page);
  await page.getByLabel("Nom et prénom de la personne qui a signé").fill("Jean Dumont");
  await page.getByRole("button", { name: "Envoyer la charte signée" }).click();
  await page.waitForURL(new RegExp(`/${slug}/charter$`));
  await expect.poll(() => page.getByRole("status").textContent()).toContain("La charte signée de Service de médiation de dettes est bien reçue");
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});
