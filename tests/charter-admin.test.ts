// The coordinator's adhesions dashboard (/:network/admin/adhesions): statuses of every
// organisation over time, the status filter, reminder rounds (sent and skipped), "remind now"
// (only the titular and substitute delegates of organisations that have not re-signed), and
// suspension with its reason and confirmation. The clock is moved with setNow.
import { describe, expect, test } from "vitest";

import { endMembership, membershipStatus, sendDueReminders } from "#app/models/adhesion.server";
import { action, loader } from "#app/routes/$network+/admin+/adhesions";
import { setNow } from "#app/utils/clock.server";
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

const day = (key: string, time = "10:00") => new Date(`${key}T${time}:00+01:00`);
const date = (key: string) => new Date(`${key}T00:00:00.000Z`);

type Dashboard = Awaited<ReturnType<typeof loader>>;

/**
 * Version 1 (2025) signed by `member`, `renewing`, `leaving` and `suspended`; version 2 published
 * on 2026-03-01 with a deadline on 2026-04-30, signed by `member`; `leaving` withdrew, `suspended`
 * was suspended; `applicant` never signed; `paper` sent a scan of version 2 awaiting review.
 */
async function setup() {
  const network = await createNetwork();
  const names = ["member", "renewing", "applicant", "leaving", "suspended", "paper"] as const;
  const orgs = Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await createOrganisation(network.id, { name: `Org ${n}` })] as const)),
  ) as unknown as Record<(typeof names)[number], { id: string; slug: string; name: string }>;
  const v1 = await createCharterVersion(network.id, { publishedAt: date("2025-01-10") });
  for (const n of ["member", "renewing", "leaving", "suspended"] as const) await createAdhesion(network.id, orgs[n].id, v1, { signedOn: date("2025-02-01") });
  const coordinator = await createUser();
  await makeCoordinator(network.id, coordinator.id);
  // A session opened now (before the clock moves back): still valid at the dates below.
  const cookie = await sessionCookie(coordinator.id);
  setNow(day("2026-02-01"));
  await endMembership(network.id, orgs.leaving.id, coordinator.id, "withdrawn", "Fin des activités");
  await endMembership(network.id, orgs.suspended.id, coordinator.id, "suspended", "Secret professionnel");
  const v2 = await createCharterVersion(network.id, { publishedAt: day("2026-03-01"), adhesionDeadline: date("2026-04-30") });
  await createAdhesion(network.id, orgs.member.id, v2, { signedOn: date("2026-03-05") });
  await createAdhesion(network.id, orgs.paper.id, v2, {
    method: "paper",
    status: "pending",
    signedOn: date("2026-03-06"),
    signatoryName: "Léa Paper",
    scanPath: "adhesions/2026/x.pdf",
    scanType: "application/pdf",
    scanSize: 10,
    scanName: "charte.pdf",
  });
  return { network, orgs, v1, v2, coordinator, cookie };
}

function dashboard(slug: string, cookie?: string, query = "") {
  return call(loader, makeRequest(`/${slug}/admin/adhesions${query}`, { cookie }), { network: slug });
}

function post(slug: string, cookie: string | undefined, form: Record<string, string>, query = "") {
  return call(action, makeRequest(`/${slug}/admin/adhesions${query}`, { method: "POST", cookie, form }), { network: slug });
}

const statusOf = (body: Dashboard, name: string) => body.rows.find((r) => r.name === name)?.status;
const errorsOf = (body: unknown) => (body as { result?: { error?: Record<string, string[]> } }).result?.error ?? {};

describe("the dashboard", () => {
  test("the current version and its deadline, counts per status, and every organisation with its status and last adhesion", async () => {
    const { network, cookie } = await setup();
    setNow(day("2026-04-10"));
    const { status, body } = await dashboard(network.slug, cookie);
    expect(status).toBe(200);
    const d = body as Dashboard;
    expect(d.version).toMatchObject({ number: 2, deadline: "2026-04-30" });
    expect(d.deadlinePassed).toBe(false);
    expect(d.counts).toEqual({ member: 1, to_renew: 1, lapsed: 0, applicant: 2, withdrawn: 1, suspended: 1 });
    expect(Object.fromEntries(d.rows.map((r) => [r.name, r.status]))).toEqual({
      "Org member": "member",
      "Org renewing": "to_renew",
      "Org applicant": "applicant",
      "Org leaving": "withdrawn",
      "Org suspended": "suspended",
      "Org paper": "applicant",
    });
    expect(d.rows.find((r) => r.name === "Org member")!.last).toEqual({ signedOn: "2026-03-05", method: "online", status: "valid", version: 2 });
    expect(d.rows.find((r) => r.name === "Org renewing")).toMatchObject({
      deadline: "2026-04-30",
      last: { signedOn: "2025-02-01", version: 1 },
      suspendable: true,
    });
    expect(d.rows.find((r) => r.name === "Org paper")).toMatchObject({ pendingPaper: true, last: { method: "paper", status: "pending" }, suspendable: true });
    expect(d.rows.find((r) => r.name === "Org applicant")).toMatchObject({ last: null, suspendable: false });
    expect(d.rows.find((r) => r.name === "Org leaving")!.suspendable).toBe(false);
    // The paper adhesion awaiting review.
    expect(d.pending).toEqual([
      expect.objectContaining({ organisation: "Org paper", signatoryName: "Léa Paper", signedOn: "2026-03-06", version: 2, scanName: "charte.pdf" }),
    ]);
  });

  test("after the deadline, an organisation that did not re-sign is lapsed; the filter shows one status", async () => {
    const { network, cookie } = await setup();
    setNow(new Date("2026-05-01T00:30:00+02:00"));
    const d = (await dashboard(network.slug, cookie)).body as Dashboard;
    expect(d.deadlinePassed).toBe(true);
    expect(statusOf(d, "Org renewing")).toBe("lapsed");
    expect(d.counts).toMatchObject({ to_renew: 0, lapsed: 1 });
    const lapsed = (await dashboard(network.slug, cookie, "?status=lapsed")).body as Dashboard;
    expect(lapsed.status).toBe("lapsed");
    expect(lapsed.rows.map((r) => r.name)).toEqual(["Org renewing"]);
    const applicants = (await dashboard(network.slug, cookie, "?status=applicant")).body as Dashboard;
    expect(applicants.rows.map((r) => r.name).sort()).toEqual(["Org applicant", "Org paper"]);
    // An unknown status shows everyone.
    const all = (await dashboard(network.slug, cookie, "?status=nonsense")).body as Dashboard;
    expect(all.status).toBeNull();
    expect(all.rows).toHaveLength(6);
  });

  test("reminder rounds: a round overtaken by a nearer one shows as skipped, the one sent with its recipients", async () => {
    const { network, orgs, cookie } = await setup();
    const [titular, substitute] = [await createUser(), await createUser()];
    await makeDelegate(orgs.renewing.id, titular.id, "titular");
    await makeDelegate(orgs.renewing.id, substitute.id, "substitute");
    // The worker was down until 2 days before the deadline: the 14-day round is skipped.
    setNow(day("2026-04-28"));
    await sendDueReminders();
    const d = (await dashboard(network.slug, cookie)).body as Dashboard;
    const rounds = Object.fromEntries(d.reminders.map((r) => [r.kind, r]));
    expect(rounds.d14).toMatchObject({ skipped: true, recipients: 0, version: 2 });
    expect(rounds.d3).toMatchObject({ skipped: false, recipients: 2, version: 2 });
  });
});

describe("remind now", () => {
  test("queues e-mails only to the titular and substitute delegates of organisations that have not re-signed", async () => {
    const { network, orgs, cookie, v2 } = await setup();
    const people = {
      renewingTitular: await createUser({ email: "titulaire@renew.test" }),
      renewingSubstitute: await createUser({ email: "suppleant@renew.test", locale: "nl" }),
      renewingStaff: await createUser({ email: "staff@renew.test" }),
      memberTitular: await createUser({ email: "titulaire@member.test" }),
      applicantTitular: await createUser({ email: "titulaire@applicant.test" }),
      paperTitular: await createUser({ email: "titulaire@paper.test" }),
      leavingTitular: await createUser({ email: "titulaire@leaving.test" }),
    };
    await makeDelegate(orgs.renewing.id, people.renewingTitular.id, "titular");
    await makeDelegate(orgs.renewing.id, people.renewingSubstitute.id, "substitute");
    await makeDelegate(orgs.renewing.id, people.renewingStaff.id, "staff");
    await makeDelegate(orgs.member.id, people.memberTitular.id, "titular");
    await makeDelegate(orgs.applicant.id, people.applicantTitular.id, "titular");
    await makeDelegate(orgs.paper.id, people.paperTitular.id, "titular");
    await makeDelegate(orgs.leaving.id, people.leavingTitular.id, "titular");
    setNow(day("2026-04-10"));
    const before = await prisma.outboxEmail.count();
    const res = await post(network.slug, cookie, { intent: "remind" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/${network.slug}/admin/adhesions`);
    const emails = await prisma.outboxEmail.findMany({ where: { networkId: network.id }, select: { to: true, subject: true }, orderBy: { to: "asc" } });
    expect(emails.map((e) => e.to)).toEqual(["suppleant@renew.test", "titulaire@renew.test"]);
    expect(emails.find((e) => e.to === "suppleant@renew.test")!.subject).toMatch(/^Herinnering/);
    expect(await prisma.outboxEmail.count()).toBe(before + 2);
    const round = await prisma.charterReminder.findFirstOrThrow({ where: { charterVersionId: v2.id } });
    expect(round).toMatchObject({ recipients: 2 });
    expect(round.kind).toMatch(/^manual-/);
    expect(await prisma.auditLog.count({ where: { action: "adhesion.remind", networkId: network.id } })).toBe(1);
    // The round is listed as sent by the coordination.
    const d = (await dashboard(network.slug, cookie)).body as Dashboard;
    expect(d.reminders).toEqual([expect.objectContaining({ kind: "manual", recipients: 2, skipped: false })]);
  });

  test("refused with a clear message when no deadline is pending, or once it has passed", async () => {
    const network = await createNetwork();
    const coordinator = await createUser();
    await makeCoordinator(network.id, coordinator.id);
    const cookie = await sessionCookie(coordinator.id);
    // No charter at all, then a first version (no deadline).
    let res = await post(network.slug, cookie, { intent: "remind" });
    expect(res.status).toBe(400);
    expect(errorsOf(res.body)).toEqual({ "": ["charter.error.nothingToRemind"] });
    await createCharterVersion(network.id);
    res = await post(network.slug, cookie, { intent: "remind" });
    expect(errorsOf(res.body)).toEqual({ "": ["charter.error.nothingToRemind"] });
    // A second version whose deadline has passed.
    await createCharterVersion(network.id, { publishedAt: day("2026-03-01"), adhesionDeadline: date("2026-04-30") });
    setNow(day("2026-05-02"));
    res = await post(network.slug, cookie, { intent: "remind" });
    expect(res.status).toBe(400);
    expect(errorsOf(res.body)).toEqual({ "": ["charter.error.deadlinePassed"] });
    expect(await prisma.charterReminder.count({ where: { charterVersion: { networkId: network.id } } })).toBe(0);
    expect(await prisma.outboxEmail.count({ where: { networkId: network.id } })).toBe(0);
  });
});

describe("suspension", () => {
  test("a reason and the confirmation are required; then the adhesion ends and the status is suspended", async () => {
    const { network, orgs, cookie, coordinator } = await setup();
    setNow(day("2026-04-10"));
    // The confirmation step: the page shows the form for that organisation.
    const step = (await dashboard(network.slug, cookie, `?suspend=${orgs.member.id}`)).body as Dashboard;
    expect(step.suspend).toEqual({ id: orgs.member.id, name: "Org member" });
    // Not for an organisation with nothing to end, nor one of another network.
    expect(((await dashboard(network.slug, cookie, `?suspend=${orgs.applicant.id}`)).body as Dashboard).suspend).toBeNull();
    const stranger = await createOrganisation((await createNetwork()).id);
    expect(((await dashboard(network.slug, cookie, `?suspend=${stranger.id}`)).body as Dashboard).suspend).toBeNull();

    const noConfirm = await post(network.slug, cookie, { intent: "suspend", organisationId: orgs.member.id, reason: "Plaintes répétées" });
    expect(noConfirm.status).toBe(400);
    expect(errorsOf(noConfirm.body)).toEqual({ confirm: ["adhesionsAdmin.error.confirmRequired"] });
    const noReason = await post(network.slug, cookie, { intent: "suspend", organisationId: orgs.member.id, reason: " ", confirm: "on" });
    expect(errorsOf(noReason.body)).toEqual({ reason: ["adhesionsAdmin.error.reasonRequired"] });
    expect((await membershipStatus(network.id, orgs.member.id)).kind).toBe("member");

    const done = await post(network.slug, cookie, { intent: "suspend", organisationId: orgs.member.id, reason: "Plaintes répétées", confirm: "on" });
    expect(done.status).toBe(302);
    expect(await membershipStatus(network.id, orgs.member.id)).toMatchObject({ kind: "suspended", reason: "Plaintes répétées" });
    const ended = await prisma.adhesion.findMany({ where: { organisationId: orgs.member.id } });
    expect(ended.every((a) => a.status === "ended" && a.endKind === "suspended" && a.endedById === coordinator.id && a.activeKey === null)).toBe(true);
    expect(await prisma.auditLog.findFirst({ where: { action: "adhesion.suspend", entityId: orgs.member.id } })).toMatchObject({ actorId: coordinator.id });
    // Nothing left to end: a clear message.
    const again = await post(network.slug, cookie, { intent: "suspend", organisationId: orgs.member.id, reason: "Encore", confirm: "on" });
    expect(again.status).toBe(400);
    expect(errorsOf(again.body)).toEqual({ "": ["charter.error.nothingToEnd"] });
    // A paper adhesion awaiting review ends too.
    await post(network.slug, cookie, { intent: "suspend", organisationId: orgs.paper.id, reason: "Scan frauduleux", confirm: "on" });
    expect((await membershipStatus(network.id, orgs.paper.id)).kind).toBe("suspended");
    // Another network's organisation: not found, nothing changes.
    expect((await post(network.slug, cookie, { intent: "suspend", organisationId: stranger.id, reason: "x", confirm: "on" })).status).toBe(404);
  });
});

describe("permissions", () => {
  test("only the network's coordinators see the dashboard and act on it", async () => {
    const { network, orgs, cookie } = await setup();
    const delegate = await createUser();
    await makeDelegate(orgs.member.id, delegate.id, "titular");
    const otherCoordinator = await createUser();
    await makeCoordinator((await createNetwork()).id, otherCoordinator.id);
    const anonymous = await dashboard(network.slug);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
    for (const who of [delegate, otherCoordinator]) {
      const c = await sessionCookie(who.id);
      expect((await dashboard(network.slug, c)).status).toBe(403);
      const forms: Record<string, string>[] = [{ intent: "remind" }, { intent: "suspend", organisationId: orgs.member.id, reason: "x", confirm: "on" }];
      for (const form of forms) {
        expect((await post(network.slug, c, form)).status).toBe(403);
      }
    }
    expect((await post(network.slug, undefined, { intent: "remind" })).status).toBe(302);
    expect((await membershipStatus(network.id, orgs.member.id)).kind).not.toBe("suspended");
    expect(await prisma.charterReminder.count({ where: { charterVersion: { networkId: network.id } } })).toBe(0);
    // An unknown intent is a bad request.
    expect((await post(network.slug, cookie, { intent: "nonsense" })).status).toBe(400);
  });
});
