// A coordinator or a facilitator schedules a meeting of a group: once, or as a series ("every
// month on the 2nd Tuesday", weekly…) until a date or for a number of meetings. Each participant
// receives an invitation with an iCalendar attachment. Works without JavaScript.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";

import type { Actor } from "#app/access/actor";
import { requireActor } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { groupAccess } from "#app/access/group.server";
import { managedGroupsWhere } from "#app/access/group.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, SelectField, SubmissionKeyField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { scheduleMeeting } from "#app/models/meetings.server";
import { requireNetwork } from "#app/models/network.server";
import { addDays, todayInBrussels } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { forbidden, formReply } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { newSubmissionKey, submissionKeyOf } from "#app/utils/idempotency.server";
import { groupPath, meetingPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { MeetingFields, NEW_MEETING_FIELDS, NewMeetingSchema, scheduleInput, SeriesFields, summaryFields } from "./__meeting-form";

/** The groups this person may schedule for: all for a coordinator, else those they facilitate. */
async function manageableGroups(actor: Actor, networkId: string) {
  return prisma.workingGroup.findMany({
    where: managedGroupsWhere(actor, networkId),
    select: { id: true, slug: true, name: true, networkId: true },
    orderBy: { name: "asc" },
  });
}

async function guard(request: Request, networkSlug: string | undefined) {
  const network = await requireNetwork(networkSlug);
  const actor = await requireActor(request);
  const groups = await manageableGroups(actor, network.id);
  if (groups.length === 0) forbidden();
  return { network, actor, groups };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, groups } = await guard(request, params.network);
  const wanted = new URL(request.url).searchParams.get("group");
  const group = groups.find((g) => g.slug === wanted) ?? (groups.length === 1 ? groups[0] : null);
  return {
    network: { slug: network.slug, name: network.name },
    groups: groups.map((g) => ({ slug: g.slug, name: g.name })),
    defaults: {
      group: group?.slug ?? "",
      title: group ? group.name : "",
      date: addDays(todayInBrussels(now()), 14),
      startTime: "09:30",
      endTime: "12:00",
      repeat: "none",
      interval: "1",
      ends: "count",
    },
    submissionKey: newSubmissionKey(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor, groups } = await guard(request, params.network);
  const formData = await request.formData();
  const submission = parseSubmission(formData, { schema: NewMeetingSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const group = groups.find((g) => g.slug === submission.value.group);
  if (!group) return data(submission.reply({ fieldErrors: { group: ["meetings.form.groupRequired"] } }), { status: 400 });
  // The list above already holds only groups this person manages; the rule is asked once more
  // where it is written.
  if (!can(actor, "group.manage", { access: await groupAccess(actor, group) })) forbidden();
  try {
    // The same form sent twice (its key) gets the first one's answer, and schedules nothing more.
    const { meetingId, count } = await scheduleMeeting(group.id, actor.userId, scheduleInput(submission.value), submissionKeyOf(formData));
    return redirectWithToast(meetingPath({ networkSlug: network.slug, meetingId: meetingId }), {
      kind: "success",
      key: count > 1 ? "meetings.scheduled.series" : "meetings.scheduled.one",
      vars: { count },
    });
  } catch (error) {
    return formReply(submission, error);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${t("meetings.new.title")} — ${data.network.name}` : undefined));

export default function NewMeeting() {
  const t = useT();
  const { network, groups, defaults, submissionKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof NewMeetingSchema>>({
    id: "meeting-new",
    lastResult,
    defaultValue: defaults,
    constraint: getZodConstraint(NewMeetingSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewMeetingSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const chosen = groups.find((g) => g.slug === defaults.group);
  return (
    <main id="main" className="page page--form">
      <p>
        <Link to={chosen ? groupPath({ networkSlug: network.slug, groupSlug: chosen.slug }) : `/${network.slug}/groups`}>
          ← {chosen ? chosen.name : t("meetings.backToGroups")}
        </Link>
      </p>
      <h1>{t("meetings.new.title")}</h1>
      <p className="lead">{t("meetings.new.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <ErrorSummary form={form} fields={summaryFields(fields, NEW_MEETING_FIELDS)} />
        <SubmissionKeyField value={submissionKey} />
        <SelectField meta={fields.group} label={t("meetings.form.group")} options={groups.map((g) => ({ value: g.slug, label: g.name }))} />
        <MeetingFields fields={fields} />
        <TextField
          meta={fields.proposalsDaysBefore}
          type="number"
          min={0}
          max={60}
          label={t("meetings.form.proposalsDaysBefore")}
          hint={t("meetings.form.proposalsDaysBeforeHint")}
          optional
        />
        <SeriesFields fields={fields} />
        <p className="hint">{t("meetings.new.invitationsHint")}</p>
        <div className="form-actions">
          <button type="submit" className="button">
            {t("meetings.new.submit")}
          </button>
          <Link to={chosen ? groupPath({ networkSlug: network.slug, groupSlug: chosen.slug }) : `/${network.slug}/groups`}>{t("form.cancel")}</Link>
        </div>
      </Form>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
