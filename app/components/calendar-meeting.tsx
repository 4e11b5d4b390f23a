// One meeting as the calendars list it (calendar list view, network home, "my meetings"): time in
// Brussels in the reader's language, title linking to the meeting, group, place; a cancelled
// meeting is struck through and says so in words (a strike-through alone is not announced).
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

import { dayFormat, dayKeyNoon, regionalInstantFormat } from "#app/utils/brussels-time";
import { meetingPath } from "#app/utils/paths";

import { useT } from "./i18n";

export type MeetingSummaryData = {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  day: string;
  place: string;
  hasVideo: boolean;
  isPublic: boolean;
  cancelled: boolean;
  group: { slug: string; name: string };
  network: { slug: string; name: string };
};

/** "14:00" in Brussels. */
export function formatTime(iso: string, locale: string) {
  return regionalInstantFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}
/** "mardi 1er décembre 2026" for a day key. */
export function formatLongDay(day: string, locale: string) {
  return dayFormat(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(dayKeyNoon(day));
}
/** "1er décembre" for a day key. */
export function formatDayMonth(day: string, locale: string) {
  return dayFormat(locale, { day: "numeric", month: "long" }).format(dayKeyNoon(day));
}
/** "décembre 2026" for a month key. */
export function formatMonth(month: string, locale: string) {
  return dayFormat(locale, { month: "long", year: "numeric" }).format(dayKeyNoon(`${month}-15`));
}
/** "mardi 1er décembre à 14:00" in Brussels. */
export function formatDayTime(iso: string, locale: string) {
  return regionalInstantFormat(locale, { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(iso),
  );
}

export function meetingHref(m: { id: string; network: { slug: string } }) {
  return meetingPath({ networkSlug: m.network.slug, meetingId: m.id });
}

/** The title, struck through with the word "cancelled" when it is. */
export function MeetingTitle({ meeting }: { meeting: Pick<MeetingSummaryData, "title" | "cancelled"> }) {
  const t = useT();
  if (!meeting.cancelled) return <>{meeting.title}</>;
  return (
    <>
      <s>{meeting.title}</s> <span className="calendar-cancelled">{t("calendar.cancelled")}</span>
    </>
  );
}

/** A meeting in a list: when, what (a link), which group, where; `extra` for a badge (RSVP). */
export function MeetingSummary({
  meeting,
  showDay,
  showNetwork,
  extra,
}: {
  meeting: MeetingSummaryData;
  showDay?: boolean;
  showNetwork?: boolean;
  extra?: ReactNode;
}) {
  const t = useT();
  const when = showDay
    ? `${formatDayTime(meeting.startsAt, t.locale)} – ${formatTime(meeting.endsAt, t.locale)}`
    : `${formatTime(meeting.startsAt, t.locale)} – ${formatTime(meeting.endsAt, t.locale)}`;
  return (
    <div className={`calendar-meeting${meeting.cancelled ? " calendar-meeting--cancelled" : ""}`}>
      <p className="calendar-meeting__when">
        <time dateTime={meeting.startsAt}>{when}</time>
      </p>
      <p className="calendar-meeting__title">
        <Link to={meetingHref(meeting)}>
          <MeetingTitle meeting={meeting} />
        </Link>
        {meeting.isPublic ? <span className="badge calendar-meeting__badge">{t("calendar.public")}</span> : null}
        {extra}
      </p>
      <p className="calendar-meeting__meta muted">
        {showNetwork ? `${meeting.network.name} · ` : ""}
        {meeting.group.name}
        {meeting.place ? ` · ${meeting.place}` : ""}
        {meeting.hasVideo ? ` · ${t("calendar.video")}` : ""}
      </p>
    </div>
  );
}
