// Opening hours are kept in Europe/Brussels wall-clock time: "open now" must read the clock there,
// whatever the server's time zone.
export const TIME_ZONE = "Europe/Brussels";

const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** ISO weekday (1 = Monday) and minutes since midnight in Brussels at the given instant. */
export function brusselsWeekMinute(date: Date) {
  const p = Object.fromEntries(parts.formatToParts(date).map((x) => [x.type, x.value]));
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
