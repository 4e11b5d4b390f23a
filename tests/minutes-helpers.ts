// A working group with its people, and calls to the minutes routes as the browser makes them,
// shared by the minutes and attendance tests.
import { action as actionAction, loader as actionLoader } from "#app/routes/$network+/actions_.$id";
import { action as attendanceAction, loader as attendanceLoader } from "#app/routes/$network+/meetings+/$meeting_.attendance";
import { action as minutesAction, loader as minutesLoader } from "#app/routes/$network+/meetings+/$meeting_.minutes";
import { action as editAction, loader as editLoader } from "#app/routes/$network+/meetings+/$meeting_.minutes_.edit";
import { loader as pdfLoader } from "#app/routes/$network+/meetings+/$meeting_.minutes_.pdf";
import { loader as versionLoader } from "#app/routes/$network+/meetings+/$meeting_.minutes_.v.$version";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import {
  addGroupMember,
  createGroup,
  createMeeting,
  createNetwork,
  createOrganisation,
  createUser,
  makeCoordinator,
  makeDelegate,
  makeFacilitator,
  makeRequest,
  sessionCookie,
} from "#tests/factories";
import { call } from "#tests/route-call";

const DAY = 86_400_000;

/**
 * A network with a group: :orgA (note-taker Nadia) and :orgB (Bruno, also facilitator) are
 * members; :outsideOrg is in the network but not in the group (Olivier); Sam has no role at all.
 */
export async function groupSetting() {
  const network = await createNetwork();
  const group = await createGroup(network.id, { name: "Logement" });
  const [orgA, orgB, outsideOrg] = await Promise.all([
    createOrganisation(network.id, { name: "Asbl Alpha" }),
    createOrganisation(network.id, { name: "Asbl Bêta" }),
    createOrganisation(network.id, { name: "Asbl Dehors" }),
  ]);
  const coordinator = await createUser({ name: "Claire Coordination" });
  const noteTaker = await createUser({ name: "Nadia Notes", locale: "fr" });
  const facilitator = await createUser({ name: "Bruno Anime", locale: "nl" });
  const outsider = await createUser({ name: "Olivier Dehors" });
  const stranger = await createUser({ name: "Sam Personne" });
  await makeCoordinator(network.id, coordinator.id);
  await makeDelegate(orgA.id, noteTaker.id);
  await makeDelegate(orgB.id, facilitator.id);
  await makeDelegate(outsideOrg.id, outsider.id);
  await addGroupMember(group.id, orgA.id, [noteTaker.id]);
  await addGroupMember(group.id, orgB.id, [facilitator.id]);
  await makeFacilitator(group.id, facilitator.id);
  const meeting = await createMeeting(group.id, { title: "Réunion de novembre", startsAt: new Date(now().getTime() - 2 * DAY) });
  const cookies = {
    coordinator: await sessionCookie(coordinator.id),
    noteTaker: await sessionCookie(noteTaker.id),
    facilitator: await sessionCookie(facilitator.id),
    outsider: await sessionCookie(outsider.id),
    stranger: await sessionCookie(stranger.id),
  };
  return { network, group, orgA, orgB, outsideOrg, coordinator, noteTaker, facilitator, outsider, stranger, meeting, cookies };
}
export type Setting = Awaited<ReturnType<typeof groupSetting>>;

export const futureMeeting = (s: Setting, days = 20) =>
  createMeeting(s.group.id, { title: "Réunion suivante", startsAt: new Date(now().getTime() + days * DAY) });

const params = (s: Setting, meetingId = s.meeting.id) => ({ network: s.network.slug, meeting: meetingId });
const path = (s: Setting, rest: string, meetingId = s.meeting.id) => `/${s.network.slug}/meetings/${meetingId}/${rest}`;

export const readMinutes = (s: Setting, cookie?: string, meetingId?: string) =>
  call(minutesLoader, makeRequest(path(s, "minutes", meetingId), { cookie }), params(s, meetingId));
export const postMinutes = (s: Setting, form: Record<string, string>, cookie?: string, meetingId?: string) =>
  call(minutesAction, makeRequest(path(s, "minutes", meetingId), { method: "POST", form, cookie }), params(s, meetingId));
export const readEdit = (s: Setting, cookie?: string) => call(editLoader, makeRequest(path(s, "minutes/edit"), { cookie }), params(s));
export const postEdit = (s: Setting, form: Record<string, string>, cookie?: string) =>
  call(editAction, makeRequest(path(s, "minutes/edit"), { method: "POST", form, cookie }), params(s));
export const readVersion = (s: Setting, version: number | string, cookie?: string) =>
  call(versionLoader, makeRequest(path(s, `minutes/v/${version}`), { cookie }), { ...params(s), version: String(version) });
export const readPdf = (s: Setting, cookie?: string, query = "") => {
  const request = makeRequest(path(s, `minutes/pdf${query}`), { cookie });
  return pdfLoader({ request, params: params(s), context: {} }) as Promise<Response>;
};
export const readAttendance = (s: Setting, cookie?: string, meetingId?: string) =>
  call(attendanceLoader, makeRequest(path(s, "attendance", meetingId), { cookie }), params(s, meetingId));
export const postAttendance = (s: Setting, form: Record<string, string>, cookie?: string, meetingId?: string) =>
  call(attendanceAction, makeRequest(path(s, "attendance", meetingId), { method: "POST", form, cookie }), params(s, meetingId));
export const readAction = (s: Setting, id: string, cookie?: string) =>
  call(actionLoader, makeRequest(`/${s.network.slug}/actions/${id}`, { cookie }), { network: s.network.slug, id });
export const postAction = (s: Setting, id: string, form: Record<string, string>, cookie?: string) =>
  call(actionAction, makeRequest(`/${s.network.slug}/actions/${id}`, { method: "POST", form, cookie }), { network: s.network.slug, id });

/** The edit form as the plain (no-JavaScript) textarea posts it. */
export function draftForm(overrides: Record<string, string> = {}) {
  return {
    intent: "save",
    language: "fr",
    bodyFormat: "text",
    body: "Tour de table.\n\n- Logement d'urgence\n- Permanences",
    decisionsFormat: "text",
    decisions: "Le groupe écrira au CPAS.",
    ...overrides,
  };
}

export const latestMinutes = (meetingId: string) => prisma.minutes.findFirstOrThrow({ where: { meetingId }, orderBy: { version: "desc" } });
