// The scan of a paper adhesion, downloaded after a permission check: it holds signatures, so only
// the network's coordinators and the organisation's delegates get it (canSeeAdhesionScan). A
// resource route: it answers with the file, or with a status (a missing file is a 404, never a 500).
import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireActor } from "#app/access/actor.server";
import { canSeeAdhesionScan } from "#app/access/charter";
import { requireNetwork } from "#app/models/network.server";
import { prisma } from "#app/utils/db.server";
import { forbidden, invariantResponse } from "#app/utils/errors.server";
import { attachmentHeader, downloadName, readStored, SCAN_TYPES } from "#app/utils/uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await requireActor(request);
  const adhesion = params.id
    ? await prisma.adhesion.findFirst({
        where: { id: params.id, networkId: network.id },
        select: { organisationId: true, scanPath: true, scanType: true, scanName: true, organisation: { select: { slug: true } } },
      })
    : null;
  invariantResponse(adhesion);
  if (!canSeeAdhesionScan(actor, network.id, adhesion.organisationId)) forbidden();
  invariantResponse(adhesion.scanPath && adhesion.scanType);
  const content = await readStored(adhesion.scanPath);
  invariantResponse(content);
  const name = downloadName(adhesion.scanName, adhesion.scanType, `charte-${adhesion.organisation.slug}`);
  return new Response(new Uint8Array(content), {
    headers: {
      // Only the types the upload accepted; anything else is offered as bytes, never rendered.
      "Content-Type": adhesion.scanType in SCAN_TYPES ? adhesion.scanType : "application/octet-stream",
      "Content-Length": String(content.length),
      "Content-Disposition": attachmentHeader(name),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
