// Races on votes and proxies (issue 12, "Concurrency on both databases"): a hundred ballots of one
// organisation at the same moment give exactly one ballot; twenty proxies sent to one holder at
// once never exceed the statutory maximum; two organisations giving each other a proxy at once
// never make a chain. PGlite runs one statement at a time, so the races really bite on PostgreSQL:
// run this file with DATABASE_URL=postgres://… too.
import { describe, expect, test } from "vitest";

import { castBallots, closePoll } from "#app/models/polls.server";
import { giveProxy } from "#app/models/proxies.server";
import { prisma } from "#app/utils/db.server";
import { DomainError } from "#app/utils/errors.server";
import { assemblySetting, checkInAll, openResolution } from "#tests/assembly-helpers";

/** Runs every call at once; returns the values and the errors (each must be a DomainError). */
async function atOnce<T>(calls: (() => Promise<T>)[]) {
  const settled = await Promise.allSettled(calls.map((c) => c()));
  const values = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const errors = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
  return { values, errors };
}

const keysOf = (errors: unknown[]) => errors.map((e) => (e instanceof DomainError ? e.key : `not a DomainError: ${String((e as Error)?.message ?? e)}`)).sort();

describe("votes at the same moment", () => {
  test("100 simultaneous ballots of one organisation: exactly one ballot, one entitlement marked, 99 told it has voted", { timeout: 120_000 }, async () => {
    const s = await assemblySetting({ members: 3 });
    const [a] = s.members.map((m) => m.id);
    const poll = await openResolution(s);
    await checkInAll(s, [a]);
    const { values, errors } = await atOnce(
      Array.from(
        { length: 100 },
        (_, i) => () => castBallots(poll.id, { actingFor: a, channel: "online", votes: [{ organisationId: a, choices: [i % 2 ? "for" : "against"] }] }),
      ),
    );
    expect(values).toHaveLength(1);
    expect(new Set(keysOf(errors))).toEqual(new Set(["assemblies.error.poll.alreadyVoted"]));
    expect(errors).toHaveLength(99);
    expect(await prisma.ballot.count({ where: { pollId: poll.id } })).toBe(1);
    expect(await prisma.entitlement.count({ where: { pollId: poll.id, votedAt: { not: null } } })).toBe(1);
    const ballot = await prisma.ballot.findFirstOrThrow({ where: { pollId: poll.id } });
    expect(ballot.tracker).toBe(values[0][0].tracker);
  });

  test("a proxy holder and the organisation it represents racing: one ballot for that organisation", { timeout: 120_000 }, async () => {
    const s = await assemblySetting({ members: 3 });
    const [a, b] = s.members.map((m) => m.id);
    await giveProxy(s.assembly.id, s.coordinator.id, { giverOrganisationId: b, holderOrganisationId: a, channel: "online" });
    const poll = await openResolution(s);
    await checkInAll(s, [a]);
    const { values } = await atOnce(
      Array.from(
        { length: 30 },
        () => () =>
          castBallots(poll.id, {
            actingFor: a,
            channel: "online",
            votes: [
              { organisationId: b, choices: ["for"] },
              { organisationId: a, choices: ["against"] },
            ],
          }),
      ),
    );
    expect(values).toHaveLength(1);
    expect(await prisma.ballot.count({ where: { pollId: poll.id } })).toBe(2);
  });

  test("votes racing the closing: every ballot is either counted in the closed box or refused; none half-done", { timeout: 120_000 }, async () => {
    const s = await assemblySetting({ members: 12 });
    const ids = s.members.map((m) => m.id);
    const poll = await openResolution(s);
    await checkInAll(s, ids);
    const votes = ids.map((id) => () => castBallots(poll.id, { actingFor: id, channel: "online", votes: [{ organisationId: id, choices: ["for"] }] }));
    const { values, errors } = await atOnce<unknown>([...votes.slice(0, 6), () => closePoll(poll.id, s.coordinator.id), ...votes.slice(6)]);
    expect(new Set(keysOf(errors))).toEqual(errors.length ? new Set(["assemblies.error.poll.notOpen"]) : new Set());
    const ballots = await prisma.ballot.count({ where: { pollId: poll.id } });
    const voted = await prisma.entitlement.count({ where: { pollId: poll.id, votedAt: { not: null } } });
    expect(ballots).toBe(voted);
    expect(ballots).toBe(values.length - 1); // the closing's own result is one of the values
    expect((await prisma.poll.findUniqueOrThrow({ where: { id: poll.id } })).status).toBe("closed");
  });
});

describe("proxies at the same moment", () => {
  test("20 proxies to one holder at once: no more than the maximum is stored", { timeout: 120_000 }, async () => {
    const s = await assemblySetting({ members: 21, statutes: { maxProxiesPerHolder: 3 } });
    const [holder, ...givers] = s.members.map((m) => m.id);
    const { values, errors } = await atOnce(
      givers.map((giver) => () => giveProxy(s.assembly.id, s.coordinator.id, { giverOrganisationId: giver, holderOrganisationId: holder, channel: "online" })),
    );
    expect(values).toHaveLength(3);
    expect(keysOf(errors)).toEqual(Array(17).fill("assemblies.error.proxy.holderFull"));
    expect(await prisma.proxy.count({ where: { assemblyId: s.assembly.id, holderOrganisationId: holder, revokedAt: null } })).toBe(3);
  });

  test("the same giver 20 times at once, to different holders: one proxy", { timeout: 120_000 }, async () => {
    const s = await assemblySetting({ members: 21 });
    const [giver, ...holders] = s.members.map((m) => m.id);
    const { values, errors } = await atOnce(
      holders.map(
        (holder) => () => giveProxy(s.assembly.id, s.coordinator.id, { giverOrganisationId: giver, holderOrganisationId: holder, channel: "online" }),
      ),
    );
    expect(values).toHaveLength(1);
    expect(new Set(keysOf(errors))).toEqual(new Set(["assemblies.error.proxy.alreadyGiven"]));
    expect(await prisma.proxy.count({ where: { assemblyId: s.assembly.id, giverOrganisationId: giver, revokedAt: null } })).toBe(1);
  });

  test("A → B, B → C and C → A at once: never a chain", { timeout: 120_000 }, async () => {
    for (let round = 0; round < 5; round++) {
      const s = await assemblySetting({ members: 3 });
      const [a, b, c] = s.members.map((m) => m.id);
      const give = (giver: string, holder: string) => () =>
        giveProxy(s.assembly.id, s.coordinator.id, { giverOrganisationId: giver, holderOrganisationId: holder, channel: "online" });
      await atOnce([give(a, b), give(b, c), give(c, a), give(b, a)]);
      const proxies = await prisma.proxy.findMany({ where: { assemblyId: s.assembly.id, revokedAt: null } });
      const givers = new Set(proxies.map((p) => p.giverOrganisationId));
      expect(proxies.filter((p) => givers.has(p.holderOrganisationId))).toEqual([]);
      expect(proxies.length).toBeGreaterThanOrEqual(1);
    }
  });
});
