// "Our organisation wants to join": a public form, for anyone (no account needed). Against abuse:
// a honeypot field that people never see (filled, the answer pretends success and nothing is
// stored) and a limit of valid submissions per client address.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { getActor } from "#app/access/actor.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, SelectField, TextareaField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { JOIN_RATE_LIMIT, submitJoinRequest } from "#app/models/join-request.server";
import { requireNetwork } from "#app/models/network.server";
import { ORGANISATION_KINDS } from "#app/utils/domain";
import { messageWithVars, metaT } from "#app/utils/i18n";
import { resolveLocale } from "#app/utils/i18n.server";
import { clientIp, hitRateLimit } from "#app/utils/rate-limit.server";
import { parseSubmission } from "#app/utils/submission.server";
import { singleLine } from "#app/utils/text";

/** The honeypot's name: a field that bots fill and people never see. */
const HONEYPOT = "fax";

/** Required text; blanks only count as empty. */
const required = (max: number, min = 1, tooShort = "form.required") =>
  z.string({ required_error: "form.required" }).trim().min(min, tooShort).max(max, "form.tooLong");

/** A full http(s) address: "epicerie.example" alone is refused (one message, not two). */
function isWebAddress(text: string) {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

const JoinSchema = z.object({
  organisationName: singleLine(required(150, 2, "form.tooShort")),
  kind: z.enum(ORGANISATION_KINDS, {
    errorMap: (issue) => ({ message: issue.code === z.ZodIssueCode.invalid_type ? "form.required" : "form.invalidChoice" }),
  }),
  street: singleLine(required(150)),
  postalCode: z
    .string({ required_error: "form.required" })
    .trim()
    .regex(/^\d{4}$/, "org.error.postalCode"),
  commune: singleLine(required(80)),
  website: z.string().trim().max(300, "form.tooLong").refine(isWebAddress, "form.invalidUrl").optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s./()-]{6,25}$/, "form.invalidPhone")
    .optional(),
  contactName: singleLine(required(120)),
  contactEmail: z.string({ required_error: "form.required" }).trim().toLowerCase().max(254, "form.tooLong").email("form.invalidEmail"),
  contactFunction: singleLine(required(120)),
  motivation: required(2000, 10, "join.error.motivationShort"),
});

// Public: anyone may read and send the form, signed in or not.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  return {
    network: { slug: network.slug, name: network.name },
    sent: new URL(request.url).searchParams.get("sent") === "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = await requireNetwork(params.network);
  const formData = await request.formData();
  const sent = `/${network.slug}/charter/join?sent=1`;
  // A filled honeypot: the same answer as a success, so a bot learns nothing; nothing is stored.
  if (String(formData.get(HONEYPOT) ?? "").length > 0) return redirect(sent);
  const submission = parseSubmission(formData, { schema: JoinSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  // Counted after validation: only submissions that would be stored use the allowance.
  const limit = await hitRateLimit(`join:ip:${clientIp(request)}`, JOIN_RATE_LIMIT.limit, JOIN_RATE_LIMIT.windowMs);
  if (!limit.allowed) {
    return data(submission.reply({ formErrors: [messageWithVars("join.rateLimited", { minutes: Math.ceil(limit.retryAfterSeconds / 60) })] }), {
      status: 429,
    });
  }
  const actor = await getActor(request);
  // The acknowledgement speaks the language of the page the person used.
  const locale = await resolveLocale(request, actor?.locale);
  await submitJoinRequest(network, submission.value, locale);
  return redirect(sent);
}

export default function JoinPage() {
  const t = useT();
  const { network, sent } = useLoaderData<typeof loader>();
  if (sent) {
    return (
      <main id="main" className="page page--narrow">
        <h1>{t("join.sentTitle")}</h1>
        <div className="notice" role="status">
          <p>{t("join.sent", { network: network.name })}</p>
        </div>
        <p>{t("join.sentHelp")}</p>
        <p className="cluster">
          <Link to={`/${network.slug}`}>{t("join.backToNetwork", { network: network.name })}</Link>
          <Link to={`/${network.slug}/charter`}>{t("join.readCharter")}</Link>
        </p>
      </main>
    );
  }
  return (
    <main id="main" className="page page--form">
      <h1>{t("join.title")}</h1>
      <p className="lead">{t("join.intro", { network: network.name })}</p>
      <p>{t("join.how")}</p>
      <p>
        <Link to={`/${network.slug}/charter`}>{t("join.readCharter")}</Link>
      </p>
      <JoinForm />
    </main>
  );
}

const FIELDS = [
  "organisationName",
  "kind",
  "street",
  "postalCode",
  "commune",
  "website",
  "phone",
  "contactName",
  "contactEmail",
  "contactFunction",
  "motivation",
] as const;

function JoinForm() {
  const t = useT();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "join",
    lastResult,
    constraint: getZodConstraint(JoinSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: JoinSchema }),
  });
  // Conform's field collections are proxies that cannot be spread: name the fields one by one.
  const summary: Record<string, { id: string; errors?: string[] }> = {};
  for (const name of FIELDS) summary[name] = fields[name];
  return (
    <Form method="post" {...getFormProps(form)} className="join-form">
      <ErrorSummary form={form} fields={summary} />
      <fieldset>
        <legend>{t("join.organisationLegend")}</legend>
        <TextField meta={fields.organisationName} label={t("join.organisationName")} autoComplete="organization" />
        <SelectField meta={fields.kind} label={t("org.form.kind")} options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))} />
        <TextField meta={fields.street} label={t("org.form.street")} autoComplete="address-line1" />
        <div className="form-row">
          <TextField meta={fields.postalCode} label={t("org.form.postalCode")} inputMode="numeric" autoComplete="postal-code" className="input--short" />
          <TextField meta={fields.commune} label={t("org.form.commune")} autoComplete="address-level2" />
        </div>
        <TextField meta={fields.website} label={t("org.form.website")} type="url" optional autoComplete="url" />
        <TextField meta={fields.phone} label={t("org.form.phone")} type="tel" optional autoComplete="tel" />
      </fieldset>
      <fieldset aria-describedby="join-contact-hint">
        <legend>{t("join.contactLegend")}</legend>
        <p className="hint" id="join-contact-hint">
          {t("join.contactHint")}
        </p>
        <TextField meta={fields.contactName} label={t("join.contactName")} autoComplete="name" />
        <TextField meta={fields.contactEmail} label={t("join.contactEmail")} type="email" autoComplete="email" />
        <TextField meta={fields.contactFunction} label={t("join.contactFunction")} hint={t("join.contactFunctionHint")} autoComplete="organization-title" />
      </fieldset>
      <TextareaField meta={fields.motivation} label={t("join.motivation")} hint={t("join.motivationHint")} rows={7} />
      {/* Hidden from sight, from screen readers and from the keyboard; only bots fill it. */}
      <div className="join-honeypot" aria-hidden="true">
        <label htmlFor="join-honeypot">{t("join.honeypot")}</label>
        <input id="join-honeypot" name={HONEYPOT} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <p className="join-consent">{t("join.consent")}</p>
      <div className="form-actions">
        <button type="submit" className="button">
          {t("join.submit")}
        </button>
      </div>
    </Form>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const t = metaT(matches);
  return [{ title: `${t(d?.sent ? "join.sentTitle" : "join.title")}${d ? ` — ${d.network.name}` : ""} — Maillage` }];
};

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
