// A titular or substitute delegate signs the current charter for their organisation, after
// reading it on this page. The form carries the fingerprint of the text shown: if a newer version
// was published meanwhile, the signature is refused and the person reads the new text.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { requireActor } from "#app/access/actor.server";
import { organisationsSignableBy } from "#app/access/charter.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { Checkbox, DateField, ErrorSummary, SelectField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { membershipStatuses, signOnline } from "#app/models/adhesion.server";
import { currentVersion } from "#app/models/charter.server";
import { requireNetwork } from "#app/models/network.server";
import { dateKey, formatDate, parseDateKey, todayInBrussels } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { forbidden, formReply, invariantResponse } from "#app/utils/errors.server";
import { sanitizeRichText } from "#app/utils/rich-text.server";
import { parseSubmission } from "#app/utils/submission.server";
import { singleLine } from "#app/utils/text";
import { redirectWithToast } from "#app/utils/toast.server";

import { CharterText, Fingerprint } from "./__charter";

const SignSchema = z.object({
  organisation: z.string({ required_error: "charter.sign.organisationRequired" }).min(1, "charter.sign.organisationRequired"),
  signatoryName: singleLine(z.string({ required_error: "form.required" }).trim().min(2, "form.required").max(120, "form.tooLong")),
  signatoryFunction: singleLine(z.string({ required_error: "form.required" }).trim().min(2, "form.required").max(120, "form.tooLong")),
  signedOn: z.string({ required_error: "form.required" }).refine((v) => parseDateKey(v) !== null, "charter.sign.invalidDate"),
  mayCommit: z.literal("on", { errorMap: () => ({ message: "charter.sign.mayCommitRequired" }) }),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, "charter.error.newerVersion"),
});

async function guard(request: Request, networkSlug: string | undefined) {
  const network = await requireNetwork(networkSlug);
  const actor = await requireActor(request);
  const organisations = await organisationsSignableBy(actor, network.id);
  // Only titular and substitute delegates commit an organisation.
  if (organisations.length === 0) forbidden();
  return { network, actor, organisations };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, actor, organisations } = await guard(request, params.network);
  const version = await currentVersion(network.id);
  invariantResponse(version, "charter.error.noCharter", 404);
  const statuses = await membershipStatuses(
    network.id,
    organisations.map((o) => o.id),
  );
  const wanted = new URL(request.url).searchParams.get("org");
  const choices = organisations.map((o) => ({ slug: o.slug, name: o.name, status: statuses.get(o.id)! }));
  const signable = choices.filter((o) => o.status.kind !== "member" && !o.status.pendingPaper);
  return {
    network: { slug: network.slug, name: network.name },
    version: {
      number: version.number,
      title: version.title,
      body: sanitizeRichText(version.body),
      fingerprint: version.fingerprint!,
      effectiveOn: dateKey(version.effectiveOn),
    },
    choices: signable,
    alreadyDone: choices.filter((o) => !signable.includes(o)),
    defaults: {
      organisation: signable.find((o) => o.slug === wanted)?.slug ?? (signable.length === 1 ? signable[0].slug : ""),
      signatoryName: actor.name,
      signatoryFunction: "",
      signedOn: todayInBrussels(now()),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor, organisations } = await guard(request, params.network);
  const submission = parseSubmission(await request.formData(), { schema: SignSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { organisation: slug, signatoryName, signatoryFunction, signedOn, fingerprint } = submission.value;
  const org = organisations.find((o) => o.slug === slug);
  if (!org) return data(submission.reply({ fieldErrors: { organisation: ["charter.sign.organisationRequired"] } }), { status: 400 });
  try {
    const signed = await signOnline(network.id, org.id, actor.userId, fingerprint, { signatoryName, signatoryFunction, signedOn: parseDateKey(signedOn)! });
    return redirectWithToast(`/${network.slug}/charter`, {
      kind: "success",
      key: "charter.sign.done",
      vars: { organisation: org.name, number: signed.versionNumber },
    });
  } catch (error) {
    return formReply(submission, error);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.version.title} — ${data.network.name}` : "Maillage" }];

export default function SignCharter() {
  const t = useT();
  const { network, version, choices, alreadyDone, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof SignSchema>>({
    id: "charter-sign",
    lastResult,
    defaultValue: defaults,
    constraint: getZodConstraint(SignSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const base = `/${network.slug}/charter`;
  return (
    <main id="main" className="page page--form">
      <p>
        <Link to={base}>← {t("charter.backToCharter")}</Link>
      </p>
      <h1>{t("charter.sign.title")}</h1>
      <p className="lead">{t("charter.sign.intro", { number: version.number, date: formatDate(version.effectiveOn, t.locale) })}</p>
      {alreadyDone.length ? <p className="notice">{t("charter.sign.alreadyDone", { organisations: alreadyDone.map((o) => o.name).join(", ") })}</p> : null}

      <details className="charter-read" open>
        <summary>{t("charter.sign.readText", { title: version.title })}</summary>
        <CharterText html={version.body} />
        <Fingerprint value={version.fingerprint} />
      </details>

      {choices.length === 0 ? (
        <p>{t("charter.sign.nothingToSign")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="stack">
          <ErrorSummary form={form} fields={fields} />
          <input type="hidden" name="fingerprint" value={version.fingerprint} />
          {choices.length === 1 ? (
            <>
              <input type="hidden" name="organisation" value={choices[0].slug} />
              <p>
                {t("charter.sign.forOrganisation")} <strong>{choices[0].name}</strong>
              </p>
            </>
          ) : (
            <SelectField
              meta={fields.organisation}
              label={t("charter.sign.organisation")}
              options={choices.map((o) => ({ value: o.slug, label: o.name }))}
              optional
            />
          )}
          <TextField meta={fields.signatoryName} label={t("charter.sign.name")} hint={t("charter.sign.nameHint")} autoComplete="name" />
          <TextField
            meta={fields.signatoryFunction}
            label={t("charter.sign.function")}
            hint={t("charter.sign.functionHint")}
            autoComplete="organization-title"
          />
          <DateField meta={fields.signedOn} label={t("charter.sign.date")} />
          <Checkbox meta={fields.mayCommit} label={t("charter.sign.mayCommit", { number: version.number })} />
          <div className="form-actions">
            <button type="submit" className="button">
              {t("charter.sign.submit")}
            </button>
            <Link to={base}>{t("form.cancel")}</Link>
          </div>
        </Form>
      )}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
