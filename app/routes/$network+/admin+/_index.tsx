import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { requireCoordinator } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { membershipCounts } from "#app/models/adhesion.server";
import { requireNetwork } from "#app/models/network.server";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";

import { AdminNav } from "./__admin-nav";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  await requireCoordinator(request, network.id);
  const inNetwork = { networks: { some: { networkId: network.id } } };
  const [membership, delegates, invitations, waiting, failed] = await Promise.all([
    membershipCounts(network.id),
    prisma.delegate.count({ where: { organisation: inNetwork } }),
    prisma.invitation.count({ where: { networkId: network.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now() } } }),
    prisma.outboxEmail.count({ where: { networkId: network.id, status: "pending" } }),
    prisma.outboxEmail.count({ where: { networkId: network.id, status: "failed" } }),
  ]);
  return {
    network: { slug: network.slug, name: network.name },
    counts: { organisations: membership.inDirectory, members: membership.members, delegates, invitations, waiting, failed },
    byKind: membership.byKind,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.network.name ?? ""} — Coordination — Maillage` }];

export default function CoordinatorDashboard() {
  const t = useT();
  const { network, counts, byKind } = useLoaderData<typeof loader>();
  const base = `/${network.slug}/admin`;
  return (
    <main id="main" className="page">
      <AdminNav network={network} />
      <h1>{t("networkAdmin.title")}</h1>
      <p className="lead">{t("networkAdmin.intro")}</p>
      <div className="grid">
        <section className="card" aria-labelledby="members-title">
          <h2 id="members-title">{t("networkAdmin.members")}</h2>
          <ul className="stat-list">
            <li>{t.plural("networkAdmin.count.organisations", counts.organisations)}</li>
            <li>
              {t.plural("networkAdmin.count.members", counts.members)}
              {byKind.to_renew ? ` ${t.plural("networkAdmin.count.toRenew", byKind.to_renew)}` : ""}
            </li>
            {(["applicant", "lapsed", "withdrawn", "suspended"] as const).map((kind) =>
              byKind[kind] ? <li key={kind}>{t("networkAdmin.count.kind", { kind: t.pick("membership", kind), count: byKind[kind] })}</li> : null,
            )}
            <li>{t.plural("networkAdmin.count.delegates", counts.delegates)}</li>
            <li>{t.plural("networkAdmin.count.invitations", counts.invitations)}</li>
          </ul>
          <ul>
            <li>
              <Link to={`/${network.slug}/organisations`}>{t("networkAdmin.link.directory")}</Link>
            </li>
            <li>
              <Link to={`${base}/import`}>{t("networkAdmin.link.import")}</Link>
            </li>
            <li>
              <a href={`${base}/export`} download>
                {t("networkAdmin.link.export")}
              </a>
            </li>
          </ul>
        </section>
        <section className="card" aria-labelledby="mail-title">
          <h2 id="mail-title">{t("networkAdmin.mail")}</h2>
          <ul className="stat-list">
            <li>{t.plural("networkAdmin.count.waiting", counts.waiting)}</li>
            <li>
              {counts.failed > 0 ? (
                <strong>{t.plural("networkAdmin.count.failed", counts.failed)}</strong>
              ) : (
                t.plural("networkAdmin.count.failed", counts.failed)
              )}
            </li>
          </ul>
          <p>
            <Link to={`${base}/outbox`}>{t("networkAdmin.link.outbox")}</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="network-title">
          <h2 id="network-title">{t("networkAdmin.network")}</h2>
          <ul>
            <li>
              <Link to={`${base}/settings`}>{t("networkAdmin.link.settings")}</Link>
            </li>
            <li>
              <Link to={`${base}/statutes`}>{t("statutes.title")}</Link>
            </li>
            <li>
              <Link to={`${base}/audit`}>{t("networkAdmin.link.audit")}</Link>
            </li>
          </ul>
        </section>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
