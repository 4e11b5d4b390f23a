// The convocation of a general assembly: a statutory notice, sent through the outbox to the
// titular and substitute delegates of every organisation on the roll, with an iCalendar
// invitation (ical-generator, as the meetings' invitations). No notification preference can
// switch it off. Written in the transaction that freezes the roll, so a convocation is sent once.
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";

import type { Prisma } from "#app/generated/prisma/client";
import { formatMeetingStart } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { emailLayout, sendEmail } from "#app/utils/email.server";
import { getEnv } from "#app/utils/env.server";
import { isLocale, makeT } from "#app/utils/i18n";
import { assemblyUrl } from "#app/utils/paths";

type Tx = Prisma.TransactionClient;
const DEFAULT_HOURS = 3;

type AssemblyFacts = {
  id: string;
  uid: string;
  sequence: number;
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  place: string;
  videoUrl: string | null;
  network: { slug: string; name: string };
};

/** The assembly as one event (times in UTC: RFC 5545 allows it, and calendars show them locally). */
export function assemblyIcs(assembly: AssemblyFacts, attendee: { email: string; name: string }) {
  const calendar = ical({
    name: assembly.network.name,
    prodId: { company: "Maillage", product: "Maillage", language: "FR" },
    method: ICalCalendarMethod.REQUEST,
  });
  const url = assemblyUrl(getEnv().appUrl, assembly.network.slug, assembly.id);
  const event = calendar.createEvent({
    id: assembly.uid,
    sequence: assembly.sequence,
    stamp: now(),
    start: assembly.startsAt,
    end: assembly.endsAt ?? new Date(+assembly.startsAt + DEFAULT_HOURS * 3_600_000),
    status: ICalEventStatus.CONFIRMED,
    summary: assembly.title.replace(/\s+/g, " "),
    location: assembly.place.replace(/\s+/g, " ") || undefined,
    description: [url, assembly.videoUrl].filter(Boolean).join("\n"),
    url,
  });
  // METHOD:REQUEST needs an organizer: the platform's sender address, as for meetings.
  const from = getEnv().MAIL_FROM;
  const match = /<([^>]+)>/.exec(from);
  event.organizer({ name: (match ? from.slice(0, match.index).replace(/["]/g, "").trim() : "") || "Maillage", email: match ? match[1] : from });
  event.createAttendee({ email: attendee.email, name: attendee.name.replace(/[";:,\n]/g, " ") || undefined, rsvp: false });
  return calendar.toString();
}

/** Writes one convocation per titular or substitute delegate of the roll's organisations; returns how many. */
export async function sendConvocations(tx: Tx, assemblyId: string) {
  const assembly = await tx.assembly.findUniqueOrThrow({
    where: { id: assemblyId },
    select: {
      id: true,
      uid: true,
      sequence: true,
      title: true,
      startsAt: true,
      endsAt: true,
      place: true,
      videoUrl: true,
      networkId: true,
      network: { select: { slug: true, name: true } },
      agenda: { select: { title: true }, orderBy: { position: "asc" } },
      roll: {
        select: {
          organisation: {
            select: {
              name: true,
              delegates: { where: { role: { in: ["titular", "substitute"] } }, select: { user: { select: { email: true, name: true, locale: true } } } },
            },
          },
        },
      },
    },
  });
  const url = assemblyUrl(getEnv().appUrl, assembly.network.slug, assembly.id);
  let sent = 0;
  for (const entry of assembly.roll) {
    for (const { user } of entry.organisation.delegates) {
      const t = makeT(isLocale(user.locale) ? user.locale : "fr");
      const vars = {
        title: assembly.title,
        network: assembly.network.name,
        organisation: entry.organisation.name,
        when: formatMeetingStart(assembly.startsAt, t.locale),
      };
      const paragraphs = [t("assemblies.email.convocation.body", vars)];
      if (assembly.place) paragraphs.push(t("assemblies.email.convocation.place", { place: assembly.place }));
      if (assembly.videoUrl) paragraphs.push(t("assemblies.email.convocation.video", { url: assembly.videoUrl }));
      if (assembly.agenda.length) {
        paragraphs.push(t("assemblies.email.convocation.agenda"));
        for (const item of assembly.agenda) paragraphs.push(`• ${item.title}`);
      }
      paragraphs.push(t("assemblies.email.convocation.proxyHint"));
      const { html, text } = emailLayout({
        title: t("assemblies.email.convocation.title", vars),
        paragraphs,
        action: { label: t("assemblies.email.convocation.open"), url },
      });
      await sendEmail(
        {
          to: user.email,
          subject: t("assemblies.email.convocation.subject", vars),
          html,
          text,
          networkId: assembly.networkId,
          attachments: [{ filename: "convocation.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", content: assemblyIcs(assembly, user) }],
        },
        tx,
      );
      sent++;
    }
  }
  return sent;
}
