// Requests to join a network: the public form (validation, honeypot, rate limit, e-mails) and the
// coordinator's decision (accept creates or reuses the organisation and invites the contact
// through the usual invitation; decline e-mails a message; a request is decided once).
import { describe, expect, test } from "vitest";

import { membershipStatuses } from "#app/models/adhesion.server";
import { loader as listLoader } from "#app/routes/$network+/admin+/join-requests._index";
import { action as requestAction, loader as requestLoader } from "#app/routes/$network+/admin+/join-requests.$id";
import { action as joinAction, loader as joinLoader } from "#app/routes/$network+/charter+/join";
import { action as invitationAction } from "#app/routes/invitations.$token";
import { now, setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import {
  createAdhesion,
  createCharterVersion,
  createNetwork,
  createOrganisation,
  createUser,
  makeCoordinator,
  makeDelegate,
  makeRequest,
  sessionCookie,
} from "#tests/factories";
import { call } from "#tests/route-call";

type Network = Awaited<ReturnType<typeof createNetwork>>;

let ipCounter = 0;
/** A fresh client address per call site, so the tests do not share a rate-limit window. */
const newIp = () => `203.0.113.${++ipCounter}`;

function validForm(overrides: Record<string, string> = {}) {
  return {
    organisationName: "Épicerie sociale du Pont",
    kind: "association",
    street: "Rue du Pont 12",
    postalCode: "5000",
    commune: "Namur",
    website: "https://epicerie-pont.example",
    phone: "081 44 55 66",
    contactName: "Inès Martin",
    contactEmail: "Ines.Martin@Epicerie.example",
    contactFunction: "Coordinatrice",
    motivation: "Nous accueillons des familles et voulons travailler avec les autres services du quartier.",
    fax: "",
    ...overrides,
  };
}

function submit(network: Network, form: Record<string, string>, options: { ip?: string; cookie?: string; language?: string } = {}) {
  const headers: Record<string, string> = { "x-maillage-client-ip": options.ip ?? newIp() };
  if (options.language) headers["Accept-Language"] = options.language;
  return call(joinAction, makeRequest(`/${network.slug}/charter/join`, { method: "POST", form, cookie: options.cookie, headers }), { network: network.slug });
}

async function setting() {
  const network = await createNetwork();
  const coordinator = await createUser({ name: "Claire Coordination", locale: "fr" });
  const coordinatorEn = await createUser({ name: "Sam Coordination", locale: "en" });
  await makeCoordinator(network.id, coordinator.id);
  await makeCoordinator(network.id, coordinatorEn.id);
  return { network, coordinator, coordinatorEn, cookie: await sessionCookie(coordinator.id) };
}
type Setting = Awaited<ReturnType<typeof setting>>;

const detailPath = (s: Setting, id: string) => `/${s.network.slug}/admin/join-requests/${id}`;
/** As the setting's coordinator by default; `null` for an anonymous visitor. */
const decide = (s: Setting, id: string, form: Record<string, string>, cookie: string | null = s.cookie) =>
  call(requestAction, makeRequest(detailPath(s, id), { method: "POST", form, cookie: cookie ?? undefined }), { network: s.network.slug, id });
const view = (s: Setting, id: string, cookie: string | null = s.cookie) =>
  call(requestLoader, makeRequest(detailPath(s, id), { cookie: cookie ?? undefined }), { network: s.network.slug, id });

const outboxOf = (networkId: string) => prisma.outboxEmail.findMany({ where: { networkId }, orderBy: { createdAt: "asc" } });

/** Submits a valid request and returns its row. */
async function requestFrom(s: Setting, overrides: Record<string, string> = {}) {
  const result = await submit(s.network, validForm(overrides));
  expect(result.status).toBe(302);
  return prisma.joinRequest.findFirstOrThrow({ where: { networkId: s.network.id }, orderBy: { createdAt: "desc" } });
}

describe("the public form", () => {
  test("a valid request is stored as pending, each coordinator is told, the contact gets an acknowledgement in the page's language", async () => {
    const s = await setting();
    const page = await call(joinLoader, makeRequest(`/${s.network.slug}/charter/join`), { network: s.network.slug });
    expect(page).toMatchObject({ status: 200, body: { network: { slug: s.network.slug }, sent: false } });

    const result = await submit(s.network, validForm(), { language: "nl-BE,nl;q=0.9" });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/${s.network.slug}/charter/join?sent=1`);
    const sent = await call(joinLoader, makeRequest(`/${s.network.slug}/charter/join?sent=1`), { network: s.network.slug });
    expect(sent.body).toMatchObject({ sent: true });

    const rows = await prisma.joinRequest.findMany({ where: { networkId: s.network.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      organisationName: "Épicerie sociale du Pont",
      kind: "association",
      street: "Rue du Pont 12",
      postalCode: "5000",
      commune: "Namur",
      website: "https://epicerie-pont.example",
      phone: "081 44 55 66",
      contactName: "Inès Martin",
      contactEmail: "ines.martin@epicerie.example",
      contactFunction: "Coordinatrice",
      status: "pending",
      locale: "nl",
      organisationId: null,
      decidedAt: null,
    });

    const emails = await outboxOf(s.network.id);
    expect(emails.map((e) => e.to).sort()).toEqual([s.coordinator.email, s.coordinatorEn.email, "ines.martin@epicerie.example"].sort());
    const link = `/${s.network.slug}/admin/join-requests/${rows[0].id}`;
    const toFr = emails.find((e) => e.to === s.coordinator.email)!;
    expect(toFr.subject).toBe(`${s.network.name} : Épicerie sociale du Pont demande à rejoindre le réseau`);
    expect(toFr.text).toContain(link);
    expect(toFr.text).toContain("Nous accueillons des familles");
    expect(toFr.text).not.toContain("Attention : une organisation du même nom");
    const toEn = emails.find((e) => e.to === s.coordinatorEn.email)!;
    expect(toEn.subject).toBe(`${s.network.name}: Épicerie sociale du Pont asks to join the network`);
    const ack = emails.find((e) => e.to === "ines.martin@epicerie.example")!;
    expect(ack.subject).toBe(`${s.network.name}: we hebben uw aanvraag goed ontvangen`);
    expect(ack.text).toContain("Beste Inès Martin");

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { networkId: s.network.id, action: "joinRequest.create" } });
    expect(audit).toMatchObject({ entityId: rows[0].id, actorId: null });
  });

  test("a name already in the network (same once folded) is accepted, and flagged to the coordinators", async () => {
    const s = await setting();
    const existing = await createOrganisation(s.network.id, { name: "Maison Médicale du Nord" });
    const row = await requestFrom(s, { organisationName: "  maison medicale   DU NORD " });
    expect(row.organisationName).toBe("maison medicale   DU NORD");
    const toFr = (await outboxOf(s.network.id)).find((e) => e.to === s.coordinator.email)!;
    expect(toFr.text).toContain("Attention : une organisation du même nom est déjà dans le réseau (Maison Médicale du Nord)");

    const list = await call(listLoader, makeRequest(`/${s.network.slug}/admin/join-requests`, { cookie: s.cookie }), { network: s.network.slug });
    expect(list.body).toMatchObject({ pending: [{ id: row.id, sameName: true }] });
    const detail = await view(s, row.id);
    expect(detail.body).toMatchObject({ sameName: [{ id: existing.id, name: "Maison Médicale du Nord" }] });
  });

  test("bad input: 400 with the errors beside the fields, nothing stored, nothing sent", async () => {
    const s = await setting();
    const result = await submit(
      s.network,
      validForm({
        organisationName: "",
        kind: "castle",
        postalCode: "75001",
        contactEmail: "not-an-address",
        motivation: "   ",
        website: "epicerie.example",
        contactFunction: "",
      }),
    );
    expect(result.status).toBe(400);
    const errors = (result.body as { error: Record<string, string[]> }).error;
    expect(errors).toMatchObject({
      organisationName: ["form.required"],
      kind: ["form.invalidChoice"],
      postalCode: ["org.error.postalCode"],
      contactEmail: ["form.invalidEmail"],
      motivation: ["join.error.motivationShort"],
      website: ["form.invalidUrl"],
      contactFunction: ["form.required"],
    });
    const tooLong = await submit(s.network, validForm({ motivation: "x".repeat(2001) }));
    expect(tooLong.status).toBe(400);
    expect((tooLong.body as { error: Record<string, string[]> }).error).toEqual({ motivation: ["form.tooLong"] });
    expect(await prisma.joinRequest.count({ where: { networkId: s.network.id } })).toBe(0);
    expect(await prisma.outboxEmail.count({ where: { networkId: s.network.id } })).toBe(0);
  });

  test("a filled honeypot gets the same answer as a success, and nothing is stored or sent", async () => {
    const s = await setting();
    const result = await submit(s.network, validForm({ fax: "+32 81 00 00 00" }));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/${s.network.slug}/charter/join?sent=1`);
    expect(await prisma.joinRequest.count({ where: { networkId: s.network.id } })).toBe(0);
    expect(await prisma.outboxEmail.count({ where: { networkId: s.network.id } })).toBe(0);
  });

  test("the sixth valid request from one address within the hour is refused with a clear message and stores nothing", async () => {
    const s = await setting();
    const ip = newIp();
    for (let i = 1; i <= 5; i++) {
      expect((await submit(s.network, validForm({ organisationName: `Service ${i}` }), { ip })).status).toBe(302);
    }
    // Invalid forms do not use the allowance: they are refused for what they are.
    expect((await submit(s.network, validForm({ motivation: "" }), { ip })).status).toBe(400);
    const sixth = await submit(s.network, validForm({ organisationName: "Service 6" }), { ip });
    expect(sixth.status).toBe(429);
    expect((sixth.body as { error: Record<string, string[]> }).error[""]).toEqual(["join.rateLimited|minutes=60"]);
    expect(await prisma.joinRequest.count({ where: { networkId: s.network.id } })).toBe(5);
    expect(await prisma.joinRequest.count({ where: { organisationName: "Service 6" } })).toBe(0);
    // Another address is not affected; the same one may send again once the hour is over.
    expect((await submit(s.network, validForm({ organisationName: "Service 7" }))).status).toBe(302);
    setNow(new Date(now().getTime() + 61 * 60 * 1000));
    expect((await submit(s.network, validForm({ organisationName: "Service 8" }), { ip })).status).toBe(302);
    expect(await prisma.joinRequest.count({ where: { networkId: s.network.id } })).toBe(7);
  });

  test("works for everyone, also signed in; a signed-in person's own language is used", async () => {
    const s = await setting();
    const org = await createOrganisation(s.network.id);
    const delegate = await createUser({ locale: "en" });
    await makeDelegate(org.id, delegate.id);
    const cookie = await sessionCookie(delegate.id);
    const page = await call(joinLoader, makeRequest(`/${s.network.slug}/charter/join`, { cookie }), { network: s.network.slug });
    expect(page.status).toBe(200);
    const result = await submit(s.network, validForm({ contactEmail: "friend@partner.example" }), { cookie, language: "nl" });
    expect(result.status).toBe(302);
    expect(await prisma.joinRequest.findFirstOrThrow({ where: { networkId: s.network.id } })).toMatchObject({ locale: "en" });
    const ack = await prisma.outboxEmail.findFirstOrThrow({ where: { to: "friend@partner.example" } });
    expect(ack.subject).toBe(`${s.network.name}: we have received your request`);
    // An unknown network is a 404.
    const none = await call(joinLoader, makeRequest(`/no-such-network/charter/join`), { network: "no-such-network" });
    expect(none.status).toBe(404);
  });
});

describe("the coordinator's decision", () => {
  test("accept creates the organisation in the network and invites the contact as titular delegate; the link works", async () => {
    const s = await setting();
    const row = await requestFrom(s);
    const detail = await view(s, row.id);
    expect(detail).toMatchObject({ status: 200, body: { request: { id: row.id, status: "pending" }, sameName: [] } });
    const before = await prisma.outboxEmail.count({ where: { networkId: s.network.id } });

    const result = await decide(s, row.id, { intent: "accept", organisation: "new" });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(detailPath(s, row.id));
    expect(result.headers.get("Set-Cookie")).toContain("__toast");

    const org = await prisma.organisation.findFirstOrThrow({
      where: { name: "Épicerie sociale du Pont", networks: { some: { networkId: s.network.id } } },
      select: { id: true, slug: true, kind: true, street: true, postalCode: true, commune: true, website: true, phone: true, email: true },
    });
    expect(org).toMatchObject({
      kind: "association",
      street: "Rue du Pont 12",
      postalCode: "5000",
      commune: "Namur",
      website: "https://epicerie-pont.example",
      phone: "081 44 55 66",
      email: "ines.martin@epicerie.example",
    });
    const decided = await prisma.joinRequest.findUniqueOrThrow({ where: { id: row.id } });
    expect(decided).toMatchObject({ status: "accepted", organisationId: org.id, decidedById: s.coordinator.id });
    expect(decided.decidedAt).toBeInstanceOf(Date);
    expect(await prisma.invitation.findFirst({ where: { organisationId: org.id } })).toMatchObject({
      email: "ines.martin@epicerie.example",
      role: "titular",
      invitedById: s.coordinator.id,
      acceptedAt: null,
    });
    // The organisation is an applicant until it signs the charter.
    expect((await membershipStatuses(s.network.id, [org.id])).get(org.id)).toMatchObject({ kind: "applicant" });

    const sent = (await outboxOf(s.network.id)).slice(before);
    expect(sent.map((e) => e.to)).toEqual(["ines.martin@epicerie.example", "ines.martin@epicerie.example"]);
    const invitation = sent.find((e) => e.subject === `Invitation à rejoindre ${s.network.name} sur Maillage`)!;
    const accepted = sent.find((e) => e.subject === `${s.network.name} : votre demande est acceptée`)!;
    expect(accepted.text).toContain("candidate");
    expect(accepted.text).toContain(`/${s.network.slug}/charter`);

    // The invitation link goes through the invitation page that already works.
    const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(invitation.text)![1];
    const account = { intent: "create", name: "Inès Martin", phone: "", locale: "fr", password: "un mot de passe solide", confirm: "un mot de passe solide" };
    const done = await call(invitationAction, makeRequest(`/invitations/${token}`, { method: "POST", form: account }), { token });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/${s.network.slug}/organisations/${org.slug}`);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "ines.martin@epicerie.example" } });
    expect(await prisma.delegate.findUnique({ where: { organisationId_userId: { organisationId: org.id, userId: user.id } } })).toMatchObject({
      role: "titular",
    });

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "joinRequest.accept", entityId: row.id } });
    expect(audit).toMatchObject({ actorId: s.coordinator.id, after: { status: "accepted", organisationId: org.id, created: true } });
  });

  test("accept can use the existing organisation of the same name; an organisation outside the network is refused and nothing changes", async () => {
    const s = await setting();
    const existing = await createOrganisation(s.network.id, { name: "Maison Médicale du Nord" });
    const elsewhere = await createOrganisation((await createNetwork()).id, { name: "Maison Médicale du Nord" });
    const row = await requestFrom(s, { organisationName: "Maison medicale du nord" });
    const orgCount = await prisma.organisation.count();

    const refused = await decide(s, row.id, { intent: "accept", organisation: elsewhere.id });
    expect(refused.status).toBe(400);
    expect((refused.body as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["join.error.organisationGone"]);
    expect(await prisma.joinRequest.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "pending", decidedAt: null, organisationId: null });
    expect(await prisma.invitation.count({ where: { networkId: s.network.id } })).toBe(0);

    // The existing organisation has signed the charter: it stays a member, nothing more to sign.
    await createAdhesion(s.network.id, existing.id, await createCharterVersion(s.network.id));
    const before = await prisma.outboxEmail.count({ where: { networkId: s.network.id } });
    const result = await decide(s, row.id, { intent: "accept", organisation: existing.id });
    expect(result.status).toBe(302);
    expect(await prisma.organisation.count()).toBe(orgCount);
    const accepted = await prisma.outboxEmail.findFirstOrThrow({
      where: { networkId: s.network.id, subject: `${s.network.name} : votre demande est acceptée` },
    });
    expect(accepted.text).toContain("Maison Médicale du Nord est déjà membre du réseau");
    expect(accepted.text).not.toContain("candidate");
    expect(await prisma.outboxEmail.count({ where: { networkId: s.network.id } })).toBe(before + 2); // acceptance and invitation
    expect(await prisma.joinRequest.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "accepted", organisationId: existing.id });
    expect(await prisma.invitation.findFirst({ where: { networkId: s.network.id } })).toMatchObject({ organisationId: existing.id, role: "titular" });
  });

  test("decline needs a message, which is e-mailed to the contact in their language", async () => {
    const s = await setting();
    const row = await requestFrom(s);
    const empty = await decide(s, row.id, { intent: "decline", message: "  " });
    expect(empty.status).toBe(400);
    expect((empty.body as { result: { error: Record<string, string[]> } }).result.error).toEqual({ message: ["form.required"] });
    expect(await prisma.joinRequest.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "pending" });

    const message = "Notre réseau couvre Bruxelles seulement ; le Relais social de Namur vous accueillera.";
    const result = await decide(s, row.id, { intent: "decline", message });
    expect(result.status).toBe(302);
    expect(await prisma.joinRequest.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "declined",
      decisionMessage: message,
      decidedById: s.coordinator.id,
      organisationId: null,
    });
    const email = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: "ines.martin@epicerie.example", subject: `${s.network.name} : réponse à votre demande` },
    });
    expect(email.text).toContain(message);
    expect(await prisma.organisation.count({ where: { name: "Épicerie sociale du Pont", networks: { some: { networkId: s.network.id } } } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "joinRequest.decline", entityId: row.id } })).toBe(1);
  });

  test("a request is decided once: a second decision is refused, also when two arrive at once", async () => {
    const s = await setting();
    const row = await requestFrom(s);
    expect((await decide(s, row.id, { intent: "decline", message: "Hors de notre territoire." })).status).toBe(302);
    const emails = await prisma.outboxEmail.count({ where: { networkId: s.network.id } });
    const again = await decide(s, row.id, { intent: "accept", organisation: "new" });
    expect(again.status).toBe(400);
    expect((again.body as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["join.error.alreadyDecided"]);
    expect(await prisma.joinRequest.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "declined" });
    expect(await prisma.organisation.count({ where: { name: "Épicerie sociale du Pont", networks: { some: { networkId: s.network.id } } } })).toBe(0);
    expect(await prisma.outboxEmail.count({ where: { networkId: s.network.id } })).toBe(emails);

    // Two coordinators at once: exactly one decision wins.
    const other = await createUser();
    await makeCoordinator(s.network.id, other.id);
    const row2 = await requestFrom(s, { organisationName: "Service de médiation de dettes" });
    const results = await Promise.all([
      decide(s, row2.id, { intent: "accept", organisation: "new" }),
      decide(s, row2.id, { intent: "accept", organisation: "new" }, await sessionCookie(other.id)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 400]);
    expect(await prisma.organisation.count({ where: { name: "Service de médiation de dettes" } })).toBe(1);
    expect(await prisma.invitation.count({ where: { organisation: { name: "Service de médiation de dettes" } } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "joinRequest.accept", entityId: row2.id } })).toBe(1);
  });

  test("only the network's coordinators see and decide requests", async () => {
    const s = await setting();
    const row = await requestFrom(s);
    const org = await createOrganisation(s.network.id);
    const delegate = await createUser();
    await makeDelegate(org.id, delegate.id);
    const otherNetwork = await createNetwork();
    const otherCoordinator = await createUser();
    await makeCoordinator(otherNetwork.id, otherCoordinator.id);
    const listPath = `/${s.network.slug}/admin/join-requests`;
    const list = (cookie?: string) => call(listLoader, makeRequest(listPath, { cookie }), { network: s.network.slug });

    const anonymous = [await list(), await view(s, row.id, null), await decide(s, row.id, { intent: "decline", message: "Non." }, null)];
    for (const r of anonymous) {
      expect(r.status).toBe(302);
      expect(r.headers.get("Location")).toMatch(/^\/login/);
    }
    for (const cookie of [await sessionCookie(delegate.id), await sessionCookie(otherCoordinator.id)]) {
      expect((await list(cookie)).status).toBe(403);
      expect((await view(s, row.id, cookie)).status).toBe(403);
      expect((await decide(s, row.id, { intent: "decline", message: "Non." }, cookie)).status).toBe(403);
    }
    expect(await prisma.joinRequest.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "pending" });
    expect((await list(s.cookie)).status).toBe(200);

    // A request of another network is not found through this one, even by its own coordinator.
    const foreign = await prisma.joinRequest.create({
      data: {
        networkId: otherNetwork.id,
        organisationName: "Ailleurs",
        kind: "other",
        contactName: "X",
        contactEmail: "x@example.test",
        motivation: "Une autre ville.",
      },
    });
    expect((await view(s, foreign.id)).status).toBe(404);
    expect((await decide(s, foreign.id, { intent: "accept", organisation: "new" })).status).toBe(404);
    expect(await prisma.joinRequest.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({ status: "pending" });
  });
});
