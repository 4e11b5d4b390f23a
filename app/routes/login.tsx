import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";

import { ErrorSummary, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { authenticator, clearLoginLimits, hitLoginLimits, InvalidCredentials, type LoginLimit } from "#app/utils/auth.server";
import { messageWithVars } from "#app/utils/i18n";
import { clientIp } from "#app/utils/rate-limit.server";
import { createUserSession, getUserId, safeRedirectTo } from "#app/utils/session.server";
import { parseSubmission } from "#app/utils/submission.server";
import { toastHeader } from "#app/utils/toast.server";

const LoginSchema = z.object({
  email: z.string({ required_error: "form.required" }).trim().toLowerCase().email("form.invalidEmail").max(254, "form.tooLong"),
  password: z.string({ required_error: "form.required" }).max(200, "form.tooLong"),
  redirectTo: z.string().optional(),
});

/** Each limit says what the person can do about it (wait, change network, reset the password). */
const LIMIT_MESSAGES: Record<LoginLimit, string> = {
  perPair: "login.rateLimited",
  perIp: "login.rateLimitedNetwork",
  perEmail: "login.rateLimitedAccount",
};

export async function loader({ request }: LoaderFunctionArgs) {
  // Already signed in: nothing to do here.
  if (await getUserId(request)) {
    throw redirect(safeRedirectTo(new URL(request.url).searchParams.get("redirectTo")));
  }
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.clone().formData();
  const submission = parseSubmission(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, redirectTo } = submission.value;
  const ip = clientIp(request);
  const refused = await hitLoginLimits(email, ip);
  if (refused) {
    return data(submission.reply({ formErrors: [messageWithVars(LIMIT_MESSAGES[refused.limit], { minutes: refused.minutes })], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(refused.minutes * 60) },
    });
  }
  try {
    const user = await authenticator.authenticate("form", request);
    await clearLoginLimits(email, ip);
    const headers = new Headers();
    headers.append("Set-Cookie", await createUserSession(request, user.id));
    headers.append("Set-Cookie", await toastHeader({ kind: "success", key: "login.welcome", vars: { name: user.name } }));
    return redirect(safeRedirectTo(redirectTo), { headers });
  } catch (error) {
    if (error instanceof InvalidCredentials) {
      return data(submission.reply({ formErrors: ["login.invalid"], hideFields: ["password"] }), { status: 400 });
    }
    throw error;
  }
}

export default function LoginPage() {
  const t = useT();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <main id="main" className="page page--narrow">
      <h1>{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      <div className="card">
        <Form method="post" {...getFormProps(form)}>
          <ErrorSummary form={form} fields={{ email: fields.email, password: fields.password }} />
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <TextField meta={fields.email} label={t("login.email")} type="email" autoComplete="email" />
          <TextField meta={fields.password} label={t("login.password")} type="password" autoComplete="current-password" />
          <div className="form-actions">
            <button type="submit" className="button">
              {t("login.submit")}
            </button>
            <Link to="/forgot-password">{t("login.forgot")}</Link>
          </div>
        </Form>
      </div>
      <p className="muted">{t("login.noAccount")}</p>
    </main>
  );
}

export const meta: MetaFunction = () => [{ title: "Maillage" }];
