// The demo network's working groups: ten groups with their facilitator, member organisations and
// participants; a monthly series each, from twelve months ago to four months ahead; past meetings
// with their register, published minutes (a few in Dutch; visibility group, network or public in
// turn) and action items (older ones done, recent ones open, some overdue); the next meeting's
// agenda. Rows are written with createMany and ids made here, so the whole year takes a few
// statements: the seed runs at the first `npm start` and in tests.
import { randomUUID } from "node:crypto";

import type { Prisma } from "#app/generated/prisma/client";
import { addDays, brusselsInstant, expandRule, parseDateKey, parseTimeOfDay, publicHolidayOn, todayInBrussels, weekdayOf } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { escapeHtml } from "#app/utils/email.server";
import { minutesSearchText } from "#app/utils/rich-text.server";

import { DEMO_DUTCH_MINUTES, DEMO_DUTCH_MONTHS, DEMO_FACILITATORS, DEMO_GROUPS, type DemoGroup } from "./demo-groups";

const VISIBILITIES = ["network", "group", "public"] as const;
const MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

const paragraph = (text: string) => `<p>${escapeHtml(text)}</p>`;
const list = (items: string[]) => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;

export async function seedGroups(
  tx: Prisma.TransactionClient,
  networkId: string,
  orgIds: Map<string, string>,
  userIds: Map<string, string>,
  passwordHash: string,
) {
  const at = now();
  const today = todayInBrussels(at);
  const coordinatorId = userIds.get("coordination@demo.maillage.be") ?? null;
  const org = (name: string) => {
    const id = orgIds.get(name);
    if (!id) throw new Error(`Demo groups: unknown organisation ${name}`);
    return id;
  };

  // The facilitators who are not demo logins: delegates of their organisation, same password.
  const people = DEMO_FACILITATORS.map((p) => ({ ...p, id: randomUUID() }));
  await tx.user.createMany({ data: people.map((p) => ({ id: p.id, email: p.email, name: p.name, passwordHash, locale: "fr" })) });
  await tx.delegate.createMany({ data: people.map((p) => ({ organisationId: org(p.organisation), userId: p.id, role: "titular" })) });
  for (const p of people) userIds.set(p.email, p.id);
  // Who takes part for each organisation: its delegates among the demo people.
  const delegatesOf = new Map<string, string[]>();
  for (const p of [...people, ...DEMO_GROUPS.map((g) => g.facilitator)]) {
    const id = userIds.get(p.email);
    if (!id) continue;
    const list = delegatesOf.get(p.organisation) ?? [];
    if (!list.includes(id)) list.push(id);
    delegatesOf.set(p.organisation, list);
  }

  // A year back from the first of this month, four months ahead.
  const startOn = `${addMonths(today.slice(0, 7), -12)}-01`;
  const untilOn = addDays(`${addMonths(today.slice(0, 7), 5)}-01`, -1);

  const rows = {
    groups: [] as Prisma.WorkingGroupCreateManyInput[],
    facilitators: [] as Prisma.GroupFacilitatorCreateManyInput[],
    memberships: [] as Prisma.GroupMembershipCreateManyInput[],
    participants: [] as Prisma.GroupParticipantCreateManyInput[],
    series: [] as Prisma.MeetingSeriesCreateManyInput[],
    meetings: [] as Prisma.MeetingCreateManyInput[],
    attendance: [] as Prisma.AttendanceCreateManyInput[],
    minutes: [] as Prisma.MinutesCreateManyInput[],
    actions: [] as Prisma.ActionItemCreateManyInput[],
    agenda: [] as Prisma.AgendaItemCreateManyInput[],
  };

  DEMO_GROUPS.forEach((group, g) => {
    const groupId = randomUUID();
    const facilitatorId = userIds.get(group.facilitator.email);
    if (!facilitatorId) throw new Error(`Demo groups: unknown facilitator ${group.facilitator.email}`);
    const facilitatorOrg = org(group.facilitator.organisation);
    const joined = new Date(`${startOn}T08:00:00Z`);
    rows.groups.push({
      id: groupId,
      networkId,
      slug: group.slug,
      name: group.name,
      theme: group.theme,
      description: group.description,
      joinPolicy: group.joinPolicy,
      createdAt: joined,
    });
    rows.facilitators.push({ groupId, userId: facilitatorId, createdAt: joined });
    for (const name of group.members) {
      rows.memberships.push({ groupId, organisationId: org(name), status: "active", decidedById: coordinatorId, decidedAt: joined, createdAt: joined });
      for (const userId of delegatesOf.get(name) ?? []) rows.participants.push({ groupId, organisationId: org(name), userId, createdAt: joined });
    }

    const seriesId = randomUUID();
    const uid = `series-${seriesId}@maillage.demo`;
    const startMinutes = parseTimeOfDay(group.series.from)!;
    const endMinutes = parseTimeOfDay(group.series.to)!;
    const title = `Groupe ${group.name}`;
    rows.series.push({
      id: seriesId,
      groupId,
      uid,
      frequency: "monthly",
      interval: 1,
      weekday: group.series.weekday,
      ordinal: group.series.ordinal,
      startOn: parseDateKey(startOn)!,
      untilOn: parseDateKey(untilOn)!,
      startMinutes,
      endMinutes,
      title,
      place: group.series.place,
      videoUrl: group.series.videoUrl ?? null,
      isPublic: group.series.isPublic ?? false,
      createdById: coordinatorId,
      createdAt: joined,
    });
    const days = expandRule({ frequency: "monthly", interval: 1, weekday: group.series.weekday, ordinal: group.series.ordinal, startOn, untilOn });
    let nextDone = false;
    const lastPast = days.filter((d) => brusselsInstant(workingDayFrom(d), endMinutes).getTime() < at.getTime()).length - 1;
    days.forEach((ruleDay, i) => {
      // A date of the rule on a public holiday was moved by the group to the next working day,
      // as an edited occurrence: its recurrence id stays the rule's date.
      const day = workingDayFrom(ruleDay);
      const startsAt = brusselsInstant(day, startMinutes);
      const endsAt = brusselsInstant(day, endMinutes);
      const meetingId = randomUUID();
      const past = endsAt.getTime() < at.getTime();
      rows.meetings.push({
        id: meetingId,
        groupId,
        seriesId,
        uid,
        recurrenceId: brusselsInstant(ruleDay, startMinutes),
        title,
        startsAt,
        endsAt,
        place: group.series.place,
        videoUrl: group.series.videoUrl ?? null,
        isPublic: group.series.isPublic ?? false,
        noteTakerId: past ? facilitatorId : null,
        attendanceTakenAt: past ? endsAt : null,
        reminderSentAt: past ? new Date(startsAt.getTime() - 2 * 86_400_000) : null,
        createdById: coordinatorId,
        createdAt: joined,
      });
      if (!past) {
        if (!nextDone) {
          nextDone = true;
          group.agenda.forEach((item, position) =>
            rows.agenda.push({
              meetingId,
              position,
              title: item,
              ownerName: position === 0 ? group.facilitator.name : "",
              durationMinutes: position === 0 ? 10 : 30,
            }),
          );
        }
        return;
      }
      group.members.forEach((name, j) => {
        rows.attendance.push({
          meetingId,
          organisationId: org(name),
          status: attendanceOf(group, g, i, j),
          recordedById: facilitatorId,
          recordedAt: endsAt,
        });
      });
      // The Santé group's latest minutes wait for the facilitator's approval: a flow to try.
      const waiting = group.slug === "sante" && i === lastPast;
      rows.minutes.push(minutesOf(group, g, i, day, title, meetingId, facilitatorId, facilitatorOrg, endsAt, at, waiting));
      const ks = [i, i + 1];
      // Whatever the day the demo is seeded, the facilitator's organisation has something open
      // from the latest meeting (the README and a browser test send its delegate to see it).
      const own = group.actions.findIndex((a) => a.organisation === group.facilitator.organisation);
      if (i === lastPast && own !== -1 && !ks.some((k) => k % group.actions.length === own)) ks.push(own);
      for (const k of ks) {
        const action = group.actions[k % group.actions.length];
        const due = addDays(day, 28 + (k % 3) * 7);
        // Older actions are done, recent ones open (some already late); one old one was forgotten.
        const done = due < addDays(today, -45) && i !== 2;
        rows.actions.push({
          meetingId,
          groupId,
          what: action.what,
          organisationId: org(action.organisation),
          dueOn: parseDateKey(due)!,
          status: done ? "done" : "open",
          doneAt: done ? brusselsInstant(addDays(due, -3), 10 * 60) : null,
          createdAt: endsAt,
        });
      }
    });
  });

  await tx.workingGroup.createMany({ data: rows.groups });
  await tx.groupFacilitator.createMany({ data: rows.facilitators });
  await tx.groupMembership.createMany({ data: rows.memberships });
  await tx.groupParticipant.createMany({ data: rows.participants });
  await tx.meetingSeries.createMany({ data: rows.series });
  await tx.meeting.createMany({ data: rows.meetings });
  await tx.attendance.createMany({ data: rows.attendance });
  await tx.minutes.createMany({ data: rows.minutes });
  await tx.actionItem.createMany({ data: rows.actions });
  await tx.agendaItem.createMany({ data: rows.agenda });
}

function minutesOf(
  group: DemoGroup,
  g: number,
  i: number,
  day: string,
  meetingTitle: string,
  meetingId: string,
  authorId: string,
  authorOrganisationId: string,
  endsAt: Date,
  at: Date,
  waiting: boolean,
): Prisma.MinutesCreateManyInput {
  const dutch = DEMO_DUTCH_MONTHS[group.slug]?.includes(i) ?? false;
  const month = MONTHS_FR[Number(day.slice(5, 7)) - 1];
  const statuses = group.members.map((_, j) => attendanceOf(group, g, i, j));
  const present = statuses.filter((st) => st === "present").length;
  const excused = statuses.filter((st) => st === "excused").length;
  let body: string;
  let decisions: string;
  if (dutch) {
    const [a, b] = [DEMO_DUTCH_MINUTES.topics[i % 3], DEMO_DUTCH_MINUTES.topics[(i + 1) % 3]];
    body = [
      paragraph(
        `Vergadering van de werkgroep ${group.name}. ${present} ${present === 1 ? "dienst" : "diensten"} aanwezig, ${excused} verontschuldigd. Voorzitter: ${group.facilitator.name}.`,
      ),
      `<h3>${escapeHtml(a.title)}</h3>`,
      paragraph(a.text),
      `<h3>${escapeHtml(b.title)}</h3>`,
      paragraph(b.text),
    ].join("");
    decisions = list(DEMO_DUTCH_MINUTES.decisions);
  } else {
    const [a, b] = [group.topics[i % group.topics.length], group.topics[(i + 1) % group.topics.length]];
    body = [
      paragraph(
        `Réunion ${ofMonth(month)} du groupe ${group.name}. ${frenchCount(present, "service présent", "services présents")}, ${frenchCount(excused, "excusé", "excusés")}. Animation : ${group.facilitator.name}. Le compte rendu de la réunion précédente est approuvé sans remarque.`,
      ),
      `<h3>${escapeHtml(a.title)}</h3>`,
      paragraph(a.text),
      `<h3>${escapeHtml(b.title)}</h3>`,
      paragraph(b.text),
      "<h3>Tour de table</h3>",
      paragraph(
        "Chaque service partage ses nouvelles : changements d'horaires, nouvelles personnes dans les équipes, places disponibles. Les informations sont reprises dans l'agenda du réseau.",
      ),
    ].join("");
    decisions = list([group.decisions[i % group.decisions.length]]);
  }
  const submittedAt = new Date(Math.min(endsAt.getTime() + 3 * 86_400_000, at.getTime() - 60_000));
  const publishedAt = new Date(Math.min(endsAt.getTime() + 7 * 86_400_000, at.getTime() - 60_000));
  return {
    meetingId,
    version: 1,
    status: waiting ? "submitted" : "published",
    body,
    decisions,
    language: dutch ? "nl" : "fr",
    visibility: waiting ? null : VISIBILITIES[(i + g) % 3],
    authorId,
    authorOrganisationId,
    submittedAt,
    approvedAt: waiting ? null : publishedAt,
    approvedById: waiting ? null : authorId,
    publishedAt: waiting ? null : publishedAt,
    publishedById: waiting ? null : authorId,
    searchText: minutesSearchText(meetingTitle, decisions, body),
    createdAt: endsAt,
  };
}

/**
 * Who came: a fixed pattern per group and meeting. The facilitator's organisation takes the notes
 * (noteTakerId), so it is always present.
 */
function attendanceOf(group: DemoGroup, g: number, i: number, j: number): "present" | "excused" | "absent" {
  if (group.members[j] === group.facilitator.organisation) return "present";
  const roll = (i * 7 + j * 3 + g) % 10;
  return roll === 0 ? "absent" : roll === 1 ? "excused" : "present";
}

/** French agreement: "1 excusé", "0 excusé", "3 excusés" (0 and 1 take the singular). */
function frenchCount(n: number, one: string, many: string) {
  return `${n} ${n <= 1 ? one : many}`;
}

/** "de mars", but "d'avril", "d'août", "d'octobre". */
function ofMonth(month: string) {
  return /^[aeiouéh]/.test(month) ? `d'${month}` : `de ${month}`;
}

/** The day itself, or the next day that is neither a weekend nor a public holiday. */
function workingDayFrom(day: string) {
  let d = day;
  while (publicHolidayOn(d) || weekdayOf(d) > 5) d = addDays(d, 1);
  return d;
}

/** "2026-11" plus n months. */
function addMonths(month: string, n: number) {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}
