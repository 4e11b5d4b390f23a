// Placeholders of the recommendations (issue 13), for the authorization matrix:
//   :recommendation  a draft recommendation of :network, carried by its group of kind "working"
//                    where :otherOrg is an active member (fixture-groups' :group is another one)
import { prisma } from "#app/utils/db.server";
import { addGroupMember, createGroup } from "#tests/factories";

import type { FixtureBase } from "./types";

export async function prepare(base: FixtureBase) {
  const group = await createGroup(base.network.id, { name: "Logement (recommandations)" });
  await addGroupMember(group.id, base.otherOrg.id, [base.users.otherDelegate]);
  const recommendation = await prisma.recommendation.create({ data: { networkId: base.network.id, groupId: group.id, title: "Logement d'urgence" } });
  return { recommendation: recommendation.id };
}
