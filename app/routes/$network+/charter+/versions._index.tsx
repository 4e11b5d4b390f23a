// The history of the charter: every published version with its summary of changes and
// fingerprint, a link to compare them; coordinators also see the draft.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getActor } from "#app/access/actor.server";
import { isCoordinator } from "#app/access/network";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { requireNetwork } from "#app/models/network.server";
import { dateKey, formatDate } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { metaT } from "#app/utils/i18n";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const coordinator = isCoordinator(await getActor(request), network.id);
  const versions = await prisma.charterVersion.findMany({
    where: { networkId: network.id, ...(coordinator ? {} : { status: "published" }) },
    orderBy: { number: "desc" },
    select: {
      number: true,
      title: true,
      status: true,
      changeSummary: true,
      effectiveOn: true,
      publishedAt: true,
      adhesionDeadline: true,
      fingerprint: true,
      _count: { select: { adhesions: { where: { status: "valid" } } } },
    },
  });
  return {
    network: { slug: network.slug, name: network.name },
    isCoordinator: coordinator,
    versions: versions.map((v) => ({
      number: v.number,
      title: v.title,
      status: v.status,
      changeSummary: v.changeSummary,
      effectiveOn: dateKey(v.effectiveOn),
      adhesionDeadline: v.adhesionDeadline ? dateKey(v.adhesionDeadline) : null,
      fingerprint: v.fingerprint,
      signatures: v._count.adhesions,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaT(matches)("charter.versions.metaTitle", { network: data.network.name }) : "Maillage" },
];

export default function Versions() {
  const t = useT();
  const { network, isCoordinator, versions } = useLoaderData<typeof loader>();
  const base = `/${network.slug}/charter`;
  const published = versions.filter((v) => v.status === "published");
  return (
    <main id="main" className="page">
      <p>
        <Link to={base}>← {t("charter.backToCharter")}</Link>
      </p>
      <h1>{t("charter.versions.title")}</h1>
      {isCoordinator && !versions.some((v) => v.status === "draft") ? (
        <p>
          <Link className="button button--secondary" to={`${base}/versions/new`}>
            {t(published.length ? "charter.coordination.newVersion" : "charter.coordination.firstVersion")}
          </Link>
        </p>
      ) : null}
      {versions.length === 0 ? <p>{t("charter.none")}</p> : null}
      <ol className="version-list plain-list" reversed>
        {versions.map((v) => (
          <li key={v.number} className="card">
            <h2>
              <Link to={`${base}/versions/${v.number}`}>{t("charter.versions.item", { number: v.number, title: v.title })}</Link>
              {v.status === "draft" ? <span className="badge badge--warn">{t("charter.versions.draft")}</span> : null}
            </h2>
            <p>
              {t("charter.versions.effective", { date: formatDate(v.effectiveOn, t.locale) })}
              {v.adhesionDeadline ? ` · ${t("charter.versions.deadline", { date: formatDate(v.adhesionDeadline, t.locale) })}` : ""}
              {v.status === "published" ? ` · ${t.plural("charter.versions.signatures", v.signatures)}` : ""}
            </p>
            {v.changeSummary ? (
              <p>
                <strong>{t("charter.versions.changes")}</strong> {v.changeSummary}
              </p>
            ) : null}
            {v.status === "draft" && isCoordinator ? (
              <p>
                <Link to={`${base}/versions/${v.number}/edit`}>{t("charter.versions.editDraft")}</Link>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {published.length > 1 ? (
        <p>
          {/* The differences page has the form to compare any two versions. */}
          <Link className="button button--secondary" to={`${base}/diff?from=${published[1].number}&to=${published[0].number}`}>
            {t("charter.diff.compare")}
          </Link>
        </p>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
