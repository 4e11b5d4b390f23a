import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { findPasswordReset, resetPassword } from "#app/models/account.server";
import { pageTitle } from "#app/utils/i18n";
import { createUserSession } from "#app/utils/session.server";
import { parseSubmission } from "#app/utils/submission.server";
import { toastHeader } from "#app/utils/toast.server";

import { newPasswordFields, passwordsMatch } from "./__account-schemas";
import { NewPasswordFields } from "./__new-password-fields";

const ResetSchema = z.object(newPasswordFields).superRefine(passwordsMatch);

/** An unusable link is an answer, not an error: the page says why and offers a new link. */
function invalidLink(state: "unknown" | "expired" | "used") {
  return data({ state, email: null }, { status: state === "unknown" ? 404 : 410 });
}

// Public: the token is the proof. No guard beyond it.
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findPasswordReset(params.token ?? "");
  if (found.state !== "valid") return invalidLink(found.state);
  return { state: found.state, email: found.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const found = await findPasswordReset(token);
  if (found.state !== "valid") return invalidLink(found.state);
  const submission = parseSubmission(await request.formData(), { schema: ResetSchema });
  if (submission.status !== "success") {
    return data({ state: "valid" as const, result: submission.reply({ hideFields: ["password", "confirm"] }) }, { status: 400 });
  }
  const userId = await resetPassword(token, submission.value.password);
  if (!userId) return invalidLink("used");
  const headers = new Headers();
  headers.append("Set-Cookie", await createUserSession(request, userId));
  headers.append("Set-Cookie", await toastHeader({ kind: "success", key: "reset.done" }));
  return redirect("/", { headers });
}

export default function ResetPasswordPage() {
  const t = useT();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const state = actionData && "state" in actionData && actionData.state !== "valid" ? actionData.state : loaderData.state;
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    constraint: getZodConstraint(ResetSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetSchema }),
  });
  if (state !== "valid") {
    return (
      <main id="main" className="page page--narrow">
        <h1>{t("reset.invalidTitle")}</h1>
        <p className="lead">{t(`reset.invalid.${state}`)}</p>
        <p className="cluster">
          <Link className="button" to="/forgot-password">
            {t("reset.askAgain")}
          </Link>
          <Link to="/login">{t("reset.backToLogin")}</Link>
        </p>
      </main>
    );
  }
  return (
    <main id="main" className="page page--narrow">
      <h1>{t("reset.title")}</h1>
      <p>{t("reset.intro", { email: loaderData.email ?? "" })}</p>
      <div className="card">
        <Form method="post" {...getFormProps(form)}>
          <ErrorSummary form={form} fields={{ password: fields.password, confirm: fields.confirm }} />
          {/* Lets password managers store the new password under the right account. */}
          <input type="email" name="username" value={loaderData.email ?? ""} autoComplete="username" readOnly hidden />
          <NewPasswordFields password={fields.password} confirm={fields.confirm} />
          <div className="form-actions">
            <button type="submit" className="button">
              {t("reset.submit")}
            </button>
          </div>
        </Form>
      </div>
    </main>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("reset.title"));

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
