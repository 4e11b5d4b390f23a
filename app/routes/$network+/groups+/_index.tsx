// The network's working groups: name, theme, how many member organisations, the next meeting the
// reader may see. Coordinators also find the archived groups and "create a group".
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getActor } from "#app/access/actor.server";
import { visibleMeetingsWhere } from "#app/access/meeting.server";
import { isCoordinator } from "#app/access/network";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { requireNetwork } from "#app/models/network.server";
import { formatMeetingStart } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { pageTitle } from "#app/utils/i18n";
import { groupPath, meetingPath } from "#app/utils/paths";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await getActor(request);
  const coordinator = isCoordinator(actor, network.id);
  const [groups, visible] = await Promise.all([
    prisma.workingGroup.findMany({
      // The comité d'accompagnement is a group of kind "committee": it has its own page (/committee).
      where: { networkId: network.id, kind: "working", ...(coordinator ? {} : { archivedAt: null }) },
      select: {
        id: true,
        slug: true,
        name: true,
        theme: true,
        joinPolicy: true,
        archivedAt: true,
        _count: { select: { memberships: { where: { status: "active" } } } },
      },
      orderBy: { name: "asc" },
    }),
    visibleMeetingsWhere(actor, network.id),
  ]);
  // One query for every group's next meeting: the earliest upcoming one per group.
  const upcoming = await prisma.meeting.findMany({
    where: { AND: [visible, { status: "scheduled", startsAt: { gte: now() } }] },
    orderBy: { startsAt: "asc" },
    distinct: ["groupId"],
    select: { id: true, groupId: true, title: true, startsAt: true },
  });
  const next = new Map(upcoming.map((m) => [m.groupId, m]));
  const rows = groups.map((g) => {
    const meeting = next.get(g.id);
    return {
      slug: g.slug,
      name: g.name,
      theme: g.theme,
      joinPolicy: g.joinPolicy,
      archived: !!g.archivedAt,
      memberCount: g._count.memberships,
      nextMeeting: meeting ? { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt.toISOString() } : null,
    };
  });
  return {
    network: { slug: network.slug, name: network.name },
    isCoordinator: coordinator,
    groups: rows.filter((g) => !g.archived),
    archived: rows.filter((g) => g.archived),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? t("groups.metaTitle", { network: data.network.name }) : undefined));

type Row = ReturnType<typeof useLoaderData<typeof loader>>["groups"][number];

function GroupTable({ rows, caption, networkSlug }: { rows: Row[]; caption: string; networkSlug: string }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="groups-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("groups.list.name")}</th>
            <th scope="col">{t("groups.list.theme")}</th>
            <th scope="col">{t("groups.list.members")}</th>
            <th scope="col">{t("groups.list.nextMeeting")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={g.slug}>
              <th scope="row">
                <Link to={groupPath({ networkSlug, groupSlug: g.slug })}>{g.name}</Link>
                {g.joinPolicy === "request" ? <span className="tag groups-tag">{t("groups.policy.request")}</span> : null}
              </th>
              <td>{g.theme || "—"}</td>
              <td>{t.plural("groups.memberCount", g.memberCount)}</td>
              <td>
                {g.nextMeeting ? (
                  <Link to={meetingPath({ networkSlug, meetingId: g.nextMeeting.id })}>
                    <time dateTime={g.nextMeeting.startsAt}>{formatMeetingStart(g.nextMeeting.startsAt, t.locale)}</time>
                  </Link>
                ) : (
                  t("groups.list.noMeeting")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function GroupsIndex() {
  const t = useT();
  const { network, isCoordinator, groups, archived } = useLoaderData<typeof loader>();
  const base = `/${network.slug}/groups`;
  return (
    <main id="main" className="page">
      <div className="groups-head">
        <h1>{t("groups.title")}</h1>
        {isCoordinator ? (
          <Link to={`${base}/new`} className="button">
            {t("groups.create")}
          </Link>
        ) : null}
      </div>
      <p className="lead">{t("groups.intro")}</p>
      {groups.length === 0 ? <p>{t("groups.none")}</p> : <GroupTable rows={groups} caption={t("groups.title")} networkSlug={network.slug} />}
      {archived.length ? (
        <section aria-labelledby="archived-title" className="groups-archived">
          <h2 id="archived-title">{t("groups.archivedTitle")}</h2>
          <GroupTable rows={archived} caption={t("groups.archivedTitle")} networkSlug={network.slug} />
        </section>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
