// Placeholders of the working groups, meetings and minutes, for the authorization matrix:
//   :group            a group "on request" of :network; :otherOrg is an active member and
//                     otherDelegate (titular of :otherOrg) its facilitator; :org is not a member
//   :openGroup        an open group of :network with no members
//   :meeting          a future meeting of :group (not public)
//   :pastMeeting      a past meeting of :group with published minutes, visible to the group only
//   :submittedMeeting a past meeting of :group whose minutes are submitted (not published)
//   :publicMeeting    a future public meeting of :group
import { addGroupMember, createGroup, createMeeting, createMinutes, makeFacilitator } from "#tests/factories";

import type { FixtureBase } from "./types";

export async function prepare(base: FixtureBase) {
  const group = await createGroup(base.network.id, { joinPolicy: "request" });
  const openGroup = await createGroup(base.network.id, { joinPolicy: "open" });
  await addGroupMember(group.id, base.otherOrg.id, [base.users.otherDelegate]);
  await makeFacilitator(group.id, base.users.otherDelegate);
  const day = 86_400_000;
  const meeting = await createMeeting(group.id, { startsAt: new Date(Date.now() + 10 * day) });
  const publicMeeting = await createMeeting(group.id, { startsAt: new Date(Date.now() + 12 * day), isPublic: true });
  const pastMeeting = await createMeeting(group.id, { startsAt: new Date(Date.now() - 30 * day) });
  const submittedMeeting = await createMeeting(group.id, { startsAt: new Date(Date.now() - 3 * day) });
  await createMinutes(pastMeeting.id, { status: "published", visibility: "group", authorId: base.users.otherDelegate, authorOrganisationId: base.otherOrg.id });
  await createMinutes(submittedMeeting.id, { status: "submitted", authorId: base.users.otherDelegate, authorOrganisationId: base.otherOrg.id });
  return {
    group: group.slug,
    openGroup: openGroup.slug,
    meeting: meeting.id,
    publicMeeting: publicMeeting.id,
    pastMeeting: pastMeeting.id,
    submittedMeeting: submittedMeeting.id,
  };
}
