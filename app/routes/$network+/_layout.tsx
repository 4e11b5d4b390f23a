import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";

import { getActor } from "#app/access/actor.server";
import { isCoordinator } from "#app/access/network";
import { useBarePage } from "#app/components/bare-page";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { requireNetwork } from "#app/models/network.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await getActor(request);
  return {
    network: { slug: network.slug, name: network.name },
    isCoordinator: isCoordinator(actor, network.id),
  };
}

export default function NetworkLayout() {
  const t = useT();
  const { network, isCoordinator } = useLoaderData<typeof loader>();
  const bare = useBarePage();
  const base = `/${network.slug}`;
  // A bare page (the room screen) is shown alone: no network bar.
  if (bare) return <Outlet />;
  return (
    <>
      <div className="network-bar">
        <div className="network-bar__inner">
          <Link to={base} className="network-bar__name">
            {network.name}
          </Link>
          <nav aria-label={t("layout.networkNav")} className="network-nav">
            <ul>
              <li>
                <NavLink to={base} end>
                  {t("nav.home")}
                </NavLink>
              </li>
              <li>
                <NavLink to={`${base}/organisations`}>{t("nav.organisations")}</NavLink>
              </li>
              <li>
                <NavLink to={`${base}/groups`}>{t("nav.groups")}</NavLink>
              </li>
              <li>
                <NavLink to={`${base}/committee`}>{t("nav.committee")}</NavLink>
              </li>
              <li>
                <NavLink to={`${base}/calendar`}>{t("nav.calendar")}</NavLink>
              </li>
              <li>
                <NavLink to={`${base}/minutes`}>{t("nav.minutes")}</NavLink>
              </li>
              <li>
                <NavLink to={`${base}/charter`}>{t("nav.charter")}</NavLink>
              </li>
              {isCoordinator ? (
                <li>
                  <NavLink to={`${base}/admin`}>{t("nav.admin")}</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
        </div>
      </div>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
