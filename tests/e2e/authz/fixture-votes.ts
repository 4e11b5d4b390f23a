// Placeholders of the vote page and the paper desk, for the authorization matrix:
//   :pollId  an open resolution of :assemblyId (fixture-assemblies.ts), :rollOrgId entitled
// Rows rather than the workflow: the matrix asks who may open the pages, not how a poll opens.
import { prisma } from "#app/utils/db.server";

import type { FixtureBase } from "./types";

export async function prepare(base: FixtureBase) {
  const assembly = await prisma.assembly.findUniqueOrThrow({ where: { uid: `authz-assembly-${base.network.id}` }, select: { id: true } });
  const poll = await prisma.poll.create({
    data: {
      assemblyId: assembly.id,
      kind: "resolution",
      title: "Approbation des comptes",
      status: "open",
      majorityRule: "simple",
      base: "cast-for-against",
      choiceSet: "for-against-abstain",
      entitlements: { create: [{ organisationId: base.otherOrg.id }] },
    },
  });
  return { pollId: poll.id };
}
