// Months of the calendar, in Brussels: pure functions, used by the server (which meetings fall in
// a month) and by the page (previous and next month links), so no server-only import here.
import { addDays } from "./dates";
import { brusselsInstant, brusselsParts, weekdayOf } from "./recurrence";

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

