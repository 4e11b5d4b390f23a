// Membership derived from adhesions over time, online signing (also two delegates at once),
// withdrawal and suspension, the reminder rounds before a deadline, and the signing and
// withdrawal routes' permissions. The clock is moved with setNow, never with fake timers.
import { describe, expect, test } from "vitest";

import { endMembership, membershipStatus, membershipStatuses, memberWhere, sendDueReminders, signatories, signOnline } from "#app/models/adhesion.server";
import { loader as charterLoader } from "#app/routes/$network+/charter+/_index";
import { loader as diffLoader } from "#app/routes/$network+/charter+/diff";
import { action as signAction, loader as signLoader } from "#app/routes/$network+/charter+/sign";
import { loader as versionLoader } from "#app/routes/$network+/charter+/versions.$number";
import { action as withdrawAction } from "#app/routes/$network+/charter+/withdraw";
import { setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { DomainError } from "#app/utils/errors.server";
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

const day = (key: string, time = "10:00") => new Date(`${key}T${time}:00+01:00`);
const date = (key: string) => new Date(`${key}T00:00:00.000Z`);

/** A network with version 1 signed by `a` and `b`, and version 2 published on 2026-03-01 with a deadline. */
async function renewalSetup(deadline = "2026-04-30") {
  const network = await createNetwork();
  const a = await createOrganisation(network.id);
  const b = await createOrganisation(network.id);
  const never = await createOrganisation(network.id);
  const v1 = await createCharterVersion(network.id, { publishedAt: date("2025-01-10") });
  await createAdhesion(network.id, a.id, v1, { signedOn: date("2025-02-01") });
  await createAdhesion(network.id, b.id, v1, { signedOn: date("2025-02-03") });
  const v2 = await createCharterVersion(network.id, { publishedAt: day("2026-03-01"), adhesionDeadline: date(deadline) });
  return { network, a, b, never, v1, v2 };
}

describe("membership status over time", () => {
  test("member, to renew until the end of the deadline day in Brussels, then lapsed; signing again makes a member", async () => {
    const { network, a, never, v2 } = await renewalSetup();
    setNow(day("2026-03-02"));
    expect(await membershipStatus(network.id, a.id)).toMatchObject({ kind: "to_renew", deadline: "2026-04-30", signedVersion: 1, since: "2025-02-01" });
    expect(await membershipStatus(network.id, never.id)).toMatchObject({ kind: "applicant" });
    // 23:59 in Brussels on the deadline day is still in time; one minute after midnight is not.
    setNow(new Date("2026-04-30T23:59:00+02:00"));
    expect((await membershipStatus(network.id, a.id)).kind).toBe("to_renew");
    setNow(new Date("2026-05-01T00:01:00+02:00"));
    expect(await membershipStatus(network.id, a.id)).toMatchObject({ kind: "lapsed", deadline: "2026-04-30" });
    // A lapsed organisation signs the current version: member again.
    await signOnline(network.id, a.id, (await createUser()).id, v2.fingerprint!, {
      signatoryName: "Ana",
      signatoryFunction: "Directrice",
      signedOn: date("2026-05-01"),
    });
    expect(await membershipStatus(network.id, a.id)).toMatchObject({ kind: "member", since: "2026-05-01", signedVersion: 2 });
  });

  test("withdrawn and suspended keep their date and reason; signing again makes a member; history is kept", async () => {
    const { network, a, b, v2 } = await renewalSetup();
    const person = await createUser();
    setNow(day("2026-03-10"));
    await signOnline(network.id, a.id, person.id, v2.fingerprint!, { signatoryName: "Ana", signatoryFunction: "Directrice", signedOn: date("2026-03-10") });
    setNow(day("2026-03-20"));
    await endMembership(network.id, a.id, person.id, "withdrawn", "Fin de nos activités à Démoville");
    await endMembership(network.id, b.id, person.id, "suspended", "Non-respect du secret professionnel");
    const statuses = await membershipStatuses(network.id, [a.id, b.id]);
    expect(statuses.get(a.id)).toMatchObject({ kind: "withdrawn", reason: "Fin de nos activités à Démoville" });
    expect(statuses.get(a.id)!.endedAt!.slice(0, 10)).toBe("2026-03-20");
    expect(statuses.get(b.id)).toMatchObject({ kind: "suspended", reason: "Non-respect du secret professionnel" });
    // Nothing left to end.
    await expect(endMembership(network.id, a.id, person.id, "withdrawn", "")).rejects.toMatchObject({ key: "charter.error.nothingToEnd" });
    setNow(day("2026-03-25"));
    await signOnline(network.id, a.id, person.id, v2.fingerprint!, { signatoryName: "Ana", signatoryFunction: "Directrice", signedOn: date("2026-03-25") });
    expect((await membershipStatus(network.id, a.id)).kind).toBe("member");
    expect(await prisma.adhesion.count({ where: { organisationId: a.id } })).toBe(3);
    const audit = await prisma.auditLog.findMany({ where: { entityId: a.id }, select: { action: true }, orderBy: { createdAt: "asc" } });
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(["adhesion.sign", "adhesion.withdraw"]));
  });

  test("the members-only where clause agrees with the derived status at every moment", async () => {
    const { network, a, b, never, v2 } = await renewalSetup();
    const person = await createUser();
    setNow(day("2026-03-05"));
    await signOnline(network.id, b.id, person.id, v2.fingerprint!, { signatoryName: "Bo", signatoryFunction: "Président", signedOn: date("2026-03-05") });
    const ids = [a.id, b.id, never.id];
    for (const at of [day("2026-03-06"), day("2026-04-30", "22:00"), day("2026-05-02")]) {
      setNow(at);
      const derived = await membershipStatuses(network.id, ids, at);
      const members = await prisma.organisation.findMany({ where: { AND: [{ id: { in: ids } }, await memberWhere(network.id, at)] }, select: { id: true } });
      const expected = ids.filter((id) => ["member", "to_renew"].includes(derived.get(id)!.kind)).sort();
      expect(members.map((m) => m.id).sort()).toEqual(expected);
    }
    // Signatories: only b after the deadline, with its date.
    setNow(day("2026-05-02"));
    expect((await signatories(network.id)).map((s) => [s.id, s.signedOn])).toEqual([[b.id, "2026-03-05"]]);
  });

  test("a network without a charter has no members", async () => {
    const network = await createNetwork();
    const org = await createOrganisation(network.id);
    expect(await membershipStatus(network.id, org.id)).toMatchObject({ kind: "applicant" });
    expect(await signatories(network.id)).toEqual([]);
  });
});

describe("online signing", () => {
  test("one adhesion per organisation and version, even when two delegates sign at the same moment", async () => {
    const network = await createNetwork();
    const org = await createOrganisation(network.id);
    const v1 = await createCharterVersion(network.id, { publishedAt: date("2026-01-01") });
    const [titular, substitute] = [await createUser(), await createUser()];
    setNow(day("2026-02-01"));
    const input = (name: string) => ({ signatoryName: name, signatoryFunction: "Direction", signedOn: date("2026-02-01") });
    const results = await Promise.allSettled([
      signOnline(network.id, org.id, titular.id, v1.fingerprint!, input("Titulaire")),
      signOnline(network.id, org.id, substitute.id, v1.fingerprint!, input("Suppléante")),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DomainError);
    expect(refused.reason.key).toBe("charter.error.alreadySigned");
    expect(await prisma.adhesion.count({ where: { organisationId: org.id } })).toBe(1);
  });

  test("refused: a stale fingerprint, a date in the future or before the publication", async () => {
    const network = await createNetwork();
    const org = await createOrganisation(network.id);
    const v1 = await createCharterVersion(network.id, { publishedAt: day("2026-01-10") });
    await createCharterVersion(network.id, { publishedAt: day("2026-02-10"), adhesionDeadline: date("2026-06-30") });
    const person = await createUser();
    setNow(day("2026-02-20"));
    const sign = (fingerprint: string, signedOn: string) =>
      signOnline(network.id, org.id, person.id, fingerprint, { signatoryName: "Ana", signatoryFunction: "Direction", signedOn: date(signedOn) });
    await expect(sign(v1.fingerprint!, "2026-02-20")).rejects.toMatchObject({ key: "charter.error.newerVersion" });
    const current = await prisma.charterVersion.findFirstOrThrow({ where: { networkId: network.id, number: 2 } });
    await expect(sign(current.fingerprint!, "2026-02-21")).rejects.toMatchObject({ key: "charter.error.signedInFuture" });
    await expect(sign(current.fingerprint!, "2026-02-09")).rejects.toMatchObject({ key: "charter.error.signedBeforePublication" });
    expect(await prisma.adhesion.count({ where: { organisationId: org.id } })).toBe(0);
  });
});

describe("reminders before the deadline", () => {
  async function outboxTo() {
    return (await prisma.outboxEmail.findMany({ select: { to: true, subject: true }, orderBy: { to: "asc" } })).filter((e) => e.subject.startsWith("Rappel"));
  }

  test("14 and 3 days before, to the titular and substitute delegates of organisations that have not re-signed, once each", async () => {
    const { network, a, b, v2 } = await renewalSetup("2026-04-30");
    const people = {
      aTitular: await createUser({ email: "a-titular@example.test" }),
      aSubstitute: await createUser({ email: "a-substitute@example.test" }),
      aStaff: await createUser({ email: "a-staff@example.test" }),
      bTitular: await createUser({ email: "b-titular@example.test" }),
    };
    await makeDelegate(a.id, people.aTitular.id, "titular");
    await makeDelegate(a.id, people.aSubstitute.id, "substitute");
    await makeDelegate(a.id, people.aStaff.id, "staff");
    await makeDelegate(b.id, people.bTitular.id, "titular");
    // b re-signs: its delegates get no reminder.
    setNow(day("2026-03-05"));
    await signOnline(network.id, b.id, people.bTitular.id, v2.fingerprint!, {
      signatoryName: "Bo",
      signatoryFunction: "Président",
      signedOn: date("2026-03-05"),
    });

    setNow(day("2026-04-15")); // 15 days before: nothing due
    expect(await sendDueReminders()).toBe(0);
    expect(await prisma.charterReminder.count()).toBe(0);

    setNow(day("2026-04-16", "08:00")); // 14 days before
    expect(await sendDueReminders()).toBe(2);
    expect((await outboxTo()).map((e) => e.to)).toEqual(["a-substitute@example.test", "a-titular@example.test"]);
    // Two workers at once, or the next hour: nothing more.
    expect((await Promise.all([sendDueReminders(), sendDueReminders()])).reduce((x, y) => x + y)).toBe(0);
    expect(await outboxTo()).toHaveLength(2);

    setNow(day("2026-04-27", "08:00")); // 3 days before
    expect(await sendDueReminders()).toBe(2);
    expect(await outboxTo()).toHaveLength(4);
    const rounds = await prisma.charterReminder.findMany({
      where: { charterVersionId: v2.id },
      select: { kind: true, recipients: true },
      orderBy: { kind: "asc" },
    });
    expect(rounds).toEqual([
      { kind: "d14", recipients: 2 },
      { kind: "d3", recipients: 2 },
    ]);
    setNow(day("2026-05-03")); // after the deadline: nothing
    expect(await sendDueReminders()).toBe(0);
  });

  test("a version published 10 days before its deadline skips the 14-day round; a superseded version sends nothing", async () => {
    const network = await createNetwork();
    const org = await createOrganisation(network.id);
    const person = await createUser({ email: "late@example.test" });
    await makeDelegate(org.id, person.id, "titular");
    const v1 = await createCharterVersion(network.id, { publishedAt: date("2025-01-10") });
    await createAdhesion(network.id, org.id, v1);
    const v2 = await createCharterVersion(network.id, { publishedAt: day("2026-04-20"), adhesionDeadline: date("2026-04-30") });
    setNow(day("2026-04-21"));
    expect(await sendDueReminders()).toBe(0);
    expect(await prisma.charterReminder.findMany({ where: { charterVersionId: v2.id }, select: { kind: true, recipients: true } })).toEqual([
      { kind: "d14", recipients: 0 },
    ]);
    // Version 3 replaces version 2 before the 3-day round: version 2 sends nothing more.
    await createCharterVersion(network.id, { publishedAt: day("2026-04-22"), adhesionDeadline: date("2026-06-30") });
    setNow(day("2026-04-28"));
    await sendDueReminders();
    expect(await prisma.charterReminder.count({ where: { charterVersionId: v2.id } })).toBe(1);
  });
});

describe("routes", () => {
  async function signSetup() {
    const network = await createNetwork();
    const org = await createOrganisation(network.id);
    const other = await createOrganisation(network.id);
    const v1 = await createCharterVersion(network.id, { publishedAt: date("2026-01-05") });
    const [titular, substitute, staff, otherTitular, coordinator] = await Promise.all([createUser(), createUser(), createUser(), createUser(), createUser()]);
    await makeDelegate(org.id, titular.id, "titular");
    await makeDelegate(org.id, substitute.id, "substitute");
    await makeDelegate(org.id, staff.id, "staff");
    await makeDelegate(other.id, otherTitular.id, "titular");
    await makeCoordinator(network.id, coordinator.id);
    setNow(day("2026-02-02"));
    return { network, org, other, v1, titular, substitute, staff, otherTitular, coordinator };
  }
  const form = (org: string, fingerprint: string, overrides: Record<string, string> = {}) => ({
    organisation: org,
    signatoryName: "Ana Lima",
    signatoryFunction: "Directrice",
    signedOn: "2026-02-02",
    mayCommit: "on",
    fingerprint,
    ...overrides,
  });
  const post = (slug: string, path: string, body: Record<string, string>, cookie?: string) =>
    makeRequest(`/${slug}/charter/${path}`, { method: "POST", form: body, cookie });

  test("a substitute signs; the page shows the organisation as member; staff, anonymous and the coordinator may not sign", async () => {
    const s = await signSetup();
    const slug = s.network.slug;
    const params = { network: slug };
    expect((await call(signLoader, makeRequest(`/${slug}/charter/sign`), params)).status).toBe(302);
    expect((await call(signLoader, makeRequest(`/${slug}/charter/sign`, { cookie: await sessionCookie(s.staff.id) }), params)).status).toBe(403);
    expect((await call(signLoader, makeRequest(`/${slug}/charter/sign`, { cookie: await sessionCookie(s.coordinator.id) }), params)).status).toBe(403);
    expect((await call(signAction, post(slug, "sign", form(s.org.slug, s.v1.fingerprint!), await sessionCookie(s.staff.id)), params)).status).toBe(403);
    // The titular delegate of another organisation cannot sign for this one.
    const foreign = await call(signAction, post(slug, "sign", form(s.org.slug, s.v1.fingerprint!), await sessionCookie(s.otherTitular.id)), params);
    expect(foreign.status).toBe(400);
    expect(await prisma.adhesion.count({ where: { organisationId: s.org.id } })).toBe(0);

    const cookie = await sessionCookie(s.substitute.id);
    const page = await call(signLoader, makeRequest(`/${slug}/charter/sign?org=${s.org.slug}`, { cookie }), params);
    expect(page.body).toMatchObject({ defaults: { organisation: s.org.slug, signedOn: "2026-02-02" } });
    const done = await call(signAction, post(slug, "sign", form(s.org.slug, s.v1.fingerprint!), cookie), params);
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/${slug}/charter`);
    const stored = await prisma.adhesion.findFirstOrThrow({
      where: { organisationId: s.org.id },
      select: { method: true, status: true, signatoryName: true, signatoryFunction: true, fingerprint: true, submittedById: true },
    });
    expect(stored).toEqual({
      method: "online",
      status: "valid",
      signatoryName: "Ana Lima",
      signatoryFunction: "Directrice",
      fingerprint: s.v1.fingerprint,
      submittedById: s.substitute.id,
    });
    const charter = await call(charterLoader, makeRequest(`/${slug}/charter`, { cookie }), params);
    expect((charter.body as { organisations: { status: { kind: string } }[] }).organisations[0].status.kind).toBe("member");
    // Signing twice: a clear message, nothing more stored.
    const again = await call(signAction, post(slug, "sign", form(s.org.slug, s.v1.fingerprint!), cookie), params);
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.body)).toContain("charter.error.alreadySigned");
    expect(await prisma.adhesion.count({ where: { organisationId: s.org.id } })).toBe(1);
  });

  test("bad input: each field explained, nothing stored", async () => {
    const s = await signSetup();
    const cookie = await sessionCookie(s.titular.id);
    const params = { network: s.network.slug };
    const bad = await call(
      signAction,
      post(s.network.slug, "sign", { organisation: s.org.slug, signatoryName: " ", signatoryFunction: "", signedOn: "2026-02-31", fingerprint: "x" }, cookie),
      params,
    );
    expect(bad.status).toBe(400);
    const errors = (bad.body as { error: Record<string, string[]> }).error;
    expect(errors).toMatchObject({
      signatoryName: ["form.required"],
      signatoryFunction: ["form.required"],
      signedOn: ["charter.sign.invalidDate"],
      mayCommit: ["charter.sign.mayCommitRequired"],
    });
    const future = await call(signAction, post(s.network.slug, "sign", form(s.org.slug, s.v1.fingerprint!, { signedOn: "2026-02-03" }), cookie), params);
    expect((future.body as { error: Record<string, string[]> }).error.signedOn).toEqual(["charter.error.signedInFuture"]);
    expect(await prisma.adhesion.count({ where: { organisationId: s.org.id } })).toBe(0);
  });

  test("withdrawal: titular only, with confirmation; audited", async () => {
    const s = await signSetup();
    await createAdhesion(s.network.id, s.org.id, s.v1);
    const path = `withdraw?org=${s.org.slug}`;
    const params = { network: s.network.slug };
    expect((await call(withdrawAction, post(s.network.slug, path, { confirm: "on" }, await sessionCookie(s.substitute.id)), params)).status).toBe(403);
    expect((await call(withdrawAction, post(s.network.slug, path, { confirm: "on" }, await sessionCookie(s.coordinator.id)), params)).status).toBe(403);
    const cookie = await sessionCookie(s.titular.id);
    const unconfirmed = await call(withdrawAction, post(s.network.slug, path, { reason: "Fusion" }, cookie), params);
    expect(unconfirmed.status).toBe(400);
    expect((await membershipStatus(s.network.id, s.org.id)).kind).toBe("member");
    const done = await call(withdrawAction, post(s.network.slug, path, { reason: "Fusion avec une autre asbl", confirm: "on" }, cookie), params);
    expect(done.status).toBe(302);
    expect(await membershipStatus(s.network.id, s.org.id)).toMatchObject({ kind: "withdrawn", reason: "Fusion avec une autre asbl" });
    expect(await prisma.auditLog.count({ where: { action: "adhesion.withdraw", entityId: s.org.id, actorId: s.titular.id } })).toBe(1);
  });

  test("versions and differences: drafts hidden from visitors, bad choices explained", async () => {
    const network = await createNetwork();
    await createCharterVersion(network.id, { title: "Charte", body: "<p>Nous accueillons chaque personne sans condition.</p>" });
    await createCharterVersion(network.id, {
      title: "Charte",
      body: "<p>Nous accueillons chaque personne sans condition et gratuitement.</p>",
      adhesionDeadline: date("2026-12-31"),
    });
    await createCharterVersion(network.id, { status: "draft" });
    const coordinator = await createUser();
    await makeCoordinator(network.id, coordinator.id);
    const params = (number: string) => ({ network: network.slug, number });
    expect((await call(versionLoader, makeRequest(`/${network.slug}/charter/versions/3`), params("3"))).status).toBe(404);
    expect(
      (await call(versionLoader, makeRequest(`/${network.slug}/charter/versions/3`, { cookie: await sessionCookie(coordinator.id) }), params("3"))).status,
    ).toBe(200);
    expect((await call(versionLoader, makeRequest(`/${network.slug}/charter/versions/abc`), params("abc"))).status).toBe(404);

    const diff = await call(diffLoader, makeRequest(`/${network.slug}/charter/diff?from=1&to=2`), { network: network.slug });
    expect(diff.status).toBe(200);
    const parts = (diff.body as { parts: { kind: string; text: string }[] }).parts;
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["et gratuitement"]);
    expect(parts.filter((p) => p.kind === "removed")).toEqual([]);
    expect(parts.map((p) => p.text).join("")).toBe("Charte\n\nNous accueillons chaque personne sans condition et gratuitement.");
    // Opened without a choice: a neutral form proposing the last two published versions, no error.
    const blank = await call(diffLoader, makeRequest(`/${network.slug}/charter/diff`), { network: network.slug });
    expect(blank.status).toBe(200);
    expect(blank.body).toMatchObject({ from: 1, to: 2, errors: {}, parts: [] });
    for (const query of ["from=1&to=3", "from=x&to=2", "from=2&to=2", "from=", "to=2"]) {
      const refused = await call(diffLoader, makeRequest(`/${network.slug}/charter/diff?${query}`), { network: network.slug });
      expect(refused.status, query).toBe(400);
      expect((refused.body as { parts: unknown[] }).parts).toEqual([]);
    }
  });
});

describe("one count of members", () => {
  test("the home and the dashboard count members by the membership rule, and say what each number counts", async () => {
    const { loader: homeLoader } = await import("#app/routes/$network+/_index");
    const { loader: dashboardLoader } = await import("#app/routes/$network+/admin+/_index");
    const network = await createNetwork();
    const version = await createCharterVersion(network.id, { adhesionDeadline: null });
    const [member, applicant, leaving] = await Promise.all([1, 2, 3].map(() => createOrganisation(network.id)));
    const coordinator = await createUser();
    await makeCoordinator(network.id, coordinator.id);
    await createAdhesion(network.id, member.id, version);
    await createAdhesion(network.id, leaving.id, version);
    await endMembership(network.id, leaving.id, coordinator.id, "withdrawn", "Fin des activités");
    void applicant; // in the directory, never signed

    const home = await call(homeLoader, makeRequest(`/${network.slug}`), { network: network.slug });
    expect(home.body).toMatchObject({ memberCount: 1, directoryCount: 3 });
    const dashboard = await call(dashboardLoader, makeRequest(`/${network.slug}/admin`, { cookie: await sessionCookie(coordinator.id) }), {
      network: network.slug,
    });
    expect(dashboard.body).toMatchObject({ counts: { organisations: 3, members: 1 }, byKind: { member: 1, applicant: 1, withdrawn: 1, to_renew: 0 } });
  });
});

describe("membership in the directory and on profiles", () => {
  test('"members only" keeps members and organisations within their renewal time; results and profiles show the status', async () => {
    const { searchDirectory } = await import("#app/models/directory.server");
    const { loader: profileLoader } = await import("#app/routes/$network+/organisations+/$org");
    const { network, a, b, never, v2 } = await renewalSetup("2026-04-30");
    setNow(day("2026-03-05"));
    await signOnline(network.id, b.id, (await createUser()).id, v2.fingerprint!, {
      signatoryName: "Bo",
      signatoryFunction: "Président",
      signedOn: date("2026-03-05"),
    });
    await endMembership(network.id, a.id, (await createUser()).id, "suspended", "Motif interne");
    const found = await searchDirectory(network.id, { membersOnly: true }, day("2026-03-06"));
    expect(found.results.map((r) => [r.slug, r.membership])).toEqual([[b.slug, "member"]]);
    const all = await searchDirectory(network.id, {}, day("2026-03-06"));
    expect(new Map(all.results.map((r) => [r.slug, r.membership]))).toEqual(
      new Map([
        [a.slug, "suspended"],
        [b.slug, "member"],
        [never.slug, "applicant"],
      ]),
    );
    // The reason of a suspension is for members of the network only.
    const visitor = await call(profileLoader, makeRequest(`/${network.slug}/organisations/${a.slug}`), { network: network.slug, org: a.slug });
    expect((visitor.body as { membership: unknown }).membership).toMatchObject({ kind: "suspended", reason: null });
    const coordinator = await createUser();
    await makeCoordinator(network.id, coordinator.id);
    const insider = await call(profileLoader, makeRequest(`/${network.slug}/organisations/${a.slug}`, { cookie: await sessionCookie(coordinator.id) }), {
      network: network.slug,
      org: a.slug,
    });
    expect((insider.body as { membership: unknown }).membership).toMatchObject({ kind: "suspended", reason: "Motif interne" });
  });
});

describe("several versions in a row", () => {
  test("an organisation still renewing when a newer version comes out keeps renewing; once lapsed it is not asked again", async () => {
    const { publishVersion, createDraft } = await import("#app/models/charter.server");
    const network = await createNetwork();
    const a = await createOrganisation(network.id);
    const b = await createOrganisation(network.id);
    const coordinator = await createUser();
    for (const org of [a, b]) await makeDelegate(org.id, (await createUser()).id, "titular");
    const v1 = await createCharterVersion(network.id, { publishedAt: date("2025-01-10") });
    await createAdhesion(network.id, a.id, v1, { signedOn: date("2025-01-20") });
    await createAdhesion(network.id, b.id, v1, { signedOn: date("2025-01-25") });
    // Version 2: to sign by 2025-06-30. Version 3 comes out before that deadline.
    await createCharterVersion(network.id, { publishedAt: day("2025-05-01"), adhesionDeadline: date("2025-06-30") });
    const publish = async (title: string, deadline: string) => {
      const draft = await prisma.$transaction((tx) =>
        createDraft(tx, network.id, coordinator.id, { title, body: `<p>${title}</p>`, changeSummary: "Changements", effectiveOn: date("2025-07-01") }),
      );
      return prisma.$transaction((tx) => publishVersion(tx, network.id, coordinator.id, draft.id, { adhesionDeadline: date(deadline) }));
    };
    setNow(day("2025-06-20"));
    expect(await publish("Charte v3", "2025-09-30")).toBe(2); // both still renewing: both asked
    setNow(day("2025-08-01"));
    expect(await membershipStatus(network.id, a.id)).toMatchObject({ kind: "to_renew", deadline: "2025-09-30", signedVersion: 1 });
    setNow(day("2025-10-01"));
    expect((await membershipStatus(network.id, a.id)).kind).toBe("lapsed");
    // Version 4 after the lapse: nobody is a member, nobody is asked, nobody renews.
    setNow(day("2025-10-10"));
    expect(await publish("Charte v4", "2025-12-31")).toBe(0);
    expect((await membershipStatuses(network.id, [a.id, b.id])).get(b.id)!.kind).toBe("lapsed");
    expect(await prisma.organisation.findMany({ where: { AND: [{ id: { in: [a.id, b.id] } }, await memberWhere(network.id)] } })).toEqual([]);
  });
});

describe("paper adhesion refused", () => {
  test("the organisation's signing delegates are told why, in their language", async () => {
    const { reviewPaper } = await import("#app/models/adhesion.server");
    const network = await createNetwork({ name: "Réseau Test" });
    const org = await createOrganisation(network.id, { name: "Asbl Les Tilleuls" });
    const v1 = await createCharterVersion(network.id);
    const [titular, staff, coordinator] = [
      await createUser({ email: "t@example.test", locale: "nl" }),
      await createUser({ email: "s@example.test" }),
      await createUser(),
    ];
    await makeDelegate(org.id, titular.id, "titular");
    await makeDelegate(org.id, staff.id, "staff");
    const paper = await createAdhesion(network.id, org.id, v1, { method: "paper", status: "pending" });
    await reviewPaper(network.id, paper.id, coordinator.id, { accept: false, reason: "La page de signature manque." });
    const mails = await prisma.outboxEmail.findMany({ where: { networkId: network.id }, select: { to: true, subject: true, text: true } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: "t@example.test", subject: "Réseau Test: het op papier ondertekende charter kon niet goedgekeurd worden" });
    expect(mails[0].text).toContain("La page de signature manque.");
    expect(await membershipStatus(network.id, org.id)).toMatchObject({ kind: "applicant", pendingPaper: false });
  });
});
