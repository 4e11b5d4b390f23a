// Requests to join the network: the pending ones first (oldest first, they have waited longest),
// then the decided ones (newest decision first, paged).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { requireCoordinator } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { pageParam, Pagination } from "#app/components/pagination";
import { requireNetwork } from "#app/models/network.server";
import { instantFormat } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { foldText } from "#app/utils/domain";
import { metaT } from "#app/utils/i18n";

import { AdminNav } from "./__admin-nav";

const PER_PAGE = 25;

const listSelect = {
  id: true,
  organisationName: true,
  kind: true,
  commune: true,
  contactName: true,
  contactEmail: true,
  status: true,
  createdAt: true,
  decidedAt: true,
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  await requireCoordinator(request, network.id);
  const page = pageParam(new URL(request.url));
  const decidedWhere = { networkId: network.id, status: { not: "pending" } };
  const [pending, decidedTotal, decided] = await Promise.all([
    prisma.joinRequest.findMany({ where: { networkId: network.id, status: "pending" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: listSelect }),
    prisma.joinRequest.count({ where: decidedWhere }),
    prisma.joinRequest.findMany({
      where: decidedWhere,
      orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PER_PAGE,
      take: PER_PAGE,
      select: listSelect,
    }),
  ]);
  // Pending requests whose name is already in the network are flagged (compared folded).
  let sameName = new Set<string>();
  if (pending.length) {
    const names = await prisma.organisation.findMany({ where: { networks: { some: { networkId: network.id } } }, select: { name: true } });
    const folded = new Set(names.map((o) => foldText(o.name)));
    sameName = new Set(pending.filter((r) => folded.has(foldText(r.organisationName))).map((r) => r.id));
  }
  const row = (r: (typeof pending)[number]) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    sameName: sameName.has(r.id),
  });
  return {
    network: { slug: network.slug, name: network.name },
    pending: pending.map(row),
    decided: decided.map(row),
    page,
    pages: Math.max(1, Math.ceil(decidedTotal / PER_PAGE)),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const t = metaT(matches);
  return [{ title: `${t("join.admin.title")}${d ? ` — ${d.network.name}` : ""} — Maillage` }];
};

type Row = ReturnType<typeof useLoaderData<typeof loader>>["pending"][number];

export default function JoinRequests() {
  const t = useT();
  const { network, pending, decided, page, pages } = useLoaderData<typeof loader>();
  const when = instantFormat(t.locale, { dateStyle: "medium", timeStyle: "short" });
  const base = `/${network.slug}/admin/join-requests`;
  const organisationCell = (r: Row) => (
    <th scope="row">
      <Link to={`${base}/${r.id}`}>{r.organisationName}</Link>
      <span className="join-kind">
        {t.pick("org.kind", r.kind)}
        {r.commune ? ` · ${r.commune}` : ""}
      </span>
      {r.sameName ? <span className="badge badge--warn">{t("join.admin.sameName")}</span> : null}
    </th>
  );
  return (
    <main id="main" className="page">
      <AdminNav network={network} current={t("networkAdmin.nav.joinRequests")} />
      <h1>{t("join.admin.title")}</h1>
      <p>{t("join.admin.intro")}</p>
      <p>
        <Link to={`/${network.slug}/charter/join`}>{t("join.admin.publicForm")}</Link>
      </p>

      <section aria-labelledby="pending-title" className="join-section">
        <h2 id="pending-title">
          {t("join.admin.pendingTitle")} ({pending.length})
        </h2>
        {pending.length === 0 ? (
          <p>{t("join.admin.nonePending")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("join.admin.organisation")}</th>
                  <th scope="col">{t("join.admin.contact")}</th>
                  <th scope="col">{t("join.admin.received")}</th>
                </tr>
              </thead>
              <tbody>
                {pending.map((r) => (
                  <tr key={r.id}>
                    {organisationCell(r)}
                    <td>
                      {r.contactName}
                      <br />
                      <a href={`mailto:${r.contactEmail}`}>{r.contactEmail}</a>
                    </td>
                    <td>{when.format(new Date(r.createdAt))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="decided-title" className="join-section">
        <h2 id="decided-title">{t("join.admin.decidedTitle")}</h2>
        {decided.length === 0 ? (
          <p>{t("join.admin.noneDecided")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("join.admin.organisation")}</th>
                  <th scope="col">{t("join.admin.status")}</th>
                  <th scope="col">{t("join.admin.received")}</th>
                  <th scope="col">{t("join.admin.decided")}</th>
                </tr>
              </thead>
              <tbody>
                {decided.map((r) => (
                  <tr key={r.id}>
                    {organisationCell(r)}
                    <td>
                      <span className={`badge${r.status === "accepted" ? " badge--open" : ""}`}>{t.pick("join.status", r.status)}</span>
                    </td>
                    <td>{when.format(new Date(r.createdAt))}</td>
                    <td>{r.decidedAt ? when.format(new Date(r.decidedAt)) : "—"}</td>
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
