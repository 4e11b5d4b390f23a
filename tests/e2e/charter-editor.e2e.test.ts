// Writing the charter in a real browser: version 1 in the Tiptap editor with JavaScript on (and
// the keyboard only), version 2 in the plain textarea with JavaScript off, both published; a
// published version's edit page says it is frozen; a draft is deleted after confirmation.
// axe-core checks every page visited. Tests run in order: each builds on the previous.
import { readdirSync, readFileSync } from "node:fs";

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { createNetwork, createUser, makeCoordinator } from "#tests/factories";

import { type App, checkA11y, jsErrors, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
let app: App<{ slug: string; cookie: Cookie }>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork({ name: "Relais social de Testville" });
      const coordinator = await createUser({ name: "Coordinatrice" });
      await makeCoordinator(network.id, coordinator.id);
      return { slug: network.slug, cookie: await sessionCookieFor(coordinator.id) };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? document.activeElement?.id);
const toast = (page: Page) => page.getByRole("status").textContent();
/** A day 30 days from now, as <input type="date"> wants it. */
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

test("version 1 with JavaScript on: the Tiptap editor, used with the keyboard only, then published", async () => {
  const { page, context } = await newPage(browser, app, { cookie: app.data.cookie });
  await page.goto(`/${app.data.slug}/charter/versions/new`);
  // Once the scripts run, the textarea gives way to the editor, which posts HTML.
  await page.locator(".rich-text__area[contenteditable=true]").waitFor();
  expect(await page.getByRole("textbox", { name: "Texte de la charte" }).getAttribute("contenteditable")).toBe("true");
  expect(await page.locator("textarea[name=body]").count()).toBe(0);
  expect(await page.locator("input[type=hidden][name=bodyFormat]").getAttribute("value")).toBe("html");
  expect(await page.getByRole("toolbar", { name: "Mise en forme du texte" }).count()).toBe(1);
  await checkA11y(page);

  await page.getByLabel("Titre", { exact: true }).fill("Charte du Relais social");
  // Tab from the title reaches the toolbar (one tab stop), arrows move between its buttons.
  await page.keyboard.press("Tab");
  expect(await focused(page)).toContain("Gras");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  expect(await focused(page)).toContain("Titre");
  await page.keyboard.press("Enter"); // heading 2, and the focus goes to the text
  await page.keyboard.type("Nos principes");
  expect(await page.getByRole("button", { name: "Titre", exact: true }).getAttribute("aria-pressed")).toBe("true");
  await page.keyboard.press("Enter");
  expect(await page.getByRole("button", { name: "Titre", exact: true }).getAttribute("aria-pressed")).toBe("false");
  await page.keyboard.type("Le ");
  await page.keyboard.press("Control+b");
  await page.keyboard.type("respect");
  await page.keyboard.press("Control+b");
  await page.keyboard.type(" de la personne.");
  await page.keyboard.press("Enter");
  // Back to the toolbar (Shift+Tab), which remembers its last button, then two steps right.
  await page.keyboard.press("Shift+Tab");
  expect(await focused(page)).toContain("Titre");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  expect(await focused(page)).toContain("Liste à puces");
  await page.keyboard.press("Enter");
  await page.keyboard.type("accueillir");
  await page.keyboard.press("Enter");
  await page.keyboard.type("orienter");
  expect(await page.getByRole("button", { name: "Liste à puces" }).getAttribute("aria-pressed")).toBe("true");
  // Tab leaves the field, even inside a list (no keyboard trap, no nesting).
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("changeSummary");
  const posted = await page.locator("input[type=hidden][name=body]").getAttribute("value");
  expect(posted).toBe("<h2>Nos principes</h2><p>Le <strong>respect</strong> de la personne.</p><ul><li><p>accueillir</p></li><li><p>orienter</p></li></ul>");
  await page.getByLabel("Date d'entrée en vigueur").fill("2026-03-01");
  await page.getByRole("button", { name: "Créer le brouillon" }).click();

  await page.waitForURL(`${app.url}/${app.data.slug}/charter/versions/1/edit`);
  await expect.poll(() => toast(page)).toContain("Le brouillon de la version 1 est créé.");
  await page.locator(".rich-text__area h2").waitFor();
  expect(await page.locator(".rich-text__area").innerHTML()).toContain("<ul><li><p>accueillir</p></li><li><p>orienter</p></li></ul>");
  expect(await page.getByText("C'est la première version de la charte").count()).toBe(1);
  await checkA11y(page);

  // Checked in the browser first: an empty title stays on the page with its error.
  const title = page.getByLabel("Titre", { exact: true });
  await title.fill("");
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect.poll(() => page.locator(".field-error").first().textContent()).toContain("Ce champ est obligatoire.");
  expect(await title.getAttribute("aria-invalid")).toBe("true");
  await checkA11y(page);
  await title.fill("Charte du Relais social");
  await page.locator(".rich-text__area").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" et accompagner");
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect.poll(() => toast(page)).toContain("Le brouillon de la version 1 est enregistré.");
  await expect.poll(() => page.locator(".rich-text__area li").allTextContents()).toEqual(["accueillir", "orienter et accompagner"]);

  await page.getByRole("button", { name: "Publier la version 1" }).click();
  await page.waitForURL(`${app.url}/${app.data.slug}/charter`);
  await expect.poll(() => toast(page)).toContain("La version 1 de la charte est publiée. E-mails envoyés aux organisations membres : 0.");
  // The public page of the charter shows the published text.
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Charte du Relais social");
  expect(await page.locator(".charter-text h2").first().textContent()).toBe("Nos principes");
  expect(await page.locator(".charter-text strong").first().textContent()).toBe("respect");
  expect(await page.locator(".charter-text li").allTextContents()).toEqual(["accueillir", "orienter et accompagner"]);
  await checkA11y(page);
  expect(jsErrors(page)).toEqual([]);
  await context.close();
});

test("version 2 with JavaScript off: the plain textarea, errors beside the fields, published with a deadline", async () => {
  const { page, context } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.cookie });
  await page.goto(`/${app.data.slug}/charter/versions/new`);
  // Prefilled from version 1, in the plain format, with the hint that explains it.
  const body = page.getByRole("textbox", { name: "Texte de la charte" });
  expect(await body.inputValue()).toBe("## Nos principes\n\nLe respect de la personne.\n\n- accueillir\n- orienter et accompagner");
  expect(await page.getByText("laissez une ligne vide entre deux paragraphes").count()).toBe(1);
  expect(await page.getByLabel("Titre", { exact: true }).inputValue()).toBe("Charte du Relais social");
  await checkA11y(page);

  await body.fill(`${await body.inputValue()}\n- entourer\n\n## Envers les partenaires\n\nLe travail en réseau.`);
  await page.getByRole("button", { name: "Créer le brouillon" }).click();
  // The summary of changes is required from version 2 on: the server says so beside the field.
  await expect.poll(() => page.locator(".error-summary").count()).toBe(1);
  expect(await page.locator(".field-error").textContent()).toContain("Dites en quelques mots ce qui change");
  // What was typed is still there.
  expect(await body.inputValue()).toContain("## Envers les partenaires");
  await checkA11y(page);

  await page.getByLabel(/^Résumé des changements/).fill("Un principe envers les partenaires, un troisième engagement.");
  await page.getByRole("button", { name: "Créer le brouillon" }).click();
  await page.waitForURL(`${app.url}/${app.data.slug}/charter/versions/2/edit`);
  expect(await toast(page)).toContain("Le brouillon de la version 2 est créé.");
  expect(await body.inputValue()).toBe(
    "## Nos principes\n\nLe respect de la personne.\n\n- accueillir\n- orienter et accompagner\n- entourer\n\n## Envers les partenaires\n\nLe travail en réseau.",
  );
  expect(await page.getByText("Aucune organisation membre n'a de personne déléguée").count()).toBe(1);
  await checkA11y(page);

  // Publishing without a deadline: refused, the error beside the deadline field.
  await page.getByRole("button", { name: "Publier la version 2" }).click();
  await expect.poll(() => page.locator(".error-summary").count()).toBe(1);
  const deadline = page.getByLabel("Date limite d'adhésion");
  expect(await deadline.getAttribute("aria-invalid")).toBe("true");
  expect(await page.locator(".field-error").textContent()).toContain("Indiquez la date avant laquelle les membres doivent adhérer");
  await checkA11y(page);

  await deadline.fill(inAMonth());
  await page.getByRole("button", { name: "Publier la version 2" }).click();
  await page.waitForURL(`${app.url}/${app.data.slug}/charter`);
  expect(await toast(page)).toContain("La version 2 de la charte est publiée.");
  expect(await page.locator(".charter-text h2").allTextContents()).toEqual(["Nos principes", "Envers les partenaires"]);
  expect(await page.locator(".charter-text li").allTextContents()).toEqual(["accueillir", "orienter et accompagner", "entourer"]);
  await checkA11y(page);
  await context.close();
});

for (const javaScriptEnabled of [true, false]) {
  test(`a published version's edit page says it is frozen (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
    const { page, context } = await newPage(browser, app, { javaScriptEnabled, cookie: app.data.cookie });
    const response = await page.goto(`/${app.data.slug}/charter/versions/1/edit`);
    expect(response?.status()).toBe(400);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Cette version est publiée");
    expect(await page.getByRole("link", { name: "Rédiger une nouvelle version" }).getAttribute("href")).toBe(`/${app.data.slug}/charter/versions/new`);
    await checkA11y(page);
    if (javaScriptEnabled) expect(jsErrors(page)).toEqual([]);
    await context.close();
  });
}

test("a draft is deleted after confirmation (JavaScript off)", async () => {
  const { page, context } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.cookie });
  await page.goto(`/${app.data.slug}/charter/versions/new`);
  await page.getByLabel(/^Résumé des changements/).fill("Essai");
  await page.getByRole("button", { name: "Créer le brouillon" }).click();
  await page.waitForURL(`${app.url}/${app.data.slug}/charter/versions/3/edit`);
  await page.getByRole("link", { name: "Supprimer ce brouillon" }).click();
  await page.getByRole("heading", { name: "Supprimer le brouillon de la version 3 ?" }).waitFor();
  await checkA11y(page);
  await page.getByRole("button", { name: "Oui, supprimer le brouillon" }).click();
  await page.waitForURL(`${app.url}/${app.data.slug}/charter`);
  expect(await toast(page)).toContain("Le brouillon de la version 3 est supprimé.");
  const gone = await page.goto(`/${app.data.slug}/charter/versions/3/edit`);
  expect(gone?.status()).toBe(404);
  await context.close();
});

test("Tiptap is in the JavaScript of the editor pages only (charter versions, minutes)", () => {
  const server = readFileSync("build/index.js", "utf8");
  const manifestUrl = /\/build\/manifest-[A-Z0-9]+\.js/.exec(server)![0];
  const manifest = JSON.parse(
    readFileSync(`public${manifestUrl}`, "utf8")
      .replace(/^window\.__remixManifest=/, "")
      .replace(/;\s*$/, ""),
  ) as {
    entry: { module: string; imports?: string[] };
    routes: Record<string, { id: string; module: string; imports?: string[] }>;
  };
  const withEditor = new Set(
    readdirSync("public/build/_shared")
      .map((f) => `/build/_shared/${f}`)
      .filter((f) => f.endsWith(".js") && readFileSync(`public${f}`, "utf8").includes("ProseMirror")),
  );
  const loadsEditor = (files: string[]) => files.some((f) => withEditor.has(f) || readFileSync(`public${f}`, "utf8").includes("ProseMirror"));
  expect(withEditor.size).toBeGreaterThan(0);
  expect(loadsEditor([manifest.entry.module, ...(manifest.entry.imports ?? [])])).toBe(false);
  const routes = Object.values(manifest.routes)
    .filter((r) => loadsEditor([r.module, ...(r.imports ?? [])]))
    .map((r) => r.id)
    .sort();
  expect(routes).toEqual([
    "routes/$network+/charter+/versions.$number_.edit",
    "routes/$network+/charter+/versions.new",
    "routes/$network+/meetings+/$meeting_.minutes_.edit",
  ]);
});
