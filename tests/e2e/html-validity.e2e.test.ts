// HTML validity (issue 10, item 16): the W3C Nu HTML checker found, on the forms, a required
// <select> without an empty first option and autocomplete="street-address" on an <input>. The
// harness checks every page of every browser test after its file; this file proves the check can
// fail (a page served with those errors), then visits the forms that had them.
import { rmSync } from "node:fs";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { createGroup, createNetwork, createOrganisation, createUser, makeCoordinator, makeDelegate, makeFacilitator } from "#tests/factories";

import { type App, checkA11y, checkHtmlOfPagesVisited, jsErrors, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

// The other files check HTML on the PGlite run only (harness.ts); this one on both.
process.env.HTML_CHECK_ON_POSTGRES = "1";

type Cookie = { name: string; value: string };
let app: App<{ slug: string; orgSlug: string; coordinator: Cookie; delegate: Cookie }>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork();
      const org = await createOrganisation(network.id, { name: "Maison de quartier Écluse" });
      const group = await createGroup(network.id, { name: "Logement" });
      const coordinator = await createUser({ name: "Coordinatrice" });
      await makeCoordinator(network.id, coordinator.id);
      await makeFacilitator(group.id, coordinator.id);
      const delegate = await createUser({ name: "Déléguée Écluse" });
      await makeDelegate(org.id, delegate.id, "titular");
      return { slug: network.slug, orgSlug: org.slug, coordinator: await sessionCookieFor(coordinator.id), delegate: await sessionCookieFor(delegate.id) };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("the check fails on the errors the issue found, in the HTML as served (a script after </html> too)", async () => {
  const { page, context } = await newPage(browser, { url: "http://html.test" });
  await page.route("http://html.test/**", (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!DOCTYPE html><html lang="fr"><head><title>x</title></head><body><label>Type <select name="kind" required><option value="a">A</option></select></label><label>Rue <input name="street" autocomplete="street-address"></label></body></html><script>1</script>`,
    }),
  );
  await page.goto("http://html.test/form");
  // The check waits for the served body to be kept; closing the page first could lose it.
  const error = await checkHtmlOfPagesVisited().then(
    () => null,
    (e: Error) => e,
  );
  await context.close();
  expect(error).not.toBeNull();
  rmSync(/kept in (\S+):/.exec(error!.message)![1], { recursive: true, force: true });
  expect(error!.message).toContain("http://html.test/form (server, 001.html)");
  expect(error!.message).toMatch(/first “option” element in a “select” element with a “required” attribute/);
  expect(error!.message).toMatch(/Bad value “street-address” for attribute “autocomplete” on element “input”/);
  expect(error!.message).toMatch(/Stray start tag “script”/);
});

test("the forms with a required select or an address field are valid HTML, as served and as hydrated", async () => {
  const { slug, orgSlug } = app.data;
  // [who, page, required selects, address fields] on each page.
  const visits: [Cookie | undefined, string, number, number][] = [
    [app.data.delegate, `/${slug}/organisations/${orgSlug}/edit`, 1, 1],
    [app.data.delegate, "/account", 1, 0],
    [app.data.coordinator, `/${slug}/organisations/new`, 1, 1],
    [app.data.coordinator, `/${slug}/organisations/${orgSlug}/delegates`, 1, 0],
    [app.data.coordinator, `/${slug}/meetings/new`, 1, 1],
    [undefined, `/${slug}/charter/join`, 1, 1],
  ];
  for (const [cookie, url, selects, addresses] of visits) {
    const { page, context } = await newPage(browser, app, { cookie });
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    // The page holds what the check is about: a required select (its first option empty) and a
    // one-line address field.
    expect(await page.locator("select[required]").count(), url).toBeGreaterThanOrEqual(selects);
    for (const select of await page.locator("select[required]").all()) expect(await select.locator("option").first().getAttribute("value"), url).toBe("");
    expect(await page.locator('input[autocomplete="address-line1"]').count(), url).toBe(addresses);
    await checkA11y(page);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  }
  // Checked here rather than after the file, so that the failure names this test.
  await checkHtmlOfPagesVisited();
});

test("the error summary links to fields of a list (ids with [ ]) with a valid fragment that still reaches the field", async () => {
  const { page, context } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.delegate });
  await page.goto(`/${app.data.slug}/organisations/${app.data.orgSlug}/edit`);
  const row = page.getByRole("group", { name: "Nouvelle permanence 1" });
  await row.getByLabel("Jour", { exact: true }).selectOption({ label: "Mercredi" });
  await row.getByLabel("De", { exact: true }).fill("16:00");
  await row.getByLabel("À", { exact: true }).fill("14:00");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  const link = page.locator(".error-summary a", { hasText: "L'heure de fin doit venir après l'heure de début." });
  expect(await link.getAttribute("href")).toMatch(/^#[^[\]]+%5B\d+%5D\.closesAt$/);
  await link.click();
  const closesAt = await row.getByLabel("À", { exact: true }).getAttribute("id");
  await expect.poll(() => page.evaluate(() => document.querySelector(":target")?.id)).toBe(closesAt);
  await checkA11y(page);
  await context.close();
  await checkHtmlOfPagesVisited();
});
