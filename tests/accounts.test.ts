import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { runDueJobs } from "#app/jobs/runner.server";
import { RESET_LIMITS } from "#app/models/account.server";
import { action as accountAction, loader as accountLoader } from "#app/routes/account";
import { action as forgotAction } from "#app/routes/forgot-password";
import { action as resetAction, loader as resetLoader } from "#app/routes/reset-password.$token";
import { setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { createTransport, deliverDueEmails } from "#app/utils/email.server";
import { verifyPassword } from "#app/utils/password.server";
import { getUserId } from "#app/utils/session.server";
import { createUser, makeRequest, sessionCookie, TEST_PASSWORD } from "#tests/factories";
import { call } from "#tests/route-call";
import { startSmtpPeer } from "#tests/setup/smtp";

let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
beforeAll(async () => {
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer?.close();
});

async function askReset(email: string, ip = "203.0.113.9") {
  return call(forgotAction, makeRequest("/forgot-password", { method: "POST", form: { email }, headers: { "x-maillage-client-ip": ip } }));
}

/** Runs the queued jobs, delivers the outbox to the SMTP peer and returns the link found in the message sent to `to`. */
async function linkSentTo(to: string, path: string) {
  // The reset e-mail is written by a job (app/jobs), as the server's job loop would.
  await runDueJobs();
  const before = peer.messages.length;
  const { sent } = await deliverDueEmails(createTransport(peer.url));
  expect(sent).toBeGreaterThan(0);
  await peer.waitFor(before + sent);
  const message = peer.messages.slice(before).find((m) => m.to && JSON.stringify(m.to).includes(to));
  expect(message, `a message to ${to}`).toBeDefined();
  const match = new RegExp(`https?://[^\\s"]+/${path}/([A-Za-z0-9_-]+)`).exec(message!.text ?? "");
  expect(match, "the link in the text part").not.toBeNull();
  return { token: match![1], message: message! };
}

async function postReset(token: string, form: Record<string, string>) {
  return call(resetAction, makeRequest(`/reset-password/${token}`, { method: "POST", form }), { token });
}

describe("password reset", () => {
  test("the e-mail link sets a new password once, ends the old sessions and signs the person in", async () => {
    const user = await createUser({ locale: "nl" });
    const oldCookie = await sessionCookie(user.id);
    const asked = await askReset(user.email.toUpperCase());
    expect(asked.status).toBe(302);
    expect(asked.headers.get("Location")).toBe("/forgot-password?sent=1");
    const { token, message } = await linkSentTo(user.email, "reset-password");
    expect(message.subject).toBe("Uw nieuwe Maillage-wachtwoord"); // in the person's language
    expect(await prisma.passwordReset.findFirst({ where: { tokenHash: token } })).toBeNull(); // stored hashed

    expect((await call(resetLoader, makeRequest(`/reset-password/${token}`), { token })).status).toBe(200);
    const mismatch = await postReset(token, { password: "a brand new password", confirm: "another one entirely" });
    expect(mismatch.status).toBe(400);
    const short = await postReset(token, { password: "short", confirm: "short" });
    expect(short.status).toBe(400);
    expect(await verifyPassword((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, TEST_PASSWORD)).toBe(true);

    const done = await postReset(token, { password: "a brand new password", confirm: "a brand new password" });
    expect(done.status).toBe(302);
    const newCookie = done.headers
      .getSetCookie()
      .find((c) => c.startsWith("__maillage="))!
      .split(";")[0];
    expect(await getUserId(makeRequest("/", { cookie: newCookie }))).toBe(user.id);
    expect(await getUserId(makeRequest("/", { cookie: oldCookie }))).toBeNull();
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(stored.passwordHash, "a brand new password")).toBe(true);

    // Single use: the same link now shows the "already used" page, and changes nothing.
    expect((await call(resetLoader, makeRequest(`/reset-password/${token}`), { token })).status).toBe(410);
    const again = await postReset(token, { password: "yet another password", confirm: "yet another password" });
    expect(again.status).toBe(410);
    expect(await verifyPassword((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, "a brand new password")).toBe(true);
  });

  test("a link older than one hour is refused", async () => {
    const user = await createUser();
    const start = new Date("2026-03-02T10:00:00Z");
    setNow(start);
    await askReset(user.email);
    const { token } = await linkSentTo(user.email, "reset-password");
    setNow(new Date(start.getTime() + 59 * 60 * 1000));
    expect((await call(resetLoader, makeRequest(`/reset-password/${token}`), { token })).status).toBe(200);
    setNow(new Date(start.getTime() + 61 * 60 * 1000));
    expect((await call(resetLoader, makeRequest(`/reset-password/${token}`), { token })).status).toBe(410);
    expect((await postReset(token, { password: "a brand new password", confirm: "a brand new password" })).status).toBe(410);
  });

  test("an unknown address gets the same answer and no e-mail", async () => {
    const user = await createUser();
    const known = await askReset(user.email);
    const unknown = await askReset("nobody-here@example.test");
    expect(unknown.status).toBe(known.status);
    expect(unknown.headers.get("Location")).toBe(known.headers.get("Location"));
    await runDueJobs();
    expect(await prisma.outboxEmail.count({ where: { to: "nobody-here@example.test" } })).toBe(0);
    expect(await prisma.outboxEmail.count({ where: { to: user.email } })).toBe(1);
  });

  test("an unknown token is a clear 404 page, not an error", async () => {
    const r = await call(resetLoader, makeRequest("/reset-password/nope"), { token: "nope" });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ state: "unknown" });
  });

  test("asking is rate-limited per address and per client", async () => {
    const user = await createUser();
    for (let i = 0; i < RESET_LIMITS.perEmail.limit; i++) expect((await askReset(user.email)).status).toBe(302);
    expect((await askReset(user.email)).status).toBe(429);
    await runDueJobs();
    expect(await prisma.outboxEmail.count({ where: { to: user.email } })).toBe(RESET_LIMITS.perEmail.limit);
    // The same limit for an address without an account: the refusal reveals nothing.
    for (let i = 0; i < RESET_LIMITS.perEmail.limit; i++) await askReset("ghost@example.test", "198.51.100.50");
    expect((await askReset("ghost@example.test", "198.51.100.51")).status).toBe(429);
    for (let i = 0; i < RESET_LIMITS.perIp.limit; i++) await askReset(`many-${i}@example.test`, "198.51.100.99");
    expect((await askReset("one-more@example.test", "198.51.100.99")).status).toBe(429);
  });
});

describe("account page", () => {
  test("anonymous visitors go to the sign-in page", async () => {
    const r = await call(accountLoader, makeRequest("/account"));
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toMatch(/^\/login\?redirectTo=%2Faccount/);
  });

  test("profile: errors beside the fields, nothing saved; a good profile changes the language", async () => {
    const user = await createUser();
    const cookie = await sessionCookie(user.id);
    const bad = await call(
      accountAction,
      makeRequest("/account", { method: "POST", cookie, form: { intent: "profile", name: "", phone: "call me", locale: "de" } }),
    );
    expect(bad.status).toBe(400);
    const errors = (bad.body as { result: { error: Record<string, string[]> } }).result.error;
    expect(errors.name).toEqual(["form.required"]);
    expect(errors.phone).toEqual(["form.invalidPhone"]);
    expect(errors.locale).toEqual(["form.invalidChoice"]);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe(user.name);

    const good = await call(
      accountAction,
      makeRequest("/account", { method: "POST", cookie, form: { intent: "profile", name: "Anne Peeters", phone: "+32 2 123 45 67", locale: "nl" } }),
    );
    expect(good.status).toBe(302);
    const saved = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(saved).toMatchObject({ name: "Anne Peeters", phone: "+32 2 123 45 67", locale: "nl" });
    expect(good.headers.getSetCookie().some((c) => c.startsWith("lang="))).toBe(true);
  });

  test("password change needs the right current password and ends the other sessions", async () => {
    const user = await createUser();
    const cookie = await sessionCookie(user.id);
    const other = await sessionCookie(user.id);
    const wrong = await call(
      accountAction,
      makeRequest("/account", {
        method: "POST",
        cookie,
        form: { intent: "password", current: "not my password", password: "a new long password", confirm: "a new long password" },
      }),
    );
    expect(wrong.status).toBe(400);
    expect((wrong.body as { result: { error: Record<string, string[]> } }).result.error.current).toEqual(["account.wrongPassword"]);
    expect(await verifyPassword((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, TEST_PASSWORD)).toBe(true);

    const right = await call(
      accountAction,
      makeRequest("/account", {
        method: "POST",
        cookie,
        form: { intent: "password", current: TEST_PASSWORD, password: "a new long password", confirm: "a new long password" },
      }),
    );
    expect(right.status).toBe(302);
    expect(await verifyPassword((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash, "a new long password")).toBe(true);
    expect(await getUserId(makeRequest("/", { cookie }))).toBe(user.id);
    expect(await getUserId(makeRequest("/", { cookie: other }))).toBeNull();
  });

  test("sessions: listed with this device marked; a revoked cookie no longer authenticates", async () => {
    const user = await createUser();
    const cookie = await sessionCookie(user.id);
    const phone = await sessionCookie(user.id);
    const laptop = await sessionCookie(user.id);
    const someoneElse = await createUser();
    const theirs = await sessionCookie(someoneElse.id);

    const page = await call(accountLoader, makeRequest("/account", { cookie }));
    const sessions = (page.body as { sessions: { id: string; current: boolean }[] }).sessions;
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);

    const phoneRow = await prisma.session.findFirstOrThrow({
      where: { userId: user.id, id: { notIn: sessions.filter((s) => s.current).map((s) => s.id) } },
      orderBy: { createdAt: "asc" },
    });
    const revoked = await call(accountAction, makeRequest("/account", { method: "POST", cookie, form: { intent: "revoke", sessionId: phoneRow.id } }));
    expect(revoked.status).toBe(302);
    const alive = [await getUserId(makeRequest("/", { cookie: phone })), await getUserId(makeRequest("/", { cookie: laptop }))];
    expect(alive.filter((id) => id === null)).toHaveLength(1);

    // Someone else's session cannot be ended from my page.
    const theirRow = await prisma.session.findFirstOrThrow({ where: { userId: someoneElse.id } });
    expect((await call(accountAction, makeRequest("/account", { method: "POST", cookie, form: { intent: "revoke", sessionId: theirRow.id } }))).status).toBe(
      404,
    );
    expect(await getUserId(makeRequest("/", { cookie: theirs }))).toBe(someoneElse.id);

    const everywhere = await call(accountAction, makeRequest("/account", { method: "POST", cookie, form: { intent: "revokeOthers" } }));
    expect(everywhere.status).toBe(302);
    expect(await getUserId(makeRequest("/", { cookie: phone }))).toBeNull();
    expect(await getUserId(makeRequest("/", { cookie: laptop }))).toBeNull();
    expect(await getUserId(makeRequest("/", { cookie }))).toBe(user.id);
  });
});
