// Server side shared by the minutes pages (reader, earlier version, edit, PDF, attendance): who is
// reading, which versions they may see, and the one answer to a refusal of the model.

import type { Actor } from "#app/access/actor";
import { getActor, requireActor } from "#app/access/actor.server";
import { can } from "#app/access/can";
import type { GroupAccess } from "#app/access/group";
import { groupAccess } from "#app/access/group.server";
import { type MeetingRef, type MinutesVersion, minutesVersions, requireMeeting } from "#app/models/minutes.server";
import { requireNetwork } from "#app/models/network.server";
import { notFound } from "#app/utils/errors.server";

export type MinutesContext = {
  network: Awaited<ReturnType<typeof requireNetwork>>;
  actor: Actor | null;
  meeting: MeetingRef;
  access: GroupAccess;
  mayWrite: boolean;
  /** Every version, newest first, and those this reader may see. */
  versions: MinutesVersion[];
  readable: MinutesVersion[];
  /** The reader may see the meeting itself (insiders, the group's readers, anyone for a public one). */
  meetingVisible: boolean;
};

export async function minutesContext(request: Request, params: { network?: string; meeting?: string }): Promise<MinutesContext> {
  const network = await requireNetwork(params.network);
  const meeting = await requireMeeting(network.id, params.meeting);
  const actor = await getActor(request);
  const access = await groupAccess(actor, meeting.group);
  const mayWrite = can(actor, "minutes.write", { access, meeting });
  const versions = await minutesVersions(meeting.id);
  const readable = versions.filter((version) => can(actor, "minutes.readVersion", { access, meeting, version }));
  const meetingVisible = can(actor, "meeting.see", { access, meeting });
  return { network, actor, meeting, access, mayWrite, versions, readable, meetingVisible };
}

/**
 * Nothing here for this reader: a visitor is asked to sign in (they may be a member), anyone
 * else gets a 404 (group-only minutes are not revealed).
 */
export async function notReadable(request: Request, actor: Actor | null): Promise<never> {
  if (!actor) await requireActor(request);
  throw notFound();
}

/**
 * The trigger "Minutes_frozen" refuses any change to a published version (SQLSTATE P0001). It only
 * fires when the version was published between our check and our write.
 */
export function isFrozenByDatabase(error: unknown) {
  const e = error as { message?: unknown; cause?: { message?: unknown } } | null;
  return /minutes \S+ are published and (frozen|cannot be deleted)/.test(`${e?.message ?? ""} ${e?.cause?.message ?? ""}`);
}
