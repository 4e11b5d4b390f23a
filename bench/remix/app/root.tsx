// The same document shell as the app (meta, links, scroll restoration, hydration scripts) and a
// root loader, as every Maillage page has; nothing that reads a database or a cookie.
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData } from "@remix-run/react";

export function loader() {
  return { locale: "fr", user: null, toast: null, ENV: { MODE: "production" } };
}

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  return (
    <div lang={locale}>
      <Outlet />
    </div>
  );
}
