// The coordinator's view of the charter's adhesions: where the current version stands, who has
// re-signed (filter by status), reminders (sent by the worker 14 and 3 days before the deadline,
// or now by hand), paper adhesions to review, and suspension of an organisation (with a reason,
// after a confirmation step that works without JavaScript).
import { getFormProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { requireCoordinator } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { Checkbox, ErrorSummary, FieldError, TextareaField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { pageParam, Pagination } from "#app/components/pagination";
import {
  endMembership,
  MEMBERSHIP_STATUSES,
  type MembershipKind,
  membershipStatuses,
  REMINDER_DAYS,
  remindNow,
  reviewPaper,
} from "#app/models/adhesion.server";
import { currentVersion } from "#app/models/charter.server";
import { requireNetwork } from "#app/models/network.server";
import { addDays, dateKey, formatDate, instantFormat, todayInBrussels } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { formRefusal, invariantResponse } from "#app/utils/errors.server";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { AdminNav } from "./__admin-nav";

const PER_PAGE = 100;

const reason = z
  .string({ required_error: "adhesionsAdmin.error.reasonRequired" })
  .trim()
  .min(1, "adhesionsAdmin.error.reasonRequired")
  .max(1000, "form.tooLong");
const RejectSchema = z.object({ adhesionId: z.string().min(1), reason });
const ValidateSchema = z.object({ adhesionId: z.string().min(1) });
const SuspendSchema = z.object({
  organisationId: z.string().min(1),
  reason,
  confirm: z.boolean({ required_error: "adhesionsAdmin.error.confirmRequired" }).refine((v) => v, "adhesionsAdmin.error.confirmRequired"),
});

function isStatus(value: string | null): value is MembershipKind {
  return !!value && (MEMBERSHIP_STATUSES as readonly string[]).includes(value);
}

/**
 * Whether a d14/d3 round was recorded as skipped rather than sent (sendDueReminders records both
 * with the count of recipients; a skipped one has none): its day was not after the publication,
 * or a nearer round was already due when it was recorded.
 */
function roundSkipped(kind: string, recipients: number, sentAt: Date, version: { adhesionDeadline: Date | null; publishedAt: Date | null }) {
  const days = /^d(\d+)$/.exec(kind)?.[1];
  if (!days || recipients > 0 || !version.adhesionDeadline) return false;
  const deadline = dateKey(version.adhesionDeadline);
  if (version.publishedAt && addDays(deadline, -Number(days)) <= todayInBrussels(version.publishedAt)) return true;
  const day = todayInBrussels(sentAt);
  return REMINDER_DAYS.some((r) => r < Number(days) && day >= addDays(deadline, -r));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  await requireCoordinator(request, network.id);
  const url = new URL(request.url);
  const filter = url.searchParams.get("status");
  const status = isStatus(filter) ? filter : null;
  const page = pageParam(url);
  const at = now();

  const [version, organisations, adhesions, pending, reminders] = await Promise.all([
    currentVersion(network.id),
    prisma.organisation.findMany({
      where: { networks: { some: { networkId: network.id } } },
      select: { id: true, slug: true, name: true },
      orderBy: { name: "asc" },
    }),
    prisma.adhesion.findMany({
      where: { networkId: network.id, status: { in: ["valid", "pending", "ended"] } },
      orderBy: [{ signedOn: "desc" }, { createdAt: "desc" }],
      select: { organisationId: true, signedOn: true, method: true, status: true, charterVersion: { select: { number: true } } },
    }),
    prisma.adhesion.findMany({
      where: { networkId: network.id, method: "paper", status: "pending" },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        signatoryName: true,
        signatoryFunction: true,
        signedOn: true,
        createdAt: true,
        scanName: true,
        organisation: { select: { name: true, slug: true } },
        charterVersion: { select: { number: true } },
        submittedBy: { select: { name: true } },
      },
    }),
    prisma.charterReminder.findMany({
      where: { charterVersion: { networkId: network.id } },
      orderBy: { sentAt: "desc" },
      take: 50,
      select: { id: true, kind: true, recipients: true, sentAt: true, charterVersion: { select: { number: true, adhesionDeadline: true, publishedAt: true } } },
    }),
  ]);

  const statuses = await membershipStatuses(
    network.id,
    organisations.map((o) => o.id),
    at,
  );
  const counts = Object.fromEntries(MEMBERSHIP_STATUSES.map((s) => [s, 0])) as Record<MembershipKind, number>;
  for (const s of statuses.values()) counts[s.kind] += 1;
  const last = new Map<string, (typeof adhesions)[number]>();
  for (const a of adhesions) if (!last.has(a.organisationId)) last.set(a.organisationId, a);

  const rows = organisations
    .map((o) => {
      const s = statuses.get(o.id)!;
      const a = last.get(o.id);
      return {
        id: o.id,
        slug: o.slug,
        name: o.name,
        status: s.kind,
        deadline: s.deadline ?? null,
        pendingPaper: !!s.pendingPaper,
        // Something to end: a valid adhesion (member, to renew, lapsed) or a paper one awaiting review.
        suspendable: s.kind === "member" || s.kind === "to_renew" || s.kind === "lapsed" || !!s.pendingPaper,
        last: a ? { signedOn: dateKey(a.signedOn), method: a.method, status: a.status, version: a.charterVersion.number } : null,
      };
    })
    .filter((r) => !status || r.status === status);
  const pages = Math.max(1, Math.ceil(rows.length / PER_PAGE));

  const suspendId = url.searchParams.get("suspend");
  const suspendRow = suspendId ? (rows.find((r) => r.id === suspendId) ?? (await findSuspendable(network.id, suspendId, statuses))) : null;

  return {
    network: { slug: network.slug, name: network.name },
    version: version
      ? {
          number: version.number,
          title: version.title,
          publishedAt: version.publishedAt?.toISOString() ?? null,
          deadline: version.adhesionDeadline ? dateKey(version.adhesionDeadline) : null,
          fingerprint: version.fingerprint,
        }
      : null,
    deadlinePassed: !!version?.adhesionDeadline && dateKey(version.adhesionDeadline) < todayInBrussels(at),
    counts,
    total: organisations.length,
    status,
    page,
    pages,
    rows: rows.slice((page - 1) * PER_PAGE, page * PER_PAGE),
    pending: pending.map((p) => ({
      id: p.id,
      organisation: p.organisation.name,
      organisationSlug: p.organisation.slug,
      signatoryName: p.signatoryName,
      signatoryFunction: p.signatoryFunction,
      signedOn: dateKey(p.signedOn),
      receivedAt: p.createdAt.toISOString(),
      scanName: p.scanName,
      version: p.charterVersion.number,
      submittedBy: p.submittedBy?.name ?? null,
    })),
    reminders: reminders.map((r) => ({
      id: r.id,
      kind: r.kind.startsWith("manual") ? "manual" : r.kind,
      recipients: r.recipients,
      sentAt: r.sentAt.toISOString(),
      version: r.charterVersion.number,
      skipped: roundSkipped(r.kind, r.recipients, r.sentAt, r.charterVersion),
    })),
    suspend: suspendRow && suspendRow.suspendable ? { id: suspendRow.id, name: suspendRow.name } : null,
  };
}

async function findSuspendable(networkId: string, organisationId: string, statuses: Map<string, { kind: MembershipKind; pendingPaper?: boolean }>) {
  const s = statuses.get(organisationId);
  if (!s) return null;
  const org = await prisma.organisation.findFirst({ where: { id: organisationId, networks: { some: { networkId } } }, select: { id: true, name: true } });
  if (!org) return null;
  return { id: org.id, name: org.name, suspendable: s.kind === "member" || s.kind === "to_renew" || s.kind === "lapsed" || !!s.pendingPaper };
}

type Intent = "remind" | "validate" | "reject" | "suspend";

export async function action({ request, params }: ActionFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await requireCoordinator(request, network.id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = `/${network.slug}/admin/adhesions`;
  const fail = (i: Intent, id: string | null, result: SubmissionResult<string[]>) => data({ intent: i, id, result }, { status: 400 });
  const modelError = (error: unknown) => formRefusal(error).message;

  if (intent === "remind") {
    const submission = parseSubmission(formData, { schema: z.object({}) });
    try {
      const count = await remindNow(network.id, actor.userId);
      return redirectWithToast(back, { kind: "success", key: "adhesionsAdmin.reminded", vars: { count } });
    } catch (error) {
      return fail("remind", null, submission.reply({ formErrors: [modelError(error)] }));
    }
  }

  if (intent === "validate" || intent === "reject") {
    const submission = parseSubmission(formData, { schema: intent === "validate" ? ValidateSchema : RejectSchema });
    const id = String(formData.get("adhesionId") ?? "");
    if (submission.status !== "success") {
      invariantResponse(id);
      return fail(intent, id, submission.reply());
    }
    const value = submission.value as { adhesionId: string; reason?: string };
    try {
      const organisationId = await reviewPaper(
        network.id,
        value.adhesionId,
        actor.userId,
        intent === "validate" ? { accept: true } : { accept: false, reason: value.reason! },
      );
      const org = await prisma.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { name: true } });
      return redirectWithToast(back, {
        kind: "success",
        key: intent === "validate" ? "adhesionsAdmin.validated" : "adhesionsAdmin.rejected",
        vars: { organisation: org.name },
      });
    } catch (error) {
      return fail(intent, id, submission.reply({ formErrors: [modelError(error)] }));
    }
  }

  if (intent === "suspend") {
    const submission = parseSubmission(formData, { schema: SuspendSchema });
    const id = String(formData.get("organisationId") ?? "");
    const org = id
      ? await prisma.organisation.findFirst({ where: { id, networks: { some: { networkId: network.id } } }, select: { id: true, name: true } })
      : null;
    invariantResponse(org);
    if (submission.status !== "success") return fail("suspend", id, submission.reply());
    try {
      await endMembership(network.id, org.id, actor.userId, "suspended", submission.value.reason);
      return redirectWithToast(back, { kind: "success", key: "adhesionsAdmin.suspended", vars: { organisation: org.name } });
    } catch (error) {
      return fail("suspend", id, submission.reply({ formErrors: [modelError(error)] }));
    }
  }

  return data({ intent: null, id: null, result: null }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.network.name ?? ""} — Adhésions — Maillage` }];

export default function AdhesionsDashboard() {
  const t = useT();
  const { network, version, deadlinePassed, counts, total, status, page, pages, rows, pending, reminders, suspend } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const base = `/${network.slug}/admin/adhesions`;
  const when = instantFormat(t.locale, { dateStyle: "short", timeStyle: "short" });
  return (
    <main id="main" className="page">
      <AdminNav network={network} current={t("networkAdmin.nav.adhesions")} />
      <h1>{t("adhesionsAdmin.title")}</h1>
      <p className="lead">{t("adhesionsAdmin.intro")}</p>

      {suspend ? <SuspendForm key={suspend.id} organisation={suspend} to={`${base}?suspend=${encodeURIComponent(suspend.id)}`} cancel={base} /> : null}

      <section className="card" aria-labelledby="version-title">
        <h2 id="version-title">{t("adhesionsAdmin.versionTitle")}</h2>
        {version ? (
          <>
            <p>
              {t("adhesionsAdmin.version", { number: version.number, title: version.title })}
              {version.publishedAt ? ` — ${t("adhesionsAdmin.publishedOn", { date: formatDate(version.publishedAt.slice(0, 10), t.locale) })}` : null}
            </p>
            <p>
              {version.deadline
                ? t(deadlinePassed ? "adhesionsAdmin.deadlinePassed" : "adhesionsAdmin.deadline", { date: formatDate(version.deadline, t.locale) })
                : t("adhesionsAdmin.noDeadline")}
            </p>
          </>
        ) : (
          <p>{t("charter.error.noCharter")}</p>
        )}
        <h3>{t("adhesionsAdmin.countsTitle", { total })}</h3>
        <ul className="stat-list adhesion-counts">
          {MEMBERSHIP_KINDS.map((kind) => (
            <li key={kind}>
              <Link to={`?status=${kind}#resigned-title`}>
                {t(`membership.${kind}`)} : <strong>{counts[kind]}</strong>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="pending-title" className="adhesions-section">
        <h2 id="pending-title">{t("adhesionsAdmin.pendingTitle")}</h2>
        {pending.length === 0 ? (
          <p>{t("adhesionsAdmin.pendingNone")}</p>
        ) : (
          <ul className="adhesion-reviews">
            {pending.map((p) => (
              <li key={p.id} className="card adhesion-review">
                <h3>{p.organisation}</h3>
                <dl className="adhesion-facts">
                  <dt>{t("adhesionsAdmin.signatory")}</dt>
                  <dd>
                    {p.signatoryName} — {p.signatoryFunction}
                  </dd>
                  <dt>{t("adhesionsAdmin.signedOn")}</dt>
                  <dd>{formatDate(p.signedOn, t.locale)}</dd>
                  <dt>{t("adhesionsAdmin.versionSigned")}</dt>
                  <dd>{p.version}</dd>
                  <dt>{t("adhesionsAdmin.received")}</dt>
                  <dd>
                    {when.format(new Date(p.receivedAt))}
                    {p.submittedBy ? ` — ${t("adhesionsAdmin.by", { name: p.submittedBy })}` : null}
                  </dd>
                </dl>
                <p>
                  <a href={`/${network.slug}/charter/adhesions/${p.id}/scan`}>
                    {t("adhesionsAdmin.openScan")}
                    <span className="visually-hidden"> ({p.organisation})</span>
                  </a>
                  {p.scanName ? <span className="muted"> ({p.scanName})</span> : null}
                </p>
                <ReviewForms
                  adhesion={p}
                  action={base}
                  lastResult={actionData && actionData.id === p.id && (actionData.intent === "validate" || actionData.intent === "reject") ? actionData : null}
                />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card adhesions-remind" aria-labelledby="remind-title">
        <h2 id="remind-title">{t("adhesionsAdmin.remindTitle")}</h2>
        <p>{t("adhesionsAdmin.remindIntro", { d14: 14, d3: 3 })}</p>
        <RemindForm action={base} lastResult={actionData?.intent === "remind" ? actionData.result : undefined} />
        <h3>{t("adhesionsAdmin.roundsTitle")}</h3>
        {reminders.length === 0 ? (
          <p>{t("adhesionsAdmin.roundsNone")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("adhesionsAdmin.roundsTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("adhesionsAdmin.round")}</th>
                  <th scope="col">{t("adhesionsAdmin.versionSigned")}</th>
                  <th scope="col">{t("adhesionsAdmin.roundDate")}</th>
                  <th scope="col">{t("adhesionsAdmin.recipients")}</th>
                </tr>
              </thead>
              <tbody>
                {reminders.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{t(`adhesionsAdmin.round.${r.kind === "manual" ? "manual" : "auto"}`, { days: r.kind.slice(1) })}</th>
                    <td>{r.version}</td>
                    <td>{when.format(new Date(r.sentAt))}</td>
                    <td>{r.skipped ? <span className="badge">{t("adhesionsAdmin.skipped")}</span> : r.recipients}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="resigned-title" className="adhesions-section">
        <h2 id="resigned-title">{t("adhesionsAdmin.resignedTitle")}</h2>
        <Form method="get" action={base} className="cluster adhesion-filter">
          <label htmlFor="status-filter">{t("adhesionsAdmin.filterLabel")}</label>
          <select id="status-filter" name="status" defaultValue={status ?? ""}>
            <option value="">{t("adhesionsAdmin.filterAll", { count: total })}</option>
            {MEMBERSHIP_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`membership.${kind}`)} ({counts[kind]})
              </option>
            ))}
          </select>
          <button type="submit" className="button button--small button--secondary">
            {t("adhesionsAdmin.filterSubmit")}
          </button>
        </Form>
        {rows.length === 0 ? (
          <p>{t("adhesionsAdmin.noneWithStatus")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("adhesionsAdmin.resignedTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("adhesionsAdmin.organisation")}</th>
                  <th scope="col">{t("adhesionsAdmin.status")}</th>
                  <th scope="col">{t("adhesionsAdmin.lastAdhesion")}</th>
                  <th scope="col">{t("adhesionsAdmin.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/${network.slug}/organisations/${r.slug}`}>{r.name}</Link>
                    </th>
                    <td>
                      <span className={`badge membership membership--${r.status}`}>{t(`membership.${r.status}`)}</span>
                      {r.status === "to_renew" && r.deadline ? (
                        <p className="hint">{t("adhesionsAdmin.renewBy", { date: formatDate(r.deadline, t.locale) })}</p>
                      ) : null}
                      {r.pendingPaper ? <p className="hint">{t("adhesionsAdmin.paperWaiting")}</p> : null}
                    </td>
                    <td>
                      {r.last
                        ? t("adhesionsAdmin.lastAdhesionText", {
                            date: formatDate(r.last.signedOn, t.locale),
                            method: t(`adhesionsAdmin.method.${r.last.method === "paper" ? "paper" : "online"}`),
                            number: r.last.version,
                          })
                        : "—"}
                    </td>
                    <td>
                      {r.suspendable ? (
                        <Link to={`?suspend=${encodeURIComponent(r.id)}#suspend`} className="button button--small button--secondary">
                          {t("adhesionsAdmin.suspend")}
                          <span className="visually-hidden"> {r.name}</span>
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page} pages={pages} />
      </section>
    </main>
  );
}

const MEMBERSHIP_KINDS = ["member", "to_renew", "lapsed", "applicant", "withdrawn", "suspended"] as const;

type Reply = SubmissionResult<string[]>;

function RemindForm({ action, lastResult }: { action: string; lastResult?: Reply | null }) {
  const t = useT();
  const [form] = useForm({ id: "remind", lastResult });
  return (
    <Form method="post" action={action} {...getFormProps(form)}>
      <input type="hidden" name="intent" value="remind" />
      <div className="form-actions">
        <button type="submit" className="button" aria-describedby={form.errors?.length ? form.errorId : undefined}>
          {t("adhesionsAdmin.remindSubmit")}
        </button>
      </div>
      <FieldError id={form.errorId} errors={form.errors} />
    </Form>
  );
}

function ReviewForms({
  adhesion,
  action,
  lastResult,
}: {
  adhesion: { id: string; organisation: string };
  action: string;
  lastResult: { intent: string | null; result: Reply | null } | null;
}) {
  const t = useT();
  const [validateForm] = useForm({ id: `validate-${adhesion.id}`, lastResult: lastResult?.intent === "validate" ? lastResult.result : undefined });
  const [rejectForm, fields] = useForm({
    id: `reject-${adhesion.id}`,
    lastResult: lastResult?.intent === "reject" ? lastResult.result : undefined,
    constraint: getZodConstraint(RejectSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RejectSchema }),
  });
  const reasonProps = getTextareaProps(fields.reason, { ariaAttributes: true });
  return (
    <div className="adhesion-review__actions">
      <Form method="post" action={action} {...getFormProps(validateForm)}>
        <input type="hidden" name="intent" value="validate" />
        <input type="hidden" name="adhesionId" value={adhesion.id} />
        <button type="submit" className="button">
          {t("adhesionsAdmin.validate")}
          <span className="visually-hidden"> ({adhesion.organisation})</span>
        </button>
        <FieldError id={validateForm.errorId} errors={validateForm.errors} />
      </Form>
      <Form method="post" action={action} {...getFormProps(rejectForm)} className="adhesion-reject">
        <input type="hidden" name="intent" value="reject" />
        <input type="hidden" name="adhesionId" value={adhesion.id} />
        <FieldError id={rejectForm.errorId} errors={rejectForm.errors} />
        <div className={`field${fields.reason.errors?.length ? " field--invalid" : ""}`}>
          <label htmlFor={fields.reason.id}>{t("adhesionsAdmin.rejectReason", { organisation: adhesion.organisation })}</label>
          <p id={`${fields.reason.id}-hint`} className="hint">
            {t("adhesionsAdmin.rejectHint")}
          </p>
          <textarea
            {...reasonProps}
            key={reasonProps.key}
            rows={2}
            aria-describedby={[`${fields.reason.id}-hint`, fields.reason.errors?.length ? fields.reason.errorId : null].filter(Boolean).join(" ")}
          />
          <FieldError id={fields.reason.errorId} errors={fields.reason.errors} />
        </div>
        <button type="submit" className="button button--secondary">
          {t("adhesionsAdmin.reject")}
          <span className="visually-hidden"> ({adhesion.organisation})</span>
        </button>
      </Form>
    </div>
  );
}

function SuspendForm({ organisation, to, cancel }: { organisation: { id: string; name: string }; to: string; cancel: string }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "suspend",
    lastResult: actionData?.intent === "suspend" && actionData.id === organisation.id ? actionData.result : undefined,
    constraint: getZodConstraint(SuspendSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SuspendSchema }),
  });
  return (
    <section className="card adhesion-suspend" aria-labelledby="suspend-title" id="suspend">
      <h2 id="suspend-title">{t("adhesionsAdmin.suspendTitle", { organisation: organisation.name })}</h2>
      <p>{t("adhesionsAdmin.suspendText", { organisation: organisation.name })}</p>
      <Form method="post" action={to} {...getFormProps(form)}>
        <ErrorSummary form={form} fields={{ reason: fields.reason, confirm: fields.confirm }} />
        <input type="hidden" name="intent" value="suspend" />
        <input type="hidden" name="organisationId" value={organisation.id} />
        <TextareaField meta={fields.reason} label={t("adhesionsAdmin.suspendReason")} rows={3} />
        <Checkbox meta={fields.confirm} label={t("adhesionsAdmin.suspendConfirm", { organisation: organisation.name })} />
        <div className="form-actions">
          <button type="submit" className="button button--danger">
            {t("adhesionsAdmin.suspendSubmit", { organisation: organisation.name })}
          </button>
          <Link to={cancel}>{t("form.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
