import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { checkA11y, launchBrowser } from "./harness";

// The accessibility check must be able to fail: a page with an unlabelled field and poor contrast.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("checkA11y reports violations (JavaScript on and off)", async () => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    Object.assign(page, { jsEnabled: javaScriptEnabled });
    await page.route("http://a11y.test/", (r) =>
      r.fulfill({
        contentType: "text/html",
        body: `<!doctype html><html lang="fr"><title>x</title><main><input type="text"><p style="color:#ccc;background:#fff">faible</p></main></html>`,
      }),
    );
    await page.goto("http://a11y.test/");
    await expect(checkA11y(page)).rejects.toThrow(/label/);
    await context.close();
  }
});
