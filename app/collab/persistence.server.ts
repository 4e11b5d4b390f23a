// Where a live document is kept (record 014). Two promises:
//  - no acknowledged edit is lost: each update a writer sends is appended to CollabUpdate
//    *before* the server applies it and tells the sender it is saved (Hocuspocus awaits the
//    beforeSync hook), so a server killed between two compactions loses nothing it acknowledged;
//  - a stored document is never replaced by an empty one: compaction refuses to write an empty
//    state over a non-empty one (a client that lost its copy, or a bug, cannot wipe the text).
// Compaction (debounced by Hocuspocus: a few seconds of quiet, at least every 30 s) writes the
// whole state and the text snapshot in one transaction, and deletes the appended updates the
// state now contains. Loading applies the state, then every update still appended.
import * as Y from "yjs";

import { prisma, transaction } from "#app/utils/db.server";

/** The stored state and the updates appended since, as one update; null for a document never stored. */
export async function loadDocumentState(documentName: string): Promise<Uint8Array | null> {
  const [stored, updates] = await Promise.all([
    prisma.collabDocument.findUnique({ where: { name: documentName }, select: { state: true } }),
    prisma.collabUpdate.findMany({ where: { documentName }, orderBy: { id: "asc" }, select: { update: true } }),
  ]);
  if (!stored && updates.length === 0) return null;
  const parts = [...(stored ? [new Uint8Array(stored.state)] : []), ...updates.map((u) => new Uint8Array(u.update))];
  return Y.mergeUpdates(parts);
}

/** Appends one update a writer sent, before it is applied and acknowledged. */
export async function appendUpdate(documentName: string, update: Uint8Array, clients: { userId: string }) {
  const clientIds = [...Y.parseUpdateMeta(update).from.keys()];
  await prisma.collabUpdate.create({ data: { documentName, update: bytes(update) } });
  // Which person each Yjs client id was, kept outside the document (record 014).
  if (clientIds.length) {
    await prisma.collabClient.createMany({
      data: clientIds.map((clientId) => ({ documentName, clientId: BigInt(clientId), userId: clients.userId })),
      skipDuplicates: true,
    });
  }
}

/** Prisma's Bytes want a Uint8Array over a plain ArrayBuffer. */
const bytes = (u: Uint8Array) => new Uint8Array(u);

const isEmpty = (doc: Y.Doc) => Y.encodeStateVector(doc).length <= 1;

/**
 * Writes the document's whole state and its text, and deletes the appended updates it contains.
 * Returns false (and writes nothing) when an empty document would replace a stored one.
 */
export async function compactDocument(documentName: string, doc: Y.Doc, snapshot: { text: string; html: string }, json: unknown): Promise<boolean> {
  const { text, html } = snapshot;
  const state = bytes(Y.encodeStateAsUpdate(doc));
  const held = Y.snapshot(doc);
  const appended = await prisma.collabUpdate.findMany({ where: { documentName }, orderBy: { id: "asc" }, select: { id: true, update: true } });
  // Only what the state holds goes: an update appended but not applied yet stays for the next time.
  const contained = appended.filter((u) => Y.snapshotContainsUpdate(held, new Uint8Array(u.update))).map((u) => u.id);
  return transaction(async (tx) => {
    if (isEmpty(doc)) {
      const stored = await tx.collabDocument.findUnique({ where: { name: documentName }, select: { state: true } });
      const storedDoc = new Y.Doc();
      if (stored) Y.applyUpdate(storedDoc, new Uint8Array(stored.state));
      if (stored && !isEmpty(storedDoc)) return false;
    }
    await tx.collabDocument.upsert({
      where: { name: documentName },
      create: { name: documentName, state, text, html, json: json as object },
      update: { state, text, html, json: json as object },
    });
    if (contained.length) await tx.collabUpdate.deleteMany({ where: { id: { in: contained } } });
    return true;
  });
}
