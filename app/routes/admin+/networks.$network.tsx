import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { requirePlatformAdmin } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { addCoordinatorByEmail, isSlugTaken, removeCoordinator, slugInUse, updateNetwork } from "#app/models/network.server";
import { instantFormat } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { intentReply, invariantResponse } from "#app/utils/errors.server";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { NetworkContentFields, NetworkIdentityFields, NetworkLanguagesField, NetworkSchema } from "./__network-form";

const AddCoordinatorSchema = z.object({
  email: z.string({ required_error: "form.required" }).trim().toLowerCase().email("form.invalidEmail").max(254, "form.tooLong"),
});
const RemoveCoordinatorSchema = z.object({ userId: z.string().min(1) });

async function loadNetwork(slug: string | undefined) {
  const network = slug
    ? await prisma.network.findUnique({
        where: { slug },
        select: {
          id: true,
          slug: true,
          name: true,
          description: true,
          themes: true,
          languages: true,
          coordinators: { orderBy: { user: { name: "asc" } }, select: { user: { select: { id: true, name: true, email: true } } } },
          invitations: {
            where: { role: "coordinator", acceptedAt: null, revokedAt: null, expiresAt: { gt: now() } },
            orderBy: { createdAt: "desc" },
            select: { id: true, email: true, expiresAt: true },
          },
        },
      })
    : null;
  invariantResponse(network, "error.notFound", 404);
  return network;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const network = await loadNetwork(params.network);
  return {
    network: {
      ...network,
      coordinators: network.coordinators.map((c) => c.user),
      invitations: network.invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePlatformAdmin(request);
  const network = await loadNetwork(params.network);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = (slug = network.slug) => `/admin/networks/${slug}`;

  if (intent === "update") {
    const submission = parseSubmission(formData, { schema: NetworkSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const slugTaken = () => data({ intent, result: submission.reply({ fieldErrors: { slug: ["admin.slugTaken"] } }) }, { status: 400 });
    if (await slugInUse(prisma, submission.value.slug, network.id)) return slugTaken();
    try {
      const updated = await transaction((tx) => updateNetwork(tx, actor.userId, network.id, submission.value));
      return redirectWithToast(here(updated.slug), { kind: "success", key: "form.saved" });
    } catch (error) {
      if (isSlugTaken(error)) return slugTaken();
      throw error;
    }
  }

  if (intent === "addCoordinator") {
    const submission = parseSubmission(formData, { schema: AddCoordinatorSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const email = submission.value.email;
    let outcome: Awaited<ReturnType<typeof addCoordinatorByEmail>>;
    try {
      outcome = await transaction((tx) => addCoordinatorByEmail(tx, { networkId: network.id, email, actorId: actor.userId }));
    } catch (error) {
      // Another administrator invited this address at the same moment: theirs is the one that counts.
      return intentReply(intent, submission, error);
    }
    const key = { added: "admin.coordinatorAdded", already: "admin.coordinatorAlready", invited: "admin.coordinatorInvited" }[outcome];
    return redirectWithToast(here(), { kind: outcome === "already" ? "info" : "success", key, vars: { email } });
  }

  if (intent === "removeCoordinator") {
    const submission = parseSubmission(formData, { schema: RemoveCoordinatorSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      const removed = await transaction((tx) => removeCoordinator(tx, { networkId: network.id, userId: submission.value.userId, actorId: actor.userId }));
      invariantResponse(removed, "error.notFound", 404);
    } catch (error) {
      // The last coordinator stays (invalid "admin.lastCoordinator"), said beside the form; anything else is thrown on.
      return intentReply(intent, submission, error);
    }
    return redirectWithToast(here(), { kind: "success", key: "admin.coordinatorRemoved" });
  }

  return data({ intent: null, result: null }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.network.name ?? ""} — Administration — Maillage` }];

export default function AdminNetwork() {
  const t = useT();
  const { network } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: string) => (actionData?.intent === intent ? (actionData.result ?? undefined) : undefined);
  const dateFormat = instantFormat(t.locale, { dateStyle: "long" });

  const [form, fields] = useForm({
    id: "edit-network",
    lastResult: resultFor("update"),
    constraint: getZodConstraint(NetworkSchema),
    defaultValue: { name: network.name, slug: network.slug, description: network.description, themes: network.themes.join("\n"), languages: network.languages },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NetworkSchema }),
  });
  const [addForm, addFields] = useForm({
    id: "add-coordinator",
    lastResult: resultFor("addCoordinator"),
    constraint: getZodConstraint(AddCoordinatorSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddCoordinatorSchema }),
  });
  const removeErrors = resultFor("removeCoordinator")?.error?.[""] ?? [];

  return (
    <main id="main" className="page">
      <nav aria-label={t("layout.breadcrumb")}>
        <p>
          <Link to="/admin">{t("admin.title")}</Link> › {network.name}
        </p>
      </nav>
      <h1>{network.name}</h1>
      <p>
        <Link to={`/${network.slug}`}>{t("admin.openNetwork")}</Link> · <Link to={`/${network.slug}/admin`}>{t("networkAdmin.title")}</Link>
      </p>
      <div className="split">
        <section aria-labelledby="coordinators-title">
          <h2 id="coordinators-title">{t("admin.coordinators")}</h2>
          {removeErrors.length ? (
            <div className="error-summary" role="alert">
              {removeErrors.map((e) => (
                <p key={e}>{t.message(e)}</p>
              ))}
            </div>
          ) : null}
          {network.coordinators.length === 0 ? <p>{t("admin.noCoordinators")}</p> : null}
          <ul className="result-list">
            {network.coordinators.map((c) => (
              <li key={c.id}>
                <p>
                  <strong>{c.name}</strong>
                  <br />
                  <span className="muted">{c.email}</span>
                </p>
                <Form method="post">
                  <input type="hidden" name="intent" value="removeCoordinator" />
                  <input type="hidden" name="userId" value={c.id} />
                  <button type="submit" className="button button--small button--secondary" disabled={network.coordinators.length <= 1}>
                    {t("admin.removeCoordinator")}
                    <span className="visually-hidden"> {c.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          {network.coordinators.length <= 1 ? <p className="hint">{t("admin.lastCoordinatorHint")}</p> : null}
          {network.invitations.length ? (
            <>
              <h3>{t("admin.pendingInvitations")}</h3>
              <ul>
                {network.invitations.map((i) => (
                  <li key={i.id}>
                    {i.email} <span className="muted">({t("admin.invitationUntil", { date: dateFormat.format(new Date(i.expiresAt)) })})</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <div className="card">
            <Form method="post" {...getFormProps(addForm)}>
              <input type="hidden" name="intent" value="addCoordinator" />
              <ErrorSummary form={addForm} fields={addFields} />
              <TextField
                meta={addFields.email}
                type="email"
                label={t("admin.addCoordinatorEmail")}
                hint={t("admin.field.coordinatorEmailHint")}
                autoComplete="off"
              />
              <button type="submit" className="button button--secondary">
                {t("admin.addCoordinator")}
              </button>
            </Form>
          </div>
        </section>
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">{t("admin.edit")}</h2>
          <div className="card">
            <Form method="post" {...getFormProps(form)}>
              <input type="hidden" name="intent" value="update" />
              <ErrorSummary form={form} fields={fields} />
              <NetworkIdentityFields fields={fields} />
              <NetworkContentFields fields={fields} />
              <NetworkLanguagesField meta={fields.languages} />
              <div className="form-actions">
                <button type="submit" className="button">
                  {t("form.save")}
                </button>
              </div>
            </Form>
          </div>
        </section>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
