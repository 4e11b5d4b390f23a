import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";

import { isPlatformAdmin } from "#app/access/actor";
import { getActor } from "#app/access/actor.server";
import { useBarePage } from "#app/components/bare-page";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { useNonce } from "#app/components/nonce";
import { publicEnv } from "#app/utils/env.server";
import { LOCALES, makeT } from "#app/utils/i18n";
import { resolveLocale } from "#app/utils/i18n.server";
import { readToast } from "#app/utils/toast.server";

import stylesUrl from "./styles/app.css";
import calendarStylesUrl from "./styles/calendar.css";
import groupsStylesUrl from "./styles/groups.css";
import meetingsStylesUrl from "./styles/meetings.css";
import minutesStylesUrl from "./styles/minutes.css";
import searchStylesUrl from "./styles/search.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  // One file per domain, so that the pages of each can be styled without touching the others.
  ...[groupsStylesUrl, meetingsStylesUrl, calendarStylesUrl, minutesStylesUrl, searchStylesUrl].map((href) => ({ rel: "stylesheet", href })),
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const locale = await resolveLocale(request, actor?.locale);
  const { toast, header } = await readToast(request);
  return data(
    {
      locale,
      user: actor ? { name: actor.name, administers: isPlatformAdmin(actor) } : null,
      toast,
      ENV: publicEnv(),
    },
    { headers: header ? { "Set-Cookie": header } : undefined },
  );
}

export const meta: MetaFunction = () => [{ title: "Maillage" }];

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

function LanguageSwitcher() {
  const t = useT();
  const location = useLocation();
  return (
    <Form method="post" action="/language" className="language-switcher">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label htmlFor="language-select">{t("layout.language")}</label>
      <select id="language-select" name="locale" defaultValue={t.locale}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--small button--secondary">
        {t("layout.languageChange")}
      </button>
    </Form>
  );
}

function Toast({ toast }: { toast: RootData["toast"] }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [toast]);
  if (!toast) return null;
  return (
    <div className={`toast toast--${toast.kind}`} role="status" tabIndex={-1} ref={ref}>
      {t.message(toast.key, toast.vars)}
    </div>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const locale = rootData?.locale ?? "fr";
  const t = makeT(locale);
  const user = rootData?.user;
  const nonce = useNonce();
  const bare = useBarePage();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className={bare ? "bare" : undefined}>
        <a href="#main" className="skip-link">
          {t("layout.skip")}
        </a>
        {bare ? null : (
          <header className="site-header">
            <div className="site-header__inner">
              <Link to="/" className="brand">
                <span className="brand__mark" aria-hidden="true">
                  ◆
                </span>
                <span className="brand__name">{t("app.name")}</span>
              </Link>
              <nav aria-label={t("layout.mainNav")} className="user-nav">
                <ul>
                  {user?.administers ? (
                    <li>
                      <Link to="/admin">{t("nav.platformAdmin")}</Link>
                    </li>
                  ) : null}
                  {user ? (
                    <>
                      <li>
                        <Link to="/account">{t("layout.account")}</Link>
                      </li>
                      <li>
                        <Form method="post" action="/logout">
                          <button type="submit" className="link-button">
                            {t("layout.logout")}
                          </button>
                        </Form>
                      </li>
                    </>
                  ) : (
                    <li>
                      <Link to="/login">{t("layout.login")}</Link>
                    </li>
                  )}
                </ul>
              </nav>
              {rootData ? <LanguageSwitcher /> : null}
            </div>
          </header>
        )}
        {children}
        {bare ? null : (
          <footer className="site-footer">
            <p>{t("layout.footer")}</p>
          </footer>
        )}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { toast } = useLoaderData<typeof loader>();
  return (
    <>
      <Toast toast={toast} />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
