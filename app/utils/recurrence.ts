// Meeting times and recurring series, in Brussels wall-clock time. A group that meets "every second
// Tuesday at 14:00" meets at 14:00 in winter and in summer: occurrences are computed as local dates
// and times, and only then turned into instants (UTC), with the offset of that very day.
import { addDays, parseDateKey } from "./dates";
import { TIME_ZONE } from "./time";
import type { SeriesFrequency } from "./domain";

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

/** ISO weekday (1 = Monday … 7 = Sunday) of a day key. */
export function weekdayOf(day: string) {
  const d = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

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

export type RuleProblem = "series.error.endRequired" | "series.error.untilBeforeStart" | "series.error.tooMany" | "series.error.tooLong" | "series.error.ordinalRequired" | "series.error.noOccurrence";

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
