// The open action items across the working groups. A delegate sees what their organisations
// still have to do (and may narrow to one of them); a coordinator sees every open action of the
// network, filtered by group or organisation. Overdue actions come first and are flagged. Each
// action links to the minutes of the meeting that decided it, where its status is changed.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";

import { requireActor } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { isCoordinator } from "#app/access/network";
import { organisationsInNetworkOf } from "#app/access/network.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { FieldError } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { pageParam, Pagination } from "#app/components/pagination";
import { openActions, organisationsWithOpenActions } from "#app/models/action-overview.server";
import { requireNetwork } from "#app/models/network.server";
import { formatDate, regionalInstantFormat, todayInBrussels } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { forbidden } from "#app/utils/errors.server";
import { metaT } from "#app/utils/i18n";
import { groupPath, meetingPath } from "#app/utils/paths";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await requireActor(request);
  const coordinator = isCoordinator(actor, network.id);
  const mine = await organisationsInNetworkOf(actor, network.id);
  // Only people with a seat in the network: its coordinators and its organisations' delegates.
  if (!can(actor, "network.seeInside", { networkId: network.id, delegatesHere: mine.length > 0 })) forbidden();

  const url = new URL(request.url);
  const orgSlug = (url.searchParams.get("org") ?? "").trim();
  const groupSlug = (url.searchParams.get("group") ?? "").trim();
  const [organisations, groups, chosen] = await Promise.all([
    coordinator ? organisationsWithOpenActions(network.id) : Promise.resolve(mine),
    prisma.workingGroup.findMany({ where: { networkId: network.id }, select: { id: true, slug: true, name: true }, orderBy: { name: "asc" } }),
    // A coordinator may name any organisation of the network, even one with nothing left to do.
    coordinator && orgSlug
      ? prisma.organisation.findFirst({ where: { slug: orgSlug, networks: { some: { networkId: network.id } } }, select: { id: true, slug: true, name: true } })
      : Promise.resolve(null),
  ]);
  if (chosen && !organisations.some((o) => o.id === chosen.id)) organisations.push(chosen);
  const org = orgSlug ? organisations.find((o) => o.slug === orgSlug) : undefined;
  const group = groupSlug ? groups.find((g) => g.slug === groupSlug) : undefined;
  const errors: Partial<Record<"org" | "group", string>> = {};
  if (orgSlug && !org) errors.org = "actions.error.unknownOrganisation";
  if (groupSlug && !group) errors.group = "actions.error.unknownGroup";
  const invalid = Object.keys(errors).length > 0;

  const today = todayInBrussels(now());
  const organisationIds = org ? [org.id] : coordinator ? null : mine.map((o) => o.id);
  const found = invalid
    ? { items: [], total: 0, overdue: 0, page: 1, pages: 1 }
    : await openActions({ networkId: network.id, organisationIds, groupId: group?.id }, today, pageParam(url));
  return data(
    {
      network: { slug: network.slug, name: network.name },
      coordinator,
      organisations: organisations.map((o) => ({ slug: o.slug, name: o.name })),
      groups: groups.map((g) => ({ slug: g.slug, name: g.name })),
      query: { org: orgSlug, group: groupSlug },
      errors,
      ...found,
    },
    { status: invalid ? 400 : 200 },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  return [{ title: data ? `${t("actions.metaTitle", { network: data.network.name })} — Maillage` : "Maillage" }];
};

function meetingDay(value: string | Date, locale: string) {
  return regionalInstantFormat(locale, { day: "numeric", month: "long", year: "numeric" }).format(new Date(value));
}

export default function Actions() {
  const t = useT();
  const { network, coordinator, organisations, groups, query, errors, items, total, overdue, page, pages } = useLoaderData<typeof loader>();
  const location = useLocation();
  const base = `/${network.slug}/actions`;
  const described = (name: "org" | "group") => (errors[name] ? { "aria-invalid": true, "aria-describedby": `actions-${name}-error` } : {});
  return (
    <main id="main" className="page actions-page">
      <h1>{t("actions.title")}</h1>
      <p className="lead">{coordinator ? t("actions.introCoordinator") : t("actions.intro")}</p>
      <p>
        <Link to={`/${network.slug}/minutes`}>{t("actions.searchLink")}</Link>
      </p>
      <Form method="get" action={base} className="filters card actions-filters" aria-label={t("actions.formLabel")} key={location.search}>
        <div className={`field${errors.org ? " field--invalid" : ""}`}>
          <label htmlFor="actions-org">{t("actions.organisation")}</label>
          <select id="actions-org" name="org" defaultValue={query.org} {...described("org")}>
            <option value="">{coordinator ? t("actions.allOrganisations") : t("actions.allMine")}</option>
            {organisations.map((o) => (
              <option key={o.slug} value={o.slug}>
                {o.name}
              </option>
            ))}
          </select>
          <FieldError id="actions-org-error" errors={errors.org ? [errors.org] : undefined} />
        </div>
        <div className={`field${errors.group ? " field--invalid" : ""}`}>
          <label htmlFor="actions-group">{t("actions.group")}</label>
          <select id="actions-group" name="group" defaultValue={query.group} {...described("group")}>
            <option value="">{t("actions.allGroups")}</option>
            {groups.map((g) => (
              <option key={g.slug} value={g.slug}>
                {g.name}
              </option>
            ))}
          </select>
          <FieldError id="actions-group-error" errors={errors.group ? [errors.group] : undefined} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            {t("actions.submit")}
          </button>
          {query.org || query.group ? <Link to={base}>{t("actions.reset")}</Link> : null}
        </div>
      </Form>
      <h2 id="actions-count">
        {t.plural("actions.count", total)}
        {overdue ? <span className="actions-overdue-count"> ({t.plural("actions.overdueCount", overdue)})</span> : null}
      </h2>
      {items.length === 0 ? (
        <p>{t("actions.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="actions-table" aria-labelledby="actions-count">
            <thead>
              <tr>
                <th scope="col">{t("actions.what")}</th>
                <th scope="col">{t("actions.who")}</th>
                <th scope="col">{t("actions.due")}</th>
                <th scope="col">{t("actions.meeting")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} className={item.overdue ? "actions-row--overdue" : undefined}>
                  <td>{item.what}</td>
                  <td>
                    {item.organisation ? (
                      <Link to={`/${network.slug}/organisations/${item.organisation.slug}`}>{item.organisation.name}</Link>
                    ) : (
                      <span className="muted">{t("actions.noOrganisation")}</span>
                    )}
                  </td>
                  <td>
                    {item.dueOn ? <time dateTime={item.dueOn}>{formatDate(item.dueOn, t.locale)}</time> : <span className="muted">{t("actions.noDue")}</span>}
                    {item.overdue ? (
                      <>
                        {" "}
                        <span className="badge badge--overdue">{t("actions.overdue")}</span>
                      </>
                    ) : item.dueToday ? (
                      <>
                        {" "}
                        <span className="badge badge--warn">{t("actions.dueToday")}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <Link to={groupPath({ networkSlug: network.slug, groupSlug: item.group.slug })}>{item.group.name}</Link>
                    <br />
                    <Link to={meetingPath({ networkSlug: network.slug, meetingId: item.meeting.id }, "minutes")}>
                      {t("actions.minutesLink", { date: meetingDay(item.meeting.startsAt, t.locale) })}
                    </Link>
                  </td>
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
