// Calendar dates (a charter's effective date, an adhesion deadline, a signature date) are stored
// in DATE columns, which Prisma reads as midnight UTC. They are days, not instants: "today" is
// the day in Brussels, and a deadline holds until the end of its day there.
import { TIME_ZONE } from "./time";

const dayKey = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** "2026-11-24": the day it is in Brussels at this instant. */
export function todayInBrussels(at: Date) {
  return dayKey.format(at);
}

/** The key of a DATE column value. */
export function dateKey(date: Date) {
  return date.toISOString().slice(0, 10);
}

/** "2026-11-24" → the DATE value Prisma stores (midnight UTC); null when not a real date. */
export function parseDateKey(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || dateKey(date) !== text ? null : date;
}

export function addDays(key: string, days: number) {
  const date = new Date(`${key}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return dateKey(date);
}

/** The Intl tag of a UI language: Belgian French and Dutch, British English. */
export function localeTag(locale: string) {
  return locale === "nl" ? "nl-BE" : locale === "en" ? "en-GB" : "fr-BE";
}

/**
 * A date formatter for a UI language, made once per language and options: making a formatter costs
 * far more than using one (a list of 800 signatories formats 800 dates).
 */
const formats = new Map<string, Intl.DateTimeFormat>();
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(localeTag(locale), options)));
  return format;
}

/** "24 novembre 2026" in the reader's language, for a DATE column value ("1er janvier" in French). */
export function formatDate(date: Date | string, locale: string) {
  const value = typeof date === "string" ? new Date(date) : date;
  const format = dateTimeFormat(locale, { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
  if (locale !== "fr" && locale !== "fr-BE") return format.format(value);
  return format
    .formatToParts(value)
    .map((p) => (p.type === "day" && p.value === "1" ? "1er" : p.value))
    .join("");
}
