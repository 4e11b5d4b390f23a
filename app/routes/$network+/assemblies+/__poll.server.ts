// What the vote page and the paper desk both need: the assembly (convened), the poll of it, the
// roll's names and the candidates of an election. Rights are asked by each route of app/access.
//
// `roll: "reader"` (the vote page) loads only the part of the roll the reader can act for: their
// own organisations and those whose proxy they hold. A vote is one request among hundreds within
// minutes, and the whole roll with its names is most of what such a request would read.
import { organisationIdsOf } from "#app/access/actor";
import { prisma } from "#app/utils/db.server";
import { invariantResponse } from "#app/utils/errors.server";

import { assemblyReader } from "./__assembly.server";

export async function pollContext(request: Request, params: { network?: string; assembly?: string; poll?: string }, options: { roll?: "all" | "reader" } = {}) {
  const reader = await assemblyReader(request, params.network);
  const mine = organisationIdsOf(reader.actor);
  const rollWhere =
    options.roll === "reader"
      ? { OR: [{ organisationId: { in: mine } }, { proxiesGiven: { some: { holderOrganisationId: { in: mine }, revokedAt: null } } }] }
      : {};
  const assembly = params.assembly
    ? await prisma.assembly.findFirst({
        where: { id: params.assembly, networkId: reader.network.id, status: { not: "draft" } },
        select: {
          id: true,
          title: true,
          roll: { where: rollWhere, select: { organisation: { select: { id: true, name: true } } }, orderBy: { organisation: { name: "asc" } } },
        },
      })
    : null;
  invariantResponse(assembly, "assemblies.error.notFound", 404);
  const poll = params.poll
    ? await prisma.poll.findFirst({
        where: { id: params.poll, assemblyId: assembly.id, status: { not: "draft" } },
        select: {
          id: true,
          title: true,
          kind: true,
          status: true,
          choiceSet: true,
          seats: true,
          candidates: { select: { organisationId: true, college: true, organisation: { select: { name: true } } } },
        },
      })
    : null;
  invariantResponse(poll, "assemblies.error.notFound", 404);
  const names = new Map(assembly.roll.map((r) => [r.organisation.id, r.organisation.name]));
  const candidates = poll.candidates
    .map((c) => ({ id: c.organisationId, name: c.organisation.name, college: c.college }))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
  return { ...reader, assembly, poll, names, onRoll: new Set(names.keys()), candidates };
}
