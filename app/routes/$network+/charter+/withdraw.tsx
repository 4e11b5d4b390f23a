// The titular delegate withdraws the organisation's adhesion, after a confirmation step that
// works without JavaScript: the page explains what it means, a checkbox confirms.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { requireActor } from "#app/access/actor.server";
import { canWithdraw } from "#app/access/charter";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { Checkbox, ErrorSummary, TextareaField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { endMembership, membershipStatus } from "#app/models/adhesion.server";
import { requireNetwork } from "#app/models/network.server";
import { requireNetworkOrganisation } from "#app/models/organisation.server";
import { forbidden, formReply } from "#app/utils/errors.server";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { MembershipBadge, MembershipSentence } from "./__charter";

const WithdrawSchema = z.object({
  reason: z.string().trim().max(1000, "form.tooLong").optional(),
  confirm: z.literal("on", { errorMap: () => ({ message: "charter.withdraw.confirmRequired" }) }),
});

async function guard(request: Request, params: LoaderFunctionArgs["params"]) {
  const network = await requireNetwork(params.network);
  const actor = await requireActor(request);
  const org = await requireNetworkOrganisation(network.id, new URL(request.url).searchParams.get("org") ?? undefined);
  if (!canWithdraw(actor, org.id)) forbidden();
  return { network, actor, org };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, org } = await guard(request, params);
  return { network: { slug: network.slug, name: network.name }, org: { slug: org.slug, name: org.name }, status: await membershipStatus(network.id, org.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor, org } = await guard(request, params);
  const submission = parseSubmission(await request.formData(), { schema: WithdrawSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await endMembership(network.id, org.id, actor.userId, "withdrawn", submission.value.reason ?? "");
  } catch (error) {
    return formReply(submission, error);
  }
  return redirectWithToast(`/${network.slug}/charter`, { kind: "success", key: "charter.withdraw.done", vars: { organisation: org.name } });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.org.name} — ${data.network.name}` : "Maillage" }];

export default function Withdraw() {
  const t = useT();
  const { network, org, status } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "charter-withdraw",
    lastResult,
    constraint: getZodConstraint(WithdrawSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WithdrawSchema }),
    shouldValidate: "onSubmit",
  });
  const base = `/${network.slug}/charter`;
  return (
    <main id="main" className="page page--form">
      <p>
        <Link to={base}>← {t("charter.backToCharter")}</Link>
      </p>
      <h1>{t("charter.withdraw.title", { organisation: org.name })}</h1>
      <p>
        <MembershipBadge status={status} /> <MembershipSentence status={status} />
      </p>
      <p className="lead">{t("charter.withdraw.intro", { organisation: org.name, network: network.name })}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <ErrorSummary form={form} fields={{ confirm: fields.confirm, reason: fields.reason }} />
        <TextareaField meta={fields.reason} label={t("charter.withdraw.reason")} hint={t("charter.withdraw.reasonHint")} optional rows={3} />
        <Checkbox meta={fields.confirm} label={t("charter.withdraw.confirm", { organisation: org.name })} />
        <div className="form-actions">
          <button type="submit" className="button button--danger">
            {t("charter.withdraw.submit")}
          </button>
          <Link to={base}>{t("form.cancel")}</Link>
        </div>
      </Form>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
