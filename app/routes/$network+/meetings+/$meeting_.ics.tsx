// Download the meeting as an .ics file (METHOD:PUBLISH). For an occurrence of a series, the whole
// series as this reader may see it, so that one import puts every date in the calendar.
import type { LoaderFunctionArgs } from "@remix-run/node";

import { visibleMeetingsWhere } from "#app/access/meeting.server";
import { slugify } from "#app/utils/domain";
import { meetingsIcs } from "#app/utils/ics.server";

import { meetingContext } from "./__meeting.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, actor, meeting } = await meetingContext(request, params);
  const visible = await visibleMeetingsWhere(actor, network.id);
  const where = meeting.seriesId ? { AND: [visible, { seriesId: meeting.seriesId }] } : { id: meeting.id };
  const body = await meetingsIcs(where, `${meeting.group.name} — ${meeting.title}`);
  // "Fracture numérique" → "fracture-numerique.ics": letters keep their base, accents drop.
  const name = slugify(meeting.title) || "reunion";
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
