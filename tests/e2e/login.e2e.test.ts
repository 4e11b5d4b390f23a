import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { createUser, TEST_PASSWORD } from "#tests/factories";
import { createNetwork, makeCoordinator } from "#tests/factories";

import { type App, checkA11y, jsErrors, launchBrowser, newPage, startApp } from "./harness";

let app: App<{ email: string; slug: string }>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork();
      const user = await createUser({ name: "Claire Test" });
      await makeCoordinator(network.id, user.id);
      return { email: user.email, slug: network.slug };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

for (const javaScriptEnabled of [true, false]) {
  test(`sign in with the login page (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
    const { page, context } = await newPage(browser, app, { javaScriptEnabled });
    await page.goto("/login");
    await checkA11y(page);
    // A wrong password: the message, and the page stays accessible with its error summary.
    await page.getByLabel("Adresse e-mail").fill(app.data.email);
    await page.getByLabel("Mot de passe").fill("not the password");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect.poll(() => page.getByText("Adresse e-mail ou mot de passe incorrect.").count()).toBe(1);
    await checkA11y(page);
    await page.getByLabel("Mot de passe").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(`${app.url}/${app.data.slug}`);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Bienvenue, Claire Test.");
    await checkA11y(page);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });
}
