import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { requireCoordinator } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { pageParam, Pagination } from "#app/components/pagination";
import { requireNetwork } from "#app/models/network.server";
import { instantFormat } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";

import { AdminNav } from "./__admin-nav";

const PER_PAGE = 25;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  await requireCoordinator(request, network.id);
  const page = pageParam(new URL(request.url));
  const where = { networkId: network.id };
  const [total, emails] = await Promise.all([
    prisma.outboxEmail.count({ where }),
    prisma.outboxEmail.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PER_PAGE,
      take: PER_PAGE,
      select: { id: true, to: true, subject: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true },
    }),
  ]);
  return {
    network: { slug: network.slug, name: network.name },
    page,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
    total,
    emails: emails.map((e) => ({ ...e, createdAt: e.createdAt.toISOString(), sentAt: e.sentAt?.toISOString() ?? null })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.network.name ?? ""} — E-mails — Maillage` }];

export default function Outbox() {
  const t = useT();
  const { network, emails, page, pages, total } = useLoaderData<typeof loader>();
  const when = instantFormat(t.locale, { dateStyle: "short", timeStyle: "short" });
  return (
    <main id="main" className="page">
      <AdminNav network={network} current={t("networkAdmin.nav.outbox")} />
      <h1>{t("outbox.title")}</h1>
      <p>{t("outbox.intro")}</p>
      <p className="muted">{t.plural("outbox.total", total)}</p>
      {emails.length === 0 ? (
        <p>{t("outbox.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("outbox.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("outbox.subject")}</th>
                <th scope="col">{t("outbox.to")}</th>
                <th scope="col">{t("outbox.status")}</th>
                <th scope="col">{t("outbox.attempts")}</th>
                <th scope="col">{t("outbox.created")}</th>
                <th scope="col">{t("outbox.sent")}</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((e) => (
                <tr key={e.id} className={e.status === "failed" ? "row-error" : undefined}>
                  <th scope="row">
                    <Link to={e.id}>{e.subject}</Link>
                  </th>
                  <td>{e.to}</td>
                  <td>
                    <span className={`badge${e.status === "failed" ? " badge--warn" : e.status === "sent" ? " badge--open" : ""}`}>
                      {t.pick("outbox.status", e.status)}
                    </span>
                    {e.lastError ? <p className="hint">{t("outbox.lastError", { error: e.lastError })}</p> : null}
                  </td>
                  <td>{e.attempts}</td>
                  <td>{when.format(new Date(e.createdAt))}</td>
                  <td>{e.sentAt ? when.format(new Date(e.sentAt)) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} />
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
