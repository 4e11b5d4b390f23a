// Placeholders of the minutes' own rows:
//   :minutesActionId  an open action item of :otherOrg, decided at a past meeting of a group
//                     where :otherOrg is a member (otherDelegate takes part; no facilitator)
import { prisma } from "#app/utils/db.server";
import { addGroupMember, createGroup, createMeeting } from "#tests/factories";

import type { FixtureBase } from "./types";

export async function prepare(base: FixtureBase) {
  const group = await createGroup(base.network.id, { name: "Groupe des actions" });
  await addGroupMember(group.id, base.otherOrg.id, [base.users.otherDelegate]);
  const meeting = await createMeeting(group.id, { startsAt: new Date(Date.now() - 20 * 86_400_000) });
  const item = await prisma.actionItem.create({ data: { meetingId: meeting.id, groupId: group.id, organisationId: base.otherOrg.id, what: "Écrire au CPAS" } });
  return { minutesActionId: item.id };
}
