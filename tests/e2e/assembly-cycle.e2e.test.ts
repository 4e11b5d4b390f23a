// The whole cycle of issue 12's "Done when", in a real browser, through the pages only: the
// coordinator convenes the assembly; delegates check in online and one gives its proxy; the
// coordinator prepares the comité election with its candidates, makes it ready and opens it; the
// proxy holder votes without JavaScript (two ballots), another delegate with JavaScript; the
// coordinator closes and publishes, installs the elected as the comité; the voter finds its
// tracker on the published ballot box (without JavaScript); the coordinator closes the assembly
// and starts its minutes, drafted from what happened. axe-core on the pages of the cycle.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { todayInBrussels } from "#app/utils/brussels-time";
import { assemblyPath } from "#app/utils/paths";
import { assemblySetting } from "#tests/assembly-helpers";

import { type App, checkA11y, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
type Data = { slug: string; assemblyId: string; coordinator: Cookie; members: { id: string; name: string; titular: Cookie }[] };
let app: App<Data>;
let browser: Browser;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const s = await assemblySetting({ members: 4, convene: false, statutes: { committeeSeats: 2 } });
      const members = [];
      for (const m of s.members) members.push({ id: m.id, name: m.name, titular: await sessionCookieFor(m.titularId) });
      return { slug: s.network.slug, assemblyId: s.assembly.id, coordinator: await sessionCookieFor(s.coordinator.id), members };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Submits a form of a page without JavaScript: the browser navigates to the answer. */
const click = async (page: Page, name: string) => {
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.getByRole("button", { name, exact: true }).click()]);
};

test("convene, check in, proxy, open the election, vote with and without JavaScript, close, publish, install, find the tracker", async () => {
  const [a, b, c] = app.data.members;
  const here = assemblyPath(app.data.slug, app.data.assemblyId);
  const coordinator = (await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinator })).page;

  // 1. The coordinator convenes.
  await coordinator.goto(here);
  await click(coordinator, "Convoquer l'assemblée");
  await coordinator.getByText("convoquée", { exact: false }).first().waitFor();

  // 2. A and C check themselves in online; B gives its proxy to A.
  const delegateA = (await newPage(browser, app, { javaScriptEnabled: false, cookie: a.titular })).page;
  await delegateA.goto(here);
  await click(delegateA, `Signaler ${a.name} présente en ligne`);
  const delegateC = (await newPage(browser, app, { javaScriptEnabled: true, cookie: c.titular })).page;
  await delegateC.goto(here);
  await delegateC.getByRole("button", { name: `Signaler ${c.name} présente en ligne` }).click();
  await delegateC.getByText(`${c.name}`, { exact: false }).first().waitFor();
  await delegateC.getByRole("button", { name: `Signaler ${c.name} présente en ligne` }).waitFor({ state: "detached" });
  const delegateB = (await newPage(browser, app, { javaScriptEnabled: false, cookie: b.titular })).page;
  await delegateB.goto(here);
  await delegateB.getByLabel("Organisation qui reçoit la procuration").selectOption({ label: a.name });
  await click(delegateB, "Donner procuration");
  await delegateB.goto(here);
  expect(await delegateB.getByRole("button", { name: "Révoquer la procuration" }).count()).toBe(1);

  // 3. The coordinator prepares the election, enters the candidates, makes it ready and opens it.
  await coordinator.goto(here);
  await coordinator.getByRole("link", { name: "Nouveau vote" }).click();
  await coordinator.waitForLoadState("load");
  await checkA11y(coordinator);
  await coordinator.getByLabel("Type de vote").selectOption("election");
  await coordinator.getByLabel("Ce qui est mis au vote").fill("Élection du comité d'accompagnement");
  await coordinator.getByLabel("Nombre de sièges à pourvoir").fill("2");
  await click(coordinator, "Préparer le vote");
  await coordinator.getByRole("heading", { name: "Élection du comité d'accompagnement" }).waitFor();
  for (const candidate of [a, c]) {
    await coordinator.getByLabel("Organisation", { exact: true }).selectOption({ label: candidate.name });
    await click(coordinator, "Enregistrer la candidature");
  }
  await checkA11y(coordinator);
  await click(coordinator, "Rendre prêt");
  expect(await coordinator.locator("code.fingerprint").textContent()).toMatch(/^[0-9a-f]{64}$/);
  await click(coordinator, "Ouvrir le vote");
  expect(await coordinator.getByText("0 organisations sur 4 ont voté").count()).toBe(1);
  const pollUrl = coordinator.url();

  // 4. A votes without JavaScript for itself and for B (two ballots); C votes with JavaScript.
  await delegateA.goto(pollUrl);
  await delegateA.getByRole("link", { name: "Voter" }).click();
  await delegateA.waitForLoadState("load");
  await delegateA
    .getByRole("group", { name: `Bulletin de ${a.name}` })
    .getByLabel(c.name, { exact: true })
    .check();
  await delegateA
    .getByRole("group", { name: `Bulletin de ${b.name}` })
    .getByLabel(a.name, { exact: true })
    .check();
  await click(delegateA, "Déposer les 2 bulletins");
  await delegateA.getByRole("heading", { name: "Votre vote est enregistré" }).waitFor();
  const trackers = await delegateA.locator("code.tracker").allTextContents();
  expect(trackers).toHaveLength(2);

  await delegateC.goto(pollUrl);
  await delegateC.getByRole("link", { name: "Voter" }).click();
  await delegateC
    .getByRole("group", { name: `Bulletin de ${c.name}` })
    .getByLabel(a.name, { exact: true })
    .check();
  await delegateC.getByRole("button", { name: "Déposer le bulletin" }).click();
  await delegateC.getByRole("heading", { name: "Votre vote est enregistré" }).waitFor();

  // 5. While open, only how many voted; then the coordinator closes and publishes.
  await coordinator.goto(pollUrl);
  expect(await coordinator.getByText("3 organisations sur 4 ont voté").count()).toBe(1);
  await click(coordinator, "Clore le vote");
  await click(coordinator, "Publier le résultat");
  const outcome = await coordinator.getByText("Élues :", { exact: false }).textContent();
  // A: 1 (C's ballot) + 1 (B's, cast by A); C: 1 (A's ballot). Both seats filled.
  expect(outcome).toContain(a.name);
  expect(outcome).toContain(c.name);

  // 6. The elected are installed as the comité.
  await coordinator.goto(`/${app.data.slug}/committee`);
  await coordinator.getByRole("region", { name: "Installer les élus" }).getByLabel("Début du mandat").fill(todayInBrussels(new Date()));
  await click(coordinator, "Installer les élus de « Élection du comité d'accompagnement »");
  await coordinator.getByText("Les élus sont installés au comité.").waitFor();
  const comite = await coordinator.locator("table").first().textContent();
  expect(comite).toContain(a.name);
  expect(comite).toContain(c.name);
  expect(comite).not.toContain(b.name);

  // 7. A finds B's ballot by its tracker on the published box, without JavaScript.
  await delegateA.goto(`${pollUrl}/box`);
  await checkA11y(delegateA);
  await delegateA.getByLabel("Votre code de vérification").fill(trackers[1].toLowerCase());
  await click(delegateA, "Chercher");
  expect(await delegateA.getByText(`Trouvé : votre bulletin ${trackers[1]} est compté`, { exact: false }).count()).toBe(1);

  // 8. The coordinator closes the assembly and starts its minutes: the draft already says who
  // attended, the proxy and who was elected, ready to complete and publish.
  await coordinator.goto(here);
  await click(coordinator, "Clôturer l'assemblée");
  await coordinator.getByText("L'assemblée est clôturée.").waitFor();
  await checkA11y(coordinator);
  await click(coordinator, "Rédiger le procès-verbal");
  await coordinator.getByText("Le brouillon du procès-verbal est prêt.", { exact: false }).waitFor();
  await checkA11y(coordinator);
  const draft = await coordinator.getByLabel("Compte rendu", { exact: false }).inputValue();
  expect(draft).toContain(`${b.name} a donné sa voix à ${a.name}`);
  expect(draft).toContain(a.name);
  const decisions = await coordinator.getByLabel("Décisions", { exact: false }).inputValue();
  expect(decisions).toContain("« Élection du comité d'accompagnement » : sont élues");
});
