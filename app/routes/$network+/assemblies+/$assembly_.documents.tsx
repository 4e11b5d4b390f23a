// The documents of a general assembly, uploaded by its coordinators (assembly.manageDocuments):
// a title, optionally the agenda item it belongs to, and the file, whose type is read from its
// first bytes (PDF, JPEG, PNG), as the charter scans are. A refused form writes nothing (neither
// the file nor a row); the same form sent twice adds the document once (addDocument). Documents
// are listed on the assembly page and read through $assembly_.documents_.$document. Works without
// JavaScript: a multipart form, and a plain form per document to remove it.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";

import { requireCan } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, FileField, SelectField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { IntentRefusal, useIntentReply } from "#app/components/intent-reply";
import { addDocument, removeDocument } from "#app/models/assemblies.server";
import { prisma } from "#app/utils/db.server";
import { intentReply } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { assemblyDocumentPath, assemblyDocumentsPath, assemblyPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { singleLine } from "#app/utils/text";
import { redirectWithToast } from "#app/utils/toast.server";
import { MAX_SCAN_BYTES, readUploadForm, removeStored, storeScan, uploadErrorOf } from "#app/utils/uploads.server";

import { assemblyReader, visibleAssembly } from "./__assembly.server";
import { fileErrorMessage } from "./__upload.server";

const UploadSchema = z.object({
  title: singleLine(z.string({ required_error: "assemblies.error.title" }).trim().min(1, "assemblies.error.title").max(200, "form.tooLong")),
  agendaItemId: z.string().optional(),
  // The file is read and checked apart (readUploadForm); named here so its error has a field.
  file: z.any().optional(),
});
const RemoveSchema = z.object({ documentId: z.string({ required_error: "assemblies.error.document" }).min(1, "assemblies.error.document") });

/** The coordinators of the network, on an assembly they may see (a draft included). */
async function documentsContext(request: Request, params: LoaderFunctionArgs["params"]) {
  const reader = await assemblyReader(request, params.network);
  requireCan(reader.actor, "assembly.manageDocuments", { networkId: reader.network.id });
  const assembly = await visibleAssembly(reader, params.assembly);
  return { ...reader, assembly };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, assembly } = await documentsContext(request, params);
  const [agenda, documents] = await Promise.all([
    prisma.assemblyAgendaItem.findMany({ where: { assemblyId: assembly.id }, orderBy: { position: "asc" }, select: { id: true, title: true } }),
    prisma.assemblyDocument.findMany({
      where: { assemblyId: assembly.id },
      orderBy: { createdAt: "asc" },
      select: { id: true, title: true, name: true, size: true, agendaItemId: true },
    }),
  ]);
  return {
    network: { slug: network.slug, name: network.name },
    assembly: { id: assembly.id, title: assembly.title, status: assembly.status },
    open: assembly.status !== "closed" && assembly.status !== "cancelled",
    agenda,
    documents,
    maxMegabytes: MAX_SCAN_BYTES / (1024 * 1024),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor, assembly } = await documentsContext(request, params);
  const here = assemblyDocumentsPath(network.slug, assembly.id);
  const { formData, file } = await readUploadForm(request, "file");

  if (formData.get("intent") === "remove") {
    const submission = parseSubmission(formData, { schema: RemoveSchema });
    if (submission.status !== "success") return data({ intent: "remove", result: submission.reply() }, { status: 400 });
    try {
      await removeDocument(assembly.id, submission.value.documentId, actor.userId);
      return redirectWithToast(here, { kind: "success", key: "assembly.documents.removed" });
    } catch (error) {
      return intentReply("remove", submission, error, { fields: [] });
    }
  }

  const submission = parseSubmission(formData, { schema: UploadSchema });
  const fileError = fileErrorMessage(uploadErrorOf(file));
  if (submission.status !== "success" || fileError) {
    return data({ intent: "upload", result: submission.reply(fileError ? { fieldErrors: { file: [fileError] } } : undefined) }, { status: 400 });
  }
  const stored = await storeScan(file.bytes, file.name, "assemblies");
  try {
    const { document, added } = await addDocument(assembly.id, actor.userId, {
      title: submission.value.title,
      agendaItemId: submission.value.agendaItemId || null,
      file: stored,
    });
    return redirectWithToast(here, {
      kind: "success",
      key: added ? "assembly.documents.added" : "assembly.documents.alreadyThere",
      vars: { title: document.title },
    });
  } catch (error) {
    // No row points to the file: it goes too.
    await removeStored(stored.path);
    return intentReply("upload", submission, error, { fields: ["title", "agendaItemId", "file"] });
  }
}

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) =>
  pageTitle(matches, (t) => (d ? `${t("assembly.documents.pageTitle")} — ${d.assembly.title}` : undefined));

export default function AssemblyDocuments() {
  const t = useT();
  const { network, assembly, open, agenda, documents, maxMegabytes } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "assembly-document",
    lastResult: useIntentReply("upload"),
    constraint: getZodConstraint(UploadSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UploadSchema }),
  });
  const back = assemblyPath(network.slug, assembly.id);
  const itemTitle = (id: string | null) => agenda.find((i) => i.id === id)?.title ?? t("assembly.documents.general");
  return (
    <main id="main" className="page page--form">
      <p>
        <Link to={back}>← {assembly.title}</Link>
      </p>
      <h1>{t("assembly.documents.pageTitle")}</h1>
      <p className="lead">{t("assembly.documents.intro")}</p>

      <section aria-labelledby="documents-list-title">
        <h2 id="documents-list-title">{t("assembly.documents.title")}</h2>
        {documents.length === 0 ? (
          <p>{t("assembly.documents.empty")}</p>
        ) : (
          <ul>
            {documents.map((d) => (
              <li key={d.id}>
                <a href={assemblyDocumentPath(network.slug, assembly.id, d.id)}>{d.title}</a> ({d.name}) — {itemTitle(d.agendaItemId)}
                {open ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="documentId" value={d.id} />
                    <button type="submit" className="link-button" aria-label={t("assembly.documents.removeOne", { title: d.title })}>
                      {t("assembly.documents.remove")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <IntentRefusal intent="remove" />
      </section>

      {open ? (
        <section aria-labelledby="documents-add-title">
          <h2 id="documents-add-title">{t("assembly.documents.add")}</h2>
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="stack">
            <ErrorSummary form={form} fields={{ title: fields.title, agendaItemId: fields.agendaItemId, file: fields.file }} />
            <input type="hidden" name="intent" value="upload" />
            <TextField meta={fields.title} label={t("assembly.documents.documentTitle")} hint={t("assembly.documents.documentTitleHint")} autoComplete="off" />
            <SelectField
              meta={fields.agendaItemId}
              label={t("assembly.documents.agendaItem")}
              hint={t("assembly.documents.agendaItemHint")}
              options={agenda.map((i) => ({ value: i.id, label: i.title }))}
              optional
            />
            <FileField meta={fields.file} label={t("assembly.documents.file")} hint={t("assembly.documents.fileHint", { max: maxMegabytes })} />
            <div className="form-actions">
              <button type="submit" className="button" disabled={navigation.state === "submitting"}>
                {t("assembly.documents.submit")}
              </button>
              <Link to={back}>{t("form.cancel")}</Link>
            </div>
          </Form>
        </section>
      ) : (
        <p className="notice">{t("assemblies.error.documentsClosed")}</p>
      )}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
