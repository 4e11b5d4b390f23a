// A new version of the charter, written by the network's coordination: it starts as a draft
// (one at a time), prefilled with the version in force since a new version usually edits it.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";

import { requireCoordinator } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { createDraft, currentVersion } from "#app/models/charter.server";
import { requireNetwork } from "#app/models/network.server";
import { todayInBrussels } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { DomainError, formReply } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { htmlToPlainText, sanitizeRichText } from "#app/utils/rich-text.server";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { storedBody, versionInput } from "./__version.server";
import { VersionForm, type VersionRules, versionSchema } from "./__version-form";

async function rulesFor(networkId: string) {
  const current = await currentVersion(networkId);
  const rules: VersionRules = { summaryRequired: !!current, deadlineRequired: false, today: todayInBrussels(now()) };
  return { current, rules };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  await requireCoordinator(request, network.id);
  const [{ current, rules }, draft, last] = await Promise.all([
    rulesFor(network.id),
    prisma.charterVersion.findFirst({ where: { networkId: network.id, status: "draft" }, select: { number: true } }),
    prisma.charterVersion.findFirst({ where: { networkId: network.id }, orderBy: { number: "desc" }, select: { number: true } }),
  ]);
  const html = current ? sanitizeRichText(current.body) : "";
  return {
    network: { slug: network.slug, name: network.name },
    number: (last?.number ?? 0) + 1,
    previousNumber: current?.number ?? null,
    draftNumber: draft?.number ?? null,
    rules,
    defaultValue: { title: current?.title ?? "", changeSummary: "", effectiveOn: rules.today },
    html,
    text: htmlToPlainText(html),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await requireCoordinator(request, network.id);
  const { rules } = await rulesFor(network.id);
  const submission = parseSubmission(await request.formData(), { schema: versionSchema(rules) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const body = storedBody(submission.value);
  if (!body) return data(submission.reply({ fieldErrors: { body: ["charterEditor.error.bodyEmpty"] } }), { status: 400 });
  try {
    const version = await transaction((tx) => createDraft(tx, network.id, actor.userId, versionInput(submission.value, body)));
    return redirectWithToast(`/${network.slug}/charter/versions/${version.number}/edit`, {
      kind: "success",
      key: "charterEditor.created",
      vars: { number: version.number },
    });
  } catch (error) {
    if (error instanceof DomainError) return formReply(submission, error);
    // Two drafts started at the same instant: the second gets the number the first just took.
    if ((error as { code?: string }).code === "P2002") return data(submission.reply({ formErrors: ["charter.error.draftExists"] }), { status: 400 });
    throw error;
  }
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("charterEditor.new.title"));

export default function NewVersion() {
  const t = useT();
  const { network, number, previousNumber, draftNumber, rules, defaultValue, html, text } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const charter = `/${network.slug}/charter`;
  return (
    <main id="main" className="page page--form">
      <p>
        <Link to={charter}>← {t("charterEditor.breadcrumb")}</Link>
      </p>
      <h1>{t("charterEditor.new.title")}</h1>
      {draftNumber ? (
        <div className="notice">
          <p>{t("charterEditor.new.draftExists", { number: draftNumber })}</p>
          <p>
            <Link to={`${charter}/versions/${draftNumber}/edit`}>{t("charterEditor.new.openDraft", { number: draftNumber })}</Link>
          </p>
        </div>
      ) : null}
      <p>{t("charterEditor.new.intro", { number })}</p>
      {previousNumber ? <p>{t("charterEditor.new.prefilled", { number: previousNumber })}</p> : null}
      <VersionForm
        id="version-new"
        rules={rules}
        defaultValue={defaultValue}
        html={html}
        text={text}
        previousNumber={previousNumber}
        lastResult={lastResult}
        submitLabel={t("charterEditor.new.submit")}
        cancelHref={charter}
      />
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
