// Search in the minutes in a real browser: an anonymous visitor finds the public minutes by
// typing a word with a different accent (JavaScript off, then on), never the group-only ones; a
// bad date gets its message beside the field; a delegate sees their organisation's open actions,
// the overdue one flagged, and reaches the minutes from there. axe-core checks every page.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { addDays, brusselsInstant, parseDateKey, todayInBrussels } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { minutesSearchText } from "#app/utils/rich-text.server";
import { addGroupMember, createGroup, createMeeting, createMinutes, createNetwork, createOrganisation, createUser, makeDelegate } from "#tests/factories";

import { seedDemoIfEmpty } from "../../prisma/seed/demo-seed.server";
import { type App, checkA11y, jsErrors, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
type Data = { slug: string; publicMeeting: string; delegateCookie: Cookie };
let app: App<Data>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork({ name: "Coordination sociale de Testville" });
      const group = await createGroup(network.id, { name: "Logement", slug: "logement" });
      const org = await createOrganisation(network.id, { name: "Centre d'accueil Le Pont" });
      const delegate = await createUser({ name: "Inès Martin" });
      await makeDelegate(org.id, delegate.id);
      await addGroupMember(group.id, org.id, [delegate.id]);
      const publish = async (day: string, title: string, html: string, visibility: "group" | "public") => {
        const meeting = await createMeeting(group.id, { title, startsAt: brusselsInstant(day, 570) });
        await createMinutes(meeting.id, { status: "published", visibility, body: html, searchText: minutesSearchText(title, "", html) });
        return meeting;
      };
      const publicMeeting = await publish(
        "2026-02-10",
        "Groupe Logement — février",
        "<p>Préparation des élections communales : le mémorandum logement.</p>",
        "public",
      );
      await publish("2026-03-10", "Groupe Logement — mars", "<p>Élections du bureau et point confidentiel sur un immeuble.</p>", "group");
      const today = todayInBrussels(new Date());
      await prisma.actionItem.createMany({
        data: [
          {
            meetingId: publicMeeting.id,
            groupId: group.id,
            what: "Envoyer le mémorandum aux candidats",
            organisationId: org.id,
            dueOn: parseDateKey(addDays(today, -5)),
          },
          {
            meetingId: publicMeeting.id,
            groupId: group.id,
            what: "Réserver la salle du débat",
            organisationId: org.id,
            dueOn: parseDateKey(addDays(today, 20)),
          },
        ],
      });
      return { slug: network.slug, publicMeeting: publicMeeting.id, delegateCookie: await sessionCookieFor(delegate.id) };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

for (const javaScriptEnabled of [false, true]) {
  test(`an anonymous visitor finds the public minutes with a word typed without its accent (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
    const { page, context } = await newPage(browser, app, { javaScriptEnabled });
    await page.goto(`/${app.data.slug}/minutes`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Rechercher dans les comptes rendus");
    expect(await page.getByRole("heading", { level: 2, name: "Derniers comptes rendus publiés" }).count()).toBe(1);
    // Only the public minutes, even among the latest.
    expect(await page.locator(".search-results > li").count()).toBe(1);
    await checkA11y(page);

    await page.getByLabel("Mots à chercher").fill("ELECTION");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/[?&]q=ELECTION/);
    await expect.poll(() => page.getByRole("heading", { level: 2 }).first().textContent()).toBe("1 compte rendu contient « ELECTION »");
    const result = page.locator(".search-results > li");
    expect(await result.count()).toBe(1);
    expect(await result.locator("mark").allTextContents()).toEqual(["élections"]);
    expect(await page.content()).not.toContain("confidentiel");
    await checkA11y(page);

    // The result leads to the minutes of the meeting.
    expect(await result.getByRole("link", { name: "Groupe Logement — février" }).getAttribute("href")).toBe(
      `/${app.data.slug}/meetings/${app.data.publicMeeting}/minutes`,
    );

    // A date that is not one: the message beside the field, the words kept.
    await page.goto(`/${app.data.slug}/minutes?q=election&from=2026-02-31`);
    expect(await page.locator("#search-from-error").textContent()).toContain("Indiquez une date valide");
    expect(await page.getByLabel("Du", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Mots à chercher").inputValue()).toBe("election");
    await checkA11y(page);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });
}

test("a delegate sees their organisation's open actions, the overdue one first and flagged, and opens the minutes", async () => {
  const { page, context } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.delegateCookie });
  await page.goto(`/${app.data.slug}/minutes`);
  await page.getByRole("link", { name: "Voir les actions en cours de mon organisation" }).click();
  await page.waitForURL(/\/actions$/);
  await expect.poll(() => page.getByRole("heading", { level: 2 }).first().textContent()).toBe("2 actions en cours (dont 1 en retard)");
  const rows = page.locator(".actions-table tbody tr");
  expect(await rows.first().locator("td").first().textContent()).toBe("Envoyer le mémorandum aux candidats");
  expect(await rows.first().textContent()).toContain("En retard");
  expect(await rows.nth(1).textContent()).not.toContain("En retard");
  expect(
    await rows
      .first()
      .getByRole("link", { name: /Compte rendu du/ })
      .getAttribute("href"),
  ).toBe(`/${app.data.slug}/meetings/${app.data.publicMeeting}/minutes`);
  await checkA11y(page);
  await context.close();
});

test("the demo network: a visitor finds public minutes of its groups; the maison médicale's delegate sees the Santé group's actions", async () => {
  // Seeded here rather than by the server at start, so that the test can sign Pieter in.
  const demo = await startApp({
    prepare: async () => {
      await seedDemoIfEmpty();
      const pieter = await prisma.user.findUniqueOrThrow({ where: { email: "delegue.mmnord@demo.maillage.be" }, select: { id: true } });
      return { pieter: await sessionCookieFor(pieter.id) };
    },
  });
  try {
    const visitor = await newPage(browser, demo, { javaScriptEnabled: false });
    await visitor.page.goto("/relais-social-demo/minutes?q=precarite+energetique");
    const results = visitor.page.locator(".search-results > li");
    expect(await results.count()).toBeGreaterThan(0);
    expect((await results.first().locator("mark").allTextContents()).map((w) => w.toLowerCase())).toContain("précarité");
    for (const badge of await results.locator(".badge").allTextContents()) expect(badge).toBe("Public");
    await checkA11y(visitor.page);
    await visitor.context.close();

    const pieter = await newPage(browser, demo, { javaScriptEnabled: false, cookie: demo.data.pieter });
    await pieter.page.goto("/relais-social-demo/actions?group=sante");
    expect(await pieter.page.getByRole("heading", { level: 2 }).first().textContent()).toMatch(/^\d+ actions? en cours/);
    expect(await pieter.page.locator(".actions-table tbody tr").count()).toBeGreaterThan(0);
    await checkA11y(pieter.page);
    // Dutch minutes are found with Dutch stemming by a member of the network.
    await pieter.page.goto("/relais-social-demo/minutes?q=verkiezing");
    expect(await pieter.page.locator('.search-excerpt[lang="nl"] mark').count()).toBeGreaterThan(0);
    await checkA11y(pieter.page);
    await pieter.context.close();
  } finally {
    await demo.stop();
  }
});
