// The import's columns with two example rows, ready to fill in Excel.
import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireCoordinator } from "#app/access/require.server";
import { templateRows, toCsv } from "#app/models/csv-import.server";
import { requireNetwork } from "#app/models/network.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  await requireCoordinator(request, network.id);
  return new Response(toCsv(templateRows(network.themes)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="modele-import-organisations.csv"`,
    },
  });
}
