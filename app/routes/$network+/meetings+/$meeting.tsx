// The meeting page: its group, date and time in Brussels, place and video link, the agenda, the
// reader's answer (yes / no / maybe), a form to propose an agenda item while proposals are open,
// the .ics download and, for the group's managers, the links to edit, cancel and manage the agenda.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";

import { requireActor } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, SubmissionKeyField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { isInvited, occurrenceInfo, proposeAgendaItem, recordRsvp } from "#app/models/meetings.server";
import { brusselsParts, formatMeetingDay, formatMeetingTime, formatMeetingWhen, publicHolidayOn } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { forbidden, intentReply } from "#app/utils/errors.server";
import { newSubmissionKey, submissionKeyOf } from "#app/utils/idempotency.server";
import { groupPath, meetingPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { meetingContext } from "./__meeting.server";
import { agendaInput, AgendaItemFields, AgendaItemSchema, RadioGroup, RsvpSchema } from "./__meeting-form";

/** What the reader may do here, asked of app/access (the invitation list is the meeting model's fact). */
async function readerMay(ctx: Awaited<ReturnType<typeof meetingContext>>) {
  const { actor, meeting, access } = ctx;
  const at = now();
  const invited = !!actor && (await isInvited(meeting.group.id, actor.userId));
  const scope = { access, invited, meeting, at };
  return { canRsvp: can(actor, "meeting.answer", scope), canPropose: can(actor, "meeting.propose", scope) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await meetingContext(request, params);
  const { network, actor, meeting, access } = ctx;
  const { canRsvp, canPropose } = await readerMay(ctx);
  const [agenda, myProposals, myRsvp, counts, siblings] = await Promise.all([
    prisma.agendaItem.findMany({
      where: { meetingId: meeting.id, status: "accepted" },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, title: true, ownerName: true, durationMinutes: true },
    }),
    actor
      ? prisma.agendaItem.findMany({
          where: { meetingId: meeting.id, proposedById: actor.userId, status: { not: "accepted" } },
          select: { id: true, title: true, status: true },
          orderBy: { createdAt: "asc" },
        })
      : [],
    actor ? prisma.rsvp.findUnique({ where: { meetingId_userId: { meetingId: meeting.id, userId: actor.userId } }, select: { response: true } }) : null,
    can(actor, "group.readInside", { access }) ? prisma.rsvp.groupBy({ by: ["response"], where: { meetingId: meeting.id }, _count: { _all: true } }) : [],
    meeting.seriesId
      ? prisma.meeting.findMany({
          where: { seriesId: meeting.seriesId, id: { not: meeting.id } },
          select: { id: true, startsAt: true, status: true },
          orderBy: { startsAt: "asc" },
        })
      : [],
  ]);
  const canManage = can(actor, "meeting.manage", { access });
  // Public holidays are flagged, never moved: the group may have chosen the day on purpose.
  const holidayOf = (at: Date) => publicHolidayOn(brusselsParts(at).day);
  const holiday = meeting.status === "scheduled" ? holidayOf(meeting.startsAt) : null;
  const proposalsWaiting = canManage ? await prisma.agendaItem.count({ where: { meetingId: meeting.id, status: "proposed" } }) : 0;
  return {
    network: { slug: network.slug, name: network.name },
    meeting: {
      id: meeting.id,
      title: meeting.title,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      place: meeting.place,
      videoUrl: meeting.videoUrl,
      isPublic: meeting.isPublic,
      status: meeting.status,
      cancelReason: meeting.cancelReason,
      proposalsUntil: meeting.proposalsUntil?.toISOString() ?? null,
      past: meeting.endsAt <= now(),
    },
    group: { slug: meeting.group.slug, name: meeting.group.name },
    series: meeting.series
      ? {
          frequency: meeting.series.frequency,
          ordinal: meeting.series.ordinal,
          weekday: meeting.series.weekday,
          interval: meeting.series.interval,
          position: occurrenceInfo(meeting.series, meeting.recurrenceId),
        }
      : null,
    holiday,
    siblings: siblings.map((s) => ({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      status: s.status,
      holiday: s.status === "scheduled" ? holidayOf(s.startsAt) : null,
    })),
    agenda,
    myProposals,
    myRsvp: myRsvp?.response ?? null,
    counts: Object.fromEntries(counts.map((c) => [c.response, c._count._all])) as Record<string, number>,
    canRsvp,
    canPropose,
    canManage,
    isInsider: can(actor, "meeting.seeDetails", { access }),
    proposalsWaiting,
    submissionKey: newSubmissionKey(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireActor(request);
  const ctx = await meetingContext(request, params);
  const { network, meeting } = ctx;
  const actor = ctx.actor!;
  const { canRsvp, canPropose } = await readerMay(ctx);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = meetingPath({ networkSlug: network.slug, meetingId: meeting.id });
  if (intent === "rsvp") {
    if (!canRsvp) forbidden();
    const submission = parseSubmission(formData, { schema: RsvpSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    await recordRsvp(meeting.id, actor.userId, submission.value.response);
    return redirectWithToast(back, { kind: "success", key: `meetings.rsvp.saved.${submission.value.response}` });
  }
  if (intent === "propose") {
    if (!canPropose) forbidden();
    const submission = parseSubmission(formData, { schema: AgendaItemSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      await proposeAgendaItem(meeting.id, actor.userId, agendaInput(submission.value), submissionKeyOf(formData));
    } catch (error) {
      return intentReply(intent, submission, error, { fields: [] });
    }
    return redirectWithToast(back, { kind: "success", key: "meetings.proposals.sent" });
  }
  return data({ intent: null, result: null }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.meeting.title} — ${data.group.name} — Maillage` : "Maillage" }];

export default function MeetingPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const { network, meeting, group, series } = d;
  const actionData = useActionData<typeof action>();
  const meetingRef = { networkSlug: network.slug, meetingId: meeting.id };
  const [rsvpForm, rsvpFields] = useForm<z.input<typeof RsvpSchema>>({
    id: "meeting-rsvp",
    lastResult: actionData?.intent === "rsvp" ? actionData.result : undefined,
    defaultValue: { response: d.myRsvp ?? undefined },
    constraint: getZodConstraint(RsvpSchema),
    shouldValidate: "onSubmit",
  });
  const [proposeForm, proposeFields] = useForm<z.input<typeof AgendaItemSchema>>({
    id: "meeting-propose",
    lastResult: actionData?.intent === "propose" ? actionData.result : undefined,
    constraint: getZodConstraint(AgendaItemSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AgendaItemSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const cancelled = meeting.status === "cancelled";
  const total = d.agenda.reduce((sum, item) => sum + (item.durationMinutes ?? 0), 0);
  return (
    <main id="main" className="page meeting-page">
      <p>
        <Link to={groupPath({ networkSlug: network.slug, groupSlug: group.slug })}>← {group.name}</Link>
      </p>
      <h1>
        {meeting.title} {cancelled ? <span className="badge badge--warn">{t("meetings.status.cancelled")}</span> : null}
      </h1>
      {cancelled ? (
        <p className="notice notice--warn">
          {t("meetings.page.cancelled")}
          {meeting.cancelReason ? ` ${t("meetings.email.reason", { reason: meeting.cancelReason })}` : ""}
        </p>
      ) : null}
      {d.canManage && (d.holiday || d.siblings.some((s) => s.holiday)) ? (
        <p className="notice notice--warn" role="status">
          <span aria-hidden="true">⚠ </span>
          {d.holiday ? t("meetings.page.holidayThis", { holiday: t.pick("holiday", d.holiday) }) : null}{" "}
          {d.siblings.some((s) => s.holiday) ? t("meetings.page.holidaySeries", { count: d.siblings.filter((s) => s.holiday).length }) : null}{" "}
          {t("meetings.page.holidayNotMoved")}
        </p>
      ) : null}
      <dl className="meeting-facts">
        <dt>{t("meetings.page.group")}</dt>
        <dd>
          <Link to={groupPath({ networkSlug: network.slug, groupSlug: group.slug })}>{group.name}</Link>
        </dd>
        <dt>{t("meetings.page.when")}</dt>
        <dd>
          <time dateTime={meeting.startsAt}>{formatMeetingWhen(meeting.startsAt, meeting.endsAt, t.locale)}</time>{" "}
          <span className="muted">({t("meetings.page.brusselsTime")})</span>
        </dd>
        {series ? (
          <>
            <dt>{t("meetings.page.series")}</dt>
            <dd>
              {series.frequency === "monthly"
                ? t("meetings.series.monthly", {
                    ordinal: t.pick("meetings.ordinal", String(series.ordinal)),
                    weekday: t.pick("meetings.weekday", series.weekday),
                    interval: series.interval,
                  })
                : t("meetings.series.weekly", { weekday: t.pick("meetings.weekday", series.weekday), interval: series.interval })}
              {series.position ? ` — ${t("meetings.page.occurrence", { index: series.position.index, total: series.position.total })}` : ""}
            </dd>
          </>
        ) : null}
        {meeting.place ? (
          <>
            <dt>{t("meetings.page.place")}</dt>
            <dd>{meeting.place}</dd>
          </>
        ) : null}
        {meeting.videoUrl ? (
          <>
            <dt>{t("meetings.page.video")}</dt>
            <dd>
              <a href={meeting.videoUrl} rel="noopener noreferrer">
                {meeting.videoUrl}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t("meetings.page.visibility")}</dt>
        <dd>{meeting.isPublic ? t("meetings.page.public") : t("meetings.page.network")}</dd>
      </dl>

      <ul className="meeting-links">
        <li>
          <a href={meetingPath(meetingRef, "ics")} download>
            {t("meetings.page.downloadIcs")}
          </a>
        </li>
        {d.isInsider ? (
          <>
            <li>
              <Link to={meetingPath(meetingRef, "attendance")}>{t("meetings.page.attendance")}</Link>
            </li>
            <li>
              <Link to={meetingPath(meetingRef, "minutes")}>{t("meetings.page.minutes")}</Link>
            </li>
          </>
        ) : null}
        {d.canManage && !cancelled ? (
          <>
            <li>
              <Link to={meetingPath(meetingRef, "edit")}>{t("meetings.page.edit")}</Link>
            </li>
            <li>
              <Link to={meetingPath(meetingRef, "agenda")}>
                {t("meetings.page.manageAgenda")}
                {d.proposalsWaiting ? ` (${t("meetings.page.proposalsWaiting", { count: d.proposalsWaiting })})` : ""}
              </Link>
            </li>
            <li>
              <Link to={meetingPath(meetingRef, "cancel")}>{t("meetings.page.cancel")}</Link>
            </li>
          </>
        ) : null}
      </ul>

      <section aria-labelledby="agenda-heading" className="card">
        <h2 id="agenda-heading">{t("meetings.agenda.title")}</h2>
        {d.agenda.length === 0 ? (
          <p className="muted">{t("meetings.agenda.empty")}</p>
        ) : (
          <ol className="agenda-list">
            {d.agenda.map((item) => (
              <li key={item.id}>
                <strong>{item.title}</strong>
                {item.ownerName ? <span> — {item.ownerName}</span> : null}
                {item.durationMinutes ? <span className="muted"> ({t("meetings.agenda.minutes", { count: item.durationMinutes })})</span> : null}
              </li>
            ))}
          </ol>
        )}
        {total ? <p className="muted">{t("meetings.agenda.total", { count: total })}</p> : null}
      </section>

      {d.canRsvp ? (
        <section aria-labelledby="rsvp-heading" className="card">
          <h2 id="rsvp-heading">{t("meetings.rsvp.title")}</h2>
          {d.myRsvp ? <p>{t("meetings.rsvp.current", { answer: t.pick("meetings.rsvp", d.myRsvp) })}</p> : null}
          <Form method="post" {...getFormProps(rsvpForm)} className="stack">
            <ErrorSummary form={rsvpForm} fields={rsvpFields} />
            <input type="hidden" name="intent" value="rsvp" />
            <RadioGroup
              meta={rsvpFields.response}
              legend={t("meetings.rsvp.question")}
              options={["yes", "no", "maybe"].map((r) => ({ value: r, label: t.pick("meetings.rsvp", r) }))}
            />
            <div className="form-actions">
              <button type="submit" className="button">
                {t("meetings.rsvp.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      {d.isInsider && Object.keys(d.counts).length ? (
        <p className="muted">{t("meetings.rsvp.counts", { yes: d.counts.yes ?? 0, no: d.counts.no ?? 0, maybe: d.counts.maybe ?? 0 })}</p>
      ) : null}

      {d.canPropose ? (
        <section aria-labelledby="propose-heading" className="card">
          <h2 id="propose-heading">{t("meetings.proposals.title")}</h2>
          <p className="hint">
            {t("meetings.proposals.until", {
              date: formatMeetingDay(meeting.proposalsUntil!, t.locale),
              time: formatMeetingTime(meeting.proposalsUntil!, t.locale),
            })}
          </p>
          <Form method="post" {...getFormProps(proposeForm)} className="stack">
            <ErrorSummary form={proposeForm} fields={proposeFields} />
            <input type="hidden" name="intent" value="propose" />
            <SubmissionKeyField value={d.submissionKey} />
            <AgendaItemFields fields={proposeFields} />
            <div className="form-actions">
              <button type="submit" className="button button--secondary">
                {t("meetings.proposals.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
      {d.myProposals.length ? (
        <section aria-labelledby="my-proposals-heading">
          <h2 id="my-proposals-heading">{t("meetings.proposals.mine")}</h2>
          <ul>
            {d.myProposals.map((p) => (
              <li key={p.id}>
                {p.title} — {t.pick("meetings.proposals.status", p.status)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.siblings.length ? (
        <section aria-labelledby="series-heading">
          <h2 id="series-heading">{t("meetings.page.otherDates")}</h2>
          <ul className="meeting-siblings">
            {d.siblings.map((s) => (
              <li key={s.id}>
                <Link to={meetingPath({ networkSlug: network.slug, meetingId: s.id })}>
                  {formatMeetingDay(s.startsAt, t.locale)}, {formatMeetingTime(s.startsAt, t.locale)}
                </Link>
                {s.status === "cancelled" ? <span className="badge badge--warn">{t("meetings.status.cancelled")}</span> : null}
                {s.holiday ? <span className="badge badge--warn">{t("meetings.page.holidayBadge", { holiday: t.pick("holiday", s.holiday) })}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
