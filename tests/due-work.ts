// Work that is due now for each of the server's schedules, made with the factories: a charter
// renewal whose 3-day reminder round is due, meetings whose two-day reminders are due, and plain
// e-mails waiting in the outbox. Used by tests/job-schedules.test.ts (one process) and
// tests/e2e/jobs-two-servers.e2e.test.ts (two servers on one database); `expected` is every
// message the rounds must deliver, each exactly once.
import { todayInBrussels } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { emailLayout, sendEmail } from "#app/utils/email.server";
import {
  addGroupMember,
  createAdhesion,
  createCharterVersion,
  createGroup,
  createMeeting,
  createNetwork,
  createOrganisation,
  createUser,
  makeDelegate,
  makeFacilitator,
} from "#tests/factories";

export type DueWork = { expected: { to: string; subject: string }[]; meetingIds: string[]; charterVersionId: string };

/**
 * `meetings` due meetings (each reminded to 3 people) and `plainEmails` messages: the two-server
 * test asks for many, so that a round lasts long enough for the servers' rounds to overlap.
 */
export async function prepareDueWork({ meetings = 1, plainEmails = 25 } = {}): Promise<DueWork> {
  const at = now();
  const daysFrom = (days: number) => new Date(at.getTime() + days * 86_400_000);
  const expected: DueWork["expected"] = [];

  // Charter: version 2 published 20 days ago, its deadline in two days: the 3-day round is due
  // (the 14-day one is recorded as skipped), to the titulars of the two organisations to renew.
  const network = await createNetwork({ name: "Réseau des rappels" });
  const v1 = await createCharterVersion(network.id, { publishedAt: daysFrom(-400) });
  for (const name of ["a", "b"]) {
    const org = await createOrganisation(network.id);
    await createAdhesion(network.id, org.id, v1, { signedOn: daysFrom(-390) });
    const person = await createUser({ email: `charter-${name}@example.test` });
    await makeDelegate(org.id, person.id, "titular");
    expected.push({ to: person.email, subject: "charter" });
  }
  const v2 = await createCharterVersion(network.id, {
    publishedAt: daysFrom(-20),
    adhesionDeadline: new Date(`${todayInBrussels(daysFrom(2))}T00:00:00.000Z`),
  });

  // Meetings: start in 30 hours, scheduled ten days ago: their reminders are due, to the
  // facilitator and the two named participants.
  const group = await createGroup(network.id, { name: "Groupe des rappels" });
  const member = await createOrganisation(network.id);
  const participants = [await createUser({ email: "meeting-1@example.test" }), await createUser({ email: "meeting-2@example.test" })];
  for (const p of participants) await makeDelegate(member.id, p.id, "staff");
  await addGroupMember(
    group.id,
    member.id,
    participants.map((p) => p.id),
  );
  const facilitator = await createUser({ email: "meeting-facilitator@example.test" });
  await makeDelegate(member.id, facilitator.id, "staff");
  await makeFacilitator(group.id, facilitator.id);
  const meetingIds: string[] = [];
  for (let i = 1; i <= meetings; i++) {
    const title = `Réunion des rappels ${i}`;
    const meeting = await createMeeting(group.id, { title, startsAt: new Date(at.getTime() + 30 * 3_600_000 + i * 60_000) });
    await prisma.meeting.update({ where: { id: meeting.id }, data: { createdAt: daysFrom(-10) } });
    meetingIds.push(meeting.id);
    for (const p of [...participants, facilitator]) expected.push({ to: p.email, subject: `meeting ${title}` });
  }

  // The outbox: more plain messages than one delivery round takes (20).
  for (let i = 0; i < plainEmails; i++) {
    const to = `outbox-${i}@example.test`;
    const subject = `Message ${i}`;
    const { html, text } = emailLayout({ title: subject, paragraphs: [`Message numéro ${i}.`] });
    await sendEmail({ to, subject, html, text });
    expected.push({ to, subject });
  }
  return { expected, meetingIds, charterVersionId: v2.id };
}

/** What a delivered or queued message is, in the terms of `expected` (reminders by their kind). */
export function describeMessage(to: string, subject: string) {
  if (to.startsWith("charter-")) return { to, subject: subject.startsWith("Rappel") ? "charter" : subject };
  const meeting = /Réunion des rappels \d+/.exec(subject);
  if (to.startsWith("meeting-")) return { to, subject: subject.startsWith("Rappel") && meeting ? `meeting ${meeting[0]}` : subject };
  return { to, subject };
}

export function sortMessages<T extends { to: string; subject: string }>(list: T[]) {
  return [...list].sort((x, y) => (x.to + x.subject).localeCompare(y.to + y.subject));
}
