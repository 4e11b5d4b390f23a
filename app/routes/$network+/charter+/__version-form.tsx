// The form of a charter version, shared by "new version" and "edit the draft": one Zod schema for
// the browser and the server, and the component. On the edit page the same form saves the draft
// (intent=save) or saves and publishes it (intent=publish), so that publishing never leaves the
// last edits behind.
import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { z } from "zod";

import { DateField, ErrorSummary, TextareaField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { RichTextField } from "#app/components/rich-text-editor";
import { parseDateKey } from "#app/utils/brussels-time";
import { singleLine } from "#app/utils/text";

export type VersionRules = {
  /** From version 2 on, members receive the summary of changes by e-mail: it is required. */
  summaryRequired: boolean;
  /** When a version is already published, publishing asks members to adhere again by a deadline. */
  deadlineRequired: boolean;
  /** Today in Brussels ("2026-11-24"): a deadline must come after it. */
  today: string;
};

/** A calendar day from <input type="date"> ("2026-11-24"), kept as its key. */
const day = () =>
  z
    .string({ required_error: "form.required" })
    .trim()
    .refine((s) => parseDateKey(s) !== null, "charterEditor.error.date");

export function versionSchema(rules: VersionRules) {
  return z
    .object({
      intent: z.enum(["save", "publish"]).optional(),
      title: singleLine(z.string({ required_error: "form.required" }).trim().min(1, "form.required").max(200, "form.tooLong")),
      // Checked again once sanitized (an editor left empty, or only markup, is empty too).
      body: z.string({ required_error: "charterEditor.error.bodyEmpty" }).max(500_000, "form.tooLong"),
      bodyFormat: z.enum(["html", "text"], { message: "form.invalid" }).default("text"),
      changeSummary: z.string().trim().max(3000, "form.tooLong").optional(),
      effectiveOn: day(),
      adhesionDeadline: day().optional(),
    })
    .superRefine((value, ctx) => {
      if (rules.summaryRequired && !value.changeSummary) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["changeSummary"], message: "charterEditor.error.summaryRequired" });
      }
      if (value.intent === "publish" && rules.deadlineRequired) {
        if (!value.adhesionDeadline) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["adhesionDeadline"], message: "charter.error.deadlineRequired" });
        } else if (parseDateKey(value.adhesionDeadline) && value.adhesionDeadline <= rules.today) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["adhesionDeadline"], message: "charter.error.deadlinePast" });
        }
      }
    });
}

export type VersionFormValue = z.infer<ReturnType<typeof versionSchema>>;
type FormShape = z.input<ReturnType<typeof versionSchema>>;

/** What the edit page says before publishing: who will be asked to adhere again. */
export type PublishInfo = { number: number; first: boolean; organisations: number; emails: number };

export function VersionForm({
  id,
  rules,
  defaultValue,
  html,
  text,
  previousNumber,
  lastResult,
  submitLabel,
  cancelHref,
  publish,
  deleteHref,
}: {
  id: string;
  rules: VersionRules;
  defaultValue: { title: string; changeSummary: string; effectiveOn: string };
  /** The body as stored (sanitized HTML) and in the plain format, for the editor and the textarea. */
  html: string;
  text: string;
  /** The number of the version in force, if any (the summary says what changes from it). */
  previousNumber: number | null;
  lastResult: SubmissionResult<string[]> | undefined;
  submitLabel: string;
  cancelHref: string;
  /** On the edit page only: the publish section. */
  publish?: PublishInfo;
  deleteHref?: string;
}) {
  const t = useT();
  const schema = versionSchema(rules);
  const [form, fields] = useForm<FormShape, VersionFormValue>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  // After a refused submission the field shows what was sent, in the format it was sent in.
  const sent = typeof fields.body.initialValue === "string" ? fields.body.initialValue : null;
  const sentFormat = fields.bodyFormat.initialValue;
  const body = {
    html: sent !== null && sentFormat === "html" ? sent : html,
    text: sent !== null && sentFormat !== "html" ? sent : text,
  };
  return (
    <Form method="post" {...getFormProps(form)} className="version-form">
      <ErrorSummary
        form={form}
        fields={{
          title: fields.title,
          body: fields.body,
          changeSummary: fields.changeSummary,
          effectiveOn: fields.effectiveOn,
          adhesionDeadline: fields.adhesionDeadline,
        }}
      />
      <TextField meta={fields.title} label={t("charterEditor.field.title")} />
      <RichTextField meta={fields.body} label={t("charterEditor.field.body")} html={body.html} text={body.text} />
      <TextareaField
        meta={fields.changeSummary}
        label={t("charterEditor.field.changeSummary")}
        hint={previousNumber ? t("charterEditor.field.changeSummaryHint", { previous: previousNumber }) : t("charterEditor.field.changeSummaryFirstHint")}
        optional={!rules.summaryRequired}
        rows={4}
      />
      <DateField meta={fields.effectiveOn} label={t("charterEditor.field.effectiveOn")} hint={t("charterEditor.field.effectiveOnHint")} />
      <div className="form-actions">
        {/* First in the form: the Enter key in a text field saves, it never publishes. */}
        <button type="submit" className="button" name={publish ? "intent" : undefined} value={publish ? "save" : undefined}>
          {submitLabel}
        </button>
        <Link to={cancelHref}>{t("form.cancel")}</Link>
      </div>
      {publish ? (
        <section className="card version-publish" aria-labelledby={`${id}-publish-title`}>
          <h2 id={`${id}-publish-title`}>{t("charterEditor.publish.title")}</h2>
          <p>{t("charterEditor.publish.frozen")}</p>
          <p className="version-publish__recipients">
            {publish.first ? t("charterEditor.publish.first") : t.plural("charterEditor.publish.recipients", publish.organisations, { emails: publish.emails })}
          </p>
          {rules.deadlineRequired ? (
            <DateField meta={fields.adhesionDeadline} label={t("charterEditor.field.deadline")} hint={t("charterEditor.field.deadlineHint")} />
          ) : null}
          <button type="submit" className="button" name="intent" value="publish">
            {t("charterEditor.publish.submit", { number: publish.number })}
          </button>
        </section>
      ) : null}
      {deleteHref ? (
        <p className="version-delete">
          <Link to={deleteHref}>{t("charterEditor.delete.link")}</Link>
        </p>
      ) : null}
    </Form>
  );
}
