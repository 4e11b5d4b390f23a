// A ballot reads the presence facts around its voter only (presenceAround), not the whole roll
// (presenceFacts). They must give the same answers: for every organisation H of the roll, who is
// present and how, whose ballots H casts, and the status of every proxy H holds. Checked
// on many random assemblies written straight into the tables (so that every proxy status occurs:
// chains, absent holders, suspended proxies, holders over the maximum), on the real database.
import { randomUUID } from "node:crypto";

import { expect, test } from "vitest";

import { presenceAround, presenceFacts } from "#app/models/assemblies.server";
import { prisma } from "#app/utils/db.server";
import { assemblySetting } from "#tests/assembly-helpers";

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test("presenceAround answers as presenceFacts for every voter, on 16 random assemblies", async () => {
  const s = await assemblySetting({ members: 10, statutes: { maxProxiesPerHolder: 2 } });
  const ids = s.members.map((m) => m.id);
  const statuses = new Set<string>();
  for (let round = 0; round < 16; round++) {
    const next = random(1000 + round);
    await prisma.proxy.deleteMany({ where: { assemblyId: s.assembly.id } });
    await prisma.assemblyAttendance.deleteMany({ where: { assemblyId: s.assembly.id } });
    for (const [i, id] of ids.entries()) {
      const r = i < 2 && round % 4 !== 1 ? 0.6 : next();
      if (r < 0.45) continue; // absent
      await prisma.assemblyAttendance.create({
        data: {
          assemblyId: s.assembly.id,
          organisationId: id,
          status: r < 0.55 ? "absent" : "present",
          channel: r < 0.7 ? "online" : r < 0.85 ? "room" : "paper",
        },
      });
    }
    // Proxies as the rows may hold them after check-ins and check-outs: one per giver at most, some revoked.
    const at = Date.now();
    for (const [i, giver] of ids.entries()) {
      // The first two give no proxy in most rounds: they are the usual holders.
      if (next() < (i < 2 && round % 4 !== 0 ? 1 : 0.4)) continue;
      // Most proxies go to a few organisations, so that some hold more than the maximum.
      const holder = next() < 0.8 ? ids[Math.floor(next() * 2)] : ids[Math.floor(next() * ids.length)];
      if (holder === giver) continue;
      const revoked = next() < 0.15;
      await prisma.proxy.create({
        data: {
          id: randomUUID(),
          assemblyId: s.assembly.id,
          giverOrganisationId: giver,
          holderOrganisationId: holder,
          activeKey: revoked ? null : `${s.assembly.id}:${giver}`,
          channel: "online",
          createdAt: new Date(at + i * 1000),
          revokedAt: revoked ? new Date(at + i * 1000 + 1) : null,
        },
      });
    }
    const full = await presenceFacts(s.assembly.id);
    for (const p of full.proxies) statuses.add(p.status);
    for (const holder of ids) {
      const around = await presenceAround(s.assembly.id, holder, ids);
      const where = `round ${round}, holder ${ids.indexOf(holder)}`;
      const presence = (f: typeof full) => Object.fromEntries(f.present.map((p) => [p.organisationId, p.channel]));
      expect(presence(around), where).toEqual(presence(full));
      const castBy = (f: typeof full) => f.voters.filter((v) => v.castById === holder).map((v) => `${v.organisationId}:${v.through}`);
      expect(castBy(around), where).toEqual(castBy(full));
      // The proxies it holds (the status of the one it gave decides its holder's ballots, not its own).
      const proxiesOf = (f: typeof full) => f.proxies.filter((p) => p.holderId === holder).map((p) => `${p.id}:${p.status}`);
      expect(proxiesOf(around), where).toEqual(proxiesOf(full));
    }
  }
  // The rounds met the statuses that matter for a ballot.
  for (const status of ["counted", "chain", "holderAbsent", "suspended", "overMaximum"]) expect(statuses, status).toContain(status);
});
