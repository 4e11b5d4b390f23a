// The outbox against a real SMTP peer (tests/setup/smtp.ts): what is written is what arrives,
// failures are retried with backoff and then given up, and no message is ever sent twice.
import net from "node:net";

import { afterEach, describe, expect, test } from "vitest";

import { setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { backoffMinutes, createTransport, deliverDueEmails, emailLayout, MAX_ATTEMPTS, sendEmail } from "#app/utils/email.server";
import { getEnv } from "#app/utils/env.server";
import { createNetwork } from "#tests/factories";
import { startSmtpPeer } from "#tests/setup/smtp";

type Peer = Awaited<ReturnType<typeof startSmtpPeer>>;
const peers: Peer[] = [];
async function peer(options?: { failFirst?: number }) {
  const p = await startSmtpPeer(options);
  peers.push(p);
  return p;
}
afterEach(async () => {
  for (const p of peers.splice(0)) await p.close();
  // Each test starts with an empty outbox, so rounds only see that test's messages.
  await prisma.outboxEmail.deleteMany();
});

/** A port on which nothing listens: SMTP is "down". */
async function closedPort() {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const T0 = new Date("2026-11-23T09:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function message(n = 1) {
  return {
    to: `destinataire-${n}@example.test`,
    subject: `Invitation n° ${n} — réseau « Santé »`,
    ...emailLayout({
      title: `Bonjour ${n}`,
      paragraphs: ["Vous êtes invitée à rejoindre le réseau."],
      action: { label: "Accepter", url: `http://localhost/i/${n}` },
    }),
  };
}

describe("outbox", () => {
  test("sendEmail writes a pending row and sends nothing", async () => {
    setNow(T0);
    const smtp = await peer();
    const network = await createNetwork();
    const { id } = await sendEmail({ ...message(), networkId: network.id });
    const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      status: "pending",
      attempts: 0,
      networkId: network.id,
      to: message().to,
      subject: message().subject,
      lastError: null,
      sentAt: null,
    });
    expect(row.nextAttemptAt.toISOString()).toBe(T0.toISOString());
    expect(smtp.messages).toHaveLength(0);
  });

  test("sendEmail inside a transaction that rolls back leaves no message", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await sendEmail(message(), tx);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await prisma.outboxEmail.count()).toBe(0);
  });

  test("a delivery round sends it as written and marks it sent", async () => {
    setNow(T0);
    const smtp = await peer();
    const email = message(7);
    const { id } = await sendEmail(email);
    expect(await deliverDueEmails(createTransport(smtp.url))).toEqual({ sent: 1, failed: 0 });

    const [received] = await smtp.waitFor(1);
    expect(received.subject).toBe(email.subject);
    expect(received.text?.trim()).toBe(email.text.trim());
    expect(received.html).toContain("Vous êtes invitée à rejoindre le réseau.");
    expect(received.html).toContain(`href="http://localhost/i/7"`);
    expect(received.to).toMatchObject({ value: [{ address: email.to }] });
    expect(received.from).toMatchObject({ value: [{ address: getEnv().MAIL_FROM.match(/<(.+)>/)![1] }] });

    const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(row.sentAt?.toISOString()).toBe(T0.toISOString());

    expect(await deliverDueEmails(createTransport(smtp.url))).toEqual({ sent: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(1);
  });

  test("a message is not sent before its time", async () => {
    setNow(T0);
    const smtp = await peer();
    const { id } = await sendEmail(message());
    await prisma.outboxEmail.update({ where: { id }, data: { nextAttemptAt: minutes(5) } });
    expect(await deliverDueEmails(createTransport(smtp.url))).toEqual({ sent: 0, failed: 0 });
    setNow(minutes(5));
    expect(await deliverDueEmails(createTransport(smtp.url))).toEqual({ sent: 1, failed: 0 });
  });

  test("SMTP down: the attempt is counted, the error kept, the next try pushed by the backoff", async () => {
    setNow(T0);
    const { id } = await sendEmail(message());
    const down = createTransport(`smtp://127.0.0.1:${await closedPort()}`);
    expect(await deliverDueEmails(down)).toEqual({ sent: 0, failed: 1 });

    let row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(row.nextAttemptAt.toISOString()).toBe(minutes(backoffMinutes(1)).toISOString());

    // Not retried before the backoff is over.
    setNow(new Date(minutes(backoffMinutes(1)).getTime() - 1000));
    expect(await deliverDueEmails(down)).toEqual({ sent: 0, failed: 0 });

    setNow(minutes(backoffMinutes(1)));
    expect(await deliverDueEmails(down)).toEqual({ sent: 0, failed: 1 });
    row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row.attempts).toBe(2);
    expect(backoffMinutes(2)).toBeGreaterThan(backoffMinutes(1));
    expect(row.nextAttemptAt.toISOString()).toBe(minutes(backoffMinutes(1) + backoffMinutes(2)).toISOString());
  });

  test(`after ${MAX_ATTEMPTS} failed attempts the message is marked failed and no longer tried`, async () => {
    let t = T0;
    setNow(t);
    const { id } = await sendEmail(message());
    const down = createTransport(`smtp://127.0.0.1:${await closedPort()}`);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await deliverDueEmails(down), `attempt ${attempt}`).toEqual({ sent: 0, failed: 1 });
      const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
      expect(row.status).toBe(attempt < MAX_ATTEMPTS ? "pending" : "failed");
      t = row.nextAttemptAt;
      setNow(t);
    }
    setNow(new Date(t.getTime() + 30 * 24 * 3600_000));
    const smtp = await peer();
    expect(await deliverDueEmails(createTransport(smtp.url))).toEqual({ sent: 0, failed: 0 });
    const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(row.lastError).toBeTruthy();
    expect(smtp.messages).toHaveLength(0);
  });

  test("a temporary 451 is retried and delivered on the next round", async () => {
    setNow(T0);
    const smtp = await peer({ failFirst: 1 });
    const { id } = await sendEmail(message());
    expect(await deliverDueEmails(createTransport(smtp.url))).toEqual({ sent: 0, failed: 1 });
    let row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/451/);

    setNow(row.nextAttemptAt);
    expect(await deliverDueEmails(createTransport(smtp.url))).toEqual({ sent: 1, failed: 0 });
    await smtp.waitFor(1);
    row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });

  test("two delivery rounds at the same time send each message exactly once", async () => {
    setNow(T0);
    const smtp = await peer();
    for (let n = 1; n <= 6; n++) await sendEmail(message(n));
    const [a, b] = await Promise.all([deliverDueEmails(createTransport(smtp.url)), deliverDueEmails(createTransport(smtp.url))]);
    expect(a.sent + b.sent).toBe(6);
    await smtp.waitFor(6);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages.map((m) => m.subject).sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => message(n).subject).sort());
    expect(await prisma.outboxEmail.count({ where: { status: "sent" } })).toBe(6);
  });

  test("a round that starts while another is sending a message does not send it again", async () => {
    setNow(T0);
    const smtp = await peer();
    for (let n = 1; n <= 3; n++) await sendEmail(message(n));
    // The first round, in the middle of its first send (message claimed, not yet delivered),
    // lets a whole second round run: the worst interleaving of two server processes.
    const first = createTransport(smtp.url);
    const send = first.sendMail.bind(first);
    let second: Promise<{ sent: number; failed: number }> | undefined;
    first.sendMail = (async (mail: Parameters<typeof send>[0]) => {
      second ??= deliverDueEmails(createTransport(smtp.url));
      await second;
      return send(mail);
    }) as typeof first.sendMail;

    const a = await deliverDueEmails(first);
    const b = await second!;
    expect(a.sent + b.sent).toBe(3);
    expect(b.sent).toBe(2);
    await smtp.waitFor(3);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages).toHaveLength(3);
    expect(new Set(smtp.messages.map((m) => m.subject)).size).toBe(3);
    const rows = await prisma.outboxEmail.findMany({ select: { status: true, attempts: true } });
    expect(rows).toEqual(Array(3).fill({ status: "sent", attempts: 1 }));
  });
});
