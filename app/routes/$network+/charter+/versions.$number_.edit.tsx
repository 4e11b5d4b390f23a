// The draft of a charter version: save it, publish it (which freezes it and, after the first
// version, asks every member organisation to adhere again by a deadline), or delete it. A
// published version's edit address answers with a page saying it is frozen (400), never a 500.
// Not nested in the page of one version (versions.$number.tsx): the trailing "_" of "$number_".
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";

import { requireCoordinator } from "#app/access/require.server";
import { ErrorLayout, errorMessageKey, GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { currentVersion, delegatesOfOrganisationsToRenew, deleteDraft, publishVersion, updateDraft } from "#app/models/charter.server";
import { requireNetwork } from "#app/models/network.server";
import { dateKey, parseDateKey, todayInBrussels } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { DomainError, formReply, invariantResponse, rethrowAsResponse } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { htmlToPlainText, sanitizeRichText } from "#app/utils/rich-text.server";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { frozen, isFrozenByDatabase, storedBody, versionInput } from "./__version.server";
import { type PublishInfo, VersionForm, type VersionRules, versionSchema } from "./__version-form";

/** The network, the coordinator, and the draft named in the URL (404 if none, 400 if published). */
async function guard(request: Request, params: LoaderFunctionArgs["params"]) {
  const network = await requireNetwork(params.network);
  const actor = await requireCoordinator(request, network.id);
  const number = /^\d{1,6}$/.test(params.number ?? "") ? Number(params.number) : NaN;
  invariantResponse(Number.isFinite(number), "error.notFound", 404);
  const version = await prisma.charterVersion.findUnique({
    where: { networkId_number: { networkId: network.id, number } },
    select: { id: true, number: true, status: true, title: true, body: true, changeSummary: true, effectiveOn: true, updatedAt: true },
  });
  invariantResponse(version, "error.notFound", 404);
  if (version.status !== "draft") frozen();
  const current = await currentVersion(network.id);
  const rules: VersionRules = { summaryRequired: !!current, deadlineRequired: !!current, today: todayInBrussels(now()) };
  return { network, actor, version, current, rules };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, version, current, rules } = await guard(request, params);
  const recipients = current ? await delegatesOfOrganisationsToRenew(prisma, network.id, version.id) : [];
  const html = sanitizeRichText(version.body);
  const publish: PublishInfo = {
    number: version.number,
    first: !current,
    organisations: new Set(recipients.map((r) => r.organisationId)).size,
    emails: recipients.length,
  };
  return {
    network: { slug: network.slug, name: network.name },
    number: version.number,
    previousNumber: current?.number ?? null,
    rules,
    defaultValue: { title: version.title, changeSummary: version.changeSummary, effectiveOn: dateKey(version.effectiveOn) },
    html,
    text: htmlToPlainText(html),
    publish,
    savedAt: version.updatedAt.toISOString(),
    // Deleting asks for confirmation on the page itself (works without JavaScript).
    confirmDelete: new URL(request.url).searchParams.has("delete"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor, version, current, rules } = await guard(request, params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const edit = `/${network.slug}/charter/versions/${version.number}/edit`;
  const vars = { number: version.number };
  try {
    if (intent === "delete") {
      await transaction((tx) => deleteDraft(tx, network.id, actor.userId, version.id));
      return redirectWithToast(`/${network.slug}/charter`, { kind: "success", key: "charterEditor.deleted", vars });
    }
    const submission = parseSubmission(formData, { schema: versionSchema(rules) });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    const body = storedBody(submission.value);
    if (!body) return data(submission.reply({ fieldErrors: { body: ["charterEditor.error.bodyEmpty"] } }), { status: 400 });
    const input = versionInput(submission.value, body);
    try {
      if (submission.value.intent === "publish") {
        const deadline = current ? parseDateKey(submission.value.adhesionDeadline ?? "") : null;
        // Saved and published together: a refusal to publish keeps the draft as it was.
        const emails = await transaction(async (tx) => {
          await updateDraft(tx, network.id, actor.userId, version.id, input);
          return publishVersion(tx, network.id, actor.userId, version.id, { adhesionDeadline: deadline });
        });
        return redirectWithToast(`/${network.slug}/charter`, { kind: "success", key: "charterEditor.published", vars: { ...vars, emails } });
      }
      await transaction((tx) => updateDraft(tx, network.id, actor.userId, version.id, input));
      return redirectWithToast(edit, { kind: "success", key: "charterEditor.saved", vars });
    } catch (error) {
      if (error instanceof DomainError && error.key !== "charter.error.frozen") return formReply(submission, error);
      throw error;
    }
  } catch (error) {
    // Published (or deleted) between the guard and the write: by the model's check or the trigger.
    if (isFrozenByDatabase(error) || (error instanceof DomainError && error.key === "charter.error.frozen")) frozen();
    rethrowAsResponse(error);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) =>
  pageTitle(matches, (t) => (d ? t("charterEditor.edit.title", { number: d.number }) : t("charterEditor.frozen.title")));

export default function EditVersion() {
  const t = useT();
  const { network, number, previousNumber, rules, defaultValue, html, text, publish, savedAt, confirmDelete } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const charter = `/${network.slug}/charter`;
  const edit = `${charter}/versions/${number}/edit`;
  return (
    <main id="main" className="page page--form">
      <p>
        <Link to={charter}>← {t("charterEditor.breadcrumb")}</Link>
      </p>
      <h1>{t("charterEditor.edit.title", { number })}</h1>
      {confirmDelete ? (
        <section className="card version-confirm" aria-labelledby="confirm-delete-title" id="confirm-delete">
          <h2 id="confirm-delete-title">{t("charterEditor.delete.confirmTitle", { number })}</h2>
          <p>{t("charterEditor.delete.confirmText")}</p>
          <Form method="post" action={edit} className="form-actions">
            <input type="hidden" name="intent" value="delete" />
            <button type="submit" className="button button--danger">
              {t("charterEditor.delete.submit")}
            </button>
            <Link to={edit}>{t("form.cancel")}</Link>
          </Form>
        </section>
      ) : null}
      <p>{t("charterEditor.edit.intro")}</p>
      {/* A new form after each save: the editor shows the text as stored (sanitized), not as typed. */}
      <VersionForm
        key={savedAt}
        id="version-edit"
        rules={rules}
        defaultValue={defaultValue}
        html={html}
        text={text}
        previousNumber={previousNumber}
        lastResult={lastResult}
        submitLabel={t("charterEditor.save")}
        cancelHref={charter}
        publish={publish}
        deleteHref={`${edit}?delete#confirm-delete`}
      />
    </main>
  );
}

/** A published version is frozen (a 400 with "charter.error.frozen"): say so, and offer what can be done instead. */
export function ErrorBoundary() {
  const params = useParams();
  const charter = `/${params.network}/charter`;
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        400: (info) =>
          errorMessageKey(info.error) === "charter.error.frozen" ? (
            <main id="main" className="page page--narrow" tabIndex={-1}>
              <h1>{info.t("charterEditor.frozen.title")}</h1>
              <p className="lead">{info.t("charter.error.frozen")}</p>
              <ul className="cluster plain-list">
                <li>
                  <Link to={`${charter}/versions/${params.number}`}>{info.t("charterEditor.frozen.read")}</Link>
                </li>
                <li>
                  <Link to={`${charter}/versions/new`}>{info.t("charterEditor.frozen.write")}</Link>
                </li>
              </ul>
            </main>
          ) : (
            <ErrorLayout title={info.t("error.title")} status={400}>
              <p className="lead">{info.message}</p>
            </ErrorLayout>
          ),
      }}
    />
  );
}
