// A coordinator edits the group: its details, its facilitators (delegates of member organisations
// of the network), and archives it or brings it back. Several forms, told apart by `intent`; each
// works without JavaScript.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { requireCoordinator } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { Checkbox, ErrorSummary, SelectField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { addFacilitator, facilitatorCandidates, removeFacilitator, requireGroup, setArchived, updateGroup } from "#app/models/groups.server";
import { requireNetwork } from "#app/models/network.server";
import { prisma } from "#app/utils/db.server";
import { intentReply } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { groupPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { GroupFields, GroupSchema } from "./__group-form";

const FacilitatorSchema = z.object({ userId: z.string({ required_error: "groups.error.chooseFacilitator" }).min(1, "groups.error.chooseFacilitator") });
const ArchiveSchema = z.object({ confirm: z.literal("on", { errorMap: () => ({ message: "groups.edit.archiveConfirmRequired" }) }) });

async function guard(request: Request, params: LoaderFunctionArgs["params"]) {
  const network = await requireNetwork(params.network);
  const group = await requireGroup(network.id, params.group);
  const actor = await requireCoordinator(request, network.id);
  return { network, group, actor };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, group } = await guard(request, params);
  const [details, facilitators, candidates] = await Promise.all([
    prisma.workingGroup.findUniqueOrThrow({ where: { id: group.id }, select: { theme: true, description: true, joinPolicy: true } }),
    prisma.groupFacilitator.findMany({
      where: { groupId: group.id },
      select: { user: { select: { id: true, name: true, email: true, delegations: { select: { organisation: { select: { name: true } } } } } } },
      orderBy: { user: { name: "asc" } },
    }),
    facilitatorCandidates(network.id),
  ]);
  const named = new Set(facilitators.map((f) => f.user.id));
  return {
    network: { slug: network.slug, name: network.name, themes: network.themes },
    group: { slug: group.slug, name: group.name, archived: !!group.archivedAt, ...details },
    facilitators: facilitators.map((f) => ({
      id: f.user.id,
      name: f.user.name,
      email: f.user.email,
      organisations: f.user.delegations.map((d) => d.organisation.name),
    })),
    candidates: candidates.filter((c) => !named.has(c.id)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, group, actor } = await guard(request, params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = groupPath({ networkSlug: network.slug, groupSlug: group.slug }, "edit");

  if (intent === "details") {
    const submission = parseSubmission(formData, { schema: GroupSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      await updateGroup(group, actor, submission.value);
    } catch (error) {
      return intentReply(String(intent), submission, error);
    }
    return redirectWithToast(back, { kind: "success", key: "form.saved" });
  }

  if (intent === "addFacilitator" || intent === "removeFacilitator") {
    const submission = parseSubmission(formData, { schema: FacilitatorSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      if (intent === "addFacilitator") await addFacilitator(group, actor, submission.value.userId);
      else await removeFacilitator(group, actor, submission.value.userId);
    } catch (error) {
      return intentReply(String(intent), submission, error);
    }
    const person = await prisma.user.findUnique({ where: { id: submission.value.userId }, select: { name: true } });
    return redirectWithToast(back, {
      kind: "success",
      key: intent === "addFacilitator" ? "groups.edit.facilitatorAdded" : "groups.edit.facilitatorRemoved",
      vars: { name: person?.name ?? "" },
    });
  }

  if (intent === "archive" || intent === "unarchive") {
    const submission = parseSubmission(formData, { schema: intent === "archive" ? ArchiveSchema : z.object({}) });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      await setArchived(group, actor, intent === "archive");
    } catch (error) {
      return intentReply(String(intent), submission, error);
    }
    return redirectWithToast(groupPath({ networkSlug: network.slug, groupSlug: group.slug }), {
      kind: "success",
      key: intent === "archive" ? "groups.edit.archived" : "groups.edit.unarchived",
      vars: { group: group.name },
    });
  }

  return data({ intent: null, result: null }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${t("groups.edit.title", { group: data.group.name })} — ${data.network.name}` : undefined));

export default function EditGroup() {
  const t = useT();
  const { network, group, facilitators, candidates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: string) => (actionData && actionData.intent === intent ? (actionData.result as never) : undefined);
  const [detailsForm, detailsFields] = useForm<z.input<typeof GroupSchema>>({
    id: "group-details",
    lastResult: resultFor("details"),
    defaultValue: { name: group.name, theme: group.theme, description: group.description, joinPolicy: group.joinPolicy },
    constraint: getZodConstraint(GroupSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GroupSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [addForm, addFields] = useForm<z.input<typeof FacilitatorSchema>>({
    id: "group-facilitator",
    lastResult: resultFor("addFacilitator"),
    constraint: getZodConstraint(FacilitatorSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FacilitatorSchema }),
    shouldValidate: "onSubmit",
  });
  const removeResult = resultFor("removeFacilitator") as { error?: Record<string, string[]> } | undefined;
  const [archiveForm, archiveFields] = useForm<z.input<typeof ArchiveSchema>>({
    id: "group-archive",
    lastResult: resultFor("archive"),
    constraint: getZodConstraint(ArchiveSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ArchiveSchema }),
    shouldValidate: "onSubmit",
  });
  const base = groupPath({ networkSlug: network.slug, groupSlug: group.slug });
  return (
    <main id="main" className="page page--form">
      <p>
        <Link to={base}>← {group.name}</Link>
      </p>
      <h1>{t("groups.edit.title", { group: group.name })}</h1>

      <section aria-labelledby="details-title" className="group-section">
        <h2 id="details-title">{t("groups.edit.details")}</h2>
        <Form method="post" {...getFormProps(detailsForm)} className="stack">
          <ErrorSummary form={detailsForm} fields={detailsFields} />
          <input type="hidden" name="intent" value="details" />
          <GroupFields fields={detailsFields} themes={network.themes} />
          <div className="form-actions">
            <button type="submit" className="button">
              {t("form.save")}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="facilitators-title" className="group-section">
        <h2 id="facilitators-title">{t("groups.edit.facilitators")}</h2>
        <p>{t("groups.edit.facilitatorsIntro")}</p>
        {removeResult?.error ? (
          <p className="field-error" role="alert">
            {Object.values(removeResult.error)
              .flat()
              .map((e) => t.message(e))
              .join(" ")}
          </p>
        ) : null}
        {facilitators.length === 0 ? (
          <p>{t("groups.page.noFacilitator")}</p>
        ) : (
          <ul className="groups-people">
            {facilitators.map((f) => (
              <li key={f.id}>
                <span>
                  <strong>{f.name}</strong> <span className="groups-muted">({f.organisations.join(", ")})</span>
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="removeFacilitator" />
                  <input type="hidden" name="userId" value={f.id} />
                  <button type="submit" className="button button--small button--secondary">
                    {t("groups.edit.removeFacilitator")}
                    <span className="visually-hidden"> {f.name}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        {candidates.length === 0 ? (
          <p>{t("groups.edit.noCandidates")}</p>
        ) : (
          <Form method="post" {...getFormProps(addForm)} className="stack">
            <ErrorSummary form={addForm} fields={addFields} />
            <input type="hidden" name="intent" value="addFacilitator" />
            <SelectField
              meta={addFields.userId}
              label={t("groups.edit.chooseFacilitator")}
              hint={t("groups.edit.chooseFacilitatorHint")}
              options={candidates.map((c) => ({ value: c.id, label: `${c.name} (${c.organisations.join(", ")})` }))}
              optional
            />
            <div className="form-actions">
              <button type="submit" className="button">
                {t("groups.edit.addFacilitator")}
              </button>
            </div>
          </Form>
        )}
      </section>

      <section aria-labelledby="archive-title" className="group-section">
        <h2 id="archive-title">{group.archived ? t("groups.edit.unarchiveTitle") : t("groups.edit.archiveTitle")}</h2>
        <p>{group.archived ? t("groups.edit.unarchiveIntro") : t("groups.edit.archiveIntro")}</p>
        {group.archived ? (
          <Form method="post" className="form-actions">
            <input type="hidden" name="intent" value="unarchive" />
            <button type="submit" className="button">
              {t("groups.edit.unarchive")}
            </button>
          </Form>
        ) : (
          <Form method="post" {...getFormProps(archiveForm)} className="stack">
            <ErrorSummary form={archiveForm} fields={{ confirm: archiveFields.confirm }} />
            <input type="hidden" name="intent" value="archive" />
            <Checkbox meta={archiveFields.confirm} label={t("groups.edit.archiveConfirm", { group: group.name })} />
            <div className="form-actions">
              <button type="submit" className="button button--danger">
                {t("groups.edit.archive")}
              </button>
            </div>
          </Form>
        )}
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
