// What every assembly page needs: the network, the reader, and whether they may see assemblies at
// all (the network's insiders: its coordinators and its organisations' delegates).
import { requireActor } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { organisationsInNetworkOf } from "#app/access/network.server";
import { requireNetwork } from "#app/models/network.server";
import { prisma } from "#app/utils/db.server";
import { forbidden, invariantResponse } from "#app/utils/errors.server";

export async function assemblyReader(request: Request, networkSlug: string | undefined) {
  const network = await requireNetwork(networkSlug);
  const actor = await requireActor(request);
  const mine = await organisationsInNetworkOf(actor, network.id);
  const delegatesHere = mine.length > 0;
  if (!can(actor, "assembly.see", { networkId: network.id, delegatesHere })) forbidden();
  const coordinator = can(actor, "assembly.convene", { networkId: network.id });
  return { network, actor, coordinator, delegatesHere };
}

/**
 * The assembly of the URL, for a reader who may see it (assembly.seeOne): a draft is the
 * coordinators' work in progress, so for anyone else it does not exist (404), as an unknown id.
 */
export async function visibleAssembly(reader: Awaited<ReturnType<typeof assemblyReader>>, assemblyId: string | undefined) {
  const assembly = assemblyId
    ? await prisma.assembly.findFirst({
        where: { id: assemblyId, networkId: reader.network.id },
        select: { id: true, title: true, status: true, networkId: true, meetingId: true },
      })
    : null;
  invariantResponse(
    assembly && can(reader.actor, "assembly.seeOne", { networkId: reader.network.id, delegatesHere: reader.delegatesHere, status: assembly.status }),
    "assemblies.error.notFound",
    404,
  );
  return assembly;
}
