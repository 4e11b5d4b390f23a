// The minutes of a general assembly (issue 12, item 10), on a real database through the pages: a
// coordinator starts them once the assembly is closed; the draft is generated from attendance,
// proxies and published results; the meeting's register follows the roll; starting twice gives
// the same meeting; then the ordinary minutes workflow publishes them to the network, with a PDF.
import { afterEach, describe, expect, test } from "vitest";

import { closeAssembly } from "#app/models/assemblies.server";
import { castBallots, closePoll, openPoll, publishPoll } from "#app/models/polls.server";
import { giveProxy } from "#app/models/proxies.server";
import { loader as assemblyLoader } from "#app/routes/$network+/assemblies+/$assembly";
import { action as startAction, loader as startLoader } from "#app/routes/$network+/assemblies+/$assembly_.minutes";
import { action as minutesAction, loader as minutesLoader } from "#app/routes/$network+/meetings+/$meeting_.minutes";
import { loader as pdfLoader } from "#app/routes/$network+/meetings+/$meeting_.minutes_.pdf";
import { setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { type AssemblySetting, assemblySetting, checkInAll, openResolution, readyElection, voteEach } from "#tests/assembly-helpers";
import { makeRequest, sessionCookie } from "#tests/factories";
import { call } from "#tests/route-call";

afterEach(() => setNow(undefined));

/** Four organisations present (one on paper), a fifth represented by the first; a resolution adopted 3–1, an election of two seats. */
async function heldAssembly() {
  const s = await assemblySetting({ members: 6 });
  const [a, b, c, d, e] = s.members;
  await checkInAll(s, [a.id, b.id], "online");
  await checkInAll(s, [c.id], "room");
  await checkInAll(s, [d.id], "paper");
  await giveProxy(s.assembly.id, e.titularId, { giverOrganisationId: e.id, holderOrganisationId: a.id, channel: "online" });
  const resolution = await openResolution(s, "Approbation des comptes 2026");
  await voteEach(resolution.id, [a.id, b.id, c.id], (i) => [i < 2 ? "for" : "against"]);
  await castBallots(resolution.id, { actingFor: a.id, channel: "online", votes: [{ organisationId: e.id, choices: ["for"] }] });
  await closePoll(resolution.id, s.coordinator.id);
  await publishPoll(resolution.id, s.coordinator.id);
  const election = await readyElection(s, [a.id, b.id, c.id], 2);
  await openPoll(election.id, s.coordinator.id);
  await voteEach(election.id, [a.id, b.id, c.id], () => [a.id, b.id]);
  await closePoll(election.id, s.coordinator.id);
  await publishPoll(election.id, s.coordinator.id);
  return { s, resolution, election };
}

const startPath = (s: AssemblySetting) => `/${s.network.slug}/assemblies/${s.assembly.id}/minutes`;
const params = (s: AssemblySetting) => ({ network: s.network.slug, assembly: s.assembly.id });

describe("the minutes of an assembly", () => {
  test("are started only by a coordinator, once the assembly is closed; nothing is made before", async () => {
    const { s } = await heldAssembly();
    const coordinator = await sessionCookie(s.coordinator.id);
    const delegate = await sessionCookie(s.members[0].titularId);

    const early = await call(startAction, makeRequest(startPath(s), { method: "POST", cookie: coordinator }), params(s));
    expect(early.status).toBe(409);
    expect((early.body as { refusal: string }).refusal).toBe("assemblyMinutes.error.notClosed");
    expect((await prisma.assembly.findUniqueOrThrow({ where: { id: s.assembly.id } })).meetingId).toBeNull();
    expect(await prisma.workingGroup.count({ where: { networkId: s.network.id, kind: "assembly" } })).toBe(0);

    await closeAssembly(s.assembly.id, s.coordinator.id);
    const refused = await call(startAction, makeRequest(startPath(s), { method: "POST", cookie: delegate }), params(s));
    expect(refused.status).toBe(403);
    expect((await prisma.assembly.findUniqueOrThrow({ where: { id: s.assembly.id } })).meetingId).toBeNull();

    // The delegate reads where they stand: not written yet, no button.
    const page = await call(startLoader, makeRequest(startPath(s), { cookie: delegate }), params(s));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ mayStart: false, assembly: { closed: true } });
  });

  test("the draft says who attended, the proxies, the quorum and each result; the register follows the roll; twice gives one meeting", async () => {
    const { s } = await heldAssembly();
    const [a, b, c, d, e, f] = s.members;
    await closeAssembly(s.assembly.id, s.coordinator.id);
    const coordinator = await sessionCookie(s.coordinator.id);

    const started = await call(startAction, makeRequest(startPath(s), { method: "POST", cookie: coordinator }), params(s));
    expect(started.status).toBe(302);
    const { meetingId } = await prisma.assembly.findUniqueOrThrow({ where: { id: s.assembly.id }, select: { meetingId: true } });
    expect(meetingId).toBeTruthy();
    expect(started.headers.get("Location")).toBe(`/${s.network.slug}/meetings/${meetingId}/minutes/edit`);

    const meeting = await prisma.meeting.findUniqueOrThrow({ where: { id: meetingId! }, include: { group: true, minutes: true, attendance: true } });
    expect(meeting.group.kind).toBe("assembly");
    expect(meeting.title).toBe("Assemblée générale ordinaire");
    expect(meeting.minutes).toHaveLength(1);
    const [draft] = meeting.minutes;
    expect(draft.status).toBe("draft");
    expect(draft.authorId).toBe(s.coordinator.id);
    const body = draft.body;
    // Who attended, how, and by whom (the titular delegates checked in).
    for (const org of [a, b, c, d]) expect(body).toContain(org.name);
    expect(body).toContain("dans la salle, vote sur papier");
    expect(body).toContain("4 organisations étaient présentes");
    expect(body).not.toContain(`${f.name},`);
    // The proxy, and the quorum (half of 6: 3 required; 4 present + 1 represented).
    expect(body).toContain(`${e.name} a donné sa voix à ${a.name} (en ligne)`);
    expect(body).toContain("Le quorum était atteint : 5 organisations présentes ou représentées (4 présentes, 1 représentées) pour 3 requises.");
    // The resolution 3 for, 1 against; the election's ranking and elected.
    expect(body).toContain("Pour : 3. Contre : 1. Abstentions : 0. Blancs : 0.");
    expect(draft.decisions).toContain("« Approbation des comptes 2026 » : la résolution est adoptée.");
    // Both got three votes: they are named in the tally's order.
    expect([`sont élues ${a.name}, ${b.name}.`, `sont élues ${b.name}, ${a.name}.`].some((line) => draft.decisions.includes(line))).toBe(true);
    expect(body).toContain(`${c.name} : 0 voix — non élue`);
    expect(body).toContain("Débats");
    // The text is searchable like any minutes.
    expect(draft.searchText).toContain("Approbation des comptes 2026");

    const register = new Map(meeting.attendance.map((r) => [r.organisationId, r.status]));
    expect([a, b, c, d].map((o) => register.get(o.id))).toEqual(["present", "present", "present", "present"]);
    expect([e, f].map((o) => register.get(o.id))).toEqual(["absent", "absent"]);

    const audit = await prisma.auditLog.findFirst({ where: { action: "assembly.minutes.start", entityId: s.assembly.id } });
    expect(audit?.actorId).toBe(s.coordinator.id);

    // Twice: the same meeting, no second draft; the address then leads to the minutes.
    const again = await call(startAction, makeRequest(startPath(s), { method: "POST", cookie: coordinator }), params(s));
    expect(again.headers.get("Location")).toBe(`/${s.network.slug}/meetings/${meetingId}/minutes`);
    expect(await prisma.meeting.count({ where: { group: { networkId: s.network.id, kind: "assembly" } } })).toBe(1);
    expect(await prisma.minutes.count({ where: { meetingId: meetingId! } })).toBe(1);
    const read = await call(startLoader, makeRequest(startPath(s), { cookie: coordinator }), params(s));
    expect(read.status).toBe(302);
    expect(read.headers.get("Location")).toBe(`/${s.network.slug}/meetings/${meetingId}/minutes`);

    // The assembly page links to them.
    const assemblyPage = await call(assemblyLoader, makeRequest(`/${s.network.slug}/assemblies/${s.assembly.id}`, { cookie: coordinator }), params(s));
    expect((assemblyPage.body as { assembly: { minutesMeetingId: string | null } }).assembly.minutesMeetingId).toBe(meetingId);
  });

  test("go through the minutes workflow: a delegate reads nothing of the draft, then reads the published minutes and their PDF", async () => {
    const { s } = await heldAssembly();
    await closeAssembly(s.assembly.id, s.coordinator.id);
    const coordinator = await sessionCookie(s.coordinator.id);
    const delegate = await sessionCookie(s.members[5].titularId);
    await call(startAction, makeRequest(startPath(s), { method: "POST", cookie: coordinator }), params(s));
    const { meetingId } = await prisma.assembly.findUniqueOrThrow({ where: { id: s.assembly.id }, select: { meetingId: true } });
    const path = `/${s.network.slug}/meetings/${meetingId}/minutes`;
    const mParams = { network: s.network.slug, meeting: meetingId! };
    const minutes = await prisma.minutes.findFirstOrThrow({ where: { meetingId: meetingId! } });

    const before = await call(minutesLoader, makeRequest(path, { cookie: delegate }), mParams);
    expect(before.status).toBe(200);
    expect((before.body as { current: unknown }).current).toBeNull();
    expect(JSON.stringify(before.body)).not.toContain("Approbation des comptes 2026");
    // The breadcrumb leads back to the assembly.
    expect((before.body as { assembly: { id: string } | null }).assembly?.id).toBe(s.assembly.id);

    for (const form of [{ intent: "submit" }, { intent: "approve" }, { intent: "publish", visibility: "network" }] as Record<string, string>[]) {
      const moved = await call(minutesAction, makeRequest(path, { method: "POST", cookie: coordinator, form: { ...form, minutesId: minutes.id } }), mParams);
      expect(moved.status, form.intent).toBe(302);
    }
    // A delegate of the network cannot move them.
    const refused = await call(
      minutesAction,
      makeRequest(path, { method: "POST", cookie: delegate, form: { intent: "approve", minutesId: minutes.id } }),
      mParams,
    );
    expect(refused.status).toBeGreaterThanOrEqual(400);

    const after = await call(minutesLoader, makeRequest(path, { cookie: delegate }), mParams);
    expect((after.body as { current: { status: string; decisions: string } }).current).toMatchObject({ status: "published" });
    expect((after.body as { current: { decisions: string } }).current.decisions).toContain("la résolution est adoptée");
    const pdf = (await pdfLoader({ request: makeRequest(`${path}/pdf`, { cookie: delegate }), params: mParams, context: {} })) as Response;
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toContain("application/pdf");
  });
});
