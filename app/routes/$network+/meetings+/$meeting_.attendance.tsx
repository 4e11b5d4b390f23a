// GET/POST /:network/meetings/:meeting/attendance: the register of a meeting, once it has started.
// A manager of the group (coordinator, facilitator) or the meeting's note-taker marks each member
// organisation present, excused or absent; until then the sheet is pre-filled from the RSVPs.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";

import { requireActor } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { groupAccess } from "#app/access/group.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { attendanceSheet, hasStarted, recordAttendance } from "#app/models/attendance.server";
import { requireMeeting } from "#app/models/minutes.server";
import { requireNetwork } from "#app/models/network.server";
import { formatMeetingStart } from "#app/utils/brussels-time";
import { ATTENDANCE_STATUSES } from "#app/utils/domain";
import { forbidden, formRefusal } from "#app/utils/errors.server";
import { groupPath, meetingPath } from "#app/utils/paths";
import { redirectWithToast } from "#app/utils/toast.server";

async function guard(request: Request, params: { network?: string; meeting?: string }) {
  const network = await requireNetwork(params.network);
  const actor = await requireActor(request);
  const meeting = await requireMeeting(network.id, params.meeting);
  const access = await groupAccess(actor, meeting.group);
  if (!can(actor, "meeting.takeAttendance", { access, meeting })) forbidden();
  return { network, actor, meeting };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, meeting } = await guard(request, params);
  const sheet = await attendanceSheet(meeting);
  return {
    network: { slug: network.slug },
    meeting: {
      id: meeting.id,
      title: meeting.title,
      startsAt: meeting.startsAt,
      cancelled: meeting.status === "cancelled",
      takenAt: meeting.attendanceTakenAt,
    },
    group: { slug: meeting.group.slug, name: meeting.group.name },
    started: hasStarted(meeting),
    sheet,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor, meeting } = await guard(request, params);
  const form = await request.formData();
  // One radio group per organisation: "status.<organisation id>".
  const statuses: Record<string, string> = {};
  for (const [name, value] of form) if (name.startsWith("status.") && typeof value === "string") statuses[name.slice(7)] = value;
  try {
    const result = await recordAttendance({ networkId: network.id, actorId: actor.userId, meetingId: meeting.id, statuses });
    return redirectWithToast(meetingPath({ networkSlug: network.slug, meetingId: meeting.id }, "minutes"), {
      kind: "success",
      key: "minutes.attendance.saved",
      vars: result,
    });
  } catch (error) {
    const refusal = formRefusal(error);
    return data({ error: refusal.message, statuses }, { status: refusal.status });
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.meeting.title} — Maillage` : "Maillage" }];

export default function AttendancePage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result?.error) alert.current?.focus();
  }, [result]);
  const base = meetingPath({ networkSlug: d.network.slug, meetingId: d.meeting.id });
  return (
    <main id="main" className="page page--form attendance-page">
      <p className="breadcrumbs">
        <Link to={groupPath({ networkSlug: d.network.slug, groupSlug: d.group.slug })}>{d.group.name}</Link> › <Link to={base}>{d.meeting.title}</Link>
      </p>
      <h1>{t("minutes.attendance.pageTitle", { meeting: d.meeting.title })}</h1>
      <p className="lead">{formatMeetingStart(d.meeting.startsAt, t.locale)}</p>
      {result?.error ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={alert}>
          <p className="error-summary__title">{t.message(result.error)}</p>
        </div>
      ) : null}
      {d.meeting.cancelled ? (
        <p className="notice notice--warn">{t("minutes.attendance.error.cancelled")}</p>
      ) : !d.started ? (
        <p className="notice">{t("minutes.attendance.error.notStarted")}</p>
      ) : d.sheet.length === 0 ? (
        <p className="notice">{t("minutes.attendance.noMembers")}</p>
      ) : (
        <Form method="post" className="attendance-form">
          <p className="hint">{d.meeting.takenAt ? t("minutes.attendance.alreadyTaken") : t("minutes.attendance.prefilled")}</p>
          {d.sheet.map((row) => {
            const chosen = result?.statuses?.[row.organisationId] ?? row.status;
            return (
              <fieldset key={row.organisationId} className="attendance-row">
                <legend>{row.name}</legend>
                {ATTENDANCE_STATUSES.map((status) => (
                  <label key={status} className="radio">
                    <input type="radio" name={`status.${row.organisationId}`} value={status} defaultChecked={chosen === status} />{" "}
                    {t(`minutes.attendance.${status}`)}
                  </label>
                ))}
                {row.source === "rsvp" && !d.meeting.takenAt ? <span className="hint">{t("minutes.attendance.fromRsvp")}</span> : null}
              </fieldset>
            );
          })}
          <div className="form-actions">
            <button type="submit" className="button">
              {t("minutes.attendance.save")}
            </button>
            <Link to={meetingPath({ networkSlug: d.network.slug, meetingId: d.meeting.id }, "minutes")}>{t("form.cancel")}</Link>
          </div>
        </Form>
      )}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
