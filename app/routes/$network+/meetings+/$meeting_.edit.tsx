// A manager moves or edits one meeting; for a series, only this occurrence changes (it keeps its
// place in the series). Participants receive the updated invitation (same UID, higher SEQUENCE).
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { meetingFormValues, updateMeeting } from "#app/models/meetings.server";
import { formatMinutes } from "#app/utils/brussels-time";
import { formReply, invariantResponse } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { meetingPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { managerContext } from "./__meeting.server";
import { EditMeetingSchema, MEETING_FIELDS, MeetingFields, meetingInput, summaryFields } from "./__meeting-form";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, meeting } = await managerContext(request, params);
  invariantResponse(meeting.status === "scheduled", "meetings.error.cancelled", 400);
  const v = meetingFormValues(meeting);
  return {
    network: { slug: network.slug, name: network.name },
    meeting: { id: meeting.id, title: meeting.title, inSeries: !!meeting.seriesId },
    group: { name: meeting.group.name },
    defaults: {
      title: v.title,
      date: v.day,
      startTime: formatMinutes(v.startMinutes),
      endTime: formatMinutes(v.endMinutes),
      place: v.place,
      videoUrl: v.videoUrl ?? "",
      isPublic: v.isPublic,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, meeting, actor } = await managerContext(request, params);
  const submission = parseSubmission(await request.formData(), { schema: EditMeetingSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await updateMeeting(meeting.id, actor.userId, meetingInput(submission.value));
  } catch (error) {
    return formReply(submission, error);
  }
  return redirectWithToast(meetingPath({ networkSlug: network.slug, meetingId: meeting.id }), { kind: "success", key: "meetings.updated" });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${t("meetings.edit.title")} — ${data.meeting.title}` : undefined));

export default function EditMeeting() {
  const t = useT();
  const { network, meeting, group, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof EditMeetingSchema>>({
    id: "meeting-edit",
    lastResult,
    defaultValue: defaults,
    constraint: getZodConstraint(EditMeetingSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditMeetingSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const back = meetingPath({ networkSlug: network.slug, meetingId: meeting.id });
  return (
    <main id="main" className="page page--form">
      <p>
        <Link to={back}>← {meeting.title}</Link>
      </p>
      <h1>{t("meetings.edit.title")}</h1>
      <p className="lead">{t(meeting.inSeries ? "meetings.edit.introSeries" : "meetings.edit.intro", { group: group.name })}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <ErrorSummary form={form} fields={summaryFields(fields, MEETING_FIELDS)} />
        <MeetingFields fields={fields} />
        <div className="form-actions">
          <button type="submit" className="button">
            {t("meetings.edit.submit")}
          </button>
          <Link to={back}>{t("form.cancel")}</Link>
        </div>
      </Form>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
