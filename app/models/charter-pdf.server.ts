// The charter as a PDF, with its signatory organisations and a signature block for the paper
// copy. pdfkit writes it with DejaVu Sans embedded (never the 14 standard PDF fonts, which have no
// "œ", "€" or typographic apostrophe in pdfkit's encoding and are not embedded at all).
//
// The same version gives the same bytes, apart from its signatories: the creation date is the
// version's publication date (never "now"), so the ETag can be computed without rendering.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";

import PDFDocument from "pdfkit";

import { getActor } from "#app/access/actor.server";
import { signatories as currentSignatories } from "#app/models/adhesion.server";
import { formatDate } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { ORGANISATION_KINDS } from "#app/utils/domain";
import { escapeHtml } from "#app/utils/email.server";
import { DomainError } from "#app/utils/errors.server";
import { documentLanguageTag, type Locale, makeT, type T } from "#app/utils/i18n";
import { resolveLocale } from "#app/utils/i18n.server";
import { fingerprintOf, htmlToBlocks } from "#app/utils/rich-text.server";

// --- Fonts ------------------------------------------------------------------------------------

// Resolved from node_modules at run time, relative to this module: from the sources under
// Vitest/tsx, and from build/index.js once `remix build` has bundled this file (pdfkit and the
// fonts stay in node_modules; remix.config.js bundles no dependency).
const requireFromHere = createRequire(import.meta.url);
const FONT_FILES = { regular: "DejaVuSans.ttf", bold: "DejaVuSans-Bold.ttf", italic: "DejaVuSans-Oblique.ttf" } as const;
type FontName = keyof typeof FONT_FILES;
let fontPaths: Record<FontName, string> | undefined;

/** Paths of the DejaVu Sans files (checked once per process: a missing file fails loudly). */
export function charterPdfFonts(): Record<FontName, string> {
  fontPaths ??= Object.fromEntries(Object.entries(FONT_FILES).map(([name, file]) => [name, requireFromHere.resolve(`dejavu-fonts-ttf/ttf/${file}`)])) as Record<
    FontName,
    string
  >;
  return fontPaths;
}

// --- What goes in -----------------------------------------------------------------------------

export type PdfSignatory = { name: string; kind: string; commune: string; signedOn: string; versionNumber: number };

export type PdfVersion = {
  id: string;
  number: number;
  title: string;
  body: string;
  effectiveOn: Date;
  status: string;
  publishedAt: Date | null;
  updatedAt?: Date | null;
  fingerprint: string | null;
};

export type CharterPdfInput = {
  locale: Locale;
  network: { name: string };
  version: PdfVersion;
  /** For the current version: the member organisations; for an earlier one: those that signed it. */
  signatories: PdfSignatory[];
  /** Is `version` the one in force (its signatories are the current members)? */
  current: boolean;
};

/**
 * Who is listed under a version: on the current version, the network's members today (with the
 * adhesion that counts, possibly to an earlier version while they renew); on an earlier version,
 * the organisations of the network whose adhesion to that very version is still valid; on a
 * draft, nobody.
 */
export async function signatoriesOfVersion(
  networkId: string,
  version: { id: string; number: number; status: string },
  current: boolean,
): Promise<PdfSignatory[]> {
  if (version.status !== "published") return [];
  if (current) {
    return (await currentSignatories(networkId)).map((s) => ({
      name: s.name,
      kind: s.kind,
      commune: s.commune,
      signedOn: s.signedOn,
      versionNumber: s.versionNumber,
    }));
  }
  const rows = await prisma.adhesion.findMany({
    where: { networkId, charterVersionId: version.id, status: "valid", organisation: { networks: { some: { networkId } } } },
    select: { signedOn: true, organisation: { select: { name: true, kind: true, commune: true } } },
  });
  return rows.map((r) => ({ ...r.organisation, signedOn: r.signedOn.toISOString().slice(0, 10), versionNumber: version.number }));
}

// Bump when the layout changes, so that caches drop PDFs drawn the old way.
const LAYOUT_REVISION = "1";

/** A strong ETag of everything the PDF shows: text, dates, language, network and signatories. */
export function charterPdfEtag(input: CharterPdfInput) {
  const { version } = input;
  const hash = createHash("sha256")
    .update(
      JSON.stringify([
        LAYOUT_REVISION,
        input.locale,
        input.network.name,
        input.current,
        version.number,
        version.status,
        version.fingerprint ?? fingerprintOf(version.title, version.body),
        version.effectiveOn.toISOString(),
        creationDate(version).toISOString(),
        sortedSignatories(input.signatories, input.locale).map((s) => [s.name, s.kind, s.commune, s.signedOn, s.versionNumber]),
      ]),
    )
    .digest("base64url");
  return `"${hash.slice(0, 32)}"`;
}

function creationDate(version: PdfVersion) {
  return version.publishedAt ?? version.updatedAt ?? version.effectiveOn;
}

function sortedSignatories(list: PdfSignatory[], locale: Locale) {
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  const kindOrder = (kind: string) => {
    const i = (ORGANISATION_KINDS as readonly string[]).indexOf(kind);
    return i === -1 ? ORGANISATION_KINDS.length : i;
  };
  return [...list].sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || collator.compare(a.name, b.name) || collator.compare(a.commune, b.commune));
}

// --- Drawing ----------------------------------------------------------------------------------

const INK = "#1a1a1a";
const MUTED = "#555555";
const RULE = "#8a8a8a";
const DRAFT = "#b00020";
const MARGIN = { top: 72, bottom: 72, left: 64, right: 64 };

/** The PDF of a charter version (see CharterPdfInput). */
export async function renderCharterPdf(input: CharterPdfInput): Promise<Buffer> {
  const { version, network, locale } = input;
  const t = makeT(locale);
  const fonts = charterPdfFonts();
  const draft = version.status !== "published";
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true, // page numbers ("page 2 / 5") are written once the count is known
    font: fonts.regular, // instead of pdfkit's default Helvetica, which would be loaded (its AFM data) for nothing
    lang: documentLanguageTag(locale),
    displayTitle: true,
    pdfVersion: "1.7",
    info: {
      Title: version.title,
      Author: network.name,
      Subject: t("charterPdf.subject", { network: network.name, number: version.number }),
      Creator: "Maillage",
      Producer: "Maillage (PDFKit)",
      CreationDate: creationDate(version),
      ModDate: creationDate(version),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const pen = new Pen(doc, fonts);
  const date = (value: Date | string) => formatDate(value, locale);

  // Heading: network, title, version, fingerprint.
  pen.text(network.name, { font: "regular", size: 10, color: MUTED, after: 6 });
  pen.text(version.title, { font: "bold", size: 20, after: 6 });
  pen.text(t(draft ? "charterPdf.versionDraft" : "charterPdf.version", { number: version.number, date: date(version.effectiveOn) }), {
    font: "italic",
    size: 11,
    color: MUTED,
    after: 8,
  });
  const fingerprint = version.fingerprint ?? fingerprintOf(version.title, version.body);
  pen.text(t(draft ? "charterPdf.fingerprintDraft" : "charterPdf.fingerprint", { fingerprint }), { font: "regular", size: 7.5, color: MUTED, after: 2 });
  pen.text(t(draft ? "charterPdf.fingerprintDraftHelp" : "charterPdf.fingerprintHelp"), { font: "italic", size: 7.5, color: MUTED, after: 10 });
  pen.rule();

  // The text.
  for (const block of htmlToBlocks(version.body)) {
    if (block.kind === "h2") pen.heading(block.text, 14);
    else if (block.kind === "h3") pen.heading(block.text, 12);
    else if (block.kind === "li") pen.item(block.ordinal ? `${block.ordinal}.` : "•", block.text);
    else pen.text(block.text, { after: 8 });
  }

  // The signatories, grouped by kind.
  pen.space(14);
  pen.heading(t("charterPdf.signatories"), 16);
  const list = sortedSignatories(input.signatories, locale);
  if (list.length === 0) {
    pen.text(t("charterPdf.signatoriesNone"), { font: "italic", color: MUTED, after: 8 });
  } else {
    pen.text(t(input.current ? "charterPdf.signatoriesCurrent" : "charterPdf.signatoriesVersion", { number: version.number }), {
      size: 10,
      color: MUTED,
      after: 8,
    });
    let kind: string | null = null;
    for (const s of list) {
      const known = (ORGANISATION_KINDS as readonly string[]).includes(s.kind) ? s.kind : "other";
      if (known !== kind) {
        kind = known;
        pen.heading(t.pick("org.kind", known), 12);
      }
      const when =
        s.versionNumber === version.number
          ? t("charterPdf.adheredOn", { date: date(s.signedOn) })
          : t("charterPdf.adheredOnVersion", { date: date(s.signedOn), number: s.versionNumber });
      pen.row(s.commune ? `${s.name} — ${s.commune}` : s.name, when);
    }
  }

  // To print and sign on paper.
  pen.signatureBlock(t);

  // Every page: its number, and the draft mark.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    pen.onPageMargins(() => {
      const width = doc.page.width - MARGIN.left - MARGIN.right;
      doc.font(fonts.regular).fontSize(8.5).fillColor(MUTED);
      doc.text(t("charterPdf.page", { page: i + 1, pages: range.count }), MARGIN.left, doc.page.height - MARGIN.bottom + 28, {
        width,
        align: "center",
        lineBreak: false,
      });
      if (draft) {
        doc.font(fonts.bold).fontSize(12).fillColor(DRAFT);
        doc.text(t("charterPdf.draftMark"), MARGIN.left, 32, { width, align: "center", lineBreak: false });
      }
    });
  }
  doc.end();
  return done;
}

type TextOptions = { font?: FontName; size?: number; color?: string; after?: number; indent?: number };

/** Keeps the drawing code short: fonts by name, spacing after blocks, headings kept with what follows. */
class Pen {
  constructor(
    private doc: PDFKit.PDFDocument,
    private fonts: Record<FontName, string>,
  ) {}

  private get left() {
    return MARGIN.left;
  }
  private get width() {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }
  private get bottom() {
    return this.doc.page.height - MARGIN.bottom;
  }

  private set(font: FontName, size: number, color: string) {
    this.doc.font(this.fonts[font]).fontSize(size).fillColor(color);
  }

  /** A new page unless `height` points still fit on this one. */
  ensure(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  space(points: number) {
    if (this.doc.y + points > this.bottom) this.doc.addPage();
    else this.doc.y += points;
  }

  text(text: string, { font = "regular", size = 11, color = INK, after = 0, indent = 0 }: TextOptions = {}) {
    this.set(font, size, color);
    this.ensure(this.doc.currentLineHeight(true));
    this.doc.text(text, this.left + indent, this.doc.y, { width: this.width - indent, lineGap: 2 });
    this.doc.y += after;
  }

  /** A heading never ends a page: it needs room for itself and two lines of what follows. */
  heading(text: string, size: number) {
    this.set("bold", size, INK);
    const height = this.doc.heightOfString(text, { width: this.width });
    this.ensure(height + 40);
    this.doc.y += size * 0.4;
    this.doc.text(text, this.left, this.doc.y, { width: this.width });
    this.doc.y += size * 0.35;
  }

  item(marker: string, text: string) {
    this.set("regular", 11, INK);
    this.ensure(this.doc.currentLineHeight(true) + 2);
    const y = this.doc.y;
    this.doc.text(marker, this.left + 8, y, { width: 18, lineBreak: false });
    this.doc.text(text, this.left + 28, y, { width: this.width - 28, lineGap: 2 });
    this.doc.y += 4;
  }

  /** An organisation on the left, its adhesion date on the right (as narrow as it can be), on one row. */
  row(left: string, right: string) {
    this.set("regular", 10, MUTED);
    const rightWidth = Math.min(Math.ceil(this.doc.widthOfString(right)) + 2, this.width / 2);
    const leftWidth = this.width - rightWidth - 12;
    const rightHeight = this.doc.heightOfString(right, { width: rightWidth });
    this.set("regular", 10.5, INK);
    const height = Math.max(this.doc.heightOfString(left, { width: leftWidth }), rightHeight);
    this.ensure(height + 4);
    const y = this.doc.y;
    this.doc.text(left, this.left, y, { width: leftWidth });
    this.set("regular", 10, MUTED);
    this.doc.text(right, this.left + leftWidth + 12, y + 0.5, { width: rightWidth, align: "right" });
    this.doc.y = y + height + 4;
  }

  rule() {
    const y = this.doc.y;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    this.doc.y = y + 12;
  }

  /** "For the institution": organisation, names and functions, date, and room to sign, on one page. */
  signatureBlock(t: T) {
    const lineGap = 30;
    const boxHeight = 110;
    // French puts a space before the colon.
    const colon = (label: string) => t("charterPdf.labelColon", { label });
    this.ensure(110 + 4 * lineGap + boxHeight);
    this.space(18);
    this.rule();
    this.text(t("charterPdf.signatureTitle"), { font: "bold", size: 13, after: 4 });
    this.text(t("charterPdf.signatureIntro"), { font: "italic", size: 9.5, color: MUTED, after: 10 });
    const field = (label: string, lines = 1) => {
      for (let n = 0; n < lines; n++) {
        const y = this.doc.y + lineGap - 8;
        if (n === 0) {
          this.set("regular", 10.5, INK);
          this.doc.text(colon(label), this.left, y - 8, { width: 150, lineBreak: false });
        }
        const start = this.left + (n === 0 ? 150 : 0);
        this.doc
          .moveTo(start, y + 2)
          .lineTo(this.left + this.width, y + 2)
          .lineWidth(0.5)
          .strokeColor(RULE)
          .dash(1.5, { space: 2 })
          .stroke()
          .undash();
        this.doc.y = y + 6;
      }
    };
    field(t("charterPdf.signatureOrganisation"));
    field(t("charterPdf.signatureNames"), 2);
    field(t("charterPdf.signatureDate"));
    this.doc.y += 14;
    this.set("regular", 10.5, INK);
    this.doc.text(colon(t("charterPdf.signatureSign")), this.left, this.doc.y, { width: this.width });
    const top = this.doc.y + 4;
    this.doc.rect(this.left, top, this.width, boxHeight).lineWidth(0.5).strokeColor(RULE).stroke();
    this.doc.y = top + boxHeight + 8;
  }

  /** Runs `draw` with no bottom margin, so that text in the margins does not start a new page. */
  onPageMargins(draw: () => void) {
    const margins = { ...this.doc.page.margins };
    this.doc.page.margins = { ...margins, top: 0, bottom: 0 };
    try {
      draw();
    } finally {
      this.doc.page.margins = margins;
    }
  }
}

// --- HTTP -------------------------------------------------------------------------------------

/** The version as the PDF routes read it. */
export const pdfVersionSelect = {
  id: true,
  number: true,
  title: true,
  body: true,
  effectiveOn: true,
  status: true,
  publishedAt: true,
  updatedAt: true,
  fingerprint: true,
} as const;

// Drawing a PDF takes a few hundred milliseconds of CPU (font subsetting): the last few published
// PDFs are kept by ETag, which covers everything they show, so repeated downloads cost nothing.
const recent = new Map<string, Promise<Buffer>>();
const RECENT_MAX = 16;

function rendered(etag: string, render: () => Promise<Buffer>) {
  let pdf = recent.get(etag);
  if (pdf) {
    recent.delete(etag); // most recently used last
  } else {
    pdf = render();
    pdf.catch(() => recent.delete(etag));
  }
  recent.set(etag, pdf);
  while (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
  return pdf;
}

function matchesEtag(header: string | null, etag: string) {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const value = tag.trim();
    return value === "*" || value.replace(/^W\//, "") === etag;
  });
}

/**
 * The PDF as a download, or 304 when the browser's copy (If-None-Match) is still right. A
 * published version may be cached by anyone for five minutes; a draft is private and never stored.
 */
export async function charterPdfResponse(request: Request, input: CharterPdfInput & { networkSlug: string }) {
  const draft = input.version.status !== "published";
  const etag = charterPdfEtag(input);
  const headers = new Headers({
    ETag: etag,
    "Cache-Control": draft ? "private, no-store" : "public, max-age=300",
    // The language comes from the session, the language cookie or Accept-Language.
    Vary: "Cookie, Accept-Language",
  });
  if (matchesEtag(request.headers.get("If-None-Match"), etag)) return new Response(null, { status: 304, headers });
  const pdf = draft ? await renderCharterPdf(input) : await rendered(etag, () => renderCharterPdf(input));
  const slug = input.networkSlug.replace(/[^A-Za-z0-9-]+/g, "-");
  headers.set("Content-Type", "application/pdf");
  headers.set("Content-Length", String(pdf.length));
  headers.set("Content-Disposition", `attachment; filename="charte-${slug}-v${input.version.number}.pdf"`);
  return new Response(new Uint8Array(pdf), { status: 200, headers });
}

/**
 * A resource route cannot render the app's ErrorBoundary (exporting one would make Remix treat it
 * as a page and swallow the PDF): a missing charter or version gets this small page instead, in
 * the reader's language, with the app's stylesheet and a way back.
 */
export function charterPdfNotFoundPage(locale: Locale, messageKey: string, back: { href: string; label: string } | null, stylesheet?: string) {
  const t = makeT(locale);
  const title = t("charterPdf.notFound.title");
  const html = `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Maillage</title>
${stylesheet ? `<link rel="stylesheet" href="${escapeHtml(stylesheet)}">` : ""}
</head>
<body>
<main id="main" class="page page--narrow">
<h1>${escapeHtml(title)}</h1>
<p class="lead">${escapeHtml(t.message(messageKey))}</p>
<p class="muted">404</p>
${back ? `<p><a href="${escapeHtml(back.href)}">${escapeHtml(back.label)}</a></p>` : ""}
</main>
</body>
</html>
`;
  return new Response(html, { status: 404, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

/** The message key of a thrown 404 (a notFound DomainError, or a `{ message }` response as invariantResponse throws), else null. */
export async function notFoundMessage(error: unknown): Promise<string | null> {
  if (error instanceof DomainError) return error.kind === "notFound" ? error.message : null;
  if (error instanceof Response) {
    if (error.status !== 404) return null;
    const body = (await error
      .clone()
      .json()
      .catch(() => null)) as { message?: unknown } | null;
    return typeof body?.message === "string" ? body.message : "error.notFound";
  }
  return null;
}

/**
 * Turns a thrown 404 into the not-found page: "error.notFound" comes from requireNetwork (no such
 * network: back to the home page), a "charterPdf.notFound.*" key from the route (back to the
 * network's charter). Anything else is thrown again.
 */
export async function charterPdfNotFound(request: Request, networkSlug: string | undefined, error: unknown, stylesheet?: string) {
  const key = await notFoundMessage(error);
  if (!key) throw error;
  const locale = await resolveLocale(request, (await getActor(request))?.locale);
  const t = makeT(locale);
  if (!key.startsWith("charterPdf.notFound."))
    return charterPdfNotFoundPage(locale, "charterPdf.notFound.noNetwork", { href: "/", label: t("error.backHome") }, stylesheet);
  return charterPdfNotFoundPage(locale, key, { href: `/${networkSlug}/charter`, label: t("charterPdf.notFound.back") }, stylesheet);
}
