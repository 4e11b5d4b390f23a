// One request to join, and the coordinator's decision: accept (create the organisation, or use
// an existing one of the same name, and invite the contact as titular delegate) or decline with
// a message. Two forms told apart by `intent`; both only while the request is pending.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { requireCoordinator } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, FieldError, TextareaField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { acceptJoinRequest, declineJoinRequest, organisationsNamed } from "#app/models/join-request.server";
import { requireNetwork } from "#app/models/network.server";
import { instantFormat } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { intentReply, invariantResponse } from "#app/utils/errors.server";
import { metaT } from "#app/utils/i18n";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { AdminNav } from "./__admin-nav";

/** "new", or the id of an organisation of the network with the same name. */
const AcceptSchema = z.object({ organisation: z.string().trim().max(100).optional() });
const DeclineSchema = z.object({
  message: z.string({ required_error: "form.required" }).trim().min(1, "form.required").max(2000, "form.tooLong"),
});

async function guard(request: Request, params: LoaderFunctionArgs["params"]) {
  const network = await requireNetwork(params.network);
  const actor = await requireCoordinator(request, network.id);
  // Scoped by network: a request to another network is a 404, never shown.
  const joinRequest = params.id
    ? await prisma.joinRequest.findFirst({
        where: { id: params.id, networkId: network.id },
        select: {
          id: true,
          organisationName: true,
          kind: true,
          street: true,
          postalCode: true,
          commune: true,
          website: true,
          phone: true,
          contactName: true,
          contactEmail: true,
          contactFunction: true,
          motivation: true,
          locale: true,
          status: true,
          decisionMessage: true,
          decidedAt: true,
          createdAt: true,
          decidedBy: { select: { name: true } },
          organisation: { select: { slug: true, name: true } },
        },
      })
    : null;
  invariantResponse(joinRequest, "error.notFound", 404);
  return { network, actor, joinRequest };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, joinRequest: r } = await guard(request, params);
  const sameName = r.status === "pending" ? await organisationsNamed(network.id, r.organisationName) : [];
  return {
    network: { slug: network.slug, name: network.name },
    request: {
      ...r,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decidedBy: r.decidedBy?.name ?? null,
    },
    sameName,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor, joinRequest } = await guard(request, params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = `/${network.slug}/admin/join-requests/${joinRequest.id}`;
  const decision = { networkId: network.id, requestId: joinRequest.id, actorId: actor.userId };

  if (intent === "accept") {
    const submission = parseSubmission(formData, { schema: AcceptSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const choice = submission.value.organisation;
    try {
      const done = await acceptJoinRequest({ ...decision, existingOrganisationId: choice && choice !== "new" ? choice : null });
      return redirectWithToast(back, {
        kind: "success",
        key: `join.accepted${done.member ? "Member" : ""}${done.invited ? "" : "NoInvite"}`,
        vars: { organisation: done.organisation.name, email: done.email },
      });
    } catch (error) {
      return intentReply(intent, submission, error, { fields: [] });
    }
  }

  if (intent === "decline") {
    const submission = parseSubmission(formData, { schema: DeclineSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      const done = await declineJoinRequest({ ...decision, message: submission.value.message });
      return redirectWithToast(back, { kind: "success", key: "join.declined", vars: { organisation: done.organisationName, email: done.email } });
    } catch (error) {
      return intentReply(intent, submission, error, { fields: [] });
    }
  }

  return data({ intent: null, result: null }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const t = metaT(matches);
  return [{ title: d ? `${t("join.admin.requestTitle", { organisation: d.request.organisationName })} — Maillage` : "Maillage" }];
};

export default function JoinRequestPage() {
  const t = useT();
  const { network, request: r, sameName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const when = instantFormat(t.locale, { dateStyle: "long", timeStyle: "short" });
  const base = `/${network.slug}/admin/join-requests`;
  // A decision refused because another coordinator decided first: the forms are gone, the message stays.
  const lateError = r.status !== "pending" ? (actionData?.result?.error?.[""] ?? null) : null;
  const address = [r.street, [r.postalCode, r.commune].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return (
    <main id="main" className="page">
      <AdminNav network={network} current={t("networkAdmin.nav.joinRequests")} />
      <p>
        <Link to={base}>← {t("join.admin.back")}</Link>
      </p>
      <h1>{t("join.admin.requestTitle", { organisation: r.organisationName })}</h1>
      <p className="cluster">
        <span className={`badge${r.status === "accepted" ? " badge--open" : ""}`}>{t.pick("join.status", r.status)}</span>
        <span className="muted">{t("join.admin.receivedOn", { date: when.format(new Date(r.createdAt)) })}</span>
      </p>

      {lateError ? (
        <div className="error-summary" role="alert">
          <p className="error-summary__title">{lateError.map((e) => t.message(e)).join(" ")}</p>
        </div>
      ) : null}

      {r.status !== "pending" ? (
        <div className="notice">
          <p>
            {r.decidedBy
              ? t("join.admin.decidedBy", { status: t.pick("join.status", r.status), date: when.format(new Date(r.decidedAt!)), name: r.decidedBy })
              : t("join.admin.decidedOn", { status: t.pick("join.status", r.status), date: r.decidedAt ? when.format(new Date(r.decidedAt)) : "—" })}
          </p>
          {r.organisation ? (
            <p>
              <Link to={`/${network.slug}/organisations/${r.organisation.slug}`}>
                {t("join.admin.organisationLink", { organisation: r.organisation.name })}
              </Link>
            </p>
          ) : null}
          {r.decisionMessage ? (
            <>
              <p className="join-message-label">{t("join.admin.sentMessage")}</p>
              <p className="join-text">{r.decisionMessage}</p>
            </>
          ) : null}
        </div>
      ) : null}

      {sameName.length ? (
        <div className="notice join-duplicate">
          <p>{t("join.admin.duplicate")}</p>
          <ul>
            {sameName.map((o) => (
              <li key={o.id}>
                <Link to={`/${network.slug}/organisations/${o.slug}`}>{o.name}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <dl className="facts card">
        <dt>{t("join.organisationName")}</dt>
        <dd>{r.organisationName}</dd>
        <dt>{t("org.form.kind")}</dt>
        <dd>{t.pick("org.kind", r.kind)}</dd>
        <dt>{t("org.form.address")}</dt>
        <dd>{address || "—"}</dd>
        <dt>{t("org.form.website")}</dt>
        <dd>{r.website ? <a href={r.website}>{r.website}</a> : "—"}</dd>
        <dt>{t("org.form.phone")}</dt>
        <dd>{r.phone ?? "—"}</dd>
        <dt>{t("join.contactName")}</dt>
        <dd>{r.contactName}</dd>
        <dt>{t("join.contactFunction")}</dt>
        <dd>{r.contactFunction || "—"}</dd>
        <dt>{t("join.contactEmail")}</dt>
        <dd>
          <a href={`mailto:${r.contactEmail}`}>{r.contactEmail}</a>
        </dd>
        <dt>{t("join.admin.language")}</dt>
        <dd>{t.pick("lang", r.locale)}</dd>
        <dt>{t("join.motivation")}</dt>
        <dd className="join-text">{r.motivation}</dd>
      </dl>

      {r.status === "pending" ? (
        <div className="join-decisions">
          <AcceptForm email={r.contactEmail} name={r.organisationName} sameName={sameName} />
          <DeclineForm />
        </div>
      ) : null}
    </main>
  );
}

function AcceptForm({ email, name, sameName }: { email: string; name: string; sameName: { id: string; name: string }[] }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "accept",
    lastResult: actionData?.intent === "accept" ? actionData.result : undefined,
    constraint: getZodConstraint(AcceptSchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptSchema }),
  });
  return (
    <section className="card" aria-labelledby="accept-title">
      <h2 id="accept-title">{t("join.admin.acceptTitle")}</h2>
      <p>{t("join.admin.acceptIntro", { email })}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} />
        <input type="hidden" name="intent" value="accept" />
        {sameName.length ? (
          <fieldset className="field" aria-describedby={fields.organisation.errors?.length ? fields.organisation.errorId : undefined}>
            <legend>{t("join.admin.choice")}</legend>
            {sameName.map((o, i) => (
              <label key={o.id} className="checkbox">
                <input type="radio" name="organisation" value={o.id} defaultChecked={i === 0} />
                {t("join.admin.choiceExisting", { name: o.name })}
              </label>
            ))}
            <label className="checkbox">
              <input type="radio" name="organisation" value="new" />
              {t("join.admin.choiceNew", { name })}
            </label>
            <FieldError id={fields.organisation.errorId} errors={fields.organisation.errors} />
          </fieldset>
        ) : (
          <input type="hidden" name="organisation" value="new" />
        )}
        <div className="form-actions">
          <button type="submit" className="button">
            {t("join.admin.acceptSubmit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function DeclineForm() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "decline",
    lastResult: actionData?.intent === "decline" ? actionData.result : undefined,
    constraint: getZodConstraint(DeclineSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeclineSchema }),
  });
  return (
    <section className="card" aria-labelledby="decline-title">
      <h2 id="decline-title">{t("join.admin.declineTitle")}</h2>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} fields={{ message: fields.message }} />
        <input type="hidden" name="intent" value="decline" />
        <TextareaField meta={fields.message} label={t("join.admin.declineMessage")} hint={t("join.admin.declineHint")} rows={5} />
        <div className="form-actions">
          <button type="submit" className="button button--danger">
            {t("join.admin.declineSubmit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
