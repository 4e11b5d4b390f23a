// Meeting times shown to people: always in Europe/Brussels, in the reader's language. Formatters
// are made once per language (pages list many meetings).
import { dateTimeFormat } from "./dates";
import { TIME_ZONE } from "./time";

const cache = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat; short: Intl.DateTimeFormat }>();

function formatters(locale: string) {
  let f = cache.get(locale);
  if (!f) {
    f = {
      day: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, weekday: "long", day: "numeric", month: "long", year: "numeric" }),
      time: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
      short: new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, weekday: "short", day: "numeric", month: "short", year: "numeric" }),
    };
    cache.set(locale, f);
  }
  return f;
}

/** "mardi 9 mars 2027, 14:00–16:00" (the end's day is added when it differs). */
export function formatMeetingWhen(startsAt: Date | string, endsAt: Date | string, locale: string) {
  const f = formatters(locale);
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const startDay = f.day.format(start);
  const endDay = f.day.format(end);
  return startDay === endDay ? `${startDay}, ${f.time.format(start)}–${f.time.format(end)}` : `${startDay}, ${f.time.format(start)} – ${endDay}, ${f.time.format(end)}`;
}

/** "mardi 9 mars 2027 à 14:00": the start of a meeting, in one phrase. */
export function formatMeetingStart(at: Date | string, locale: string) {
  return dateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: TIME_ZONE }).format(new Date(at));
}

/** "mar. 9 mars 2027" */
export function formatMeetingDay(at: Date | string, locale: string) {
  return formatters(locale).short.format(new Date(at));
}

/** "14:00" */
export function formatMeetingTime(at: Date | string, locale: string) {
  return formatters(locale).time.format(new Date(at));
}
