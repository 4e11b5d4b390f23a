// Previous/next links that keep the other query parameters (search, filters), and the page
// number read back from the URL. Works without JavaScript: plain links.
import { Link, useLocation } from "@remix-run/react";

import { useT } from "./i18n";

/** The ?page= of a URL: a positive integer, 1 otherwise. */
export function pageParam(url: URL) {
  const page = Number(url.searchParams.get("page") ?? "1");
  return Number.isInteger(page) && page > 0 ? page : 1;
}

function pageHref(search: string, page: number) {
  const params = new URLSearchParams(search);
  if (page > 1) params.set("page", String(page));
  else params.delete("page");
  return `?${params}`;
}

export function Pagination({ page, pages }: { page: number; pages: number }) {
  const t = useT();
  const { search } = useLocation();
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("pagination.label")} className="pagination">
      <ul>
        {page > 1 ? (
          <li>
            <Link to={pageHref(search, page - 1)} rel="prev">
              <span aria-hidden="true">← </span>
              {t("pagination.previous")}
            </Link>
          </li>
        ) : null}
        <li aria-current="page">{t("pagination.page", { page, pages })}</li>
        {page < pages ? (
          <li>
            <Link to={pageHref(search, page + 1)} rel="next">
              {t("pagination.next")}
              <span aria-hidden="true"> →</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
