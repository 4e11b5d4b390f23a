// Voting in a real browser, mostly with JavaScript off: a delegate casts its organisation's
// ballot and gets its tracker on a receipt sent with no-store; a proxy holder casts two ballots
// in one submission (each its own tracker), once with "same choice for all"; a second submission
// is refused in words; the paper desk enters one paper ballot and two matching totals, and two
// totals that disagree are discarded through a confirmation and entered again. axe-core checks
// the vote page, the receipt and the paper desk.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";

import { enterPaperTotals, openPoll, recordPaperVoter } from "#app/models/polls.server";
import { giveProxy } from "#app/models/proxies.server";
import { pollPath } from "#app/utils/paths";
import { assemblySetting, checkInAll, openResolution, readyElection } from "#tests/assembly-helpers";
import { createUser, makeCoordinator } from "#tests/factories";

import { type App, checkA11y, launchBrowser, newPage, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
type Member = { id: string; name: string; titular: Cookie };
type Data = {
  slug: string;
  assemblyId: string;
  election: string;
  resolution: string;
  disputed: string;
  coordinator: Cookie;
  teller: Cookie;
  members: Member[];
};
let app: App<Data>;
let browser: Browser;

const TRACKER = /^[A-Za-z0-9-]{6,}$/;

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const s = await assemblySetting({ members: 5 });
      const [a, b, c, d, e] = s.members;
      await checkInAll(s, [a.id, c.id, d.id]);
      await checkInAll(s, [e.id], "paper");
      // B is absent and gives its vote to A.
      await giveProxy(s.assembly.id, b.titularId, { giverOrganisationId: b.id, holderOrganisationId: a.id, channel: "online" });
      const election = await readyElection(s, [a.id, c.id, d.id], 2);
      await openPoll(election.id, s.coordinator.id);
      const resolution = await openResolution(s);
      const teller = await createUser({ name: "Tom Scrutateur" });
      await makeCoordinator(s.network.id, teller.id);
      // A third poll whose two paper totals disagree (E handed in its ballot).
      const disputed = await openResolution(s, "Budget de l'année");
      await recordPaperVoter(disputed.id, e.id);
      await enterPaperTotals(disputed.id, teller.id, { totals: { for: 1, against: 0, abstain: 0, blank: 0 }, ballots: 1 });
      await enterPaperTotals(disputed.id, (await createUser()).id, { totals: { for: 0, against: 1, abstain: 0, blank: 0 }, ballots: 1 });
      const members = [];
      for (const m of s.members) members.push({ id: m.id, name: m.name, titular: await sessionCookieFor(m.titularId) });
      return {
        slug: s.network.slug,
        assemblyId: s.assembly.id,
        election: election.id,
        resolution: resolution.id,
        disputed: disputed.id,
        coordinator: await sessionCookieFor(s.coordinator.id),
        teller: await sessionCookieFor(teller.id),
        members,
      };
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const votePath = (poll: string) => pollPath(app.data.slug, app.data.assemblyId, poll, "vote");
const paperPath = (poll: string) => pollPath(app.data.slug, app.data.assemblyId, poll, "paper");

test("a proxy holder casts its own ballot and the giver's in one submission, without JavaScript", async () => {
  const [a, b, c] = app.data.members;
  const { page } = await newPage(browser, app, { javaScriptEnabled: false, cookie: a.titular });
  await page.goto(votePath(app.data.election));
  expect(await page.getByText("0 organisations sur 5 ont voté.").count()).toBe(1);
  await checkA11y(page);
  await page
    .getByRole("group", { name: `Bulletin de ${a.name}` })
    .getByLabel(c.name, { exact: true })
    .check();
  // B's ballot: blank (nothing ticked).
  const answer = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Déposer les 2 bulletins" }).click();
  expect((await answer).headers()["cache-control"]).toBe("no-store");
  await page.getByRole("heading", { name: "Votre vote est enregistré" }).waitFor();
  expect(page.url()).toContain("/vote");
  const trackers = await page.locator("code.tracker").allTextContents();
  expect(trackers).toHaveLength(2);
  expect(new Set(trackers).size).toBe(2);
  for (const t of trackers) expect(t).toMatch(TRACKER);
  expect(await page.getByRole("button", { name: "Imprimer le reçu" }).count()).toBe(1);
  expect(await page.getByText(b.name, { exact: true }).count()).toBe(1);
  await checkA11y(page);

  await page.goto(votePath(app.data.election));
  expect(await page.getByText("2 organisations sur 5 ont voté.").count()).toBe(1);
  expect(await page.getByText(`${a.name} a voté.`).count()).toBe(1);
  expect(await page.getByText(`${b.name} a voté.`).count()).toBe(1);
  expect(await page.locator("code.tracker").count()).toBe(0);
});

test("a delegate votes in the election without JavaScript and sees its tracker", async () => {
  const [a, , c] = app.data.members;
  const { page } = await newPage(browser, app, { javaScriptEnabled: false, cookie: c.titular });
  await page.goto(votePath(app.data.election));
  expect(await page.getByText("Cochez au plus 2 organisations. Ne rien cocher, c'est voter blanc.").count()).toBe(1);
  await page.getByLabel(a.name, { exact: true }).check();
  await page.getByLabel(c.name, { exact: true }).check();
  await page.getByRole("button", { name: "Déposer le bulletin" }).click();
  await page.getByRole("heading", { name: "Votre vote est enregistré" }).waitFor();
  expect(await page.locator("code.tracker").textContent()).toMatch(TRACKER);
  expect(await page.getByText("Ce code n'est affiché qu'une fois. Il n'est pas envoyé par e-mail.").count()).toBe(1);
});

test("same choice for all: the first ballot's choice counts for both (JavaScript on)", async () => {
  const [a, b] = app.data.members;
  const { page } = await newPage(browser, app, { cookie: a.titular });
  await page.goto(votePath(app.data.resolution));
  await page
    .getByRole("group", { name: `Bulletin de ${a.name}` })
    .getByLabel("Pour")
    .check();
  // Without the box, the second ballot is missing its choice: refused in words.
  await page.getByRole("button", { name: "Déposer les 2 bulletins" }).click();
  expect(await page.getByRole("alert").textContent()).toContain("Ce bulletin n'est pas valable");
  await page
    .getByRole("group", { name: `Bulletin de ${a.name}` })
    .getByLabel("Pour")
    .check();
  await page.getByLabel("Même choix pour toutes les organisations").check();
  await page.getByRole("button", { name: "Déposer les 2 bulletins" }).click();
  await page.getByRole("heading", { name: "Votre vote est enregistré" }).waitFor();
  expect(await page.locator("code.tracker").count()).toBe(2);
  expect(await page.getByText(b.name, { exact: true }).count()).toBe(1);
});

test("a second submission for an organisation that has voted is refused in words", async () => {
  const d = app.data.members[3];
  const first = await newPage(browser, app, { javaScriptEnabled: false, cookie: d.titular });
  const second = await newPage(browser, app, { javaScriptEnabled: false, cookie: d.titular });
  await first.page.goto(votePath(app.data.resolution));
  await second.page.goto(votePath(app.data.resolution));
  await first.page.getByLabel("Contre").check();
  await first.page.getByRole("button", { name: "Déposer le bulletin" }).click();
  await first.page.getByRole("heading", { name: "Votre vote est enregistré" }).waitFor();
  await second.page.getByLabel("Pour").check();
  await second.page.getByRole("button", { name: "Déposer le bulletin" }).click();
  expect(await second.page.getByRole("alert").textContent()).toBe("Cette organisation a déjà voté dans ce scrutin.");
  expect(await second.page.locator("code.tracker").count()).toBe(0);
  expect(await second.page.getByText(`${d.name} a voté.`).count()).toBe(1);
});

test("what a reader who cannot vote is told", async () => {
  const e = app.data.members[4];
  const paper = await newPage(browser, app, { javaScriptEnabled: false, cookie: e.titular });
  await paper.page.goto(votePath(app.data.election));
  expect(await paper.page.getByText(`${e.name} vote sur papier : remettez votre bulletin aux scrutateurs.`).count()).toBe(1);
  const coordinator = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinator });
  await coordinator.page.goto(votePath(app.data.election));
  expect(await coordinator.page.getByText(/Vous ne votez pour aucune organisation/).count()).toBe(1);
  await checkA11y(coordinator.page);
});

test("paper desk: one paper ballot gets its stub's tracker; two tellers enter matching totals", async () => {
  const [a, , , , e] = app.data.members;
  const { page } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinator });
  await page.goto(paperPath(app.data.election));
  expect(await page.getByText(`${e.name} — n'a pas voté`).count()).toBe(1);
  await checkA11y(page);
  await page.getByRole("group", { name: "Choix du bulletin" }).getByLabel(a.name, { exact: true }).check();
  const answer = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: "Enregistrer le bulletin" }).click();
  expect((await answer).headers()["cache-control"]).toBe("no-store");
  await page.getByRole("heading", { name: "Bulletin enregistré" }).waitFor();
  expect(await page.locator("code.tracker").textContent()).toMatch(TRACKER);
  await checkA11y(page);
  await page.getByRole("link", { name: "Saisir un autre bulletin" }).click();
  expect(await page.getByText(`${e.name} — a voté`).count()).toBe(1);

  // The resolution: E hands in its ballot, the totals are entered by two people.
  await page.goto(paperPath(app.data.resolution));
  await page.getByRole("button", { name: "A remis son bulletin" }).click();
  expect(await page.getByText("Remise du bulletin enregistrée.").count()).toBe(1);
  const enter = async (p: typeof page) => {
    await p.getByLabel("Nombre de bulletins").fill("1");
    await p.getByLabel("Voix : Pour").fill("1");
    await p.getByRole("button", { name: "Enregistrer les totaux" }).click();
    await p.getByText("Totaux enregistrés.").waitFor();
  };
  await enter(page);
  expect(await page.getByText("Une saisie : une seconde personne doit saisir les totaux.").count()).toBe(1);
  // The same teller again: refused.
  await page.getByLabel("Nombre de bulletins").fill("1");
  await page.getByRole("button", { name: "Enregistrer les totaux" }).click();
  expect(await page.getByRole("alert").textContent()).toContain("Vous avez déjà saisi ces totaux");
  const teller = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.teller });
  await teller.page.goto(paperPath(app.data.resolution));
  await enter(teller.page);
  expect(await teller.page.getByText("Les deux saisies concordent.").count()).toBe(1);
  await checkA11y(teller.page);
});

test("paper totals that disagree: the coordinator restarts the count after a confirmation, without JavaScript; two new entries agree", async () => {
  const { page } = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.coordinator });
  const here = paperPath(app.data.disputed);
  await page.goto(here);
  expect(await page.getByText("Les deux saisies ne concordent pas", { exact: false }).count()).toBe(1);
  expect(await page.getByText("Recommencer le comptage efface les deux saisies", { exact: false }).count()).toBe(1);
  const go = async (role: "button" | "link", name: string) =>
    Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.getByRole(role, { name, exact: true }).click()]);
  // The first click only asks; going back changes nothing.
  await go("button", "Recommencer le comptage");
  expect(new URL(page.url()).search).toBe("?confirm=restart");
  await page.getByRole("heading", { name: "Effacer les deux saisies ?" }).waitFor();
  await checkA11y(page);
  await go("link", "Non, revenir");
  expect(await page.getByText("Les deux saisies ne concordent pas", { exact: false }).count()).toBe(1);
  await go("button", "Recommencer le comptage");
  await go("button", "Oui, effacer et recommencer le comptage");
  expect(await page.getByText("Les deux saisies ont été effacées : le comptage recommence.").count()).toBe(1);
  expect(await page.getByText("Aucune saisie des totaux.").count()).toBe(1);
  expect(await page.getByRole("button", { name: "Recommencer le comptage" }).count()).toBe(0);
  await checkA11y(page);
  const enter = async (p: typeof page) => {
    await p.goto(here);
    await p.getByLabel("Nombre de bulletins").fill("1");
    await p.getByLabel("Voix : Contre").fill("1");
    await p.getByRole("button", { name: "Enregistrer les totaux" }).click();
    await p.getByText("Totaux enregistrés.").waitFor();
  };
  await enter(page);
  const teller = await newPage(browser, app, { javaScriptEnabled: false, cookie: app.data.teller });
  await enter(teller.page);
  expect(await teller.page.getByText("Les deux saisies concordent.").count()).toBe(1);
});

test("the paper desk is the coordinators'", async () => {
  const a = app.data.members[0];
  const { page } = await newPage(browser, app, { javaScriptEnabled: false, cookie: a.titular });
  const response = await page.goto(paperPath(app.data.election));
  expect(response?.status()).toBe(403);
});
