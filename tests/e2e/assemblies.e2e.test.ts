// A general assembly in a real browser with JavaScript off: the coordinator creates and convenes
// it; a delegate checks their organisation in online; another organisation's titular gives its
// proxy, and a third is refused beside the field (no chains); the live quorum counts them.
// axe-core checks every page visited.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { assemblySetting } from "#tests/assembly-helpers";

import { type App, checkA11y, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
type Data = { slug: string; coordinator: Cookie; members: { name: string; titular: Cookie; substitute: Cookie }[] };
let app: App<Data>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const s = await assemblySetting({ convene: false, members: 4 });
      const members = [];
      for (const m of s.members)
        members.push({ name: m.name, titular: await sessionCookieFor(m.titularId), substitute: await sessionCookieFor(m.substituteId) });
      return { slug: s.network.slug, coordinator: await sessionCookieFor(s.coordinator.id), members };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("coordinator convenes, a delegate checks in, another gives a proxy (JavaScript off)", async () => {
  const { slug, coordinator, members } = app.data;
  const [a, b, c] = members;
  const { page } = await newPage(browser, app, { javaScriptEnabled: false, cookie: coordinator });
  await page.goto(`/${slug}/assemblies`);
  await checkA11y(page);
  await page.getByRole("link", { name: "Nouvelle assemblée" }).click();
  await page.waitForURL(/\/assemblies\/new$/);
  await checkA11y(page);

  // Without a place or a link: refused, nothing created.
  await page.getByLabel("Titre").fill("AG de printemps");
  await page.getByRole("button", { name: "Créer l'assemblée" }).click();
  expect(await page.getByRole("alert").first().textContent()).toContain("Indiquez un lieu ou un lien de visioconférence.");
  await checkA11y(page);

  await page.getByLabel("Type d'assemblée").selectOption("extraordinary");
  await page.getByLabel(/^Lieu/).fill("Maison de quartier, salle 2");
  await page.getByRole("button", { name: "Créer l'assemblée" }).click();
  await page.waitForURL(/\/assemblies\/(?!new)[^/]+$/);
  const assemblyUrl = new URL(page.url()).pathname;
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("AG de printemps");
  expect(await page.getByText("4 organisations membres, 8 délégués").count()).toBe(1);
  await checkA11y(page);

  await page.getByLabel("Intitulé du point").fill("Approbation des comptes");
  await page.getByRole("button", { name: "Ajouter un point" }).click();
  await page.getByRole("listitem").filter({ hasText: "Approbation des comptes" }).first().waitFor();
  // The draft's agenda, with its remove buttons.
  await checkA11y(page);

  await page.getByRole("button", { name: "Convoquer l'assemblée" }).click();
  await page.getByRole("heading", { name: "Accueil (pointage)" }).waitFor();
  expect(await page.getByText("Figée à la convocation : 4 organisations.").count()).toBe(1);
  await checkA11y(page);

  // A's substitute checks A in online.
  const delegate = await newPage(browser, app, { javaScriptEnabled: false, cookie: a.substitute });
  await delegate.page.goto(assemblyUrl);
  await checkA11y(delegate.page);
  await delegate.page.getByRole("button", { name: `Signaler ${a.name} présente en ligne` }).click();
  expect(await delegate.page.getByText(`${a.name} est enregistrée présente (en ligne).`).count()).toBe(1);

  // B's titular gives B's proxy to A.
  const giver = await newPage(browser, app, { javaScriptEnabled: false, cookie: b.titular });
  await giver.page.goto(assemblyUrl);
  await giver.page.getByLabel("Organisation qui reçoit la procuration").selectOption({ label: a.name });
  await giver.page.getByRole("button", { name: "Donner procuration" }).click();
  expect(await giver.page.getByText(`${b.name} a donné procuration à ${a.name} (en ligne).`).count()).toBe(1);
  expect(await giver.page.getByRole("button", { name: "Révoquer la procuration" }).count()).toBe(1);
  await checkA11y(giver.page);

  // C may not give its proxy to B (B gave its own): the refusal beside the field.
  const refused = await newPage(browser, app, { javaScriptEnabled: false, cookie: c.titular });
  await refused.page.goto(assemblyUrl);
  await refused.page.getByLabel("Organisation qui reçoit la procuration").selectOption({ label: b.name });
  await refused.page.getByRole("button", { name: "Donner procuration" }).click();
  const field = refused.page.locator(".field--invalid");
  expect(await field.textContent()).toContain("Cette organisation a elle-même donné procuration");
  await checkA11y(refused.page);

  // The live quorum on the coordinator's page: A present, B represented; half of four required.
  await page.goto(assemblyUrl);
  const quorum = page.getByRole("region", { name: "Quorum en direct" });
  const text = (await quorum.textContent()) ?? "";
  expect(text).toContain("Présentes1 / 4");
  expect(text).toContain("Représentées par procuration1");
  expect(text).toContain("Quorum atteint.");
});
