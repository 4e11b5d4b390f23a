// A coordinator invites a delegate; the invitation is accepted from the link of the e-mail (read
// in the outbox, as in the demo); the new delegate edits their organisation. axe on every page.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { createNetwork, createOrganisation, createUser, makeCoordinator } from "#tests/factories";
import { startSmtpPeer } from "#tests/setup/smtp";

import { type App, checkA11y, jsErrors, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Data = { slug: string; orgSlug: string; orgName: string; coordinator: { name: string; value: string }; email: string };
let app: App<Data>;
let browser: Browser;
let peer: Awaited<ReturnType<typeof startSmtpPeer>>;

beforeAll(async () => {
  // A real SMTP peer receives what the server's outbox worker delivers (the reset e-mail).
  peer = await startSmtpPeer();
  app = await startApp({
    env: { SMTP_URL: peer.url, OUTBOX_INTERVAL_MS: "200" },
    prepare: async () => {
      const network = await createNetwork({ name: "Relais social de test" });
      const org = await createOrganisation(network.id, { name: "Maison d'accueil du Parvis" });
      const coordinator = await createUser({ name: "Claire Coordination" });
      await makeCoordinator(network.id, coordinator.id);
      return { slug: network.slug, orgSlug: org.slug, orgName: org.name, coordinator: await sessionCookieFor(coordinator.id), email: coordinator.email };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await peer?.close();
});

test("invite a delegate, accept from the e-mail link (JavaScript off), then edit the organisation", async () => {
  const { slug, orgSlug, orgName } = app.data;
  const orgPath = `/${slug}/organisations/${orgSlug}`;

  // The coordinator invites from the delegates page.
  const coord = await newPage(browser, app, { cookie: app.data.coordinator });
  await coord.page.goto(`${orgPath}/delegates`);
  await checkA11y(coord.page);
  await coord.page.getByLabel("Adresse e-mail de la personne").fill("nadia.delegate@example.test");
  await coord.page.getByLabel("Rôle", { exact: true }).selectOption("titular");
  await coord.page.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect.poll(() => coord.page.getByRole("status").textContent()).toContain("L'invitation est envoyée à nadia.delegate@example.test.");
  await expect.poll(() => coord.page.getByRole("row", { name: /nadia\.delegate@example\.test/ }).count()).toBe(1);
  await checkA11y(coord.page);

  // The e-mail, read in the outbox.
  await coord.page.goto(`/${slug}/admin/outbox`);
  await checkA11y(coord.page);
  await coord.page
    .getByRole("link", { name: /Invitation à rejoindre/ })
    .first()
    .click();
  await coord.page.waitForURL(/\/admin\/outbox\/.+/);
  await checkA11y(coord.page);
  const text = (await coord.page.locator("pre.email-text").textContent()) ?? "";
  const link = /https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/.exec(text)?.[0];
  expect(link, text).toBeTruthy();
  expect(text).toContain(orgName);
  expect(jsErrors(coord.page)).toEqual([]);
  await coord.context.close();

  // The invited person, without JavaScript, creates the account from the link.
  const invited = await newPage(browser, app, { javaScriptEnabled: false });
  await invited.page.goto(link!);
  await expect.poll(() => invited.page.getByRole("heading", { level: 1 }).textContent()).toBe("Invitation");
  await checkA11y(invited.page);
  await invited.page.getByLabel("Nom et prénom").fill("Nadia Benali");
  await invited.page.getByLabel("Nouveau mot de passe", { exact: true }).fill("court");
  await invited.page.getByLabel("Nouveau mot de passe, une seconde fois").fill("court");
  await invited.page.getByRole("button", { name: "Créer mon compte et accepter" }).click();
  await expect.poll(() => invited.page.getByText("Le mot de passe est trop court.").count()).toBeGreaterThan(0);
  await checkA11y(invited.page);
  await invited.page.getByLabel("Nouveau mot de passe", { exact: true }).fill("une phrase assez longue");
  await invited.page.getByLabel("Nouveau mot de passe, une seconde fois").fill("une phrase assez longue");
  await invited.page.getByRole("button", { name: "Créer mon compte et accepter" }).click();
  await invited.page.waitForURL(`${app.url}${orgPath}`);
  await expect.poll(() => invited.page.getByRole("status").textContent()).toContain(`Vous représentez maintenant ${orgName}`);
  await checkA11y(invited.page);

  // The new delegate edits the organisation's profile.
  await invited.page.goto(`${orgPath}/edit`);
  await checkA11y(invited.page);
  await invited.page.getByLabel("Présentation").fill("Accueil de jour, douches et lessive, sans rendez-vous.");
  await invited.page.getByRole("button", { name: "Enregistrer" }).click();
  await invited.page.waitForURL(`${app.url}${orgPath}`);
  await expect.poll(() => invited.page.getByText("Accueil de jour, douches et lessive, sans rendez-vous.").count()).toBeGreaterThan(0);
  await checkA11y(invited.page);

  // Their account page lists this session.
  await invited.page.goto("/account");
  await expect.poll(() => invited.page.getByText("cet appareil").count()).toBe(1);
  await checkA11y(invited.page);
  await invited.context.close();
});

test("forgotten password: the link from the e-mail sets a new password and signs in (JavaScript off)", async () => {
  const { page, context } = await newPage(browser, app, { javaScriptEnabled: false });
  await page.goto("/login");
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await page.waitForURL(`${app.url}/forgot-password`);
  await checkA11y(page);
  await page.getByLabel("Adresse e-mail").fill(app.data.email);
  await page.getByRole("button", { name: "Recevoir le lien" }).click();
  await page.waitForURL(`${app.url}/forgot-password?sent=1`);
  await checkA11y(page);

  // The server's outbox worker delivers it to the SMTP peer within a few rounds.
  const subject = "Votre nouveau mot de passe Maillage";
  await expect.poll(() => peer.messages.filter((m) => m.subject === subject).length, { timeout: 15_000 }).toBe(1);
  const mail = peer.messages.find((m) => m.subject === subject);
  expect(mail, "the reset e-mail reached the SMTP peer").toBeDefined();
  const link = /https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/.exec(mail!.text ?? "")?.[0];
  expect(link).toBeTruthy();

  await page.goto(link!);
  await checkA11y(page);
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill("mon nouveau mot de passe");
  await page.getByLabel("Nouveau mot de passe, une seconde fois").fill("mon nouveau mot de passe");
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await page.waitForURL(`${app.url}/${app.data.slug}`);
  await expect.poll(() => page.getByRole("status").textContent()).toContain("Votre mot de passe est changé");
  await checkA11y(page);

  // The link is single use: opening it again explains why it no longer works.
  await page.goto(link!);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Ce lien ne fonctionne pas");
  await checkA11y(page);
  await context.close();
});
