// GET/POST /:network/meetings/:meeting/minutes/edit: the note-taker (or a manager of the group)
// writes the draft: text and decisions (Tiptap, or a plain textarea without JavaScript), the
// language, and the meeting's action items. Action items are rows of a Conform list: "add a row"
// and "remove" are submit buttons, so they work without JavaScript too. Only a draft is written:
// submitted minutes are reopened first, published ones are corrected by a new version.
import { type FieldMetadata, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { requireActor } from "#app/access/actor.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { DateField, ErrorSummary, SelectField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { RichTextField } from "#app/components/rich-text-editor";
import { attendanceList } from "#app/models/attendance.server";
import { groupOrganisations, meetingActionItems, saveMinutes, transition } from "#app/models/minutes.server";
import { dateKey, formatMeetingStart, parseDateKey } from "#app/utils/brussels-time";
import { ACTION_STATUSES, type ActionStatus, MINUTES_LANGUAGES, minutesLanguage } from "#app/utils/domain";
import { forbidden, formRefusal } from "#app/utils/errors.server";
import { metaT } from "#app/utils/i18n";
import { groupPath, meetingPath } from "#app/utils/paths";
import { htmlToPlainText, plainTextToHtml, sanitizeRichText } from "#app/utils/rich-text.server";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { isFrozenByDatabase, minutesContext } from "./__minutes.server";
import { AttendanceBlock } from "./__minutes-view";

const ActionRow = z.object({
  id: z.string().optional(),
  what: z.string().trim().max(500, "form.tooLong").optional(),
  organisation: z.string().optional(),
  dueOn: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || parseDateKey(v) !== null, "minutes.error.date"),
  status: z.enum(ACTION_STATUSES, { errorMap: () => ({ message: "form.invalid" }) }).default("open"),
});

export const MinutesSchema = z
  .object({
    intent: z.enum(["save", "submit"]).default("save"),
    body: z.string().max(500_000, "form.tooLong").default(""),
    bodyFormat: z.enum(["html", "text"], { message: "form.invalid" }).default("text"),
    decisions: z.string().max(200_000, "form.tooLong").default(""),
    decisionsFormat: z.enum(["html", "text"], { message: "form.invalid" }).default("text"),
    language: z.enum(MINUTES_LANGUAGES, { errorMap: () => ({ message: "minutes.error.language" }) }),
    actions: z.array(ActionRow).max(100, "form.tooLong").default([]),
  })
  .superRefine((value, ctx) => {
    value.actions.forEach((row, index) => {
      // A row left empty is ignored; a started row needs what is to be done. Who does it is
      // optional, as its label says: no organisation named, the group follows it up.
      const started = !!(row.what || row.organisation || row.dueOn || row.id);
      if (started && !row.what) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["actions", index, "what"], message: "minutes.error.actionWhatRequired" });
    });
  });
type FormShape = z.input<typeof MinutesSchema>;

/** The editor posts HTML (cleaned by the allow-list); without JavaScript the plain format is converted. */
function stored(text: string, format: "html" | "text") {
  return format === "html" ? sanitizeRichText(text) : plainTextToHtml(text);
}

async function guard(request: Request, params: { network?: string; meeting?: string }) {
  const actor = await requireActor(request);
  const ctx = await minutesContext(request, params);
  if (!ctx.mayWrite) forbidden();
  return { ...ctx, actor };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, actor, meeting, versions } = await guard(request, params);
  const latest = versions[0] ?? null;
  const [organisations, actions, attendance] = await Promise.all([
    groupOrganisations(meeting.groupId),
    meetingActionItems(meeting.id),
    attendanceList(meeting.id),
  ]);
  const draft = !latest || latest.status === "draft" ? latest : null;
  const body = draft ? sanitizeRichText(draft.body) : "";
  const decisions = draft ? sanitizeRichText(draft.decisions) : "";
  return {
    network: { slug: network.slug, name: network.name },
    meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt, attendanceTaken: !!meeting.attendanceTakenAt },
    group: { slug: meeting.group.slug, name: meeting.group.name },
    /** Not a draft: the page says why it cannot be edited, and what to do instead. */
    locked: latest && latest.status !== "draft" ? { status: latest.status, version: latest.version } : null,
    version: draft?.version ?? 1,
    correctionNote: draft?.correctionNote ?? "",
    html: { body, decisions },
    text: { body: htmlToPlainText(body), decisions: htmlToPlainText(decisions) },
    organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
    attendance,
    defaults: {
      language: draft?.language ?? minutesLanguage(actor.locale),
      // The meeting's action items, then one empty row.
      actions: [
        ...actions.map((a) => ({
          id: a.id,
          what: a.what,
          organisation: a.organisation?.id ?? "",
          dueOn: a.dueOn ? dateKey(a.dueOn) : "",
          status: a.status as ActionStatus,
        })),
        { what: "", organisation: "", dueOn: "", status: "open" as const },
      ],
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor, access, meeting } = await guard(request, params);
  const submission = parseSubmission(await request.formData(), { schema: MinutesSchema });
  // "Add a row" and "remove" come back with the list changed and nothing saved.
  if (submission.status !== "success") return data(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const value = submission.value;
  const model = { networkId: network.id, actor, access, meeting };
  const here = meetingPath({ networkSlug: network.slug, meetingId: meeting.id }, "minutes");
  try {
    const minutes = await saveMinutes(model, {
      body: stored(value.body, value.bodyFormat),
      decisions: stored(value.decisions, value.decisionsFormat),
      language: value.language,
      actionItems: value.actions
        .filter((row) => row.what)
        .map((row) => ({
          id: row.id || undefined,
          what: row.what!,
          organisationId: row.organisation || null,
          dueOn: row.dueOn ? parseDateKey(row.dueOn) : null,
          status: row.status,
        })),
    });
    if (value.intent === "submit") {
      await transition(model, minutes.id, "submit");
      return redirectWithToast(here, { kind: "success", key: "minutes.toast.submit" });
    }
    return redirectWithToast(meetingPath({ networkSlug: network.slug, meetingId: meeting.id }, "minutes/edit"), {
      kind: "success",
      key: "minutes.toast.saved",
    });
  } catch (error) {
    const refused = isFrozenByDatabase(error) ? null : formRefusal(error);
    const key = refused?.message ?? "minutes.error.frozen";
    // Row indexes of the model count only the rows kept (non-empty): map back to the form's rows.
    let field = refused?.field ?? null;
    const row = field ? /^actions\[(\d+)\]\.(\w+)$/.exec(field) : null;
    if (row) {
      const kept = value.actions.map((r, i) => (r.what ? i : -1)).filter((i) => i >= 0);
      field = `actions[${kept[Number(row[1])] ?? 0}].${row[2]}`;
    }
    return data(field ? submission.reply({ fieldErrors: { [field]: [key] } }) : submission.reply({ formErrors: [key] }), { status: 400 });
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return [{ title: data ? t("minutes.edit.metaTitle", { meeting: data.meeting.title }) : "Maillage" }];
};

export default function EditMinutes() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const base = meetingPath({ networkSlug: d.network.slug, meetingId: d.meeting.id }, "minutes");
  const [form, fields] = useForm<FormShape>({
    id: "minutes-edit",
    lastResult,
    defaultValue: d.defaults,
    constraint: getZodConstraint(MinutesSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MinutesSchema }),
  });
  const rows = fields.actions.getFieldList();
  // After a refused post the fields show what was sent, in the format it was sent in.
  const sent = (name: "body" | "decisions") => {
    const value = fields[name].initialValue;
    const format = fields[`${name}Format`].initialValue;
    return {
      html: typeof value === "string" && format === "html" ? value : d.html[name],
      text: typeof value === "string" && format !== "html" ? value : d.text[name],
    };
  };
  const body = sent("body");
  const decisions = sent("decisions");
  const rowErrors = Object.fromEntries(rows.flatMap((row, i) => Object.entries(row.getFieldset()).map(([k, f]) => [`action-${i}-${k}`, f])));

  return (
    <main id="main" className="page page--form minutes-edit">
      <p className="breadcrumbs">
        <Link to={groupPath({ networkSlug: d.network.slug, groupSlug: d.group.slug })}>{d.group.name}</Link> ›{" "}
        <Link to={meetingPath({ networkSlug: d.network.slug, meetingId: d.meeting.id })}>{d.meeting.title}</Link> › <Link to={base}>{t("minutes.short")}</Link>
      </p>
      <h1>{t("minutes.edit.title", { meeting: d.meeting.title })}</h1>
      <p className="lead">
        {formatMeetingStart(d.meeting.startsAt, t.locale)} · {t("minutes.versionNumber", { version: d.version })}
      </p>
      {d.locked ? (
        <div className="notice notice--warn" role="status">
          <p>{t(d.locked.status === "published" || d.locked.status === "superseded" ? "minutes.error.frozen" : "minutes.error.notDraft")}</p>
          <p>
            <Link to={base}>{t("minutes.backToMinutes")}</Link>
          </p>
        </div>
      ) : (
        <Form method="post" {...getFormProps(form)} className="minutes-form">
          <ErrorSummary form={form} fields={{ body: fields.body, decisions: fields.decisions, language: fields.language, ...rowErrors }} />
          {d.correctionNote ? <p className="notice">{t("minutes.correctionNote", { note: d.correctionNote })}</p> : null}
          <SelectField
            meta={fields.language}
            label={t("minutes.field.language")}
            hint={t("minutes.field.languageHint")}
            options={MINUTES_LANGUAGES.map((l) => ({ value: l, label: t(`minutes.language.${l}`) }))}
          />
          <AttendanceBlock attendance={d.attendance} taken={d.meeting.attendanceTaken} />
          <RichTextField
            meta={fields.decisions}
            label={t("minutes.field.decisions")}
            hint={t("minutes.field.decisionsHint")}
            html={decisions.html}
            text={decisions.text}
            rows={6}
          />
          <RichTextField meta={fields.body} label={t("minutes.field.body")} html={body.html} text={body.text} />

          <fieldset className="minutes-action-rows">
            <legend>{t("minutes.actions.title")}</legend>
            <p className="hint">{t("minutes.actions.hint")}</p>
            {d.organisations.length === 0 ? <p className="muted">{t("minutes.actions.noOrganisations")}</p> : null}
            {rows.map((row, index) => (
              <ActionRowFields
                key={row.key}
                row={row}
                index={index}
                organisations={d.organisations}
                removeButton={form.remove.getButtonProps({ name: fields.actions.name, index })}
              />
            ))}
            <button
              type="submit"
              className="button button--secondary"
              {...form.insert.getButtonProps({ name: fields.actions.name, defaultValue: { status: "open" } })}
            >
              {t("minutes.actions.addRow")}
            </button>
          </fieldset>

          <div className="form-actions">
            {/* First in the form: the Enter key in a text field saves, it never submits for approval. */}
            <button type="submit" className="button" name="intent" value="save">
              {t("minutes.edit.save")}
            </button>
            <button type="submit" className="button button--secondary" name="intent" value="submit">
              {t("minutes.edit.saveAndSubmit")}
            </button>
            <Link to={base}>{t("form.cancel")}</Link>
          </div>
        </Form>
      )}
    </main>
  );
}

type Row = FieldMetadata<z.input<typeof ActionRow>, FormShape, string[]>;

function ActionRowFields({
  row,
  index,
  organisations,
  removeButton,
}: {
  row: Row;
  index: number;
  organisations: { value: string; label: string }[];
  removeButton: ReturnType<ReturnType<typeof useForm>[0]["remove"]["getButtonProps"]>;
}) {
  const t = useT();
  const f = row.getFieldset();
  return (
    <fieldset className="minutes-action-row">
      <legend>{t("minutes.actions.row", { n: index + 1 })}</legend>
      <input {...getInputProps(f.id, { type: "hidden" })} key={f.id.key} />
      <TextField meta={f.what} label={t("minutes.actions.what")} />
      <SelectField meta={f.organisation} label={t("minutes.actions.organisation")} options={organisations} optional />
      <DateField meta={f.dueOn} label={t("minutes.actions.dueOn")} optional />
      <SelectField
        meta={f.status}
        label={t("minutes.actions.status")}
        options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`minutes.actionStatus.${s}`) }))}
      />
      <button type="submit" className="button button--secondary button--small" {...removeButton} aria-label={t("minutes.actions.removeRow", { n: index + 1 })}>
        {t("minutes.actions.remove")}
      </button>
    </fieldset>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
