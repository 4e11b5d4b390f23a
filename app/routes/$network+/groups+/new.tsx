// A coordinator creates a working group: name, theme, purpose, open or on request. Facilitators
// are named next, on the group's edit page.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";

import { requireCoordinator } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { createGroup } from "#app/models/groups.server";
import { requireNetwork } from "#app/models/network.server";
import { formReply } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { groupPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { GroupFields, GroupSchema } from "./__group-form";

async function guard(request: Request, networkSlug: string | undefined) {
  const network = await requireNetwork(networkSlug);
  const actor = await requireCoordinator(request, network.id);
  return { network, actor };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network } = await guard(request, params.network);
  return { network: { slug: network.slug, name: network.name, themes: network.themes } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor } = await guard(request, params.network);
  const submission = parseSubmission(await request.formData(), { schema: GroupSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const group = await createGroup(network.id, actor, submission.value);
    return redirectWithToast(groupPath({ networkSlug: network.slug, groupSlug: group.slug }, "edit"), {
      kind: "success",
      key: "groups.created",
      vars: { group: group.name },
    });
  } catch (error) {
    return formReply(submission, error);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${t("groups.new.title")} — ${data.network.name}` : undefined));

export default function NewGroup() {
  const t = useT();
  const { network } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<z.input<typeof GroupSchema>>({
    id: "group-new",
    lastResult,
    defaultValue: { joinPolicy: "open" },
    constraint: getZodConstraint(GroupSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GroupSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const base = `/${network.slug}/groups`;
  return (
    <main id="main" className="page page--form">
      <p>
        <Link to={base}>← {t("groups.backToList")}</Link>
      </p>
      <h1>{t("groups.new.title")}</h1>
      <p className="lead">{t("groups.new.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <ErrorSummary form={form} fields={fields} />
        <GroupFields fields={fields} themes={network.themes} />
        <div className="form-actions">
          <button type="submit" className="button">
            {t("groups.new.submit")}
          </button>
          <Link to={base}>{t("form.cancel")}</Link>
        </div>
      </Form>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
