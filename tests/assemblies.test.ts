// General assemblies on a real database: statutes, the roll frozen at the convocation, attendance,
// every proxy rule, the poll workflow (and the triggers that back it), votes in person and by
// proxy, paper totals, publication with the ballot box, and the comité as a group.
import { createHash } from "node:crypto";

import ICAL from "ical.js";
import { describe, expect, test } from "vitest";

import {
  checkIn,
  checkOut,
  conveneAssembly,
  createAssembly,
  DEFAULT_STATUTES,
  getStatutes,
  installElected,
  presenceFacts,
  recordSeat,
  saveStatutes,
} from "#app/models/assemblies.server";
import {
  addCandidate,
  allowedPollTransitions,
  ballotBox,
  cancelPoll,
  castBallots,
  closePoll,
  createPoll,
  enterPaperBallot,
  enterPaperTotals,
  markReady,
  openPoll,
  paperTotalsState,
  pollRefusal,
  progress,
  publishPoll,
  recordPaperVoter,
  votedOrganisations,
} from "#app/models/polls.server";
import { giveProxy, revokeProxy } from "#app/models/proxies.server";
import { now, setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { trackerFor } from "#app/votes/tracker.server";
import { assemblySetting, checkInAll, openResolution, readyElection, sqlError, voteEach } from "#tests/assembly-helpers";
import { createUser } from "#tests/factories";

const DAY = 86_400_000;
const key = (k: string) => ({ key: k });

describe("statutes", () => {
  test("a network without settings gets the defaults; saved settings come back, colleges in order", async () => {
    const s = await assemblySetting({ convene: false });
    await saveStatutes(s.network.id, s.coordinator.id, {
      ...DEFAULT_STATUTES,
      quorumFirst: { numerator: 1, denominator: 3, comparison: "moreThan" },
      committeeSeats: 5,
      tieRule: "second-round",
      colleges: [
        { name: "Services publics", minSeats: 1, maxSeats: 3 },
        { name: "Associations", minSeats: 2, maxSeats: null },
      ],
    });
    const back = await getStatutes(s.network.id);
    expect(back.quorumFirst).toEqual({ numerator: 1, denominator: 3, comparison: "moreThan" });
    expect(back.quorumSecond).toBeNull();
    expect(back.colleges.map((c) => c.name)).toEqual(["Services publics", "Associations"]);
    expect(await prisma.auditLog.count({ where: { action: "statutes.update", entityId: s.network.id } })).toBe(2);
  });

  test("impossible settings are refused with the field", async () => {
    const s = await assemblySetting({ convene: false });
    const bad = [
      { quorumFirst: { numerator: 3, denominator: 2, comparison: "atLeast" as const } },
      { maxProxiesPerHolder: -1 },
      { majorityRules: [] },
      {
        committeeSeats: 2,
        colleges: [
          { name: "A", minSeats: 2, maxSeats: null },
          { name: "B", minSeats: 1, maxSeats: null },
        ],
      },
      { committeeSeats: 4, colleges: [{ name: "A", minSeats: 2, maxSeats: 1 }] },
    ];
    for (const patch of bad) {
      await expect(saveStatutes(s.network.id, s.coordinator.id, { ...DEFAULT_STATUTES, ...patch })).rejects.toMatchObject({ kind: "invalid" });
    }
  });
});

describe("convocation and roll", () => {
  test("the roll is the member organisations at the convocation, frozen; convening twice is refused", async () => {
    const s = await assemblySetting({ members: 4 });
    const roll = await prisma.rollEntry.findMany({ where: { assemblyId: s.assembly.id }, select: { organisationId: true } });
    expect(roll.map((r) => r.organisationId).sort()).toEqual(s.members.map((m) => m.id).sort());
    expect(roll.map((r) => r.organisationId)).not.toContain(s.applicant.id);
    await expect(conveneAssembly(s.assembly.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.alreadyConvened"));
    const assembly = await prisma.assembly.findUniqueOrThrow({ where: { id: s.assembly.id } });
    expect(assembly).toMatchObject({ status: "convened", rules: { maxProxiesPerHolder: 2, quorum: { numerator: 1, denominator: 2 } } });
  });

  test("the convocation goes through the outbox to the titular and substitute of every organisation of the roll, with an invitation", async () => {
    const s = await assemblySetting({ members: 3 });
    const users = await prisma.user.findMany({
      where: { delegations: { some: { organisationId: { in: s.members.map((m) => m.id) } } } },
      select: { email: true },
    });
    const mails = await prisma.outboxEmail.findMany({ where: { networkId: s.network.id }, select: { to: true, subject: true, text: true, attachments: true } });
    expect(mails.map((m) => m.to).sort()).toEqual(users.map((u) => u.email).sort());
    expect(mails).toHaveLength(6);
    const assembly = await prisma.assembly.findUniqueOrThrow({ where: { id: s.assembly.id } });
    for (const mail of mails) {
      expect(mail.subject).toBe("Convocation : Assemblée générale ordinaire");
      expect(mail.text).toContain(`/${s.network.slug}/assemblies/${s.assembly.id}`);
      const [ics] = mail.attachments as { filename: string; contentType: string; content: string }[];
      const event = new ICAL.Component(ICAL.parse(ics.content)).getFirstSubcomponent("vevent")!;
      expect(event.getFirstPropertyValue("uid")).toBe(assembly.uid);
      expect(+(event.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate()).toBe(Math.floor(+assembly.startsAt / 1000) * 1000);
      const unfolded = ics.content.replace(/\r\n[ \t]/g, "");
      expect(unfolded).toContain("METHOD:REQUEST");
      expect(unfolded).toMatch(new RegExp(`ATTENDEE[^\\r]*mailto:${mail.to.replace(/[.]/g, "\\.")}`, "i"));
      expect(unfolded).toMatch(/ORGANIZER[^\r]*mailto:/);
    }
  });

  test("too late to convene: fewer days left than the statutes' notice", async () => {
    const s = await assemblySetting({ convene: false });
    const soon = await createAssembly(s.network.id, s.coordinator.id, {
      kind: "extraordinary",
      convocation: "second",
      title: "AG extraordinaire",
      startsAt: new Date(+now() + 3 * DAY),
      videoUrl: "https://visio.example.test/ag",
    });
    await expect(conveneAssembly(soon.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.noticeTooShort"));
  });

  test("an assembly needs a title, a place or a link, an end after its start", async () => {
    const s = await assemblySetting({ convene: false });
    const base = { kind: "ordinary", convocation: "first", title: "AG", startsAt: new Date(+now() + 40 * DAY), place: "Salle" };
    await expect(createAssembly(s.network.id, s.coordinator.id, { ...base, title: " " })).rejects.toMatchObject(key("assemblies.error.title"));
    await expect(createAssembly(s.network.id, s.coordinator.id, { ...base, place: "" })).rejects.toMatchObject(key("assemblies.error.where"));
    await expect(createAssembly(s.network.id, s.coordinator.id, { ...base, endsAt: base.startsAt })).rejects.toMatchObject(key("assemblies.error.endsAt"));
    await expect(createAssembly(s.network.id, s.coordinator.id, { ...base, kind: "annual" })).rejects.toMatchObject(key("assemblies.error.kind"));
  });
});

describe("attendance", () => {
  test("check in and out by organisation; only organisations of the roll; the delegate must be theirs", async () => {
    const s = await assemblySetting();
    const [a, b] = s.members;
    await checkIn(s.assembly.id, a.id, { channel: "room", delegateId: a.substituteId }, s.coordinator.id);
    await checkIn(s.assembly.id, b.id, { channel: "online", delegateId: b.titularId }, b.titularId);
    expect((await presenceFacts(s.assembly.id)).present.map((p) => p.organisationId).sort()).toEqual([a.id, b.id].sort());
    await checkOut(s.assembly.id, a.id, s.coordinator.id);
    await expect(checkOut(s.assembly.id, a.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.notPresent"));
    expect((await presenceFacts(s.assembly.id)).present.map((p) => p.organisationId)).toEqual([b.id]);
    await expect(checkIn(s.assembly.id, s.applicant.id, { channel: "room" }, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.notOnRoll"));
    await expect(checkIn(s.assembly.id, a.id, { channel: "room", delegateId: b.titularId }, s.coordinator.id)).rejects.toMatchObject(
      key("assemblies.error.notADelegate"),
    );
    expect(await prisma.auditLog.count({ where: { action: { in: ["assembly.checkIn", "assembly.checkOut"] }, networkId: s.network.id } })).toBe(3);
  });
});

describe("proxies: every rule in one place", () => {
  test("given to a member of the roll, at most the maximum per holder, one per giver, no chains either way", async () => {
    const s = await assemblySetting({ members: 6 });
    const [a, b, c, d, e, f] = s.members.map((m) => m.id);
    const give = (giver: string, holder: string) =>
      giveProxy(s.assembly.id, s.coordinator.id, { giverOrganisationId: giver, holderOrganisationId: holder, channel: "online" });

    await expect(give(a, a)).rejects.toMatchObject(key("assemblies.error.proxy.self"));
    await expect(give(a, s.applicant.id)).rejects.toMatchObject(key("assemblies.error.proxy.holderNotMember"));
    await give(a, b);
    await expect(give(a, c)).rejects.toMatchObject(key("assemblies.error.proxy.alreadyGiven"));
    await give(c, b);
    await expect(give(d, b)).rejects.toMatchObject(key("assemblies.error.proxy.holderFull")); // maximum 2
    await expect(give(b, d)).rejects.toMatchObject(key("assemblies.error.proxy.giverHoldsOne")); // b holds: cannot pass on
    await expect(give(d, a)).rejects.toMatchObject(key("assemblies.error.proxy.holderGaveOne")); // a gave: cannot hold
    await give(d, e);
    await expect(give(f, d)).rejects.toMatchObject(key("assemblies.error.proxy.holderGaveOne"));
    expect(await prisma.proxy.count({ where: { assemblyId: s.assembly.id, revokedAt: null } })).toBe(3);
  });

  test("revocable until the first poll opens, then frozen; a revoked proxy can be given again", async () => {
    const s = await assemblySetting();
    const [a, b, c] = s.members.map((m) => m.id);
    const proxy = await giveProxy(s.assembly.id, s.coordinator.id, { giverOrganisationId: a, holderOrganisationId: b, channel: "paper" });
    await revokeProxy(proxy.id, s.coordinator.id);
    await expect(revokeProxy(proxy.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.proxy.alreadyRevoked"));
    const again = await giveProxy(s.assembly.id, s.coordinator.id, { giverOrganisationId: a, holderOrganisationId: c, channel: "online" });
    await openResolution(s);
    await expect(revokeProxy(again.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.proxy.pollsOpened"));
    await expect(giveProxy(s.assembly.id, s.coordinator.id, { giverOrganisationId: b, holderOrganisationId: c, channel: "online" })).rejects.toMatchObject(
      key("assemblies.error.proxy.pollsOpened"),
    );
  });

  test("a proxy counts only while its holder is present and its giver absent", async () => {
    const s = await assemblySetting();
    const [a, b] = s.members.map((m) => m.id);
    await giveProxy(s.assembly.id, s.coordinator.id, { giverOrganisationId: a, holderOrganisationId: b, channel: "online" });
    expect((await presenceFacts(s.assembly.id)).represented).toEqual([]);
    await checkInAll(s, [b]);
    expect((await presenceFacts(s.assembly.id)).represented).toEqual([{ organisationId: a, by: b }]);
    await checkInAll(s, [a]);
    expect((await presenceFacts(s.assembly.id)).represented).toEqual([]);
  });

  test("the quorum of the assembly's frozen rule, counted in organisations present or represented", async () => {
    // Six members, "at least half" (the default first convocation): 3 needed.
    const s = await assemblySetting();
    const [a, b, c, d] = s.members.map((m) => m.id);
    await checkInAll(s, [a]);
    await checkInAll(s, [b], "paper"); // voting on paper is being in the room
    expect((await presenceFacts(s.assembly.id)).quorum).toEqual({
      rollSize: 6,
      present: 2,
      represented: 0,
      presentOrRepresented: 2,
      required: 3,
      reached: false,
    });
    await giveProxy(s.assembly.id, s.coordinator.id, { giverOrganisationId: c, holderOrganisationId: a, channel: "online" });
    await giveProxy(s.assembly.id, s.coordinator.id, { giverOrganisationId: d, holderOrganisationId: s.members[4].id, channel: "online" }); // holder absent
    const facts = await presenceFacts(s.assembly.id);
    expect(facts.quorum).toMatchObject({ present: 2, represented: 1, presentOrRepresented: 3, reached: true });
    expect(facts.proxies.map((p) => p.status)).toEqual(["counted", "holderAbsent"]);
  });
});

describe("the poll workflow", () => {
  test("one table: from each status, only the transitions it allows", () => {
    expect(allowedPollTransitions("draft")).toEqual(["ready", "cancel"]);
    expect(allowedPollTransitions("ready")).toEqual(["open", "cancel"]);
    expect(allowedPollTransitions("open")).toEqual(["close", "cancel"]);
    expect(allowedPollTransitions("closed")).toEqual(["publish"]);
    expect(allowedPollTransitions("published")).toEqual([]);
    expect(allowedPollTransitions("cancelled")).toEqual([]);
    expect(pollRefusal("open", "ready")).toBe("assemblies.error.poll.cannotReady");
  });

  test("draft → ready (settings frozen, entitlements for the roll) → open → closed → published", async () => {
    const s = await assemblySetting({ members: 3 });
    const poll = await createPoll(s.assembly.id, s.coordinator.id, { kind: "resolution", title: "Budget", base: "cast-for-against", choiceSet: "for-against" });
    await expect(markReady(poll.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.poll.majorityRule"));
    await prisma.poll.update({ where: { id: poll.id }, data: { majorityRule: "two-thirds" } });
    await markReady(poll.id, s.coordinator.id);
    const ready = await prisma.poll.findUniqueOrThrow({ where: { id: poll.id } });
    expect(ready).toMatchObject({ status: "ready", rules: { majorityRule: "two-thirds", roll: 3, quorum: { numerator: 1, denominator: 2 } } });
    expect(await prisma.entitlement.count({ where: { pollId: poll.id } })).toBe(3);
    await expect(markReady(poll.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.poll.cannotReady"));
    await expect(closePoll(poll.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.poll.cannotClose"));
    await openPoll(poll.id, s.coordinator.id);
    expect((await prisma.assembly.findUniqueOrThrow({ where: { id: s.assembly.id } })).status).toBe("held");
    await checkInAll(s, [s.members[0].id]);
    await voteEach(poll.id, [s.members[0].id], () => ["for"]);
    expect(await progress(poll.id)).toEqual({ voted: 1, entitled: 3 });
    await expect(publishPoll(poll.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.poll.cannotPublish"));
    await closePoll(poll.id, s.coordinator.id);
    await publishPoll(poll.id, s.coordinator.id);
    // One "for" of three on the roll, one present: adopted (simple majority of for + against), quorum not reached (half of 3 is 2).
    expect(await prisma.poll.findUniqueOrThrow({ where: { id: poll.id } })).toMatchObject({
      status: "published",
      result: {
        kind: "resolution",
        resolution: { counts: { for: 1, against: 0, abstain: 0, blank: 0 }, cast: 1, adopted: true },
        quorum: { rollSize: 3, present: 1, required: 2, reached: false },
        turnout: { ballots: 1, rollSize: 3 },
      },
    });
    await expect(cancelPoll(poll.id, s.coordinator.id, "trop tard")).rejects.toMatchObject(key("assemblies.error.poll.cannotCancel"));
    expect(
      (await prisma.auditLog.findMany({ where: { entityId: poll.id }, orderBy: { createdAt: "asc" }, select: { action: true } })).map((a) => a.action),
    ).toEqual(["poll.create", "poll.ready", "poll.open", "poll.close", "poll.publish"]);
  });

  test("cancelled with a reason from draft, ready or open; no reset: the database refuses a status going back", async () => {
    const s = await assemblySetting({ members: 2 });
    const poll = await openResolution(s);
    await checkInAll(s, [s.members[0].id]);
    await voteEach(poll.id, [s.members[0].id], () => ["against"]);
    for (const back of ["draft", "ready"]) {
      expect(await sqlError(`UPDATE "Poll" SET "status" = '${back}' WHERE "id" = '${poll.id}'`)).toMatch(/cannot go from open to/);
    }
    await expect(cancelPoll(poll.id, s.coordinator.id, " ")).rejects.toMatchObject(key("assemblies.error.poll.reason"));
    await cancelPoll(poll.id, s.coordinator.id, "Erreur dans le texte soumis");
    expect(await prisma.poll.findUniqueOrThrow({ where: { id: poll.id } })).toMatchObject({ status: "cancelled", cancelReason: "Erreur dans le texte soumis" });
    expect(await sqlError(`UPDATE "Poll" SET "status" = 'open' WHERE "id" = '${poll.id}'`)).toMatch(/cannot go from cancelled to open/);
    expect(await sqlError(`DELETE FROM "Poll" WHERE "id" = '${poll.id}'`)).toMatch(/holds ballots/);
    // A second round is a new poll linked to the first.
    const second = await createPoll(s.assembly.id, s.coordinator.id, { kind: "resolution", title: "Budget (bis)", previousPollId: poll.id });
    expect(second.previousPollId).toBe(poll.id);
  });

  test("an election: candidates of the roll before ready; the seed's SHA-256 is published at ready, the seed at the tally", async () => {
    const s = await assemblySetting({ members: 4 });
    const [a, b, c] = s.members.map((m) => m.id);
    const draft = await createPoll(s.assembly.id, s.coordinator.id, { kind: "election", title: "Comité", seats: 2 });
    await expect(markReady(draft.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.poll.noCandidates"));
    await expect(addCandidate(draft.id, s.coordinator.id, { organisationId: s.applicant.id })).rejects.toMatchObject(
      key("assemblies.error.poll.candidateNotOnRoll"),
    );
    await cancelPoll(draft.id, s.coordinator.id, "refait");
    const poll = await readyElection(s, [a, b, c], 2);
    await expect(addCandidate(poll.id, s.coordinator.id, { organisationId: s.members[3].id })).rejects.toMatchObject(
      key("assemblies.error.poll.candidaciesClosed"),
    );
    const ready = await prisma.poll.findUniqueOrThrow({ where: { id: poll.id } });
    expect(ready.lotsSeed).toMatch(/^[0-9a-f]{64}$/);
    expect(ready.lotsCommitment).toBe(createHash("sha256").update(Buffer.from(ready.lotsSeed!, "hex")).digest("hex"));
    await openPoll(poll.id, s.coordinator.id);
    await checkInAll(s, [a, b]);
    await castBallots(poll.id, { actingFor: a, channel: "online", votes: [{ organisationId: a, choices: [c, b] }] });
    await castBallots(poll.id, { actingFor: b, channel: "online", votes: [{ organisationId: b, choices: [] }] }); // blank
    await expect(castBallots(poll.id, { actingFor: b, channel: "online", votes: [{ organisationId: b, choices: [a, b, c] }] })).rejects.toMatchObject(
      key("assemblies.error.poll.choices"),
    );
    await closePoll(poll.id, s.coordinator.id);
    await publishPoll(poll.id, s.coordinator.id);
    const published = await prisma.poll.findUniqueOrThrow({ where: { id: poll.id } });
    // b 1, c 1, a 0 (never elected without a vote): b and c take the two seats; the draw was not needed.
    const order = [a, b, c].sort((x, y) => {
      const k = (id: string) => createHash("sha256").update(`${ready.lotsSeed}:${id}`).digest("hex");
      return k(x) < k(y) ? -1 : 1;
    });
    expect(published.result).toMatchObject({
      kind: "election",
      election: { ballots: 2, blank: 1, elected: expect.arrayContaining([b, c]), ties: [] },
      lots: { seed: ready.lotsSeed, order },
    });
  });
});

describe("voting", () => {
  test("present, not on paper, once; a proxy holder casts one ballot per organisation, each with its tracker", async () => {
    const s = await assemblySetting({ members: 5 });
    const [a, b, c, d, e] = s.members.map((m) => m.id);
    await giveProxy(s.assembly.id, s.coordinator.id, { giverOrganisationId: b, holderOrganisationId: a, channel: "online" });
    await giveProxy(s.assembly.id, s.coordinator.id, { giverOrganisationId: c, holderOrganisationId: a, channel: "paper" });
    const poll = await openResolution(s);
    const vote = (actingFor: string, ...orgs: string[]) =>
      castBallots(poll.id, { actingFor, channel: "online", votes: orgs.map((organisationId) => ({ organisationId, choices: ["for"] })) });

    await expect(vote(a, a)).rejects.toMatchObject(key("assemblies.error.poll.notPresent"));
    await checkInAll(s, [a, c]);
    await checkInAll(s, [d], "paper");
    await expect(vote(a, a, c)).rejects.toMatchObject(key("assemblies.error.poll.giverPresent")); // c is here: votes itself
    await expect(vote(a, a, e)).rejects.toMatchObject(key("assemblies.error.poll.noProxy"));
    await expect(vote(d, d)).rejects.toMatchObject(key("assemblies.error.poll.votesOnPaper"));
    expect(await prisma.ballot.count({ where: { pollId: poll.id } })).toBe(0); // all or nothing

    const trackers = await vote(a, a, b);
    expect(trackers.map((t) => t.organisationId)).toEqual([a, b]);
    expect(new Set(trackers.map((t) => t.tracker)).size).toBe(2);
    for (const t of trackers) expect(t.tracker).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    await expect(vote(a, b)).rejects.toMatchObject(key("assemblies.error.poll.alreadyVoted"));
    await expect(vote(c, c, c)).rejects.toMatchObject(key("assemblies.error.poll.choices"));
    await enterPaperBallot(poll.id, d, ["against"]);
    await expect(enterPaperBallot(poll.id, c, ["against"])).rejects.toMatchObject(key("assemblies.error.poll.notOnPaper"));
    expect(await prisma.entitlement.findMany({ where: { pollId: poll.id, votedAt: { not: null } }, orderBy: { organisationId: "asc" } })).toEqual(
      [
        { organisationId: a, castByOrganisationId: a, channel: "online" },
        { organisationId: b, castByOrganisationId: a, channel: "online" },
        { organisationId: d, castByOrganisationId: d, channel: "paper" },
      ]
        .sort((x, y) => (x.organisationId < y.organisationId ? -1 : 1))
        .map((x) => expect.objectContaining(x)),
    );

    await closePoll(poll.id, s.coordinator.id);
    await expect(vote(c, c)).rejects.toMatchObject(key("assemblies.error.poll.notOpen"));
    await expect(ballotBox(poll.id)).rejects.toMatchObject(key("assemblies.error.poll.notPublished"));
    await publishPoll(poll.id, s.coordinator.id);
    const box = await ballotBox(poll.id);
    expect(box).toHaveLength(3);
    for (const t of trackers) {
      const found = box.find((b) => b.tracker === t.tracker)!;
      expect(found.choices).toEqual(["for"]);
      expect(trackerFor(poll.id, found.choices as string[], found.nonce)).toBe(t.tracker); // anyone can recompute it
    }
    expect(await votedOrganisations(poll.id)).toEqual([a, b, d].sort());
  });

  test("the ballot trigger: no update or deletion of a ballot while open, nor after; no ballot added once closed", async () => {
    const s = await assemblySetting({ members: 2 });
    const poll = await openResolution(s);
    await checkInAll(s, [s.members[0].id]);
    await voteEach(poll.id, [s.members[0].id], () => ["for"]);
    // Through Prisma's raw SQL as well as through a function: refused either way.
    await expect(prisma.$executeRaw`UPDATE "Ballot" SET "choices" = '["against"]' WHERE "pollId" = ${poll.id}`).rejects.toThrow();
    await expect(prisma.$executeRaw`DELETE FROM "Ballot" WHERE "pollId" = ${poll.id}`).rejects.toThrow();
    expect(await sqlError(`UPDATE "Ballot" SET "choices" = '["against"]' WHERE "pollId" = '${poll.id}'`)).toMatch(/cannot be changed \(status open\)/);
    expect(await sqlError(`DELETE FROM "Ballot" WHERE "pollId" = '${poll.id}'`)).toMatch(/cannot be changed \(status open\)/);
    expect(await sqlError(`TRUNCATE "Ballot"`)).toMatch(/cannot be truncated/);
    expect(await sqlError(`UPDATE "Entitlement" SET "votedAt" = NULL WHERE "pollId" = '${poll.id}'`)).toMatch(/is recorded and cannot be changed/);
    expect(await sqlError(`SELECT 1`)).toBe("ok");
    await closePoll(poll.id, s.coordinator.id);
    expect(await sqlError(`DELETE FROM "Ballot" WHERE "pollId" = '${poll.id}'`)).toMatch(/cannot be changed \(status closed\)/);
    expect(
      await sqlError(`INSERT INTO "Ballot" ("id", "pollId", "choices", "tracker", "nonce") VALUES (gen_random_uuid(), '${poll.id}', '["for"]', 'X', 'n')`),
    ).toMatch(/not open/);
    expect(await prisma.ballot.count({ where: { pollId: poll.id } })).toBe(1);
  });

  test("deleting the whole network takes its assemblies, polls, entitlements and ballots along (the triggers allow that only)", async () => {
    const s = await assemblySetting({ members: 2 });
    const poll = await openResolution(s);
    await checkInAll(s, [s.members[0].id]);
    await voteEach(poll.id, [s.members[0].id], () => ["for"]);
    await closePoll(poll.id, s.coordinator.id);
    await publishPoll(poll.id, s.coordinator.id);
    expect(await sqlError(`DELETE FROM "Assembly" WHERE "id" = '${s.assembly.id}'`)).toBe("ok");
    expect(await prisma.ballot.count({ where: { pollId: poll.id } })).toBe(0);
    const t = await assemblySetting({ members: 2 });
    const other = await openResolution(t);
    await checkInAll(t, [t.members[0].id]);
    await voteEach(other.id, [t.members[0].id], () => ["for"]);
    await prisma.network.delete({ where: { id: t.network.id } });
    expect(await prisma.ballot.count({ where: { pollId: other.id } })).toBe(0);
    expect(await prisma.entitlement.count({ where: { pollId: other.id } })).toBe(0);
  });

  test("paper totals entered twice by two different people must match before publication", async () => {
    const s = await assemblySetting({ members: 3 });
    const poll = await openResolution(s);
    const [a, b] = s.members.map((m) => m.id);
    await checkInAll(s, [a, b], "paper");
    await recordPaperVoter(poll.id, a);
    await recordPaperVoter(poll.id, b);
    await expect(recordPaperVoter(poll.id, b)).rejects.toMatchObject(key("assemblies.error.poll.alreadyVoted"));
    const [t1, t2] = [await createUser(), await createUser()];
    await enterPaperTotals(poll.id, t1.id, { totals: { for: 1, against: 1 }, ballots: 2 });
    await expect(enterPaperTotals(poll.id, t1.id, { totals: { for: 1, against: 1 }, ballots: 2 })).rejects.toMatchObject(
      key("assemblies.error.poll.sameTeller"),
    );
    expect(await paperTotalsState(poll.id)).toEqual({ state: "one" });
    await enterPaperTotals(poll.id, t2.id, { totals: { for: 2, against: 0 }, ballots: 2 });
    expect(await paperTotalsState(poll.id)).toEqual({ state: "disagree" });
    await closePoll(poll.id, s.coordinator.id);
    await expect(publishPoll(poll.id, s.coordinator.id)).rejects.toMatchObject(key("assemblies.error.poll.paperTotalsPending"));
    await prisma.paperTotal.deleteMany({ where: { pollId: poll.id, enteredById: t2.id } });
    await enterPaperTotals(poll.id, t2.id, { totals: { against: 1, for: 1 }, ballots: 2 });
    expect(await paperTotalsState(poll.id)).toEqual({ state: "agree", totals: { for: 1, against: 1 }, ballots: 2 });
    await publishPoll(poll.id, s.coordinator.id);
  });
});

describe("the comité d'accompagnement", () => {
  test("seats recorded by hand and installed from an election are the committee group's active memberships", async () => {
    const s = await assemblySetting({ members: 4 });
    const [a, b, c, d] = s.members.map((m) => m.id);
    const today = new Date(now().toISOString().slice(0, 10));
    await recordSeat(s.network.id, s.coordinator.id, { organisationId: a, mandateFrom: new Date(+today - 400 * DAY) });
    await expect(recordSeat(s.network.id, s.coordinator.id, { organisationId: a, mandateFrom: today })).rejects.toMatchObject(
      key("assemblies.error.alreadySeated"),
    );
    await expect(recordSeat(s.network.id, s.coordinator.id, { organisationId: s.applicant.id, mandateFrom: today })).rejects.toMatchObject(
      key("assemblies.error.notMember"),
    );
    const group = await prisma.workingGroup.findFirstOrThrow({ where: { networkId: s.network.id, kind: "committee" } });
    const active = async () =>
      (await prisma.groupMembership.findMany({ where: { groupId: group.id, status: "active" }, select: { organisationId: true } }))
        .map((m) => m.organisationId)
        .sort();
    expect(await active()).toEqual([a]);
    await expect(prisma.workingGroup.create({ data: { networkId: s.network.id, kind: "committee", slug: "second", name: "Second" } })).rejects.toThrow();

    const poll = await readyElection(s, [b, c, d], 2);
    await openPoll(poll.id, s.coordinator.id);
    await checkInAll(s, [a, b, c]);
    await voteEach(poll.id, [a, b, c], () => [b, c]);
    await closePoll(poll.id, s.coordinator.id);
    await expect(installElected(poll.id, s.coordinator.id, { mandateFrom: today })).rejects.toMatchObject(key("assemblies.error.notPublished"));
    await publishPoll(poll.id, s.coordinator.id);
    setNow(new Date(+now() + DAY));
    try {
      // The elected come from the published result (b and c, 3 approvals each), not from a form.
      await installElected(poll.id, s.coordinator.id, { mandateFrom: today });
    } finally {
      setNow(undefined);
    }
    expect(await active()).toEqual([b, c].sort());
    expect((await prisma.groupMembership.findUniqueOrThrow({ where: { groupId_organisationId: { groupId: group.id, organisationId: a } } })).status).toBe(
      "left",
    );
    await expect(installElected(poll.id, s.coordinator.id, { mandateFrom: today })).rejects.toMatchObject(key("assemblies.error.alreadyInstalled"));
  });
});
