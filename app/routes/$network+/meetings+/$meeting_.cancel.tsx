// A manager cancels a meeting, or this occurrence and every later one of its series. Participants
// receive a cancellation (METHOD:CANCEL) that removes it from their calendar.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, TextareaField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { cancelMeeting } from "#app/models/meetings.server";
import { formatMeetingWhen } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { formReply, invariantResponse } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { meetingPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { managerContext } from "./__meeting.server";
import { RadioGroup } from "./__meeting-form";

const CancelSchema = z.object({
  // Sent by the button: a bare POST never cancels a meeting.
  confirm: z.literal("1", { errorMap: () => ({ message: "form.invalidChoice" }) }),
  reason: z.string().trim().max(500, "form.tooLong").optional().default(""),
  scope: z.enum(["one", "rest"], { message: "form.invalidChoice" }).default("one"),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, meeting } = await managerContext(request, params);
  invariantResponse(meeting.status === "scheduled", "meetings.error.cancelled", 400);
  const later = meeting.seriesId
    ? await prisma.meeting.count({ where: { seriesId: meeting.seriesId, status: "scheduled", startsAt: { gt: meeting.startsAt } } })
    : 0;
  return {
    network: { slug: network.slug },
    meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt.toISOString(), endsAt: meeting.endsAt.toISOString() },
    later,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, meeting, actor } = await managerContext(request, params);
  const submission = parseSubmission(await request.formData(), { schema: CancelSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (submission.value.scope === "rest" && !meeting.seriesId)
    return data(submission.reply({ fieldErrors: { scope: ["form.invalidChoice"] } }), { status: 400 });
  try {
    const count = await cancelMeeting(meeting.id, actor.userId, submission.value.reason, submission.value.scope);
    return redirectWithToast(meetingPath({ networkSlug: network.slug, meetingId: meeting.id }), {
      kind: "success",
      key: "meetings.cancelled",
      vars: { count },
    });
  } catch (error) {
    return formReply(submission, error);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${t("meetings.cancel.title")} — ${data.meeting.title}` : undefined));

export default function CancelMeeting() {
  const t = useT();
  const { network, meeting, later } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof CancelSchema>>({
    id: "meeting-cancel",
    lastResult,
    defaultValue: { scope: "one" },
    constraint: getZodConstraint(CancelSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CancelSchema }),
    shouldValidate: "onSubmit",
  });
  const back = meetingPath({ networkSlug: network.slug, meetingId: meeting.id });
  return (
    <main id="main" className="page page--form">
      <p>
        <Link to={back}>← {meeting.title}</Link>
      </p>
      <h1>{t("meetings.cancel.title")}</h1>
      <p className="lead">{t("meetings.cancel.intro", { title: meeting.title, when: formatMeetingWhen(meeting.startsAt, meeting.endsAt, t.locale) })}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <ErrorSummary form={form} fields={fields} />
        <input type="hidden" name="confirm" value="1" />
        {later > 0 ? (
          <RadioGroup
            meta={fields.scope}
            legend={t("meetings.cancel.scope")}
            options={[
              { value: "one", label: t("meetings.cancel.scope.one") },
              { value: "rest", label: t("meetings.cancel.scope.rest", { count: later }) },
            ]}
          />
        ) : (
          <input type="hidden" name="scope" value="one" />
        )}
        <TextareaField meta={fields.reason} label={t("meetings.cancel.reason")} hint={t("meetings.cancel.reasonHint")} optional rows={3} />
        <div className="form-actions">
          <button type="submit" className="button button--danger">
            {t("meetings.cancel.submit")}
          </button>
          <Link to={back}>{t("meetings.cancel.keep")}</Link>
        </div>
      </Form>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
