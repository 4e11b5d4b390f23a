// Meetings in a real browser: the coordinator schedules a monthly series ("2nd Tuesday", four
// times) with the form, JavaScript off (a forgotten field is answered beside it); the invitation
// is read in the outbox; the delegate opens the RSVP link without signing in (JavaScript on),
// sees the question, answers "yes"; the coordinator sees the answer on the meeting page. axe-core
// checks every page visited.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { addGroupMember, createGroup, createNetwork, createOrganisation, createUser, makeCoordinator, makeDelegate } from "#tests/factories";

import { type App, checkA11y, jsErrors, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
type Data = { slug: string; groupSlug: string; delegateEmail: string; coordinator: Cookie };
let app: App<Data>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork({ name: "Coordination sociale de Testville" });
      const group = await createGroup(network.id, { name: "Groupe Logement", slug: "logement" });
      const org = await createOrganisation(network.id, { name: "Service d'aide au logement" });
      const delegate = await createUser({ name: "Nadia Benali", email: "nadia@sal.example.test" });
      await makeDelegate(org.id, delegate.id);
      await addGroupMember(group.id, org.id, [delegate.id]);
      const coordinator = await createUser({ name: "Claire Coordination" });
      await makeCoordinator(network.id, coordinator.id);
      return { slug: network.slug, groupSlug: group.slug, delegateEmail: delegate.email, coordinator: await sessionCookieFor(coordinator.id) };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("a coordinator schedules a monthly series without JavaScript; the delegate answers from the e-mail link, not signed in", async () => {
  const { slug, groupSlug, delegateEmail } = app.data;
  const year = new Date().getFullYear() + 1;
  const coord = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinator });
  const page = coord.page;
  await page.goto(`/${slug}/meetings/new?group=${groupSlug}`);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Planifier une réunion");
  await checkA11y(page);

  await page.getByLabel("Titre").fill("Réunion du groupe Logement");
  await page.getByLabel("Date (la première, pour une série)").fill(`${year}-01-01`);
  await page.getByLabel("Début").fill("14:00");
  await page.getByLabel("Fin", { exact: true }).fill("16:00");
  await page.getByLabel("Lieu (adresse)").fill("Maison de quartier, Rue de la Victoire 96");
  await page.getByRole("radio", { name: /se répète chaque mois/ }).check();
  await page.getByLabel("Jour de la semaine").selectOption({ label: "mardi" });
  await page.getByRole("spinbutton", { name: /^Nombre de réunions/ }).fill("4");
  // The day of the month is forgotten: the server says so beside the field, and keeps the rest.
  await page.getByRole("button", { name: "Planifier et inviter" }).click();
  await expect.poll(() => page.locator(".error-summary").count()).toBe(1);
  const ordinal = page.locator(".field", { has: page.getByLabel("Quel jour du mois") });
  expect(await ordinal.locator(".field-error").textContent()).toContain("choisissez quel jour du mois");
  expect(await page.getByLabel("Quel jour du mois").getAttribute("aria-invalid")).toBe("true");
  expect(await page.getByLabel("Lieu (adresse)").inputValue()).toBe("Maison de quartier, Rue de la Victoire 96");
  await checkA11y(page);

  await page.getByLabel("Quel jour du mois").selectOption({ label: "deuxième" });
  await page.getByRole("button", { name: "Planifier et inviter" }).click();
  await page.waitForURL(/\/meetings\/(?!new)[^/?]+$/);
  const meetingUrl = page.url();
  await expect.poll(() => page.getByRole("status").textContent()).toContain("Série de 4 réunions planifiée");
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Réunion du groupe Logement");
  // The second Tuesday of January of next year, 14:00–16:00, first of four.
  const secondTuesday = new Date(Date.UTC(year, 0, 1 + ((2 - new Date(Date.UTC(year, 0, 1)).getUTCDay() + 7) % 7) + 7)).getUTCDate();
  const facts = (await page.locator(".meeting-facts").textContent()) ?? "";
  expect(facts).toContain(`mardi ${secondTuesday} janvier ${year}, 14:00–16:00`);
  expect(facts).toContain("le deuxième mardi du mois — réunion 1 sur 4");
  expect(await page.locator(".meeting-siblings li").count()).toBe(3);
  await checkA11y(page);

  // The invitation of the delegate, read in the outbox, with its .ics and its answer link.
  await page.goto(`/${slug}/admin/outbox`);
  await checkA11y(page);
  await page
    .getByRole("row", { name: new RegExp(delegateEmail.replace(/\./g, "\\.")) })
    .getByRole("link", { name: /^Invitation — Groupe Logement/ })
    .click();
  await page.waitForURL(/\/admin\/outbox\/.+/);
  const text = (await page.locator("pre.email-text").textContent()) ?? "";
  const link = /https?:\/\/\S+\/rsvp\/[\w-]+\.[\w-]+/.exec(text)?.[0];
  expect(link, text).toBeTruthy();
  expect(text).toContain("Les dates (4) :");
  await coord.context.close();

  // The delegate, not signed in, opens the link: a question, nothing recorded yet.
  const delegate = await newPage(browser, app, { javaScriptEnabled: true });
  await delegate.page.goto(link!);
  await expect.poll(() => delegate.page.getByRole("heading", { level: 1 }).textContent()).toBe("Invitation : Réunion du groupe Logement");
  await checkA11y(delegate.page);
  await delegate.page.getByRole("radio", { name: "Oui, je serai là" }).check();
  await delegate.page.getByRole("button", { name: "Confirmer ma réponse" }).click();
  await delegate.page.waitForURL(/\?answered=yes$/);
  await expect.poll(() => delegate.page.getByRole("status").textContent()).toContain("Merci, votre réponse est enregistrée : Oui, je serai là.");
  await checkA11y(delegate.page);
  expect(jsErrors(delegate.page)).toEqual([]);
  // An altered link is refused with a page that says why.
  await delegate.page.goto(link!.replace(/\.[\w-]+$/, ".abc"));
  await expect.poll(() => delegate.page.getByRole("heading", { level: 1 }).textContent()).toBe("Ce lien ne permet pas de répondre");
  expect(await delegate.page.locator(".lead").textContent()).toContain("a été modifié");
  await checkA11y(delegate.page);
  await delegate.context.close();

  // The coordinator sees the answer on the meeting page.
  const again = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinator });
  await again.page.goto(meetingUrl);
  await expect.poll(() => again.page.getByText("Réponses : 1 oui, 0 non, 0 peut-être.").count()).toBe(1);
  await checkA11y(again.page);
  await again.context.close();
});

test("the facilitator's pages with JavaScript on: agenda items added and put in order, proposals deadline, edit and cancel pages", async () => {
  const { slug, groupSlug } = app.data;
  const coord = await newPage(browser, app, { javaScriptEnabled: true, cookie: app.data.coordinator });
  const page = coord.page;
  await page.goto(`/${slug}/meetings/new?group=${groupSlug}`);
  await page.getByLabel("Date (la première, pour une série)").fill(`${new Date().getFullYear() + 1}-03-03`);
  await page.getByLabel("Lieu (adresse)").fill("CPAS, salle du conseil");
  await page.getByRole("button", { name: "Planifier et inviter" }).click();
  await page.waitForURL(/\/meetings\/(?!new)[^/?]+$/);
  const meetingUrl = page.url();
  await checkA11y(page);

  await page.getByRole("link", { name: "Gérer l'ordre du jour" }).click();
  await page.waitForURL(/\/agenda$/);
  await checkA11y(page);
  for (const title of ["Accueil et tour de table", "Logement d'urgence : bilan de l'hiver"]) {
    const add = page.locator("form", { has: page.getByRole("button", { name: "Ajouter à l'ordre du jour" }) });
    await add.getByLabel("Point").fill(title);
    await add.getByLabel("Durée (minutes)").fill("20");
    await add.getByRole("button", { name: "Ajouter à l'ordre du jour" }).click();
    await expect.poll(() => page.locator(".agenda-edit__item summary").filter({ hasText: title }).count()).toBe(1);
  }
  // A title that is too short: the message is beside the field.
  const add = page.locator("form", { has: page.getByRole("button", { name: "Ajouter à l'ordre du jour" }) });
  await add.getByLabel("Point").fill("x");
  await add.getByRole("button", { name: "Ajouter à l'ordre du jour" }).click();
  await expect.poll(() => add.locator(".field-error").count()).toBeGreaterThan(0);
  await checkA11y(page);

  await page.getByRole("button", { name: "Monter « Logement d'urgence : bilan de l'hiver »" }).click();
  await expect
    .poll(async () => (await page.locator(".agenda-edit__item summary").allTextContents()).map((s) => s.replace(/\s+/g, " ").trim()))
    .toEqual(["1. Logement d'urgence : bilan de l'hiver (20 min)", "2. Accueil et tour de table (20 min)"]);
  await page.getByLabel("Propositions jusqu'au").fill(`${new Date().getFullYear() + 1}-02-24`);
  await page.getByRole("button", { name: "Fixer la date limite" }).click();
  await expect.poll(() => page.getByText(/^Propositions ouvertes jusqu'au/).count()).toBe(1);
  await checkA11y(page);

  await page.goto(meetingUrl);
  await expect
    .poll(() => page.locator(".agenda-list li").allTextContents())
    .toEqual(["Logement d'urgence : bilan de l'hiver (20 min)", "Accueil et tour de table (20 min)"]);
  await page.getByRole("link", { name: "Modifier ou déplacer" }).click();
  await page.waitForURL(/\/edit$/);
  await checkA11y(page);
  await page.getByLabel("Début").fill("10:00");
  await page.getByLabel("Fin", { exact: true }).fill("12:00");
  await page.getByRole("button", { name: "Enregistrer et prévenir" }).click();
  await page.waitForURL(meetingUrl);
  await expect.poll(() => page.locator(".meeting-facts").textContent()).toContain("10:00–12:00");

  await page.getByRole("link", { name: "Annuler la réunion" }).click();
  await page.waitForURL(/\/cancel$/);
  await checkA11y(page);
  await page.getByLabel("Raison").fill("Salle indisponible");
  await page.getByRole("button", { name: "Annuler et prévenir" }).click();
  await page.waitForURL(meetingUrl);
  await expect.poll(() => page.locator(".notice--warn").textContent()).toContain("Raison : Salle indisponible");
  await checkA11y(page);
  expect(jsErrors(page)).toEqual([]);
  await coord.context.close();
});
