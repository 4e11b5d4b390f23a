// All e-mail goes through the outbox: sendEmail() only writes a row (inside the caller's
// transaction when given one), the "outbox.deliver" job delivers it (app/jobs/). Nothing is lost
// when SMTP is down; without SMTP_URL messages stay in the outbox, readable by coordinators.
import nodemailer, { type Transporter } from "nodemailer";

import { now } from "./clock.server";
import { prisma } from "./db.server";
import { getEnv } from "./env.server";

type Tx = Pick<typeof prisma, "outboxEmail">;

/** A text attachment kept in the outbox row, e.g. an iCalendar invitation. */
export type EmailAttachment = { filename: string; contentType: string; content: string };

export type Email = { to: string; subject: string; html: string; text: string; networkId?: string | null; attachments?: EmailAttachment[] };

export const MAX_ATTEMPTS = 8;
/** How long a claimed message stays hidden from other delivery rounds (longer than a send). */
export const CLAIM_LEASE_MS = 15 * 60_000;

export async function sendEmail(email: Email, tx: Tx = prisma) {
  return tx.outboxEmail.create({
    data: {
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      networkId: email.networkId ?? null,
      attachments: email.attachments?.length ? email.attachments : undefined,
      nextAttemptAt: now(),
    },
    select: { id: true },
  });
}

function isAttachment(value: unknown): value is EmailAttachment {
  const a = value as EmailAttachment;
  return !!a && typeof a.filename === "string" && typeof a.contentType === "string" && typeof a.content === "string";
}

/**
 * The outbox's attachments for nodemailer. The first iCalendar one becomes `icalEvent`: nodemailer
 * then adds it as a text/calendar alternative with its METHOD, which is what Outlook, Gmail and
 * Thunderbird read as an invitation (with buttons), besides the attached .ics file.
 */
export function mailAttachments(stored: unknown) {
  const list = Array.isArray(stored) ? stored.filter(isAttachment) : [];
  const calendar = list.find((a) => a.contentType.toLowerCase().startsWith("text/calendar"));
  const method = calendar ? /method=([A-Za-z-]+)/i.exec(calendar.contentType)?.[1]?.toUpperCase() : undefined;
  return {
    ...(calendar ? { icalEvent: { method: method ?? "PUBLISH", filename: calendar.filename, content: calendar.content } } : {}),
    attachments: list.filter((a) => a !== calendar).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
  };
}

/** Minutes to wait after the n-th failed attempt: 1, 2, 4 … capped at 6 hours. */
export function backoffMinutes(attempts: number) {
  return Math.min(2 ** Math.max(0, attempts - 1), 360);
}

/**
 * The Message-ID of an outbox row: the same for every attempt, so that a message sent again after
 * a crash (the worker died between SMTP's "accepted" and marking the row sent, and the row was
 * retried once its lease was over) is a copy that receivers and mail servers drop, not a second
 * message. The domain is MAIL_FROM's, else APP_URL's host.
 */
export function messageIdOf(outboxId: string) {
  const env = getEnv();
  const fromDomain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(env.MAIL_FROM)?.[1];
  const host = fromDomain || new URL(env.appUrl).hostname || "maillage";
  return `<${outboxId}@${host}>`;
}

export function createTransport(smtpUrl: string) {
  return nodemailer.createTransport(smtpUrl);
}

/** Delivers the due messages once. Returns how many were sent and how many failed this round. */
export async function deliverDueEmails(transport: Transporter, { batch = 20 } = {}) {
  const due = await prisma.outboxEmail.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now() } },
    orderBy: { nextAttemptAt: "asc" },
    take: batch,
    select: { id: true, to: true, subject: true, html: true, text: true, attempts: true, attachments: true },
  });
  let sent = 0;
  let failed = 0;
  for (const message of due) {
    // Claim the row first, so that two workers never send the same message: the attempt count
    // guards against a worker that read the same row, and pushing nextAttemptAt by a lease hides
    // the row from rounds that start while it is being sent. A worker that dies mid-send leaves
    // the row to be retried once the lease is over.
    const claim = await prisma.outboxEmail.updateMany({
      where: { id: message.id, status: "pending", attempts: message.attempts, nextAttemptAt: { lte: now() } },
      data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now().getTime() + CLAIM_LEASE_MS) },
    });
    if (claim.count === 0) continue;
    const attempts = message.attempts + 1;
    try {
      await transport.sendMail({
        messageId: messageIdOf(message.id),
        from: getEnv().MAIL_FROM,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        ...mailAttachments(message.attachments),
      });
      await prisma.outboxEmail.update({
        where: { id: message.id },
        data: { status: "sent", sentAt: now(), lastError: null },
      });
      sent++;
    } catch (error) {
      const giveUp = attempts >= MAX_ATTEMPTS;
      await prisma.outboxEmail.update({
        where: { id: message.id },
        data: {
          status: giveUp ? "failed" : "pending",
          lastError: String((error as Error).message ?? error).slice(0, 1000),
          nextAttemptAt: new Date(now().getTime() + backoffMinutes(attempts) * 60_000),
        },
      });
      failed++;
    }
  }
  return { sent, failed };
}

let transport: Transporter | undefined;

/**
 * One delivery round with this process's SMTP transport: the "outbox.deliver" job, queued every
 * OUTBOX_INTERVAL_MS by its schedule (app/jobs/schedules.server.ts) when SMTP_URL is set.
 */
export async function deliverOutbox() {
  const smtpUrl = getEnv().SMTP_URL;
  if (!smtpUrl) return { sent: 0, failed: 0 };
  transport ??= createTransport(smtpUrl);
  return deliverDueEmails(transport);
}

/** Closes the transport of deliverOutbox (at shutdown). */
export function closeOutboxTransport() {
  transport?.close();
  transport = undefined;
}

/** Minimal HTML escaping for e-mail templates. */
export function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** The shared frame of every e-mail: a readable HTML body and its plain-text twin. */
export function emailLayout({ title, paragraphs, action }: { title: string; paragraphs: string[]; action?: { label: string; url: string } }) {
  const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b;max-width:40em">
<h1 style="font-size:20px">${escapeHtml(title)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${action ? `<p><a href="${escapeHtml(action.url)}" style="display:inline-block;background:#0b5c4a;color:#fff;padding:10px 16px;border-radius:4px;text-decoration:none">${escapeHtml(action.label)}</a></p><p style="font-size:14px;color:#555">${escapeHtml(action.url)}</p>` : ""}
<p style="font-size:13px;color:#555">Maillage</p>
</body></html>`;
  const text = [title, "", ...paragraphs.flatMap((p) => [p, ""]), ...(action ? [`${action.label} : ${action.url}`, ""] : []), "Maillage"].join("\n");
  return { html, text };
}
