// The coordinator's tools share a breadcrumb and a sub-navigation, so every page says where it
// sits. Rendered by each page (not a layout route) so that nothing of it shows on a 403 page.
import { Link, NavLink } from "@remix-run/react";

import { useT } from "#app/components/i18n";

const PAGES = ["adhesions", "join-requests", "settings", "statutes", "calendar-feed", "import", "outbox", "audit"] as const;

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
              <NavLink to={`${base}/${page}`}>
                {page === "statutes"
                  ? t("statutes.title")
                  : t(`networkAdmin.nav.${page === "join-requests" ? "joinRequests" : page === "calendar-feed" ? "calendarFeed" : page}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
