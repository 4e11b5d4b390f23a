import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { ErrorSummary, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { requestPasswordReset, RESET_LIMITS } from "#app/models/account.server";
import { messageWithVars, pageTitle } from "#app/utils/i18n";
import { clientIp, hitRateLimit } from "#app/utils/rate-limit.server";
import { parseSubmission } from "#app/utils/submission.server";

const ForgotSchema = z.object({
  email: z.string({ required_error: "form.required" }).trim().toLowerCase().email("form.invalidEmail").max(254, "form.tooLong"),
});

// Public page: anyone may ask, signed in or not.
export async function loader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.get("sent") === "1" };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseSubmission(await request.formData(), { schema: ForgotSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { email } = submission.value;
  const [byEmail, byIp] = await Promise.all([
    hitRateLimit(`reset:email:${email}`, RESET_LIMITS.perEmail.limit, RESET_LIMITS.perEmail.windowMs),
    hitRateLimit(`reset:ip:${clientIp(request)}`, RESET_LIMITS.perIp.limit, RESET_LIMITS.perIp.windowMs),
  ]);
  // The limit counts asks, whether or not the account exists: refusing reveals nothing.
  if (!byEmail.allowed || !byIp.allowed) {
    const seconds = Math.max(byEmail.allowed ? 0 : byEmail.retryAfterSeconds, byIp.allowed ? 0 : byIp.retryAfterSeconds);
    return data(submission.reply({ formErrors: [messageWithVars("reset.rateLimited", { minutes: Math.ceil(seconds / 60) })] }), {
      status: 429,
    });
  }
  // Only queues a job, the same insert for every address: the answer and the time it takes are
  // the same whether or not the address has an account (the job looks it up later).
  await requestPasswordReset(email);
  return redirect("/forgot-password?sent=1");
}

export default function ForgotPasswordPage() {
  const t = useT();
  const { sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult,
    constraint: getZodConstraint(ForgotSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotSchema }),
  });
  if (sent) {
    return (
      <main id="main" className="page page--narrow">
        <h1>{t("reset.sentTitle")}</h1>
        <div className="notice" role="status">
          <p>{t("reset.sent")}</p>
        </div>
        <p>{t("reset.sentHelp")}</p>
        <p className="cluster">
          <Link to="/login">{t("reset.backToLogin")}</Link>
          <Link to="/forgot-password">{t("reset.askAgain")}</Link>
        </p>
      </main>
    );
  }
  return (
    <main id="main" className="page page--narrow">
      <h1>{t("reset.askTitle")}</h1>
      <p>{t("reset.askIntro")}</p>
      <div className="card">
        <Form method="post" {...getFormProps(form)}>
          <ErrorSummary form={form} fields={{ email: fields.email }} />
          <TextField meta={fields.email} label={t("login.email")} type="email" autoComplete="email" />
          <div className="form-actions">
            <button type="submit" className="button">
              {t("reset.askSubmit")}
            </button>
            <Link to="/login">{t("reset.backToLogin")}</Link>
          </div>
        </Form>
      </div>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("reset.askTitle"));
