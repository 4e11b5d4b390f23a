// "Anyone can recount" (issue 12, item 7): a poll published on a real database, its box taken as
// the JSON route gives it, and recounted by scripts/recount.mjs: every tracker, the counts and the
// draw agree with Poll.result; a tampered ballot, count or seed is caught. The box page shows
// nothing but "n of N have voted" before publication, and finds a tracker as a voter types it.
import { describe, expect, test } from "vitest";

import type { PublishedBox } from "#app/models/ballot-box.server";
import { closePoll, openPoll, publishPoll } from "#app/models/polls.server";
import { loader as pageLoader } from "#app/routes/$network+/assemblies+/$assembly_.polls.$poll_.box";
import { loader as jsonLoader } from "#app/routes/$network+/assemblies+/$assembly_.polls.$poll_.box[.json]";
import { loader as screenLoader } from "#app/routes/$network+/assemblies+/$assembly_.screen";
import { prisma } from "#app/utils/db.server";
import { assemblySetting, checkInAll, openResolution, readyElection, voteEach } from "#tests/assembly-helpers";
import { makeRequest, sessionCookie } from "#tests/factories";
import { call } from "#tests/route-call";

import { recount } from "../scripts/recount.mjs";

type Box = PublishedBox;

async function publishedElection() {
  const s = await assemblySetting({ members: 6 });
  const ids = s.members.map((m) => m.id);
  const [a, b, c, d] = ids;
  const poll = await readyElection(s, [a, b, c, d], 2);
  await checkInAll(s, ids);
  await openPoll(poll.id, s.coordinator.id);
  // a: 4 votes; b and c tie at 2 for the second seat (the draw decides); d: 0; one blank.
  const choices = [[a, b], [a, c], [a, b], [a, c], [], []];
  const trackers = await voteEach(poll.id, ids.slice(0, 5), (i) => choices[i]);
  await closePoll(poll.id, s.coordinator.id);
  return { s, poll, trackers };
}

async function boxJson(s: Awaited<ReturnType<typeof assemblySetting>>, pollId: string, userId = s.coordinator.id) {
  const cookie = await sessionCookie(userId);
  const path = `/${s.network.slug}/assemblies/${s.assembly.id}/polls/${pollId}/box.json`;
  return call(jsonLoader, makeRequest(path, { cookie }), { network: s.network.slug, assembly: s.assembly.id, poll: pollId });
}

describe("recount from the published box", () => {
  test("an election with a draw: trackers, counts and the draw agree with the published result; tampering is caught", async () => {
    const { s, poll, trackers } = await publishedElection();
    // Closed, not published: no box to download, and the page shows no result.
    expect((await boxJson(s, poll.id)).status).toBe(404);
    const member = s.members[0];
    const before = await call(
      pageLoader,
      makeRequest(`/${s.network.slug}/assemblies/${s.assembly.id}/polls/${poll.id}/box`, { cookie: await sessionCookie(member.titularId) }),
      {
        network: s.network.slug,
        assembly: s.assembly.id,
        poll: poll.id,
      },
    );
    expect(before.status).toBe(200);
    expect((before.body as { box: unknown }).box).toBeNull();
    expect((before.body as { pending: { progress: unknown } }).pending.progress).toEqual({ voted: 5, entitled: 6 });
    expect(JSON.stringify(before.body)).not.toMatch(/votes|counts|tracker/);

    await publishPoll(poll.id, s.coordinator.id);
    const answer = await boxJson(s, poll.id, member.substituteId);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Disposition")).toContain("attachment");
    const box = answer.body as Box;
    const stored = await prisma.poll.findUniqueOrThrow({ where: { id: poll.id }, select: { result: true, lotsSeed: true } });
    expect(box.result).toEqual(stored.result);
    expect(box.lots?.seed).toBe(stored.lotsSeed);
    expect(box.ballots).toHaveLength(5);
    expect(box.votedOrganisations).toHaveLength(5);
    // Nothing in the box ties a ballot to an organisation.
    for (const ballot of box.ballots) expect(Object.keys(ballot).sort()).toEqual(["choices", "nonce", "tracker"]);

    const out = recount(box);
    expect(out.ok).toBe(true);
    expect(out.trackers.map((t: { tracker: string }) => t.tracker).sort()).toEqual(trackers.map((t) => t.tracker).sort());
    expect(out.counts).toMatchObject({ ballots: 5, blank: 1 });
    const result = stored.result as { election: { candidates: { id: string; votes: number }[]; decidedByOrder: boolean }; lots: { order: string[] } };
    for (const c of result.election.candidates) expect((out.counts as { votes: Record<string, number> }).votes[c.id]).toBe(c.votes);
    expect(result.election.decidedByOrder).toBe(true);
    expect(out.lots).toEqual({ commitmentOk: true, order: result.lots.order, orderOk: true });

    // A ballot whose choices were changed: its tracker no longer matches, and the counts differ.
    const tampered: Box = structuredClone(box);
    const victim = tampered.ballots.find((b) => b.choices.length === 2)!;
    victim.choices = [s.members[3].id];
    const bad = recount(tampered);
    expect(bad.ok).toBe(false);
    expect(bad.trackers.filter((t: { ok: boolean }) => !t.ok)).toHaveLength(1);
    expect(bad.agrees).toBe(false);
    // A published count changed, or another seed: caught too.
    const forged: Box = structuredClone(box);
    (forged.result as { election: { candidates: { votes: number }[] } }).election.candidates[0].votes++;
    expect(recount(forged).agrees).toBe(false);
    const reseeded: Box = structuredClone(box);
    reseeded.lots!.seed = "0".repeat(64);
    expect(recount(reseeded).lots?.commitmentOk).toBe(false);
    expect(recount(reseeded).ok).toBe(false);
  });

  test("the box page finds a tracker as typed, says 'not found', and refuses a malformed code with a 400", async () => {
    const { s, poll, trackers } = await publishedElection();
    await publishPoll(poll.id, s.coordinator.id);
    const cookie = await sessionCookie(s.members[1].titularId);
    const params = { network: s.network.slug, assembly: s.assembly.id, poll: poll.id };
    const page = (q: string) =>
      call(pageLoader, makeRequest(`/${s.network.slug}/assemblies/${s.assembly.id}/polls/${poll.id}/box?tracker=${encodeURIComponent(q)}`, { cookie }), params);
    const mine = trackers.find((t) => t.organisationId === s.members[1].id)!.tracker;
    const typed = mine.toLowerCase().replace(/-/g, " ");
    const found = await page(typed);
    expect(found.status).toBe(200);
    expect((found.body as { search: unknown }).search).toEqual({ typed, error: null, tracker: mine, found: true });
    const missing = await page("0000-0000-0000");
    expect((missing.body as { search: { found: boolean } }).search.found).toBe(false);
    const malformed = await page("not a code");
    expect(malformed.status).toBe(400);
    expect((malformed.body as { search: { error: string } }).search.error).toBe("ballotBox.search.malformed");
  });

  test("a resolution recounts; another network's coordinator and visitors are refused", async () => {
    const s = await assemblySetting({ members: 4 });
    const ids = s.members.map((m) => m.id);
    await checkInAll(s, ids);
    const poll = await openResolution(s);
    await voteEach(poll.id, ids, (i) => [["for", "for", "against", "abstain"][i]]);
    await closePoll(poll.id, s.coordinator.id);
    await publishPoll(poll.id, s.coordinator.id);
    const box = (await boxJson(s, poll.id)).body as Box;
    const out = recount(box);
    expect(out.ok).toBe(true);
    expect(out.counts).toEqual({ for: 2, against: 1, abstain: 1, blank: 0 });
    expect(out.lots).toBeNull();

    const other = await assemblySetting({ members: 1 });
    expect((await boxJson(s, poll.id, other.coordinator.id)).status).toBe(403);
    const path = `/${s.network.slug}/assemblies/${s.assembly.id}/polls/${poll.id}/box.json`;
    expect((await call(jsonLoader, makeRequest(path), { network: s.network.slug, assembly: s.assembly.id, poll: poll.id })).status).toBe(302);
  });

  test("the room screen: live quorum, 'n of N' of the open poll, the latest result in a line", async () => {
    const s = await assemblySetting({ members: 4 });
    const ids = s.members.map((m) => m.id);
    await checkInAll(s, ids.slice(0, 3));
    const first = await openResolution(s, "Comptes");
    await voteEach(first.id, ids.slice(0, 3), () => ["for"]);
    await closePoll(first.id, s.coordinator.id);
    await publishPoll(first.id, s.coordinator.id);
    const second = await openResolution(s, "Budget");
    await voteEach(second.id, ids.slice(0, 1), () => ["against"]);
    const screen = await call(
      screenLoader,
      makeRequest(`/${s.network.slug}/assemblies/${s.assembly.id}/screen`, { cookie: await sessionCookie(s.members[3].titularId) }),
      {
        network: s.network.slug,
        assembly: s.assembly.id,
      },
    );
    expect(screen.status).toBe(200);
    const body = screen.body as {
      quorum: { present: number; required: number; reached: boolean };
      openPolls: { title: string; progress: unknown }[];
      latest: { title: string; adopted: boolean };
    };
    expect(body.quorum).toMatchObject({ present: 3, required: 2, reached: true });
    expect(body.openPolls).toEqual([{ id: second.id, title: "Budget", progress: { voted: 1, entitled: 4 } }]);
    expect(body.latest).toMatchObject({ title: "Comptes", adopted: true });
    // Of the open poll, nothing but "n of N" (the exact object above); its one vote "against" is not counted anywhere.
    expect(body.latest).toMatchObject({ counts: { for: 3, against: 0 } });
  });
});
