// The network's organisations as CSV, with the import's columns, so that an export edited in
// Excel can be imported back. Coordinators only: it holds members-only contact fields.
import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireCoordinator } from "#app/access/require.server";
import { exportOrganisationsCsv } from "#app/models/csv-import.server";
import { requireNetwork } from "#app/models/network.server";
import { now } from "#app/utils/clock.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  await requireCoordinator(request, network.id);
  const csv = await exportOrganisationsCsv(network.id);
  const day = now().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${network.slug}-organisations-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
