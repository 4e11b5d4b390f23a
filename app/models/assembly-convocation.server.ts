// The convocation of a general assembly: a statutory notice, sent through the outbox to the
// titular and substitute delegates of every organisation on the roll, with an iCalendar
// invitation written by app/utils/ics.server.ts, as the meetings' are. No notification preference can
// switch it off. Written in the transaction that freezes the roll, so a convocation is sent once.
import type { Prisma } from "#app/generated/prisma/client";
import { formatMeetingStart } from "#app/utils/brussels-time";
import { emailLayout, sendEmail } from "#app/utils/email.server";
import { getEnv } from "#app/utils/env.server";
import { isLocale, makeT } from "#app/utils/i18n";
import { assemblyIcs } from "#app/utils/ics.server";
import { assemblyUrl } from "#app/utils/paths";

type Tx = Prisma.TransactionClient;

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
