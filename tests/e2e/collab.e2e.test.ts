// The collaboration server (issue 13; record 014), with real Hocuspocus providers in Node (over
// `ws`) against the built app on its own port: two writers converge; a reader's edits are refused
// and never reach anyone; a stranger and a forged token are refused; an edit the server
// acknowledged is still there after `kill -9` of the server, before any compaction could run.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { afterAll, beforeAll, expect, test } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";

import { recommendationDocument } from "#app/collab/documents.server";
import { issueCollabToken } from "#app/collab/token.server";
import { prisma } from "#app/utils/db.server";
import { addGroupMember, createGroup, createNetwork, createOrganisation, createUser, makeDelegate } from "#tests/factories";

import { type App, sessionCookieFor, startApp } from "./harness";

type Cookie = { name: string; value: string };
type Data = {
  name: string;
  tokenPath: string;
  cookies: { anna: Cookie; reader: Cookie; stranger: Cookie };
  tokens: { anna: string; bruno: string; reader: string; stranger: string; forged: string };
};
let app: App<Data>;
const providers: HocuspocusProvider[] = [];

beforeAll(async () => {
  app = await startApp({
    prepare: async () => {
      const network = await createNetwork();
      const group = await createGroup(network.id, { name: "Logement" });
      const [alpha, beta, outside] = [await createOrganisation(network.id), await createOrganisation(network.id), await createOrganisation(network.id)];
      const [anna, bruno, reader, stranger] = [await createUser(), await createUser(), await createUser(), await createUser()];
      await makeDelegate(alpha.id, anna.id);
      await makeDelegate(beta.id, bruno.id);
      await makeDelegate(outside.id, reader.id);
      await addGroupMember(group.id, alpha.id, [anna.id]);
      await addGroupMember(group.id, beta.id, [bruno.id]);
      const recommendation = await prisma.recommendation.create({ data: { networkId: network.id, groupId: group.id, title: "Logement d'urgence" } });
      const name = recommendationDocument(recommendation.id);
      const token = (userId: string, role: "edit" | "read" = "edit") => issueCollabToken({ userId, documentName: name, role }, 3600);
      const forged = token(anna.id).replace(/.$/, (c) => (c === "A" ? "B" : "A"));
      return {
        name,
        tokenPath: `/${network.slug}/recommendations/${recommendation.id}/collab-token`,
        cookies: { anna: await sessionCookieFor(anna.id), reader: await sessionCookieFor(reader.id), stranger: await sessionCookieFor(stranger.id) },
        tokens: { anna: token(anna.id), bruno: token(bruno.id), reader: token(reader.id), stranger: token(stranger.id), forged },
      };
    },
  });
});

afterAll(async () => {
  for (const p of providers) p.destroy();
  await app?.stop();
});

async function waitFor(check: () => boolean, what: string, ms = 10_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A provider for the document, and what became of its authentication. */
function connect(token: string) {
  const state = { failed: null as string | null, authenticated: false };
  const socket = new HocuspocusProviderWebsocket({ url: `${app.url.replace("http", "ws")}/collab`, WebSocketPolyfill: WebSocket, maxAttempts: 1 });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: app.data.name,
    token,
    onAuthenticated: () => (state.authenticated = true),
    onAuthenticationFailed: ({ reason }) => (state.failed = reason),
  });
  provider.attach();
  providers.push(provider);
  return { provider, state, doc: provider.document };
}

const fragment = (doc: Y.Doc) => doc.getXmlFragment("default");
const textOf = (doc: Y.Doc) => fragment(doc).toString();
function write(doc: Y.Doc, words: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(words)]);
  fragment(doc).push([paragraph]);
}

test("the page's token route gives a writer an edit token and a reader a read token, never cached; a stranger gets a 404", async () => {
  const tokenOf = async (cookie: Cookie) => {
    const response = await fetch(`${app.url}${app.data.tokenPath}`, { headers: { Cookie: `${cookie.name}=${cookie.value}` } });
    return {
      status: response.status,
      cache: response.headers.get("Cache-Control"),
      body: response.status === 200 ? ((await response.json()) as { token: string; role: string }) : null,
    };
  };
  const anna = await tokenOf(app.data.cookies.anna);
  expect(anna).toMatchObject({ status: 200, cache: "private, no-store", body: { role: "edit" } });
  expect((await tokenOf(app.data.cookies.reader)).body?.role).toBe("read");
  expect((await tokenOf(app.data.cookies.stranger)).status).toBe(404);
  const writer = connect(anna.body!.token);
  await waitFor(() => writer.provider.isSynced && writer.state.authenticated, "a connection with the route's token");
});

test("two writers converge, each seeing the other's words", async () => {
  const anna = connect(app.data.tokens.anna);
  const bruno = connect(app.data.tokens.bruno);
  await waitFor(() => anna.provider.isSynced && bruno.provider.isSynced, "both synced");
  write(anna.doc, "Ouvrir 40 places d'accueil.");
  await waitFor(() => textOf(bruno.doc).includes("40 places"), "Bruno sees Anna's words");
  write(bruno.doc, "Toute l'année, pas seulement l'hiver.");
  await waitFor(() => textOf(anna.doc).includes("Toute l'année"), "Anna sees Bruno's words");
  await waitFor(() => !anna.provider.hasUnsyncedChanges && !bruno.provider.hasUnsyncedChanges, "both saved");
  expect(textOf(anna.doc)).toBe(textOf(bruno.doc));
});

test("a reader follows the text, but its own edits are refused and reach nobody", async () => {
  const anna = connect(app.data.tokens.anna);
  const reader = connect(app.data.tokens.reader);
  await waitFor(() => anna.provider.isSynced && reader.provider.isSynced, "both synced");
  expect(textOf(reader.doc)).toContain("40 places");
  write(reader.doc, "Texte d'un lecteur.");
  // The server answers "not saved" to it…
  await waitFor(() => reader.provider.unsyncedChanges === 0 || reader.provider.hasUnsyncedChanges, "the reader's answer");
  write(anna.doc, "Avec un accompagnement social.");
  await waitFor(() => textOf(reader.doc).includes("accompagnement social"), "the reader sees Anna's new words");
  // …and a new writer's copy, loaded from the server, never holds it.
  const bruno = connect(app.data.tokens.bruno);
  await waitFor(() => bruno.provider.isSynced && textOf(bruno.doc).includes("accompagnement social"), "Bruno synced");
  expect(textOf(anna.doc)).not.toContain("Texte d'un lecteur");
  expect(textOf(bruno.doc)).not.toContain("Texte d'un lecteur");
});

test("a person outside the network's insiders, and a forged token, are refused", async () => {
  for (const token of [app.data.tokens.stranger, app.data.tokens.forged]) {
    const stranger = connect(token);
    await waitFor(() => stranger.state.failed !== null, "the refusal");
    expect(stranger.state.authenticated).toBe(false);
    expect(textOf(stranger.doc)).toBe("");
  }
});

test("an edit the server acknowledged is there after kill -9, before any compaction", async () => {
  const anna = connect(app.data.tokens.anna);
  await waitFor(() => anna.provider.isSynced, "synced");
  write(anna.doc, "Mot acquitté avant la panne.");
  await waitFor(() => !anna.provider.hasUnsyncedChanges, "the server's acknowledgement");
  // At once: the compaction waits for three seconds of quiet.
  for (const p of providers.splice(0)) p.destroy();
  await app.restart("SIGKILL");
  const bruno = connect(app.data.tokens.bruno);
  await waitFor(() => bruno.provider.isSynced, "synced after the restart");
  expect(textOf(bruno.doc)).toContain("Mot acquitté avant la panne.");
  expect(textOf(bruno.doc)).toContain("40 places");
});
