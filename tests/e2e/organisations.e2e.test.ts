// The member directory and the organisation edit form in a real browser, with and without
// JavaScript; axe-core checks every page visited.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { createNetwork, createOrganisation, createUser, makeCoordinator, makeDelegate } from "#tests/factories";

import { type App, checkA11y, jsErrors, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

// The edit test renames this organisation (with a suffix): the directory test may run after it.
const health = expect.stringMatching(/^Maison de Santé du Nord/);

type Cookie = { name: string; value: string };
type Data = { slug: string; orgSlug: string; cookie: Cookie; coordinatorCookie: Cookie };
let app: App<Data>;
let browser: Browser;

const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: 0, closesAt: 1439, byAppointment: false, note: "" }));

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork({ themes: ["Logement", "Santé", "Jeunesse"] });
      const clinic = await createOrganisation(network.id, {
        name: "Maison de Santé du Nord",
        kind: "medical_centre",
        commune: "Namur",
        postalCode: "5000",
        themes: ["Santé"],
        hours: allDay,
      });
      await createOrganisation(network.id, { name: "Maison des Jeunes", commune: "Jambes", postalCode: "5100", themes: ["Jeunesse"] });
      await createOrganisation(network.id, {
        name: "Service logement de Bouge",
        commune: "Bouge",
        postalCode: "5004",
        themes: ["Logement"],
        languages: ["fr", "ar"],
      });
      const delegate = await createUser({ name: "Déléguée Santé" });
      await makeDelegate(clinic.id, delegate.id);
      const coordinator = await createUser({ name: "Coordinatrice" });
      await makeCoordinator(network.id, coordinator.id);
      return {
        slug: network.slug,
        orgSlug: clinic.slug,
        cookie: await sessionCookieFor(delegate.id),
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

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "on" : "off";

  test(`directory search and filters (JavaScript ${mode})`, async () => {
    const { page, context } = await newPage(browser, app, { javaScriptEnabled });
    const results = () => page.locator(".result-list h3 a").allTextContents();
    const count = () => page.locator("#directory-count").textContent();
    await page.goto(`/${app.data.slug}/organisations`);
    expect(await count()).toBe("3 organisations");
    await checkA11y(page);

    await page.getByLabel("Rechercher", { exact: true }).fill("SANTE");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await expect.poll(count).toBe("1 organisation");
    expect(await results()).toEqual([health]);
    expect(await page.locator(".result-list .badge--open").textContent()).toBe("Ouvert maintenant");
    await checkA11y(page);

    await page.getByLabel("Rechercher", { exact: true }).fill("maison");
    await page.getByLabel("Thématique", { exact: true }).selectOption("Jeunesse");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await expect.poll(results).toEqual(["Maison des Jeunes"]);
    expect(page.url()).toContain("theme=Jeunesse");

    await page.getByRole("link", { name: "Effacer la recherche" }).click();
    await expect.poll(count).toBe("3 organisations");
    await page.getByLabel("Commune", { exact: true }).selectOption("Bouge");
    await page.getByLabel("Langue parlée").selectOption("ar");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await expect.poll(results).toEqual(["Service logement de Bouge"]);

    await page.getByRole("link", { name: "Effacer la recherche" }).click();
    await expect.poll(count).toBe("3 organisations");
    await page.getByLabel("Ouvert maintenant").check();
    await page.getByRole("button", { name: "Rechercher" }).click();
    await expect.poll(results).toEqual([health]);
    await checkA11y(page);

    await page.getByRole("link", { name: "Maison de Santé du Nord" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toEqual(health);
    await checkA11y(page);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  test(`a delegate edits the organisation (JavaScript ${mode})`, async () => {
    const { page, context } = await newPage(browser, app, { javaScriptEnabled, cookie: app.data.cookie });
    await page.goto(`/${app.data.slug}/organisations/${app.data.orgSlug}`);
    await page.getByRole("link", { name: "Modifier le profil" }).click();
    await page.waitForURL(/\/edit$/);
    await checkA11y(page);

    // Bad input: the errors show beside the fields (server-side without JavaScript).
    const newRow = page.getByRole("group", { name: "Nouvelle permanence 1" });
    await page.getByRole("textbox", { name: /^Téléphone/ }).fill("pas un numéro");
    await newRow.getByLabel("Jour", { exact: true }).selectOption({ label: "Mercredi" });
    await newRow.getByLabel("De", { exact: true }).fill("16:00");
    await newRow.getByLabel("À", { exact: true }).fill("14:00");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => page.locator(".error-summary").count()).toBe(1);
    expect(await page.locator(".field-error", { hasText: "numéro de téléphone valide" }).count()).toBe(1);
    expect(await newRow.locator(".field-error").textContent()).toContain("L'heure de fin doit venir après l'heure de début.");
    await checkA11y(page);

    const name = `Maison de Santé du Nord (${mode})`;
    await page.getByLabel("Nom", { exact: true }).fill(name);
    await page.getByRole("textbox", { name: /^Téléphone/ }).fill("081 22 33 44");
    await page.getByLabel("Téléphone visible par tout le monde").uncheck();
    await newRow.getByLabel("De", { exact: true }).fill("14:00");
    await newRow.getByLabel("À", { exact: true }).fill("16:30");
    await newRow.getByLabel("Sur rendez-vous").check();
    // Drop Sunday's row (the seventh stored row).
    await page.getByRole("group", { name: "Permanence 7", exact: true }).getByLabel("Supprimer cette permanence").check();
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.waitForURL(`${app.url}/${app.data.slug}/organisations/${app.data.orgSlug}`);
    await expect.poll(() => page.getByRole("status").textContent()).toContain(`Le profil de ${name} est enregistré.`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(name);
    const wednesday = page.getByRole("row", { name: /Mercredi/ });
    expect(await wednesday.textContent()).toContain("de 14:00 à 16:30 · sur rendez-vous");
    expect(await page.getByRole("row", { name: /Dimanche/ }).textContent()).toContain("Fermé");
    // The delegate is a member: the members-only phone still shows to them.
    expect(await page.getByRole("link", { name: "081 22 33 44" }).count()).toBe(1);
    await checkA11y(page);
    expect(jsErrors(page)).toEqual([]);
    await context.close();

    // A visitor does not see it.
    const visitor = await newPage(browser, app, { javaScriptEnabled });
    await visitor.page.goto(`/${app.data.slug}/organisations/${app.data.orgSlug}`);
    expect(await visitor.page.getByText("081 22 33 44").count()).toBe(0);
    expect(await visitor.page.getByText("Réservé aux membres du réseau").count()).toBe(1);
    await checkA11y(visitor.page);
    await visitor.context.close();
  });
}

test("a coordinator adds an organisation (JavaScript off)", async () => {
  const { page, context } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinatorCookie });
  await page.goto(`/${app.data.slug}/organisations`);
  await page.getByRole("link", { name: "Ajouter une organisation" }).click();
  await page.waitForURL(/\/organisations\/new$/);
  await checkA11y(page);
  await page.getByRole("textbox", { name: /^Code postal/ }).fill("75001");
  await page.getByRole("button", { name: "Ajouter l'organisation" }).click();
  await expect.poll(() => page.locator(".error-summary li").count()).toBe(2); // name, postal code
  await checkA11y(page);
  await page.getByLabel("Nom", { exact: true }).fill("Épicerie solidaire de Salzinnes");
  await page.getByRole("textbox", { name: /^Code postal/ }).fill("5000");
  await page.getByRole("textbox", { name: /^Commune/ }).fill("Salzinnes");
  await page.getByLabel("Logement", { exact: true }).check();
  await page.getByRole("button", { name: "Ajouter l'organisation" }).click();
  await page.waitForURL(`${app.url}/${app.data.slug}/organisations/epicerie-solidaire-de-salzinnes`);
  expect(await page.getByRole("status").textContent()).toContain("Épicerie solidaire de Salzinnes est ajoutée à l'annuaire.");
  await checkA11y(page);
  await context.close();
});
