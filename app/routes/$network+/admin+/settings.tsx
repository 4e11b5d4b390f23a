import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";

import { requireCoordinator } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { requireNetwork, updateNetwork } from "#app/models/network.server";
import { NetworkContentFields, NetworkSettingsSchema } from "#app/routes/admin+/__network-form";
import { transaction } from "#app/utils/db.server";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { AdminNav } from "./__admin-nav";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  await requireCoordinator(request, network.id);
  return { network: { slug: network.slug, name: network.name, description: network.description, themes: network.themes } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await requireCoordinator(request, network.id);
  const submission = parseSubmission(await request.formData(), { schema: NetworkSettingsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  // Name and address (slug) stay with the platform administrator: links to the network depend on them.
  await transaction((tx) => updateNetwork(tx, actor.userId, network.id, submission.value));
  return redirectWithToast(`/${network.slug}/admin/settings`, { kind: "success", key: "form.saved" });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.network.name ?? ""} — Coordination — Maillage` }];

export default function NetworkSettings() {
  const t = useT();
  const { network } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "network-settings",
    lastResult,
    constraint: getZodConstraint(NetworkSettingsSchema),
    defaultValue: { description: network.description, themes: network.themes.join("\n") },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NetworkSettingsSchema }),
  });
  return (
    <main id="main" className="page">
      <AdminNav network={network} current={t("networkAdmin.nav.settings")} />
      <h1>{t("networkAdmin.settings.title")}</h1>
      <p>{t("networkAdmin.settings.intro")}</p>
      <div className="card">
        <Form method="post" {...getFormProps(form)}>
          <ErrorSummary form={form} fields={fields} />
          <NetworkContentFields fields={fields} />
          <p className="hint">{t("networkAdmin.settings.themesNote")}</p>
          <div className="form-actions">
            <button type="submit" className="button">
              {t("form.save")}
            </button>
          </div>
        </Form>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
