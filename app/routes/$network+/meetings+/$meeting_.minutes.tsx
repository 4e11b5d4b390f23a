// GET /:network/meetings/:meeting/minutes: the minutes of a meeting, for whoever may read them.
// The group's readers follow the workflow here: the note-taker (a volunteer, or named by a
// manager) writes and submits; participants comment on submitted minutes; a manager approves (or
// puts the approval on the next meeting's agenda) and publishes, choosing who may read them. A
// published version is frozen: a correction starts version n+1. Every earlier version is listed.
// Several small forms, told apart by `intent`; each works without JavaScript.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { requireActor } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, FieldError, SelectField, SubmissionKeyField, TextareaField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { assemblyOfMeeting } from "#app/models/assembly-minutes.server";
import { attendanceList } from "#app/models/attendance.server";
import {
  addComment,
  allowedTransitions,
  forDisplay,
  meetingActionItems,
  minutesComments,
  nameNoteTaker,
  noteTakerCandidates,
  startCorrection,
  transition,
  volunteer,
} from "#app/models/minutes.server";
import { formatDate, formatMeetingStart } from "#app/utils/brussels-time";
import { MINUTES_VISIBILITIES } from "#app/utils/domain";
import { intentReply } from "#app/utils/errors.server";
import { metaT } from "#app/utils/i18n";
import { newSubmissionKey, submissionKeyOf } from "#app/utils/idempotency.server";
import { assemblyPath, groupPath, meetingPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { isFrozenByDatabase, minutesContext, notReadable } from "./__minutes.server";
import { ActionItemsBlock, AttendanceBlock, MinutesText, StatusBadge, VersionFacts } from "./__minutes-view";

const id = z.string({ required_error: "form.invalid" }).min(1, "form.invalid");
const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("volunteer") }),
  z.object({
    intent: z.literal("noteTaker"),
    noteTaker: z.string().optional(),
  }),
  z.object({
    intent: z.enum(["submit", "reopen", "approve", "approveAtNextMeeting"]),
    minutesId: id,
  }),
  z.object({
    intent: z.literal("publish"),
    minutesId: id,
    visibility: z.enum(MINUTES_VISIBILITIES, {
      errorMap: () => ({ message: "minutes.error.visibilityRequired" }),
    }),
  }),
  z.object({
    intent: z.literal("correct"),
    correctionNote: z
      .string({ required_error: "minutes.error.correctionNoteRequired" })
      .trim()
      .min(3, "minutes.error.correctionNoteRequired")
      .max(1000, "form.tooLong"),
  }),
  z.object({
    intent: z.literal("comment"),
    minutesId: id,
    comment: z.string({ required_error: "form.required" }).trim().min(1, "form.required").max(4000, "form.tooLong"),
  }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await minutesContext(request, params);
  const { network, actor, meeting, access, mayWrite, versions, readable, meetingVisible } = ctx;
  const current = readable[0] ?? null;
  if (!current && !meetingVisible) await notReadable(request, actor);
  const latest = versions[0] ?? null;
  const [attendance, actions, comments, candidates, assembly] = await Promise.all([
    current ? attendanceList(meeting.id) : null,
    current ? meetingActionItems(meeting.id) : [],
    current && can(actor, "minutes.comment", { access }) ? minutesComments(current.id) : [],
    can(actor, "minutes.manage", { access }) ? noteTakerCandidates(meeting.groupId) : [],
    meeting.group.kind === "assembly" ? assemblyOfMeeting(meeting.id) : null,
  ]);
  return {
    network: { slug: network.slug, name: network.name },
    meeting: {
      id: meeting.id,
      title: meeting.title,
      startsAt: meeting.startsAt,
      status: meeting.status,
      attendanceTaken: !!meeting.attendanceTakenAt,
      noteTaker: meeting.noteTaker,
    },
    group: { slug: meeting.group.slug, name: meeting.group.name },
    /** The general assembly these are the minutes of, if they are (issue 12): the breadcrumb leads there. */
    assembly,
    current: current ? forDisplay(current) : null,
    /**
     * Published minutes exist that this reader may not read: the page says so, and to whom they
     * are reserved, rather than "no minutes yet".
     */
    reservedTo: current ? null : (versions.find((v) => v.status === "published")?.visibility ?? null),
    /** A newer version is being written (a draft the reader may not see yet). */
    draftInProgress: !!latest && latest.status === "draft" && latest.id !== current?.id,
    attendance,
    actions: actions.map((a) => ({
      ...a,
      mayUpdate: can(actor, "action.update", { access, item: { organisationId: a.organisation?.id ?? null } }),
    })),
    comments,
    history: readable.map((v) => ({
      version: v.version,
      status: v.status,
      publishedAt: v.publishedAt,
      createdAt: v.createdAt,
    })),
    transitions: current ? allowedTransitions(current.status, mayWrite, can(actor, "minutes.manage", { access })) : [],
    approvalOnAgenda: !!current?.approvalMeetingId,
    may: {
      write: mayWrite,
      manage: can(actor, "minutes.manage", { access }),
      edit: mayWrite && (!latest || latest.status === "draft"),
      correct: mayWrite && latest?.status === "published",
      comment: can(actor, "minutes.comment", { access }) && current?.status === "submitted",
      volunteer: can(actor, "minutes.volunteer", { access }) && !meeting.noteTakerId && meeting.status !== "cancelled",
      attendance: mayWrite,
      pdf: !!current,
    },
    candidates: candidates.map((c) => ({
      value: c.id,
      label: `${c.name} — ${c.organisation}`,
    })),
    submissionKey: newSubmissionKey(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const ctx = await minutesContext(request, params);
  const { network, meeting, access } = ctx;
  // Nobody outside the group acts here (the model checks each right again).
  if (!can(actor, "group.readInside", { access }) && !ctx.mayWrite) await notReadable(request, actor);
  const formData = await request.formData();
  const submission = parseSubmission(formData, {
    schema: ActionSchema,
  });
  // Several forms on this page: the answer says which one it is for ({ intent, result }).
  const intent = String(formData.get("intent") ?? "");
  if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
  const value = submission.value;
  const model = { networkId: network.id, actor, access, meeting };
  const here = meetingPath({ networkSlug: network.slug, meetingId: meeting.id }, "minutes");
  try {
    switch (value.intent) {
      case "volunteer":
        await volunteer(model);
        return redirectWithToast(here, {
          kind: "success",
          key: "minutes.toast.volunteered",
        });
      case "noteTaker":
        await nameNoteTaker(model, value.noteTaker || null);
        return redirectWithToast(here, {
          kind: "success",
          key: value.noteTaker ? "minutes.toast.noteTakerNamed" : "minutes.toast.noteTakerCleared",
        });
      case "correct": {
        const created = await startCorrection(model, value.correctionNote);
        return redirectWithToast(meetingPath({ networkSlug: network.slug, meetingId: meeting.id }, "minutes/edit"), {
          kind: "success",
          key: "minutes.toast.correctionStarted",
          vars: { version: created.version },
        });
      }
      case "comment":
        // A replay of the same form (its key already used) is answered like the first one.
        await addComment(model, value.minutesId, value.comment, submissionKeyOf(formData));
        return redirectWithToast(`${here}#comments`, {
          kind: "success",
          key: "minutes.toast.commented",
        });
      case "publish": {
        const result = await transition(model, value.minutesId, "publish", {
          visibility: value.visibility,
        });
        return redirectWithToast(here, {
          kind: "success",
          key: "minutes.toast.published",
          vars: { emails: result.emails ?? 0 },
        });
      }
      default: {
        const result = await transition(model, value.minutesId, value.intent);
        const vars = result.nextMeeting
          ? {
              meeting: result.nextMeeting.title,
              date: formatDate(result.nextMeeting.startsAt, actor.locale),
            }
          : undefined;
        return redirectWithToast(here, {
          kind: "success",
          key: `minutes.toast.${value.intent}`,
          vars,
        });
      }
    }
  } catch (error) {
    // Published between our check and our write: the trigger refuses it (see isFrozenByDatabase).
    if (isFrozenByDatabase(error)) return data({ intent, result: submission.reply({ formErrors: ["minutes.error.frozen"] }) }, { status: 400 });
    return intentReply(intent, submission, error);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return [
    {
      title: data ? `${t("minutes.short")} — ${data.meeting.title} — ${data.group.name}` : "Maillage",
    },
  ];
};

type Result = ReturnType<typeof useActionData<typeof action>>;

/** The Conform reply of the last post, for the form that sent it only. */
function resultFor(actionData: Result, ...intents: string[]) {
  return actionData && intents.includes(actionData.intent) ? actionData.result : undefined;
}

export default function MinutesPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = meetingPath({ networkSlug: d.network.slug, meetingId: d.meeting.id });
  const workflowResult = resultFor(result, "submit", "reopen", "approve", "approveAtNextMeeting", "volunteer");
  const workflowErrors = (workflowResult as { error?: Record<string, string[] | null> } | undefined)?.error?.[""] ?? [];
  return (
    <main id="main" className="page minutes-page">
      <p className="breadcrumbs">
        {d.assembly ? (
          <Link to={assemblyPath(d.network.slug, d.assembly.id)}>{t("assemblyMinutes.backToAssembly", { title: d.assembly.title })}</Link>
        ) : (
          <>
            <Link to={groupPath({ networkSlug: d.network.slug, groupSlug: d.group.slug })}>{d.group.name}</Link> › <Link to={base}>{d.meeting.title}</Link>
          </>
        )}
      </p>
      <h1>{t("minutes.title", { meeting: d.meeting.title })}</h1>
      <p className="lead">{formatMeetingStart(d.meeting.startsAt, t.locale)}</p>

      {workflowErrors.length ? (
        <div className="error-summary" role="alert">
          <p className="error-summary__title">{workflowErrors.map((e) => t.message(e)).join(" ")}</p>
        </div>
      ) : null}

      <NoteTaker d={d} result={result} />

      {d.current ? (
        <>
          <VersionFacts version={d.current} />
          {d.draftInProgress ? <p className="notice">{t("minutes.draftInProgress")}</p> : null}
          {d.current.status === "superseded" ? <p className="notice notice--warn">{t("minutes.supersededNotice")}</p> : null}
          <Workflow d={d} result={result} />
          <AttendanceBlock attendance={d.attendance!} taken={d.meeting.attendanceTaken} />
          <MinutesText version={d.current} />
          <ActionItemsBlock items={d.actions} networkSlug={d.network.slug} canUpdate={(item) => d.actions.find((a) => a.id === item.id)?.mayUpdate ?? false} />
          {d.may.pdf ? (
            <p>
              <a href={meetingPath({ networkSlug: d.network.slug, meetingId: d.meeting.id }, "minutes/pdf")} download>
                {t("minutes.pdf")}
              </a>
            </p>
          ) : null}
          <Comments d={d} result={result} />
        </>
      ) : (
        <p className="notice">
          {d.reservedTo
            ? t.pick("minutes.reservedTo", d.reservedTo, { group: d.group.name })
            : d.draftInProgress
              ? t("minutes.draftInProgress")
              : t("minutes.none")}
        </p>
      )}

      {d.may.edit || d.may.attendance ? (
        <p className="form-actions">
          {d.may.edit ? (
            <Link className="button" to={meetingPath({ networkSlug: d.network.slug, meetingId: d.meeting.id }, "minutes/edit")}>
              {d.current ? t("minutes.editDraft") : t("minutes.write")}
            </Link>
          ) : null}
          {d.may.attendance ? (
            <Link className="button button--secondary" to={meetingPath({ networkSlug: d.network.slug, meetingId: d.meeting.id }, "attendance")}>
              {t("minutes.attendance.take")}
            </Link>
          ) : null}
        </p>
      ) : null}

      {d.may.correct ? <Correction result={result} /> : null}

      {d.history.length > 1 ? (
        <section className="minutes-section" aria-labelledby="minutes-history-title">
          <h2 id="minutes-history-title">{t("minutes.history")}</h2>
          <ul className="minutes-history">
            {d.history.map((v) => (
              <li key={v.version}>
                <Link to={meetingPath({ networkSlug: d.network.slug, meetingId: d.meeting.id }, `minutes/v/${v.version}`)}>
                  {t("minutes.versionNumber", { version: v.version })}
                </Link>{" "}
                <StatusBadge status={v.status} />{" "}
                {v.publishedAt
                  ? t("minutes.publishedOn", {
                      date: formatDate(v.publishedAt, t.locale),
                    })
                  : t("minutes.createdOn", {
                      date: formatDate(v.createdAt, t.locale),
                    })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}

type Props = {
  d: ReturnType<typeof useLoaderData<typeof loader>>;
  result: Result;
};

function NoteTaker({ d, result }: Props) {
  const t = useT();
  const [form, fields] = useForm({
    id: "minutes-note-taker",
    lastResult: resultFor(result, "noteTaker"),
    defaultValue: { noteTaker: d.meeting.noteTaker?.id ?? "" },
  });
  return (
    <section className="card minutes-notetaker" aria-labelledby="minutes-notetaker-title">
      <h2 id="minutes-notetaker-title">{t("minutes.noteTaker.title")}</h2>
      <p>{d.meeting.noteTaker ? t("minutes.noteTaker.is", { name: d.meeting.noteTaker.name }) : t("minutes.noteTaker.none")}</p>
      {d.may.volunteer ? (
        <Form method="post">
          <input type="hidden" name="intent" value="volunteer" />
          <button type="submit" className="button">
            {t("minutes.noteTaker.volunteer")}
          </button>
        </Form>
      ) : null}
      {d.may.manage ? (
        <Form method="post" {...getFormProps(form)} className="minutes-inline-form">
          <ErrorSummary form={form} fields={{ noteTaker: fields.noteTaker }} />
          <input type="hidden" name="intent" value="noteTaker" />
          {d.candidates.length ? (
            <>
              <SelectField meta={fields.noteTaker} label={t("minutes.noteTaker.choose")} options={d.candidates} optional />
              <button type="submit" className="button button--secondary">
                {t("minutes.noteTaker.name")}
              </button>
            </>
          ) : (
            <p className="muted">{t("minutes.noteTaker.noCandidates")}</p>
          )}
        </Form>
      ) : null}
    </section>
  );
}

function Workflow({ d, result }: Props) {
  const t = useT();
  const current = d.current!;
  const [form, fields] = useForm({
    id: "minutes-publish",
    lastResult: resultFor(result, "publish"),
    defaultValue: { visibility: "" },
  });
  const simple = d.transitions.filter((x) => x !== "publish" && !(x === "approveAtNextMeeting" && d.approvalOnAgenda));
  if (!d.transitions.length) return null;
  return (
    <section className="card minutes-workflow" aria-labelledby="minutes-workflow-title">
      <h2 id="minutes-workflow-title">{t("minutes.workflow.title")}</h2>
      <p className="hint">{t.pick("minutes.workflow.hint", current.status)}</p>
      {d.approvalOnAgenda ? <p>{t("minutes.workflow.onAgenda")}</p> : null}
      <div className="form-actions">
        {simple.map((name) => (
          <Form method="post" key={name}>
            <input type="hidden" name="intent" value={name} />
            <input type="hidden" name="minutesId" value={current.id} />
            <button type="submit" className={name === "reopen" ? "button button--secondary" : "button"}>
              {t(`minutes.workflow.${name}`)}
            </button>
          </Form>
        ))}
      </div>
      {d.transitions.includes("publish") ? (
        <Form method="post" {...getFormProps(form)} className="minutes-publish">
          <ErrorSummary form={form} fields={{ visibility: fields.visibility }} />
          <input type="hidden" name="intent" value="publish" />
          <input type="hidden" name="minutesId" value={current.id} />
          <fieldset
            className={`field${fields.visibility.errors?.length ? " field--invalid" : ""}`}
            aria-describedby={fields.visibility.errors?.length ? fields.visibility.errorId : undefined}
          >
            <legend id={fields.visibility.id}>{t("minutes.workflow.visibilityLegend")}</legend>
            {MINUTES_VISIBILITIES.map((v) => (
              <label key={v} className="radio">
                <input type="radio" name="visibility" value={v} defaultChecked={fields.visibility.initialValue === v} /> {t(`minutes.visibility.${v}`)}
                <span className="hint"> — {t(`minutes.visibilityHint.${v}`)}</span>
              </label>
            ))}
            <FieldError id={fields.visibility.errorId} errors={fields.visibility.errors} />
          </fieldset>
          <p className="hint">{t("minutes.workflow.publishHint")}</p>
          <button type="submit" className="button">
            {t("minutes.workflow.publish")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function Comments({ d, result }: Props) {
  const t = useT();
  const current = d.current!;
  const [form, fields] = useForm({
    id: "minutes-comment",
    lastResult: resultFor(result, "comment"),
    shouldValidate: "onSubmit",
  });
  if (!d.comments.length && !d.may.comment) return null;
  return (
    <section className="minutes-section" id="comments" aria-labelledby="minutes-comments-title">
      <h2 id="minutes-comments-title">{t("minutes.comments.title")}</h2>
      {d.comments.length ? (
        <ol className="minutes-comments">
          {d.comments.map((c) => (
            <li key={c.id}>
              <p className="minutes-comment__meta">
                <strong>{c.author?.name ?? t("minutes.comments.someone")}</strong> · {formatDate(c.createdAt, t.locale)}
              </p>
              <p className="minutes-comment__body">{c.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t("minutes.comments.none")}</p>
      )}
      {d.may.comment ? (
        <Form method="post" {...getFormProps(form)}>
          <ErrorSummary form={form} fields={{ comment: fields.comment }} />
          <input type="hidden" name="intent" value="comment" />
          <input type="hidden" name="minutesId" value={current.id} />
          <SubmissionKeyField value={d.submissionKey} />
          <TextareaField meta={fields.comment} label={t("minutes.comments.label")} hint={t("minutes.comments.hint")} rows={4} />
          <button type="submit" className="button">
            {t("minutes.comments.submit")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function Correction({ result }: Pick<Props, "result">) {
  const t = useT();
  const [form, fields] = useForm({
    id: "minutes-correct",
    lastResult: resultFor(result, "correct"),
    shouldValidate: "onSubmit",
  });
  return (
    <section className="card minutes-correction" aria-labelledby="minutes-correct-title">
      <h2 id="minutes-correct-title">{t("minutes.correct.title")}</h2>
      <p>{t("minutes.correct.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} fields={{ correctionNote: fields.correctionNote }} />
        <input type="hidden" name="intent" value="correct" />
        <TextareaField meta={fields.correctionNote} label={t("minutes.correct.note")} hint={t("minutes.correct.noteHint")} rows={3} />
        <button type="submit" className="button button--secondary">
          {t("minutes.correct.submit")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
