import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";

import { requireCoordinator } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { requireNetwork } from "#app/models/network.server";
import { createOrganisation } from "#app/models/organisation.server";
import { transaction } from "#app/utils/db.server";
import { pageTitle } from "#app/utils/i18n";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { formDefaults, OrganisationForm, organisationSchema, toOrganisationInput } from "./__organisation-form";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  await requireCoordinator(request, network.id);
  return { network: { slug: network.slug, name: network.name, themes: network.themes }, defaultValue: formDefaults(null) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await requireCoordinator(request, network.id);
  const submission = parseSubmission(await request.formData(), { schema: organisationSchema(network.themes) });
  if (submission.status !== "success") {
    return data(submission.reply(), { status: 400 });
  }
  const input = toOrganisationInput(submission.value, network.themes);
  const created = await transaction((tx) => createOrganisation(tx, network.id, actor.userId, input));
  return redirectWithToast(`/${network.slug}/organisations/${created.slug}`, { kind: "success", key: "org.created", vars: { name: created.name } });
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("org.new.title"));

export default function NewOrganisation() {
  const t = useT();
  const { network, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <main id="main" className="page page--form">
      <h1>{t("org.new.title")}</h1>
      <p>{t("org.new.intro", { network: network.name })}</p>
      <OrganisationForm
        id="organisation-new"
        themes={network.themes}
        defaultValue={defaultValue}
        existingHours={0}
        lastResult={lastResult}
        submitLabel={t("org.form.create")}
        cancelHref={`/${network.slug}/organisations`}
      />
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
