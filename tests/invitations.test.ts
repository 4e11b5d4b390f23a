import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { createInvitation } from "#app/models/invitation.server";
import { action as delegatesAction, loader as delegatesLoader } from "#app/routes/$network+/organisations+/$org_.delegates";
import { action as inviteAction, loader as inviteLoader } from "#app/routes/invitations.$token";
import { setNow } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { createTransport, deliverDueEmails } from "#app/utils/email.server";
import { verifyPassword } from "#app/utils/password.server";
import { getUserId } from "#app/utils/session.server";
import { createNetwork, createOrganisation, createUser, makeCoordinator, makeDelegate, makeRequest, sessionCookie } from "#tests/factories";
import { call } from "#tests/route-call";
import { startSmtpPeer } from "#tests/setup/smtp";

let peer: Awaited<ReturnType<typeof startSmtpPeer>>;
beforeAll(async () => {
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer?.close();
});

async function setting() {
  const network = await createNetwork();
  const org = await createOrganisation(network.id);
  const coordinator = await createUser({ name: "Claire Coordination" });
  await makeCoordinator(network.id, coordinator.id);
  return { network, org, coordinator, coordinatorCookie: await sessionCookie(coordinator.id) };
}

type Setting = Awaited<ReturnType<typeof setting>>;
const delegatesPath = (s: Setting) => `/${s.network.slug}/organisations/${s.org.slug}/delegates`;
const delegatesParams = (s: Setting) => ({ network: s.network.slug, org: s.org.slug });

function postDelegates(s: Setting, cookie: string | undefined, form: Record<string, string>) {
  return call(delegatesAction, makeRequest(delegatesPath(s), { method: "POST", cookie, form }), delegatesParams(s));
}

/** Delivers the outbox to the SMTP peer and returns the invitation token in the message to `to`. */
async function invitationLinkSentTo(to: string) {
  const before = peer.messages.length;
  const { sent } = await deliverDueEmails(createTransport(peer.url));
  await peer.waitFor(before + sent);
  const message = peer.messages
    .slice(before)
    .reverse()
    .find((m) => JSON.stringify(m.to).includes(to));
  expect(message, `a message to ${to}`).toBeDefined();
  const match = /https?:\/\/\S+\/invitations\/([A-Za-z0-9_-]+)/.exec(message!.text ?? "");
  expect(match).not.toBeNull();
  return { token: match![1], message: message! };
}

const visit = (token: string, cookie?: string) => call(inviteLoader, makeRequest(`/invitations/${token}`, { cookie }), { token });
const answer = (token: string, form: Record<string, string>, cookie?: string) =>
  call(inviteAction, makeRequest(`/invitations/${token}`, { method: "POST", cookie, form }), { token });

const newAccount = {
  intent: "create",
  name: "Sofia El Amrani",
  phone: "0470 12 34 56",
  locale: "fr",
  password: "un mot de passe solide",
  confirm: "un mot de passe solide",
};

describe("invitations", () => {
  test("a coordinator invites; the e-mailed link creates the account, the delegate link and a session", async () => {
    const s = await setting();
    const invited = await postDelegates(s, s.coordinatorCookie, { intent: "invite", email: "Sofia@Example.test", role: "substitute" });
    expect(invited.status).toBe(302);
    const { token, message } = await invitationLinkSentTo("sofia@example.test");
    expect(message.subject).toContain(s.network.name);
    expect(message.text).toContain(s.org.name);

    const page = await visit(token);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ mode: "create", invitation: { email: "sofia@example.test", role: "substitute", organisation: { name: s.org.name } } });

    const mismatch = await answer(token, { ...newAccount, confirm: "autre chose encore" });
    expect(mismatch.status).toBe(400);
    expect(await prisma.user.count({ where: { email: "sofia@example.test" } })).toBe(0);

    const done = await answer(token, newAccount);
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/${s.network.slug}/organisations/${s.org.slug}`);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "sofia@example.test" } });
    expect(user).toMatchObject({ name: "Sofia El Amrani", phone: "0470 12 34 56", locale: "fr" });
    expect(await verifyPassword(user.passwordHash, newAccount.password)).toBe(true);
    expect(await prisma.delegate.findUnique({ where: { organisationId_userId: { organisationId: s.org.id, userId: user.id } } })).toMatchObject({
      role: "substitute",
    });
    const cookie = done.headers
      .getSetCookie()
      .find((c) => c.startsWith("__maillage="))!
      .split(";")[0];
    expect(await getUserId(makeRequest("/", { cookie }))).toBe(user.id);
    const actions = (await prisma.auditLog.findMany({ where: { networkId: s.network.id }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["invitation.create", "invitation.accept", "delegate.create"]));

    // Used once: the link now says so.
    expect((await visit(token)).status).toBe(410);
    expect((await answer(token, newAccount)).status).toBe(410);
  });

  test("an existing account must be signed in as itself to accept", async () => {
    const s = await setting();
    const existing = await createUser({ locale: "en" });
    await postDelegates(s, s.coordinatorCookie, { intent: "invite", email: existing.email, role: "titular" });
    const { token, message } = await invitationLinkSentTo(existing.email);
    expect(message.subject).toBe(`Invitation to join ${s.network.name} on Maillage`); // the account's language

    expect((await visit(token)).body).toMatchObject({ mode: "signIn" });
    const anonymous = await answer(token, { intent: "accept" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);

    const intruder = await createUser();
    const intruderCookie = await sessionCookie(intruder.id);
    expect((await visit(token, intruderCookie)).body).toMatchObject({ mode: "otherAccount" });
    expect((await answer(token, { intent: "accept" }, intruderCookie)).status).toBe(403);
    // Nor can the link create a second account for that address.
    expect((await answer(token, { ...newAccount }, intruderCookie)).status).toBe(409);
    expect(await prisma.delegate.count({ where: { organisationId: s.org.id } })).toBe(0);

    const own = await sessionCookie(existing.id);
    expect((await visit(token, own)).body).toMatchObject({ mode: "accept" });
    const accepted = await answer(token, { intent: "accept" }, own);
    expect(accepted.status).toBe(302);
    expect(await prisma.delegate.findUnique({ where: { organisationId_userId: { organisationId: s.org.id, userId: existing.id } } })).toMatchObject({
      role: "titular",
    });
  });

  test("expired after 14 days", async () => {
    const s = await setting();
    const start = new Date("2026-05-04T08:00:00Z");
    setNow(start);
    await postDelegates(s, s.coordinatorCookie, { intent: "invite", email: "late@example.test", role: "staff" });
    const { token } = await invitationLinkSentTo("late@example.test");
    setNow(new Date(start.getTime() + 13 * 86_400_000));
    expect((await visit(token)).status).toBe(200);
    setNow(new Date(start.getTime() + 15 * 86_400_000));
    const page = await visit(token);
    expect(page.status).toBe(410);
    expect(page.body).toMatchObject({ state: "expired" });
    expect((await answer(token, newAccount)).status).toBe(410);
    expect(await prisma.user.count({ where: { email: "late@example.test" } })).toBe(0);
  });

  test("revoked by the coordinator, and replaced by a new invitation to the same address", async () => {
    const s = await setting();
    await postDelegates(s, s.coordinatorCookie, { intent: "invite", email: "twice@example.test", role: "staff" });
    const first = await invitationLinkSentTo("twice@example.test");
    await postDelegates(s, s.coordinatorCookie, { intent: "invite", email: "twice@example.test", role: "titular" });
    const second = await invitationLinkSentTo("twice@example.test");
    expect(second.token).not.toBe(first.token);
    expect((await visit(first.token)).body).toMatchObject({ state: "revoked" });
    expect((await visit(second.token)).status).toBe(200);

    const pending = await prisma.invitation.findFirstOrThrow({ where: { email: "twice@example.test", revokedAt: null } });
    expect((await postDelegates(s, s.coordinatorCookie, { intent: "revoke", invitationId: pending.id })).status).toBe(302);
    expect((await visit(second.token)).status).toBe(410);
    expect(await prisma.auditLog.count({ where: { action: "invitation.revoke", networkId: s.network.id } })).toBe(2);
  });

  test("a coordinator invitation makes the person a coordinator of the network", async () => {
    const s = await setting();
    const { token } = await transaction((tx) =>
      createInvitation(tx, {
        networkId: s.network.id,
        organisationId: null,
        email: "new-coord@example.test",
        role: "coordinator",
        invitedById: s.coordinator.id,
      }),
    );
    const done = await answer(token, newAccount);
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/${s.network.slug}`);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "new-coord@example.test" } });
    expect(await prisma.networkCoordinator.count({ where: { networkId: s.network.id, userId: user.id } })).toBe(1);
    expect(await prisma.delegate.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("delegates page", () => {
  test("delegates and coordinators of the network see it; others get 403; anonymous goes to sign-in", async () => {
    const s = await setting();
    const delegate = await createUser({ name: "Dora Délégation" });
    await makeDelegate(s.org.id, delegate.id, "titular");
    const otherOrg = await createOrganisation(s.network.id);
    const otherDelegate = await createUser();
    await makeDelegate(otherOrg.id, otherDelegate.id);
    const otherNetwork = await createNetwork();
    const otherCoordinator = await createUser();
    await makeCoordinator(otherNetwork.id, otherCoordinator.id);
    const get = async (cookie?: string) => call(delegatesLoader, makeRequest(delegatesPath(s), { cookie }), delegatesParams(s));

    const asCoordinator = await get(s.coordinatorCookie);
    expect(asCoordinator.status).toBe(200);
    expect(asCoordinator.body).toMatchObject({ canManage: true, delegates: [{ name: "Dora Délégation", role: "titular", email: delegate.email }] });
    const asDelegate = await get(await sessionCookie(delegate.id));
    expect(asDelegate.status).toBe(200);
    expect(asDelegate.body).toMatchObject({ canManage: false });
    expect((await get(await sessionCookie(otherDelegate.id))).status).toBe(403);
    expect((await get(await sessionCookie(otherCoordinator.id))).status).toBe(403);
    expect((await get()).status).toBe(302);
  });

  test("only coordinators change delegates: a delegate cannot invite, change roles or remove", async () => {
    const s = await setting();
    const delegate = await createUser();
    await makeDelegate(s.org.id, delegate.id, "titular");
    const colleague = await createUser({ name: "Colette Collègue" });
    await makeDelegate(s.org.id, colleague.id, "staff");
    const delegateCookie = await sessionCookie(delegate.id);

    expect((await postDelegates(s, delegateCookie, { intent: "invite", email: "friend@example.test", role: "titular" })).status).toBe(403);
    expect((await postDelegates(s, delegateCookie, { intent: "remove", userId: colleague.id })).status).toBe(403);
    expect(await prisma.invitation.count({ where: { email: "friend@example.test" } })).toBe(0);
    expect(await prisma.outboxEmail.count({ where: { to: "friend@example.test" } })).toBe(0);

    const badEmail = await postDelegates(s, s.coordinatorCookie, { intent: "invite", email: "not an address", role: "titular" });
    expect(badEmail.status).toBe(400);
    const already = await postDelegates(s, s.coordinatorCookie, { intent: "invite", email: colleague.email, role: "titular" });
    expect(already.status).toBe(400);
    expect((already.body as { result: { error: Record<string, string[]> } }).result.error.email).toEqual(["delegates.alreadyDelegate"]);

    expect((await postDelegates(s, s.coordinatorCookie, { intent: "role", userId: colleague.id, role: "substitute" })).status).toBe(302);
    expect(await prisma.delegate.findUnique({ where: { organisationId_userId: { organisationId: s.org.id, userId: colleague.id } } })).toMatchObject({
      role: "substitute",
    });

    // Removal asks for confirmation first (a page of its own), then removes.
    const confirm = await call(delegatesLoader, makeRequest(`${delegatesPath(s)}?remove=${colleague.id}`, { cookie: s.coordinatorCookie }), delegatesParams(s));
    expect(confirm.body).toMatchObject({ confirmRemove: { id: colleague.id, name: "Colette Collègue" } });
    expect((await postDelegates(s, s.coordinatorCookie, { intent: "remove", userId: colleague.id })).status).toBe(302);
    expect(await prisma.delegate.count({ where: { organisationId: s.org.id, userId: colleague.id } })).toBe(0);
    const actions = (await prisma.auditLog.findMany({ where: { networkId: s.network.id, entityType: "delegate" }, select: { action: true } })).map(
      (a) => a.action,
    );
    expect(actions.sort()).toEqual(["delegate.delete", "delegate.update"]);
  });
});
