// The demo's assemblies in a real browser, JavaScript off. The coming assembly's room screen (one
// of its polls opened): a bare page (no site header, navigation or footer; one <main>, a lang, a
// title) with its meta refresh, the quorum's figures large enough to fit 1280×720 without
// scrolling, axe-clean; after a delegate checks its organisation in through the assembly page,
// the screen shows the new count on reload. Last year's published ballot box: axe-clean, and its
// tracker search (a GET form) finds a tracker read off the box and says plainly when one is not there.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { presenceFacts } from "#app/models/assemblies.server";
import { openPoll } from "#app/models/polls.server";
import { prisma } from "#app/utils/db.server";
import { assemblyPath, pollPath } from "#app/utils/paths";

import { seedDemoIfEmpty } from "../../prisma/seed/demo-seed.server";
import { type App, checkA11y, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
type Data = {
  slug: string;
  coming: { id: string; title: string; rollSize: number; presentOrRepresented: number; present: number; entitled: number };
  past: { id: string; pollId: string };
  coordinator: Cookie;
  delegate: { cookie: Cookie; organisation: string };
};
let app: App<Data>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      await seedDemoIfEmpty();
      const network = await prisma.network.findUniqueOrThrow({ where: { slug: "relais-social-demo" }, select: { id: true, slug: true } });
      const coordinator = await prisma.user.findUniqueOrThrow({ where: { email: "coordination@demo.maillage.be" }, select: { id: true } });
      const [past, coming] = await prisma.assembly.findMany({
        where: { networkId: network.id },
        orderBy: { startsAt: "asc" },
        select: { id: true, title: true, polls: { select: { id: true, status: true }, orderBy: { createdAt: "asc" } } },
      });
      // The usual content of the screen during an assembly: the quorum and one open poll.
      const poll = coming.polls.find((p) => p.status === "ready")!;
      await openPoll(poll.id, coordinator.id);
      // A delegate of an organisation of the roll that neither gives nor holds a proxy: its check-in adds exactly one.
      const proxies = await prisma.proxy.findMany({
        where: { assemblyId: coming.id, revokedAt: null },
        select: { giverOrganisationId: true, holderOrganisationId: true },
      });
      const involved = new Set(proxies.flatMap((p) => [p.giverOrganisationId, p.holderOrganisationId]));
      const roll = await prisma.rollEntry.findMany({ where: { assemblyId: coming.id }, select: { organisationId: true }, orderBy: { organisationId: "asc" } });
      const attending = new Set(
        (await prisma.assemblyAttendance.findMany({ where: { assemblyId: coming.id, status: "present" }, select: { organisationId: true } })).map(
          (a) => a.organisationId,
        ),
      );
      const titular = await prisma.delegate.findFirstOrThrow({
        where: {
          role: "titular",
          organisationId: { in: roll.map((r) => r.organisationId).filter((id) => !involved.has(id) && !attending.has(id)) },
        },
        select: { userId: true, organisation: { select: { name: true } } },
        orderBy: { organisationId: "asc" },
      });
      const { quorum } = await presenceFacts(coming.id);
      return {
        slug: network.slug,
        coming: {
          id: coming.id,
          title: coming.title,
          rollSize: quorum.rollSize,
          presentOrRepresented: quorum.presentOrRepresented,
          present: quorum.present,
          entitled: await prisma.entitlement.count({ where: { pollId: poll.id } }),
        },
        past: { id: past.id, pollId: past.polls[0].id },
        coordinator: await sessionCookieFor(coordinator.id),
        delegate: { cookie: await sessionCookieFor(titular.userId), organisation: titular.organisation.name },
      };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The figure under a label of the screen's list of figures. */
const figure = (page: Page, label: string) => page.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd");

/** Submits a form (or follows a link) without JavaScript: the browser navigates to the answer. */
const click = async (page: Page, name: string, role: "button" | "link" = "button") => {
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.getByRole(role, { name, exact: true }).click()]);
};

test("the room screen: bare, refreshed by a meta refresh, large figures that fit 1280×720, the new count after a check-in", async () => {
  const { coming } = app.data;
  const screenPath = `${assemblyPath(app.data.slug, coming.id)}/screen`;
  const { page } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinator });
  await page.setViewportSize({ width: 1280, height: 720 });
  const response = await page.goto(screenPath);
  expect(response?.status()).toBe(200);

  expect(await page.locator('meta[http-equiv="refresh"]').getAttribute("content")).toBe("5");
  expect(await page.locator("html").getAttribute("lang")).toBe("fr");
  expect(await page.title()).toContain(`Écran de salle : ${coming.title}`);
  // Bare: no site header, no navigation of the site or the network, no footer; the content in one <main>.
  expect(await page.locator("header, nav, footer, .network-bar").count()).toBe(0);
  expect(await page.locator("main#main").count()).toBe(1);
  expect(await page.locator('a.skip-link[href="#main"]').count()).toBe(1);

  expect(await page.getByRole("heading", { level: 1, name: coming.title }).count()).toBe(1);
  expect(await figure(page, "Présentes ou représentées").textContent()).toBe(`${coming.presentOrRepresented} / ${coming.rollSize}`);
  expect(await figure(page, "Présentes").textContent()).toBe(String(coming.present));
  expect(await page.getByText(`${0} organisations sur ${coming.entitled} ont voté`).count()).toBe(1);

  // Large type: the main figure and "n of N" are taller than a tenth of the screen, and nothing scrolls.
  const main = (await page.locator("main").boundingBox())!;
  expect(main.height).toBeLessThanOrEqual(720);
  expect(main.width).toBeLessThanOrEqual(1280);
  const refresh = (await page.getByText("Cette page se met à jour toute seule toutes les 5 secondes.").boundingBox())!;
  expect(refresh.y + refresh.height).toBeLessThanOrEqual(720);
  expect((await figure(page, "Présentes ou représentées").boundingBox())!.height).toBeGreaterThan(72);
  expect((await page.locator(".room-screen__number").first().boundingBox())!.height).toBeGreaterThan(72);
  // axe's meta-refresh rule fails any timed refresh: the projector's page refreshes by design
  // (decision 013), and the reader who does not want that stops it (WCAG 2.2.1, "turn off"): the
  // page without the refresh must then pass axe with no exception.
  await checkA11y(page, { allow: ["meta-refresh"] });
  await click(page, "Arrêter la mise à jour automatique", "link");
  expect(new URL(page.url()).search).toBe("?refresh=off");
  expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
  expect(await page.getByText("La mise à jour automatique est arrêtée.").count()).toBe(1);
  expect(await page.locator("header, nav, footer, .network-bar").count()).toBe(0);
  await checkA11y(page);
  await click(page, "Reprendre la mise à jour automatique", "link");
  expect(new URL(page.url()).search).toBe("");
  expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(1);

  // A delegate checks its organisation in through the assembly page, without JavaScript.
  const delegate = (await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.delegate.cookie })).page;
  await delegate.goto(assemblyPath(app.data.slug, coming.id));
  await click(delegate, `Signaler ${app.data.delegate.organisation} présente en ligne`);
  await delegate.goto(assemblyPath(app.data.slug, coming.id));
  expect(await delegate.getByRole("button", { name: `Signaler ${app.data.delegate.organisation} présente en ligne` }).count()).toBe(0);

  await page.reload();
  expect(await figure(page, "Présentes ou représentées").textContent()).toBe(`${coming.presentOrRepresented + 1} / ${coming.rollSize}`);
  expect(await figure(page, "Présentes").textContent()).toBe(String(coming.present + 1));
});

test("last year's published ballot box: axe-clean; the tracker search without JavaScript finds a tracker of the box, and says when one is not there", async () => {
  const { page } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinator });
  const boxPath = pollPath(app.data.slug, app.data.past.id, app.data.past.pollId, "box");
  expect((await page.goto(boxPath))?.status()).toBe(200);
  await checkA11y(page);

  const box = page.getByRole("table", { name: "Chaque bulletin : son code de vérification et ses choix, par ordre de code" });
  const trackers = (await box.locator("code").allTextContents()).map((t) => t.trim());
  expect(trackers.length).toBeGreaterThan(10);
  const tracker = trackers[Math.floor(trackers.length / 2)];

  // Typed as a voter might: lower case, without the dashes.
  await page.getByLabel("Votre code de vérification").fill(tracker.replace(/-/g, "").toLowerCase());
  await click(page, "Chercher");
  expect(new URL(page.url()).pathname).toBe(boxPath);
  expect(await page.getByRole("status").textContent()).toMatch(new RegExp(`^Trouvé : votre bulletin ${tracker} est compté, avec ces choix : .+\\.$`));
  await checkA11y(page);

  // A well-formed tracker that no ballot carries.
  const absent = ["ZZZZ-ZZZZ-ZZZZ", "YYYY-YYYY-YYYY", "XXXX-XXXX-XXXX"].find((t) => !trackers.includes(t))!;
  await page.getByLabel("Votre code de vérification").fill(absent);
  await click(page, "Chercher");
  expect(await page.getByRole("status").textContent()).toBe(
    `Introuvable : aucun bulletin ne porte le code ${absent}. Vérifiez le code ; s'il est exact, signalez-le à la coordination.`,
  );
  await checkA11y(page);
});
