// The calendars in a real browser: a visitor reads the month without JavaScript (public meetings
// only) and moves between months with the keyboard; a delegate reads the list view, filters by
// group with the GET form (JavaScript off, then on), sees "my meetings" on the account page and
// subscribes to their meetings (the feed answers text/calendar, then 404 once revoked); the
// coordinator publishes the network's public feed. axe-core checks every page visited.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { brusselsParts } from "#app/utils/brussels-time";
import { addGroupMember, createGroup, createMeeting, createNetwork, createOrganisation, createUser, makeCoordinator, makeDelegate } from "#tests/factories";

import { type App, checkA11y, jsErrors, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
type Data = { slug: string; groupSlug: string; otherGroupSlug: string; month: string; delegate: Cookie; coordinator: Cookie };
let app: App<Data>;
let browser: Browser;

const DAY = 86_400_000;
/** Tomorrow plus `days`, at 14:00 UTC (15:00 or 16:00 in Brussels): always in the future. */
const inDays = (days: number) => {
  const d = new Date(Date.now() + (days + 1) * DAY);
  d.setUTCHours(14, 0, 0, 0);
  return d;
};

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork({ name: "Coordination sociale de Testville" });
      const coordinator = await createUser({ name: "Claire Coordination" });
      await makeCoordinator(network.id, coordinator.id);
      const org = await createOrganisation(network.id, { name: "Maison d'accueil du Parvis" });
      const delegate = await createUser({ name: "Dana Délégation" });
      await makeDelegate(org.id, delegate.id);
      const housing = await createGroup(network.id, { name: "Logement" });
      const health = await createGroup(network.id, { name: "Santé" });
      await addGroupMember(housing.id, org.id, [delegate.id]);
      // Three meetings on the same day so that they share a month whatever today is.
      const day = inDays(2);
      await createMeeting(housing.id, { title: "Logement : réunion interne", startsAt: day });
      await createMeeting(health.id, { title: "Santé : rencontre publique", startsAt: new Date(day.getTime() + 2 * 3_600_000), isPublic: true });
      await createMeeting(health.id, { title: "Santé : séance supprimée", startsAt: new Date(day.getTime() + 4 * 3_600_000), status: "cancelled" });
      return {
        slug: network.slug,
        groupSlug: housing.slug,
        otherGroupSlug: health.slug,
        month: brusselsParts(day).day.slice(0, 7),
        delegate: await sessionCookieFor(delegate.id),
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

const monthName = (month: string) =>
  new Intl.DateTimeFormat("fr-BE", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-15T12:00:00Z`));
const shift = (month: string, by: number) => {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
};

async function monthView(page: Page, month: string) {
  await page.goto(`/${app.data.slug}/calendar?month=${month}`);
  expect(await page.getByRole("heading", { level: 2, name: monthName(month) }).count()).toBe(1);
  return page.getByRole("table");
}

for (const javaScriptEnabled of [false, true]) {
  test(`a visitor reads the month (JavaScript ${javaScriptEnabled ? "on" : "off"}): public meetings only, months by keyboard`, async () => {
    const { page, context } = await newPage(browser, app, { javaScriptEnabled });
    const table = await monthView(page, app.data.month);
    expect(await table.getByRole("columnheader").count()).toBe(7);
    expect(await table.getByRole("columnheader").first().textContent()).toMatch(/^lun/);
    expect(await table.getByRole("link", { name: /Santé : rencontre publique/ }).count()).toBe(1);
    expect(await page.getByText("Logement : réunion interne").count()).toBe(0);
    expect(await page.getByText("Santé : séance supprimée").count()).toBe(0);
    const href = await table.getByRole("link", { name: /Santé : rencontre publique/ }).getAttribute("href");
    expect(href).toMatch(new RegExp(`^/${app.data.slug}/meetings/[^/]+$`));
    await checkA11y(page);

    // Next month with the keyboard: focus the link, Enter.
    const next = shift(app.data.month, 1);
    await page.getByRole("link", { name: monthName(next) }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`month=${next}$`));
    await expect.poll(() => page.getByRole("heading", { level: 2 }).first().textContent()).toBe(monthName(next));
    await checkA11y(page);
    // Back to the month, then "this month" marks today.
    await page.getByRole("link", { name: monthName(app.data.month) }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`month=${app.data.month}$`));
    await page.goto(`/${app.data.slug}/calendar`);
    expect(await page.locator('td[aria-current="date"]').count()).toBe(1);
    expect(await page.locator('td[aria-current="date"]').textContent()).toContain("aujourd'hui");

    // A month that does not exist: a 400 with the message beside the field.
    const response = await page.goto(`/${app.data.slug}/calendar?month=2026-13`);
    expect(response?.status()).toBe(400);
    expect(await page.locator(".field-error").textContent()).toContain("Indiquez un mois sous la forme année-mois");
    expect(await page.getByLabel("Mois", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await checkA11y(page);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  test(`a delegate reads the list and filters by group (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
    const { page, context } = await newPage(browser, app, { javaScriptEnabled, cookie: app.data.delegate });
    await page.goto(`/${app.data.slug}/calendar`);
    await page.getByRole("link", { name: "Liste", exact: true }).click();
    await page.waitForURL(/view=list/);
    await expect.poll(() => page.getByRole("heading", { level: 2, name: "Prochaines réunions" }).count()).toBe(1);
    // Grouped by day: one day heading, three meetings under it; the cancelled one struck and said.
    const days = page.locator(".calendar-list__day");
    expect(await days.count()).toBe(1);
    expect(await days.getByRole("heading", { level: 3 }).count()).toBe(1);
    expect(await days.getByRole("listitem").count()).toBe(3);
    const cancelled = days.getByRole("listitem").filter({ hasText: "Santé : séance supprimée" });
    expect(await cancelled.textContent()).toContain("annulée");
    expect(await cancelled.locator("s").textContent()).toBe("Santé : séance supprimée");
    await checkA11y(page);

    // Filter with the form, keyboard only: choose the group, then Enter on the button.
    await page.getByLabel("Groupe de travail").selectOption({ label: "Logement" });
    await page.getByRole("button", { name: "Afficher" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`group=${app.data.groupSlug}`));
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Agenda : Logement");
    expect(await page.locator(".calendar-list__day").getByRole("listitem").count()).toBe(1);
    expect(await page.getByText("Logement : réunion interne").count()).toBe(1);
    await checkA11y(page);
    // The month view keeps the group; the month is typed in the form.
    await page.getByRole("link", { name: "Mois", exact: true }).click();
    await page.waitForURL((url) => !url.search.includes("view=list"));
    expect(page.url()).toContain(`group=${app.data.groupSlug}`);
    await expect.poll(() => page.getByLabel("Mois", { exact: true }).count()).toBe(1);
    await page.getByLabel("Mois", { exact: true }).fill(app.data.month);
    await page.getByLabel("Mois", { exact: true }).press("Enter");
    await page.waitForURL(new RegExp(`month=${app.data.month}`));
    expect(page.url()).toContain(`group=${app.data.groupSlug}`);
    await expect
      .poll(() =>
        page
          .getByRole("table")
          .getByRole("link", { name: /Logement : réunion interne/ })
          .count(),
      )
      .toBe(1);
    expect(await page.getByRole("table").getByRole("link", { name: /Santé/ }).count()).toBe(0);
    await checkA11y(page);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });
}

test("my meetings on the account page, and a personal feed created, fetched and revoked", async () => {
  const { page, context } = await newPage(browser, app, { javaScriptEnabled: true, cookie: app.data.delegate });
  await page.goto("/account");
  const mine = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Mes prochaines réunions" }) });
  expect(await mine.getByRole("link", { name: /Logement : réunion interne/ }).count()).toBe(1);
  expect(await mine.textContent()).toContain("pas encore répondu");
  // Santé is not a group of the delegate's organisation.
  expect(await mine.getByText("Santé : rencontre publique").count()).toBe(0);
  await checkA11y(page);

  await mine.getByRole("link", { name: "Recevoir mes réunions dans Outlook, Gmail ou Thunderbird" }).click();
  await page.waitForURL(/\/account\/calendars$/);
  // With JavaScript the address changes before the new page is drawn: wait for its content.
  await expect.poll(() => page.getByText("Vous n'avez pas encore d'abonnement.").count()).toBe(1);
  expect(await page.getByRole("heading", { level: 3, name: "Outlook" }).count()).toBe(1);
  await checkA11y(page);
  // "Group" without choosing one: the message beside the field.
  await page.getByLabel("Toutes les réunions d'un groupe").check();
  await page.getByRole("button", { name: "Créer l'abonnement" }).click();
  await expect.poll(() => page.locator(".field-error").first().textContent()).toContain("Choisissez un groupe.");
  await checkA11y(page);
  await page.getByLabel("Mes réunions : celles des groupes où je participe ou que j'anime").check();
  await page.getByRole("button", { name: "Créer l'abonnement" }).click();
  await expect.poll(() => page.getByRole("heading", { level: 3, name: "Mes réunions (tous mes groupes)" }).count()).toBe(1);
  const url = await page.getByLabel("Adresse à copier dans votre agenda").inputValue();
  expect(url).toMatch(/\/ical\/[A-Za-z0-9_-]{43}\.ics$/);
  await checkA11y(page);

  const feed = await page.request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const text = await feed.text();
  expect(text).toContain("BEGIN:VCALENDAR");
  expect(text).toContain("SUMMARY:Logement : réunion interne");
  expect(text).not.toContain("Santé");

  await page.getByRole("button", { name: /Supprimer l'abonnement/ }).click();
  await expect.poll(() => page.getByText("Vous n'avez pas encore d'abonnement.").count()).toBe(1);
  expect((await page.request.get(url)).status()).toBe(404);
  await checkA11y(page);
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test("the coordinator publishes the public feed without JavaScript; visitors find its address on the calendar", async () => {
  const { page, context } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinator });
  await page.goto(`/${app.data.slug}/calendar`);
  await page.getByRole("link", { name: "Gérer l'agenda public du réseau" }).click();
  await page.waitForURL(/\/admin\/calendar-feed$/);
  expect(await page.getByRole("heading", { level: 2, name: "L'agenda public n'est pas publié" }).count()).toBe(1);
  await checkA11y(page);
  await page.getByRole("button", { name: "Publier l'agenda public" }).click();
  await expect.poll(() => page.getByRole("heading", { level: 2, name: "L'agenda public est publié" }).count()).toBe(1);
  const url = await page.getByLabel("Adresse à copier dans votre agenda").inputValue();
  await checkA11y(page);
  await context.close();

  const visitor = await newPage(browser, app, { javaScriptEnabled: false });
  await visitor.page.goto(`/${app.data.slug}/calendar`);
  expect(await visitor.page.getByRole("link", { name: url }).count()).toBe(1);
  const feed = await visitor.page.request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["cache-control"]).toBe("public, max-age=300");
  const text = await feed.text();
  expect(text).toContain("SUMMARY:Santé : rencontre publique");
  expect(text).not.toContain("réunion interne");
  await checkA11y(visitor.page);
  await visitor.context.close();
});
