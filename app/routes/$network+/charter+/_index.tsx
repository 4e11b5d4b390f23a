import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getActor } from "#app/access/actor.server";
import { canSignFor, canUploadAdhesionFor, canWithdraw } from "#app/access/charter";
import { isCoordinator } from "#app/access/network";
import { organisationsInNetworkOf } from "#app/access/network.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { membershipStatuses } from "#app/models/adhesion.server";
import { currentVersion } from "#app/models/charter.server";
import { requireNetwork } from "#app/models/network.server";
import { dateKey, formatDate } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { sanitizeRichText } from "#app/utils/rich-text.server";

import { CharterText, Fingerprint, MembershipBadge, MembershipSentence } from "./__charter";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await getActor(request);
  const coordinator = isCoordinator(actor, network.id);
  const [version, draft, versionCount] = await Promise.all([
    currentVersion(network.id),
    coordinator ? prisma.charterVersion.findFirst({ where: { networkId: network.id, status: "draft" }, select: { number: true } }) : null,
    prisma.charterVersion.count({ where: { networkId: network.id, status: "published" } }),
  ]);
  // The person's own organisations in this network, with what they may do for each.
  const mine = await organisationsInNetworkOf(actor, network.id);
  const statuses = await membershipStatuses(
    network.id,
    mine.map((o) => o.id),
  );
  return {
    network: { slug: network.slug, name: network.name },
    version: version
      ? {
          number: version.number,
          title: version.title,
          body: sanitizeRichText(version.body),
          effectiveOn: dateKey(version.effectiveOn),
          fingerprint: version.fingerprint,
          adhesionDeadline: version.adhesionDeadline ? dateKey(version.adhesionDeadline) : null,
        }
      : null,
    versionCount,
    draftNumber: draft?.number ?? null,
    isCoordinator: coordinator,
    organisations: mine.map((o) => ({
      slug: o.slug,
      name: o.name,
      status: statuses.get(o.id)!,
      canSign: canSignFor(actor, o.id),
      canUpload: canUploadAdhesionFor(actor, network.id, o.id),
      canWithdraw: canWithdraw(actor, o.id),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.version ? `${data.version.title} — ${data.network.name}` : "Maillage" }];

export default function CharterPage() {
  const t = useT();
  const { network, version, versionCount, draftNumber, isCoordinator, organisations } = useLoaderData<typeof loader>();
  const base = `/${network.slug}/charter`;
  return (
    <main id="main" className="page charter-page">
      <h1>{version ? version.title : t("charter.title")}</h1>
      {version ? (
        <p className="lead">{t("charter.versionLine", { number: version.number, date: formatDate(version.effectiveOn, t.locale) })}</p>
      ) : (
        <p className="lead">{t("charter.none")}</p>
      )}

      {organisations.length ? (
        <section className="card charter-mine" aria-labelledby="charter-mine-title">
          <h2 id="charter-mine-title">{t(organisations.length > 1 ? "charter.mine.titleMany" : "charter.mine.title")}</h2>
          <ul className="plain-list">
            {organisations.map((o) => {
              const needsSignature = o.status.kind !== "member" && !o.status.pendingPaper;
              const active = o.status.kind === "member" || o.status.kind === "to_renew";
              return (
                <li key={o.slug} className="charter-mine__org">
                  <p>
                    <strong>{o.name}</strong> <MembershipBadge status={o.status} />
                  </p>
                  <p>
                    <MembershipSentence status={o.status} />
                  </p>
                  {version && needsSignature && (o.canSign || o.canUpload) ? (
                    <p className="cluster">
                      {o.canSign ? (
                        <Link className="button" to={`${base}/sign?org=${o.slug}`}>
                          {t("charter.mine.sign")}
                        </Link>
                      ) : null}
                      {o.canUpload ? <Link to={`${base}/upload?org=${o.slug}`}>{t("charter.mine.upload")}</Link> : null}
                    </p>
                  ) : null}
                  {version && !o.canSign && needsSignature ? <p className="hint">{t("charter.mine.onlySigners")}</p> : null}
                  {active && o.canWithdraw ? (
                    <p>
                      <Link to={`${base}/withdraw?org=${o.slug}`}>{t("charter.mine.withdraw")}</Link>
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {isCoordinator ? (
        <section className="card" aria-labelledby="charter-coordination-title">
          <h2 id="charter-coordination-title">{t("charter.coordination.title")}</h2>
          <ul className="cluster plain-list">
            <li>
              {draftNumber ? (
                <Link to={`${base}/versions/${draftNumber}/edit`}>{t("charter.coordination.continueDraft", { number: draftNumber })}</Link>
              ) : (
                <Link to={`${base}/versions/new`}>{t(version ? "charter.coordination.newVersion" : "charter.coordination.firstVersion")}</Link>
              )}
            </li>
            <li>
              <Link to={`/${network.slug}/admin/adhesions`}>{t("charter.coordination.adhesions")}</Link>
            </li>
            <li>
              <Link to={`/${network.slug}/admin/join-requests`}>{t("charter.coordination.joinRequests")}</Link>
            </li>
          </ul>
        </section>
      ) : null}

      {version ? (
        <>
          <nav aria-label={t("charter.links")} className="charter-links">
            <ul className="cluster plain-list">
              <li>
                <a href={`${base}/pdf`} download>
                  {t("charter.downloadPdf")}
                </a>
              </li>
              <li>
                <Link to={`${base}/signatories`}>{t("charter.signatoriesLink")}</Link>
              </li>
              <li>
                <Link to={`${base}/versions`}>{t.plural("charter.historyLink", versionCount)}</Link>
              </li>
              {organisations.length === 0 ? (
                <li>
                  <Link to={`${base}/join`}>{t("charter.joinLink")}</Link>
                </li>
              ) : null}
            </ul>
          </nav>
          <article aria-labelledby="charter-text-title" className="charter-article">
            <h2 id="charter-text-title" className="visually-hidden">
              {t("charter.textTitle")}
            </h2>
            <CharterText html={version.body} />
            <Fingerprint value={version.fingerprint} />
          </article>
        </>
      ) : (
        <p>
          <Link to={`${base}/join`}>{t("charter.joinLink")}</Link>
        </p>
      )}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
