import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { getActor } from "#app/access/actor.server";
import { isNetworkInsider } from "#app/access/network.server";
import { canEditOrganisation } from "#app/access/organisation";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { MembershipBadge, MembershipSentence } from "#app/components/membership";
import { membershipStatus } from "#app/models/adhesion.server";
import { requireNetwork } from "#app/models/network.server";
import { organisationFullSelect, requireNetworkOrganisation } from "#app/models/organisation.server";
import { brusselsWeekMinute, formatMinutes } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { pageTitle } from "#app/utils/i18n";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const { id } = await requireNetworkOrganisation(network.id, params.org);
  const actor = await getActor(request);
  const [org, insider, membership] = await Promise.all([
    prisma.organisation.findUniqueOrThrow({
      where: { id },
      select: organisationFullSelect,
    }),
    isNetworkInsider(actor, network.id),
    membershipStatus(network.id, id),
  ]);
  // Members-only values never leave the server for a visitor: the page only learns that they exist.
  const shown = <V,>(value: V, isPublic: boolean) => (isPublic || insider ? value : null);
  const hasAddress = Boolean(org.street || org.postalCode || org.commune);
  const { weekday, minutes } = brusselsWeekMinute(now());
  return {
    network: { slug: network.slug, name: network.name },
    org: {
      slug: org.slug,
      name: org.name,
      shortName: org.shortName,
      kind: org.kind,
      description: org.description,
      themes: org.themes,
      languages: org.languages,
      hours: org.hours,
      // The commune stays public: the directory lists it and filters on it.
      commune: org.commune,
      street: shown(org.street, org.addressPublic),
      postalCode: shown(org.postalCode, org.addressPublic),
      coordinates: org.latitude != null && org.longitude != null ? shown({ lat: org.latitude, lon: org.longitude }, org.addressPublic) : null,
      phone: shown(org.phone, org.phonePublic),
      email: shown(org.email, org.emailPublic),
      website: shown(org.website, org.websitePublic),
    },
    hidden: {
      address: hasAddress && !org.addressPublic && !insider,
      phone: Boolean(org.phone) && !org.phonePublic && !insider,
      email: Boolean(org.email) && !org.emailPublic && !insider,
      website: Boolean(org.website) && !org.websitePublic && !insider,
    },
    // Why an organisation left or was suspended is for the network's members, not the public.
    membership: insider ? membership : { ...membership, reason: null },
    openNow: org.hours.some((h) => h.weekday === weekday && h.opensAt <= minutes && minutes < h.closesAt),
    canEdit: canEditOrganisation(actor, network.id, id),
    signedIn: Boolean(actor),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, () => (data ? `${data.org.name} — ${data.network.name}` : undefined));

function osmLink({ lat, lon }: { lat: number; lon: number }) {
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}

export default function OrganisationProfile() {
  const t = useT();
  const { network, org, hidden, membership, openNow, canEdit, signedIn } = useLoaderData<typeof loader>();
  const base = `/${network.slug}/organisations`;
  const anyHidden = hidden.address || hidden.phone || hidden.email || hidden.website;
  const membersOnly = <span className="members-only">{t("org.profile.membersOnly")}</span>;
  return (
    <main id="main" className="page">
      <p>
        <Link to={base}>
          <span aria-hidden="true">← </span>
          {t("org.backToDirectory")}
        </Link>
      </p>
      <h1>{org.name}</h1>
      <p className="directory-meta">
        {t.pick("org.kind", org.kind)}
        {org.commune ? ` · ${org.commune}` : ""}
        {openNow ? (
          <>
            {" "}
            <span className="badge badge--open">{t("org.openNow")}</span>
          </>
        ) : null}{" "}
        <MembershipBadge status={membership} />
      </p>
      {canEdit ? (
        <p className="cluster">
          <Link className="button" to={`${base}/${org.slug}/edit`}>
            {t("org.profile.edit")}
          </Link>
          <Link className="button button--secondary" to={`${base}/${org.slug}/delegates`}>
            {t("org.profile.delegates")}
          </Link>
        </p>
      ) : null}
      <div className="profile-grid">
        <section aria-labelledby="about-title">
          <h2 id="about-title">{t("org.profile.about")}</h2>
          {org.description ? <p className="profile-description">{org.description}</p> : <p className="muted">{t("org.profile.noDescription")}</p>}
          <dl className="facts">
            {org.shortName ? (
              <>
                <dt>{t("org.profile.shortName")}</dt>
                <dd>{org.shortName}</dd>
              </>
            ) : null}
            <dt>{t("org.profile.kind")}</dt>
            <dd>{t.pick("org.kind", org.kind)}</dd>
            <dt>{t("org.profile.membership")}</dt>
            <dd>
              <MembershipSentence status={membership} /> <Link to={`/${network.slug}/charter`}>{t("nav.charter")}</Link>
            </dd>
            <dt>{t("org.profile.themes")}</dt>
            <dd>
              {org.themes.length ? (
                <ul className="cluster tag-list">
                  {org.themes.map((theme) => (
                    <li key={theme}>
                      <Link className="tag" to={`${base}?theme=${encodeURIComponent(theme)}`}>
                        {theme}
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : (
                t("org.profile.none")
              )}
            </dd>
            <dt>{t("org.profile.languages")}</dt>
            <dd>{org.languages.length ? org.languages.map((l) => t.pick("org.lang", l)).join(", ") : t("org.profile.none")}</dd>
          </dl>
        </section>
        <section aria-labelledby="contacts-title" className="card">
          <h2 id="contacts-title">{t("org.profile.contacts")}</h2>
          <dl className="facts facts--stacked">
            <dt>{t("org.profile.address")}</dt>
            <dd>
              {hidden.address ? (
                <>
                  {membersOnly}
                  {org.commune ? <div>{org.commune}</div> : null}
                </>
              ) : org.street || org.postalCode || org.commune ? (
                <>
                  {org.street ? <div>{org.street}</div> : null}
                  <div>{[org.postalCode, org.commune].filter(Boolean).join(" ")}</div>
                  {org.coordinates ? (
                    <a href={osmLink(org.coordinates)} rel="noopener noreferrer">
                      {t("org.profile.map")}
                    </a>
                  ) : null}
                </>
              ) : (
                t("org.profile.none")
              )}
            </dd>
            <dt>{t("org.profile.phone")}</dt>
            <dd>{hidden.phone ? membersOnly : org.phone ? <a href={`tel:${org.phone.replace(/[^+\d]/g, "")}`}>{org.phone}</a> : t("org.profile.none")}</dd>
            <dt>{t("org.profile.email")}</dt>
            <dd>{hidden.email ? membersOnly : org.email ? <a href={`mailto:${org.email}`}>{org.email}</a> : t("org.profile.none")}</dd>
            <dt>{t("org.profile.website")}</dt>
            <dd>
              {hidden.website ? (
                membersOnly
              ) : org.website ? (
                <a href={org.website} rel="noopener noreferrer">
                  {org.website.replace(/^https?:\/\//, "")}
                </a>
              ) : (
                t("org.profile.none")
              )}
            </dd>
          </dl>
          {anyHidden && !signedIn ? (
            <p className="hint">
              {t("org.profile.membersOnlyHint")} <Link to={`/login?redirectTo=${encodeURIComponent(`${base}/${org.slug}`)}`}>{t("layout.login")}</Link>
            </p>
          ) : null}
        </section>
      </div>
      <section aria-labelledby="hours-title">
        <h2 id="hours-title">{t("org.hours.title")}</h2>
        {org.hours.length === 0 ? <p>{t("org.hours.none")}</p> : <WeekTable hours={org.hours} />}
      </section>
    </main>
  );
}

type Hour = { weekday: number; opensAt: number; closesAt: number; byAppointment: boolean; note: string };

function WeekTable({ hours }: { hours: Hour[] }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="week">
        <caption className="visually-hidden">{t("org.hours.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("org.hours.day")}</th>
            <th scope="col">{t("org.hours.times")}</th>
          </tr>
        </thead>
        <tbody>
          {[1, 2, 3, 4, 5, 6, 7].map((day) => {
            const slots = hours.filter((h) => h.weekday === day);
            return (
              <tr key={day}>
                <th scope="row">{t.pick("weekday", day)}</th>
                <td>
                  {slots.length === 0 ? (
                    <span className="muted">{t("org.hours.closed")}</span>
                  ) : (
                    <ul className="week-slots">
                      {slots.map((h, i) => (
                        <li key={i}>
                          <strong>{t("org.hours.range", { from: formatMinutes(h.opensAt), to: formatMinutes(h.closesAt) })}</strong>
                          {" · "}
                          {h.byAppointment ? t("org.hours.byAppointment") : t("org.hours.walkIn")}
                          {h.note ? ` · ${h.note}` : ""}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
