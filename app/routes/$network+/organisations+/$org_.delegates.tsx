import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { can } from "#app/access/can";
import { requireOrganisationEditor } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, SelectField, SubmissionKeyField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { changeDelegateRole, createInvitation, removeDelegate, revokeInvitation } from "#app/models/invitation.server";
import { requireNetwork } from "#app/models/network.server";
import { requireNetworkOrganisation } from "#app/models/organisation.server";
import { instantFormat } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { DELEGATE_ROLES } from "#app/utils/domain";
import { forbidden, intentReply, invariantResponse } from "#app/utils/errors.server";
import { isLocale } from "#app/utils/i18n";
import { claimSubmission, newSubmissionKey, submissionKeyOf } from "#app/utils/idempotency.server";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

const roleField = z.enum(DELEGATE_ROLES, { required_error: "form.required", message: "form.invalidChoice" });

const InviteSchema = z.object({
  email: z.string({ required_error: "form.required" }).trim().toLowerCase().email("form.invalidEmail").max(254, "form.tooLong"),
  role: roleField,
});
const RoleSchema = z.object({ userId: z.string().min(1), role: roleField });
const RemoveSchema = z.object({ userId: z.string().min(1) });
const RevokeSchema = z.object({ invitationId: z.string().min(1) });

/** The network, the organisation (of that network), and the person, who must be allowed to see it. */
async function guard(request: Request, params: LoaderFunctionArgs["params"]) {
  const network = await requireNetwork(params.network);
  const org = await requireNetworkOrganisation(network.id, params.org);
  const actor = await requireOrganisationEditor(request, network.id, org.id);
  return { network, org, actor, canManage: can(actor, "organisation.manageDelegates", { networkId: network.id }) };
}

const ROLE_ORDER: Record<string, number> = { titular: 0, substitute: 1, staff: 2 };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, org, canManage } = await guard(request, params);
  const [delegates, invitations] = await Promise.all([
    prisma.delegate.findMany({
      where: { organisationId: org.id },
      select: { role: true, user: { select: { id: true, name: true, email: true } } },
      orderBy: { user: { name: "asc" } },
    }),
    prisma.invitation.findMany({
      where: { networkId: network.id, organisationId: org.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now() } },
      select: { id: true, email: true, role: true, expiresAt: true, invitedBy: { select: { name: true } } },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  delegates.sort((a, b) => (ROLE_ORDER[a.role] ?? 9) - (ROLE_ORDER[b.role] ?? 9));
  // Removal asks for confirmation on a page of its own (works without JavaScript).
  const removeId = canManage ? new URL(request.url).searchParams.get("remove") : null;
  const confirmRemove = removeId ? (delegates.find((d) => d.user.id === removeId)?.user ?? null) : null;
  return {
    network: { slug: network.slug, name: network.name },
    org: { slug: org.slug, name: org.name },
    canManage,
    delegates: delegates.map((d) => ({ role: d.role, ...d.user })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      expiresAt: i.expiresAt.toISOString(),
      invitedBy: i.invitedBy?.name ?? null,
    })),
    confirmRemove,
    submissionKey: newSubmissionKey(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, org, actor, canManage } = await guard(request, params);
  // Delegates see the list; only the network's coordination changes who represents an organisation.
  if (!canManage) forbidden();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = `/${network.slug}/organisations/${org.slug}/delegates`;
  const ref = (userId: string) => ({ networkId: network.id, organisationId: org.id, userId, actorId: actor.userId });

  if (intent === "invite") {
    const submission = parseSubmission(formData, { schema: InviteSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const { email, role } = submission.value;
    const already = await prisma.delegate.count({ where: { organisationId: org.id, user: { email } } });
    if (already) {
      return data({ intent, result: submission.reply({ fieldErrors: { email: ["delegates.alreadyDelegate"] } }) }, { status: 400 });
    }
    const key = submissionKeyOf(formData);
    try {
      await transaction(async (tx) => {
        // The same form sent again (a double click) would revoke the link just e-mailed.
        if (!(await claimSubmission(tx, key, "delegates.invite", actor.userId))) return;
        await createInvitation(tx, {
          networkId: network.id,
          organisationId: org.id,
          email,
          role,
          invitedById: actor.userId,
          locale: isLocale(actor.locale) ? actor.locale : undefined,
        });
      });
    } catch (error) {
      return intentReply(intent, submission, error);
    }
    return redirectWithToast(back, { kind: "success", key: "delegates.invited", vars: { email } });
  }

  if (intent === "role") {
    const submission = parseSubmission(formData, { schema: RoleSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const done = await transaction((tx) => changeDelegateRole(tx, ref(submission.value.userId), submission.value.role));
    invariantResponse(done, "error.notFound", 404);
    return redirectWithToast(back, { kind: "success", key: "delegates.roleChanged" });
  }

  if (intent === "remove") {
    const submission = parseSubmission(formData, { schema: RemoveSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const done = await transaction((tx) => removeDelegate(tx, ref(submission.value.userId)));
    invariantResponse(done, "error.notFound", 404);
    return redirectWithToast(back, { kind: "success", key: "delegates.removed" });
  }

  if (intent === "revoke") {
    const submission = parseSubmission(formData, { schema: RevokeSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const done = await transaction((tx) =>
      revokeInvitation(tx, { networkId: network.id, organisationId: org.id, invitationId: submission.value.invitationId, actorId: actor.userId }),
    );
    invariantResponse(done, "error.notFound", 404);
    return redirectWithToast(back, { kind: "success", key: "delegates.revoked" });
  }

  return data({ intent: null, result: null }, { status: 400 });
}

export default function DelegatesPage() {
  const t = useT();
  const { network, org, canManage, delegates, invitations, confirmRemove, submissionKey } = useLoaderData<typeof loader>();
  const dateFormat = instantFormat(t.locale, { dateStyle: "long" });
  const roleOptions = DELEGATE_ROLES.map((r) => ({ value: r, label: t(`delegates.role.${r}`) }));
  const orgPath = `/${network.slug}/organisations/${org.slug}`;
  return (
    <main id="main" className="page">
      <p>
        <Link to={orgPath}>← {org.name}</Link>
      </p>
      <h1>{t("delegates.title", { organisation: org.name })}</h1>
      <p className="lead">{t("delegates.intro")}</p>
      {!canManage ? <p className="notice">{t("delegates.onlyCoordinators")}</p> : null}

      {confirmRemove ? (
        <section className="card delegates-confirm" aria-labelledby="confirm-title" id="confirm">
          <h2 id="confirm-title">{t("delegates.confirmTitle", { name: confirmRemove.name })}</h2>
          <p>{t("delegates.confirmText", { name: confirmRemove.name, organisation: org.name })}</p>
          <Form method="post" action={`${orgPath}/delegates`} className="form-actions">
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="userId" value={confirmRemove.id} />
            <button type="submit" className="button button--danger">
              {t("delegates.confirmSubmit", { name: confirmRemove.name })}
            </button>
            <Link to={`${orgPath}/delegates`}>{t("form.cancel")}</Link>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="delegates-title" className="delegates-section">
        <h2 id="delegates-title">{t("delegates.listTitle")}</h2>
        {delegates.length === 0 ? (
          <p>{t("delegates.none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("delegates.name")}</th>
                  <th scope="col">{t("delegates.role")}</th>
                  <th scope="col">{t("delegates.email")}</th>
                  {canManage ? <th scope="col">{t("delegates.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {delegates.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">{d.name}</th>
                    <td>{t.pick("delegates.role", d.role)}</td>
                    <td>
                      <a href={`mailto:${d.email}`}>{d.email}</a>
                    </td>
                    {canManage ? (
                      <td>
                        <div className="delegates-actions">
                          <Form method="post" action={`${orgPath}/delegates`} className="cluster">
                            <input type="hidden" name="intent" value="role" />
                            <input type="hidden" name="userId" value={d.id} />
                            <label htmlFor={`role-${d.id}`} className="visually-hidden">
                              {t("delegates.roleOf", { name: d.name })}
                            </label>
                            <select id={`role-${d.id}`} name="role" defaultValue={d.role}>
                              {roleOptions.map((o) => (
                                <option key={o.value} value={o.value}>
                                  {o.label}
                                </option>
                              ))}
                            </select>
                            <button type="submit" className="button button--small button--secondary">
                              {t("delegates.changeRole")}
                              <span className="visually-hidden"> ({d.name})</span>
                            </button>
                          </Form>
                          <Link to={`?remove=${encodeURIComponent(d.id)}#confirm`} className="button button--small button--secondary">
                            {t("delegates.remove")}
                            <span className="visually-hidden"> {d.name}</span>
                          </Link>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="invitations-title" className="delegates-section">
        <h2 id="invitations-title">{t("delegates.pendingTitle")}</h2>
        {invitations.length === 0 ? (
          <p>{t("delegates.noPending")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("delegates.email")}</th>
                  <th scope="col">{t("delegates.role")}</th>
                  <th scope="col">{t("delegates.invitedBy")}</th>
                  <th scope="col">{t("delegates.validUntil")}</th>
                  {canManage ? <th scope="col">{t("delegates.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {invitations.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{i.email}</th>
                    <td>{t.pick("delegates.role", i.role)}</td>
                    <td>{i.invitedBy ?? "—"}</td>
                    <td>{dateFormat.format(new Date(i.expiresAt))}</td>
                    {canManage ? (
                      <td>
                        <Form method="post" action={`${orgPath}/delegates`}>
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="invitationId" value={i.id} />
                          <button type="submit" className="button button--small button--secondary">
                            {t("delegates.revoke")}
                            <span className="visually-hidden"> ({i.email})</span>
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {/* Keyed on the pending list: a sent invitation empties the form. */}
      {canManage ? (
        <InviteForm key={invitations.map((i) => i.id).join()} to={`${orgPath}/delegates`} roleOptions={roleOptions} submissionKey={submissionKey} />
      ) : null}
    </main>
  );
}

function InviteForm({ to, roleOptions, submissionKey }: { to: string; roleOptions: { value: string; label: string }[]; submissionKey: string }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invite",
    lastResult: actionData?.intent === "invite" ? actionData.result : undefined,
    defaultValue: { role: "titular" },
    constraint: getZodConstraint(InviteSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
  });
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{t("delegates.inviteTitle")}</h2>
      <p>{t("delegates.inviteIntro")}</p>
      <Form method="post" action={to} {...getFormProps(form)}>
        <ErrorSummary form={form} fields={{ email: fields.email, role: fields.role }} />
        <input type="hidden" name="intent" value="invite" />
        <SubmissionKeyField value={submissionKey} />
        <TextField meta={fields.email} label={t("delegates.inviteEmail")} type="email" autoComplete="off" />
        <SelectField meta={fields.role} label={t("delegates.role")} hint={t("delegates.roleHint")} options={roleOptions} />
        <div className="form-actions">
          <button type="submit" className="button">
            {t("delegates.inviteSubmit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `${d.org.name} — Maillage` : "Maillage" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
