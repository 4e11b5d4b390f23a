// GET /:network/meetings/:meeting/minutes/pdf (?version=n): the minutes the reader may see, as a
// PDF. A resource route: no component, no ErrorBoundary (it would make Remix treat this as a
// page); what the reader may not see answers with the small not-found page, like the charter's PDF.
import type { LoaderFunctionArgs } from "@remix-run/node";

import { getActor } from "#app/access/actor.server";
import { attendanceList } from "#app/models/attendance.server";
import { charterPdfNotFoundPage, notFoundMessage } from "#app/models/charter-pdf.server";
import { forDisplay, meetingActionItems } from "#app/models/minutes.server";
import { minutesPdfResponse } from "#app/models/minutes-pdf.server";
import stylesUrl from "#app/styles/app.css";
import { invariantResponse } from "#app/utils/errors.server";
import { makeT } from "#app/utils/i18n";
import { resolveLocale } from "#app/utils/i18n.server";
import { meetingPath } from "#app/utils/paths";

import { minutesContext } from "./__minutes.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const { network, meeting, readable } = await minutesContext(request, params);
    const wanted = new URL(request.url).searchParams.get("version");
    const version = wanted ? readable.find((v) => String(v.version) === wanted) : readable[0];
    invariantResponse(version, "minutes.pdf.notFound");
    const locale = await resolveLocale(request, (await getActor(request))?.locale);
    const [attendance, actions] = await Promise.all([attendanceList(meeting.id), meetingActionItems(meeting.id)]);
    return await minutesPdfResponse({
      locale,
      network,
      meeting,
      version: forDisplay(version),
      attendance: meeting.attendanceTakenAt ? attendance : null,
      actions,
    });
  } catch (error) {
    const key = await notFoundMessage(error);
    if (!key) throw error;
    const locale = await resolveLocale(request, (await getActor(request))?.locale);
    const t = makeT(locale);
    const back =
      key === "minutes.pdf.notFound"
        ? { href: meetingPath({ networkSlug: params.network ?? "", meetingId: params.meeting ?? "" }, "minutes"), label: t("minutes.backToMinutes") }
        : { href: "/", label: t("error.backHome") };
    return charterPdfNotFoundPage(locale, key === "minutes.pdf.notFound" ? key : "error.notFound", back, stylesUrl);
  }
}
