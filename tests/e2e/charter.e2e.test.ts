// The charter in a real browser: a delegate reads and signs it online (JavaScript on and off),
// the public pages (signatories by kind, versions, differences, the directory's "members only"
// filter), and the titular delegate withdraws. axe-core checks every page visited.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { createAdhesion, createCharterVersion, createNetwork, createOrganisation, createUser, makeCoordinator, makeDelegate } from "#tests/factories";

import { type App, checkA11y, jsErrors, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
type Data = {
  slug: string;
  signers: Record<"on" | "off", { cookie: Cookie; org: string }>;
  leaver: { cookie: Cookie; org: string };
  renewer: Cookie;
  coordinator: Cookie;
};
let app: App<Data>;
let browser: Browser;

const day = (key: string) => new Date(`${key}T00:00:00.000Z`);

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork();
      const v1 = await createCharterVersion(network.id, {
        title: "Charte du réseau de test",
        body: "<h2>Envers les personnes</h2><p>Accueillir chaque personne avec respect, sans condition.</p>",
        publishedAt: day("2025-01-10"),
        effectiveOn: day("2025-02-01"),
      });
      const v2 = await createCharterVersion(network.id, {
        title: "Charte du réseau de test",
        body: "<h2>Envers les personnes</h2><p>Accueillir chaque personne avec respect, sans condition et gratuitement.</p>",
        changeSummary: "La gratuité de l'accueil est écrite.",
        publishedAt: day("2025-06-10"),
        effectiveOn: day("2025-07-01"),
      });
      await createCharterVersion(network.id, { status: "draft" }); // version 3: for the coordination only
      const clinic = await createOrganisation(network.id, { name: "Maison médicale Les Tilleuls", kind: "medical_centre" });
      const youth = await createOrganisation(network.id, { name: "Maison de jeunes Le Tremplin", kind: "association" });
      const cpas = await createOrganisation(network.id, { name: "CPAS de Testville", kind: "cpas" });
      const shelter = await createOrganisation(network.id, { name: "Abri de nuit L'Étoile", kind: "shelter" });
      await createAdhesion(network.id, shelter.id, v1, { signedOn: day("2025-02-03") });
      await createAdhesion(network.id, cpas.id, v2, { signedOn: day("2025-06-20"), signatoryName: "Claire Martin" });
      await createAdhesion(network.id, shelter.id, v2, { signedOn: day("2025-06-22") });
      const [clinicDelegate, youthDelegate, shelterDelegate, coordinator] = await Promise.all([
        createUser({ name: "Inès Dupont" }),
        createUser({ name: "Marc Leroy" }),
        createUser({ name: "Sara Benali" }),
        createUser({ name: "Coordinatrice" }),
      ]);
      await makeDelegate(clinic.id, clinicDelegate.id, "titular");
      await makeDelegate(youth.id, youthDelegate.id, "substitute");
      await makeDelegate(shelter.id, shelterDelegate.id, "titular");
      await makeCoordinator(network.id, coordinator.id);
      const cpasDelegate = await createUser({ name: "Claire Martin", email: `claire-${Date.now()}@example.test` });
      await makeDelegate(cpas.id, cpasDelegate.id, "titular");
      return {
        slug: network.slug,
        signers: {
          on: { cookie: await sessionCookieFor(clinicDelegate.id), org: clinic.name },
          off: { cookie: await sessionCookieFor(youthDelegate.id), org: youth.name },
        },
        leaver: { cookie: await sessionCookieFor(shelterDelegate.id), org: shelter.name },
        renewer: await sessionCookieFor(cpasDelegate.id),
        coordinator: await sessionCookieFor(coordinator.id),
      };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const toast = (page: Page) => page.locator(".toast").first().textContent();

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "on" : "off";

  test(`a delegate reads the charter and signs it online (JavaScript ${mode})`, async () => {
    const signer = app.data.signers[mode];
    const { page, context } = await newPage(browser, app, { javaScriptEnabled, cookie: signer.cookie });
    await page.goto(`/${app.data.slug}/charter`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Charte du réseau de test");
    expect(await page.locator(".charter-mine").textContent()).toContain("n'a pas encore adhéré");
    await checkA11y(page);

    await page.getByRole("link", { name: "Signer la charte en ligne" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Signer la charte");
    expect(await page.locator(".charter-read").textContent()).toContain("sans condition et gratuitement");
    await checkA11y(page);

    // Without the declaration and the function: both explained beside their fields.
    await page.getByRole("button", { name: "Signer la charte" }).click();
    await expect
      .poll(() => page.locator("#charter-sign .field-error").allTextContents())
      .toEqual([expect.stringContaining("Ce champ est obligatoire"), expect.stringContaining("Cochez cette déclaration")]);
    await checkA11y(page);

    await page.getByLabel("Fonction").fill("Coordinateur de l'accueil");
    await page.getByLabel(/Je déclare pouvoir engager l'organisation/).check();
    await page.getByRole("button", { name: "Signer la charte" }).click();
    await expect.poll(() => toast(page)).toContain(`${signer.org} a adhéré à la version 2 de la charte`);
    expect(new URL(page.url()).pathname).toBe(`/${app.data.slug}/charter`);
    expect(await page.locator(".charter-mine .badge").textContent()).toBe("Membre");
    await checkA11y(page);

    // Its profile says so too.
    await page.goto(`/${app.data.slug}/charter/signatories`);
    expect(await page.locator("main").textContent()).toContain(signer.org);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });
}

test("public pages: signatories by kind, versions, differences, members only in the directory", async () => {
  const { page, context } = await newPage(browser, app);
  await page.goto(`/${app.data.slug}/charter/signatories`);
  const groups = await page.locator(".signatory-group h2").allTextContents();
  // Grouped by kind in the order of the kinds (the sign tests above may have added others).
  expect(groups).toEqual(expect.arrayContaining(["CPAS", "Hébergement, abri de nuit"]));
  const cpas = page.locator(".signatory-group", { has: page.getByRole("heading", { name: "CPAS", exact: true }) });
  expect(await cpas.textContent()).toContain("CPAS de Testville");
  expect(await cpas.textContent()).toContain("adhésion du 20 juin 2025");
  await checkA11y(page);

  await page.goto(`/${app.data.slug}/charter/versions`);
  expect(await page.locator(".version-list h2").allTextContents()).toEqual(["Version 2 : Charte du réseau de test", "Version 1 : Charte du réseau de test"]);
  expect(await page.locator("main").textContent()).not.toContain("Brouillon");
  await checkA11y(page);
  await page.getByRole("link", { name: "Comparer deux versions" }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe("Ce qui change de la version 1 à la version 2");
  expect(await page.locator(".diff-text ins").allTextContents()).toEqual([expect.stringContaining("et gratuitement")]);
  await checkA11y(page);

  await page.goto(`/${app.data.slug}/charter/versions/3`);
  expect(await page.locator("main").textContent()).toContain("404");

  await page.goto(`/${app.data.slug}/organisations?members=1`);
  const names = await page.locator(".result-list h3 a").allTextContents();
  expect(names).toEqual(expect.arrayContaining(["CPAS de Testville", "Abri de nuit L'Étoile"]));
  expect(await page.getByLabel("Membres seulement").isChecked()).toBe(true);
  await checkA11y(page);
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test("the titular delegate withdraws after confirming (JavaScript off)", async () => {
  const { page, context } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.leaver.cookie });
  await page.goto(`/${app.data.slug}/charter`);
  await page.getByRole("link", { name: "Retirer l'adhésion de l'organisation" }).click();
  expect(await page.locator("h1").textContent()).toBe(`Retirer l'adhésion de ${app.data.leaver.org}`);
  await checkA11y(page);
  await page.getByLabel(/Motif/).fill("Notre service ferme.");
  await page.getByRole("button", { name: "Retirer l'adhésion" }).click();
  expect(await page.locator(".field-error").textContent()).toContain("Cochez la confirmation");
  await checkA11y(page);
  await page.getByLabel(/Je confirme le retrait/).check();
  await page.getByRole("button", { name: "Retirer l'adhésion" }).click();
  expect(await toast(page)).toContain("est retirée");
  expect(await page.locator(".charter-mine .badge").textContent()).toBe("Retirée");
  await checkA11y(page);
  await context.close();
});

test("the coordinator publishes a new version (JavaScript off); a member sees it is to renew and signs again", async () => {
  const coordination = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinator });
  let page = coordination.page;
  await page.goto(`/${app.data.slug}/charter`);
  await page.getByRole("link", { name: "Continuer le brouillon (version 3)" }).click();
  const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Date limite d'adhésion").fill(deadline);
  await checkA11y(page);
  await page.getByRole("button", { name: "Publier la version 3" }).click();
  await expect.poll(() => toast(page)).toBeTruthy();
  expect(new URL(page.url()).pathname).toBe(`/${app.data.slug}/charter`);
  expect(await page.locator(".lead").first().textContent()).toContain("Version 3");
  // The announcement went to the members' delegates through the outbox.
  await page.goto(`/${app.data.slug}/admin/outbox`);
  expect(await page.locator("main").textContent()).toContain("nouvelle version de la charte");
  await coordination.context.close();

  const member = await newPage(browser, app, { cookie: app.data.renewer });
  page = member.page;
  await page.goto(`/${app.data.slug}/charter`);
  expect(await page.locator(".charter-mine .badge").textContent()).toBe("À renouveler");
  expect(await page.locator(".charter-mine").textContent()).toContain("(l'organisation avait signé la version 2)");
  await checkA11y(page);
  await page.getByRole("link", { name: "Signer la charte en ligne" }).click();
  await page.getByLabel("Fonction").fill("Présidente");
  await page.getByLabel(/Je déclare pouvoir engager l'organisation/).check();
  await page.getByRole("button", { name: "Signer la charte" }).click();
  await expect.poll(() => toast(page)).toContain("CPAS de Testville a adhéré à la version 3 de la charte");
  expect(await page.locator(".charter-mine .badge").textContent()).toBe("Membre");
  expect(jsErrors(page)).toEqual([]);
  await member.context.close();
});
