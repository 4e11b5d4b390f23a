// A manager builds the agenda: adds items (title, who presents, duration), edits, removes and puts
// them in order with "up" and "down" buttons (plain forms: no JavaScript needed), sets until when
// members may propose items, and accepts or declines their proposals.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { DateField, ErrorSummary, SubmissionKeyField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { addAgendaItem, decideProposal, moveAgendaItem, removeAgendaItem, setProposalsUntil, updateAgendaItem } from "#app/models/meetings.server";
import {
  brusselsInstant,
  brusselsParts,
  formatMeetingDay,
  formatMeetingTime,
  formatMeetingWhen,
  formatMinutes,
  parseDateKey,
  parseTimeOfDay,
} from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { formRefusal, invariantResponse } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { newSubmissionKey, submissionKeyOf } from "#app/utils/idempotency.server";
import { meetingPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { managerContext } from "./__meeting.server";
import { agendaInput, AgendaItemFields, AgendaItemSchema } from "./__meeting-form";

const DeadlineSchema = z.object({
  clear: z.string().optional(),
  untilDate: z
    .string()
    .trim()
    .refine((v) => parseDateKey(v) !== null, "meetings.form.invalidDate")
    .optional(),
  untilTime: z
    .string()
    .trim()
    .refine((v) => parseTimeOfDay(v) !== null, "meetings.form.invalidTime")
    .optional(),
});

const ItemRef = z.object({ itemId: z.string().min(1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, meeting } = await managerContext(request, params);
  invariantResponse(meeting.status === "scheduled", "meetings.error.cancelled", 400);
  const items = await prisma.agendaItem.findMany({
    where: { meetingId: meeting.id },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, title: true, ownerName: true, durationMinutes: true, status: true, proposedBy: { select: { name: true } } },
  });
  const until = meeting.proposalsUntil ? brusselsParts(meeting.proposalsUntil) : null;
  return {
    network: { slug: network.slug },
    meeting: {
      id: meeting.id,
      title: meeting.title,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      proposalsUntil: meeting.proposalsUntil?.toISOString() ?? null,
    },
    accepted: items.filter((i) => i.status === "accepted").map(({ proposedBy: _p, ...i }) => i),
    proposed: items
      .filter((i) => i.status === "proposed")
      .map((i) => ({ id: i.id, title: i.title, ownerName: i.ownerName, durationMinutes: i.durationMinutes, by: i.proposedBy?.name ?? null })),
    declined: items.filter((i) => i.status === "declined").map((i) => ({ id: i.id, title: i.title })),
    deadline: until ? { untilDate: until.day, untilTime: formatMinutes(until.minutes) } : { untilDate: "", untilTime: "" },
    submissionKey: newSubmissionKey(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, meeting, actor } = await managerContext(request, params);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = meetingPath({ networkSlug: network.slug, meetingId: meeting.id }, "agenda");
  const ok = (key: string) => redirectWithToast(here, { kind: "success", key });
  const itemId = ItemRef.safeParse({ itemId: formData.get("itemId") }).data?.itemId ?? "";
  try {
    switch (intent) {
      case "add":
      case "edit": {
        const submission = parseSubmission(formData, { schema: AgendaItemSchema });
        if (submission.status !== "success") return data({ intent, itemId, result: submission.reply() }, { status: 400 });
        if (intent === "add") await addAgendaItem(meeting.id, actor.userId, agendaInput(submission.value), submissionKeyOf(formData));
        else await updateAgendaItem(meeting.id, actor.userId, itemId, agendaInput(submission.value));
        return ok(intent === "add" ? "meetings.agenda.added" : "meetings.agenda.saved");
      }
      case "remove":
        await removeAgendaItem(meeting.id, actor.userId, itemId);
        return ok("meetings.agenda.removed");
      case "up":
      case "down":
        await moveAgendaItem(meeting.id, actor.userId, itemId, intent);
        return ok("meetings.agenda.moved");
      case "accept":
      case "decline":
        await decideProposal(meeting.id, actor.userId, itemId, intent === "accept" ? "accepted" : "declined");
        return ok(intent === "accept" ? "meetings.proposals.accepted" : "meetings.proposals.declined");
      case "deadline": {
        const submission = parseSubmission(formData, { schema: DeadlineSchema });
        if (submission.status !== "success") return data({ intent, itemId, result: submission.reply() }, { status: 400 });
        const { clear, untilDate, untilTime } = submission.value;
        if (clear) {
          await setProposalsUntil(meeting.id, actor.userId, null);
          return ok("meetings.proposals.closedNow");
        }
        if (!untilDate) return data({ intent, itemId, result: submission.reply({ fieldErrors: { untilDate: ["form.required"] } }) }, { status: 400 });
        const until = brusselsInstant(untilDate, parseTimeOfDay(untilTime ?? "") ?? 23 * 60 + 59);
        if (until > meeting.startsAt)
          return data({ intent, itemId, result: submission.reply({ fieldErrors: { untilDate: ["meetings.proposals.error.afterMeeting"] } }) }, { status: 400 });
        await setProposalsUntil(meeting.id, actor.userId, until);
        return ok("meetings.proposals.deadlineSaved");
      }
      default:
        return data({ intent: null, itemId, result: null }, { status: 400 });
    }
  } catch (error) {
    const refusal = formRefusal(error);
    const result = { status: "error" as const, error: { "": [refusal.message] } };
    return data({ intent, itemId, result, message: refusal.message }, { status: refusal.status });
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${t("meetings.agenda.manageTitle")} — ${data.meeting.title}` : undefined));

type ActionData = { intent: string | null; itemId: string; result: unknown; message?: string | null } | undefined;

function ItemForm({
  item,
  actionData,
  index,
  last,
}: {
  item: { id: string; title: string; ownerName: string; durationMinutes: number | null };
  actionData: ActionData;
  index: number;
  last: boolean;
}) {
  const t = useT();
  const mine = actionData?.intent === "edit" && actionData.itemId === item.id;
  const [form, fields] = useForm<z.input<typeof AgendaItemSchema>>({
    id: `agenda-item-${item.id}`,
    lastResult: mine ? (actionData!.result as never) : undefined,
    defaultValue: { title: item.title, ownerName: item.ownerName, durationMinutes: item.durationMinutes ?? undefined },
    constraint: getZodConstraint(AgendaItemSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AgendaItemSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <li className="agenda-edit__item">
      <details open={mine}>
        <summary>
          <span className="agenda-edit__number">{index + 1}.</span> {item.title}
          {item.ownerName ? ` — ${item.ownerName}` : ""}
          {item.durationMinutes ? ` (${t("meetings.agenda.minutes", { count: item.durationMinutes })})` : ""}
        </summary>
        <Form method="post" {...getFormProps(form)} className="stack">
          <ErrorSummary form={form} fields={fields} />
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="itemId" value={item.id} />
          <AgendaItemFields fields={fields} />
          <button type="submit" className="button button--small">
            {t("meetings.agenda.save")}
          </button>
        </Form>
      </details>
      <div className="agenda-edit__actions">
        <Form method="post">
          <input type="hidden" name="itemId" value={item.id} />
          <button
            type="submit"
            name="intent"
            value="up"
            className="button button--small button--secondary"
            disabled={index === 0}
            aria-label={t("meetings.agenda.upLabel", { title: item.title })}
          >
            ↑ {t("meetings.agenda.up")}
          </button>
          <button
            type="submit"
            name="intent"
            value="down"
            className="button button--small button--secondary"
            disabled={last}
            aria-label={t("meetings.agenda.downLabel", { title: item.title })}
          >
            ↓ {t("meetings.agenda.down")}
          </button>
          <button
            type="submit"
            name="intent"
            value="remove"
            className="button button--small button--secondary"
            aria-label={t("meetings.agenda.removeLabel", { title: item.title })}
          >
            {t("meetings.agenda.remove")}
          </button>
        </Form>
      </div>
    </li>
  );
}

export default function AgendaPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData;
  const back = meetingPath({ networkSlug: d.network.slug, meetingId: d.meeting.id });
  const [addForm, addFields] = useForm<z.input<typeof AgendaItemSchema>>({
    id: "agenda-add",
    lastResult: actionData?.intent === "add" ? (actionData.result as never) : undefined,
    constraint: getZodConstraint(AgendaItemSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AgendaItemSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [deadlineForm, deadlineFields] = useForm<z.input<typeof DeadlineSchema>>({
    id: "agenda-deadline",
    lastResult: actionData?.intent === "deadline" ? (actionData.result as never) : undefined,
    defaultValue: d.deadline,
    shouldValidate: "onSubmit",
  });
  const message = actionData && "message" in actionData ? actionData.message : null;
  return (
    <main id="main" className="page page--form agenda-page">
      <p>
        <Link to={back}>← {d.meeting.title}</Link>
      </p>
      <h1>{t("meetings.agenda.manageTitle")}</h1>
      <p className="lead">{formatMeetingWhen(d.meeting.startsAt, d.meeting.endsAt, t.locale)}</p>
      {message ? (
        <p className="notice notice--warn" role="alert">
          {t.message(message)}
        </p>
      ) : null}

      <section aria-labelledby="agenda-items-heading">
        <h2 id="agenda-items-heading">{t("meetings.agenda.title")}</h2>
        {d.accepted.length === 0 ? <p className="muted">{t("meetings.agenda.empty")}</p> : null}
        <ol className="agenda-edit">
          {d.accepted.map((item, index) => (
            <ItemForm key={item.id} item={item} index={index} last={index === d.accepted.length - 1} actionData={actionData} />
          ))}
        </ol>
      </section>

      <section aria-labelledby="agenda-add-heading" className="card">
        <h2 id="agenda-add-heading">{t("meetings.agenda.add")}</h2>
        <Form method="post" {...getFormProps(addForm)} className="stack">
          <ErrorSummary form={addForm} fields={addFields} />
          <input type="hidden" name="intent" value="add" />
          <SubmissionKeyField value={d.submissionKey} />
          <AgendaItemFields fields={addFields} />
          <button type="submit" className="button">
            {t("meetings.agenda.addSubmit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="proposals-heading" className="card">
        <h2 id="proposals-heading">{t("meetings.proposals.manageTitle")}</h2>
        <p>
          {d.meeting.proposalsUntil
            ? t("meetings.proposals.until", {
                date: formatMeetingDay(d.meeting.proposalsUntil, t.locale),
                time: formatMeetingTime(d.meeting.proposalsUntil, t.locale),
              })
            : t("meetings.proposals.none")}
        </p>
        <Form method="post" {...getFormProps(deadlineForm)} className="stack">
          <ErrorSummary form={deadlineForm} fields={deadlineFields} />
          <input type="hidden" name="intent" value="deadline" />
          <div className="meeting-times">
            <DateField meta={deadlineFields.untilDate} label={t("meetings.proposals.untilDate")} />
            <TextField meta={deadlineFields.untilTime} type="time" label={t("meetings.proposals.untilTime")} optional />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button--secondary">
              {t("meetings.proposals.saveDeadline")}
            </button>
            {d.meeting.proposalsUntil ? (
              <button type="submit" name="clear" value="1" className="button button--secondary">
                {t("meetings.proposals.closeNow")}
              </button>
            ) : null}
          </div>
        </Form>

        <h3>{t("meetings.proposals.waiting")}</h3>
        {d.proposed.length === 0 ? (
          <p className="muted">{t("meetings.proposals.noneWaiting")}</p>
        ) : (
          <ul className="agenda-proposals">
            {d.proposed.map((p) => (
              <li key={p.id}>
                <strong>{p.title}</strong>
                {p.ownerName ? ` — ${p.ownerName}` : ""}
                {p.durationMinutes ? ` (${t("meetings.agenda.minutes", { count: p.durationMinutes })})` : ""}
                {p.by ? <span className="muted"> · {t("meetings.proposals.by", { name: p.by })}</span> : null}
                <Form method="post" className="inline-actions">
                  <input type="hidden" name="itemId" value={p.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="accept"
                    className="button button--small"
                    aria-label={t("meetings.proposals.acceptLabel", { title: p.title })}
                  >
                    {t("meetings.proposals.accept")}
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="decline"
                    className="button button--small button--secondary"
                    aria-label={t("meetings.proposals.declineLabel", { title: p.title })}
                  >
                    {t("meetings.proposals.decline")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        {d.declined.length ? (
          <>
            <h3>{t("meetings.proposals.declinedTitle")}</h3>
            <ul>
              {d.declined.map((p) => (
                <li key={p.id}>{p.title}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
