// The scan of a paper proxy: it carries signatures, so only the network's coordinators get it
// (proxy.seeScan); for anyone else signed in it does not exist (404), whether or not it does.
// A resource route, with the headers of every stored file served (attachment, nosniff, private).
import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireActor } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { requireNetwork } from "#app/models/network.server";
import { prisma } from "#app/utils/db.server";
import { invariantResponse } from "#app/utils/errors.server";
import { attachmentHeader, downloadName, readStored, SCAN_TYPES } from "#app/utils/uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await requireActor(request);
  invariantResponse(can(actor, "proxy.seeScan", { networkId: network.id }), "assemblies.error.notFound", 404);
  const assembly = params.assembly ? await prisma.assembly.findFirst({ where: { id: params.assembly, networkId: network.id }, select: { id: true } }) : null;
  const proxy =
    assembly && params.proxy
      ? await prisma.proxy.findFirst({ where: { id: params.proxy, assemblyId: assembly.id }, select: { scanPath: true, scanType: true, scanName: true } })
      : null;
  invariantResponse(proxy?.scanPath && proxy.scanType, "assemblies.error.notFound", 404);
  const content = await readStored(proxy.scanPath);
  invariantResponse(content, "assemblies.error.notFound", 404);
  return new Response(new Uint8Array(content), {
    headers: {
      "Content-Type": proxy.scanType in SCAN_TYPES ? proxy.scanType : "application/octet-stream",
      "Content-Length": String(content.length),
      "Content-Disposition": attachmentHeader(downloadName(proxy.scanName, proxy.scanType, "procuration")),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
