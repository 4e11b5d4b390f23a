import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { requireCoordinator } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { pageParam, Pagination } from "#app/components/pagination";
import { requireNetwork } from "#app/models/network.server";
import { instantFormat } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import type { T } from "#app/utils/i18n";

import { AdminNav } from "./__admin-nav";

const PER_PAGE = 30;
/** Fields of an entry that hold an organisation's id: shown by the organisation's name. */
const ORGANISATION_FIELDS = new Set(["organisationId", "giverOrganisationId", "holderOrganisationId"]);
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  await requireCoordinator(request, network.id);
  const url = new URL(request.url);
  const page = pageParam(url);
  const action = url.searchParams.get("action") || "";
  const entityType = url.searchParams.get("entity") || "";
  const where = { networkId: network.id, ...(action ? { action } : {}), ...(entityType ? { entityType } : {}) };
  const [total, entries, actions, entityTypes] = await Promise.all([
    prisma.auditLog.count({ where }),
    prisma.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PER_PAGE,
      take: PER_PAGE,
      select: { id: true, createdAt: true, action: true, entityType: true, entityId: true, before: true, after: true, actor: { select: { name: true } } },
    }),
    // groupBy, not distinct: Prisma's distinct reads every row of the log and dedupes in memory.
    prisma.auditLog.groupBy({ by: ["action"], where: { networkId: network.id }, orderBy: { action: "asc" } }),
    prisma.auditLog.groupBy({ by: ["entityType"], where: { networkId: network.id }, orderBy: { entityType: "asc" } }),
  ]);
  // Name the organisations an entry is about (they may have been renamed since: the current name).
  // Organisations named by an entry, as its subject or in its fields (a proxy's giver and holder, a
  // candidate, a seat): shown by name, not by id.
  const fieldOrgIds = entries.flatMap((e) =>
    [e.before, e.after].flatMap((v) =>
      v && typeof v === "object" && !Array.isArray(v) ? [...ORGANISATION_FIELDS].map((f) => (v as Record<string, unknown>)[f]) : [],
    ),
  );
  const orgIds = [
    ...entries.filter((e) => e.entityType.toLowerCase() === "organisation").map((e) => e.entityId),
    ...fieldOrgIds.filter((id): id is string => typeof id === "string"),
  ];
  const orgs = orgIds.length
    ? await prisma.organisation.findMany({
        where: { id: { in: orgIds }, networks: { some: { networkId: network.id } } },
        select: { id: true, slug: true, name: true },
      })
    : [];
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  return {
    network: { slug: network.slug, name: network.name },
    filters: { action, entity: entityType },
    actions: actions.map((a) => a.action),
    entityTypes: entityTypes.map((e) => e.entityType),
    page,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
    total,
    organisationNames: Object.fromEntries(orgs.map((o) => [o.id, o.name])),
    entries: entries.map((e) => ({
      id: e.id,
      createdAt: e.createdAt.toISOString(),
      actor: e.actor?.name ?? null,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      organisation: e.entityType.toLowerCase() === "organisation" ? (orgById.get(e.entityId) ?? null) : null,
      before: (e.before ?? null) as Json,
      after: (e.after ?? null) as Json,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.network.name ?? ""} — Journal — Maillage` }];

/** A key's translation, or the fallback when the dictionary has none (actions added later). */
function label(t: T, key: string, fallback: string) {
  const text = t.message(key);
  return text === key ? fallback : text;
}

function formatValue(t: T, value: Json | undefined, field?: string, context?: { entityType: string; names: Record<string, string> }): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field && ORGANISATION_FIELDS.has(field) && typeof value === "string") return context?.names[value] ?? value;
  if (field === "kind" && typeof value === "string" && context?.entityType === "Poll") return label(t, `audit.pollKind.${value}`, value);
  if (field === "kind" && typeof value === "string") return label(t, `org.kind.${value}`, value);
  if (field === "channel" && typeof value === "string") return label(t, `assembly.channel.${value}`, value);
  if (typeof value === "boolean") return value ? t("form.yes") : t("form.no");
  if (Array.isArray(value)) {
    if (value.length === 0) return "—";
    if (value.every((v) => typeof v !== "object" || v === null)) return value.map(String).join(", ");
    return t.plural("audit.items", value.length);
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["entries"][number];

function Changes({ entry, names }: { entry: Entry; names: Record<string, string> }) {
  const t = useT();
  const context = { entityType: entry.entityType, names };
  const obj = (v: Json) => (v && typeof v === "object" && !Array.isArray(v) ? v : {});
  const before = obj(entry.before);
  const after = obj(entry.after);
  const both = entry.before !== null && entry.after !== null;
  const isEmpty = (v: Json | undefined) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
  // A creation lists what was filled in; a change lists every field that moved, even to empty.
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => f !== "id" && (both || !isEmpty(after[f] ?? before[f])));
  if (fields.length === 0) return null;
  return (
    <ul className="audit-changes">
      {fields.map((f) => (
        <li key={f}>
          <span className="audit-field">{label(t, `audit.field.${f}`, f)}</span> :{" "}
          {both ? (
            <>
              <del>{formatValue(t, before[f], f, context)}</del> <span aria-hidden="true">→</span>
              <span className="visually-hidden">{t("audit.becomes")}</span> <ins>{formatValue(t, after[f], f, context)}</ins>
            </>
          ) : entry.after !== null ? (
            formatValue(t, after[f], f, context)
          ) : (
            <del>{formatValue(t, before[f], f, context)}</del>
          )}
        </li>
      ))}
    </ul>
  );
}

function Entity({ entry, networkSlug }: { entry: Entry; networkSlug: string }) {
  const t = useT();
  const kind = label(t, `audit.entity.${entry.entityType}`, entry.entityType);
  if (entry.organisation) {
    return (
      <>
        {kind} <Link to={`/${networkSlug}/organisations/${entry.organisation.slug}`}>{entry.organisation.name}</Link>
      </>
    );
  }
  const data = (entry.after ?? entry.before) as Record<string, Json> | null;
  const name = data && typeof data === "object" ? (data.name ?? data.email ?? null) : null;
  return (
    <>
      {kind}
      {typeof name === "string" ? ` « ${name} »` : null}
    </>
  );
}

export default function AuditLog() {
  const t = useT();
  const { network, entries, organisationNames, filters, actions, entityTypes, page, pages, total } = useLoaderData<typeof loader>();
  const when = instantFormat(t.locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <main id="main" className="page">
      <AdminNav network={network} current={t("networkAdmin.nav.audit")} />
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <Form method="get" className="filters card">
        <fieldset>
          <legend>{t("audit.filters")}</legend>
          <div className="cluster audit-filters">
            <div className="field">
              <label htmlFor="audit-action">{t("audit.filterAction")}</label>
              <select id="audit-action" name="action" defaultValue={filters.action}>
                <option value="">{t("audit.all")}</option>
                {actions.map((a) => (
                  <option key={a} value={a}>
                    {label(t, `audit.action.${a}`, a)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="audit-entity">{t("audit.filterEntity")}</label>
              <select id="audit-entity" name="entity" defaultValue={filters.entity}>
                <option value="">{t("audit.all")}</option>
                {entityTypes.map((e) => (
                  <option key={e} value={e}>
                    {label(t, `audit.entity.${e}`, e)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--secondary">
              {t("audit.apply")}
            </button>
          </div>
        </fieldset>
      </Form>
      <p className="muted" role="status">
        {t.plural("audit.total", total)}
      </p>
      {entries.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <ol className="result-list audit-list">
          {entries.map((e) => (
            <li key={e.id}>
              <p>
                <strong>{label(t, `audit.action.${e.action}`, e.action)}</strong> — <Entity entry={e} networkSlug={network.slug} />
              </p>
              <p className="muted">
                <time dateTime={e.createdAt}>{when.format(new Date(e.createdAt))}</time> · {e.actor ?? t("audit.system")}
              </p>
              <Changes entry={e} names={organisationNames} />
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} pages={pages} />
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
