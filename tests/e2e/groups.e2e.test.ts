// Working groups in a real browser: a coordinator creates a group and names a facilitator (with
// JavaScript); a delegate joins an open group, another asks to join a group "on request" and the
// facilitator accepts, all without JavaScript; the organisation then chooses its participants.
// axe-core checks every page visited.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";
import {
  addGroupMember,
  createAdhesion,
  createCharterVersion,
  createGroup,
  createMeeting,
  createNetwork,
  createOrganisation,
  createUser,
  makeCoordinator,
  makeDelegate,
  makeFacilitator,
} from "#tests/factories";

import { type App, checkA11y, jsErrors, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
type Data = { slug: string; coordinator: Cookie; alice: Cookie; bob: Cookie; openSlug: string; requestSlug: string; attendanceMeetings: number };
let app: App<Data>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork({ name: "Coordination sociale de Testville" });
      const version = await createCharterVersion(network.id);
      const alpha = await createOrganisation(network.id, { name: "Maison d'accueil Alpha" });
      const beta = await createOrganisation(network.id, { name: "Service Bêta" });
      await createAdhesion(network.id, alpha.id, version);
      await createAdhesion(network.id, beta.id, version);
      const coordinator = await createUser({ name: "Claire Coordination" });
      const alice = await createUser({ name: "Alice Alpha" });
      const anna = await createUser({ name: "Anna Alpha" });
      const bob = await createUser({ name: "Bob Bêta" });
      await makeCoordinator(network.id, coordinator.id);
      await makeDelegate(alpha.id, alice.id, "titular");
      await makeDelegate(alpha.id, anna.id, "staff");
      await makeDelegate(beta.id, bob.id, "titular");
      const open = await createGroup(network.id, { name: "Santé", joinPolicy: "open", description: "Les services de santé du quartier." });
      const request = await createGroup(network.id, { name: "Migrations", joinPolicy: "request" });
      await makeFacilitator(request.id, bob.id);
      // Santé has met three times with attendance taken, so its page draws the chart.
      await addGroupMember(open.id, beta.id, [bob.id]);
      for (const months of [3, 2, 1]) {
        const meeting = await createMeeting(open.id, { startsAt: new Date(Date.now() - months * 30 * 86_400_000), title: `Réunion Santé ${4 - months}` });
        await prisma.attendance.create({ data: { meetingId: meeting.id, organisationId: beta.id, status: months === 2 ? "excused" : "present" } });
      }
      return {
        slug: network.slug,
        coordinator: await sessionCookieFor(coordinator.id),
        alice: await sessionCookieFor(alice.id),
        bob: await sessionCookieFor(bob.id),
        openSlug: open.slug,
        requestSlug: request.slug,
        attendanceMeetings: 3,
      };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("a coordinator creates a group and names a facilitator", async () => {
  const { page, context } = await newPage(browser, app, { cookie: app.data.coordinator });
  await page.goto(`/${app.data.slug}/groups`);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Groupes de travail");
  await checkA11y(page);
  await page.getByRole("link", { name: "Créer un groupe" }).click();
  await page.waitForURL(/\/groups\/new$/);
  await checkA11y(page);

  // A missing name: the message is beside the field, before anything is sent.
  await page.getByRole("button", { name: "Créer le groupe" }).click();
  const nameField = page.locator(".field", { has: page.getByLabel("Nom du groupe") });
  await expect.poll(() => nameField.locator(".field-error").textContent()).toContain("Ce champ est obligatoire.");
  await checkA11y(page);

  await page.getByLabel("Nom du groupe").fill("Petite enfance");
  await page.getByRole("combobox", { name: /^Thème/ }).fill("Jeunesse");
  await page.getByLabel(/^Objet du groupe/).fill("Les crèches et les écoles maternelles du quartier.\n\nUne rencontre par mois.");
  await page.getByLabel("Comment les organisations rejoignent le groupe").selectOption({ label: "Sur demande" });
  await page.getByRole("button", { name: "Créer le groupe" }).click();
  await page.waitForURL(/\/groups\/petite-enfance\/edit$/);
  await expect.poll(() => page.getByRole("status").textContent()).toContain("Le groupe « Petite enfance » est créé.");
  await checkA11y(page);

  await page.getByLabel("Nommer un animateur").selectOption({ label: "Bob Bêta (Service Bêta)" });
  await page.getByRole("button", { name: "Nommer animateur" }).click();
  await expect.poll(() => page.getByRole("status").textContent()).toContain("Bob Bêta anime désormais ce groupe.");
  await checkA11y(page);

  await page.getByRole("link", { name: "Petite enfance", exact: false }).first().click();
  await page.waitForURL(/\/groups\/petite-enfance$/);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Petite enfance");
  expect(await page.locator("main").textContent()).toContain("Animation : Bob Bêta");
  expect(await page.getByRole("link", { name: "Planifier une réunion" }).getAttribute("href")).toBe(`/${app.data.slug}/meetings/new?group=petite-enfance`);
  await checkA11y(page);
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test("without JavaScript: a delegate joins an open group, asks to join another, the facilitator accepts, participants are chosen", async () => {
  const alice = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.alice });
  const page = alice.page;
  // The open group's page, with its turnout chart and the table beside it.
  await page.goto(`/${app.data.slug}/groups/${app.data.openSlug}`);
  expect(await page.getByRole("img", { name: /Sur les 3 dernières réunions/ }).count()).toBe(1);
  expect(
    await page
      .getByRole("table", { name: /présentes, excusées et absentes/ })
      .locator("tbody tr")
      .count(),
  ).toBe(app.data.attendanceMeetings);
  expect(await page.locator("main").textContent()).toContain("Maison d'accueil Alpha peut rejoindre ce groupe.");
  await checkA11y(page);
  await page.getByRole("link", { name: "Participer au groupe" }).click();
  await page.waitForURL(/\/members$/);
  await checkA11y(page);
  await page.getByRole("button", { name: /Rejoindre le groupe/ }).click();
  await page.waitForURL(/\/members$/);
  expect(await page.getByRole("status").textContent()).toContain("Maison d'accueil Alpha a rejoint le groupe Santé.");
  expect(await page.getByRole("checkbox", { name: "Alice Alpha" }).isChecked()).toBe(true);
  await checkA11y(page);

  // Anna takes part too.
  await page.getByRole("checkbox", { name: "Anna Alpha" }).check();
  await page.getByRole("button", { name: "Enregistrer les participants" }).click();
  await page.waitForURL(/\/members$/);
  expect(await page.getByRole("status").textContent()).toContain("Les participants de Maison d'accueil Alpha sont enregistrés.");
  expect(await page.getByRole("checkbox", { name: "Anna Alpha" }).isChecked()).toBe(true);
  await checkA11y(page);

  // The group "on request": a request, then it waits.
  await page.goto(`/${app.data.slug}/groups/${app.data.requestSlug}/members`);
  await page.getByRole("button", { name: /Demander à rejoindre le groupe/ }).click();
  await page.waitForURL(/\/members$/);
  expect(await page.getByRole("status").textContent()).toContain("La demande de Maison d'accueil Alpha est envoyée aux animateurs du groupe Migrations.");
  expect(await page.locator("main").textContent()).toContain("Demande envoyée : elle attend la réponse d'un animateur.");
  await checkA11y(page);
  await alice.context.close();

  // Bob, the facilitator, accepts it.
  const bob = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.bob });
  await bob.page.goto(`/${app.data.slug}/groups/${app.data.requestSlug}`);
  await bob.page.getByRole("link", { name: "Membres : 1 demande en attente" }).click();
  await bob.page.waitForURL(/\/members$/);
  expect(await bob.page.getByRole("heading", { level: 2, name: "Demandes en attente (1)" }).count()).toBe(1);
  await checkA11y(bob.page);
  await bob.page.getByRole("button", { name: "Accepter Maison d'accueil Alpha" }).click();
  await bob.page.waitForURL(/\/members$/);
  expect(await bob.page.getByRole("status").textContent()).toContain("Maison d'accueil Alpha est membre du groupe.");
  expect(await bob.page.getByRole("row", { name: /Maison d'accueil Alpha/ }).textContent()).toContain("Alice Alpha");
  await checkA11y(bob.page);
  await bob.context.close();
});
