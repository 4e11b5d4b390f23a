// What every assembly page needs: the network, the reader, and whether they may see assemblies at
// all (the network's insiders: its coordinators and its organisations' delegates).
import { requireActor } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { organisationsInNetworkOf } from "#app/access/network.server";
import { requireNetwork } from "#app/models/network.server";
import { forbidden } from "#app/utils/errors.server";

export async function assemblyReader(request: Request, networkSlug: string | undefined) {
  const network = await requireNetwork(networkSlug);
  const actor = await requireActor(request);
  const mine = await organisationsInNetworkOf(actor, network.id);
  if (!can(actor, "assembly.see", { networkId: network.id, delegatesHere: mine.length > 0 })) forbidden();
  const coordinator = can(actor, "assembly.convene", { networkId: network.id });
  return { network, actor, coordinator };
}
