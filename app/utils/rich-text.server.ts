// Rich text (charter today, minutes and recommendations later) is stored as HTML cleaned by an
// allow-list, and cleaned again before display. The editor (Tiptap) posts HTML; without
// JavaScript the form posts plain text, which becomes paragraphs, headings and lists here.
import { createHash } from "node:crypto";

import sanitizeHtml from "sanitize-html";

import { escapeHtml } from "./email.server";

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "blockquote", "a", "hr"],
  allowedAttributes: { a: ["href"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Everything else (script, style, iframe, on* attributes, javascript: links) is dropped; the
  // text of unknown tags is kept, the content of script/style is not.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "head"],
  transformTags: {
    h1: "h2",
    b: "strong",
    i: "em",
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer" } }),
  },
};

/** The stored and displayed form of any rich text: only allowed tags, attributes and link schemes. */
export function sanitizeRichText(html: string): string {
  const clean = sanitizeHtml(html, { ...ALLOWED, allowedAttributes: { a: ["href", "rel"] } }).trim();
  // An editor left empty posts "<p></p>"; an empty heading or list is empty too.
  return decode(clean.replace(/<[^>]*>/g, "")).trim() === "" ? "" : clean;
}

/**
 * The no-JavaScript format: blocks separated by a blank line; "## " starts a heading, lines
 * starting with "- " make a list, "1. " a numbered list; anything else is a paragraph whose single
 * line breaks are kept.
 */
export function plainTextToHtml(text: string): string {
  const blocks = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const html = blocks.map((block) => {
    const lines = block.split("\n").map((l) => l.trim());
    const heading = /^(#{1,3})\s+(.*)$/.exec(block);
    if (heading && lines.length === 1) return `<h${heading[1].length === 3 ? 3 : 2}>${escapeHtml(heading[2])}</h${heading[1].length === 3 ? 3 : 2}>`;
    if (lines.every((l) => /^[-*•]\s+/.test(l))) return `<ul>${lines.map((l) => `<li><p>${escapeHtml(l.replace(/^[-*•]\s+/, ""))}</p></li>`).join("")}</ul>`;
    if (lines.every((l) => /^\d+[.)]\s+/.test(l)))
      return `<ol>${lines.map((l) => `<li><p>${escapeHtml(l.replace(/^\d+[.)]\s+/, ""))}</p></li>`).join("")}</ol>`;
    return `<p>${lines.map(escapeHtml).join("<br>")}</p>`;
  });
  return sanitizeRichText(html.join(""));
}

const decode = (text: string) =>
  text
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&");

/** Back to the no-JavaScript format (to edit a draft without JavaScript, and to compare versions). */
export function htmlToPlainText(html: string): string {
  let ordinal = 0;
  const text = html
    // Tiptap wraps list items in paragraphs: a list item is one line.
    .replace(/<li[^>]*>\s*<p[^>]*>/gi, "<li>")
    .replace(/<\/p>\s*<\/li>/gi, "</li>")
    // One pass over list tags, so that each item knows the list it is in.
    .replace(/<(\/?)(ol|ul|li)\b[^>]*>/gi, (_m, close: string, tag: string) => {
      const name = tag.toLowerCase();
      if (name === "li") return close ? "" : ordinal ? `\n${ordinal++}. ` : "\n- ";
      if (!close) ordinal = name === "ol" ? 1 : 0;
      return "\n\n";
    })
    .replace(/<h2[^>]*>/gi, "\n\n## ")
    .replace(/<h[34][^>]*>/gi, "\n\n### ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|h2|h3|h4|blockquote)>/gi, "\n\n")
    .replace(/<[^>]+>/g, "");
  return decode(text)
    .split("\n")
    .map((l) => l.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export type Block = { kind: "h2" | "h3" | "p" | "li"; text: string; ordinal?: number };

/** Headings, paragraphs and list items in order, for the PDF. */
export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of htmlToPlainText(html).split(/\n\n/)) {
    const lines = chunk.split("\n");
    if (lines.every((l) => /^(- |\d+\. )/.test(l))) {
      for (const l of lines) {
        const n = /^(\d+)\. /.exec(l);
        blocks.push({ kind: "li", text: l.replace(/^(- |\d+\. )/, ""), ordinal: n ? Number(n[1]) : undefined });
      }
    } else if (chunk.startsWith("### ")) blocks.push({ kind: "h3", text: chunk.slice(4) });
    else if (chunk.startsWith("## ")) blocks.push({ kind: "h2", text: chunk.slice(3) });
    else if (chunk.trim()) blocks.push({ kind: "p", text: chunk });
  }
  return blocks;
}

/** SHA-256 (hex) of a charter text as stored: what a signature refers to. */
export function fingerprintOf(title: string, body: string) {
  return createHash("sha256").update(`${title}\n${body}`, "utf8").digest("hex");
}

/**
 * The plain text the minutes search indexes (Minutes.searchText): the meeting's title, the
 * decisions and the body, without markup. Written on every save of the minutes, in the same
 * transaction; the database derives the search vector from it.
 */
export function minutesSearchText(title: string, decisionsHtml: string, bodyHtml: string) {
  // The markers of the plain-text format ("## ", "- ", "1. ") would show in the search excerpts.
  const words = (html: string) => htmlToPlainText(html).replace(/^(#{2,3} |- |\d+\. )/gm, "");
  return [title, words(decisionsHtml), words(bodyHtml)].filter((s) => s.trim()).join("\n\n");
}
