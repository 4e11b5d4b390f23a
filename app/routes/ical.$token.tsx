// /ical/<token>.ics: a subscribable calendar (iCalendar, METHOD:PUBLISH), fetched by Outlook,
// Google or Thunderbird without a session. The token is the only key: unknown or revoked → 404.
// What the feed holds is decided at every fetch with the owner's rights of that moment
// (feedMeetingsWhere → visibleMeetingsWhere); the public feed of a network holds public meetings.
import type { LoaderFunctionArgs } from "@remix-run/node";

import { feedByToken, feedMeetingsWhere, tokenFromParam } from "#app/models/calendar.server";
import { now } from "#app/utils/clock.server";
import { DEFAULT_LOCALE, isLocale, makeT } from "#app/utils/i18n";
import { meetingsIcs } from "#app/utils/ics.server";

function notFound() {
  return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

export async function loader({ params }: LoaderFunctionArgs) {
  const token = tokenFromParam(params.token);
  if (!token) return notFound();
  const feed = await feedByToken(token);
  if (!feed) return notFound();
  const where = await feedMeetingsWhere(feed, now());
  if (!where) return notFound();
  const locale = feed.user && isLocale(feed.user.locale) ? feed.user.locale : DEFAULT_LOCALE;
  const t = makeT(locale);
  const name =
    feed.scope === "person"
      ? t("calendar.feedName.person")
      : feed.scope === "group" && feed.group
        ? t("calendar.feedName.group", { group: feed.group.name, network: feed.group.network.name })
        : feed.scope === "public"
          ? t("calendar.feedName.public", { network: feed.network?.name ?? "" })
          : t("calendar.feedName.network", { network: feed.network?.name ?? "" });
  const body = await meetingsIcs(where, name);
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      // A personal feed is the owner's view: no shared cache may keep it. The public one may be.
      "Cache-Control": feed.scope === "public" ? "public, max-age=300" : "private, max-age=300",
      "Content-Disposition": 'inline; filename="maillage.ics"',
      "X-Robots-Tag": "noindex",
    },
  });
}
