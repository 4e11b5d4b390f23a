import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { requirePlatformAdmin } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { addCoordinatorByEmail, createNetwork, isSlugTaken, slugInUse } from "#app/models/network.server";
import { prisma, transaction } from "#app/utils/db.server";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { CreateNetworkSchema, NetworkContentFields, NetworkIdentityFields, NetworkLanguagesField } from "./__network-form";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const networks = await prisma.network.findMany({
    orderBy: { name: "asc" },
    select: { slug: true, name: true, _count: { select: { organisations: true, coordinators: true } } },
  });
  return { networks: networks.map((n) => ({ slug: n.slug, name: n.name, organisations: n._count.organisations, coordinators: n._count.coordinators })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePlatformAdmin(request);
  const formData = await request.formData();
  const submission = parseSubmission(formData, { schema: CreateNetworkSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { coordinatorEmail, ...input } = submission.value;
  const slugTaken = () => data(submission.reply({ fieldErrors: { slug: ["admin.slugTaken"] } }), { status: 400 });
  if (await slugInUse(prisma, input.slug)) return slugTaken();
  try {
    const result = await transaction(async (tx) => {
      const network = await createNetwork(tx, actor.userId, input);
      const coordinator = await addCoordinatorByEmail(tx, { networkId: network.id, email: coordinatorEmail, actorId: actor.userId });
      return { network, coordinator };
    });
    return redirectWithToast(`/admin/networks/${result.network.slug}`, {
      kind: "success",
      key: result.coordinator === "invited" ? "admin.createdInvited" : "admin.created",
      vars: { name: result.network.name, email: coordinatorEmail },
    });
  } catch (error) {
    // Someone else took the slug between our check and the insert.
    if (isSlugTaken(error)) return slugTaken();
    throw error;
  }
}

export const meta: MetaFunction = () => [{ title: "Administration — Maillage" }];

export default function PlatformAdmin() {
  const t = useT();
  const { networks } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "create-network",
    lastResult,
    constraint: getZodConstraint(CreateNetworkSchema),
    defaultValue: { languages: ["fr", "nl", "en"] },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateNetworkSchema }),
  });
  return (
    <main id="main" className="page">
      <h1>{t("admin.title")}</h1>
      <p className="lead">{t("admin.intro")}</p>
      <section aria-labelledby="networks-title">
        <h2 id="networks-title">{t("admin.networks")}</h2>
        {networks.length === 0 ? (
          <p>{t("admin.noNetworks")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("admin.networks")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.field.name")}</th>
                  <th scope="col">{t("admin.field.slug")}</th>
                  <th scope="col">{t("admin.organisations")}</th>
                  <th scope="col">{t("admin.coordinators")}</th>
                </tr>
              </thead>
              <tbody>
                {networks.map((n) => (
                  <tr key={n.slug}>
                    <th scope="row">
                      <Link to={`/admin/networks/${n.slug}`}>{n.name}</Link>
                    </th>
                    <td>
                      <Link to={`/${n.slug}`}>/{n.slug}</Link>
                    </td>
                    <td>{n.organisations}</td>
                    <td>{n.coordinators}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="create-title">
        <h2 id="create-title">{t("admin.create")}</h2>
        <div className="card">
          <Form method="post" {...getFormProps(form)}>
            <ErrorSummary form={form} fields={fields} />
            <NetworkIdentityFields fields={fields} />
            <NetworkContentFields fields={fields} />
            <NetworkLanguagesField meta={fields.languages} />
            <TextField
              meta={fields.coordinatorEmail}
              type="email"
              label={t("admin.field.coordinatorEmail")}
              hint={t("admin.field.coordinatorEmailHint")}
              autoComplete="off"
            />
            <div className="form-actions">
              <button type="submit" className="button">
                {t("admin.createSubmit")}
              </button>
            </div>
          </Form>
        </div>
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
