import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { useT } from "#app/components/i18n";
import { prisma } from "#app/utils/db.server";

export async function loader(_: LoaderFunctionArgs) {
  const networks = await prisma.network.findMany({
    orderBy: { name: "asc" },
    select: { slug: true, name: true, description: true, _count: { select: { organisations: true } } },
  });
  // One network hosted here: go straight to it.
  if (networks.length === 1) throw redirect(`/${networks[0].slug}`);
  return { networks };
}

export default function Index() {
  const t = useT();
  const { networks } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="page">
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      {networks.length === 0 ? (
        <p className="notice">{t("home.empty")}</p>
      ) : (
        <ul className="result-list">
          {networks.map((n) => (
            <li key={n.slug}>
              <h2>
                <Link to={`/${n.slug}`}>{n.name}</Link>
              </h2>
              {n.description ? <p>{n.description}</p> : null}
              <p className="muted">{t.plural("home.organisationCount", n._count.organisations)}</p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
