// The minutes of a meeting: a member association's delegate takes the notes (the note-taker, a
// volunteer or named by a manager of the group), writes them, and the group's managers
// (coordinators of the network, facilitators of the group) approve and publish them.
//
// One row per version. The workflow is a small state machine, checked here whatever the page:
//
//   draft ──submit──▶ submitted ──approve──▶ approved ──publish──▶ published ──(next version
//     ▲                 │  │                                                    published)──▶ superseded
//     └─────reopen──────┘  └─ "approve at the next meeting": an agenda item there, still submitted
//
// Anything else is refused with a sentence and changes nothing. A published version is frozen (the
// database trigger "Minutes_frozen" refuses changes too; we check first so people get a sentence):
// a correction is a new version (a copy of the text; action items belong to the meeting and stay),
// which goes through the same workflow and, once published, marks the previous one superseded.
//
// Rich text is sanitized before it is stored (and again before display), and `searchText` is
// always written with minutesSearchText() in the same update: the database derives the search
// vector from it.
import { type Actor, organisationIdsOf } from "#app/access/actor";
import { can } from "#app/access/can";
import type { GroupAccess } from "#app/access/group";
import type { Prisma } from "#app/generated/prisma/client";
import { audit } from "#app/utils/audit.server";
import { formatDate } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import {
  ACTION_STATUSES,
  type ActionStatus,
  MINUTES_LANGUAGES,
  MINUTES_VISIBILITIES,
  minutesLanguage,
  type MinutesStatus,
  type MinutesVisibility,
} from "#app/utils/domain";
import { emailLayout, sendEmail } from "#app/utils/email.server";
import { getEnv } from "#app/utils/env.server";
import { invalid, notFound, refused } from "#app/utils/errors.server";
import { isLocale, makeT } from "#app/utils/i18n";
import { claimSubmission } from "#app/utils/idempotency.server";
import { meetingUrl } from "#app/utils/paths";
import { minutesSearchText, sanitizeRichText } from "#app/utils/rich-text.server";

type Tx = Prisma.TransactionClient;

// --- The meeting ------------------------------------------------------------------------------

const meetingSelect = {
  id: true,
  title: true,
  startsAt: true,
  endsAt: true,
  status: true,
  isPublic: true,
  noteTakerId: true,
  attendanceTakenAt: true,
  groupId: true,
  group: { select: { id: true, slug: true, name: true, kind: true, networkId: true, joinPolicy: true, archivedAt: true } },
  noteTaker: { select: { id: true, name: true } },
} satisfies Prisma.MeetingSelect;
export type MeetingRef = Prisma.MeetingGetPayload<{ select: typeof meetingSelect }>;

/** The meeting named in the URL, in this network, or a 404. */
export async function requireMeeting(networkId: string, meetingId: string | undefined): Promise<MeetingRef> {
  const meeting = meetingId ? await prisma.meeting.findFirst({ where: { id: meetingId, group: { networkId } }, select: meetingSelect }) : null;
  if (!meeting) throw notFound();
  return meeting;
}

// --- Who may do what: app/access/minutes.ts (can(actor, "minutes.write" | "minutes.manage" | …)) ---

type Transition = "submit" | "reopen" | "approve" | "approveAtNextMeeting" | "publish";
export const TRANSITIONS = ["submit", "reopen", "approve", "approveAtNextMeeting", "publish"] as const satisfies readonly Transition[];

const RULES: Record<Transition, { from: MinutesStatus[]; to: MinutesStatus; who: "writer" | "manager"; refused: string }> = {
  submit: { from: ["draft"], to: "submitted", who: "writer", refused: "minutes.error.cannotSubmit" },
  reopen: { from: ["submitted"], to: "draft", who: "writer", refused: "minutes.error.cannotReopen" },
  approve: { from: ["submitted"], to: "approved", who: "manager", refused: "minutes.error.cannotApprove" },
  approveAtNextMeeting: { from: ["submitted"], to: "submitted", who: "manager", refused: "minutes.error.cannotApprove" },
  publish: { from: ["approved"], to: "published", who: "manager", refused: "minutes.error.cannotPublish" },
};

/** Null when `transition` may leave `status`, else the sentence that says why not. */
export function refusal(status: string, transition: Transition): string | null {
  const rule = RULES[transition];
  if ((rule.from as string[]).includes(status)) return null;
  if (status === "published" || status === "superseded") return "minutes.error.frozen";
  return rule.refused;
}

/** The transitions this person may make from this status (for the buttons shown). */
export function allowedTransitions(status: string, mayWrite: boolean, mayManage: boolean): Transition[] {
  return TRANSITIONS.filter((t) => refusal(status, t) === null && (RULES[t].who === "writer" ? mayWrite : mayManage));
}

// --- Reading ----------------------------------------------------------------------------------

const versionSelect = {
  id: true,
  version: true,
  status: true,
  body: true,
  decisions: true,
  language: true,
  visibility: true,
  correctionNote: true,
  submittedAt: true,
  approvedAt: true,
  approvalMeetingId: true,
  publishedAt: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
  authorOrganisation: { select: { id: true, name: true } },
  approvedBy: { select: { name: true } },
  publishedBy: { select: { name: true } },
} satisfies Prisma.MinutesSelect;
export type MinutesVersion = Prisma.MinutesGetPayload<{ select: typeof versionSelect }>;

/** Every version of the meeting's minutes, newest first. */
export function minutesVersions(meetingId: string) {
  return prisma.minutes.findMany({ where: { meetingId }, orderBy: { version: "desc" }, select: versionSelect });
}

/** The stored HTML cleaned again for display (the allow-list may have tightened since). */
export function forDisplay<T extends { body: string; decisions: string }>(version: T): T {
  return { ...version, body: sanitizeRichText(version.body), decisions: sanitizeRichText(version.decisions) };
}

/** The people who may be named note-taker: delegates of the group's active member organisations. */
export async function noteTakerCandidates(groupId: string) {
  const delegates = await prisma.delegate.findMany({
    where: { organisation: { groupMemberships: { some: { groupId, status: "active" } } } },
    select: { user: { select: { id: true, name: true } }, organisation: { select: { name: true } } },
  });
  const seen = new Map<string, { id: string; name: string; organisation: string }>();
  for (const d of delegates) if (!seen.has(d.user.id)) seen.set(d.user.id, { id: d.user.id, name: d.user.name, organisation: d.organisation.name });
  const collator = new Intl.Collator("fr", { sensitivity: "base" });
  return [...seen.values()].sort((a, b) => collator.compare(a.name, b.name));
}

/** The group's active member organisations (who an action item may be given to). */
export function groupOrganisations(groupId: string, db: Pick<Tx, "organisation"> = prisma) {
  return db.organisation.findMany({
    where: { groupMemberships: { some: { groupId, status: "active" } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

export function meetingActionItems(meetingId: string) {
  return prisma.actionItem.findMany({
    where: { meetingId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, what: true, dueOn: true, status: true, organisation: { select: { id: true, name: true } } },
  });
}

// --- The note-taker ---------------------------------------------------------------------------

type Ctx = { networkId: string; actor: Actor; access: GroupAccess; meeting: MeetingRef };

/** A participant offers to take the notes (only while nobody does). */
export async function volunteer({ networkId, actor, access, meeting }: Ctx) {
  if (!can(actor, "minutes.volunteer", { access })) throw refused("minutes.error.notParticipant");
  await transaction(async (tx) => {
    const taken = await tx.meeting.updateMany({ where: { id: meeting.id, noteTakerId: null }, data: { noteTakerId: actor.userId } });
    if (taken.count === 0) throw invalid("minutes.error.noteTakerTaken");
    await audit(tx, {
      networkId,
      actorId: actor.userId,
      action: "meeting.noteTaker",
      entityType: "meeting",
      entityId: meeting.id,
      after: { noteTakerId: actor.userId, volunteered: true },
    });
  });
}

/** A manager names the note-taker (a delegate of a member organisation), or nobody. */
export async function nameNoteTaker({ networkId, actor, access, meeting }: Ctx, userId: string | null) {
  if (!can(actor, "minutes.manage", { access })) throw refused("error.forbidden");
  if (userId && !(await noteTakerCandidates(meeting.groupId)).some((c) => c.id === userId)) throw invalid("minutes.error.notACandidate", "noteTaker");
  await transaction(async (tx) => {
    await tx.meeting.update({ where: { id: meeting.id }, data: { noteTakerId: userId } });
    await audit(tx, {
      networkId,
      actorId: actor.userId,
      action: "meeting.noteTaker",
      entityType: "meeting",
      entityId: meeting.id,
      before: { noteTakerId: meeting.noteTakerId },
      after: { noteTakerId: userId },
    });
  });
}

// --- Writing ----------------------------------------------------------------------------------

/** `organisationId` null: no organisation named, the group follows it up together. */
export type ActionItemInput = { id?: string; what: string; organisationId: string | null; dueOn: Date | null; status: ActionStatus };
export type MinutesInput = {
  /** HTML from the editor, or already converted from the plain format: sanitized here. */
  body: string;
  decisions: string;
  language: string;
  actionItems: ActionItemInput[];
};

async function authorOrganisation(tx: Tx, actor: Actor, groupId: string) {
  const mine = organisationIdsOf(actor);
  if (!mine.length) return null;
  const m = await tx.groupMembership.findFirst({ where: { groupId, status: "active", organisationId: { in: mine } }, select: { organisationId: true } });
  return m?.organisationId ?? null;
}

/**
 * Saves the draft (the first save creates version 1): text, decisions, language and the meeting's
 * action items (rows with an id are updated, rows without one created, the meeting's items left
 * out of the list removed). Only a draft is written.
 */
export async function saveMinutes({ networkId, actor, access, meeting }: Ctx, input: MinutesInput) {
  if (!can(actor, "minutes.write", { access, meeting })) throw refused("error.forbidden");
  if (!(MINUTES_LANGUAGES as readonly string[]).includes(input.language)) throw invalid("form.invalid", "language");
  const body = sanitizeRichText(input.body);
  const decisions = sanitizeRichText(input.decisions);
  const searchText = minutesSearchText(meeting.title, decisions, body);
  return transaction(async (tx) => {
    const latest = await tx.minutes.findFirst({
      where: { meetingId: meeting.id },
      orderBy: { version: "desc" },
      select: { id: true, version: true, status: true, body: true, decisions: true, language: true },
    });
    if (latest && latest.status !== "draft") {
      throw invalid(latest.status === "published" || latest.status === "superseded" ? "minutes.error.frozen" : "minutes.error.notDraft");
    }
    let minutes: { id: string; version: number };
    if (!latest) {
      minutes = await tx.minutes.create({
        data: {
          meetingId: meeting.id,
          version: 1,
          status: "draft",
          body,
          decisions,
          language: input.language,
          searchText,
          authorId: actor.userId,
          authorOrganisationId: await authorOrganisation(tx, actor, meeting.groupId),
        },
        select: { id: true, version: true },
      });
    } else {
      // Guarded by status: a submit that won the race leaves this save refused, not half-applied.
      const saved = await tx.minutes.updateMany({ where: { id: latest.id, status: "draft" }, data: { body, decisions, language: input.language, searchText } });
      if (saved.count === 0) throw invalid("minutes.error.notDraft");
      minutes = latest;
    }
    const changes = await saveActionItems(tx, meeting, input.actionItems);
    await audit(tx, {
      networkId,
      actorId: actor.userId,
      action: latest ? "minutes.update" : "minutes.create",
      entityType: "minutes",
      entityId: minutes.id,
      before: latest ? { language: latest.language, bodyLength: latest.body.length, decisionsLength: latest.decisions.length } : undefined,
      after: { version: minutes.version, language: input.language, bodyLength: body.length, decisionsLength: decisions.length, actionItems: changes },
    });
    return minutes;
  });
}

async function saveActionItems(tx: Tx, meeting: MeetingRef, items: ActionItemInput[]) {
  const existing = await tx.actionItem.findMany({ where: { meetingId: meeting.id }, select: { id: true, organisationId: true, status: true } });
  const byId = new Map(existing.map((e) => [e.id, e]));
  const allowed = new Set((await groupOrganisations(meeting.groupId, tx)).map((o) => o.id));
  items.forEach((item, index) => {
    if (item.id && !byId.has(item.id)) throw invalid("minutes.error.actionUnknown", `actions[${index}].what`);
    // An organisation that left the group keeps the actions it already had.
    const kept = item.id && byId.get(item.id)!.organisationId === item.organisationId;
    if (item.organisationId !== null && !allowed.has(item.organisationId) && !kept)
      throw invalid("minutes.error.actionOrganisation", `actions[${index}].organisation`);
    if (!(ACTION_STATUSES as readonly string[]).includes(item.status)) throw invalid("form.invalid", `actions[${index}].status`);
  });
  const keep = new Set(items.map((i) => i.id).filter(Boolean));
  const removed = existing.filter((e) => !keep.has(e.id)).map((e) => e.id);
  if (removed.length) await tx.actionItem.deleteMany({ where: { id: { in: removed }, meetingId: meeting.id } });
  let created = 0;
  for (const item of items) {
    const data = { what: item.what, organisationId: item.organisationId, dueOn: item.dueOn, status: item.status };
    if (item.id) {
      const before = byId.get(item.id)!;
      await tx.actionItem.update({
        where: { id: item.id },
        data: { ...data, doneAt: item.status === "done" ? (before.status === "done" ? undefined : now()) : null },
      });
    } else {
      await tx.actionItem.create({ data: { ...data, meetingId: meeting.id, groupId: meeting.groupId, doneAt: item.status === "done" ? now() : null } });
      created++;
    }
  }
  return { created, removed: removed.length, kept: items.length - created };
}

// --- The workflow -----------------------------------------------------------------------------

/**
 * Moves the minutes along the workflow. `visibility` is required to publish. Returns what the
 * page tells the person (e-mails queued, the meeting where approval was put on the agenda).
 */
export async function transition(
  { networkId, actor, access, meeting }: Ctx,
  minutesId: string,
  name: Transition,
  options: { visibility?: string | null } = {},
): Promise<{ emails?: number; nextMeeting?: { id: string; title: string; startsAt: Date } }> {
  const rule = RULES[name];
  if (!can(actor, rule.who === "manager" ? "minutes.manage" : "minutes.write", { access, meeting })) throw refused("error.forbidden");
  if (name === "publish" && !(MINUTES_VISIBILITIES as readonly string[]).includes(options.visibility ?? ""))
    throw invalid("minutes.error.visibilityRequired", "visibility");
  return transaction(async (tx) => {
    const minutes = await tx.minutes.findFirst({
      where: { id: minutesId, meetingId: meeting.id },
      select: { id: true, version: true, status: true, body: true, decisions: true, language: true, approvalMeetingId: true },
    });
    if (!minutes) throw notFound("error.notFound");
    const refused = refusal(minutes.status, name);
    if (refused) throw invalid(refused);
    const at = now();
    let result: Awaited<ReturnType<typeof transition>> = {};
    let data: Prisma.MinutesUncheckedUpdateManyInput = {};
    if (name === "submit") {
      if (!sanitizeRichText(minutes.body)) throw invalid("minutes.error.bodyEmpty", "body");
      data = { status: "submitted", submittedAt: at };
    } else if (name === "reopen") {
      data = { status: "draft" };
    } else if (name === "approve") {
      data = { status: "approved", approvedAt: at, approvedById: actor.userId };
    } else if (name === "approveAtNextMeeting") {
      if (minutes.approvalMeetingId) throw invalid("minutes.error.alreadyOnAgenda");
      const next = await tx.meeting.findFirst({
        where: {
          groupId: meeting.groupId,
          status: "scheduled",
          id: { not: meeting.id },
          startsAt: { gt: new Date(Math.max(at.getTime(), meeting.startsAt.getTime())) },
        },
        orderBy: { startsAt: "asc" },
        select: { id: true, title: true, startsAt: true },
      });
      if (!next) throw invalid("minutes.error.noNextMeeting");
      const last = await tx.agendaItem.findFirst({ where: { meetingId: next.id }, orderBy: { position: "desc" }, select: { position: true } });
      // Written in the language of the minutes: the agenda is shared by the group.
      const t = makeT(minutesLanguage(minutes.language));
      await tx.agendaItem.create({
        data: {
          meetingId: next.id,
          position: (last?.position ?? 0) + 1,
          title: t("minutes.agendaApproval", { meeting: meeting.title, date: formatDate(meeting.startsAt, t.locale) }),
          status: "accepted",
          minutesId: minutes.id,
          proposedById: actor.userId,
        },
      });
      data = { approvalMeetingId: next.id };
      result = { nextMeeting: next };
    } else if (name === "publish") {
      // The version published before this one (if any) gives way: the trigger allows only this change.
      await tx.minutes.updateMany({ where: { meetingId: meeting.id, status: "published", id: { not: minutes.id } }, data: { status: "superseded" } });
      data = { status: "published", visibility: options.visibility!, publishedAt: at, publishedById: actor.userId };
    }
    // Conditional on the status read above: two managers clicking at once cannot both move it.
    const moved = await tx.minutes.updateMany({ where: { id: minutes.id, status: minutes.status }, data });
    if (moved.count === 0) throw invalid("minutes.error.changedMeanwhile");
    if (name === "publish")
      result.emails = await announcePublication(tx, networkId, meeting, {
        id: minutes.id,
        version: minutes.version,
        visibility: options.visibility as MinutesVisibility,
      });
    await audit(tx, {
      networkId,
      actorId: actor.userId,
      action: `minutes.${name}`,
      entityType: "minutes",
      entityId: minutes.id,
      before: { status: minutes.status },
      after: {
        status: rule.to,
        version: minutes.version,
        ...(data.visibility ? { visibility: data.visibility } : {}),
        ...(result.nextMeeting ? { approvalMeetingId: result.nextMeeting.id } : {}),
      },
    });
    return result;
  });
}

/** Each participant of the group (and each facilitator) gets an e-mail in their own language. */
async function announcePublication(tx: Tx, networkId: string, meeting: MeetingRef, minutes: { id: string; version: number; visibility: MinutesVisibility }) {
  const [participants, facilitators, network] = await Promise.all([
    tx.groupParticipant.findMany({
      where: { groupId: meeting.groupId, organisation: { groupMemberships: { some: { groupId: meeting.groupId, status: "active" } } } },
      select: { user: { select: { id: true, email: true, locale: true } } },
    }),
    tx.groupFacilitator.findMany({ where: { groupId: meeting.groupId }, select: { user: { select: { id: true, email: true, locale: true } } } }),
    tx.network.findUniqueOrThrow({ where: { id: networkId }, select: { slug: true, name: true } }),
  ]);
  const recipients = new Map<string, { email: string; locale: string }>();
  for (const { user } of [...participants, ...facilitators]) recipients.set(user.id, user);
  const url = meetingUrl(getEnv().appUrl, { networkSlug: network.slug, meetingId: meeting.id }, "minutes");
  for (const r of recipients.values()) {
    const t = makeT(isLocale(r.locale) ? r.locale : "fr");
    const vars = { meeting: meeting.title, group: meeting.group.name, date: formatDate(meeting.startsAt, t.locale), version: minutes.version };
    const { html, text } = emailLayout({
      title: t("minutes.email.published.title", vars),
      paragraphs: [
        t(minutes.version > 1 ? "minutes.email.published.correction" : "minutes.email.published.intro", vars),
        t(`minutes.email.published.visibility.${minutes.visibility}`),
      ],
      action: { label: t("minutes.email.published.read"), url },
    });
    await sendEmail({ to: r.email, subject: t("minutes.email.published.subject", vars), html, text, networkId }, tx);
  }
  return recipients.size;
}

/**
 * A correction of published minutes: version n+1, a draft copying the text of the published one,
 * written by the note-taker or a manager. Only one correction at a time.
 */
export async function startCorrection({ networkId, actor, access, meeting }: Ctx, correctionNote: string) {
  if (!can(actor, "minutes.write", { access, meeting })) throw refused("error.forbidden");
  return transaction(async (tx) => {
    const latest = await tx.minutes.findFirst({
      where: { meetingId: meeting.id },
      orderBy: { version: "desc" },
      select: { id: true, version: true, status: true, body: true, decisions: true, language: true, searchText: true },
    });
    if (!latest || latest.status !== "published") throw latest ? invalid("minutes.error.correctionOpen") : notFound();
    const created = await tx.minutes.create({
      data: {
        meetingId: meeting.id,
        version: latest.version + 1,
        status: "draft",
        body: latest.body,
        decisions: latest.decisions,
        language: latest.language,
        searchText: minutesSearchText(meeting.title, latest.decisions, latest.body),
        correctionNote,
        authorId: actor.userId,
        authorOrganisationId: await authorOrganisation(tx, actor, meeting.groupId),
      },
      select: { id: true, version: true },
    });
    await audit(tx, {
      networkId,
      actorId: actor.userId,
      action: "minutes.correct",
      entityType: "minutes",
      entityId: created.id,
      after: { version: created.version, of: latest.id, correctionNote },
    });
    return created;
  });
}

// --- Comments and action items ------------------------------------------------------------------

/**
 * A participant comments on submitted minutes (plain text, shown escaped). With the form's
 * submission key, the same form sent twice stores one comment (null: it was stored already).
 */
export async function addComment({ networkId, actor, access, meeting }: Ctx, minutesId: string, body: string, submissionKey: string | null = null) {
  if (!can(actor, "minutes.comment", { access })) throw refused("error.forbidden");
  const text = body.trim();
  if (!text) throw invalid("form.required", "comment");
  if (text.length > 4000) throw invalid("form.tooLong", "comment");
  return transaction(async (tx) => {
    const minutes = await tx.minutes.findFirst({ where: { id: minutesId, meetingId: meeting.id }, select: { id: true, status: true } });
    if (!minutes) throw notFound("error.notFound");
    if (minutes.status !== "submitted") throw invalid("minutes.error.commentsClosed");
    if (!(await claimSubmission(tx, submissionKey, "minutes.comment", actor.userId))) return null;
    const comment = await tx.minutesComment.create({ data: { minutesId: minutes.id, authorId: actor.userId, body: text }, select: { id: true } });
    await audit(tx, {
      networkId,
      actorId: actor.userId,
      action: "minutes.comment",
      entityType: "minutes",
      entityId: minutes.id,
      after: { commentId: comment.id, length: text.length },
    });
    return comment;
  });
}

export function minutesComments(minutesId: string) {
  return prisma.minutesComment.findMany({
    where: { minutesId },
    orderBy: { createdAt: "asc" },
    select: { id: true, body: true, createdAt: true, author: { select: { name: true } } },
  });
}

/** An action item with what decides who may see and change it. */
export async function requireActionItem(networkId: string, id: string | undefined) {
  const item = id
    ? await prisma.actionItem.findFirst({
        where: { id, group: { networkId } },
        select: {
          id: true,
          what: true,
          status: true,
          dueOn: true,
          doneAt: true,
          organisationId: true,
          organisation: { select: { name: true } },
          group: { select: { id: true, slug: true, name: true, networkId: true } },
          meeting: { select: { id: true, title: true, startsAt: true } },
        },
      })
    : null;
  if (!item) throw notFound();
  return item;
}

export async function updateActionStatus(networkId: string, actor: Actor, access: GroupAccess, itemId: string, status: string) {
  if (!(ACTION_STATUSES as readonly string[]).includes(status)) throw invalid("form.invalid", "status");
  return transaction(async (tx) => {
    const item = await tx.actionItem.findFirst({ where: { id: itemId, group: { networkId } }, select: { id: true, status: true, organisationId: true } });
    if (!item) throw notFound("error.notFound");
    if (!can(actor, "action.update", { access, item })) throw refused("error.forbidden");
    if (item.status === status) return item;
    await tx.actionItem.update({ where: { id: item.id }, data: { status, doneAt: status === "done" ? now() : null } });
    await audit(tx, {
      networkId,
      actorId: actor.userId,
      action: "actionItem.status",
      entityType: "actionItem",
      entityId: item.id,
      before: { status: item.status },
      after: { status },
    });
    return { ...item, status };
  });
}
