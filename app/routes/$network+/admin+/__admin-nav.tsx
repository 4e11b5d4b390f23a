// The coordinator's tools share a breadcrumb and a sub-navigation, so every page says where it
// sits. Rendered by each page (not a layout route) so that nothing of it shows on a 403 page.
import { Link, NavLink } from "@remix-run/react";
import { useT } from "#app/components/i18n";

const PAGES = ["settings", "import", "outbox", "audit"] as const;

export function AdminNav({ network, current }: { network: { slug: string; name: string }; current?: string }) {
  const t = useT();
  const base = `/${network.slug}/admin`;
  return (
    <>
      <nav aria-label={t("layout.breadcrumb")} className="admin-breadcrumb">
        <ol>
          <li>
            <Link to={`/${network.slug}`}>{network.name}</Link>
          </li>
          <li>{current ? <Link to={base}>{t("networkAdmin.title")}</Link> : <span aria-current="page">{t("networkAdmin.title")}</span>}</li>
          {current ? (
            <li>
              <span aria-current="page">{current}</span>
            </li>
          ) : null}
        </ol>
      </nav>
      <nav aria-label={t("networkAdmin.tools")} className="admin-tabs">
        <ul>
          <li>
            <NavLink to={base} end>
              {t("networkAdmin.dashboard")}
            </NavLink>
          </li>
          {PAGES.map((page) => (
            <li key={page}>
              <NavLink to={`${base}/${page}`}>{t(`networkAdmin.nav.${page}`)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

/** "page" from ?page=, at least 1. */
export function pageParam(url: URL) {
  const page = Number(url.searchParams.get("page") ?? "1");
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/** Previous/next links that keep the other query parameters (filters). */
export function Pagination({ page, pages, search }: { page: number; pages: number; search: string }) {
  const t = useT();
  if (pages <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(p));
    return `?${params}`;
  };
  return (
    <nav aria-label={t("pagination.label")} className="pagination">
      <ul>
        {page > 1 ? (
          <li>
            <Link to={href(page - 1)} rel="prev">
              {t("pagination.previous")}
            </Link>
          </li>
        ) : null}
        <li aria-current="page">{t("pagination.page", { page, pages })}</li>
        {page < pages ? (
          <li>
            <Link to={href(page + 1)} rel="next">
              {t("pagination.next")}
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
