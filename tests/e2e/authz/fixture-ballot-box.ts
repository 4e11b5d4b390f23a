// Placeholders of the ballot box and the room screen, for the authorization matrix:
//   :boxAssemblyId  a convened assembly of :network whose roll holds :otherOrg
//   :boxPollId      a resolution of it, published (otherOrg voted)
//   :openPollId     a resolution of it, open
import { checkIn } from "#app/models/assemblies.server";
import { castBallots, closePoll, createPoll, markReady, openPoll, publishPoll } from "#app/models/polls.server";
import { prisma } from "#app/utils/db.server";

import type { FixtureBase } from "./types";

export async function prepare(base: FixtureBase) {
  const assembly = await prisma.assembly.create({
    data: {
      networkId: base.network.id,
      title: "Assemblée avec urne",
      startsAt: new Date(Date.now() + 30 * 86_400_000),
      place: "Salle du conseil",
      status: "convened",
      convokedAt: new Date(),
      rules: { quorum: null, maxProxiesPerHolder: 1, majorityRules: ["simple"], tieRule: "lots", colleges: [] },
      uid: `authz-box-${base.network.id}`,
      roll: { create: [{ organisationId: base.otherOrg.id, frozenAt: new Date() }] },
    },
  });
  const coordinator = base.users.coordinator;
  const resolution = (title: string) =>
    createPoll(assembly.id, coordinator, { kind: "resolution", title, majorityRule: "simple", base: "cast-for-against", choiceSet: "for-against-abstain" });
  await checkIn(assembly.id, base.otherOrg.id, { channel: "online", delegateId: null }, coordinator);
  const published = await resolution("Approbation des comptes");
  await markReady(published.id, coordinator);
  await openPoll(published.id, coordinator);
  await castBallots(published.id, { actingFor: base.otherOrg.id, channel: "online", votes: [{ organisationId: base.otherOrg.id, choices: ["for"] }] });
  await closePoll(published.id, coordinator);
  await publishPoll(published.id, coordinator);
  const open = await resolution("Budget");
  await markReady(open.id, coordinator);
  await openPoll(open.id, coordinator);
  return { boxAssemblyId: assembly.id, boxPollId: published.id, openPollId: open.id };
}
