// One document of an assembly, downloaded by the people who may see the assembly
// (assembly.seeOne: the network's insiders; a draft's documents by its coordinators only, a 404
// for anyone else, as the draft itself). A resource route: the file, or a status (a missing file
// is a 404, never a 500). Offered as an attachment under a clean name, never sniffed nor cached
// in a shared cache.
import type { LoaderFunctionArgs } from "@remix-run/node";

import { prisma } from "#app/utils/db.server";
import { invariantResponse } from "#app/utils/errors.server";
import { attachmentHeader, downloadName, readStored, SCAN_TYPES } from "#app/utils/uploads.server";

import { assemblyReader, visibleAssembly } from "./__assembly.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const reader = await assemblyReader(request, params.network);
  const assembly = await visibleAssembly(reader, params.assembly);
  const document = params.document
    ? await prisma.assemblyDocument.findFirst({
        where: { id: params.document, assemblyId: assembly.id },
        select: { path: true, type: true, name: true, title: true },
      })
    : null;
  invariantResponse(document);
  const content = await readStored(document.path);
  invariantResponse(content);
  return new Response(new Uint8Array(content), {
    headers: {
      // Only the types the upload accepted; anything else is offered as bytes, never rendered.
      "Content-Type": document.type in SCAN_TYPES ? document.type : "application/octet-stream",
      "Content-Length": String(content.length),
      "Content-Disposition": attachmentHeader(downloadName(document.name || document.title, document.type, "document")),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
