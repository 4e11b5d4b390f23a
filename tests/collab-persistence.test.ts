// Where a live document is kept (app/collab/persistence.server.ts; record 014), on the real
// database: loading merges the stored state with the updates appended since; compaction folds in
// only the updates the state holds; an empty document never replaces a stored one.
import { expect, test } from "vitest";
import * as Y from "yjs";

import { appendUpdate, compactDocument, loadDocumentState } from "#app/collab/persistence.server";
import { prisma } from "#app/utils/db.server";
import { createUser } from "#tests/factories";

const textOf = (doc: Y.Doc) => doc.getText("t").toString();
function docWith(...parts: Uint8Array[]) {
  const doc = new Y.Doc();
  for (const p of parts) Y.applyUpdate(doc, p);
  return doc;
}
/** An edit of `doc` as the update it sends. */
function edit(doc: Y.Doc, words: string) {
  let update: Uint8Array | null = null;
  doc.once("update", (u: Uint8Array) => (update = u));
  doc.getText("t").insert(doc.getText("t").length, words);
  return update!;
}

test("loading gives the stored state and every update appended since; the person of each client id is kept beside", async () => {
  const name = `test:${Math.random()}`;
  const user = await createUser();
  expect(await loadDocumentState(name)).toBeNull();
  const writer = new Y.Doc();
  await appendUpdate(name, edit(writer, "Bonjour "), { userId: user.id });
  await compactDocument(name, writer, { text: "Bonjour", html: "<p>Bonjour</p>" }, null);
  await appendUpdate(name, edit(writer, "le réseau"), { userId: user.id });
  expect(textOf(docWith((await loadDocumentState(name))!))).toBe("Bonjour le réseau");
  const clients = await prisma.collabClient.findMany({ where: { documentName: name } });
  expect(clients.map((c) => [Number(c.clientId), c.userId])).toEqual([[writer.clientID, user.id]]);
});

test("compaction deletes the updates the state holds and keeps one it does not hold yet", async () => {
  const name = `test:${Math.random()}`;
  const user = await createUser();
  const server = new Y.Doc();
  const a = new Y.Doc();
  const first = edit(a, "un ");
  await appendUpdate(name, first, { userId: user.id });
  Y.applyUpdate(server, first);
  // Appended, not applied yet to the server's copy when the compaction runs.
  const late = edit(a, "deux");
  await appendUpdate(name, late, { userId: user.id });
  expect(await compactDocument(name, server, { text: "un", html: "" }, null)).toBe(true);
  const left = await prisma.collabUpdate.findMany({ where: { documentName: name } });
  expect(left.map((u) => Buffer.from(u.update).equals(Buffer.from(late)))).toEqual([true]);
  expect(textOf(docWith((await loadDocumentState(name))!))).toBe("un deux");
});

test("an empty document never replaces a stored one", async () => {
  const name = `test:${Math.random()}`;
  const writer = new Y.Doc();
  edit(writer, "Texte validé par le groupe");
  expect(await compactDocument(name, writer, { text: "Texte validé par le groupe", html: "" }, null)).toBe(true);
  const before = await prisma.collabDocument.findUniqueOrThrow({ where: { name } });
  expect(await compactDocument(name, new Y.Doc(), { text: "", html: "" }, null)).toBe(false);
  const after = await prisma.collabDocument.findUniqueOrThrow({ where: { name } });
  expect(Buffer.from(after.state).equals(Buffer.from(before.state))).toBe(true);
  expect(after.text).toBe("Texte validé par le groupe");
  expect(textOf(docWith((await loadDocumentState(name))!))).toBe("Texte validé par le groupe");
  // A new document may start empty.
  expect(await compactDocument(`test:${Math.random()}`, new Y.Doc(), { text: "", html: "" }, null)).toBe(true);
});
