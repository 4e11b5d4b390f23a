// The published ballot box as JSON, for a recount (scripts/recount.mjs): the poll, its
// candidates, every ballot (tracker, choices, nonce), the paper totals, the draw's commitment and
// seed, the organisations that voted (not how) and the published result. Same readers as the box
// page; 404 before publication (there is nothing to download yet).
import type { LoaderFunctionArgs } from "@remix-run/node";

import { publishedBox } from "#app/models/ballot-box.server";
import { invariantResponse } from "#app/utils/errors.server";

import { pollOfAssembly } from "./__box.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { poll, assembly } = await pollOfAssembly(request, params);
  const box = await publishedBox(assembly.id, poll.id);
  invariantResponse(box, "assemblies.error.notPublished", 404);
  return new Response(JSON.stringify(box, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="urne-${poll.id}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
