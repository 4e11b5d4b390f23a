// "My meetings" on the account page: the next meetings of the groups where the person takes part
// or facilitates, across networks, with their answer (RSVP), and the way to their calendar feeds.
import { Link } from "@remix-run/react";

import { MeetingSummary, type MeetingSummaryData } from "./calendar-meeting";
import { useT } from "./i18n";

export type MyMeetingData = MeetingSummaryData & { rsvp: string | null };

export function MyMeetings({ meetings }: { meetings: MyMeetingData[] }) {
  const t = useT();
  const networks = new Set(meetings.map((m) => m.network.slug));
  return (
    <section className="card my-meetings" aria-labelledby="my-meetings-title">
      <h2 id="my-meetings-title">{t("calendar.mine.title")}</h2>
      {meetings.length === 0 ? (
        <p>{t("calendar.mine.none")}</p>
      ) : (
        <ul className="result-list my-meetings__list">
          {meetings.map((m) => (
            <li key={m.id}>
              <MeetingSummary
                meeting={m}
                showDay
                showNetwork={networks.size > 1}
                extra={
                  m.cancelled ? null : (
                    <span className={`badge my-meetings__rsvp my-meetings__rsvp--${m.rsvp ?? "none"}`}>{t.pick("calendar.rsvp", m.rsvp ?? "none")}</span>
                  )
                }
              />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/account/calendars">{t("calendar.mine.feedsLink")}</Link>
      </p>
    </section>
  );
}
