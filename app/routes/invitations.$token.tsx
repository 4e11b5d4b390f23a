import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";

import { getActor, requireActor } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, SelectField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { acceptInvitation, acceptInvitationWithNewAccount, findInvitation, INVITATION_CLOSED } from "#app/models/invitation.server";
import { instantFormat } from "#app/utils/brussels-time";
import { prisma, transaction } from "#app/utils/db.server";
import { forbidden, formRefusal, refusalResponse } from "#app/utils/errors.server";
import { LOCALES, pageTitle } from "#app/utils/i18n";
import { localeCookie } from "#app/utils/i18n.server";
import { createUserSession } from "#app/utils/session.server";
import { parseSubmission } from "#app/utils/submission.server";
import { toastHeader } from "#app/utils/toast.server";

import { newPasswordFields, passwordsMatch, profileFields } from "./__account-schemas";
import { NewPasswordFields } from "./__new-password-fields";

const NewAccountSchema = z.object({ ...profileFields, ...newPasswordFields }).superRefine(passwordsMatch);

type Invitation = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;

/** Unknown links are a 404; used, cancelled or expired ones a 410 that says which. */
async function loadInvitation(token: string | undefined) {
  const invitation = await findInvitation(token ?? "");
  if (!invitation) throw refusalResponse("error.notFound", 404);
  return invitation;
}

function closed(invitation: Invitation) {
  return data({ closed: true as const, state: invitation.state, network: invitation.network }, { status: 410 });
}

function destination(invitation: Invitation) {
  return invitation.organisation ? `/${invitation.network.slug}/organisations/${invitation.organisation.slug}` : `/${invitation.network.slug}`;
}

async function acceptedRedirect(invitation: Invitation, setCookies: string[]) {
  const headers = new Headers();
  for (const c of setCookies) headers.append("Set-Cookie", c);
  headers.append(
    "Set-Cookie",
    await toastHeader({
      kind: "success",
      key: invitation.organisation ? "invite.accepted" : "invite.acceptedCoordinator",
      vars: { organisation: invitation.organisation?.name ?? "", network: invitation.network.name },
    }),
  );
  return redirect(destination(invitation), { headers });
}

// Public: the token is the proof of the invited address; accepting for an existing account also
// needs that account's session.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await loadInvitation(params.token);
  if (invitation.state !== "pending") return closed(invitation);
  const [actor, account] = await Promise.all([getActor(request), prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } })]);
  const mode = !account ? "create" : !actor ? "signIn" : actor.userId === account.id ? "accept" : "otherAccount";
  return {
    closed: false as const,
    mode,
    signedInAs: actor ? actor.name : null,
    invitation: {
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt.toISOString(),
      network: { slug: invitation.network.slug, name: invitation.network.name },
      organisation: invitation.organisation ? { name: invitation.organisation.name } : null,
      invitedBy: invitation.invitedBy?.name ?? null,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const invitation = await loadInvitation(params.token);
  if (invitation.state !== "pending") return closed(invitation);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "accept") {
    const actor = await requireActor(request);
    // The link alone is not enough to attach an existing account: the person must be signed in as it.
    if (!can(actor, "invitation.accept", { email: invitation.email })) forbidden();
    try {
      await transaction((tx) => acceptInvitation(tx, invitation.id, actor.userId));
    } catch (error) {
      if (formRefusal(error).key === INVITATION_CLOSED) return closed({ ...invitation, state: "accepted" });
      throw error;
    }
    return acceptedRedirect(invitation, []);
  }

  if (intent === "create") {
    const submission = parseSubmission(formData, { schema: NewAccountSchema });
    if (submission.status !== "success") {
      return data({ closed: false as const, result: submission.reply({ hideFields: ["password", "confirm"] }) }, { status: 400 });
    }
    let userId: string;
    try {
      userId = await acceptInvitationWithNewAccount(invitation.id, { email: invitation.email, ...submission.value });
    } catch (error) {
      const refusal = formRefusal(error);
      if (refusal.key === INVITATION_CLOSED) return closed({ ...invitation, state: "accepted" });
      return data(
        { closed: false as const, result: submission.reply({ formErrors: [refusal.message], hideFields: ["password", "confirm"] }) },
        { status: refusal.status },
      );
    }
    return acceptedRedirect(invitation, [await createUserSession(request, userId), await localeCookie.serialize(submission.value.locale)]);
  }

  throw refusalResponse("error.badRequest", 400);
}

export default function InvitationPage() {
  const t = useT();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (loaderData.closed || (actionData && actionData.closed)) {
    const state = actionData?.closed ? actionData.state : loaderData.closed ? loaderData.state : "accepted";
    return (
      <main id="main" className="page page--narrow">
        <h1>{t("invite.closedTitle")}</h1>
        <p className="lead">{t.pick("invite.closed", state)}</p>
        <p>{t("invite.closedHelp")}</p>
        <p className="cluster">
          <Link to="/login">{t("invite.signIn")}</Link>
          <Link to="/forgot-password">{t("login.forgot")}</Link>
        </p>
      </main>
    );
  }
  const { invitation, mode, signedInAs } = loaderData;
  const vars = {
    inviter: invitation.invitedBy ?? invitation.network.name,
    network: invitation.network.name,
    organisation: invitation.organisation?.name ?? "",
    role: t.pick("delegates.role", invitation.role),
    email: invitation.email,
    date: instantFormat(t.locale, { dateStyle: "long" }).format(new Date(invitation.expiresAt)),
  };
  return (
    <main id="main" className="page page--narrow">
      <h1>{t("invite.title")}</h1>
      <div className="card">
        <p className="lead">{t(invitation.organisation ? "invite.what" : "invite.whatCoordinator", vars)}</p>
        <dl className="facts">
          <dt>{t("invite.network")}</dt>
          <dd>{invitation.network.name}</dd>
          {invitation.organisation ? (
            <>
              <dt>{t("invite.organisation")}</dt>
              <dd>{invitation.organisation.name}</dd>
            </>
          ) : null}
          <dt>{t("invite.role")}</dt>
          <dd>{vars.role}</dd>
          <dt>{t("invite.address")}</dt>
          <dd>{invitation.email}</dd>
          <dt>{t("invite.validUntil")}</dt>
          <dd>{vars.date}</dd>
        </dl>
      </div>
      {mode === "create" ? <NewAccountForm email={invitation.email} signedInAs={signedInAs} /> : null}
      {mode === "signIn" ? (
        <section className="card" aria-labelledby="signin-title">
          <h2 id="signin-title">{t("invite.signInTitle")}</h2>
          <p>{t("invite.signInIntro", vars)}</p>
          <p>
            <SignInLink />
          </p>
        </section>
      ) : null}
      {mode === "otherAccount" ? (
        <section className="card" aria-labelledby="other-title">
          <h2 id="other-title">{t("invite.otherAccountTitle")}</h2>
          <p>{t("invite.otherAccount", { ...vars, name: signedInAs ?? "" })}</p>
        </section>
      ) : null}
      {mode === "accept" ? (
        <Form method="post" className="form-actions">
          <input type="hidden" name="intent" value="accept" />
          <button type="submit" className="button">
            {t("invite.accept")}
          </button>
        </Form>
      ) : null}
    </main>
  );
}

/** The sign-in page brings the person back here to accept. */
function SignInLink() {
  const t = useT();
  const { pathname } = useLocation();
  return (
    <Link className="button" to={`/login?${new URLSearchParams({ redirectTo: pathname })}`}>
      {t("invite.signIn")}
    </Link>
  );
}

function NewAccountForm({ email, signedInAs }: { email: string; signedInAs: string | null }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invitation-account",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    defaultValue: { locale: t.locale },
    constraint: getZodConstraint(NewAccountSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewAccountSchema }),
  });
  return (
    <section className="card" aria-labelledby="create-title">
      <h2 id="create-title">{t("invite.createTitle")}</h2>
      <p>{t("invite.createIntro", { email })}</p>
      {signedInAs ? <p className="notice">{t("invite.createWhileSignedIn", { name: signedInAs })}</p> : null}
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary
          form={form}
          fields={{ name: fields.name, phone: fields.phone, locale: fields.locale, password: fields.password, confirm: fields.confirm }}
        />
        <input type="hidden" name="intent" value="create" />
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <TextField meta={fields.name} label={t("account.name")} hint={t("account.nameHint")} autoComplete="name" />
        <TextField meta={fields.phone} label={t("account.phone")} type="tel" autoComplete="tel" optional />
        <SelectField meta={fields.locale} label={t("account.language")} options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
        <NewPasswordFields password={fields.password} confirm={fields.confirm} />
        <div className="form-actions">
          <button type="submit" className="button">
            {t("invite.createSubmit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("invite.title"));

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
