// The statutes settings and the comité page in a browser, JavaScript off (the forms are plain
// HTML forms): errors beside their fields with a summary, saving, recording a seat, installing
// the elected of a published election; axe on each state.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { closePoll, openPoll, publishPoll } from "#app/models/polls.server";
import { assemblySetting, checkInAll, readyElection, voteEach } from "#tests/assembly-helpers";

import { type App, checkA11y, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Data = { slug: string; coordinator: { name: string; value: string }; first: string; elected: string[] };
let app: App<Data>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const s = await assemblySetting({ members: 4 });
      const [a, b, c, d] = s.members;
      const poll = await readyElection(s, [b!.id, c!.id, d!.id], 2);
      await openPoll(poll.id, s.coordinator.id);
      await checkInAll(s, [a!.id, b!.id, c!.id]);
      await voteEach(poll.id, [a!.id, b!.id, c!.id], () => [b!.id, c!.id]);
      await closePoll(poll.id, s.coordinator.id);
      await publishPoll(poll.id, s.coordinator.id);
      return { slug: s.network.slug, coordinator: await sessionCookieFor(s.coordinator.id), first: a!.name, elected: [b!.name, c!.name] };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("a coordinator sets the statutes without JavaScript: a refused quorum is shown beside its field, then saved", async () => {
  const { page, context } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinator });
  await page.goto(`/${app.data.slug}/admin`);
  await page.getByRole("link", { name: "Statuts", exact: true }).first().click();
  await page.waitForURL(`${app.url}/${app.data.slug}/admin/statutes`);
  await checkA11y(page);
  const first = page.getByRole("group", { name: "Quorum en première convocation" });
  await first.getByLabel("Numérateur").fill("3");
  await first.getByLabel("Dénominateur").fill("2");
  await page.getByLabel("Nom du collège 1").fill("Associations");
  await page.getByLabel("Sièges minimum (collège 1)").fill("1");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await page.waitForLoadState();
  expect(await page.getByRole("alert").textContent()).toContain("Le quorum est une fraction");
  expect(await first.textContent()).toContain("Le quorum est une fraction");
  // What was typed stays.
  expect(await page.getByLabel("Nom du collège 1").inputValue()).toBe("Associations");
  await checkA11y(page);
  await first.getByLabel("Numérateur").fill("1");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Les statuts sont enregistrés.");
  expect(await page.getByLabel("Nom du collège 1").inputValue()).toBe("Associations");
  expect(await page.getByLabel("Nom du collège 2").inputValue()).toBe("");
  await context.close();
});

test("the comité page without JavaScript: a visitor reads it; the coordinator installs the elected and records a seat", async () => {
  const visitor = await newPage(browser, app, { javaScriptEnabled: false });
  await visitor.page.goto(`/${app.data.slug}/committee`);
  expect(await visitor.page.getByRole("heading", { level: 1 }).textContent()).toBe("Comité d'accompagnement");
  expect(
    await visitor.page
      .getByRole("button")
      .filter({ hasText: /Installer|Enregistrer/ })
      .count(),
  ).toBe(0);
  await checkA11y(visitor.page);
  await visitor.context.close();

  const { page, context } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinator });
  await page.goto(`/${app.data.slug}/committee`);
  await checkA11y(page);
  const install = page.getByRole("region", { name: "Installer les élus" });
  await install.getByLabel("Début du mandat").fill("2027-01-01");
  await install.getByLabel("Fin du mandat").fill("2026-01-01");
  await install.getByRole("button", { name: /Installer les élus de/ }).click();
  await page.waitForLoadState();
  expect(await install.getByRole("alert").textContent()).toContain("La fin du mandat doit suivre son début.");
  await checkA11y(page);
  await install.getByLabel("Fin du mandat").fill("2030-12-31");
  await install.getByRole("button", { name: /Installer les élus de/ }).click();
  await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Les élus sont installés au comité.");
  const table = page.getByRole("table");
  for (const name of app.data.elected) expect(await table.textContent()).toContain(name);
  expect(await page.getByRole("region", { name: "Installer les élus" }).count()).toBe(0);

  const record = page.getByRole("region", { name: "Enregistrer un siège" });
  await record.getByLabel("Organisation").selectOption({ label: app.data.first });
  await record.getByLabel("Début du mandat").fill("2027-01-01");
  await record.getByLabel("Fin du mandat").fill("2026-06-30");
  await record.getByRole("button", { name: "Enregistrer le siège" }).click();
  await page.waitForLoadState();
  expect(await record.getByRole("alert").textContent()).toContain("La fin du mandat doit suivre son début.");
  expect(await record.getByLabel("Fin du mandat").getAttribute("aria-invalid")).toBe("true");
  await checkA11y(page);
  await record.getByLabel("Fin du mandat").fill("");
  await record.getByRole("button", { name: "Enregistrer le siège" }).click();
  await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Le siège est enregistré.");
  expect(await page.getByRole("table").textContent()).toContain(app.data.first);
  await checkA11y(page);
  await context.close();
});
