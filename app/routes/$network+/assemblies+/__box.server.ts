// What the ballot box pages and the room screen read first: the reader (an insider of the
// network, assembly.see), the assembly (a draft is the coordinators' alone) and, for the box, the poll.
import { prisma } from "#app/utils/db.server";
import { invariantResponse } from "#app/utils/errors.server";

import { assemblyReader, visibleAssembly } from "./__assembly.server";

export async function assemblyForScreen(request: Request, params: { network?: string; assembly?: string }) {
  const reader = await assemblyReader(request, params.network);
  const assembly = await visibleAssembly(reader, params.assembly);
  return { ...reader, assembly };
}

export async function pollOfAssembly(request: Request, params: { network?: string; assembly?: string; poll?: string }) {
  const context = await assemblyForScreen(request, params);
  const poll = params.poll
    ? await prisma.poll.findFirst({ where: { id: params.poll, assemblyId: context.assembly.id }, select: { id: true, title: true, status: true, kind: true } })
    : null;
  // A draft poll is the coordinators' work in progress.
  invariantResponse(poll && (poll.status !== "draft" || context.coordinator), "assemblies.error.notFound", 404);
  return { ...context, poll };
}
