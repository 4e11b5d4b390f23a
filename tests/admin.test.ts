import { describe, expect, test } from "vitest";

import { createNetwork as createNetworkRow } from "#app/models/network.server";
import { isSlugTaken } from "#app/models/network.server";
import * as dashboard from "#app/routes/$network+/admin+/_index";
import * as auditPage from "#app/routes/$network+/admin+/audit";
import * as exportRoute from "#app/routes/$network+/admin+/export";
import * as importPage from "#app/routes/$network+/admin+/import";
import * as importTemplate from "#app/routes/$network+/admin+/import-template";
import * as outboxList from "#app/routes/$network+/admin+/outbox._index";
import * as outboxEmail from "#app/routes/$network+/admin+/outbox.$id";
import * as settings from "#app/routes/$network+/admin+/settings";
import * as platform from "#app/routes/admin+/_index";
import * as platformNetwork from "#app/routes/admin+/networks.$network";
import { prisma, transaction } from "#app/utils/db.server";
import { sendEmail } from "#app/utils/email.server";
import { createNetwork, createOrganisation, createUser, makeCoordinator, makeDelegate, makeRequest, sessionCookie } from "#tests/factories";

type Result = Response | { data: unknown; init: ResponseInit | null };
const isWrapped = (r: unknown): r is { data: unknown; init: ResponseInit | null } => !!r && typeof r === "object" && "init" in r && "data" in r;
const statusOf = (r: Result) => (r instanceof Response ? r.status : isWrapped(r) ? (r.init?.status ?? 200) : 200);
// A loader returns a plain object, or data(…, init) when it sets a status.
const dataOf = (r: Result) => (r instanceof Response ? null : ((isWrapped(r) ? r.data : r) as Record<string, any>));
type Fn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

/** The status a loader or action answers, thrown or returned. */
async function call(
  fn: Fn,
  path: string,
  params: Record<string, string>,
  init: { cookie?: string; form?: Record<string, string | string[]>; method?: string } = {},
) {
  try {
    const r = (await fn({ request: makeRequest(path, { method: init.form ? "POST" : "GET", ...init }), params, context: {} })) as Result;
    return { status: statusOf(r), data: dataOf(r), response: r instanceof Response ? r : null };
  } catch (thrown) {
    const r = thrown as Result;
    if (!(r instanceof Response) && !isWrapped(r)) throw thrown;
    return { status: statusOf(r), data: dataOf(r), response: r instanceof Response ? r : null };
  }
}

async function admin() {
  const user = await createUser({ isPlatformAdmin: true });
  return { user, cookie: await sessionCookie(user.id) };
}

const networkForm = (over: Record<string, string | string[]> = {}) => ({
  name: "Coordination sociale de Forest",
  slug: "cs-forest",
  description: "Le réseau des services sociaux de Forest.",
  themes: "Logement\nSanté\n\nlogement\nJeunesse",
  languages: ["fr", "nl"],
  coordinatorEmail: "coordination@forest.example",
  ...over,
});

describe("platform administration: networks", () => {
  test("creating a network with an existing person as coordinator, audited", async () => {
    const { user, cookie } = await admin();
    const coordinator = await createUser({ email: "coordination@forest.example" });
    const r = await call(platform.action as Fn, "/admin", {}, { cookie, form: networkForm() });
    expect(r.status).toBe(302);
    expect(r.response!.headers.get("Location")).toBe("/admin/networks/cs-forest");
    const network = await prisma.network.findUniqueOrThrow({
      where: { slug: "cs-forest" },
      select: { id: true, themes: true, languages: true, coordinators: { select: { userId: true } } },
    });
    expect(network.themes).toEqual(["Logement", "Santé", "Jeunesse"]);
    expect(network.languages).toEqual(["fr", "nl"]);
    expect(network.coordinators).toEqual([{ userId: coordinator.id }]);
    const actions = await prisma.auditLog.findMany({
      where: { networkId: network.id, actorId: user.id },
      select: { action: true },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((a) => a.action)).toEqual(["network.create", "coordinator.add"]);
  });

  test("an unknown e-mail gets a coordinator invitation in the outbox", async () => {
    const { cookie } = await admin();
    const r = await call(platform.action as Fn, "/admin", {}, { cookie, form: networkForm({ slug: "cs-jette", coordinatorEmail: "Nouvelle@Jette.example" }) });
    expect(r.status).toBe(302);
    const network = await prisma.network.findUniqueOrThrow({ where: { slug: "cs-jette" }, select: { id: true } });
    expect(await prisma.networkCoordinator.count({ where: { networkId: network.id } })).toBe(0);
    const invitation = await prisma.invitation.findFirstOrThrow({
      where: { networkId: network.id },
      select: { email: true, role: true, organisationId: true },
    });
    expect(invitation).toEqual({ email: "nouvelle@jette.example", role: "coordinator", organisationId: null });
    expect(await prisma.outboxEmail.count({ where: { networkId: network.id, to: "nouvelle@jette.example" } })).toBe(1);
  });

  test("reserved, malformed and taken slugs: a clear error beside the field, nothing created", async () => {
    const { cookie } = await admin();
    await createNetwork({ slug: "deja-pris" });
    const count = await prisma.network.count();
    for (const [slug, key] of [
      ["admin", "admin.slugReserved"],
      ["login", "admin.slugReserved"],
      ["Avec Espaces", "admin.slugFormat"],
      ["deja-pris", "admin.slugTaken"],
    ]) {
      const r = await call(platform.action as Fn, "/admin", {}, { cookie, form: networkForm({ slug }) });
      expect(r.status).toBe(400);
      expect(r.data!.error.slug).toEqual([key]);
    }
    const missing = await call(platform.action as Fn, "/admin", {}, { cookie, form: networkForm({ languages: [], coordinatorEmail: "pas-un-email" }) });
    expect(missing.status).toBe(400);
    expect(missing.data!.error).toMatchObject({ languages: ["admin.languagesRequired"], coordinatorEmail: ["form.invalidEmail"] });
    expect(await prisma.network.count()).toBe(count);
  });

  test("two requests racing for one slug: one network, the other gets the clear error", async () => {
    const { cookie } = await admin();
    const results = await Promise.all(
      ["Réseau A", "Réseau B"].map((name) => call(platform.action as Fn, "/admin", {}, { cookie, form: networkForm({ name, slug: "course" }) })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([302, 400]);
    expect(results.find((r) => r.status === 400)!.data!.error.slug).toEqual(["admin.slugTaken"]);
    expect(await prisma.network.count({ where: { slug: "course" } })).toBe(1);
    // The insert itself refuses a taken slug (the check before it can be overtaken).
    const error = await transaction((tx) => createNetworkRow(tx, "x", { name: "C", slug: "course", description: "", themes: [], languages: ["fr"] })).catch(
      (e) => e,
    );
    expect(isSlugTaken(error)).toBe(true);
  });

  test("editing a network and managing its coordinators; the last one stays", async () => {
    const { user, cookie } = await admin();
    const network = await createNetwork({ slug: "a-modifier" });
    const first = await createUser();
    await makeCoordinator(network.id, first.id);
    const params = { network: network.slug };
    const path = `/admin/networks/${network.slug}`;

    const last = await call(platformNetwork.action as Fn, path, params, { cookie, form: { intent: "removeCoordinator", userId: first.id } });
    expect(last.status).toBe(400);
    expect(last.data!.result.error[""]).toEqual(["admin.lastCoordinator"]);

    const second = await createUser();
    expect((await call(platformNetwork.action as Fn, path, params, { cookie, form: { intent: "addCoordinator", email: second.email } })).status).toBe(302);
    expect((await call(platformNetwork.action as Fn, path, params, { cookie, form: { intent: "removeCoordinator", userId: first.id } })).status).toBe(302);
    expect((await prisma.networkCoordinator.findMany({ where: { networkId: network.id }, select: { userId: true } })).map((c) => c.userId)).toEqual([
      second.id,
    ]);

    const taken = await createNetwork();
    const clash = await call(platformNetwork.action as Fn, path, params, {
      cookie,
      form: { intent: "update", name: "Nouveau nom", slug: taken.slug, languages: ["fr"] },
    });
    expect(clash.data!.result.error.slug).toEqual(["admin.slugTaken"]);
    const ok = await call(platformNetwork.action as Fn, path, params, {
      cookie,
      form: { intent: "update", name: "Nouveau nom", slug: "nouveau-nom", themes: "Santé", languages: ["fr", "en"] },
    });
    expect(ok.response!.headers.get("Location")).toBe("/admin/networks/nouveau-nom");
    const log = await prisma.auditLog.findMany({
      where: { networkId: network.id, actorId: user.id },
      select: { action: true, after: true },
      orderBy: { createdAt: "asc" },
    });
    expect(log.map((l) => l.action)).toEqual(["coordinator.add", "coordinator.remove", "network.update"]);
    expect(log[2].after).toMatchObject({ name: "Nouveau nom", slug: "nouveau-nom", themes: ["Santé"] });
  });

  test("only platform administrators", async () => {
    const network = await createNetwork();
    const coordinator = await createUser();
    await makeCoordinator(network.id, coordinator.id);
    const cookie = await sessionCookie(coordinator.id);
    expect((await call(platform.loader as Fn, "/admin", {}, { cookie })).status).toBe(403);
    expect((await call(platform.action as Fn, "/admin", {}, { cookie, form: networkForm({ slug: "intrus" }) })).status).toBe(403);
    expect((await call(platformNetwork.loader as Fn, `/admin/networks/${network.slug}`, { network: network.slug }, { cookie })).status).toBe(403);
    const anonymous = await call(platform.loader as Fn, "/admin", {});
    expect(anonymous.status).toBe(302);
    expect(anonymous.response!.headers.get("Location")).toMatch(/^\/login/);
    expect(await prisma.network.count({ where: { slug: "intrus" } })).toBe(0);
  });
});

describe("coordinator tools", () => {
  async function setup() {
    const network = await createNetwork();
    const coordinator = await createUser();
    await makeCoordinator(network.id, coordinator.id);
    const org = await createOrganisation(network.id);
    const delegate = await createUser();
    await makeDelegate(org.id, delegate.id);
    const otherNetwork = await createNetwork();
    const otherCoordinator = await createUser();
    await makeCoordinator(otherNetwork.id, otherCoordinator.id);
    return { network, org, coordinator, delegate, otherNetwork, otherCoordinator, cookie: await sessionCookie(coordinator.id) };
  }

  test("every page: coordinator 200, coordinator of another network and delegate 403, anonymous to /login", async () => {
    const s = await setup();
    const email = await sendEmail({ to: "x@example.test", subject: "Bonjour", html: "<p>Bonjour</p>", text: "Bonjour", networkId: s.network.id });
    const slug = s.network.slug;
    const pages: [Fn, string, Record<string, string>][] = [
      [dashboard.loader as Fn, `/${slug}/admin`, { network: slug }],
      [settings.loader as Fn, `/${slug}/admin/settings`, { network: slug }],
      [importPage.loader as Fn, `/${slug}/admin/import`, { network: slug }],
      [importTemplate.loader as Fn, `/${slug}/admin/import-template`, { network: slug }],
      [exportRoute.loader as Fn, `/${slug}/admin/export`, { network: slug }],
      [outboxList.loader as Fn, `/${slug}/admin/outbox`, { network: slug }],
      [outboxEmail.loader as Fn, `/${slug}/admin/outbox/${email.id}`, { network: slug, id: email.id }],
      [auditPage.loader as Fn, `/${slug}/admin/audit`, { network: slug }],
    ];
    const others = [await sessionCookie(s.otherCoordinator.id), await sessionCookie(s.delegate.id)];
    for (const [fn, path, params] of pages) {
      expect((await call(fn, path, params, { cookie: s.cookie })).status, path).toBe(200);
      for (const cookie of others) expect((await call(fn, path, params, { cookie })).status, path).toBe(403);
      const anonymous = await call(fn, path, params);
      expect(anonymous.status, path).toBe(302);
      expect(anonymous.response!.headers.get("Location")).toMatch(/^\/login/);
    }
    for (const cookie of others) {
      expect((await call(settings.action as Fn, `/${slug}/admin/settings`, { network: slug }, { cookie, form: { description: "piraté" } })).status).toBe(403);
      expect(
        (await call(outboxEmail.action as Fn, `/${slug}/admin/outbox/${email.id}`, { network: slug, id: email.id }, { cookie, form: { intent: "retry" } }))
          .status,
      ).toBe(403);
    }
    expect((await prisma.network.findUniqueOrThrow({ where: { id: s.network.id } })).description).not.toBe("piraté");
  });

  test("dashboard counts", async () => {
    const s = await setup();
    await sendEmail({ to: "a@example.test", subject: "A", html: "", text: "", networkId: s.network.id });
    const failed = await sendEmail({ to: "b@example.test", subject: "B", html: "", text: "", networkId: s.network.id });
    await prisma.outboxEmail.update({ where: { id: failed.id }, data: { status: "failed" } });
    await sendEmail({ to: "c@example.test", subject: "C", html: "", text: "", networkId: s.otherNetwork.id });
    const r = await call(dashboard.loader as Fn, `/${s.network.slug}/admin`, { network: s.network.slug }, { cookie: s.cookie });
    expect(r.data).toMatchObject({ counts: { organisations: 1, delegates: 1, invitations: 0, waiting: 1, failed: 1 } });
  });

  test("settings: description and themes only, audited", async () => {
    const s = await setup();
    const path = `/${s.network.slug}/admin/settings`;
    const r = await call(
      settings.action as Fn,
      path,
      { network: s.network.slug },
      { cookie: s.cookie, form: { description: "Nouvelle présentation", themes: "Logement\nAlimentation", name: "Pirate", slug: "pirate" } },
    );
    expect(r.status).toBe(302);
    const network = await prisma.network.findUniqueOrThrow({
      where: { id: s.network.id },
      select: { name: true, slug: true, description: true, themes: true },
    });
    expect(network).toEqual({ name: s.network.name, slug: s.network.slug, description: "Nouvelle présentation", themes: ["Logement", "Alimentation"] });
    const entry = await prisma.auditLog.findFirstOrThrow({
      where: { networkId: s.network.id, action: "network.update" },
      select: { actorId: true, before: true, after: true },
    });
    expect(entry).toMatchObject({ actorId: s.coordinator.id, after: { description: "Nouvelle présentation", themes: ["Logement", "Alimentation"] } });
  });

  test("outbox: the e-mails written by sendEmail, one message, 404 for another network's, retry of a failure", async () => {
    const s = await setup();
    const invite = await sendEmail({
      to: "delegue@example.test",
      subject: "Invitation à rejoindre Maillage",
      html: "<p><a href='http://x/invitations/abc'>Accepter</a></p>",
      text: "Accepter : http://x/invitations/abc",
      networkId: s.network.id,
    });
    const foreign = await sendEmail({ to: "z@example.test", subject: "Ailleurs", html: "", text: "", networkId: s.otherNetwork.id });
    const slug = s.network.slug;
    const list = await call(outboxList.loader as Fn, `/${slug}/admin/outbox`, { network: slug }, { cookie: s.cookie });
    expect(list.data!.emails.map((e: any) => e.subject)).toEqual(["Invitation à rejoindre Maillage"]);
    const one = await call(outboxEmail.loader as Fn, `/${slug}/admin/outbox/${invite.id}`, { network: slug, id: invite.id }, { cookie: s.cookie });
    expect(one.data!.email).toMatchObject({ to: "delegue@example.test", text: "Accepter : http://x/invitations/abc", status: "pending" });
    expect((await call(outboxEmail.loader as Fn, `/${slug}/admin/outbox/${foreign.id}`, { network: slug, id: foreign.id }, { cookie: s.cookie })).status).toBe(
      404,
    );

    const path = `/${slug}/admin/outbox/${invite.id}`;
    expect((await call(outboxEmail.action as Fn, path, { network: slug, id: invite.id }, { cookie: s.cookie, form: { intent: "retry" } })).status).toBe(400);
    await prisma.outboxEmail.update({ where: { id: invite.id }, data: { status: "failed", attempts: 8, lastError: "connection refused" } });
    expect((await call(outboxEmail.action as Fn, path, { network: slug, id: invite.id }, { cookie: s.cookie, form: { intent: "retry" } })).status).toBe(302);
    expect(await prisma.outboxEmail.findUniqueOrThrow({ where: { id: invite.id }, select: { status: true, attempts: true } })).toEqual({
      status: "pending",
      attempts: 0,
    });
  });

  test("audit: the network's entries, newest first, filtered by action and entity type", async () => {
    const s = await setup();
    const slug = s.network.slug;
    await call(settings.action as Fn, `/${slug}/admin/settings`, { network: slug }, { cookie: s.cookie, form: { description: "Changée", themes: "Logement" } });
    await createOrganisation(s.otherNetwork.id); // another network's entry: never listed
    const all = await call(auditPage.loader as Fn, `/${slug}/admin/audit`, { network: slug }, { cookie: s.cookie });
    expect(all.data!.entries.map((e: any) => e.action)).toEqual(["network.update", "organisation.create"]);
    expect(all.data!.entries[0].actor).toBe(s.coordinator.name);
    expect(all.data!.entries[1]).toMatchObject({ actor: null, organisation: { name: s.org.name } });
    expect(all.data!.actions).toEqual(["network.update", "organisation.create"]);

    const byAction = await call(auditPage.loader as Fn, `/${slug}/admin/audit?action=organisation.create`, { network: slug }, { cookie: s.cookie });
    expect(byAction.data!.entries.map((e: any) => e.action)).toEqual(["organisation.create"]);
    const byEntity = await call(auditPage.loader as Fn, `/${slug}/admin/audit?entity=network`, { network: slug }, { cookie: s.cookie });
    expect(byEntity.data!.entries.map((e: any) => e.entityType)).toEqual(["network"]);
    const none = await call(auditPage.loader as Fn, `/${slug}/admin/audit?action=network.update&entity=organisation`, { network: slug }, { cookie: s.cookie });
    expect(none.data!.total).toBe(0);
  });
});
