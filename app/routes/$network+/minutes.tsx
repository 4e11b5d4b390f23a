// Search in the published minutes of the network's working groups, in French and in Dutch
// (accents ignored, stemming), among those the reader may see; filters by group and period.
// A GET form: works without JavaScript, a result page can be bookmarked and shared. Without a
// query, the latest published minutes.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";

import { getActor } from "#app/access/actor.server";
import { isSignedInMember } from "#app/access/network";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { FieldError } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { pageParam, Pagination } from "#app/components/pagination";
import { SEARCH_MAX_LENGTH, searchMinutes } from "#app/models/minutes-search.server";
import { requireNetwork } from "#app/models/network.server";
import { parseDateKey, regionalInstantFormat } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { metaT } from "#app/utils/i18n";
import { groupPath, meetingPath } from "#app/utils/paths";

type Errors = Partial<Record<"q" | "group" | "from" | "to", string>>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await getActor(request);
  const url = new URL(request.url);
  const p = url.searchParams;
  const groups = await prisma.workingGroup.findMany({
    where: { networkId: network.id },
    select: { id: true, slug: true, name: true },
    orderBy: { name: "asc" },
  });

  const errors: Errors = {};
  const q = (p.get("q") ?? "").trim();
  if (q.length > SEARCH_MAX_LENGTH) errors.q = "search.error.tooLong";
  const groupSlug = (p.get("group") ?? "").trim();
  const group = groupSlug ? groups.find((g) => g.slug === groupSlug) : undefined;
  if (groupSlug && !group) errors.group = "search.error.unknownGroup";
  const from = (p.get("from") ?? "").trim();
  const to = (p.get("to") ?? "").trim();
  if (from && !parseDateKey(from)) errors.from = "search.error.date";
  if (to && !parseDateKey(to)) errors.to = "search.error.date";
  if (!errors.from && !errors.to && from && to && from > to) errors.to = "search.error.toBeforeFrom";
  const invalid = Object.keys(errors).length > 0;

  const found = invalid
    ? { total: 0, page: 1, pages: 1, results: [], q }
    : await searchMinutes(actor, network.id, { q, groupId: group?.id, from: from || undefined, to: to || undefined, page: pageParam(url) });
  const signedInMember = isSignedInMember(actor, network.id);
  return data(
    {
      network: { slug: network.slug, name: network.name },
      groups: groups.map((g) => ({ slug: g.slug, name: g.name })),
      query: { q, group: groupSlug, from, to },
      errors,
      found,
      signedIn: !!actor,
      showActions: signedInMember,
    },
    { status: invalid ? 400 : 200 },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  if (!data) return [{ title: "Maillage" }];
  const title = data.query.q
    ? t("search.metaTitleQuery", { q: data.query.q, network: data.network.name })
    : t("search.metaTitle", { network: data.network.name });
  return [{ title: `${title} — Maillage` }];
};

function formatMeetingDate(value: string | Date, locale: string) {
  return regionalInstantFormat(locale, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(new Date(value));
}

export default function MinutesSearch() {
  const t = useT();
  const { network, groups, query, errors, found, signedIn, showActions } = useLoaderData<typeof loader>();
  const location = useLocation();
  const base = `/${network.slug}/minutes`;
  const filtered = Boolean(query.q || query.group || query.from || query.to);
  const field = (name: keyof Errors) => ({
    id: `search-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": [name === "q" ? "search-q-hint" : null, errors[name] ? `search-${name}-error` : null].filter(Boolean).join(" ") || undefined,
  });
  return (
    <main id="main" className="page minutes-search">
      <h1>{t("search.title")}</h1>
      <p className="lead">{t("search.intro")}</p>
      {!signedIn ? <p className="notice">{t("search.visitorNotice")}</p> : null}
      {showActions ? (
        <p>
          <Link to={`/${network.slug}/actions`}>{t("search.actionsLink")}</Link>
        </p>
      ) : null}
      <div className="split">
        {/* Keyed by the URL so that, with JavaScript, the fields follow "back" and "clear". */}
        <Form method="get" action={base} className="filters card" role="search" aria-label={t("search.formLabel")} key={location.search}>
          <div className={`field${errors.q ? " field--invalid" : ""}`}>
            <label htmlFor="search-q">{t("search.q")}</label>
            <p className="hint" id="search-q-hint">
              {t("search.qHint")}
            </p>
            <input type="search" {...field("q")} defaultValue={query.q} />
            <FieldError id="search-q-error" errors={errors.q ? [errors.q] : undefined} />
          </div>
          <div className={`field${errors.group ? " field--invalid" : ""}`}>
            <label htmlFor="search-group">{t("search.group")}</label>
            <select {...field("group")} defaultValue={query.group}>
              <option value="">{t("search.allGroups")}</option>
              {groups.map((g) => (
                <option key={g.slug} value={g.slug}>
                  {g.name}
                </option>
              ))}
            </select>
            <FieldError id="search-group-error" errors={errors.group ? [errors.group] : undefined} />
          </div>
          <fieldset>
            <legend>{t("search.period")}</legend>
            <div className={`field${errors.from ? " field--invalid" : ""}`}>
              <label htmlFor="search-from">{t("search.from")}</label>
              <input type="date" {...field("from")} defaultValue={dateValue(query.from)} />
              <FieldError id="search-from-error" errors={errors.from ? [errors.from] : undefined} />
            </div>
            <div className={`field${errors.to ? " field--invalid" : ""}`}>
              <label htmlFor="search-to">{t("search.to")}</label>
              <input type="date" {...field("to")} defaultValue={dateValue(query.to)} />
              <FieldError id="search-to-error" errors={errors.to ? [errors.to] : undefined} />
            </div>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button">
              {t("search.submit")}
            </button>
            {filtered ? <Link to={base}>{t("search.reset")}</Link> : null}
          </div>
        </Form>
        <section aria-labelledby="search-count">
          <div aria-live="polite" aria-atomic="true">
            <h2 id="search-count" className="search-count">
              {found.q ? t.plural("search.results.count", found.total, { q: found.q }) : t("search.latest")}
            </h2>
          </div>
          {found.results.length === 0 ? (
            <p>{found.q || filtered ? t("search.none") : t("search.noneYet")}</p>
          ) : (
            <ol className="result-list search-results">
              {found.results.map((hit) => (
                <li key={hit.minutesId}>
                  <h3>
                    <Link to={meetingPath({ networkSlug: network.slug, meetingId: hit.meetingId }, "minutes")}>{hit.title}</Link>
                  </h3>
                  <p className="search-meta">
                    <Link to={groupPath({ networkSlug: network.slug, groupSlug: hit.groupSlug })}>{hit.groupName}</Link>
                    {" · "}
                    <time dateTime={new Date(hit.startsAt).toISOString()}>{formatMeetingDate(hit.startsAt, t.locale)}</time>
                    {" · "}
                    <span className={`badge badge--${hit.visibility}`}>{t.pick("search.visibility", hit.visibility)}</span>
                    {hit.language === "nl" && t.locale !== "nl" ? <span className="muted"> · {t("search.inDutch")}</span> : null}
                    {hit.version > 1 ? <span className="muted"> · {t("search.version", { version: hit.version })}</span> : null}
                  </p>
                  <p className="search-excerpt" lang={hit.language}>
                    {hit.excerpt.map((s, i) => (s.marked ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
                  </p>
                </li>
              ))}
            </ol>
          )}
          <Pagination page={found.page} pages={found.pages} />
        </section>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/** A date field shows only a real date: "2026-02-31" from an edited address is not one (its message says so). */
function dateValue(text: string | undefined) {
  return text && parseDateKey(text) ? text : "";
}
