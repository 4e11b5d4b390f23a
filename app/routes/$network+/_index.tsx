import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getActor } from "#app/access/actor.server";
import { isCoordinator } from "#app/access/network";
import { organisationsInNetworkOf } from "#app/access/network.server";
import { MeetingSummary } from "#app/components/calendar-meeting";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { membershipCounts } from "#app/models/adhesion.server";
import { upcomingMeetings } from "#app/models/calendar.server";
import { requireNetwork } from "#app/models/network.server";
import { instantFormat } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await getActor(request);
  const [counts, recent, mine, nextMeetings] = await Promise.all([
    membershipCounts(network.id),
    prisma.organisation.findMany({
      where: { networks: { some: { networkId: network.id } } },
      orderBy: { updatedAt: "desc" },
      take: 5,
      select: { slug: true, name: true, commune: true, updatedAt: true },
    }),
    organisationsInNetworkOf(actor, network.id),
    upcomingMeetings(actor, network.id, { at: now(), take: 5 }),
  ]);
  return {
    network: { slug: network.slug, name: network.name, description: network.description, themes: network.themes },
    memberCount: counts.members,
    directoryCount: counts.inDirectory,
    recent: recent.map((o) => ({ ...o, updatedAt: o.updatedAt.toISOString() })),
    mine,
    nextMeetings: nextMeetings.meetings,
    isCoordinator: isCoordinator(actor, network.id),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.network.name} — Maillage` : "Maillage" }];

export default function NetworkHome() {
  const t = useT();
  const { network, memberCount, directoryCount, recent, mine, nextMeetings, isCoordinator } = useLoaderData<typeof loader>();
  const dateFormat = instantFormat(t.locale, { dateStyle: "long" });
  return (
    <main id="main" className="page">
      <h1>{network.name}</h1>
      {network.description ? <p className="lead">{network.description}</p> : null}
      {isCoordinator ? (
        <p className="notice">
          {t("network.youCoordinate")} <Link to={`/${network.slug}/admin`}>{t("nav.admin")}</Link>
        </p>
      ) : null}
      <div className="grid">
        <section className="card" aria-labelledby="members-title">
          <h2 id="members-title">{t("network.members")}</h2>
          <p className="lead">{t.plural("network.memberCount", memberCount)}</p>
          {directoryCount !== memberCount ? <p>{t.plural("network.directoryCount", directoryCount)}</p> : null}
          <p>
            <Link to={`/${network.slug}/organisations`}>{t("network.membersLink")}</Link>
          </p>
        </section>
        {network.themes.length ? (
          <section className="card" aria-labelledby="themes-title">
            <h2 id="themes-title">{t("network.themes")}</h2>
            <ul className="cluster" style={{ listStyle: "none", padding: 0 }}>
              {network.themes.map((theme) => (
                <li key={theme}>
                  <Link className="tag" to={`/${network.slug}/organisations?theme=${encodeURIComponent(theme)}`}>
                    {theme}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {mine.length ? (
          <section className="card" aria-labelledby="mine-title">
            <h2 id="mine-title">{t("network.yourOrganisations")}</h2>
            <ul>
              {mine.map((o) => (
                <li key={o.slug}>
                  <Link to={`/${network.slug}/organisations/${o.slug}`}>{o.name}</Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
      <section aria-labelledby="next-meetings-title" className="network-next-meetings">
        <h2 id="next-meetings-title">{t("calendar.home.title")}</h2>
        {nextMeetings.length === 0 ? (
          <p>{t("calendar.home.none")}</p>
        ) : (
          <ul className="result-list">
            {nextMeetings.map((m) => (
              <li key={m.id}>
                <MeetingSummary meeting={m} showDay />
              </li>
            ))}
          </ul>
        )}
        <p className="cluster">
          <Link to={`/${network.slug}/calendar`}>{t("calendar.home.link")}</Link>
          {mine.length > 0 || isCoordinator ? <Link to={`/${network.slug}/actions`}>{t("search.actionsLink")}</Link> : null}
        </p>
      </section>
      <section aria-labelledby="recent-title">
        <h2 id="recent-title">{t("network.recent")}</h2>
        {recent.length === 0 ? (
          <p>{t("network.noRecent")}</p>
        ) : (
          <ul>
            {recent.map((o) => (
              <li key={o.slug}>
                <Link to={`/${network.slug}/organisations/${o.slug}`}>{o.name}</Link>
                {o.commune ? ` — ${o.commune}` : ""} <span className="muted">({dateFormat.format(new Date(o.updatedAt))})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
