// The live documents as the rest of the app uses them (record 014): their stored snapshots, the
// seeding of a new document's first text, and edits made by the server itself (restoring a named
// version). An edit by the server goes through the running collaboration server when there is
// one in this process (Hocuspocus's direct connection: every open editor receives it at once), and
// is appended to the stored updates before it returns, so it is kept even if the server dies
// before its next compaction. With no collaboration server (scripts, unit tests), the edit is
// applied to the stored state and appended the same way.
import type { Hocuspocus } from "@hocuspocus/server";
import { getSchema } from "@tiptap/core";
import { Node as PmNode, type Schema } from "@tiptap/pm/model";
import { prosemirrorJSONToYDoc, updateYFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";

import { prisma } from "#app/utils/db.server";
import { escapeHtml } from "#app/utils/email.server";
import { sanitizeRichText } from "#app/utils/rich-text.server";

import { appendUpdate, loadDocumentState } from "./persistence.server";
import { COLLAB_EXTENSIONS, COLLAB_FIELD, type DocJson } from "./schema";

let schema: Schema | null = null;
export const collabSchema = () => (schema ??= getSchema(COLLAB_EXTENSIONS));

let live: Hocuspocus | null = null;
/** Called by createCollabServer: server edits then reach the open editors. */
export function setLiveServer(hocuspocus: Hocuspocus | null) {
  live = hocuspocus;
}

/** The text of a document as the read pages need it: plain text (search, diff) and sanitized HTML. */
export function snapshotOf(json: DocJson): { text: string; html: string } {
  return { text: textOf(json).trim(), html: sanitizeRichText(htmlOf(json)) };
}

export function textOf(node: DocJson): string {
  if (node.text) return node.text;
  if (node.type === "hardBreak") return "\n";
  const inner = (node.content ?? []).map(textOf).join("");
  return node.type === "paragraph" || node.type === "heading" ? `${inner}\n` : inner;
}

const BLOCKS: Record<string, (n: DocJson) => string> = {
  doc: () => "",
  paragraph: () => "p",
  heading: (n) => (n.attrs?.level === 3 ? "h3" : "h2"),
  bulletList: () => "ul",
  orderedList: () => "ol",
  listItem: () => "li",
  blockquote: () => "blockquote",
};
const MARKS: Record<string, string> = { bold: "strong", italic: "em", strike: "s", underline: "u" };

/** ProseMirror JSON of the collaborative schema as HTML (then sanitized by snapshotOf). */
export function htmlOf(node: DocJson): string {
  if (node.type === "text") {
    let html = escapeHtml(node.text ?? "");
    for (const mark of node.marks ?? []) {
      if (mark.type === "link" && typeof mark.attrs?.href === "string") html = `<a href="${escapeHtml(mark.attrs.href)}">${html}</a>`;
      else if (MARKS[mark.type]) html = `<${MARKS[mark.type]}>${html}</${MARKS[mark.type]}>`;
    }
    return html;
  }
  if (node.type === "hardBreak") return "<br>";
  if (node.type === "horizontalRule") return "<hr>";
  const inner = (node.content ?? []).map(htmlOf).join("");
  const tag = BLOCKS[node.type ?? "doc"]?.(node) ?? "";
  return tag ? `<${tag}>${inner}</${tag}>` : inner;
}

/**
 * The no-JavaScript format of app/utils/rich-text.server.ts (blocks separated by a blank line,
 * "## " a heading, "- " a list, "1. " a numbered list) as ProseMirror JSON: a new recommendation's
 * first text, typed in a plain form.
 */
export function plainTextToJson(plain: string): DocJson {
  const content: DocJson[] = [];
  const inline = (line: string): DocJson[] => (line ? [{ type: "text", text: line }] : []);
  for (const block of plain.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = block
      .split("\n")
      .map((l) => l.trimEnd())
      .filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    const heading = /^(#{2,3})\s+(.*)$/.exec(lines[0]);
    if (heading && lines.length === 1) {
      content.push({ type: "heading", attrs: { level: heading[1].length }, content: inline(heading[2].trim()) });
    } else if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
      content.push({
        type: "bulletList",
        content: lines.map((l) => ({ type: "listItem", content: [{ type: "paragraph", content: inline(l.replace(/^\s*[-*]\s+/, "")) }] })),
      });
    } else if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l))) {
      content.push({
        type: "orderedList",
        content: lines.map((l) => ({ type: "listItem", content: [{ type: "paragraph", content: inline(l.replace(/^\s*\d+[.)]\s+/, "")) }] })),
      });
    } else {
      const parts: DocJson[] = [];
      lines.forEach((l, i) => {
        if (i > 0) parts.push({ type: "hardBreak" });
        parts.push(...inline(l.trim()));
      });
      content.push({ type: "paragraph", content: parts });
    }
  }
  return { type: "doc", content: content.length ? content : [{ type: "paragraph" }] };
}

/** The Yjs update that holds this text as a new document's first state (never the editor's setContent). */
export function initialUpdate(json: DocJson): Uint8Array {
  const doc = prosemirrorJSONToYDoc(collabSchema(), json, COLLAB_FIELD);
  return Y.encodeStateAsUpdate(doc);
}

/** The editor's JSON of a Yjs document. */
export function jsonOfDoc(doc: Y.Doc): DocJson {
  return yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(COLLAB_FIELD)) as DocJson;
}

/** A stored document as a Y.Doc (stored state and pending updates), empty when never stored. */
export async function loadDoc(documentName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const state = await loadDocumentState(documentName);
  if (state) Y.applyUpdate(doc, state);
  return doc;
}

/**
 * An edit by the server on a live document, kept before it returns. `by` is the person it is made
 * for (its Yjs client id is mapped to them outside the document, as for their own edits).
 */
export async function editLiveDocument(documentName: string, by: { userId: string }, edit: (doc: Y.Doc) => void): Promise<void> {
  const capture = (doc: Y.Doc) => {
    const updates: Uint8Array[] = [];
    const onUpdate = (u: Uint8Array) => updates.push(u);
    doc.on("update", onUpdate);
    return () => {
      doc.off("update", onUpdate);
      return updates.length ? Y.mergeUpdates(updates) : null;
    };
  };
  if (live) {
    const connection = await live.openDirectConnection(documentName, { userId: by.userId });
    try {
      let update: Uint8Array | null = null;
      await connection.transact((doc) => {
        const stop = capture(doc);
        doc.transact(() => edit(doc));
        update = stop();
      });
      if (update) await appendUpdate(documentName, update, by);
    } finally {
      await connection.disconnect();
    }
    return;
  }
  const doc = await loadDoc(documentName);
  const stop = capture(doc);
  doc.transact(() => edit(doc));
  const update = stop();
  if (update) await appendUpdate(documentName, update, by);
}

/** Makes the live text equal to `json`, as one edit (only what differs changes: a restore is an edit like another). */
export async function replaceLiveText(documentName: string, by: { userId: string }, json: DocJson): Promise<void> {
  const node = PmNode.fromJSON(collabSchema(), json);
  await editLiveDocument(documentName, by, (doc) => {
    updateYFragment(doc, doc.getXmlFragment(COLLAB_FIELD), node, { mapping: new Map(), isOMark: new Map() });
  });
}

/** The stored read snapshots of a document (what compaction last wrote), or empty ones. */
export async function storedSnapshot(documentName: string): Promise<{ text: string; html: string; json: DocJson | null; updatedAt: Date | null }> {
  const row = await prisma.collabDocument.findUnique({ where: { name: documentName }, select: { text: true, html: true, json: true, updatedAt: true } });
  return { text: row?.text ?? "", html: row?.html ?? "", json: (row?.json as DocJson | null) ?? null, updatedAt: row?.updatedAt ?? null };
}
