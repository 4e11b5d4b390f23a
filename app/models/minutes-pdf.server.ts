// The minutes of a meeting as a PDF: heading, version and status, attendance, decisions, text and
// action items. pdfkit with DejaVu Sans embedded, like the charter's PDF (same fonts helper).
import PDFDocument from "pdfkit";

import { formatDate, regionalInstantFormat } from "#app/utils/brussels-time";
import { minutesLanguage } from "#app/utils/domain";
import { documentLanguageTag, type Locale, makeT } from "#app/utils/i18n";
import { htmlToBlocks } from "#app/utils/rich-text.server";

import type { AttendanceList } from "./attendance.server";
import { charterPdfFonts } from "./charter-pdf.server";

type PdfInput = {
  locale: Locale;
  network: { slug: string; name: string };
  meeting: { id: string; title: string; startsAt: Date; group: { name: string } };
  version: {
    version: number;
    status: string;
    body: string;
    decisions: string;
    language: string;
    publishedAt: Date | null;
    updatedAt: Date;
    correctionNote: string;
    author: { name: string } | null;
    authorOrganisation: { name: string } | null;
  };
  attendance: AttendanceList | null;
  actions: { what: string; dueOn: Date | null; status: string; organisation: { name: string } | null }[];
};

const INK = "#1a1a1a";
const MUTED = "#555555";
const MARK = "#b00020";
const MARGIN = 64;

export async function renderMinutesPdf(input: PdfInput): Promise<Buffer> {
  const { locale, meeting, version } = input;
  const t = makeT(locale);
  const fonts = charterPdfFonts();
  const created = version.publishedAt ?? version.updatedAt;
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 72, bottom: 72, left: MARGIN, right: MARGIN },
    bufferPages: true,
    font: fonts.regular,
    lang: documentLanguageTag(minutesLanguage(version.language)),
    displayTitle: true,
    pdfVersion: "1.7",
    info: {
      Title: t("minutes.title", { meeting: meeting.title }),
      Author: meeting.group.name,
      Creator: "Maillage",
      Producer: "Maillage (PDFKit)",
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const text = (s: string, { font = fonts.regular, size = 11, color = INK, after = 4 } = {}) => {
    doc.font(font).fontSize(size).fillColor(color).text(s, MARGIN, doc.y, { width, lineGap: 2 });
    doc.y += after;
  };
  const heading = (s: string) => {
    if (doc.y + 60 > doc.page.height - 72) doc.addPage();
    doc.y += 8;
    text(s, { font: fonts.bold, size: 14, after: 6 });
  };
  const when = regionalInstantFormat(locale, { dateStyle: "full", timeStyle: "short" }).format(meeting.startsAt);

  text(`${input.network.name} — ${meeting.group.name}`, { size: 10, color: MUTED, after: 6 });
  text(t("minutes.title", { meeting: meeting.title }), { font: fonts.bold, size: 20, after: 6 });
  text(when, { font: fonts.italic, size: 11, color: MUTED, after: 4 });
  text(
    `${t.pick("minutes.status", version.status)} — ${t("minutes.versionNumber", { version: version.version })}${version.publishedAt ? ` — ${t("minutes.publishedOn", { date: formatDate(version.publishedAt, locale) })}` : ""}`,
    { size: 10, color: version.status === "published" ? MUTED : MARK, after: 4 },
  );
  if (version.author)
    text(t("minutes.writtenBy", { name: version.author.name }) + (version.authorOrganisation ? ` (${version.authorOrganisation.name})` : ""), {
      size: 10,
      color: MUTED,
      after: 4,
    });
  if (version.correctionNote) text(t("minutes.correctionNote", { note: version.correctionNote }), { size: 10, color: MUTED, after: 4 });

  heading(t("minutes.attendance.title"));
  if (!input.attendance) text(t("minutes.attendance.notTaken"), { font: fonts.italic, color: MUTED });
  else
    for (const status of ["present", "excused", "absent"] as const)
      text(`${t(`minutes.attendance.${status}`)} (${input.attendance[status].length}) : ${input.attendance[status].join(", ") || "—"}`, { size: 10.5 });

  const rich = (html: string, empty: string) => {
    const blocks = htmlToBlocks(html);
    if (!blocks.length) text(empty, { font: fonts.italic, color: MUTED });
    for (const b of blocks) {
      if (b.kind === "h2" || b.kind === "h3") text(b.text, { font: fonts.bold, size: b.kind === "h2" ? 13 : 12, after: 4 });
      else if (b.kind === "li") text(`${b.ordinal ? `${b.ordinal}.` : "•"} ${b.text}`, { after: 2 });
      else text(b.text, { after: 8 });
    }
  };
  heading(t("minutes.decisions"));
  rich(version.decisions, t("minutes.noDecisions"));
  heading(t("minutes.body"));
  rich(version.body, t("minutes.emptyBody"));

  heading(t("minutes.actions.title"));
  if (!input.actions.length) text(t("minutes.actions.none"), { font: fonts.italic, color: MUTED });
  for (const a of input.actions) {
    const parts = [a.organisation?.name ?? "—", a.dueOn ? formatDate(a.dueOn, locale) : null, t.pick("minutes.actionStatus", a.status)].filter(Boolean);
    text(`• ${a.what}`, { after: 0 });
    text(parts.join(" — "), { size: 10, color: MUTED, after: 6 });
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = { ...doc.page.margins };
    doc.page.margins = { ...margins, top: 0, bottom: 0 };
    doc
      .font(fonts.regular)
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(`${i + 1} / ${range.count}`, MARGIN, doc.page.height - 44, { width, align: "center", lineBreak: false });
    doc.page.margins = margins;
  }
  doc.end();
  return done;
}

export async function minutesPdfResponse(input: PdfInput) {
  const pdf = await renderMinutesPdf(input);
  const published = input.version.status === "published" || input.version.status === "superseded";
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": `attachment; filename="pv-${input.meeting.startsAt.toISOString().slice(0, 10)}-v${input.version.version}.pdf"`,
      // Who may read it depends on the session: never stored by shared caches.
      "Cache-Control": published ? "private, max-age=60" : "private, no-store",
      Vary: "Cookie, Accept-Language",
    },
  });
}
