// One version of the charter as it was published (frozen), or the draft for coordinators.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getActor } from "#app/access/actor.server";
import { isCoordinator } from "#app/access/network";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { requireNetwork } from "#app/models/network.server";
import { dateKey, formatDate } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { invariantResponse } from "#app/utils/errors.server";
import { sanitizeRichText } from "#app/utils/rich-text.server";

import { CharterText, Fingerprint } from "./__charter";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const number = /^\d{1,6}$/.test(params.number ?? "") ? Number(params.number) : NaN;
  invariantResponse(Number.isFinite(number), "error.notFound", 404);
  const coordinator = isCoordinator(await getActor(request), network.id);
  const version = await prisma.charterVersion.findUnique({
    where: { networkId_number: { networkId: network.id, number } },
    select: {
      number: true,
      title: true,
      body: true,
      status: true,
      changeSummary: true,
      effectiveOn: true,
      publishedAt: true,
      adhesionDeadline: true,
      fingerprint: true,
    },
  });
  // A draft exists only for the coordination.
  invariantResponse(version && (version.status === "published" || coordinator), "error.notFound", 404);
  const latest = await prisma.charterVersion.findFirst({
    where: { networkId: network.id, status: "published" },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  const previous = await prisma.charterVersion.findFirst({
    where: { networkId: network.id, status: "published", number: { lt: number } },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  return {
    network: { slug: network.slug, name: network.name },
    isCoordinator: coordinator,
    isCurrent: latest?.number === version.number,
    previousNumber: version.status === "published" ? (previous?.number ?? null) : null,
    version: {
      number: version.number,
      title: version.title,
      body: sanitizeRichText(version.body),
      status: version.status,
      changeSummary: version.changeSummary,
      effectiveOn: dateKey(version.effectiveOn),
      adhesionDeadline: version.adhesionDeadline ? dateKey(version.adhesionDeadline) : null,
      fingerprint: version.fingerprint,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.version.title} (${data.version.number}) — ${data.network.name}` : "Maillage" },
];

export default function VersionPage() {
  const t = useT();
  const { network, isCoordinator, isCurrent, previousNumber, version } = useLoaderData<typeof loader>();
  const base = `/${network.slug}/charter`;
  return (
    <main id="main" className="page charter-page">
      <p>
        <Link to={`${base}/versions`}>← {t("charter.versions.title")}</Link>
      </p>
      <h1>
        {version.title} <span className="h1-sub">{t("charter.versions.number", { number: version.number })}</span>
      </h1>
      {version.status === "draft" ? (
        <p className="notice">
          {t("charter.versions.draftNotice")}{" "}
          {isCoordinator ? <Link to={`${base}/versions/${version.number}/edit`}>{t("charter.versions.editDraft")}</Link> : null}
        </p>
      ) : (
        <p className="lead">
          {t("charter.versions.effective", { date: formatDate(version.effectiveOn, t.locale) })}
          {isCurrent ? ` · ${t("charter.versions.current")}` : ` · ${t("charter.versions.superseded")}`}
        </p>
      )}
      {version.changeSummary ? (
        <p>
          <strong>{t("charter.versions.changes")}</strong> {version.changeSummary}
        </p>
      ) : null}
      <ul className="cluster plain-list">
        {previousNumber ? (
          <li>
            <Link to={`${base}/diff?from=${previousNumber}&to=${version.number}`}>{t("charter.versions.diffWithPrevious", { number: previousNumber })}</Link>
          </li>
        ) : null}
        <li>
          <a href={`${base}/versions/${version.number}/pdf`} download>
            {t("charter.versions.pdf", { number: version.number })}
          </a>
        </li>
      </ul>
      <article aria-label={version.title} className="charter-article">
        <CharterText html={version.body} />
        <Fingerprint value={version.fingerprint} />
      </article>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
