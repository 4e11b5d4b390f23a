// The network's calendar: a month (weeks from Monday, in Brussels time) or the list of upcoming
// meetings grouped by day, for one group or all. Only the meetings the reader may see
// (visibleMeetingsWhere: visitors see public meetings only). Plain links and a GET form: works
// without JavaScript. A month or group that does not exist is a 400 with its message beside the
// field, and the page still shows the current month.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";

import { getActor } from "#app/access/actor.server";
import { isCoordinator } from "#app/access/network";
import { formatDayMonth, formatLongDay, formatMonth, formatTime, meetingHref, MeetingSummary, MeetingTitle } from "#app/components/calendar-meeting";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { pageParam, Pagination } from "#app/components/pagination";
import { activePublicFeed, feedPath, groupByDay, meetingsBetween, upcomingMeetings } from "#app/models/calendar.server";
import { requireNetwork } from "#app/models/network.server";
import { currentMonth, dayFormat, dayKeyNoon, monthGrid, parseMonth, shiftMonth, todayInBrussels } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { getEnv } from "#app/utils/env.server";
import { metaT } from "#app/utils/i18n";

const LIST_PAGE_SIZE = 50;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await getActor(request);
  const url = new URL(request.url);
  const at = now();
  const today = todayInBrussels(at);
  const errors: { month?: string; group?: string; view?: string } = {};

  const viewParam = url.searchParams.get("view");
  if (viewParam && viewParam !== "month" && viewParam !== "list") errors.view = "calendar.error.view";
  const view = viewParam === "list" ? "list" : "month";

  const monthParam = url.searchParams.get("month");
  const month = parseMonth(monthParam) ?? currentMonth(at);
  if (monthParam && !parseMonth(monthParam)) errors.month = "calendar.error.month";

  const groups = await prisma.workingGroup.findMany({
    where: { networkId: network.id },
    select: { id: true, slug: true, name: true, archivedAt: true },
    orderBy: { name: "asc" },
  });
  const groupParam = url.searchParams.get("group");
  const group = groupParam ? (groups.find((g) => g.slug === groupParam) ?? null) : null;
  if (groupParam && !group) errors.group = "calendar.error.group";

  const grid = monthGrid(month);
  const page = pageParam(url);
  const [monthMeetings, upcoming, publicFeed] = await Promise.all([
    view === "month" ? meetingsBetween(actor, network.id, { from: grid.from, to: grid.to, groupId: group?.id }) : Promise.resolve([]),
    view === "list"
      ? upcomingMeetings(actor, network.id, { at, groupId: group?.id, take: LIST_PAGE_SIZE, skip: (page - 1) * LIST_PAGE_SIZE })
      : Promise.resolve({ meetings: [], total: 0 }),
    activePublicFeed(network.id),
  ]);

  const body = {
    network: { slug: network.slug, name: network.name },
    view,
    month,
    today,
    errors,
    groups: groups.filter((g) => !g.archivedAt || g.id === group?.id).map((g) => ({ slug: g.slug, name: g.name })),
    group: group ? { slug: group.slug, name: group.name } : null,
    weeks: grid.weeks,
    monthMeetings,
    days: groupByDay(upcoming.meetings),
    page,
    pages: Math.max(1, Math.ceil(upcoming.total / LIST_PAGE_SIZE)),
    publicFeedUrl: publicFeed ? `${getEnv().appUrl}${feedPath(publicFeed.token)}` : null,
    isCoordinator: isCoordinator(actor, network.id),
    signedIn: !!actor,
  };
  return Object.keys(errors).length ? data(body, { status: 400 }) : body;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return [{ title: "Maillage" }];
  const t = metaT(matches);
  return [{ title: `${t("calendar.title")} — ${data.network.name}` }];
};

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** The calendar URL with these parameters changed (the others kept), without empty ones. */
function calendarHref(
  base: string,
  current: { view: string; month: string; group: string | null },
  change: Partial<{ view: string; month: string | null; group: string | null }>,
) {
  const next = { ...current, ...change };
  const params = new URLSearchParams();
  if (next.view === "list") params.set("view", "list");
  if (next.view !== "list" && next.month) params.set("month", next.month);
  if (next.group) params.set("group", next.group);
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

export default function CalendarPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const location = useLocation();
  const base = `/${d.network.slug}/calendar`;
  const current = { view: d.view, month: d.month, group: d.group?.slug ?? null };
  const hasErrors = Object.keys(d.errors).length > 0;
  return (
    <main id="main" className="page calendar-page">
      <h1>{d.group ? t("calendar.titleOfGroup", { group: d.group.name }) : t("calendar.title")}</h1>
      <p className="lead">{d.signedIn ? t("calendar.intro") : t("calendar.introVisitor")}</p>

      <nav aria-label={t("calendar.viewLabel")} className="calendar-views">
        <ul className="cluster">
          <li>
            <Link to={calendarHref(base, current, { view: "month" })} aria-current={d.view === "month" ? "page" : undefined} className="calendar-views__link">
              {t("calendar.viewMonth")}
            </Link>
          </li>
          <li>
            <Link to={calendarHref(base, current, { view: "list" })} aria-current={d.view === "list" ? "page" : undefined} className="calendar-views__link">
              {t("calendar.viewList")}
            </Link>
          </li>
        </ul>
      </nav>

      {/* Keyed by the URL so that, with JavaScript, the fields follow "back". */}
      <Form method="get" action={base} className="filters card calendar-filters" key={location.search} aria-label={t("calendar.filterLabel")}>
        {hasErrors ? (
          <div className="error-summary" role="alert">
            <p className="error-summary__title">{t("calendar.error.summary")}</p>
          </div>
        ) : null}
        <div className="cluster calendar-filters__row">
          <div className={`field${d.errors.group ? " field--invalid" : ""}`}>
            <label htmlFor="calendar-group">{t("calendar.filterGroup")}</label>
            <select
              id="calendar-group"
              name="group"
              defaultValue={d.group?.slug ?? ""}
              aria-invalid={d.errors.group ? true : undefined}
              aria-describedby={d.errors.group ? "calendar-group-error" : undefined}
            >
              <option value="">{t("calendar.allGroups")}</option>
              {d.groups.map((g) => (
                <option key={g.slug} value={g.slug}>
                  {g.name}
                </option>
              ))}
            </select>
            {d.errors.group ? (
              <p id="calendar-group-error" className="field-error">
                <span aria-hidden="true">⚠ </span>
                {t.message(d.errors.group)}
              </p>
            ) : null}
          </div>
          <div className={`field${d.errors.view ? " field--invalid" : ""}`}>
            <label htmlFor="calendar-view">{t("calendar.filterView")}</label>
            <select
              id="calendar-view"
              name="view"
              defaultValue={d.view}
              aria-invalid={d.errors.view ? true : undefined}
              aria-describedby={d.errors.view ? "calendar-view-error" : undefined}
            >
              <option value="month">{t("calendar.viewMonth")}</option>
              <option value="list">{t("calendar.viewList")}</option>
            </select>
            {d.errors.view ? (
              <p id="calendar-view-error" className="field-error">
                <span aria-hidden="true">⚠ </span>
                {t.message(d.errors.view)}
              </p>
            ) : null}
          </div>
          {d.view === "month" ? (
            <div className={`field${d.errors.month ? " field--invalid" : ""}`}>
              <label htmlFor="calendar-month">{t("calendar.filterMonth")}</label>
              <p className="hint" id="calendar-month-hint">
                {t("calendar.filterMonthHint")}
              </p>
              <input
                id="calendar-month"
                name="month"
                type="text"
                inputMode="numeric"
                size={8}
                defaultValue={d.month}
                aria-invalid={d.errors.month ? true : undefined}
                aria-describedby={d.errors.month ? "calendar-month-hint calendar-month-error" : "calendar-month-hint"}
              />
              {d.errors.month ? (
                <p id="calendar-month-error" className="field-error">
                  <span aria-hidden="true">⚠ </span>
                  {t.message(d.errors.month)}
                </p>
              ) : null}
            </div>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button">
              {t("calendar.filterSubmit")}
            </button>
            {d.group || hasErrors ? <Link to={calendarHref(base, { view: d.view, month: d.month, group: null }, {})}>{t("calendar.filterReset")}</Link> : null}
          </div>
        </div>
      </Form>

      {d.view === "month" ? <MonthView d={d} base={base} current={current} /> : <ListView d={d} />}

      <section className="card calendar-subscribe" aria-labelledby="calendar-subscribe-title">
        <h2 id="calendar-subscribe-title">{t("calendar.subscribeTitle")}</h2>
        {d.publicFeedUrl ? (
          <>
            <p>{t("calendar.publicFeedIntro")}</p>
            <p className="calendar-feed-url">
              <a href={d.publicFeedUrl}>{d.publicFeedUrl}</a>
            </p>
          </>
        ) : (
          <p>{t("calendar.noPublicFeed")}</p>
        )}
        {d.signedIn ? (
          <p>
            <Link to="/account/calendars">{t("calendar.myFeedsLink")}</Link>
          </p>
        ) : null}
        {d.isCoordinator ? (
          <p>
            <Link to={`/${d.network.slug}/admin/calendar-feed`}>{t("calendar.managePublicFeed")}</Link>
          </p>
        ) : null}
      </section>
    </main>
  );
}

function MonthView({ d, base, current }: { d: Data; base: string; current: { view: string; month: string; group: string | null } }) {
  const t = useT();
  const byDay = new Map<string, typeof d.monthMeetings>();
  for (const m of d.monthMeetings) byDay.set(m.day, [...(byDay.get(m.day) ?? []), m]);
  const previous = shiftMonth(d.month, -1);
  const next = shiftMonth(d.month, 1);
  const thisMonth = d.today.slice(0, 7);
  // Monday to Sunday, named in the reader's language (2026-11-30 was a Monday).
  const weekdays = d.weeks[0].map((day) => ({
    long: dayFormat(t.locale, { weekday: "long" }).format(dayKeyNoon(day)),
    short: dayFormat(t.locale, { weekday: "short" }).format(dayKeyNoon(day)),
  }));
  const monthName = formatMonth(d.month, t.locale);
  return (
    <section aria-labelledby="calendar-month-title" className="calendar-month">
      <div className="calendar-month__head">
        <h2 id="calendar-month-title" className="calendar-month__title">
          {monthName}
        </h2>
        <nav aria-label={t("calendar.monthNav")}>
          <ul className="cluster calendar-month__nav">
            <li>
              <Link to={calendarHref(base, current, { month: previous })} rel="prev">
                <span aria-hidden="true">← </span>
                {formatMonth(previous, t.locale)}
              </Link>
            </li>
            {d.month !== thisMonth ? (
              <li>
                <Link to={calendarHref(base, current, { month: thisMonth })}>{t("calendar.thisMonth")}</Link>
              </li>
            ) : null}
            <li>
              <Link to={calendarHref(base, current, { month: next })} rel="next">
                {formatMonth(next, t.locale)}
                <span aria-hidden="true"> →</span>
              </Link>
            </li>
          </ul>
        </nav>
      </div>
      <p className="muted calendar-month__count" aria-live="polite">
        {t.plural("calendar.monthCount", d.monthMeetings.length)}
      </p>
      {/* On a narrow screen the month scrolls sideways: the region takes the focus so that the
          arrow keys scroll it. */}
      <div className="table-wrap" role="region" aria-labelledby="calendar-month-title" tabIndex={0}>
        <table className="calendar-grid">
          <caption className="visually-hidden">{t("calendar.gridCaption", { month: monthName })}</caption>
          <thead>
            <tr>
              {weekdays.map((w) => (
                <th key={w.long} scope="col">
                  <abbr title={w.long}>{w.short}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.weeks.map((week) => (
              <tr key={week[0]}>
                {week.map((day) => {
                  const inMonth = day.startsWith(d.month);
                  const isToday = day === d.today;
                  const meetings = inMonth ? (byDay.get(day) ?? []) : [];
                  return (
                    <td
                      key={day}
                      className={`calendar-day${inMonth ? "" : " calendar-day--outside"}${isToday ? " calendar-day--today" : ""}`}
                      aria-current={isToday ? "date" : undefined}
                    >
                      <span className="calendar-day__number" aria-hidden="true">
                        {Number(day.slice(8, 10))}
                      </span>
                      <span className="visually-hidden">
                        {formatDayMonth(day, t.locale)}
                        {isToday ? `, ${t("calendar.today")}` : ""}
                      </span>
                      {isToday ? (
                        <span className="calendar-day__today" aria-hidden="true">
                          {t("calendar.today")}
                        </span>
                      ) : null}
                      {meetings.length ? (
                        <ul className="calendar-day__meetings">
                          {meetings.map((m) => (
                            <li key={m.id} className={m.cancelled ? "calendar-day__meeting calendar-day__meeting--cancelled" : "calendar-day__meeting"}>
                              <Link to={meetingHref(m)}>
                                <span className="calendar-day__time">{formatTime(m.startsAt, t.locale)}</span> <MeetingTitle meeting={m} />
                              </Link>
                              <span className="calendar-day__group">{m.group.name}</span>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.monthMeetings.length === 0 ? <p>{t("calendar.noneInMonth")}</p> : null}
    </section>
  );
}

function ListView({ d }: { d: Data }) {
  const t = useT();
  return (
    <section aria-labelledby="calendar-list-title" className="calendar-list">
      <h2 id="calendar-list-title">{t("calendar.upcomingTitle")}</h2>
      {d.days.length === 0 ? (
        <p>{t("calendar.noneUpcoming")}</p>
      ) : (
        d.days.map((day) => (
          <section key={day.day} aria-labelledby={`day-${day.day}`} className="calendar-list__day">
            <h3 id={`day-${day.day}`} className={day.day === d.today ? "calendar-list__date calendar-list__date--today" : "calendar-list__date"}>
              <time dateTime={day.day}>{formatLongDay(day.day, t.locale)}</time>
              {day.day === d.today ? <span className="badge calendar-list__today">{t("calendar.today")}</span> : null}
            </h3>
            <ul className="result-list">
              {day.meetings.map((m) => (
                <li key={m.id}>
                  <MeetingSummary meeting={m} />
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <Pagination page={d.page} pages={d.pages} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
