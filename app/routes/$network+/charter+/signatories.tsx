// The public list of signatory organisations, grouped by kind like the list at the end of a
// printed charter, with the date of the adhesion that counts today.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { signatories } from "#app/models/adhesion.server";
import { currentVersion } from "#app/models/charter.server";
import { requireNetwork } from "#app/models/network.server";
import { formatDate } from "#app/utils/brussels-time";
import { metaT } from "#app/utils/i18n";

export async function loader({ params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const [version, list] = await Promise.all([currentVersion(network.id), signatories(network.id)]);
  const groups: { kind: string; organisations: typeof list }[] = [];
  for (const s of list) {
    const last = groups[groups.length - 1];
    if (last?.kind === s.kind) last.organisations.push(s);
    else groups.push({ kind: s.kind, organisations: [s] });
  }
  return { network: { slug: network.slug, name: network.name }, versionNumber: version?.number ?? null, total: list.length, groups };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? metaT(matches)("charter.signatories.metaTitle", { network: data.network.name }) : "Maillage" },
];

export default function Signatories() {
  const t = useT();
  const { network, versionNumber, total, groups } = useLoaderData<typeof loader>();
  const base = `/${network.slug}`;
  return (
    <main id="main" className="page">
      <p>
        <Link to={`${base}/charter`}>← {t("charter.backToCharter")}</Link>
      </p>
      <h1>{t("charter.signatories.title")}</h1>
      <p className="lead">{versionNumber ? t.plural("charter.signatories.count", total, { number: versionNumber }) : t("charter.none")}</p>
      {groups.map((g) => (
        <section key={g.kind} aria-labelledby={`kind-${g.kind}`} className="signatory-group">
          <h2 id={`kind-${g.kind}`}>{t.pick("org.kind", g.kind)}</h2>
          <ul className="signatory-list">
            {g.organisations.map((o) => (
              <li key={o.id}>
                <Link to={`${base}/organisations/${o.slug}`}>{o.name}</Link>
                {o.commune ? <span className="muted"> — {o.commune}</span> : null}
                <span className="muted">
                  {" "}
                  ·{" "}
                  {t(o.versionNumber === versionNumber ? "charter.signatories.since" : "charter.signatories.sinceOld", {
                    date: formatDate(o.signedOn, t.locale),
                    number: o.versionNumber,
                  })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
