// A static page shaped like the directory (a list of results with links, a line of details and
// tags). `?rows=N` sets its length: the bench picks N so the HTML is as long as the real page's.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

export function loader({ request }: LoaderFunctionArgs) {
  const rows = Number.parseInt(new URL(request.url).searchParams.get("rows") ?? "20", 10);
  return { rows: Number.isFinite(rows) ? Math.min(Math.max(rows, 0), 5000) : 20 };
}

export const meta: MetaFunction = () => [{ title: "Plafond Remix — Maillage bench" }];

export default function StaticPage() {
  const { rows } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="page">
      <h1>Annuaire des membres</h1>
      <ul className="result-list">
        {Array.from({ length: rows }, (_, i) => (
          <li key={i}>
            <h3>
              <Link to={`/organisation-${i}`}>Maison médicale du Parc {i}</Link>
            </h3>
            <p className="directory-meta">Maison médicale · Saint-Gilles</p>
            <ul className="cluster tag-list" aria-label="Thèmes">
              <li className="tag">Santé</li>
              <li className="tag">Logement</li>
            </ul>
          </li>
        ))}
      </ul>
    </main>
  );
}
