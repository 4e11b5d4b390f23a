import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";

import { getActor } from "#app/access/actor.server";
import { isCoordinator } from "#app/access/network";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { MembershipBadge } from "#app/components/membership";
import { Pagination } from "#app/components/pagination";
import { directoryCommunes, type DirectoryQuery, searchDirectory } from "#app/models/directory.server";
import { requireNetwork } from "#app/models/network.server";
import { brusselsWeekMinute, formatMinutes } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { ORGANISATION_KINDS, SPOKEN_LANGUAGES } from "#app/utils/domain";
import { pageTitle } from "#app/utils/i18n";

/** Reads the filters from the URL; a value that is not on offer is dropped rather than refused. */
function readQuery(url: URL, themes: string[]): DirectoryQuery {
  const p = url.searchParams;
  const pick = (name: string, allowed: readonly string[]) => {
    const value = p.get(name) ?? "";
    return allowed.includes(value) ? value : undefined;
  };
  const page = Number.parseInt(p.get("page") ?? "1", 10);
  return {
    q: (p.get("q") ?? "").trim().slice(0, 200) || undefined,
    theme: pick("theme", themes),
    commune: (p.get("commune") ?? "").trim().slice(0, 100) || undefined,
    language: pick("language", SPOKEN_LANGUAGES),
    kind: pick("kind", ORGANISATION_KINDS),
    openNow: p.get("open") === "1",
    membersOnly: p.get("members") === "1",
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await getActor(request);
  const query = readQuery(new URL(request.url), network.themes);
  const at = now();
  const [found, communes] = await Promise.all([searchDirectory(network.id, query, at), directoryCommunes(network.id)]);
  return {
    network: { slug: network.slug, name: network.name, themes: network.themes },
    communes,
    query: { ...query, page: found.page },
    found,
    brusselsTime: formatMinutes(brusselsWeekMinute(at).minutes),
    canAdd: isCoordinator(actor, network.id),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? t("org.directory.metaTitle", { network: data.network.name }) : undefined));

export default function Directory() {
  const t = useT();
  const { network, communes, query, found, brusselsTime, canAdd } = useLoaderData<typeof loader>();
  const location = useLocation();
  const base = `/${network.slug}/organisations`;
  const filtered = Boolean(query.q || query.theme || query.commune || query.language || query.kind || query.openNow || query.membersOnly);
  return (
    <main id="main" className="page">
      <h1>{t("org.directory.title")}</h1>
      <p className="lead">{t("org.directory.intro")}</p>
      {canAdd ? (
        <p>
          <Link className="button button--secondary" to={`${base}/new`}>
            {t("org.add")}
          </Link>
        </p>
      ) : null}
      <div className="split">
        {/* Keyed by the URL so that, with JavaScript, the fields follow "back" and "clear". */}
        <Form method="get" action={base} className="filters card" role="search" key={location.search}>
          <div className="field">
            <label htmlFor="directory-q">{t("org.search.label")}</label>
            <p className="hint" id="directory-q-hint">
              {t("org.search.hint")}
            </p>
            <input type="search" id="directory-q" name="q" defaultValue={query.q ?? ""} aria-describedby="directory-q-hint" />
          </div>
          <fieldset>
            <legend>{t("org.filters.legend")}</legend>
            <FilterSelect name="theme" label={t("org.filter.theme")} value={query.theme} options={network.themes.map((x) => ({ value: x, label: x }))} />
            <FilterSelect name="commune" label={t("org.filter.commune")} value={query.commune} options={communes.map((x) => ({ value: x, label: x }))} />
            <FilterSelect
              name="language"
              label={t("org.filter.language")}
              value={query.language}
              options={SPOKEN_LANGUAGES.map((x) => ({ value: x, label: t(`org.lang.${x}`) }))}
            />
            <FilterSelect
              name="kind"
              label={t("org.filter.kind")}
              value={query.kind}
              options={ORGANISATION_KINDS.map((x) => ({ value: x, label: t(`org.kind.${x}`) }))}
            />
            <div className="field field--checkbox">
              <label className="checkbox">
                <input type="checkbox" name="open" value="1" defaultChecked={query.openNow} aria-describedby="directory-open-hint" />
                {t("org.filter.openNow")}
              </label>
              <p className="hint" id="directory-open-hint">
                {t("org.filter.openNowHint", { time: brusselsTime })}
              </p>
            </div>
            <div className="field field--checkbox">
              <label className="checkbox">
                <input type="checkbox" name="members" value="1" defaultChecked={query.membersOnly} aria-describedby="directory-members-hint" />
                {t("org.filter.membersOnly")}
              </label>
              <p className="hint" id="directory-members-hint">
                {t("org.filter.membersOnlyHint")}
              </p>
            </div>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button">
              {t("org.filter.submit")}
            </button>
            {filtered ? <Link to={base}>{t("org.filter.reset")}</Link> : null}
          </div>
        </Form>
        <section aria-labelledby="directory-count">
          <div aria-live="polite" aria-atomic="true">
            <h2 id="directory-count" className="directory-count">
              {t.plural("org.results.count", found.total)}
            </h2>
          </div>
          {found.results.length === 0 ? (
            <p>{t("org.results.none")}</p>
          ) : (
            <ul className="result-list">
              {found.results.map((org) => (
                <li key={org.slug}>
                  <h3>
                    <Link to={`${base}/${org.slug}`}>{org.name}</Link>
                    {org.shortName ? <span className="muted"> ({org.shortName})</span> : null}
                  </h3>
                  <p className="directory-meta">
                    {t.pick("org.kind", org.kind)}
                    {org.commune ? ` · ${org.commune}` : ""}
                    {org.openNow ? (
                      <>
                        {" "}
                        <span className="badge badge--open">{t("org.openNow")}</span>
                      </>
                    ) : null}
                    {org.membership !== "applicant" ? (
                      <>
                        {" "}
                        <MembershipBadge status={{ kind: org.membership }} />
                      </>
                    ) : null}
                  </p>
                  {org.themes.length ? (
                    <ul className="cluster tag-list" aria-label={t("org.profile.themes")}>
                      {org.themes.map((theme) => (
                        <li key={theme} className="tag">
                          {theme}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <Pagination page={found.page} pages={found.pages} />
        </section>
      </div>
    </main>
  );
}

function FilterSelect({ name, label, value, options }: { name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
  const t = useT();
  const id = `directory-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{t("org.filter.any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
