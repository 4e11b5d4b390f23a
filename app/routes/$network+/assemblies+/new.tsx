// A coordinator creates a general assembly (a draft): kind, convocation, title, day and times in
// Brussels, place and/or video link. Convened later from its page. Works without JavaScript.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { DateField, ErrorSummary, SelectField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { createAssembly } from "#app/models/assemblies.server";
import { addDays, brusselsInstant, parseDateKey, parseTimeOfDay, todayInBrussels } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { forbidden, formReply } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { assemblyPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { singleLine } from "#app/utils/text";
import { redirectWithToast } from "#app/utils/toast.server";
import { ASSEMBLY_KINDS, CONVOCATIONS } from "#app/utils/votes-domain";

import { assemblyReader } from "./__assembly.server";

const time = z
  .string({ required_error: "form.required" })
  .trim()
  .refine((v) => parseTimeOfDay(v) !== null, "assembly.form.invalidTime");

export const NewAssemblySchema = z
  .object({
    kind: z.enum(ASSEMBLY_KINDS, { message: "assemblies.error.kind" }),
    convocation: z.enum(CONVOCATIONS, { message: "assemblies.error.convocation" }),
    title: singleLine(z.string({ required_error: "form.required" }).trim().min(2, "form.tooShort").max(160, "form.tooLong")),
    date: z
      .string({ required_error: "form.required" })
      .trim()
      .refine((v) => parseDateKey(v) !== null, "assembly.form.invalidDate"),
    startTime: time,
    endTime: time.optional(),
    place: singleLine(z.string().trim().max(300, "form.tooLong")).optional().default(""),
    videoUrl: z
      .string()
      .trim()
      .max(500, "form.tooLong")
      .refine((v) => /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v), "assembly.form.invalidUrl")
      .optional(),
  })
  .superRefine((v, ctx) => {
    const start = parseTimeOfDay(v.startTime);
    const end = v.endTime ? parseTimeOfDay(v.endTime) : null;
    if (start !== null && end !== null && end <= start) ctx.addIssue({ code: "custom", path: ["endTime"], message: "assembly.form.endBeforeStart" });
    if (!v.place?.trim() && !v.videoUrl) ctx.addIssue({ code: "custom", path: ["place"], message: "assemblies.error.where" });
  });

const FIELDS = ["kind", "convocation", "title", "date", "startTime", "endTime", "place", "videoUrl"] as const;

async function guard(request: Request, networkSlug: string | undefined) {
  const reader = await assemblyReader(request, networkSlug);
  if (!reader.coordinator) forbidden();
  return reader;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network } = await guard(request, params.network);
  return {
    network: { slug: network.slug, name: network.name },
    defaults: { kind: "ordinary", convocation: "first", title: "", date: addDays(todayInBrussels(now()), 30), startTime: "18:30", endTime: "21:00" },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor } = await guard(request, params.network);
  const submission = parseSubmission(await request.formData(), { schema: NewAssemblySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  try {
    const assembly = await createAssembly(network.id, actor.userId, {
      kind: v.kind,
      convocation: v.convocation,
      title: v.title,
      startsAt: brusselsInstant(v.date, parseTimeOfDay(v.startTime)!),
      endsAt: v.endTime ? brusselsInstant(v.date, parseTimeOfDay(v.endTime)!) : null,
      place: v.place,
      videoUrl: v.videoUrl ?? null,
    });
    return redirectWithToast(assemblyPath(network.slug, assembly.id), { kind: "success", key: "assembly.new.created" });
  } catch (error) {
    return formReply(submission, error, { fields: FIELDS });
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${t("assembly.new.title")} — ${data.network.name}` : undefined));

export default function NewAssembly() {
  const t = useT();
  const { network, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof NewAssemblySchema>>({
    id: "assembly-new",
    lastResult,
    defaultValue: defaults,
    constraint: getZodConstraint(NewAssemblySchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewAssemblySchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const back = `/${network.slug}/assemblies`;
  return (
    <main id="main" className="page page--form">
      <p>
        <Link to={back}>{t("assembly.back")}</Link>
      </p>
      <h1>{t("assembly.new.title")}</h1>
      <p className="lead">{t("assembly.new.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <ErrorSummary form={form} fields={Object.fromEntries(FIELDS.map((f) => [f, fields[f]]))} />
        <SelectField
          meta={fields.kind}
          label={t("assembly.form.kind")}
          options={ASSEMBLY_KINDS.map((k) => ({ value: k, label: t.pick("assembly.kind", k) }))}
        />
        <SelectField
          meta={fields.convocation}
          label={t("assembly.form.convocation")}
          options={CONVOCATIONS.map((c) => ({ value: c, label: t.pick("assembly.convocation", c) }))}
        />
        <TextField meta={fields.title} label={t("assembly.form.title")} />
        <DateField meta={fields.date} label={t("assembly.form.date")} />
        <TextField meta={fields.startTime} type="time" label={t("assembly.form.startTime")} hint={t("assembly.form.timeHint")} />
        <TextField meta={fields.endTime} type="time" label={t("assembly.form.endTime")} optional />
        <TextField meta={fields.place} label={t("assembly.form.place")} hint={t("assembly.form.whereHint")} optional />
        <TextField meta={fields.videoUrl} type="url" label={t("assembly.form.videoUrl")} optional />
        <div className="form-actions">
          <button type="submit" className="button">
            {t("assembly.new.submit")}
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
