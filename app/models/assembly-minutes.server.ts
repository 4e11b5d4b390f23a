// The minutes of a general assembly (issue 12, item 10; record 013). They are kept by the minutes
// machinery of the working groups, unchanged: the network has one hidden group of kind "assembly"
// (made on first use, at most one per network by a partial unique index), each assembly whose
// minutes are started gets one meeting of that group (Assembly.meetingId), and version 1 of its
// minutes is a draft generated here from what the platform knows: the organisations that attended
// (and with which delegate, by which channel), the proxies, the quorum at closing, the agenda and
// the published results. The meeting's register is filled from the roll (present: checked in at
// some point; absent: the others), so the minutes page and PDF show it as for any meeting. The coordinator then completes it (the debates), submits, approves and
// publishes it like any minutes, with its PDF.
//
// Started once the assembly is closed, when every result that will be known is known. Starting
// twice gives the same meeting.
import { randomUUID } from "node:crypto";

import type { Prisma } from "#app/generated/prisma/client";
import { audit } from "#app/utils/audit.server";
import { formatMeetingStart } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { escapeHtml } from "#app/utils/email.server";
import { getEnv } from "#app/utils/env.server";
import { DomainError } from "#app/utils/errors.server";
import { isLocale, type Locale, makeT } from "#app/utils/i18n";
import { minutesSearchText, sanitizeRichText } from "#app/utils/rich-text.server";

import { presenceFacts } from "./assemblies.server";
import type { PollResult } from "./poll-tally.server";

type Tx = Prisma.TransactionClient;

const HOUR = 3_600_000;

/** The network's group of kind "assembly", made on first use (hidden from /groups, like the comité's). */
export async function assemblyGroup(tx: Tx, networkId: string) {
  const found = await tx.workingGroup.findFirst({ where: { networkId, kind: "assembly" } });
  if (found) return found;
  return tx.workingGroup.create({
    data: { networkId, kind: "assembly", slug: "assemblee-generale", name: "Assemblée générale", joinPolicy: "request" },
  });
}

type Draft = {
  title: string;
  body: string;
  decisions: string;
  language: "fr" | "nl";
  /** The meeting's register: the roll, present when checked in at some point, otherwise absent. */
  register: { organisationId: string; status: "present" | "absent" }[];
};

/** The draft's text, in the network's first language (French when it has none we write in). */
export async function assemblyMinutesDraft(assemblyId: string): Promise<Draft> {
  const assembly = await prisma.assembly.findUnique({
    where: { id: assemblyId },
    select: {
      title: true,
      kind: true,
      convocation: true,
      startsAt: true,
      place: true,
      videoUrl: true,
      network: { select: { languages: true } },
      agenda: { select: { title: true, description: true }, orderBy: { position: "asc" } },
      roll: {
        select: {
          organisation: { select: { id: true, name: true } },
          attendance: { select: { checkedInAt: true, channel: true, delegate: { select: { name: true } } } },
        },
      },
      polls: {
        where: { status: { not: "draft" } },
        select: {
          title: true,
          kind: true,
          status: true,
          cancelReason: true,
          result: true,
          candidates: { select: { organisationId: true, college: true } },
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!assembly) throw new DomainError("notFound", "assemblies.error.notFound");
  const first = assembly.network.languages.find((l) => l === "fr" || l === "nl");
  const locale: Locale = first && isLocale(first) ? first : "fr";
  const t = makeT(locale);
  const [facts, proxies] = await Promise.all([
    presenceFacts(assemblyId),
    prisma.proxy.findMany({
      where: { assemblyId, revokedAt: null },
      select: {
        channel: true,
        giver: { select: { organisation: { select: { name: true } } } },
        holder: { select: { organisation: { select: { name: true } } } },
      },
    }),
  ]);
  const names = new Map(assembly.roll.map((r) => [r.organisation.id, r.organisation.name]));
  const h = (text: string) => escapeHtml(text);
  const byName = (a: string, b: string) => a.localeCompare(b, locale);
  const body: string[] = [];
  const decisions: string[] = [];

  // When, where, what kind of assembly.
  body.push(
    `<p>${h(
      t("assemblyMinutes.opening", {
        kind: t.pick("assemblyMinutes.kind", assembly.kind),
        convocation: t.pick("assemblyMinutes.convocation", assembly.convocation),
        when: formatMeetingStart(assembly.startsAt, locale),
      }),
    )}</p>`,
  );
  if (assembly.place) body.push(`<p>${h(t("assemblyMinutes.place", { place: assembly.place }))}</p>`);
  if (assembly.videoUrl) body.push(`<p>${h(t("assemblyMinutes.online"))}</p>`);

  // Attendance: every organisation that checked in at some point, then the proxies.
  body.push(`<h2>${h(t("assemblyMinutes.attendance"))}</h2>`);
  const attended = assembly.roll
    .filter((r) => r.attendance?.checkedInAt)
    .map((r) => ({ name: r.organisation.name, channel: r.attendance!.channel, delegate: r.attendance!.delegate?.name ?? null }))
    .sort((a, b) => byName(a.name, b.name));
  body.push(`<p>${h(t.plural("assemblyMinutes.rollSize", facts.quorum.rollSize))}</p>`);
  if (attended.length) {
    body.push(`<p>${h(t.plural("assemblyMinutes.attendedCount", attended.length))}</p>`);
    body.push(
      `<ul>${attended
        .map((a) => {
          const how = t.pick("assemblyMinutes.channel", a.channel);
          return `<li>${h(a.delegate ? t("assemblyMinutes.attendedBy", { organisation: a.name, delegate: a.delegate, how }) : t("assemblyMinutes.attendedNoDelegate", { organisation: a.name, how }))}</li>`;
        })
        .join("")}</ul>`,
    );
  } else {
    body.push(`<p>${h(t("assemblyMinutes.nobody"))}</p>`);
  }
  if (proxies.length) {
    body.push(`<p>${h(t.plural("assemblyMinutes.proxyCount", proxies.length))}</p>`);
    body.push(
      `<ul>${proxies
        .map((p) => ({ giver: p.giver.organisation.name, holder: p.holder.organisation.name, channel: p.channel }))
        .sort((a, b) => byName(a.giver, b.giver))
        .map((p) => `<li>${h(t("assemblyMinutes.proxy", { giver: p.giver, holder: p.holder, how: t.pick("assemblyMinutes.proxyChannel", p.channel) }))}</li>`)
        .join("")}</ul>`,
    );
  }
  const q = facts.quorum;
  body.push(
    `<p>${h(
      q.required === null
        ? t("assemblyMinutes.quorumNone", { present: q.present, represented: q.represented })
        : t(q.reached ? "assemblyMinutes.quorumReached" : "assemblyMinutes.quorumNotReached", {
            present: q.present,
            represented: q.represented,
            total: q.presentOrRepresented,
            required: q.required,
          }),
    )}</p>`,
  );

  // The agenda, as convened.
  if (assembly.agenda.length) {
    body.push(`<h2>${h(t("assemblyMinutes.agenda"))}</h2>`);
    body.push(`<ol>${assembly.agenda.map((item) => `<li>${h(item.title)}</li>`).join("")}</ol>`);
  }

  // The votes: results as published (never broken down by kind of organisation).
  if (assembly.polls.length) body.push(`<h2>${h(t("assemblyMinutes.votes"))}</h2>`);
  for (const poll of assembly.polls) {
    body.push(`<h3>${h(poll.title)}</h3>`);
    if (poll.status === "cancelled") {
      body.push(`<p>${h(t("assemblyMinutes.cancelled", { reason: poll.cancelReason ?? "" }))}</p>`);
      continue;
    }
    const result = poll.status === "published" ? (poll.result as unknown as PollResult | null) : null;
    if (!result) {
      body.push(`<p>${h(t("assemblyMinutes.notPublished"))}</p>`);
      continue;
    }
    const turnout = t("assemblyMinutes.turnout", { ballots: result.turnout.ballots, roll: result.turnout.rollSize });
    if (result.kind === "resolution") {
      const r = result.resolution;
      body.push(
        `<p>${h(t("assemblyMinutes.resolutionCounts", { for: r.counts.for, against: r.counts.against, abstain: r.counts.abstain, blank: r.counts.blank }))} ${h(turnout)}</p>`,
      );
      body.push(
        `<p>${h(t("assemblyMinutes.resolutionRule", { rule: t.pick("poll.majority", r.rule), base: t.pick("poll.base", r.base), threshold: r.threshold }))}</p>`,
      );
      const outcome = t(r.adopted ? "assemblyMinutes.adopted" : "assemblyMinutes.rejected", { title: poll.title });
      body.push(`<p><strong>${h(outcome)}</strong></p>`);
      decisions.push(`<li>${h(outcome)}</li>`);
    } else {
      const e = result.election;
      const collegeOf = new Map(poll.candidates.map((c) => [c.organisationId, c.college]));
      body.push(`<p>${h(t("assemblyMinutes.electionBallots", { ballots: e.ballots, blank: e.blank }))} ${h(turnout)}</p>`);
      body.push(
        `<ul>${[...e.candidates]
          .sort((a, b) => b.votes - a.votes || byName(names.get(a.id) ?? a.id, names.get(b.id) ?? b.id))
          .map((c) => {
            const college = collegeOf.get(c.id);
            const name = college ? `${names.get(c.id) ?? c.id} (${college})` : (names.get(c.id) ?? c.id);
            return `<li>${h(t.plural("assemblyMinutes.candidateVotes", c.votes, { name, status: t.pick("assemblyMinutes.candidateStatus", c.status) }))}</li>`;
          })
          .join("")}</ul>`,
      );
      if (result.lots) body.push(`<p>${h(t("assemblyMinutes.lots", { seed: result.lots.seed }))}</p>`);
      if (e.ties.length) body.push(`<p>${h(t("assemblyMinutes.tie"))}</p>`);
      if (e.vacantSeats > 0) body.push(`<p>${h(t.plural("assemblyMinutes.vacant", e.vacantSeats))}</p>`);
      const elected = e.elected.map((id) => names.get(id) ?? id);
      const outcome = elected.length
        ? t("assemblyMinutes.elected", { title: poll.title, names: elected.join(", ") })
        : t("assemblyMinutes.noneElected", { title: poll.title });
      body.push(`<p><strong>${h(outcome)}</strong></p>`);
      decisions.push(`<li>${h(outcome)}</li>`);
    }
  }

  // What only the people in the room know.
  body.push(`<h2>${h(t("assemblyMinutes.debates"))}</h2>`);
  body.push(`<p>${h(t("assemblyMinutes.debatesHint"))}</p>`);

  return {
    title: assembly.title,
    body: sanitizeRichText(body.join("\n")),
    decisions: sanitizeRichText(decisions.length ? `<ul>${decisions.join("")}</ul>` : ""),
    language: locale === "nl" ? "nl" : "fr",
    register: assembly.roll.map((r) => ({ organisationId: r.organisation.id, status: r.attendance?.checkedInAt ? "present" : "absent" })),
  };
}

/**
 * Starts the assembly's minutes: the meeting that holds them and their first draft. The caller
 * has checked `assembly.startMinutes`. Once the assembly is closed; a second call returns the
 * meeting made by the first.
 */
export async function startAssemblyMinutes(assemblyId: string, actorId: string): Promise<{ meetingId: string; created: boolean }> {
  const assembly = await prisma.assembly.findUnique({
    where: { id: assemblyId },
    select: { networkId: true, status: true, meetingId: true, title: true, startsAt: true, endsAt: true, place: true, videoUrl: true },
  });
  if (!assembly) throw new DomainError("notFound", "assemblies.error.notFound");
  if (assembly.meetingId) return { meetingId: assembly.meetingId, created: false };
  if (assembly.status !== "closed") throw new DomainError("conflict", "assemblyMinutes.error.notClosed");
  // Read before the transaction: the draft reads through prisma, and PGlite has one connection.
  const draft = await assemblyMinutesDraft(assemblyId);
  const host = new URL(getEnv().appUrl).hostname || "maillage";
  return transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ meetingId: string | null }[]>`SELECT "meetingId" FROM "Assembly" WHERE "id" = ${assemblyId} FOR UPDATE`;
    if (locked[0]?.meetingId) return { meetingId: locked[0].meetingId, created: false };
    const group = await assemblyGroup(tx, assembly.networkId);
    const meeting = await tx.meeting.create({
      data: {
        groupId: group.id,
        uid: `${randomUUID()}@${host}`,
        title: assembly.title,
        startsAt: assembly.startsAt,
        endsAt: assembly.endsAt ?? new Date(+assembly.startsAt + 3 * HOUR),
        place: assembly.place,
        videoUrl: assembly.videoUrl,
        attendanceTakenAt: now(),
        createdById: actorId,
      },
      select: { id: true },
    });
    if (draft.register.length) {
      await tx.attendance.createMany({ data: draft.register.map((r) => ({ meetingId: meeting.id, ...r, recordedById: actorId })) });
    }
    await tx.minutes.create({
      data: {
        meetingId: meeting.id,
        version: 1,
        status: "draft",
        body: draft.body,
        decisions: draft.decisions,
        language: draft.language,
        searchText: minutesSearchText(draft.title, draft.decisions, draft.body),
        authorId: actorId,
      },
    });
    await tx.assembly.update({ where: { id: assemblyId }, data: { meetingId: meeting.id } });
    await audit(tx, {
      networkId: assembly.networkId,
      actorId,
      action: "assembly.minutes.start",
      entityType: "Assembly",
      entityId: assemblyId,
      after: { meetingId: meeting.id },
    });
    return { meetingId: meeting.id, created: true };
  });
}

/** The assembly a meeting holds the minutes of, if it does (the meeting page links back to it). */
export function assemblyOfMeeting(meetingId: string) {
  return prisma.assembly.findUnique({ where: { meetingId }, select: { id: true, title: true } });
}
