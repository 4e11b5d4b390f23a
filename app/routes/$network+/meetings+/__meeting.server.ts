// Server side shared by the meeting pages: the meeting named in the URL as this reader may see it
// (visibleMeetingsWhere: insiders, or anyone for a public meeting), and the reader's rights in its
// group.

import type { Actor } from "#app/access/actor";
import { getActor, requireActor } from "#app/access/actor.server";
import { can } from "#app/access/can";
import type { GroupAccess } from "#app/access/group";
import { groupAccess } from "#app/access/group.server";
import { visibleMeetingsWhere } from "#app/access/meeting.server";
import { requireNetwork } from "#app/models/network.server";
import { prisma } from "#app/utils/db.server";
import { forbidden, refusalResponse } from "#app/utils/errors.server";

export const meetingPageSelect = {
  id: true,
  uid: true,
  title: true,
  startsAt: true,
  endsAt: true,
  place: true,
  videoUrl: true,
  isPublic: true,
  status: true,
  cancelReason: true,
  proposalsUntil: true,
  recurrenceId: true,
  sequence: true,
  seriesId: true,
  group: { select: { id: true, slug: true, name: true, networkId: true, archivedAt: true } },
  series: {
    select: {
      id: true,
      frequency: true,
      interval: true,
      weekday: true,
      ordinal: true,
      startOn: true,
      untilOn: true,
      count: true,
      startMinutes: true,
      cancelledAt: true,
    },
  },
} as const;

export async function meetingContext(request: Request, params: { network?: string; meeting?: string }) {
  const network = await requireNetwork(params.network);
  const actor = await getActor(request);
  const visible = await visibleMeetingsWhere(actor, network.id);
  const meeting = params.meeting ? await prisma.meeting.findFirst({ where: { AND: [visible, { id: params.meeting }] }, select: meetingPageSelect }) : null;
  if (!meeting) {
    // A visitor may be an insider who has not signed in yet; anyone else gets a 404.
    if (!actor) await requireActor(request);
    throw refusalResponse("error.notFound", 404);
  }
  const access = await groupAccess(actor, meeting.group);
  return { network, actor, meeting, access };
}

/** The meeting's managers only (coordinators of the network, facilitators of the group). */
export async function managerContext(request: Request, params: { network?: string; meeting?: string }) {
  const network = await requireNetwork(params.network);
  const actor = await requireActor(request);
  const ctx = await meetingContext(request, params);
  if (!can(actor, "meeting.manage", { access: ctx.access })) forbidden();
  return { ...ctx, network, actor: actor as Actor, access: ctx.access as GroupAccess };
}
