// What the attack on a running app found (issue #10), against the built server: forged
// cross-site posts, open redirects, URLs with NUL bytes, security headers, and pages rich in
// accents streamed without NUL bytes and without scripts after </html>.
import http from "node:http";
import type { AddressInfo } from "node:net";

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";
import { createUser, TEST_PASSWORD } from "#tests/factories";

import { seedDemoIfEmpty } from "../../prisma/seed/demo-seed.server";
import { type App, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Data = { coordinator: string; coordinatorName: string; anonymousPages: string[]; coordinatorPages: string[] };
let app: App<Data>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      await seedDemoIfEmpty();
      const coordinator = await prisma.user.findUniqueOrThrow({ where: { email: "coordination@demo.maillage.be" }, select: { id: true, name: true } });
      const cookie = await sessionCookieFor(coordinator.id);
      const network = await prisma.network.findFirstOrThrow({ select: { slug: true } });
      const orgs = await prisma.organisation.findMany({ select: { slug: true }, orderBy: { slug: "asc" } });
      const groups = await prisma.workingGroup.findMany({ select: { slug: true }, orderBy: { slug: "asc" } });
      const n = `/${network.slug}`;
      const common = [
        n,
        `${n}/organisations`,
        `${n}/charter`,
        `${n}/groups`,
        `${n}/calendar`,
        `${n}/minutes?q=logement`,
        ...orgs.map((o) => `${n}/organisations/${o.slug}`),
        ...groups.map((g) => `${n}/groups/${g.slug}`),
      ];
      return {
        coordinator: `${cookie.name}=${cookie.value}`,
        coordinatorName: coordinator.name,
        anonymousPages: common,
        coordinatorPages: [...common, "/account", `${n}/actions`, `${n}/admin/adhesions`, `${n}/admin/audit`, `${n}/admin/outbox`],
      };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test("pages rich in accents carry no NUL byte and nothing after </html>", async () => {
  const problems: string[] = [];
  const check = async (path: string, cookie?: string) => {
    const response = await fetch(`${app.url}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
    const bytes = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) problems.push(`${path}: ${response.status}`);
    const nul = bytes.indexOf(0);
    if (nul !== -1) problems.push(`${path}${cookie ? " (coordinator)" : ""}: NUL at byte ${nul}`);
    if (!bytes.toString("utf8").trimEnd().endsWith("</body></html>")) problems.push(`${path}: something after </html>`);
    if (bytes.toString("utf8").includes("\ufffd")) problems.push(`${path}: a broken character`);
  };
  for (const path of app.data.anonymousPages) await check(path);
  for (const path of app.data.coordinatorPages) await check(path, app.data.coordinator);
  expect(app.data.coordinatorPages.length).toBeGreaterThan(40);
  expect(problems).toEqual([]);
});

test("a post from another origin changes nothing: a 403 with a message, also through the data routes", async () => {
  const attempts: { path: string; headers: Record<string, string> }[] = [
    { path: "/account?_data=routes%2Faccount", headers: { Origin: "http://evil.example" } },
    { path: "/account.data", headers: { Origin: "http://evil.example" } },
    { path: "/account", headers: { Origin: "null" } },
    { path: "/account", headers: { Origin: app.url.replace(/:\d+$/, ":1") } },
    { path: "/account", headers: { "Sec-Fetch-Site": "cross-site" } },
    { path: "/account", headers: { "Sec-Fetch-Site": "same-site", Origin: app.url } },
  ];
  for (const attempt of attempts) {
    const response = await fetch(`${app.url}${attempt.path}`, {
      method: "POST",
      headers: { Cookie: app.data.coordinator, "Content-Type": "application/x-www-form-urlencoded", ...attempt.headers },
      body: new URLSearchParams({ intent: "profile", name: "Pirate", locale: "fr" }),
      redirect: "manual",
    });
    expect([attempt, response.status]).toEqual([attempt, 403]);
    expect(await response.text()).toContain("depuis un autre site");
  }
  const account = await (await fetch(`${app.url}/account`, { headers: { Cookie: app.data.coordinator } })).text();
  expect(account).not.toContain("Pirate");
  expect(account).toContain(app.data.coordinatorName);
});

test("in Chromium, a form on another port of the same host cannot change the profile", async () => {
  const evil = http.createServer((_req, res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(
      `<!DOCTYPE html><html lang="en"><title>x</title><form method="post" action="${app.url}/account?_data=routes%2Faccount">` +
        `<input name="intent" value="profile"><input name="name" value="Pirate"><input name="locale" value="fr"></form>` +
        `<script>document.forms[0].submit()</script></html>`,
    );
  });
  await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
  try {
    const [name, value] = app.data.coordinator.split("=");
    const { page, context } = await newPage(browser, app, { cookie: { name, value } });
    const answered = page.waitForResponse((r) => r.url().startsWith(`${app.url}/account`) && r.request().method() === "POST");
    await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    expect((await answered).status()).toBe(403);
    await page.goto("/account");
    await expect.poll(() => page.getByText("Pirate").count()).toBe(0);
    await context.close();
  } finally {
    evil.close();
  }
});

test("no redirect leaves the site: tabs, line breaks, backslashes and other origins go home", async () => {
  const tricks = [
    "/\t/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\r\n/evil.example",
    "/\u2028/evil.example",
    "/\u0000/x",
    "https://evil.example",
    "/ /evil.example",
  ];
  for (const trick of tricks) {
    const signedIn = await fetch(`${app.url}/login?${new URLSearchParams({ redirectTo: trick })}`, {
      headers: { Cookie: app.data.coordinator },
      redirect: "manual",
    });
    if (trick.includes("\u0000")) {
      expect(signedIn.status).toBe(400); // a NUL in the query never reaches the app
    } else {
      expect([trick, signedIn.status, signedIn.headers.get("Location")]).toEqual([trick, 302, "/"]);
    }
    const language = await fetch(`${app.url}/language`, {
      method: "POST",
      headers: { Cookie: app.data.coordinator, "Content-Type": "application/x-www-form-urlencoded", Origin: app.url },
      body: new URLSearchParams({ locale: "fr", redirectTo: trick }),
      redirect: "manual",
    });
    if (trick.includes("\u0000")) expect(language.status).toBe(400);
    else expect([trick, language.status, language.headers.get("Location")]).toEqual([trick, 302, "/"]);
  }
  // A path of the site is kept, with its query.
  const kept = await fetch(`${app.url}/login?${new URLSearchParams({ redirectTo: "/relais-social-demo/minutes?q=sant%C3%A9" })}`, {
    headers: { Cookie: app.data.coordinator },
    redirect: "manual",
  });
  expect(kept.headers.get("Location")).toBe("/relais-social-demo/minutes?q=sant%C3%A9");
});

test("a NUL byte or broken encoding in an address is a 400 page, not a 500", async () => {
  for (const path of [
    "/relais-social-demo/organisations?q=%00",
    "/relais-social-demo/minutes?q=a%00b",
    "/%00",
    "/relais-social-demo/organisations/%00",
    "/relais-social-demo/%E0%A4%A",
    "/ical/%00.ics",
  ]) {
    const response = await fetch(`${app.url}${path}`, { headers: { Cookie: app.data.coordinator } });
    expect([path, response.status]).toEqual([path, 400]);
    expect(await response.text()).toContain("Requête refusée");
  }
});

test("every page carries a Content-Security-Policy whose nonce is on each of its scripts, and the page runs under it", async () => {
  const response = await fetch(`${app.url}/relais-social-demo/organisations`);
  const csp = response.headers.get("Content-Security-Policy") ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers.get("Permissions-Policy")).toContain("camera=()");
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(2);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  // A second answer has another nonce.
  const again = (await fetch(`${app.url}/relais-social-demo/organisations`)).headers.get("Content-Security-Policy");
  expect(again).not.toBe(csp);
  // In Chromium the page hydrates under the policy (a violation is a console error) and a
  // client-side navigation works.
  const { page, context } = await newPage(browser, app);
  const violations: string[] = [];
  page.on("console", (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
  await page.goto("/relais-social-demo/organisations");
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
  await page.getByRole("link", { name: "Maillage" }).first().click();
  await page.waitForURL(`${app.url}/relais-social-demo`);
  expect(violations).toEqual([]);
  await context.close();
});

test("in production behind https: HSTS, and the session cookie is Secure", async () => {
  const secure = await startApp({
    env: { APP_URL: "https://maillage.example", COOKIE_SECURE: "" },
    prepare: async () => ({ email: (await createUser()).email }),
  });
  try {
    const response = await fetch(`${secure.url}/login`);
    expect(response.headers.get("Strict-Transport-Security")).toMatch(/max-age=\d{7,}/);
    const login = await fetch(`${secure.url}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://maillage.example" },
      body: new URLSearchParams({ email: secure.data.email, password: TEST_PASSWORD }),
      redirect: "manual",
    });
    expect(login.status).toBe(302);
    const session = login.headers.getSetCookie().find((c) => c.startsWith("__maillage="));
    expect(session).toMatch(/;\s*Secure/i);
  } finally {
    await secure.stop();
  }
  // Over plain http (the other app), no HSTS.
  expect((await fetch(`${app.url}/login`)).headers.get("Strict-Transport-Security")).toBeNull();
});
