// The group's page: its purpose, its next meetings, its member organisations, the minutes the
// reader may read, the open action items (for the group's readers) and the turnout over its last
// twelve meetings. What each reader sees is decided by app/access/.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getActor } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { groupAccess } from "#app/access/group.server";
import { visibleMeetingsWhere } from "#app/access/meeting.server";
import { visibleMinutesWhere } from "#app/access/minutes.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { TurnoutChart, type TurnoutPoint } from "#app/components/turnout-chart";
import { organisationsOfActor, requireGroup } from "#app/models/groups.server";
import { requireNetwork } from "#app/models/network.server";
import { dateKey, formatDate, formatMeetingStart, todayInBrussels } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { pageTitle } from "#app/utils/i18n";
import { groupPath, meetingPath, newMeetingPath } from "#app/utils/paths";

import { Paragraphs } from "./__group-form";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const ref = await requireGroup(network.id, params.group);
  const actor = await getActor(request);
  const [access, meetingsWhere, minutesWhere] = await Promise.all([
    groupAccess(actor, ref),
    visibleMeetingsWhere(actor, network.id),
    visibleMinutesWhere(actor, network.id),
  ]);
  const at = now();
  const [group, members, pendingCount, upcoming, minutes, actions, past, mine] = await Promise.all([
    prisma.workingGroup.findUniqueOrThrow({
      where: { id: ref.id },
      select: {
        name: true,
        slug: true,
        theme: true,
        description: true,
        joinPolicy: true,
        archivedAt: true,
        facilitators: { select: { user: { select: { name: true } } }, orderBy: { user: { name: "asc" } } },
      },
    }),
    prisma.groupMembership.findMany({
      where: { groupId: ref.id, status: "active" },
      select: { organisation: { select: { slug: true, name: true, commune: true } } },
      orderBy: { organisation: { name: "asc" } },
    }),
    access.canManage ? prisma.groupMembership.count({ where: { groupId: ref.id, status: "pending" } }) : Promise.resolve(0),
    prisma.meeting.findMany({
      where: { AND: [meetingsWhere, { groupId: ref.id, status: "scheduled", endsAt: { gte: at } }] },
      orderBy: { startsAt: "asc" },
      take: 5,
      select: { id: true, title: true, startsAt: true, place: true, videoUrl: true, isPublic: true },
    }),
    prisma.minutes.findMany({
      where: { AND: [minutesWhere, { meeting: { groupId: ref.id } }] },
      orderBy: { meeting: { startsAt: "desc" } },
      take: 12,
      select: { id: true, publishedAt: true, visibility: true, meeting: { select: { id: true, title: true, startsAt: true } } },
    }),
    access.isGroupReader
      ? prisma.actionItem.findMany({
          where: { groupId: ref.id, status: "open" },
          orderBy: [{ dueOn: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
          take: 50,
          select: { id: true, what: true, dueOn: true, organisation: { select: { name: true } }, meeting: { select: { id: true, title: true } } },
        })
      : Promise.resolve([]),
    // Twelve last past meetings whose attendance was taken, among those the reader may see.
    prisma.meeting.findMany({
      where: { AND: [meetingsWhere, { groupId: ref.id, status: "scheduled", startsAt: { lt: at }, attendance: { some: {} } }] },
      orderBy: { startsAt: "desc" },
      take: 12,
      select: { id: true, title: true, startsAt: true },
    }),
    organisationsOfActor(actor, ref),
  ]);
  const counts = past.length
    ? await prisma.attendance.groupBy({ by: ["meetingId", "status"], where: { meetingId: { in: past.map((m) => m.id) } }, _count: { _all: true } })
    : [];
  const turnout: TurnoutPoint[] = past
    .slice()
    .reverse()
    .map((m) => {
      const of = (status: string) => counts.find((c) => c.meetingId === m.id && c.status === status)?._count._all ?? 0;
      return { meetingId: m.id, title: m.title, startsAt: m.startsAt.toISOString(), present: of("present"), excused: of("excused"), absent: of("absent") };
    });
  return {
    network: { slug: network.slug, name: network.name },
    group: {
      slug: group.slug,
      name: group.name,
      theme: group.theme,
      description: group.description,
      joinPolicy: group.joinPolicy,
      archived: !!group.archivedAt,
      facilitators: group.facilitators.map((f) => f.user.name),
    },
    access: { canManage: access.canManage, isCoordinator: access.isCoordinator, isGroupReader: access.isGroupReader, isInsider: access.isInsider },
    members: members.map((m) => m.organisation),
    pendingCount,
    upcoming: upcoming.map((m) => ({ ...m, startsAt: m.startsAt.toISOString() })),
    minutes: minutes.map((m) => ({
      id: m.id,
      visibility: m.visibility,
      meetingId: m.meeting.id,
      title: m.meeting.title,
      startsAt: m.meeting.startsAt.toISOString(),
    })),
    actions: actions.map((a) => ({
      id: a.id,
      what: a.what,
      dueOn: a.dueOn ? dateKey(a.dueOn) : null,
      organisation: a.organisation?.name ?? null,
      meeting: a.meeting,
    })),
    turnout,
    mine: mine.map((o) => ({ name: o.name, isMember: o.isMember, groupStatus: o.groupStatus })),
    showMembersPage: can(actor, "group.openMembersPage", { access, organisationsHere: mine.length }),
    today: todayInBrussels(at),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, () => (data ? `${data.group.name} — ${data.network.name}` : undefined));

export default function GroupPage() {
  const t = useT();
  const { network, group, access, members, pendingCount, upcoming, minutes, actions, turnout, mine, showMembersPage, today } = useLoaderData<typeof loader>();
  const groupRef = { networkSlug: network.slug, groupSlug: group.slug };
  return (
    <main id="main" className="page group-page">
      <p>
        <Link to={`/${network.slug}/groups`}>← {t("groups.backToList")}</Link>
      </p>
      <div className="groups-head">
        <h1>{group.name}</h1>
        <ul className="cluster groups-actions" aria-label={t("groups.page.actions")}>
          {access.canManage && !group.archived ? (
            <li>
              <Link to={newMeetingPath(network.slug, group.slug)} className="button">
                {t("groups.page.schedule")}
              </Link>
            </li>
          ) : null}
          {showMembersPage ? (
            <li>
              <Link to={groupPath(groupRef, "members")} className="button button--secondary">
                {access.canManage && pendingCount ? t.plural("groups.page.membersPending", pendingCount) : t("groups.page.membersLink")}
              </Link>
            </li>
          ) : null}
          {access.isCoordinator ? (
            <li>
              <Link to={groupPath(groupRef, "edit")} className="button button--secondary">
                {t("groups.page.edit")}
              </Link>
            </li>
          ) : null}
        </ul>
      </div>
      {group.archived ? <p className="notice">{t("groups.page.archived")}</p> : null}
      <p className="groups-facts">
        {group.theme ? <span className="tag">{group.theme}</span> : null} <span>{t.pick("groups.policy", group.joinPolicy)}</span>
      </p>
      {mine.length ? (
        <ul className="groups-mine">
          {mine.map((o) => (
            <li key={o.name}>
              {o.groupStatus === "active"
                ? t("groups.page.youAreMember", { organisation: o.name })
                : o.groupStatus === "pending"
                  ? t("groups.page.youArePending", { organisation: o.name })
                  : o.isMember
                    ? t(group.joinPolicy === "open" ? "groups.page.youCanJoin" : "groups.page.youCanAsk", { organisation: o.name })
                    : t("groups.page.notCharterMember", { organisation: o.name })}
            </li>
          ))}
        </ul>
      ) : null}

      <section aria-labelledby="purpose-title" className="group-section">
        <h2 id="purpose-title">{t("groups.page.purpose")}</h2>
        {group.description ? <Paragraphs text={group.description} /> : <p>{t("groups.page.noDescription")}</p>}
        <p>
          <strong>{t("groups.page.facilitators")}</strong> {group.facilitators.length ? group.facilitators.join(", ") : t("groups.page.noFacilitator")}
        </p>
      </section>

      <div className="grid">
        <section aria-labelledby="meetings-title" className="card group-section">
          <h2 id="meetings-title">{t("groups.page.nextMeetings")}</h2>
          {upcoming.length === 0 ? (
            <p>{access.isInsider ? t("groups.page.noMeeting") : t("groups.page.noPublicMeeting")}</p>
          ) : (
            <ul className="groups-list">
              {upcoming.map((m) => (
                <li key={m.id}>
                  <Link to={meetingPath({ networkSlug: network.slug, meetingId: m.id })}>{m.title}</Link>
                  <br />
                  <time dateTime={m.startsAt}>{formatMeetingStart(m.startsAt, t.locale)}</time>
                  {m.place ? (
                    <span className="groups-muted"> — {m.place}</span>
                  ) : m.videoUrl ? (
                    <span className="groups-muted"> — {t("groups.page.online")}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="members-title" className="card group-section">
          <h2 id="members-title">{t.plural("groups.page.membersTitle", members.length)}</h2>
          {members.length === 0 ? (
            <p>{t("groups.page.noMembers")}</p>
          ) : (
            <ul className="groups-list groups-list--columns">
              {members.map((o) => (
                <li key={o.slug}>
                  <Link to={`/${network.slug}/organisations/${o.slug}`}>{o.name}</Link>
                  {o.commune ? <span className="groups-muted"> ({o.commune})</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="minutes-title" className="group-section">
        <h2 id="minutes-title">{t("groups.page.minutes")}</h2>
        {minutes.length === 0 ? (
          <p>{t("groups.page.noMinutes")}</p>
        ) : (
          <ul className="groups-list">
            {minutes.map((m) => (
              <li key={m.id}>
                <Link to={meetingPath({ networkSlug: network.slug, meetingId: m.meetingId }, "minutes")}>
                  {t("groups.page.minutesOf", { title: m.title, date: formatDate(m.startsAt, t.locale) })}
                </Link>{" "}
                <span className="groups-muted">({t.pick("groups.visibility", m.visibility ?? "group")})</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {access.isGroupReader ? (
        <section aria-labelledby="actions-title" className="group-section">
          <h2 id="actions-title">{t("groups.page.actionsTitle")}</h2>
          {actions.length === 0 ? (
            <p>{t("groups.page.noActions")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("groups.page.actionWhat")}</th>
                    <th scope="col">{t("groups.page.actionWho")}</th>
                    <th scope="col">{t("groups.page.actionDue")}</th>
                    <th scope="col">{t("groups.page.actionMeeting")}</th>
                  </tr>
                </thead>
                <tbody>
                  {actions.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">{a.what}</th>
                      <td>{a.organisation ?? "—"}</td>
                      <td>
                        {a.dueOn ? (
                          <>
                            <time dateTime={a.dueOn}>{formatDate(a.dueOn, t.locale)}</time>
                            {a.dueOn < today ? <span className="groups-late"> {t("groups.page.late")}</span> : null}
                          </>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td>
                        <Link to={meetingPath({ networkSlug: network.slug, meetingId: a.meeting.id })}>{a.meeting.title}</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      <section aria-labelledby="turnout-title" className="group-section">
        <h2 id="turnout-title">{t("groups.turnout.title")}</h2>
        <TurnoutChart points={turnout} />
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
