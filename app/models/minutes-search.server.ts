// Full-text search over the published minutes a reader may see, in French and in Dutch. Each
// version of the minutes carries a search vector built by the database in its own language
// (`maillage_fr` / `maillage_nl`: unaccent, then the snowball stemmer, record 010); a query is read
// with both configurations and the two are OR-ed, so that "election" finds "élections" in French
// minutes and "verkiezing" finds "verkiezingen" in Dutch ones, whatever language the reader types in.
//
// Raw SQL (Prisma cannot express @@ or ts_headline): every value goes through Prisma.sql's tagged
// parameters, never into the SQL text. Visibility is the rule of app/access/minutes.server.ts.
import type { Actor } from "#app/access/actor";
import { minutesReader, visibleMinutesSql } from "#app/access/minutes.server";
import { Prisma } from "#app/generated/prisma/client";
import { addDays, brusselsInstant } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";

export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_MAX_LENGTH = 200;

/**
 * ts_headline marks the matched words with these private-use characters instead of HTML: the
 * excerpt stays plain text, and the page turns the marks into <mark> elements while React escapes
 * everything else. Characters of the same kind in the minutes themselves are removed first.
 */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

export type MinutesSearchQuery = {
  q?: string;
  /** Group id (already checked to be a group of the network). */
  groupId?: string;
  /** Brussels days, inclusive: "2026-01-01". */
  from?: string;
  to?: string;
  page: number;
};

export type MinutesHit = {
  minutesId: string;
  meetingId: string;
  version: number;
  language: string;
  visibility: string;
  title: string;
  startsAt: Date;
  publishedAt: Date | null;
  groupSlug: string;
  groupName: string;
  /** The excerpt as plain-text segments, the matched words flagged (rendered as <mark>). */
  excerpt: { text: string; marked: boolean }[];
};

type Row = Omit<MinutesHit, "version" | "excerpt"> & { version: number | bigint; excerpt: string };

export async function searchMinutes(actor: Actor | null, networkId: string, query: MinutesSearchQuery) {
  const reader = await minutesReader(actor, networkId);
  const text = (query.q ?? "")
    .replace(/[\uE000\uE001]/g, "")
    .trim()
    .slice(0, SEARCH_MAX_LENGTH);
  const tsquery = Prisma.sql`(websearch_to_tsquery('maillage_fr', ${text}) || websearch_to_tsquery('maillage_nl', ${text}))`;
  const filters = [Prisma.sql`m."status" = 'published'`, Prisma.sql`g."networkId" = ${networkId}`, visibleMinutesSql(reader)];
  if (text) filters.push(Prisma.sql`m."searchVector" @@ ${tsquery}`);
  if (query.groupId) filters.push(Prisma.sql`g."id" = ${query.groupId}`);
  if (query.from) filters.push(Prisma.sql`mt."startsAt" >= ${brusselsInstant(query.from, 0)}`);
  if (query.to) filters.push(Prisma.sql`mt."startsAt" < ${brusselsInstant(addDays(query.to, 1), 0)}`);
  const from = Prisma.sql`FROM "Minutes" m JOIN "Meeting" mt ON mt."id" = m."meetingId" JOIN "WorkingGroup" g ON g."id" = mt."groupId"`;
  const where = Prisma.sql`WHERE ${Prisma.join(filters, " AND ")}`;

  const [{ count }] = await prisma.$queryRaw<{ count: number | bigint }[]>`SELECT count(*)::int AS "count" ${from} ${where}`;
  const total = Number(count);
  const pages = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page), pages);
  const offset = (page - 1) * SEARCH_PAGE_SIZE;

  // Without a query: the latest published minutes, with their opening lines as excerpt.
  const excerpt = text
    ? Prisma.sql`ts_headline(
        CASE WHEN m."language" = 'nl' THEN 'maillage_nl'::regconfig ELSE 'maillage_fr'::regconfig END,
        translate(m."searchText", ${MARK_START + MARK_END}, ''), ${tsquery},
        ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`})`
    : Prisma.sql`left(translate(m."searchText", ${MARK_START + MARK_END}, ''), 280)`;
  const order = text
    ? Prisma.sql`ORDER BY ts_rank(m."searchVector", ${tsquery}) DESC, mt."startsAt" DESC, m."id"`
    : Prisma.sql`ORDER BY m."publishedAt" DESC NULLS LAST, mt."startsAt" DESC, m."id"`;
  const rows = total
    ? await prisma.$queryRaw<Row[]>`
        SELECT m."id" AS "minutesId", m."meetingId", m."version", m."language", m."visibility", m."publishedAt",
               mt."title", mt."startsAt", g."slug" AS "groupSlug", g."name" AS "groupName", ${excerpt} AS "excerpt"
        ${from} ${where} ${order}
        LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${offset}`
    : [];
  const results: MinutesHit[] = rows.map((r) => ({
    ...r,
    version: Number(r.version),
    startsAt: new Date(r.startsAt),
    publishedAt: r.publishedAt ? new Date(r.publishedAt) : null,
    excerpt: excerptSegments(text ? r.excerpt : shortenExcerpt(r.excerpt)),
  }));
  return { total, page, pages, results, q: text };
}

/** The opening of the minutes, cut at a word, with an ellipsis when there is more. */
function shortenExcerpt(text: string) {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length < 240) return flat;
  const cut = flat.slice(0, 240);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 180))} …`;
}

/** ts_headline's output as segments: the page renders them as text and <mark>, never as HTML. */
export function excerptSegments(excerpt: string): { text: string; marked: boolean }[] {
  const segments: { text: string; marked: boolean }[] = [];
  let marked = false;
  let current = "";
  for (const ch of excerpt) {
    if (ch === MARK_START || ch === MARK_END) {
      if (current) segments.push({ text: current, marked });
      current = "";
      marked = ch === MARK_START;
    } else current += ch;
  }
  if (current) segments.push({ text: current, marked });
  return segments;
}
