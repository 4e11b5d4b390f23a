// The network's general assemblies, coming and past, with their status. Its insiders see them;
// drafts only its coordinators, who also find the link to a new assembly here.
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { formatMeetingStart } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { pageTitle } from "#app/utils/i18n";
import { assemblyPath } from "#app/utils/paths";

import { assemblyReader } from "./__assembly.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, coordinator } = await assemblyReader(request, params.network);
  const assemblies = await prisma.assembly.findMany({
    where: { networkId: network.id, ...(coordinator ? {} : { status: { not: "draft" } }) },
    select: { id: true, title: true, kind: true, status: true, startsAt: true },
    orderBy: { startsAt: "asc" },
  });
  const at = now();
  const view = assemblies.map((a) => ({ id: a.id, title: a.title, kind: a.kind, status: a.status, startsAt: a.startsAt.toISOString(), past: a.startsAt < at }));
  return {
    network: { slug: network.slug, name: network.name },
    coming: view.filter((a) => !a.past),
    past: view.filter((a) => a.past).reverse(),
    canConvene: coordinator,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${t("assembly.list.title")} — ${data.network.name}` : undefined));

type Row = ReturnType<typeof useLoaderData<typeof loader>>["coming"][number];

function AssemblyList({ items, networkSlug }: { items: Row[]; networkSlug: string }) {
  const t = useT();
  if (items.length === 0) return <p>{t("assembly.list.none")}</p>;
  return (
    <ul className="list">
      {items.map((a) => (
        <li key={a.id}>
          <Link to={assemblyPath(networkSlug, a.id)}>{a.title}</Link> — <time dateTime={a.startsAt}>{formatMeetingStart(a.startsAt, t.locale)}</time> —{" "}
          {t.pick("assembly.kind", a.kind)} — <span className="badge">{t.pick("assembly.status", a.status)}</span>
        </li>
      ))}
    </ul>
  );
}

export default function Assemblies() {
  const t = useT();
  const { network, coming, past, canConvene } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="page">
      <h1>{t("assembly.list.title")}</h1>
      <p className="lead">{t("assembly.list.intro")}</p>
      {canConvene ? (
        <p>
          <Link className="button" to={`/${network.slug}/assemblies/new`}>
            {t("assembly.list.new")}
          </Link>
        </p>
      ) : null}
      <section aria-labelledby="coming-title">
        <h2 id="coming-title">{t("assembly.list.coming")}</h2>
        <AssemblyList items={coming} networkSlug={network.slug} />
      </section>
      <section aria-labelledby="past-title">
        <h2 id="past-title">{t("assembly.list.past")}</h2>
        <AssemblyList items={past} networkSlug={network.slug} />
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
