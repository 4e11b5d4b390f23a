// The heart of issue 4 in a real browser: a member association's delegate volunteers as
// note-taker and posts the minutes with JavaScript OFF (plain textareas; "add a row" for a second
// action item is a submit button), then submits them; the facilitator, with JavaScript on,
// approves and publishes them publicly; a visitor reads them; the participants are e-mailed.
// axe-core checks every page visited. Tests run in order: each builds on the previous.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import {
  addGroupMember,
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
let app: App<{ slug: string; meetingId: string; noteTaker: Cookie; facilitator: Cookie; coordinator: Cookie; emails: string[] }>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork({ name: "Coordination sociale de Testville" });
      const group = await createGroup(network.id, { name: "Logement" });
      const alpha = await createOrganisation(network.id, { name: "Maison Alpha" });
      const beta = await createOrganisation(network.id, { name: "Service Bêta" });
      const nadia = await createUser({ name: "Nadia Notes" });
      const bruno = await createUser({ name: "Bruno Anime" });
      await makeDelegate(alpha.id, nadia.id);
      await makeDelegate(beta.id, bruno.id);
      await addGroupMember(group.id, alpha.id, [nadia.id]);
      await addGroupMember(group.id, beta.id, [bruno.id]);
      await makeFacilitator(group.id, bruno.id);
      const claire = await createUser({ name: "Claire Coordination" });
      await makeCoordinator(network.id, claire.id);
      const meeting = await createMeeting(group.id, { title: "Réunion de novembre", startsAt: new Date(Date.now() - 86_400_000) });
      return {
        slug: network.slug,
        meetingId: meeting.id,
        noteTaker: await sessionCookieFor(nadia.id),
        facilitator: await sessionCookieFor(bruno.id),
        coordinator: await sessionCookieFor(claire.id),
        emails: [nadia.email, bruno.email],
      };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const minutesPath = () => `/${app.data.slug}/meetings/${app.data.meetingId}/minutes`;
const WHAT_REQUIRED = "Dites quelle est l'action (ou retirez la ligne).";

test("the note-taker volunteers and posts the minutes with two action items, JavaScript off, then submits them", async () => {
  const { page, context } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.noteTaker });
  await page.goto(minutesPath());
  await checkA11y(page);
  await page.getByRole("button", { name: "Je prends les notes" }).click();
  await page.getByText("Nadia Notes prend les notes de cette réunion.").waitFor();
  await page.getByRole("link", { name: "Rédiger le procès-verbal" }).click();
  expect(new URL(page.url()).pathname).toBe(`${minutesPath()}/edit`);
  expect(await page.locator("input[type=hidden][name=bodyFormat]").getAttribute("value")).toBe("text");
  await checkA11y(page);

  await page.getByLabel("Décisions", { exact: true }).fill("Le groupe écrit au CPAS.");
  await page
    .getByLabel("Compte rendu", { exact: true })
    .fill("## Tour de table\n\nLes services présentent leurs permanences.\n\n- Logement d'urgence\n- Accueil de jour");
  const first = page.getByRole("group", { name: "Action 1" });
  await first.getByLabel("Quoi").fill("Écrire au CPAS");
  await first.getByLabel("Organisation responsable").selectOption({ label: "Service Bêta" });
  await first.getByLabel("Pour le").fill("2026-12-15");

  // A second row, without JavaScript: the server answers the form with one more row, keeping what was typed.
  await page.getByRole("button", { name: "Ajouter une ligne" }).click();
  const second = page.getByRole("group", { name: "Action 2" });
  await second.waitFor();
  expect(await first.getByLabel("Quoi").inputValue()).toBe("Écrire au CPAS");
  expect(await page.getByLabel("Compte rendu", { exact: true }).inputValue()).toContain("Accueil de jour");
  // A started row without what is to be done is explained beside the field (its organisation is optional).
  await second.getByLabel("Organisation responsable").selectOption({ label: "Maison Alpha" });
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await page.getByText(WHAT_REQUIRED).first().waitFor();
  await checkA11y(page);
  await page.getByRole("group", { name: "Action 2" }).getByLabel("Quoi").fill("Inviter le Foyer");
  await page.getByRole("button", { name: "Enregistrer et soumettre au groupe" }).click();

  await page.getByText("Procès-verbal soumis au groupe.").waitFor();
  expect(new URL(page.url()).pathname).toBe(minutesPath());
  expect(await page.locator(".minutes-status").first().textContent()).toBe("Soumis");
  expect(await page.locator(".minutes-body h2").textContent()).toBe("Tour de table");
  expect(await page.locator(".minutes-actions tbody tr").count()).toBe(2);
  await checkA11y(page);
  expect(await page.locator("#minutes-decisions-title + .rich-text-content").innerHTML()).toBe("<p>Le groupe écrit au CPAS.</p>");
  expect(await page.locator(".minutes-actions tbody").textContent()).toContain("Maison Alpha");
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test("the facilitator approves and publishes publicly (JavaScript on); a visitor reads them; the participants are e-mailed", async () => {
  const { page, context } = await newPage(browser, app, { cookie: app.data.facilitator });
  await page.goto(minutesPath());
  await checkA11y(page);
  await page.getByRole("button", { name: "Approuver", exact: true }).click();
  await page.getByText("Procès-verbal approuvé.").waitFor();
  // Publishing without choosing who reads is refused beside the choice.
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  await page.getByText("Choisissez qui pourra lire le procès-verbal.").first().waitFor();
  await page.getByRole("radio", { name: /^Public/ }).check();
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  await page.getByText(/Procès-verbal publié ; 2 e-mail/).waitFor();
  expect(await page.locator(".minutes-status").first().textContent()).toBe("Publié");
  await checkA11y(page);
  expect(jsErrors(page)).toEqual([]);
  await context.close();

  // The coordinator sees the two e-mails in the outbox, one per participant.
  const admin = await newPage(browser, app, { cookie: app.data.coordinator });
  await admin.page.goto(`/${app.data.slug}/admin/outbox`);
  const body = (await admin.page.locator("main").textContent()) ?? "";
  for (const email of app.data.emails) expect(body).toContain(email);
  expect(body.match(/Procès-verbal publié : Réunion de novembre \(Logement\)/g)?.length).toBe(1 * app.data.emails.length);
  await admin.context.close();

  const visitor = await newPage(browser, app, { javaScriptEnabled: false });
  await visitor.page.goto(minutesPath());
  expect(await visitor.page.getByRole("heading", { level: 1 }).textContent()).toBe("Procès-verbal — Réunion de novembre");
  expect(await visitor.page.locator(".minutes-body").textContent()).toContain("Accueil de jour");
  expect(
    await visitor.page
      .getByRole("button")
      .filter({ hasText: /Approuver|Publier|Je prends les notes/ })
      .count(),
  ).toBe(0);
  await checkA11y(visitor.page);
  const pdf = await visitor.page.request.get(`${minutesPath()}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  await visitor.context.close();
});
