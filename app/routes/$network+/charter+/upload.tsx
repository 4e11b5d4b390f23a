// A scan of the signed paper charter, sent by a signing delegate of the organisation or by a
// coordinator of the network. It counts once a coordinator validates it
// (/:network/admin/adhesions). The file's type is checked by its content; a refused form writes
// nothing (neither the file nor a row).
import { type FieldMetadata, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";

import type { Actor } from "#app/access/actor";
import { requireActor } from "#app/access/actor.server";
import { canUploadAdhesionFor } from "#app/access/charter";
import { organisationsSignableBy } from "#app/access/charter.server";
import { isCoordinator } from "#app/access/network";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { Checkbox, ErrorSummary, FieldError, FileField, SelectField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { submitPaper } from "#app/models/adhesion.server";
import { currentVersion } from "#app/models/charter.server";
import { requireNetwork } from "#app/models/network.server";
import { formatDate, parseDateKey, todayInBrussels } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { forbidden, formReply } from "#app/utils/errors.server";
import { messageWithVars, pageTitle } from "#app/utils/i18n";
import { parseSubmission } from "#app/utils/submission.server";
import { singleLine } from "#app/utils/text";
import { redirectWithToast } from "#app/utils/toast.server";
import { MAX_SCAN_BYTES, readUploadForm, removeStored, storeScan, uploadErrorOf } from "#app/utils/uploads.server";

const required = { required_error: "form.required" };
const text = singleLine(z.string(required).trim().min(1, "form.required").max(200, "form.tooLong"));

const UploadSchema = z.object({
  organisationId: z.string(required).min(1, "form.required"),
  signatoryName: text,
  signatoryFunction: text,
  signedOn: z.string(required).refine((v) => parseDateKey(v) !== null, "adhesionUpload.error.date"),
  declaration: z.boolean({ required_error: "adhesionUpload.error.declaration" }).refine((v) => v, "adhesionUpload.error.declaration"),
  // The version the page showed: a version published meanwhile makes submitPaper refuse.
  fingerprint: z.string().default(""),
  // The file is read and checked apart (readUploadForm); named here so its error has a field.
  scan: z.any().optional(),
});

/** Coordinators send for any organisation of the network; delegates for those they sign for. */
async function uploadableOrganisations(actor: Actor, networkId: string) {
  if (isCoordinator(actor, networkId)) {
    return prisma.organisation.findMany({
      where: { networks: { some: { networkId } } },
      select: { id: true, slug: true, name: true },
      orderBy: { name: "asc" },
    });
  }
  return (await organisationsSignableBy(actor, networkId)).map(({ id, slug, name }) => ({ id, slug, name }));
}

async function guard(request: Request, params: LoaderFunctionArgs["params"]) {
  const network = await requireNetwork(params.network);
  const actor = await requireActor(request);
  const organisations = await uploadableOrganisations(actor, network.id);
  if (organisations.length === 0) forbidden();
  return { network, actor, organisations };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, actor, organisations } = await guard(request, params);
  const version = await currentVersion(network.id);
  const wanted = new URL(request.url).searchParams.get("org");
  const preselected = organisations.find((o) => o.slug === wanted || o.id === wanted)?.id ?? (organisations.length === 1 ? organisations[0].id : "");
  // Where the earlier scans stand (the last one per organisation, on this version): a rejection and
  // its reason, or one still awaiting review. A coordinator sees it for the chosen organisation only.
  const concerned = isCoordinator(actor, network.id) ? (preselected ? [preselected] : []) : organisations.map((o) => o.id);
  const earlier =
    version && concerned.length
      ? await prisma.adhesion.findMany({
          where: { networkId: network.id, charterVersionId: version.id, method: "paper", organisationId: { in: concerned } },
          orderBy: { createdAt: "desc" },
          select: { organisationId: true, status: true, rejectionReason: true, createdAt: true },
        })
      : [];
  const lastScan = new Map<string, (typeof earlier)[number]>();
  for (const a of earlier) if (!lastScan.has(a.organisationId)) lastScan.set(a.organisationId, a);
  const scans = [...lastScan.values()]
    .filter((a) => a.status === "pending" || a.status === "rejected")
    .map((a) => ({
      organisation: organisations.find((o) => o.id === a.organisationId)!.name,
      status: a.status,
      reason: a.rejectionReason ?? "",
      sentOn: todayInBrussels(a.createdAt),
    }));
  return {
    network: { slug: network.slug, name: network.name },
    version: version ? { number: version.number, title: version.title, fingerprint: version.fingerprint! } : null,
    organisations: organisations.map((o) => ({ id: o.id, name: o.name })),
    preselected,
    scans,
    isCoordinator: isCoordinator(actor, network.id),
    today: todayInBrussels(now()),
    maxMegabytes: MAX_SCAN_BYTES / (1024 * 1024),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor, organisations } = await guard(request, params);
  const { formData, file } = await readUploadForm(request, "scan");
  const submission = parseSubmission(formData, { schema: UploadSchema });
  const organisationId = String(formData.get("organisationId") ?? "");
  // Naming an organisation one may not send for is refused as such, whatever else the form holds.
  if (organisationId && !organisations.some((o) => o.id === organisationId)) {
    const inNetwork = await prisma.organisation.count({ where: { id: organisationId, networks: { some: { networkId: network.id } } } });
    if (inNetwork && !canUploadAdhesionFor(actor, network.id, organisationId)) forbidden();
    return data(submission.reply({ fieldErrors: { organisationId: ["form.invalidChoice"] } }), { status: 400 });
  }
  const scanError = uploadErrorOf(file);
  if (submission.status !== "success" || scanError) {
    const message = scanError === "upload.error.tooLarge" ? messageWithVars(scanError, { max: MAX_SCAN_BYTES / (1024 * 1024) }) : scanError;
    return data(submission.reply(message ? { fieldErrors: { scan: [message] } } : undefined), { status: 400 });
  }
  const input = submission.value;
  const stored = await storeScan(file.bytes, file.name, "adhesions");
  try {
    await submitPaper(
      network.id,
      input.organisationId,
      actor.userId,
      input.fingerprint,
      { signatoryName: input.signatoryName, signatoryFunction: input.signatoryFunction, signedOn: parseDateKey(input.signedOn)! },
      stored,
    );
  } catch (error) {
    // No row points to the file: it goes too.
    await removeStored(stored.path);
    return formReply(submission, error);
  }
  const name = organisations.find((o) => o.id === input.organisationId)!.name;
  return redirectWithToast(`/${network.slug}/charter`, { kind: "success", key: "adhesionUpload.received", vars: { organisation: name } });
}

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) =>
  pageTitle(matches, (t) => (d ? `${d.network.name} — ${t("nav.charter")}` : undefined));

export default function UploadAdhesion() {
  const t = useT();
  const { network, version, organisations, preselected, scans, isCoordinator, today, maxMegabytes } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "adhesion-upload",
    lastResult,
    defaultValue: { organisationId: preselected, signedOn: today },
    constraint: getZodConstraint(UploadSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UploadSchema }),
  });
  const charterPath = `/${network.slug}/charter`;
  const single = organisations.length === 1 ? organisations[0] : null;
  return (
    <main id="main" className="page page--form">
      <p>
        <Link to={charterPath}>← {t("adhesionUpload.back")}</Link>
      </p>
      <h1>{t("adhesionUpload.title")}</h1>
      <p className="lead">{t(isCoordinator ? "adhesionUpload.introCoordinator" : "adhesionUpload.intro")}</p>
      {scans.map((s) => (
        <div key={s.organisation} className={`notice${s.status === "rejected" ? " notice--warn" : ""}`} role="note">
          {s.status === "rejected" ? (
            <>
              <p>{t("adhesionUpload.rejected", { organisation: s.organisation, date: formatDate(s.sentOn, t.locale) })}</p>
              <p className="upload-reason">{s.reason}</p>
            </>
          ) : (
            <p>{t("adhesionUpload.pending", { organisation: s.organisation, date: formatDate(s.sentOn, t.locale) })}</p>
          )}
        </div>
      ))}
      {!version ? (
        <p className="notice">{t("charter.error.noCharter")}</p>
      ) : (
        <>
          <ol className="upload-steps">
            <li>
              {t("adhesionUpload.step1")}{" "}
              <a href={`${charterPath}/pdf`} download>
                {t("adhesionUpload.downloadPdf", { number: version.number })}
              </a>
            </li>
            <li>{t("adhesionUpload.step2")}</li>
            <li>{t("adhesionUpload.step3")}</li>
          </ol>
          <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
            <ErrorSummary
              form={form}
              fields={{
                organisationId: fields.organisationId,
                signatoryName: fields.signatoryName,
                signatoryFunction: fields.signatoryFunction,
                signedOn: fields.signedOn,
                scan: fields.scan,
                declaration: fields.declaration,
              }}
            />
            <input type="hidden" name="fingerprint" value={version.fingerprint} />
            {single ? (
              <div className="field">
                <p className="field-label">{t("adhesionUpload.organisation")}</p>
                <p>{single.name}</p>
                <input type="hidden" name="organisationId" value={single.id} />
              </div>
            ) : (
              <SelectField
                meta={fields.organisationId}
                label={t("adhesionUpload.organisation")}
                options={[{ value: "", label: t("adhesionUpload.chooseOrganisation") }, ...organisations.map((o) => ({ value: o.id, label: o.name }))]}
              />
            )}
            <TextField meta={fields.signatoryName} label={t("adhesionUpload.signatoryName")} hint={t("adhesionUpload.signatoryNameHint")} autoComplete="off" />
            <TextField
              meta={fields.signatoryFunction}
              label={t("adhesionUpload.signatoryFunction")}
              hint={t("adhesionUpload.signatoryFunctionHint")}
              autoComplete="off"
            />
            <DayField meta={fields.signedOn} label={t("adhesionUpload.signedOn")} max={today} />
            <FileField meta={fields.scan} label={t("adhesionUpload.file")} hint={t("adhesionUpload.fileHint", { max: maxMegabytes })} />
            <Checkbox meta={fields.declaration} label={t("adhesionUpload.declaration")} />
            <div className="form-actions">
              <button type="submit" className="button" disabled={navigation.state === "submitting"}>
                {t("adhesionUpload.submit")}
              </button>
              <Link to={charterPath}>{t("form.cancel")}</Link>
            </div>
          </Form>
        </>
      )}
    </main>
  );
}

type Meta = FieldMetadata<unknown, Record<string, unknown>, string[]>;

function describedBy(meta: Meta, hint?: ReactNode) {
  return [hint ? `${meta.id}-hint` : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
}

/** A calendar day; the shared fields have no date input. */
function DayField({ meta, label, max }: { meta: Meta; label: ReactNode; max: string }) {
  const props = getInputProps(meta, { type: "date", ariaAttributes: true });
  return (
    <div className={`field${meta.errors?.length ? " field--invalid" : ""}`}>
      <label htmlFor={meta.id}>{label}</label>
      <input {...props} key={props.key} max={max} aria-describedby={describedBy(meta)} />
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
