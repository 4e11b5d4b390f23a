// Where a meeting and a working group live. Every link, redirect, e-mail and calendar feed builds
// their addresses here (not by hand), so that the routes' URL shape is written once: a meeting is
// /:network/meetings/:meeting (not under its group: it keeps its address if it moves), a group
// /:network/groups/:group. Plain strings in, no encoding: slugs and ids are URL-safe by making.

export type MeetingRef = { networkSlug: string; meetingId: string };
export type GroupRef = { networkSlug: string; groupSlug: string };

/** The pages below a meeting's own (app/routes/$network+/meetings+/$meeting_.*). */
export type MeetingPage = "agenda" | "attendance" | "cancel" | "edit" | "ics" | "minutes" | "minutes/edit" | "minutes/pdf" | `minutes/v/${number}`;
/** The pages below a group's own (app/routes/$network+/groups+/$group_.*). */
export type GroupPage = "edit" | "members";

export function meetingPath({ networkSlug, meetingId }: MeetingRef, page?: MeetingPage) {
  return `/${networkSlug}/meetings/${meetingId}${page ? `/${page}` : ""}`;
}

/** The form that schedules a meeting, for this group when one is given. */
export function newMeetingPath(networkSlug: string, groupSlug?: string) {
  return `/${networkSlug}/meetings/new${groupSlug ? `?group=${encodeURIComponent(groupSlug)}` : ""}`;
}

export function groupPath({ networkSlug, groupSlug }: GroupRef, page?: GroupPage) {
  return `/${networkSlug}/groups/${groupSlug}${page ? `/${page}` : ""}`;
}

// Absolute addresses, for e-mails and calendar feeds. `appUrl` is APP_URL as the configuration
// reads it (getEnv().appUrl, no trailing slash); passed in so that this module stays usable in the
// browser bundle.

export function meetingUrl(appUrl: string, meeting: MeetingRef, page?: MeetingPage) {
  return `${appUrl}${meetingPath(meeting, page)}`;
}

export function groupUrl(appUrl: string, group: GroupRef, page?: GroupPage) {
  return `${appUrl}${groupPath(group, page)}`;
}

/** A general assembly: /:network/assemblies/:assembly (issue 12). */
export function assemblyPath(networkSlug: string, assemblyId: string) {
  return `/${networkSlug}/assemblies/${assemblyId}`;
}

export function assemblyUrl(appUrl: string, networkSlug: string, assemblyId: string) {
  return `${appUrl}${assemblyPath(networkSlug, assemblyId)}`;
}

/** A poll of an assembly: /:network/assemblies/:assembly/polls/:poll, and its vote, published box and paper desk. */
export type PollPage = "vote" | "box" | "paper";
export function pollPath(networkSlug: string, assemblyId: string, pollId: string, page?: PollPage) {
  return `${assemblyPath(networkSlug, assemblyId)}/polls/${pollId}${page ? `/${page}` : ""}`;
}

/** A new poll of an assembly, optionally on one of its agenda items. */
export function newPollPath(networkSlug: string, assemblyId: string, agendaItemId?: string) {
  return `${assemblyPath(networkSlug, assemblyId)}/polls/new${agendaItemId ? `?item=${encodeURIComponent(agendaItemId)}` : ""}`;
}

/** The room screen of an assembly, for a projector. */
export function assemblyScreenPath(networkSlug: string, assemblyId: string) {
  return `${assemblyPath(networkSlug, assemblyId)}/screen`;
}

/** The minutes of an assembly: starts them, or leads to the meeting that holds them. */
export function assemblyMinutesPath(networkSlug: string, assemblyId: string) {
  return `${assemblyPath(networkSlug, assemblyId)}/minutes`;
}

/** The documents of an assembly: the coordinators' upload page, and one document's file. */
export function assemblyDocumentsPath(networkSlug: string, assemblyId: string) {
  return `${assemblyPath(networkSlug, assemblyId)}/documents`;
}

export function assemblyDocumentPath(networkSlug: string, assemblyId: string, documentId: string) {
  return `${assemblyDocumentsPath(networkSlug, assemblyId)}/${documentId}`;
}

/** The coordinators' page recording a paper proxy, and the scan of one. */
export function paperProxyPath(networkSlug: string, assemblyId: string) {
  return `${assemblyPath(networkSlug, assemblyId)}/proxies/paper`;
}

export function proxyScanPath(networkSlug: string, assemblyId: string, proxyId: string) {
  return `${assemblyPath(networkSlug, assemblyId)}/proxies/${proxyId}/scan`;
}

/** The network's comité d'accompagnement: /:network/committee (issue 12). */
export function committeePath(networkSlug: string) {
  return `/${networkSlug}/committee`;
}
