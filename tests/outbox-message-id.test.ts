// A message sent again after a crash carries the same Message-ID (issue 10, item 8): the worker
// that died between the SMTP server's "accepted" and marking the row sent leaves the row claimed;
// once the lease is over another round sends it again, and receivers drop it as a copy only if
// both deliveries say they are the same message. With a real SMTP peer (tests/setup/smtp.ts).
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { CLAIM_LEASE_MS, createTransport, deliverDueEmails, emailLayout, sendEmail } from "#app/utils/email.server";
import { startSmtpPeer } from "#tests/setup/smtp";

let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
beforeAll(async () => {
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer?.close();
});

const T0 = new Date("2026-12-01T09:00:00.000Z");

describe("outbox Message-ID", () => {
  test("the same row sent twice (its lease ran out) arrives twice with one Message-ID, derived from the row", async () => {
    setNow(T0);
    const { id } = await sendEmail({
      to: "destinataire@example.test",
      subject: "Convocation",
      ...emailLayout({ title: "Convocation", paragraphs: ["Réunion jeudi."] }),
    });
    const transport = createTransport(peer.url);
    expect((await deliverDueEmails(transport)).sent).toBe(1);
    await peer.waitFor(1);

    // What a crash after the SMTP "250 accepted" leaves: the row still pending, claimed with a lease.
    const claimed = await prisma.outboxEmail.update({ where: { id }, data: { status: "pending", sentAt: null } });
    expect(claimed.nextAttemptAt.getTime()).toBe(T0.getTime() + CLAIM_LEASE_MS);
    setNow(new Date(T0.getTime() + CLAIM_LEASE_MS + 1000));
    expect((await deliverDueEmails(transport)).sent).toBe(1);
    const [first, second] = await peer.waitFor(2);

    expect(first.messageId).toBe(`<${id}@maillage.localhost>`); // MAIL_FROM's domain by default
    expect(second.messageId).toBe(first.messageId);
    expect(second.subject).toBe(first.subject);

    // Another row, another Message-ID.
    await sendEmail({ to: "autre@example.test", subject: "Autre", ...emailLayout({ title: "Autre", paragraphs: ["Autre message."] }) });
    expect((await deliverDueEmails(transport)).sent).toBe(1);
    const [, , third] = await peer.waitFor(3);
    expect(third.messageId).not.toBe(first.messageId);
    transport.close();
  });
});
