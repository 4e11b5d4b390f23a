// Writing and publishing charter versions through the route loaders and actions: who may, what
// is stored (sanitized body, fingerprint), the freeze (model and database trigger), publishing a
// new version (deadline, e-mails to the delegates of member organisations), bad input refused
// with nothing changed.
import { createHash } from "node:crypto";

import { describe, expect, test } from "vitest";

import { updateDraft } from "#app/models/charter.server";
import { isFrozenByDatabase } from "#app/routes/$network+/charter+/__version.server";
import { action as editAction, loader as editLoader } from "#app/routes/$network+/charter+/versions.$number_.edit";
import { action as newAction, loader as newLoader } from "#app/routes/$network+/charter+/versions.new";
import { setNow } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { DomainError } from "#app/utils/errors.server";
import { plainTextToHtml } from "#app/utils/rich-text.server";
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

type Form = Record<string, string>;

const newPath = (slug: string) => `/${slug}/charter/versions/new`;
const editPath = (slug: string, number: number | string) => `/${slug}/charter/versions/${number}/edit`;

function postNew(slug: string, form: Form, cookie?: string) {
  return call(newAction, makeRequest(newPath(slug), { method: "POST", form, cookie }), { network: slug });
}
function getNew(slug: string, cookie?: string) {
  return call(newLoader, makeRequest(newPath(slug), { cookie }), { network: slug });
}
function postEdit(slug: string, number: number | string, form: Form, cookie?: string) {
  return call(editAction, makeRequest(editPath(slug, number), { method: "POST", form, cookie }), { network: slug, number: String(number) });
}
function getEdit(slug: string, number: number | string, cookie?: string, query = "") {
  return call(editLoader, makeRequest(`${editPath(slug, number)}${query}`, { cookie }), { network: slug, number: String(number) });
}

const PLAIN_BODY = "## Nos principes\n\nLe respect de la personne & le secret professionnel.\n\n- accueillir\n- orienter";

function versionForm(overrides: Form = {}): Form {
  return { title: "Charte du réseau", body: PLAIN_BODY, bodyFormat: "text", changeSummary: "", effectiveOn: "2026-03-01", ...overrides };
}

async function setup() {
  const network = await createNetwork();
  const coordinator = await createUser({ name: "Coordinatrice" });
  await makeCoordinator(network.id, coordinator.id);
  return { network, coordinator, cookie: await sessionCookie(coordinator.id) };
}

const versions = (networkId: string) =>
  prisma.charterVersion.findMany({
    where: { networkId },
    orderBy: { number: "asc" },
    select: {
      number: true,
      status: true,
      title: true,
      body: true,
      changeSummary: true,
      effectiveOn: true,
      fingerprint: true,
      publishedAt: true,
      adhesionDeadline: true,
      updatedAt: true,
    },
  });

const sha256 = (title: string, body: string) => createHash("sha256").update(`${title}\n${body}`, "utf8").digest("hex");

function fieldErrors(body: unknown) {
  return (body as { error?: Record<string, string[]> | null }).error ?? {};
}

describe("who may write the charter", () => {
  test("anonymous goes to the sign-in page; a delegate and a coordinator of another network get 403; nothing is created", async () => {
    const { network } = await setup();
    const draft = await createCharterVersion(network.id, { status: "draft" });
    const org = await createOrganisation(network.id);
    const delegate = await createUser();
    await makeDelegate(org.id, delegate.id, "titular");
    const elsewhere = await createNetwork();
    const otherCoordinator = await createUser();
    await makeCoordinator(elsewhere.id, otherCoordinator.id);
    const before = await versions(network.id);

    for (const attempt of [
      (cookie?: string) => getNew(network.slug, cookie),
      (cookie?: string) => postNew(network.slug, versionForm(), cookie),
      (cookie?: string) => getEdit(network.slug, draft.number, cookie),
      (cookie?: string) => postEdit(network.slug, draft.number, versionForm({ intent: "save", title: "Piratée" }), cookie),
      (cookie?: string) => postEdit(network.slug, draft.number, { intent: "publish" }, cookie),
      (cookie?: string) => postEdit(network.slug, draft.number, { intent: "delete" }, cookie),
    ]) {
      const anonymous = await attempt();
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
      expect((await attempt(await sessionCookie(delegate.id))).status).toBe(403);
      expect((await attempt(await sessionCookie(otherCoordinator.id))).status).toBe(403);
    }
    expect(await versions(network.id)).toEqual(before);
    expect(await prisma.auditLog.count({ where: { networkId: network.id, action: { startsWith: "charter." } } })).toBe(0);
  });

  test("an unknown or malformed version number is a 404, even for the coordinator", async () => {
    const { network, cookie } = await setup();
    expect((await getEdit(network.slug, 7, cookie)).status).toBe(404);
    expect((await getEdit(network.slug, "abc", cookie)).status).toBe(404);
    expect((await postEdit(network.slug, 7, versionForm({ intent: "save" }), cookie)).status).toBe(404);
  });
});

describe("writing and publishing the first version", () => {
  test("the coordinator creates a draft without JavaScript (plain text), saves it with the editor (HTML, sanitized), then publishes it", async () => {
    const { network, coordinator, cookie } = await setup();
    // Nothing published yet: no prefill, the summary is optional.
    const page = await getNew(network.slug, cookie);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ number: 1, previousNumber: null, draftNumber: null, html: "", text: "", rules: { summaryRequired: false } });

    const created = await postNew(network.slug, versionForm(), cookie);
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toBe(editPath(network.slug, 1));
    expect(created.headers.get("Set-Cookie")).toContain("__toast");
    let [v1] = await versions(network.id);
    expect(v1).toMatchObject({
      number: 1,
      status: "draft",
      title: "Charte du réseau",
      body: plainTextToHtml(PLAIN_BODY),
      fingerprint: null,
      publishedAt: null,
    });
    expect(v1.body).toBe(
      "<h2>Nos principes</h2><p>Le respect de la personne &amp; le secret professionnel.</p><ul><li><p>accueillir</p></li><li><p>orienter</p></li></ul>",
    );
    expect(v1.effectiveOn.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { networkId: network.id, action: "charter.draft" } });
    expect(audit.actorId).toBe(coordinator.id);

    // Without JavaScript the draft comes back in the plain format; with it, as HTML.
    const edit = await getEdit(network.slug, 1, cookie);
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ number: 1, text: PLAIN_BODY, html: v1.body, publish: { first: true, organisations: 0, emails: 0 } });

    const html = `<h2>Nos principes</h2><p onclick="alert(1)">Le <strong>respect</strong><script>alert(1)</script></p><p><a href="javascript:alert(1)">lien</a></p><img src=x onerror=alert(1)>`;
    const saved = await postEdit(network.slug, 1, versionForm({ intent: "save", title: "Charte du Relais social", body: html, bodyFormat: "html" }), cookie);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(editPath(network.slug, 1));
    [v1] = await versions(network.id);
    expect(v1.title).toBe("Charte du Relais social");
    expect(v1.body).toBe(`<h2>Nos principes</h2><p>Le <strong>respect</strong></p><p><a rel="noopener noreferrer">lien</a></p>`);
    expect(await prisma.auditLog.count({ where: { networkId: network.id, action: "charter.update" } })).toBe(1);

    setNow(new Date("2026-02-20T09:30:00.000Z"));
    const published = await postEdit(
      network.slug,
      1,
      versionForm({ intent: "publish", title: "Charte du Relais social", body: v1.body, bodyFormat: "html" }),
      cookie,
    );
    expect(published.status).toBe(302);
    expect(published.headers.get("Location")).toBe(`/${network.slug}/charter`);
    expect(published.headers.get("Set-Cookie")).toContain("__toast");
    [v1] = await versions(network.id);
    expect(v1.status).toBe("published");
    expect(v1.publishedAt?.toISOString()).toBe("2026-02-20T09:30:00.000Z");
    expect(v1.fingerprint).toBe(sha256("Charte du Relais social", v1.body));
    expect(v1.adhesionDeadline).toBeNull();
    // The first version asks nobody to adhere again.
    expect(await prisma.outboxEmail.count({ where: { networkId: network.id } })).toBe(0);
  });

  test("publishing saves the last edits of the form in the same step", async () => {
    const { network, cookie } = await setup();
    await createCharterVersion(network.id, { status: "draft", title: "Ancien titre" });
    const res = await postEdit(network.slug, 1, versionForm({ intent: "publish", title: "Titre final", body: "Texte final." }), cookie);
    expect(res.status).toBe(302);
    const [v1] = await versions(network.id);
    expect(v1).toMatchObject({ status: "published", title: "Titre final", body: "<p>Texte final.</p>" });
    expect(v1.fingerprint).toBe(sha256("Titre final", "<p>Texte final.</p>"));
  });

  test("the coordinator deletes a draft after confirming", async () => {
    const { network, cookie } = await setup();
    await createCharterVersion(network.id, { status: "draft" });
    const confirm = await getEdit(network.slug, 1, cookie, "?delete");
    expect(confirm.body).toMatchObject({ confirmDelete: true });
    const res = await postEdit(network.slug, 1, { intent: "delete" }, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/${network.slug}/charter`);
    expect(await versions(network.id)).toEqual([]);
    expect(await prisma.auditLog.count({ where: { networkId: network.id, action: "charter.deleteDraft" } })).toBe(1);
  });
});

describe("a published version is frozen", () => {
  test("updateDraft refuses it, and the database refuses a raw update of its body: the row is unchanged", async () => {
    const { network, coordinator } = await setup();
    const v1 = await createCharterVersion(network.id);
    const before = await versions(network.id);

    const refused = await transaction((tx) =>
      updateDraft(tx, network.id, coordinator.id, v1.id, {
        title: "Autre",
        body: "<p>Autre texte</p>",
        changeSummary: "",
        effectiveOn: new Date("2026-05-01"),
      }),
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).key).toBe("charter.error.frozen");

    // Bypassing the model: the trigger is the guarantee.
    const raw = await prisma.charterVersion.update({ where: { id: v1.id }, data: { body: "<p>Texte falsifié</p>" } }).catch((e: unknown) => e);
    expect(raw).toBeInstanceOf(Error);
    expect(isFrozenByDatabase(raw)).toBe(true);
    const rawTitle = await prisma.charterVersion.update({ where: { id: v1.id }, data: { title: "Titre falsifié" } }).catch((e: unknown) => e);
    expect(isFrozenByDatabase(rawTitle)).toBe(true);
    const rawDelete = await prisma.charterVersion.delete({ where: { id: v1.id } }).catch((e: unknown) => e);
    expect(isFrozenByDatabase(rawDelete)).toBe(true);

    expect(await versions(network.id)).toEqual(before);
    expect(before[0].fingerprint).toBe(sha256(before[0].title, before[0].body));
  });

  test("its edit page and every intent answer 400 with the frozen message, never a 500, and change nothing", async () => {
    const { network, cookie } = await setup();
    await createCharterVersion(network.id);
    const before = await versions(network.id);
    for (const res of [
      await getEdit(network.slug, 1, cookie),
      await postEdit(network.slug, 1, versionForm({ intent: "save", title: "Autre" }), cookie),
      await postEdit(network.slug, 1, versionForm({ intent: "publish" }), cookie),
      await postEdit(network.slug, 1, { intent: "delete" }, cookie),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ message: "charter.error.frozen" });
    }
    expect(await versions(network.id)).toEqual(before);
  });

  test("two publications of the same draft at once: one publishes, the other gets the frozen answer (model or trigger), never a 500", async () => {
    const { network, cookie } = await setup();
    await createCharterVersion(network.id, { status: "draft" });
    const results = await Promise.all([
      postEdit(network.slug, 1, versionForm({ intent: "publish", title: "Première", body: "Texte A" }), cookie),
      postEdit(network.slug, 1, versionForm({ intent: "publish", title: "Seconde", body: "Texte B" }), cookie),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 400]);
    expect(results.find((r) => r.status === 400)!.body).toEqual({ message: "charter.error.frozen" });
    const [v1] = await versions(network.id);
    expect(v1.status).toBe("published");
    expect(v1.fingerprint).toBe(sha256(v1.title, v1.body));
    // The stored text is the winner's, whole.
    expect([
      ["Première", "<p>Texte A</p>"],
      ["Seconde", "<p>Texte B</p>"],
    ]).toContainEqual([v1.title, v1.body]);
  });
});

describe("a new version after the first", () => {
  async function withMembers() {
    const base = await setup();
    const { network } = base;
    setNow(new Date("2026-03-10T10:00:00.000Z"));
    const v1 = await createCharterVersion(network.id, { title: "Charte v1", body: "<h2>Principes</h2><p>Version une.</p>" });
    // Two member organisations (valid adhesion to v1), one that never adhered, one whose paper
    // adhesion still waits for review.
    const memberA = await createOrganisation(network.id, { name: "CPAS de Démoville" });
    const memberB = await createOrganisation(network.id, { name: "Maison médicale" });
    const nonMember = await createOrganisation(network.id, { name: "Asbl candidate" });
    const pending = await createOrganisation(network.id, { name: "Asbl papier" });
    await createAdhesion(network.id, memberA.id, v1);
    await createAdhesion(network.id, memberB.id, v1);
    await createAdhesion(network.id, pending.id, v1, {
      method: "paper",
      status: "pending",
      scanPath: "x.pdf",
      scanType: "application/pdf",
      scanSize: 10,
      scanName: "x.pdf",
    });
    const people: Record<string, string> = {};
    for (const [key, org, role, locale] of [
      ["aTitular", memberA, "titular", "fr"],
      ["aSubstitute", memberA, "substitute", "nl"],
      ["aStaff", memberA, "staff", "fr"],
      ["bTitular", memberB, "titular", "en"],
      ["nonMemberTitular", nonMember, "titular", "fr"],
      ["pendingTitular", pending, "titular", "fr"],
    ] as const) {
      const user = await createUser({ email: `${key.toLowerCase()}.${network.slug}@example.test`, locale });
      await makeDelegate(org.id, user.id, role);
      people[key] = user.email;
    }
    return { ...base, v1, people };
  }

  test("the form starts from the version in force; the summary of changes is then required", async () => {
    const { network, cookie } = await withMembers();
    const page = await getNew(network.slug, cookie);
    expect(page.body).toMatchObject({
      number: 2,
      previousNumber: 1,
      defaultValue: { title: "Charte v1", changeSummary: "", effectiveOn: "2026-03-10" },
      html: "<h2>Principes</h2><p>Version une.</p>",
      text: "## Principes\n\nVersion une.",
      rules: { summaryRequired: true, deadlineRequired: false, today: "2026-03-10" },
    });
    const res = await postNew(network.slug, versionForm({ changeSummary: "" }), cookie);
    expect(res.status).toBe(400);
    expect(fieldErrors(res.body)).toEqual({ changeSummary: ["charterEditor.error.summaryRequired"] });
    expect(await prisma.charterVersion.count({ where: { networkId: network.id } })).toBe(1);
  });

  test("publishing needs a future deadline; then the titular and substitute delegates of member organisations are e-mailed the summary", async () => {
    const { network, cookie, people } = await withMembers();
    const summary = "Ajout d'un principe sur l'accessibilité numérique.";
    expect(
      (await postNew(network.slug, versionForm({ title: "Charte v2", body: "## Principes\n\nVersion deux.", changeSummary: summary }), cookie)).status,
    ).toBe(302);

    const page = await getEdit(network.slug, 2, cookie);
    expect(page.body).toMatchObject({
      rules: { deadlineRequired: true, summaryRequired: true },
      publish: { number: 2, first: false, organisations: 2, emails: 3 },
    });

    const publish = (deadline?: string) =>
      postEdit(
        network.slug,
        2,
        versionForm({
          intent: "publish",
          title: "Charte v2",
          body: "## Principes\n\nVersion deux.",
          changeSummary: summary,
          ...(deadline === undefined ? {} : { adhesionDeadline: deadline }),
        }),
        cookie,
      );
    const draftBefore = await versions(network.id);

    const missing = await publish();
    expect(missing.status).toBe(400);
    expect(fieldErrors(missing.body)).toEqual({ adhesionDeadline: ["charter.error.deadlineRequired"] });
    for (const past of ["2026-03-09", "2026-03-10"]) {
      const res = await publish(past);
      expect(res.status).toBe(400);
      expect(fieldErrors(res.body)).toEqual({ adhesionDeadline: ["charter.error.deadlinePast"] });
    }
    const bad = await publish("2026-02-30");
    expect(bad.status).toBe(400);
    expect(fieldErrors(bad.body)).toEqual({ adhesionDeadline: ["charterEditor.error.date"] });
    expect(await versions(network.id)).toEqual(draftBefore);
    expect(await prisma.outboxEmail.count()).toBe(0);

    const ok = await publish("2026-04-30");
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`/${network.slug}/charter`);
    const [, v2] = await versions(network.id);
    expect(v2).toMatchObject({ status: "published", title: "Charte v2", changeSummary: summary });
    expect(v2.adhesionDeadline?.toISOString()).toBe("2026-04-30T00:00:00.000Z");
    expect(v2.fingerprint).toBe(sha256("Charte v2", v2.body));

    const mails = await prisma.outboxEmail.findMany({ where: { networkId: network.id }, select: { to: true, subject: true, text: true, html: true } });
    expect(mails.map((m) => m.to).sort()).toEqual([people.aSubstitute, people.aTitular, people.bTitular].sort());
    for (const mail of mails) {
      expect(mail.text).toContain(summary);
      expect(mail.html).toContain("accessibilité numérique");
      expect(mail.text).toContain(`/${network.slug}/charter`);
    }
    // Each in the recipient's language.
    expect(mails.find((m) => m.to === people.aTitular)!.subject).toContain("30 avril 2026");
    expect(mails.find((m) => m.to === people.aSubstitute)!.subject).toContain("30 april 2026");
    expect(mails.find((m) => m.to === people.bTitular)!.subject).toContain("30 April 2026");
  });

  test("a second draft is refused while one exists, shown as a form error; nothing is created", async () => {
    const { network, cookie } = await withMembers();
    expect((await postNew(network.slug, versionForm({ changeSummary: "Première proposition" }), cookie)).status).toBe(302);
    const page = await getNew(network.slug, cookie);
    expect(page.body).toMatchObject({ draftNumber: 2 });
    const res = await postNew(network.slug, versionForm({ title: "Autre brouillon", changeSummary: "Seconde proposition" }), cookie);
    expect(res.status).toBe(400);
    expect((res.body as { error: Record<string, string[]> }).error[""]).toEqual(["charter.error.draftExists"]);
    expect((await versions(network.id)).map((v) => v.title)).toEqual(["Charte v1", "Charte du réseau"]);
  });
});

describe("bad input: 400, errors beside the fields, nothing changed", () => {
  const cases: [string, Form, string, string][] = [
    ["an empty title", { title: "" }, "title", "form.required"],
    ["a title of spaces", { title: "   " }, "title", "form.required"],
    ["a title too long", { title: "x".repeat(201) }, "title", "form.tooLong"],
    ["no effective date", { effectiveOn: "" }, "effectiveOn", "form.required"],
    ["a date that does not exist", { effectiveOn: "2026-02-30" }, "effectiveOn", "charterEditor.error.date"],
    ["a date in another format", { effectiveOn: "01/03/2026" }, "effectiveOn", "charterEditor.error.date"],
    ["an empty text", { body: "" }, "body", "charterEditor.error.bodyEmpty"],
    ["a text that is only markup", { body: "<p><br></p><script>alert(1)</script>", bodyFormat: "html" }, "body", "charterEditor.error.bodyEmpty"],
    ["an unknown body format", { bodyFormat: "markdown" }, "bodyFormat", "form.invalid"],
  ];

  for (const [name, overrides, field, message] of cases) {
    test(`${name}: creating and saving are refused`, async () => {
      const { network, cookie } = await setup();
      const created = await postNew(network.slug, versionForm(overrides), cookie);
      expect(created.status).toBe(400);
      expect(fieldErrors(created.body)[field]).toEqual([message]);
      expect(await prisma.charterVersion.count({ where: { networkId: network.id } })).toBe(0);

      await createCharterVersion(network.id, { status: "draft" });
      const before = await versions(network.id);
      for (const intent of ["save", "publish"]) {
        const res = await postEdit(network.slug, 1, versionForm({ intent, ...overrides }), cookie);
        expect(res.status).toBe(400);
        expect(fieldErrors(res.body)[field]).toEqual([message]);
      }
      expect(await versions(network.id)).toEqual(before);
      expect(await prisma.auditLog.count({ where: { networkId: network.id, action: { startsWith: "charter." } } })).toBe(0);
    });
  }

  test("an empty form (no intent) reaches validation and changes nothing", async () => {
    const { network, cookie } = await setup();
    await createCharterVersion(network.id, { status: "draft" });
    const before = await versions(network.id);
    const res = await postEdit(network.slug, 1, {}, cookie);
    expect(res.status).toBe(400);
    expect(Object.keys(fieldErrors(res.body)).sort()).toEqual(["body", "effectiveOn", "title"]);
    expect(await versions(network.id)).toEqual(before);
  });
});
