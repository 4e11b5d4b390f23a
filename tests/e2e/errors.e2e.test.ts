// Refusals reach the reader as the specific sentence the server threw, in the reader's language,
// through the one GeneralErrorBoundary, on the built server (server.ts wraps the build with
// withDomainErrors): without JavaScript (a plain form post, the page rendered on the server) and
// with it (a client-side navigation, where Remix fetches the loader's data). A DomainError that a
// model throws and no route catches is its 4xx, never a 500.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { dictionaries } from "#app/locales/index";
import { addGroupMember, createGroup, createMeeting, createNetwork, createOrganisation, createUser, makeCoordinator, makeDelegate } from "#tests/factories";

import { type App, checkA11y, jsErrors, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
let app: App<{ slug: string; bare: string; meetingId: string; claire: Cookie; joost: Cookie }>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork({ name: "Coordination sociale de Testville" });
      // A second network, without a charter: its signing page is a 404 with its own sentence.
      const bare = await createNetwork({ name: "Réseau sans charte" });
      const group = await createGroup(network.id, { name: "Logement" });
      const alpha = await createOrganisation(network.id, { name: "Maison Alpha" });
      const nadia = await createUser({ name: "Nadia Notes" });
      await makeDelegate(alpha.id, nadia.id);
      await addGroupMember(group.id, alpha.id, [nadia.id]);
      // Coordinators read the group's minutes but are no delegate of a member organisation:
      // volunteering as note-taker is refused with "minutes.error.notParticipant".
      const claire = await createUser({ name: "Claire Coordination", locale: "fr" });
      const joost = await createUser({ name: "Joost Coördinatie", locale: "nl" });
      await makeCoordinator(network.id, claire.id);
      await makeCoordinator(network.id, joost.id);
      // Claire signs for an organisation of that network (titular delegate): the page is hers, but there is nothing to sign.
      await makeDelegate((await createOrganisation(bare.id, { name: "Asbl Sans Charte" })).id, claire.id);
      const meeting = await createMeeting(group.id, { title: "Réunion de novembre", startsAt: new Date(Date.now() - 86_400_000) });
      return { slug: network.slug, bare: bare.slug, meetingId: meeting.id, claire: await sessionCookieFor(claire.id), joost: await sessionCookieFor(joost.id) };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const sentence = (locale: "fr" | "nl" | "en", key: string) => (dictionaries[locale] as Record<string, string>)[key];
const header = (c: Cookie) => `${c.name}=${c.value}`;

/** A form posted as a browser without JavaScript posts it: the answer is the server-rendered page. */
async function post(path: string, cookie: Cookie, form: Record<string, string>) {
  const res = await fetch(`${app.url}${path}`, { method: "POST", redirect: "manual", headers: { Cookie: header(cookie) }, body: new URLSearchParams(form) });
  return { status: res.status, html: await res.text() };
}

test("a refusal with its own key answers 403 and the page says that sentence, in the reader's language (no JavaScript)", async () => {
  const minutes = `/${app.data.slug}/meetings/${app.data.meetingId}/minutes`;
  const fr = await post(minutes, app.data.claire, { intent: "volunteer" });
  expect(fr.status).toBe(403);
  expect(sentence("fr", "minutes.error.notParticipant")).toBeTruthy();
  expect(fr.html).toContain(escapeHtml(sentence("fr", "minutes.error.notParticipant")));
  expect(fr.html).not.toContain(escapeHtml(sentence("fr", "error.forbidden")));

  const nl = await post(minutes, app.data.joost, { intent: "volunteer" });
  expect(nl.status).toBe(403);
  expect(nl.html).toContain(escapeHtml(sentence("nl", "minutes.error.notParticipant")));
  expect(nl.html).not.toContain(escapeHtml(sentence("fr", "minutes.error.notParticipant")));
});

test("a DomainError a model throws and no route catches is its 404, in a loader and in an action, never a 500", async () => {
  // requireMeeting throws notFound() (a DomainError); server.ts answers it through withDomainErrors.
  const missing = `/${app.data.slug}/meetings/no-such-meeting/minutes`;
  const page = await fetch(`${app.url}${missing}`, { headers: { Cookie: header(app.data.claire) } });
  expect(page.status).toBe(404);
  expect(await page.text()).toContain(escapeHtml(sentence("fr", "error.notFound")));
  const action = await post(missing, app.data.claire, { intent: "volunteer" });
  expect(action.status).toBe(404);
  expect(action.html).toContain(escapeHtml(sentence("fr", "error.notFound")));
  expect(app.logs()).not.toMatch(/DomainError/);
});

test("with JavaScript, a client-side navigation to a refused page shows the specific sentence too", async () => {
  const { page, context } = await newPage(browser, app, { cookie: app.data.claire });
  const errors = jsErrors(page);
  await page.goto(`${app.url}/${app.data.bare}`);
  // Hydrated first: on a loaded machine the router may not exist yet when "load" fires.
  await page.waitForFunction(() => !!(window as unknown as { __remixRouter?: unknown }).__remixRouter);
  // A client-side navigation: Remix fetches the loader's data (?_data), no document request.
  const documents: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "document") documents.push(r.url());
  });
  await page.evaluate(
    (to) => (window as unknown as { __remixRouter: { navigate(to: string): Promise<void> } }).__remixRouter.navigate(to),
    `/${app.data.bare}/charter/sign`,
  );
  await page.getByText(sentence("fr", "charter.error.noCharter")).waitFor();
  expect(documents).toEqual([]);
  expect(await page.locator("main p.muted").textContent()).toBe("404");
  await checkA11y(page);
  expect(errors).toEqual([]);
  await context.close();
});

function escapeHtml(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}
