// Time as Maillage's people live it: Europe/Brussels wall-clock time, whatever the server's zone.
// Every rule about it lives here, in four parts read top to bottom: days (DATE columns and day
// keys), wall-clock time (instants ↔ Brussels day and minutes, opening hours), months of the
// calendar, how dates and times are written in the three languages, and recurring series.
// Pure functions, no server-only import: the server and the pages use the same rules. "Now" is
// not read here: callers pass it in, from app/utils/clock.server.ts (the only reader of the clock).
import type { SeriesFrequency } from "./domain";

export const TIME_ZONE = "Europe/Brussels";

// ---------------------------------------------------------------------------------------------
// Days. Calendar dates (a charter's effective date, an adhesion deadline, a signature date) are
// stored in DATE columns, which Prisma reads as midnight UTC. They are days, not instants: "today"
// is the day in Brussels, and a deadline holds until the end of its day there.

const dayKeyFormat = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** "2026-11-24": the day it is in Brussels at this instant. */
export function todayInBrussels(at: Date) {
  return dayKeyFormat.format(at);
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

/** ISO weekday (1 = Monday … 7 = Sunday) of a day key. */
export function weekdayOf(day: string) {
  const d = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

// Belgian public holidays: the ten legal days off of every employer (law of 4 January 1974).
// The days of the Communities (11 July, 27 September) and of the public services (2 and 15
// November, 26 December) are not among them: many members work then. The scheduler flags a
// meeting on a public holiday to the person scheduling it; it never moves one by itself.

export const PUBLIC_HOLIDAYS = [
  "newYear",
  "easterMonday",
  "labourDay",
  "ascension",
  "whitMonday",
  "nationalDay",
  "assumption",
  "allSaints",
  "armistice",
  "christmas",
] as const;
export type PublicHoliday = (typeof PUBLIC_HOLIDAYS)[number];

/** Easter Sunday of a year (Gregorian computus, the "anonymous" algorithm), as a day key. */
export function easterSunday(year: number) {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The public holidays of a year, in the order of the year: day key → which holiday. */
export function belgianPublicHolidays(year: number): Map<string, PublicHoliday> {
  const easter = easterSunday(year);
  const fixed = (md: string) => `${year}-${md}`;
  return new Map<string, PublicHoliday>([
    [fixed("01-01"), "newYear"],
    [addDays(easter, 1), "easterMonday"],
    [fixed("05-01"), "labourDay"],
    [addDays(easter, 39), "ascension"],
    [addDays(easter, 50), "whitMonday"],
    [fixed("07-21"), "nationalDay"],
    [fixed("08-15"), "assumption"],
    [fixed("11-01"), "allSaints"],
    [fixed("11-11"), "armistice"],
    [fixed("12-25"), "christmas"],
  ]);
}

/** The public holiday a day key falls on, or null. */
export function publicHolidayOn(day: string): PublicHoliday | null {
  return belgianPublicHolidays(Number(day.slice(0, 4))).get(day) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Wall-clock time. A group that meets "every second Tuesday at 14:00" meets at 14:00 in winter and
// in summer, and opening hours are kept in minutes since midnight in Brussels ("open now" reads
// the clock there): local days and times are turned into instants (UTC) with the offset of that
// very day, and instants are read back as local days and times.

const localParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The Brussels day ("2026-03-29") and minutes since midnight of an instant. */
export function brusselsParts(at: Date): { day: string; minutes: number } {
  const p = Object.fromEntries(localParts.formatToParts(at).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** Offset of Brussels from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function offsetAt(at: Date) {
  const { day, minutes } = brusselsParts(at);
  const asUtc = Date.parse(`${day}T00:00:00.000Z`) + minutes * 60_000;
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instant at which it is `minutes` past midnight on `day` in Brussels. A time that does not
 * exist (02:30 on the last Sunday of March) is read with the winter offset, i.e. 03:30 summer time.
 */
export function brusselsInstant(day: string, minutes: number): Date {
  const wall = Date.parse(`${day}T00:00:00.000Z`) + minutes * 60_000;
  let guess = wall - offsetAt(new Date(wall)) * 60_000;
  guess = wall - offsetAt(new Date(guess)) * 60_000;
  return new Date(guess);
}

const weekParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** ISO weekday (1 = Monday) and minutes since midnight in Brussels at the given instant. */
export function brusselsWeekMinute(date: Date) {
  const p = Object.fromEntries(weekParts.formatToParts(date).map((x) => [x.type, x.value]));
  return { weekday: WEEKDAYS[p.weekday], minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** 570 → "09:30" */
export function formatMinutes(minutes: number) {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "09:30" → 570; "9h30" and "9:30" are accepted; null when not a time of day. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^\s*([01]?\d|2[0-3])\s*[:hH.]\s*([0-5]\d)?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 60 + Number(m[2] ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Months of the calendar: which meetings fall in a month (server), previous and next month links
// (page).

/** "2026-12" when the text is a month between the years 2000 and 2100, else null. */
export function parseMonth(text: string | null | undefined): string | null {
  if (!text || !/^\d{4}-\d{2}$/.test(text)) return null;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  return year >= 2000 && year <= 2100 && month >= 1 && month <= 12 ? text : null;
}

/** The month it is in Brussels at this instant: "2026-11". */
export function currentMonth(at: Date) {
  return brusselsParts(at).day.slice(0, 7);
}

export function shiftMonth(month: string, by: number) {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * A month as the calendar shows it: its first and last day, the instants where it begins and ends
 * in Brussels (midnight there, whatever the offset), and its weeks from Monday to Sunday, days of
 * the neighbouring months included.
 */
export function monthGrid(month: string) {
  const first = `${month}-01`;
  const next = `${shiftMonth(month, 1)}-01`;
  const last = addDays(next, -1);
  const start = addDays(first, 1 - weekdayOf(first));
  const end = addDays(last, 7 - weekdayOf(last));
  const weeks: string[][] = [];
  for (let day = start; day <= end; day = addDays(day, 7)) weeks.push(Array.from({ length: 7 }, (_, i) => addDays(day, i)));
  return { first, last, from: brusselsInstant(first, 0), to: brusselsInstant(next, 0), weeks };
}

/** The day in Brussels when a meeting starts ("2026-12-01"). */
export function meetingDay(startsAt: Date) {
  return brusselsParts(startsAt).day;
}

// ---------------------------------------------------------------------------------------------
// Writing dates and times in the reader's language. Instants are always shown in Brussels, days
// (DATE columns, day keys) as the day they are. Formatters are made once per language and options:
// making one costs far more than using one (a list of 800 signatories formats 800 dates).
//
// Two spellings of a language coexist, as they did before these rules met in one module: the
// regional one (Belgian French and Dutch, British English: "2 December 2026") for day formats,
// PDFs and the calendar; the plain language ("fr", "nl", "en": "December 2, 2026") for meeting
// times and the lists of the admin pages. Choosing one changes what pages show: a decision of its
// own, not part of moving the rules here.

const REGIONAL_TAGS: Record<string, string> = { fr: "fr-BE", nl: "nl-BE", en: "en-GB" };

/** The Intl tag of a UI language: Belgian French and Dutch, British English (French otherwise). */
export function localeTag(locale: string) {
  return REGIONAL_TAGS[locale] ?? "fr-BE";
}

/**
 * French writes the first day of a month as an ordinal: "1er décembre", never "1 décembre". Every
 * French format of this module that shows the day of the month goes through this one, so that
 * no page, e-mail or PDF writes it the other way.
 */
class FrenchDayFormat extends Intl.DateTimeFormat {
  override format = (date?: Date | number) =>
    this.formatToParts(date)
      .map((p) => p.value)
      .join("");
  override formatToParts(date?: Date | number) {
    return super.formatToParts(date).map((p) => (p.type === "day" && p.value === "1" ? { ...p, value: "1er" } : p));
  }
}

function showsDayOfMonth(options: Intl.DateTimeFormatOptions) {
  return options.day !== undefined || (options.dateStyle !== undefined && options.dateStyle !== "short");
}

const formats = new Map<string, Intl.DateTimeFormat>();
function cachedFormat(tag: string, options: Intl.DateTimeFormatOptions) {
  const key = `${tag} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = tag.startsWith("fr") && showsDayOfMonth(options) ? new FrenchDayFormat(tag, options) : new Intl.DateTimeFormat(tag, options);
    formats.set(key, format);
  }
  return format;
}

type FormatOptions = Omit<Intl.DateTimeFormatOptions, "timeZone">;

/** An instant in Brussels, in the language's regional spelling (fr-BE, nl-BE, en-GB). */
export function regionalInstantFormat(locale: string, options: FormatOptions) {
  return cachedFormat(localeTag(locale), { ...options, timeZone: TIME_ZONE });
}

/** An instant in Brussels, in the plain language ("fr", "nl", "en"). */
export function instantFormat(locale: string, options: FormatOptions) {
  return cachedFormat(locale, { ...options, timeZone: TIME_ZONE });
}

/** A day (a DATE column value, or a day key read at noon UTC), in the regional spelling. */
export function dayFormat(locale: string, options: FormatOptions) {
  return cachedFormat(localeTag(locale), { ...options, timeZone: "UTC" });
}

/** A day key ("2026-12-01") as the instant a day format reads: noon UTC, the same day everywhere in Europe. */
export function dayKeyNoon(day: string) {
  return new Date(`${day}T12:00:00.000Z`);
}

/** "24 novembre 2026" in the reader's language, for a DATE column value ("1er janvier" in French). */
export function formatDate(date: Date | string, locale: string) {
  const value = typeof date === "string" ? new Date(date) : date;
  return dayFormat(locale, { day: "numeric", month: "long", year: "numeric" }).format(value);
}

const MEETING_DAY: FormatOptions = { weekday: "long", day: "numeric", month: "long", year: "numeric" };
const MEETING_TIME: FormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };

/** "mardi 9 mars 2027, 14:00–16:00" (the end's day is added when it differs). */
export function formatMeetingWhen(startsAt: Date | string, endsAt: Date | string, locale: string) {
  const day = instantFormat(locale, MEETING_DAY);
  const time = instantFormat(locale, MEETING_TIME);
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const startDay = day.format(start);
  const endDay = day.format(end);
  return startDay === endDay ? `${startDay}, ${time.format(start)}–${time.format(end)}` : `${startDay}, ${time.format(start)} – ${endDay}, ${time.format(end)}`;
}

/** "mardi 9 mars 2027 à 14:00": the start of a meeting, in one phrase. */
export function formatMeetingStart(at: Date | string, locale: string) {
  return regionalInstantFormat(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(
    new Date(at),
  );
}

/** "mar. 9 mars 2027" */
export function formatMeetingDay(at: Date | string, locale: string) {
  return instantFormat(locale, { weekday: "short", day: "numeric", month: "short", year: "numeric" }).format(new Date(at));
}

/** "14:00" */
export function formatMeetingTime(at: Date | string, locale: string) {
  return instantFormat(locale, MEETING_TIME).format(new Date(at));
}

// ---------------------------------------------------------------------------------------------
// Recurring series: occurrences are computed as days (and a time of day), then turned into
// instants with brusselsInstant.

export type SeriesRule = {
  frequency: SeriesFrequency;
  interval: number; // every n weeks / months
  weekday: number; // 1 = Monday … 7 = Sunday
  ordinal?: number | null; // monthly only: 1–4, or -1 for the last
  startOn: string; // first possible day
  untilOn?: string | null; // last possible day (inclusive)
  count?: number | null; // number of occurrences
};

/** No series runs for ever: a limit on occurrences and on its length keeps the work bounded. */
export const MAX_OCCURRENCES = 60;
export const MAX_SERIES_DAYS = 3 * 366;

export type RuleProblem =
  | "series.error.endRequired"
  | "series.error.untilBeforeStart"
  | "series.error.tooMany"
  | "series.error.tooLong"
  | "series.error.ordinalRequired"
  | "series.error.noOccurrence";

/** Why a rule cannot be used, or null. */
export function checkRule(rule: SeriesRule): RuleProblem | null {
  if (!rule.untilOn && !rule.count) return "series.error.endRequired";
  if (rule.frequency === "monthly" && !rule.ordinal) return "series.error.ordinalRequired";
  if (rule.untilOn && rule.untilOn < rule.startOn) return "series.error.untilBeforeStart";
  if (rule.count && rule.count > MAX_OCCURRENCES) return "series.error.tooMany";
  if (rule.untilOn && rule.untilOn > addDays(rule.startOn, MAX_SERIES_DAYS)) return "series.error.tooLong";
  const days = expandRule(rule);
  if (days.length === 0) return "series.error.noOccurrence";
  if (days.length > MAX_OCCURRENCES) return "series.error.tooMany";
  return null;
}

/** The n-th (or last, n = -1) given weekday of a month, or null when the month has none (5th). */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): string | null {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1));
    const firstWeekday = first.getUTCDay() === 0 ? 7 : first.getUTCDay();
    const day = 1 + ((weekday - firstWeekday + 7) % 7) + (n - 1) * 7;
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCMonth() === month - 1 ? date.toISOString().slice(0, 10) : null;
  }
  const last = new Date(Date.UTC(year, month, 0));
  const lastWeekday = last.getUTCDay() === 0 ? 7 : last.getUTCDay();
  last.setUTCDate(last.getUTCDate() - ((lastWeekday - weekday + 7) % 7));
  return last.toISOString().slice(0, 10);
}

/**
 * The days of a series, in order, at most MAX_OCCURRENCES + 1 (so that a caller can tell "too
 * many"). Both ends are inclusive.
 */
export function expandRule(rule: SeriesRule): string[] {
  const days: string[] = [];
  const limit = Math.min(rule.count ?? MAX_OCCURRENCES + 1, MAX_OCCURRENCES + 1);
  const until = rule.untilOn ?? addDays(rule.startOn, MAX_SERIES_DAYS);
  const interval = Math.max(1, rule.interval);
  if (!parseDateKey(rule.startOn)) return days;
  if (rule.frequency === "weekly") {
    let day = addDays(rule.startOn, (rule.weekday - weekdayOf(rule.startOn) + 7) % 7);
    while (day <= until && days.length < limit) {
      days.push(day);
      day = addDays(day, 7 * interval);
    }
    return days;
  }
  if (!rule.ordinal) return days;
  let year = Number(rule.startOn.slice(0, 4));
  let month = Number(rule.startOn.slice(5, 7));
  while (days.length < limit) {
    const day = nthWeekdayOfMonth(year, month, rule.weekday, rule.ordinal);
    if (day && day > until) break;
    if (day && day >= rule.startOn) days.push(day);
    month += interval;
    while (month > 12) {
      month -= 12;
      year++;
    }
    if (`${year}-${String(month).padStart(2, "0")}-01` > until) break;
  }
  return days;
}

const ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/**
 * The iCalendar RRULE of a series (without "RRULE:"). It always ends with COUNT, the number of
 * occurrences computed here, so that a calendar program and Maillage agree on the last date
 * whatever their reading of UNTIL with a time zone.
 */
export function toRRule(rule: SeriesRule): string {
  const count = expandRule(rule).length;
  const day = ICAL_DAYS[rule.weekday - 1];
  const parts = [`FREQ=${rule.frequency === "weekly" ? "WEEKLY" : "MONTHLY"}`];
  if (rule.interval > 1) parts.push(`INTERVAL=${rule.interval}`);
  parts.push(`BYDAY=${rule.frequency === "monthly" ? `${rule.ordinal}${day}` : day}`);
  parts.push(`COUNT=${count}`);
  return parts.join(";");
}
