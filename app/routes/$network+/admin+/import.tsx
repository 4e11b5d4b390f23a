import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  MaxPartSizeExceededError,
  type MetaFunction,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";

import { requireCoordinator } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import {
  commitImport,
  decodeCsv,
  IMPORT_COLUMNS,
  type ImportPlan,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  previewImport,
  templateRows,
} from "#app/models/csv-import.server";
import { requireNetwork } from "#app/models/network.server";
import { DomainError, formRefusal } from "#app/utils/errors.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { AdminNav } from "./__admin-nav";

// Step 1 sends a file or pasted text; step 2 sends back the same text, planned again on the server.
const ImportFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("preview"),
    file: z.custom<Blob>((v) => typeof v === "object" && v !== null && "arrayBuffer" in v).optional(),
    pasted: z.string().optional(),
  }),
  z.object({ intent: z.literal("import"), csv: z.string().min(1) }),
]);

const PREVIEW_ROWS = 200;

type ActionData =
  { step: "error"; error: string; pasted: string } | { step: "preview"; csv: string; plan: Omit<ImportPlan, "writes"> } | { step: "failed"; csv: string };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  await requireCoordinator(request, network.id);
  return {
    network: { slug: network.slug, name: network.name, themes: network.themes },
    example: templateRows(network.themes),
    columns: [...IMPORT_COLUMNS],
    maxRows: MAX_IMPORT_ROWS,
  };
}

async function readForm(request: Request) {
  if (!request.headers.get("Content-Type")?.includes("multipart/form-data")) return request.formData();
  return unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
}

function fail(error: string, pasted = "") {
  return data<ActionData>({ step: "error", error, pasted }, { status: 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await requireCoordinator(request, network.id);
  let formData: FormData;
  try {
    formData = await readForm(request);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return fail("import.error.tooLarge");
    throw error;
  }
  const parsed = ImportFormSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return fail("import.error.noInput");
  const form = parsed.data;

  if (form.intent === "preview") {
    const pasted = form.pasted ?? "";
    let text = pasted;
    if (form.file && form.file.size > 0) text = decodeCsv(new Uint8Array(await form.file.arrayBuffer()));
    if (!text.trim()) return fail("import.error.noInput", pasted);
    if (new TextEncoder().encode(text).length > MAX_IMPORT_BYTES) return fail("import.error.tooLarge");
    try {
      const { writes: _writes, ...plan } = await previewImport(network, text);
      return data<ActionData>({ step: "preview", csv: text, plan });
    } catch (error) {
      return fail(formRefusal(error).message, pasted.length <= MAX_IMPORT_BYTES ? pasted : "");
    }
  }

  if (new TextEncoder().encode(form.csv).length > MAX_IMPORT_BYTES) return fail("import.error.tooLarge");
  try {
    const outcome = await commitImport(network, actor.userId, form.csv);
    if (!outcome.ok) {
      const { writes: _writes, ...plan } = outcome.plan;
      return data<ActionData>({ step: "preview", csv: form.csv, plan }, { status: 400 });
    }
    return redirectWithToast(`/${network.slug}/admin/import`, {
      kind: "success",
      key: "import.done",
      vars: { created: outcome.created, updated: outcome.updated },
    });
  } catch (error) {
    if (error instanceof DomainError) return fail(formRefusal(error).message);
    // The transaction rolled back: say so, and keep the text so the coordinator can try again.
    console.warn("[import] the import failed and was rolled back:", (error as Error).message);
    return data<ActionData>({ step: "failed", csv: form.csv }, { status: 500 });
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.network.name ?? ""} — Import — Maillage` }];

function Alert({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      {children}
    </div>
  );
}

function Preview({ plan, csv }: { plan: Omit<ImportPlan, "writes">; csv: string }) {
  const t = useT();
  const navigation = useNavigation();
  const ref = useRef<HTMLHeadingElement>(null);
  // With errors the alert below takes the focus; otherwise the preview's heading does.
  useEffect(() => {
    if (plan.counts.error === 0) ref.current?.focus();
  }, [plan]);
  const errorRows = plan.rows.filter((r) => r.action === "error");
  const validRows = plan.rows.filter((r) => r.action !== "error");
  const shown = [...errorRows, ...validRows.slice(0, Math.max(0, PREVIEW_ROWS - errorRows.length))].sort((a, b) => a.row - b.row);
  const hidden = plan.rows.length - shown.length;
  const status = (action: string) => ({ create: t("import.action.create"), update: t("import.action.update"), error: t("import.action.error") })[action];
  return (
    <section aria-labelledby="preview-title" className="import-preview">
      <h2 id="preview-title" tabIndex={-1} ref={ref}>
        {t("import.preview.title")}
      </h2>
      <ul className="import-counts">
        <li>{t.plural("import.count.create", plan.counts.create)}</li>
        <li>{t.plural("import.count.update", plan.counts.update)}</li>
        <li>
          <strong>{t.plural("import.count.error", plan.counts.error)}</strong>
        </li>
      </ul>
      {plan.ignored.length ? <p className="notice">{t("import.preview.ignored", { columns: plan.ignored.join(", ") })}</p> : null}
      {plan.counts.error > 0 ? (
        <Alert>
          <p className="error-summary__title">{t.plural("import.preview.hasErrors", plan.counts.error)}</p>
          <p>{t("import.preview.fixAndRetry")}</p>
        </Alert>
      ) : (
        <div className="card">
          <p>{t("import.preview.ready")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="import" />
            <input type="hidden" name="csv" value={csv} />
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t.plural("import.submit", plan.counts.create + plan.counts.update)}
            </button>
          </Form>
        </div>
      )}
      <div className="table-wrap">
        <table className="import-table">
          <caption>{t("import.preview.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("import.preview.row")}</th>
              <th scope="col">{t("import.preview.name")}</th>
              <th scope="col">{t("import.preview.kind")}</th>
              <th scope="col">{t("import.preview.commune")}</th>
              <th scope="col">{t("import.preview.result")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.row} className={r.action === "error" ? "row-error" : undefined}>
                <th scope="row">{r.row}</th>
                <td>{r.name || "—"}</td>
                <td>{r.kind ? t.pick("org.kind", r.kind) : "—"}</td>
                <td>{r.commune || "—"}</td>
                <td>
                  <span className={`badge${r.action === "error" ? " badge--warn" : ""}`}>{status(r.action)}</span>
                  {r.errors.length ? (
                    <ul className="import-errors">
                      {r.errors.map((e, i) => (
                        <li key={i}>
                          {e.column ? (
                            <>
                              {t("import.preview.column")} <code>{e.column}</code> : {t.message(e.message)}
                            </>
                          ) : (
                            t.message(e.message)
                          )}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hidden > 0 ? <p className="muted">{t.plural("import.preview.hidden", hidden)}</p> : null}
    </section>
  );
}

export default function ImportPage() {
  const t = useT();
  const { network, example, columns, maxRows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const base = `/${network.slug}/admin`;
  return (
    <main id="main" className="page">
      <AdminNav network={network} current={t("networkAdmin.nav.import")} />
      <h1>{t("import.title")}</h1>
      <p className="lead">{t("import.intro")}</p>
      <ol>
        <li>{t("import.step1")}</li>
        <li>{t("import.step2")}</li>
      </ol>
      {result?.step === "error" ? (
        <Alert>
          <p className="error-summary__title">{t("import.error.title")}</p>
          <p>{t.message(result.error)}</p>
        </Alert>
      ) : null}
      {result?.step === "failed" ? (
        <Alert>
          <p className="error-summary__title">{t("import.failed.title")}</p>
          <p>{t("import.failed.text")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="import" />
            <input type="hidden" name="csv" value={result.csv} />
            <button type="submit" className="button button--secondary">
              {t("import.failed.retry")}
            </button>
          </Form>
        </Alert>
      ) : null}
      {result?.step === "preview" ? <Preview plan={result.plan} csv={result.csv} /> : null}

      <section aria-labelledby="upload-title">
        <h2 id="upload-title">{result?.step === "preview" ? t("import.upload.again") : t("import.upload.title")}</h2>
        <div className="card">
          <Form method="post" encType="multipart/form-data">
            <input type="hidden" name="intent" value="preview" />
            <div className="field">
              <label htmlFor="import-file">{t("import.upload.file")}</label>
              <p id="import-file-hint" className="hint">
                {t("import.upload.fileHint", { rows: maxRows })}
              </p>
              <input id="import-file" type="file" name="file" accept=".csv,text/csv,text/plain" aria-describedby="import-file-hint" />
            </div>
            <div className="field">
              <label htmlFor="import-pasted">
                {t("import.upload.paste")} <span className="optional">({t("form.optional")})</span>
              </label>
              <p id="import-pasted-hint" className="hint">
                {t("import.upload.pasteHint")}
              </p>
              <textarea
                id="import-pasted"
                name="pasted"
                rows={6}
                aria-describedby="import-pasted-hint"
                defaultValue={result?.step === "error" ? result.pasted : ""}
                spellCheck={false}
              />
            </div>
            <div className="form-actions">
              <button type="submit" className="button">
                {t("import.upload.submit")}
              </button>
            </div>
          </Form>
        </div>
      </section>

      <section aria-labelledby="columns-title">
        <h2 id="columns-title">{t("import.columns.title")}</h2>
        <p>{t("import.columns.intro")}</p>
        <p>
          <a href={`${base}/import-template`} download className="button button--secondary">
            {t("import.columns.template")}
          </a>
        </p>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("import.columns.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("import.columns.column")}</th>
                <th scope="col">{t("import.columns.content")}</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((c) => (
                <tr key={c}>
                  <th scope="row">
                    <code>{c}</code>
                  </th>
                  <td>{t(`import.column.${c}`, { themes: network.themes.join(", ") || "—" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t("import.columns.example")}</h3>
        <pre className="email-text import-example" tabIndex={0} role="region" aria-label={t("import.columns.example")}>
          {example.map((row) => row.map((v) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(";")).join("\n")}
        </pre>
        <p className="hint">{t("import.columns.matching")}</p>
        <p>
          <Link to={`${base}/export`} reloadDocument>
            {t("import.columns.export")}
          </Link>
        </p>
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
