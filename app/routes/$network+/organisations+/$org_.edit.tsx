import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";

import { requireOrganisationEditor } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { requireNetwork } from "#app/models/network.server";
import { organisationFullSelect, requireNetworkOrganisation, updateOrganisation } from "#app/models/organisation.server";
import { prisma, transaction } from "#app/utils/db.server";
import { pageTitle } from "#app/utils/i18n";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { formDefaults, OrganisationForm, organisationSchema, toOrganisationInput } from "./__organisation-form";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const { id } = await requireNetworkOrganisation(network.id, params.org);
  await requireOrganisationEditor(request, network.id, id);
  const org = await prisma.organisation.findUniqueOrThrow({
    where: { id },
    select: organisationFullSelect,
  });
  const { slug, ...stored } = org;
  return {
    network: { slug: network.slug, name: network.name, themes: network.themes },
    org: { slug, name: org.name },
    defaultValue: formDefaults(stored),
    existingHours: org.hours.length,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = await requireNetwork(params.network);
  const org = await requireNetworkOrganisation(network.id, params.org);
  const actor = await requireOrganisationEditor(request, network.id, org.id);
  const submission = parseSubmission(await request.formData(), { schema: organisationSchema(network.themes) });
  if (submission.status !== "success") {
    return data(submission.reply(), { status: 400 });
  }
  const input = toOrganisationInput(submission.value, network.themes);
  const saved = await transaction(async (tx) => {
    // An organisation can belong to several networks: themes of the others are not on this
    // form, and must survive an edit made here.
    const { themes } = await tx.organisation.findUniqueOrThrow({ where: { id: org.id }, select: { themes: true } });
    const elsewhere = themes.filter((x) => !network.themes.includes(x));
    return updateOrganisation(tx, network.id, actor.userId, org.id, { ...input, themes: [...input.themes!, ...elsewhere] });
  });
  return redirectWithToast(`/${network.slug}/organisations/${saved.slug}`, { kind: "success", key: "org.saved", vars: { name: saved.name } });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${t("org.edit.title")} : ${data.org.name}` : undefined));

export default function EditOrganisation() {
  const t = useT();
  const { network, org, defaultValue, existingHours } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const profile = `/${network.slug}/organisations/${org.slug}`;
  return (
    <main id="main" className="page page--form">
      <h1>
        {t("org.edit.title")} <span className="h1-sub">{org.name}</span>
      </h1>
      <p>{t("org.edit.intro")}</p>
      <OrganisationForm
        id="organisation-edit"
        themes={network.themes}
        defaultValue={defaultValue}
        existingHours={existingHours}
        lastResult={lastResult}
        submitLabel={t("form.save")}
        cancelHref={profile}
      />
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
