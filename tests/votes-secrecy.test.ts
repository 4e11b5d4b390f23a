// Secrecy of the ballot (issue 12, item 7; docs/decisions/013): after closing, whoever reads the
// database must not be able to tell how an organisation voted. This test reads every table of the
// schema with its system columns (xmin, ctid), the outbox and the audit included, and fails if any
// row links a ballot (its id, tracker or nonce) to an organisation or a person; it also checks
// that before the closing such a link does exist (the test can fail), and that the closing removes
// it: all ballots then share the closing transaction's xmin, and their physical order is not the
// order in which the organisations voted.
import { describe, expect, test } from "vitest";

import { castBallots, closePoll, publishPoll } from "#app/models/polls.server";
import { giveProxy } from "#app/models/proxies.server";
import { prisma } from "#app/utils/db.server";
import { assemblySetting, checkInAll, openResolution } from "#tests/assembly-helpers";

type Row = { xmin: string; ctid: string; row: string };

async function tables() {
  const rows = await prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`;
  return rows.map((r) => r.table_name);
}

/** Every row of a table, all its columns as JSON text (whatever their type), with its xmin and ctid. */
function rowsOf(table: string) {
  return prisma.$queryRawUnsafe<Row[]>(`SELECT xmin::text AS xmin, ctid::text AS ctid, row_to_json(t)::text AS row FROM "${table}" t ORDER BY ctid`);
}
const text = (r: Row) => `${r.xmin} ${r.ctid} ${r.row}`;

/** A resolution in which eight organisations vote, one of them also for the organisation whose proxy it holds. */
async function votedPoll() {
  const s = await assemblySetting({ members: 9 });
  const ids = s.members.map((m) => m.id);
  const [holder, giver] = ids;
  await giveProxy(s.assembly.id, s.coordinator.id, { giverOrganisationId: giver, holderOrganisationId: holder, channel: "online" });
  const poll = await openResolution(s);
  const voters = ids.filter((id) => id !== giver);
  await checkInAll(s, voters);
  const order: { organisationId: string; tracker: string }[] = [];
  for (const [i, id] of voters.entries()) {
    const votes = [{ organisationId: id, choices: [["for", "against", "abstain"][i % 3]] }];
    if (id === holder) votes.push({ organisationId: giver, choices: ["against"] });
    // One transaction per voter; a holder's ballots are inserted in organisation id order.
    const cast = await castBallots(poll.id, { actingFor: id, channel: "online", votes });
    order.push(...cast.sort((a, b) => (a.organisationId < b.organisationId ? -1 : 1)));
  }
  return { s, poll, order };
}

const ballotRows = (pollId: string) =>
  prisma.$queryRaw<
    { xmin: string; ctid: string; tracker: string }[]
  >`SELECT xmin::text AS xmin, ctid::text AS ctid, tracker FROM "Ballot" WHERE "pollId" = ${pollId} ORDER BY ctid`;
const entitlementXmins = async (pollId: string) =>
  new Set(
    (await prisma.$queryRaw<{ xmin: string }[]>`SELECT xmin::text AS xmin FROM "Entitlement" WHERE "pollId" = ${pollId} AND "votedAt" IS NOT NULL`).map(
      (r) => r.xmin,
    ),
  );

describe("secret ballot: nothing in the database links a ballot to its voter", () => {
  test("while open the system columns do link ballots to entitlements (what the closing removes)", async () => {
    const { poll, order } = await votedPoll();
    const ballots = await ballotRows(poll.id);
    const voteXmins = await entitlementXmins(poll.id);
    // Each ballot was written in the transaction that marked its entitlement…
    expect(ballots.every((b) => voteXmins.has(b.xmin))).toBe(true);
    // …and lies where it was appended: in voting order.
    expect(ballots.map((b) => b.tracker)).toEqual(order.map((o) => o.tracker));
  });

  test("after closing: one xmin for the whole box, a shuffled physical order, and no row of any table pointing from a ballot to a voter", async () => {
    const { s, poll, order } = await votedPoll();
    const before = (await ballotRows(poll.id)).map((b) => b.tracker);
    await closePoll(poll.id, s.coordinator.id);

    const ballots = await ballotRows(poll.id);
    expect(ballots).toHaveLength(order.length);
    const xmins = new Set(ballots.map((b) => b.xmin));
    expect(xmins.size).toBe(1);
    const [closingXmin] = xmins;
    const voteXmins = await entitlementXmins(poll.id);
    expect(voteXmins.has(closingXmin)).toBe(false);
    // The physical order is a fresh random permutation: neither the order of the votes nor the
    // order before closing (for 9 ballots, the chance of either by accident is 1 in 362,880).
    const after = ballots.map((b) => b.tracker);
    expect(after).not.toEqual(order.map((o) => o.tracker));
    expect(after).not.toEqual(before);
    expect([...after].sort()).toEqual([...before].sort());

    // The ballot table holds the choices and the tracker, and nothing else.
    const columns = await prisma.$queryRaw<{ column_name: string }[]>`
      SELECT column_name::text AS column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'Ballot' ORDER BY column_name`;
    expect(columns.map((c) => c.column_name)).toEqual(["choices", "id", "nonce", "pollId", "tracker"]);

    const box = await prisma.ballot.findMany({ where: { pollId: poll.id } });
    const ballotSecrets = box.flatMap((b) => [b.id, b.tracker, b.nonce]);
    const organisations = await prisma.organisation.findMany({ select: { id: true, name: true, slug: true } });
    const users = await prisma.user.findMany({ select: { id: true, email: true, name: true } });
    const identities = [...organisations.flatMap((o) => [o.id, o.name, o.slug]), ...users.flatMap((u) => [u.id, u.email, u.name])];

    const names = await tables();
    for (const required of ["Ballot", "Entitlement", "AuditLog", "OutboxEmail", "Proxy", "AssemblyAttendance", "Poll"]) expect(names).toContain(required);
    let scanned = 0;
    for (const table of names) {
      for (const row of await rowsOf(table)) {
        scanned++;
        const line = text(row);
        if (table === "Ballot") {
          for (const identity of identities) expect(line.includes(identity), `a ballot names ${identity}`).toBe(false);
          continue;
        }
        // No other row carries a ballot's id, tracker or nonce (the audit and the outbox included).
        for (const secret of ballotSecrets) expect(line.includes(secret), `${table} ${line} holds ${secret}`).toBe(false);
        // The only other rows written by the closing transaction are the poll itself and its audit entry.
        if (row.xmin === closingXmin) {
          const fields = JSON.parse(row.row) as { action?: string; id?: string };
          expect([table, table === "AuditLog" ? fields.action : fields.id], `${table} written with the ballots`).toEqual(
            table === "AuditLog" ? ["AuditLog", "poll.close"] : ["Poll", poll.id],
          );
        }
      }
    }
    expect(scanned).toBeGreaterThan(100);
    const audit = await prisma.auditLog.findMany({ where: { networkId: s.network.id }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["proxy.give", "poll.open", "poll.close", "assembly.checkIn"]));

    // Publication adds the result, still without any link.
    await publishPoll(poll.id, s.coordinator.id);
    for (const table of ["Poll", "AuditLog", "OutboxEmail", "Entitlement"]) {
      for (const row of await rowsOf(table)) for (const secret of ballotSecrets) expect(text(row).includes(secret)).toBe(false);
    }
  });
});
