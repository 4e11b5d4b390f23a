// The collaboration server (issue 13; record 014): Hocuspocus on the app's own port, at /collab,
// built from small extensions:
//  - authentication: the token a page issued (token.server.ts), then the access module asked
//    again (documents.server.ts); a reader's connection is read-only (Hocuspocus refuses its
//    updates and tells its provider they were not saved);
//  - durability: every update a writer sends is appended before it is applied and acknowledged;
//  - storage: the whole state and its text, compacted a few seconds after the last edit and at
//    least every 30 s; never an empty document over a stored one (persistence.server.ts).
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

import { type Extension, Hocuspocus } from "@hocuspocus/server";
import { WebSocketServer } from "ws";
import * as Y from "yjs";

import { collabRoleOf } from "./documents.server";
import { jsonOfDoc, setLiveServer, snapshotOf } from "./live.server";
import { appendUpdate, compactDocument, loadDocumentState } from "./persistence.server";
import { verifyCollabToken } from "./token.server";

export const COLLAB_PATH = "/collab";

type Context = { userId: string };

// y-protocols sync message types, as Hocuspocus's beforeSync hook reports them.
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

const authentication: Extension = {
  extensionName: "maillage-authentication",
  async onAuthenticate({ token, documentName, connectionConfig }) {
    const claims = verifyCollabToken(token);
    if (!claims || claims.documentName !== documentName) throw new Error("unauthorized");
    const role = await collabRoleOf(claims.userId, documentName);
    if (!role) throw new Error("forbidden");
    // The token may say "edit" while the rights are now "read" (or the reverse): now wins, read-only at most as the token says.
    connectionConfig.readOnly = role === "read" || claims.role === "read";
    return { userId: claims.userId } satisfies Context;
  },
};

const durability: Extension = {
  extensionName: "maillage-durability",
  async beforeSync({ connection, documentName, type, payload, context }) {
    if (connection.readOnly || (type !== SYNC_STEP_2 && type !== SYNC_UPDATE)) return;
    await appendUpdate(documentName, payload, context as Context);
  },
};

const storage: Extension = {
  extensionName: "maillage-storage",
  async onLoadDocument({ document, documentName }) {
    const state = await loadDocumentState(documentName);
    if (state) Y.applyUpdate(document, state);
    return document;
  },
  async onStoreDocument({ document, documentName }) {
    const json = jsonOfDoc(document);
    const stored = await compactDocument(documentName, document, snapshotOf(json), json);
    if (!stored) console.error(`collaboration: refused to store an empty ${documentName} over its stored text`);
  },
};

export function createCollabServer() {
  const hocuspocus = new Hocuspocus({
    name: "maillage",
    quiet: true,
    debounce: 3000,
    maxDebounce: 30_000,
    extensions: [authentication, durability, storage],
  });
  setLiveServer(hocuspocus);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  sockets.on("connection", (socket, request: IncomingMessage) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
    const client = hocuspocus.handleConnection(socket, new Request(`http://localhost${request.url ?? COLLAB_PATH}`, { headers }));
    socket.on("message", (data: Buffer) => client.handleMessage(new Uint8Array(data)));
    socket.on("close", (code, reason) => client.handleClose({ code, reason: reason.toString() } as never));
  });
  return {
    hocuspocus,
    /** For the HTTP server's `upgrade` event: /collab only, anything else is closed. */
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
      const path = (request.url ?? "").split("?")[0];
      if (path !== COLLAB_PATH) {
        socket.destroy();
        return;
      }
      sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit("connection", ws, request));
    },
    /** Stores what waits to be stored, then closes every connection. */
    async close() {
      hocuspocus.flushPendingStores();
      await Promise.all([...hocuspocus.documents.values()].map((d) => hocuspocus.unloadDocument(d)));
      hocuspocus.closeConnections();
      sockets.close();
      setLiveServer(null);
    },
  };
}
