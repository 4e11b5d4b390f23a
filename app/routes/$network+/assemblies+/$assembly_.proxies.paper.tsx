// A paper proxy, recorded by a coordinator (proxy.recordPaper): the organisation giving its vote,
// the one receiving it, and the scan of the signed paper, optional but recommended (it is what
// proves the proxy if it is questioned). The rules of proxies are giveProxy's (one giver, the
// holder's maximum, no chains, until the first poll opens); a refused form writes nothing, and
// a scan whose proxy is refused is removed. The scan is read back by coordinators only
// ($assembly_.proxies.$proxy.scan). Works without JavaScript: a multipart form.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";

import { requireCan } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, FileField, SelectField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { giveProxy } from "#app/models/proxies.server";
import { prisma } from "#app/utils/db.server";
import { formReply } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { assemblyPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";
import { MAX_SCAN_BYTES, readUploadForm, removeStored, storeScan, uploadErrorOf } from "#app/utils/uploads.server";

import { assemblyReader, visibleAssembly } from "./__assembly.server";
import { fileErrorMessage } from "./__upload.server";

const required = z.string({ required_error: "form.required" }).trim().min(1, "form.required");
const PaperProxySchema = z.object({
  giverOrganisationId: required,
  holderOrganisationId: required,
  // The file is read and checked apart (readUploadForm); named here so its error has a field.
  scan: z.any().optional(),
});

async function paperContext(request: Request, params: LoaderFunctionArgs["params"]) {
  const reader = await assemblyReader(request, params.network);
  requireCan(reader.actor, "proxy.recordPaper", { networkId: reader.network.id });
  const assembly = await visibleAssembly(reader, params.assembly);
  return { ...reader, assembly };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, assembly } = await paperContext(request, params);
  const roll = await prisma.rollEntry.findMany({
    where: { assemblyId: assembly.id },
    select: { organisation: { select: { id: true, name: true } } },
    orderBy: { organisation: { name: "asc" } },
  });
  return {
    network: { slug: network.slug, name: network.name },
    assembly: { id: assembly.id, title: assembly.title },
    open: assembly.status === "convened" || assembly.status === "held",
    organisations: roll.map((r) => ({ value: r.organisation.id, label: r.organisation.name })),
    maxMegabytes: MAX_SCAN_BYTES / (1024 * 1024),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor, assembly } = await paperContext(request, params);
  const { formData, file } = await readUploadForm(request, "scan");
  const submission = parseSubmission(formData, { schema: PaperProxySchema });
  // No file chosen is allowed; a file chosen is checked as every scan is.
  const chosen = file.bytes !== null || file.tooLarge;
  const scanError = chosen ? fileErrorMessage(uploadErrorOf(file)) : null;
  if (submission.status !== "success" || scanError) {
    return data(submission.reply(scanError ? { fieldErrors: { scan: [scanError] } } : undefined), { status: 400 });
  }
  const stored = chosen ? await storeScan(file.bytes, file.name, "assemblies") : null;
  try {
    await giveProxy(assembly.id, actor.userId, {
      giverOrganisationId: submission.value.giverOrganisationId,
      holderOrganisationId: submission.value.holderOrganisationId,
      channel: "paper",
      scan: stored,
    });
  } catch (error) {
    // No row points to the scan: it goes too.
    if (stored) await removeStored(stored.path);
    return formReply(submission, error, { fields: ["giverOrganisationId", "holderOrganisationId"] });
  }
  return redirectWithToast(assemblyPath(network.slug, assembly.id), { kind: "success", key: "assembly.proxy.given" });
}

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) =>
  pageTitle(matches, (t) => (d ? `${t("assembly.proxy.paper")} — ${d.assembly.title}` : undefined));

export default function PaperProxy() {
  const t = useT();
  const { network, assembly, open, organisations, maxMegabytes } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "proxy-paper",
    lastResult,
    constraint: getZodConstraint(PaperProxySchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PaperProxySchema }),
  });
  const back = assemblyPath(network.slug, assembly.id);
  return (
    <main id="main" className="page page--form">
      <p>
        <Link to={back}>← {assembly.title}</Link>
      </p>
      <h1>{t("assembly.proxy.paper")}</h1>
      <p className="lead">{t("assembly.proxy.paperIntro")}</p>
      {!open ? (
        <p className="notice">{t("assemblies.error.proxy.assemblyNotOpen")}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="stack">
          <ErrorSummary
            form={form}
            fields={{ giverOrganisationId: fields.giverOrganisationId, holderOrganisationId: fields.holderOrganisationId, scan: fields.scan }}
          />
          <SelectField meta={fields.giverOrganisationId} label={t("assembly.proxy.giver")} options={organisations} />
          <SelectField meta={fields.holderOrganisationId} label={t("assembly.proxy.holder")} options={organisations} />
          <FileField meta={fields.scan} label={t("assembly.proxy.scan")} hint={t("assembly.proxy.scanHint", { max: maxMegabytes })} optional />
          <div className="form-actions">
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t("assembly.proxy.paperSubmit")}
            </button>
            <Link to={back}>{t("form.cancel")}</Link>
          </div>
        </Form>
      )}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
