// Fifty identical requests at once (issue 10, item 7): each must have one effect, and none may
// answer 500. The actions are called as Remix would, concurrently, on a real database. PGlite runs
// one statement at a time, so most of these races only show on PostgreSQL: run this file with
// DATABASE_URL=postgres://… too (tests/setup makes a fresh database for it).
import { describe, expect, test } from "vitest";

import { createInvitation, findInvitation } from "#app/models/invitation.server";
import { action as membersAction } from "#app/routes/$network+/groups+/$group_.members";
import { action as meetingAction, loader as meetingLoader } from "#app/routes/$network+/meetings+/$meeting";
import { action as agendaAction, loader as agendaLoader } from "#app/routes/$network+/meetings+/$meeting_.agenda";
import { action as cancelAction } from "#app/routes/$network+/meetings+/$meeting_.cancel";
import { action as newMeetingAction, loader as newMeetingLoader } from "#app/routes/$network+/meetings+/new";
import { action as delegatesAction, loader as delegatesLoader } from "#app/routes/$network+/organisations+/$org_.delegates";
import { action as invitationAction } from "#app/routes/invitations.$token";
import { addDays, todayInBrussels } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import {
  addGroupMember,
  createAdhesion,
  createCharterVersion,
  createGroup,
  createMeeting,
  createMinutes,
  createNetwork,
  createOrganisation,
  createUser,
  makeCoordinator,
  makeDelegate,
  makeFacilitator,
  makeRequest,
  sessionCookie,
} from "#tests/factories";
import { groupSetting, postMinutes, readMinutes } from "#tests/minutes-helpers";
import { call } from "#tests/route-call";

const N = 50;
const DAY = 86_400_000;

/** Runs `fn` N times at once; a thrown error (what Remix answers with a 500) is kept, not raised. */
async function atOnce<T>(fn: (i: number) => Promise<T>) {
  const settled = await Promise.allSettled(Array.from({ length: N }, (_, i) => fn(i)));
  const errors = settled.flatMap((s) => (s.status === "rejected" ? [String((s.reason as Error)?.message ?? s.reason)] : []));
  const results = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  return { errors, results };
}

const statuses = (results: { status: number }[]) =>
  results.map((r) => r.status).reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

/** A group with three people invited to its meetings, and the network's coordinator. */
async function meetingSetting() {
  const network = await createNetwork();
  const group = await createGroup(network.id);
  const [orgA, orgB] = await Promise.all([createOrganisation(network.id), createOrganisation(network.id)]);
  const [coordinator, p1, p2, p3] = await Promise.all([createUser({ name: "Claire Coordination" }), createUser(), createUser(), createUser()]);
  await makeCoordinator(network.id, coordinator.id);
  await makeDelegate(orgA.id, p1.id);
  await makeDelegate(orgA.id, p2.id, "substitute");
  await makeDelegate(orgB.id, p3.id);
  await addGroupMember(group.id, orgA.id, [p1.id, p2.id]);
  await addGroupMember(group.id, orgB.id, [p3.id]);
  const meeting = await createMeeting(group.id, { startsAt: new Date(Date.now() + 10 * DAY), proposalsUntil: new Date(Date.now() + 5 * DAY) });
  return { network, group, meeting, coordinator, p1, p2, p3, coordinatorCookie: await sessionCookie(coordinator.id), p1Cookie: await sessionCookie(p1.id) };
}

describe("fifty identical requests at once", () => {
  test("cancelling a meeting: cancelled once, one cancellation e-mail per participant, the others told it is already cancelled", async () => {
    const s = await meetingSetting();
    const path = `/${s.network.slug}/meetings/${s.meeting.id}/cancel`;
    const { errors, results } = await atOnce(() =>
      call(
        cancelAction,
        makeRequest(path, { method: "POST", cookie: s.coordinatorCookie, form: { confirm: "1", reason: "Salle indisponible", scope: "one" } }),
        { network: s.network.slug, meeting: s.meeting.id },
      ),
    );
    expect(errors).toEqual([]);
    expect(statuses(results)).toEqual({ 302: 1, 400: N - 1 });
    expect(await prisma.auditLog.count({ where: { action: "meeting.cancel", entityId: s.meeting.id } })).toBe(1);
    const mails = await prisma.outboxEmail.findMany({ where: { networkId: s.network.id }, select: { to: true } });
    expect(mails.map((m) => m.to).sort()).toEqual([s.p1.email, s.p2.email, s.p3.email].sort());
    expect((await prisma.meeting.findUniqueOrThrow({ where: { id: s.meeting.id } })).sequence).toBe(1);
  });

  test("cancelling the rest of a series: each occurrence cancelled once, one cancellation per participant", async () => {
    const s = await meetingSetting();
    const series = await prisma.meetingSeries.create({
      data: {
        groupId: s.group.id,
        uid: `series-${s.meeting.id}@maillage.test`,
        frequency: "weekly",
        weekday: 2,
        startOn: new Date("2027-01-05T00:00:00Z"),
        startMinutes: 600,
        endMinutes: 720,
        title: "Série",
      },
    });
    const starts = [1, 2, 3].map((w) => new Date(Date.now() + (10 + 7 * w) * DAY));
    const occurrences = await Promise.all(
      starts.map((startsAt) =>
        prisma.meeting.create({
          data: {
            groupId: s.group.id,
            seriesId: series.id,
            uid: series.uid,
            recurrenceId: startsAt,
            title: "Série",
            startsAt,
            endsAt: new Date(startsAt.getTime() + 7_200_000),
          },
        }),
      ),
    );
    const first = occurrences[0];
    const path = `/${s.network.slug}/meetings/${first.id}/cancel`;
    const { errors, results } = await atOnce(() =>
      call(cancelAction, makeRequest(path, { method: "POST", cookie: s.coordinatorCookie, form: { confirm: "1", reason: "", scope: "rest" } }), {
        network: s.network.slug,
        meeting: first.id,
      }),
    );
    expect(errors).toEqual([]);
    expect(statuses(results)).toEqual({ 302: 1, 400: N - 1 });
    expect(await prisma.meeting.count({ where: { seriesId: series.id, status: "cancelled" } })).toBe(3);
    expect(await prisma.outboxEmail.count({ where: { networkId: s.network.id } })).toBe(3);
    expect((await prisma.meetingSeries.findUniqueOrThrow({ where: { id: series.id } })).cancelledAt).not.toBeNull();
  });

  test("inviting one address to one organisation: one valid link, no 500", async () => {
    const s = await meetingSetting();
    const org = await createOrganisation(s.network.id);
    const path = `/${s.network.slug}/organisations/${org.slug}/delegates`;
    const email = "sofia@example.test";
    // Different coordinators' forms (no shared submission key): the database alone must hold.
    const { errors, results } = await atOnce(() =>
      call(delegatesAction, makeRequest(path, { method: "POST", cookie: s.coordinatorCookie, form: { intent: "invite", email, role: "titular" } }), {
        network: s.network.slug,
        org: org.slug,
      }),
    );
    expect(errors).toEqual([]);
    expect(results.every((r) => r.status === 302 || r.status === 409)).toBe(true);
    expect(await prisma.invitation.count({ where: { email, organisationId: org.id, acceptedAt: null, revokedAt: null } })).toBe(1);
    // Of every link e-mailed, exactly one works.
    const mails = await prisma.outboxEmail.findMany({ where: { to: email }, select: { text: true } });
    const tokens = mails.map((m) => /\/invitations\/([A-Za-z0-9_-]+)/.exec(m.text)![1]);
    const states = await Promise.all(tokens.map(async (t) => (await findInvitation(t))?.state));
    expect(states.filter((x) => x === "pending")).toHaveLength(1);
  });

  test("the same invitation form sent fifty times (one submission key): one invitation, one e-mail, fifty redirects", async () => {
    const s = await meetingSetting();
    const org = await createOrganisation(s.network.id);
    const path = `/${s.network.slug}/organisations/${org.slug}/delegates`;
    const page = await call(delegatesLoader, makeRequest(path, { cookie: s.coordinatorCookie }), { network: s.network.slug, org: org.slug });
    const submissionKey = (page.body as { submissionKey?: string }).submissionKey;
    expect(submissionKey).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
    const email = "once@example.test";
    const { errors, results } = await atOnce(() =>
      call(
        delegatesAction,
        makeRequest(path, { method: "POST", cookie: s.coordinatorCookie, form: { intent: "invite", email, role: "staff", submissionKey: submissionKey! } }),
        { network: s.network.slug, org: org.slug },
      ),
    );
    expect(errors).toEqual([]);
    expect(statuses(results)).toEqual({ 302: N });
    expect(await prisma.invitation.count({ where: { email } })).toBe(1);
    expect(await prisma.outboxEmail.count({ where: { to: email } })).toBe(1);
  });

  test("joining an open group: one membership, the others told the organisation is already in, no 500", async () => {
    const network = await createNetwork();
    const version = await createCharterVersion(network.id);
    const org = await createOrganisation(network.id);
    await createAdhesion(network.id, org.id, version);
    const alice = await createUser();
    await makeDelegate(org.id, alice.id);
    const cookie = await sessionCookie(alice.id);
    const open = await createGroup(network.id, { joinPolicy: "open" });
    const onRequest = await createGroup(network.id, { joinPolicy: "request" });
    const facilitator = await createUser();
    await makeFacilitator(onRequest.id, facilitator.id);

    for (const group of [open, onRequest]) {
      const path = `/${network.slug}/groups/${group.slug}/members`;
      const { errors, results } = await atOnce(() =>
        call(membersAction, makeRequest(path, { method: "POST", cookie, form: { intent: "join", organisation: org.id } }), {
          network: network.slug,
          group: group.slug,
        }),
      );
      expect(errors).toEqual([]);
      expect(statuses(results)).toEqual({ 302: 1, 400: N - 1 });
      expect(await prisma.groupMembership.count({ where: { groupId: group.id } })).toBe(1);
    }
    // The request was told to the facilitator once.
    expect(await prisma.outboxEmail.count({ where: { to: facilitator.email } })).toBe(1);
  });

  test("accepting an invitation with a new account: one account, one delegate link, no 500", async () => {
    const s = await meetingSetting();
    const org = await createOrganisation(s.network.id);
    const email = "nouvelle@example.test";
    const { token } = await transaction((tx) =>
      createInvitation(tx, { networkId: s.network.id, organisationId: org.id, email, role: "titular", invitedById: s.coordinator.id }),
    );
    const form = { intent: "create", name: "Sofia El Amrani", phone: "", locale: "fr", password: "un mot de passe solide", confirm: "un mot de passe solide" };
    const { errors, results } = await atOnce(() => call(invitationAction, makeRequest(`/invitations/${token}`, { method: "POST", form }), { token }));
    expect(errors).toEqual([]);
    expect(results.filter((r) => r.status === 302)).toHaveLength(1);
    expect(results.every((r) => r.status === 302 || r.status === 410 || r.status === 409)).toBe(true);
    expect(await prisma.user.count({ where: { email } })).toBe(1);
    expect(await prisma.delegate.count({ where: { organisationId: org.id } })).toBe(1);
  });

  test("accepting an invitation with an existing account: one delegate link, no 500", async () => {
    const s = await meetingSetting();
    const org = await createOrganisation(s.network.id);
    const person = await createUser();
    const cookie = await sessionCookie(person.id);
    const { id, token } = await transaction((tx) =>
      createInvitation(tx, { networkId: s.network.id, organisationId: org.id, email: person.email, role: "staff", invitedById: s.coordinator.id }),
    );
    const { errors, results } = await atOnce(() =>
      call(invitationAction, makeRequest(`/invitations/${token}`, { method: "POST", cookie, form: { intent: "accept" } }), { token }),
    );
    expect(errors).toEqual([]);
    expect(statuses(results)).toEqual({ 302: 1, 410: N - 1 });
    expect(await prisma.delegate.count({ where: { organisationId: org.id, userId: person.id } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: "invitation.accept", entityId: id } })).toBe(1);
  });

  test("a comment on minutes sent fifty times with the form's key: stored once, every request redirected as a success", async () => {
    const s = await groupSetting();
    const minutes = await createMinutes(s.meeting.id, { status: "submitted" });
    const page = await readMinutes(s, s.cookies.noteTaker);
    const submissionKey = (page.body as { submissionKey?: string }).submissionKey;
    const { errors, results } = await atOnce(() =>
      postMinutes(
        s,
        {
          intent: "comment",
          minutesId: minutes.id,
          comment: "Il manque le point sur les permanences.",
          submissionKey: submissionKey ?? "a-key-the-page-did-not-give",
        },
        s.cookies.noteTaker,
      ),
    );
    expect(errors).toEqual([]);
    expect(statuses(results)).toEqual({ 302: N });
    expect(await prisma.minutesComment.count({ where: { minutesId: minutes.id } })).toBe(1);
    expect(submissionKey).toMatch(/^[A-Za-z0-9_-]{22,64}$/);

    // A new page, a new key: the next comment is a new one. Without a key (an old page), too.
    const next = (await readMinutes(s, s.cookies.noteTaker)).body as { submissionKey: string };
    expect(next.submissionKey).not.toBe(submissionKey);
    expect(
      (await postMinutes(s, { intent: "comment", minutesId: minutes.id, comment: "Et le budget.", submissionKey: next.submissionKey }, s.cookies.noteTaker))
        .status,
    ).toBe(302);
    expect((await postMinutes(s, { intent: "comment", minutesId: minutes.id, comment: "Sans clé." }, s.cookies.noteTaker)).status).toBe(302);
    expect(await prisma.minutesComment.count({ where: { minutesId: minutes.id } })).toBe(3);
  });

  test("an agenda proposal sent fifty times with the form's key: stored once", async () => {
    const s = await meetingSetting();
    const params = { network: s.network.slug, meeting: s.meeting.id };
    const meetingPath = `/${s.network.slug}/meetings/${s.meeting.id}`;
    const page = await call(meetingLoader, makeRequest(meetingPath, { cookie: s.p1Cookie }), params);
    const proposeKey = (page.body as { submissionKey?: string }).submissionKey ?? "a-key-the-page-did-not-give";
    const proposed = await atOnce(() =>
      call(
        meetingAction,
        makeRequest(meetingPath, {
          method: "POST",
          cookie: s.p1Cookie,
          form: { intent: "propose", title: "Les permanences d'hiver", ownerName: "", submissionKey: proposeKey },
        }),
        params,
      ),
    );
    expect(proposed.errors).toEqual([]);
    expect(statuses(proposed.results)).toEqual({ 302: N });
    expect(await prisma.agendaItem.count({ where: { meetingId: s.meeting.id, status: "proposed" } })).toBe(1);
  });

  test("an agenda item sent fifty times with the form's key: stored once", async () => {
    const s = await meetingSetting();
    const params = { network: s.network.slug, meeting: s.meeting.id };
    const agendaPath = `/${s.network.slug}/meetings/${s.meeting.id}/agenda`;
    const agenda = await call(agendaLoader, makeRequest(agendaPath, { cookie: s.coordinatorCookie }), params);
    const addKey = (agenda.body as { submissionKey?: string }).submissionKey ?? "another-key-the-page-did-not-give";
    const added = await atOnce(() =>
      call(
        agendaAction,
        makeRequest(agendaPath, {
          method: "POST",
          cookie: s.coordinatorCookie,
          form: { intent: "add", title: "Tour de table", ownerName: "", submissionKey: addKey },
        }),
        params,
      ),
    );
    expect(added.errors).toEqual([]);
    expect(statuses(added.results)).toEqual({ 302: N });
    expect(await prisma.agendaItem.count({ where: { meetingId: s.meeting.id, status: "accepted" } })).toBe(1);
  });

  test("the new meeting form sent fifty times with its key: one series, one set of invitations, every answer the same redirect", async () => {
    const s = await meetingSetting();
    const params = { network: s.network.slug };
    const path = `/${s.network.slug}/meetings/new`;
    const page = await call(newMeetingLoader, makeRequest(`${path}?group=${s.group.slug}`, { cookie: s.coordinatorCookie }), params);
    const submissionKey = (page.body as { submissionKey?: string }).submissionKey ?? "a-key-the-page-did-not-give";
    const form = {
      group: s.group.slug,
      title: "Groupe Logement",
      date: addDays(todayInBrussels(now()), 20),
      startTime: "14:00",
      endTime: "16:00",
      place: "Maison des associations",
      videoUrl: "",
      repeat: "weekly",
      interval: "1",
      ends: "count",
      count: "3",
      submissionKey,
    };
    const { errors, results } = await atOnce(() => call(newMeetingAction, makeRequest(path, { method: "POST", cookie: s.coordinatorCookie, form }), params));
    expect(errors).toEqual([]);
    expect(statuses(results)).toEqual({ 302: N });
    expect(new Set(results.map((r) => r.headers.get("Location"))).size).toBe(1);
    expect(await prisma.meetingSeries.count({ where: { groupId: s.group.id } })).toBe(1);
    expect(await prisma.meeting.count({ where: { groupId: s.group.id, seriesId: { not: null } } })).toBe(3);
    // One invitation (the whole series) to each of the three participants.
    expect(await prisma.outboxEmail.count({ where: { networkId: s.network.id } })).toBe(3);
  });
});
