import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { requireActor } from "#app/access/actor.server";
import { ErrorSummary, SelectField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { MyMeetings } from "#app/components/my-meetings";
import { changePassword, describeUserAgent, listActiveSessions, revokeOtherSessions, revokeSession, updateProfile } from "#app/models/account.server";
import { myMeetings } from "#app/models/calendar.server";
import { instantFormat } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { invariantResponse } from "#app/utils/errors.server";
import { LOCALES, messageWithVars, pageTitle } from "#app/utils/i18n";
import { localeCookie } from "#app/utils/i18n.server";
import { PASSWORD_MAX } from "#app/utils/password";
import { hitRateLimit } from "#app/utils/rate-limit.server";
import { destroyUserSession, getSession } from "#app/utils/session.server";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast, toastHeader } from "#app/utils/toast.server";

import { newPasswordFields, passwordsMatch, profileFields } from "./__account-schemas";
import { NewPasswordFields } from "./__new-password-fields";

const ProfileSchema = z.object(profileFields);
const PasswordSchema = z
  .object({ current: z.string({ required_error: "form.required" }).max(PASSWORD_MAX, "form.tooLong"), ...newPasswordFields })
  .superRefine(passwordsMatch);
const RevokeSchema = z.object({ sessionId: z.string().min(1) });

/** Guessing the current password from a stolen session is slowed down like the sign-in. */
const PASSWORD_CHANGE_LIMIT = { limit: 5, windowMs: 15 * 60 * 1000 };

async function currentSession(request: Request) {
  await requireActor(request);
  const session = await getSession(request);
  invariantResponse(session, "error.unauthorized", 401);
  return session;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const session = await currentSession(request);
  const [user, sessions, meetings] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { name: true, email: true, phone: true, locale: true } }),
    listActiveSessions(actor.userId),
    myMeetings(actor, { at: now(), take: 10 }),
  ]);
  return {
    user,
    meetings,
    sessions: sessions.map((s) => ({
      id: s.id,
      current: s.id === session.id,
      ...describeUserAgent(s.userAgent),
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const session = await currentSession(request);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "profile") {
    const submission = parseSubmission(formData, { schema: ProfileSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    await updateProfile(actor.userId, submission.value);
    // The cookie too, so the chosen language stays after signing out.
    return redirectWithToast(
      "/account",
      { kind: "success", key: "account.profileSaved" },
      { headers: { "Set-Cookie": await localeCookie.serialize(submission.value.locale) } },
    );
  }

  if (intent === "password") {
    const submission = parseSubmission(formData, { schema: PasswordSchema });
    const hidden = { hideFields: ["current", "password", "confirm"] };
    if (submission.status !== "success") return data({ intent, result: submission.reply(hidden) }, { status: 400 });
    const limit = await hitRateLimit(`password-change:${actor.userId}`, PASSWORD_CHANGE_LIMIT.limit, PASSWORD_CHANGE_LIMIT.windowMs);
    if (!limit.allowed) {
      const minutes = Math.ceil(limit.retryAfterSeconds / 60);
      return data(
        { intent, result: submission.reply({ ...hidden, formErrors: [messageWithVars("account.passwordRateLimited", { minutes })] }) },
        { status: 429 },
      );
    }
    const changed = await changePassword(actor.userId, session.id, submission.value.current, submission.value.password);
    if (!changed) {
      return data({ intent, result: submission.reply({ ...hidden, fieldErrors: { current: ["account.wrongPassword"] } }) }, { status: 400 });
    }
    return redirectWithToast("/account", { kind: "success", key: "account.passwordChanged" });
  }

  if (intent === "revoke") {
    const submission = parseSubmission(formData, { schema: RevokeSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const done = await revokeSession(actor.userId, submission.value.sessionId);
    invariantResponse(done, "error.notFound", 404);
    if (submission.value.sessionId === session.id) {
      const headers = new Headers();
      headers.append("Set-Cookie", await destroyUserSession(request));
      headers.append("Set-Cookie", await toastHeader({ kind: "info", key: "logout.done" }));
      return redirect("/login", { headers });
    }
    return redirectWithToast("/account#sessions-title", { kind: "success", key: "account.sessionRevoked" });
  }

  if (intent === "revokeOthers") {
    const count = await revokeOtherSessions(actor.userId, session.id);
    return redirectWithToast("/account#sessions-title", { kind: "success", key: "account.othersRevoked", vars: { count } });
  }

  return data({ intent: null, result: null }, { status: 400 });
}

export default function AccountPage() {
  const t = useT();
  const { user, sessions, meetings } = useLoaderData<typeof loader>();
  const others = sessions.filter((s) => !s.current).length;
  const dateTime = instantFormat(t.locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <main id="main" className="page page--narrow">
      <h1>{t("account.title")}</h1>
      <p className="lead account-intro">{t("account.intro", { email: user.email })}</p>
      <MyMeetings meetings={meetings} />
      <ProfileForm user={user} />
      <PasswordForm email={user.email} />
      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title" tabIndex={-1}>
          {t("account.sessionsTitle")}
        </h2>
        <p>{t("account.sessionsIntro")}</p>
        <ul className="result-list account-sessions">
          {sessions.map((s) => {
            const device = [s.browser, s.system].filter(Boolean).join(" · ") || t("account.unknownDevice");
            return (
              <li key={s.id}>
                <p>
                  <strong>{device}</strong>
                  {s.current ? <span className="badge badge--open account-sessions__current">{t("account.thisDevice")}</span> : null}
                </p>
                <p className="muted">
                  {t("account.lastSeen", { date: dateTime.format(new Date(s.lastSeenAt)) })}
                  {" · "}
                  {t("account.signedInSince", { date: dateTime.format(new Date(s.createdAt)) })}
                </p>
                {!s.current ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="sessionId" value={s.id} />
                    <button type="submit" className="button button--small button--secondary">
                      {t("account.revoke")}
                      <span className="visually-hidden"> ({device})</span>
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
        {others > 0 ? (
          <Form method="post" className="form-actions">
            <input type="hidden" name="intent" value="revokeOthers" />
            <button type="submit" className="button button--secondary">
              {t("account.revokeOthers")}
            </button>
          </Form>
        ) : (
          <p className="muted">{t("account.noOtherSessions")}</p>
        )}
      </section>
    </main>
  );
}

function ProfileForm({ user }: { user: { name: string; phone: string | null; locale: string } }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "profile",
    lastResult: actionData?.intent === "profile" ? actionData.result : undefined,
    defaultValue: { name: user.name, phone: user.phone ?? "", locale: user.locale },
    constraint: getZodConstraint(ProfileSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  });
  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">{t("account.profileTitle")}</h2>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} fields={{ name: fields.name, phone: fields.phone, locale: fields.locale }} />
        <input type="hidden" name="intent" value="profile" />
        <TextField meta={fields.name} label={t("account.name")} hint={t("account.nameHint")} autoComplete="name" />
        <TextField meta={fields.phone} label={t("account.phone")} hint={t("account.phoneHint")} type="tel" autoComplete="tel" optional />
        <SelectField
          meta={fields.locale}
          label={t("account.language")}
          hint={t("account.languageHint")}
          options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            {t("account.profileSubmit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function PasswordForm({ email }: { email: string }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    constraint: getZodConstraint(PasswordSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
  });
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t("account.passwordTitle")}</h2>
      <p>{t("account.passwordIntro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} fields={{ current: fields.current, password: fields.password, confirm: fields.confirm }} />
        <input type="hidden" name="intent" value="password" />
        <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
        <TextField meta={fields.current} label={t("account.currentPassword")} type="password" autoComplete="current-password" />
        <NewPasswordFields password={fields.password} confirm={fields.confirm} />
        <div className="form-actions">
          <button type="submit" className="button">
            {t("account.passwordSubmit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("account.title"));
