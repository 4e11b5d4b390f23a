// npm run bench:vote — the vote scenario of issue 12: an assembly of BENCH_VOTERS organisations
// (500), all checked in online, votes in one comité election over BENCH_VOTE_CONNECTIONS (32)
// concurrent connections, each a delegate posting its ballot to the real vote page of the built
// server. Prints ballots/s, the p50/p95/p99 of a vote, the ballots lost (receipts answered minus
// ballots stored, and organisations that got no receipt: both must be 0), then the closing (the
// box rewritten in a random order) and the tally's time. Not a test: it asserts nothing; it exits
// non-zero only when it could not run. Settings: DATABASE_URL (empty: a temporary PGlite folder;
// postgres://…: a database BENCH_DATABASE, default maillage_bench_vote, dropped and recreated),
// BENCH_SKIP_BUILD=1 (use the build already in build/).
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { closeDatabase, getDatabase, prisma } from "#app/utils/db.server";
import { resetEnv } from "#app/utils/env.server";
import { createCharterVersion, createNetwork, createUser, makeCoordinator, sessionCookie } from "#tests/factories";

import { createDatabase } from "./database";
import { type Server, startServer } from "./servers";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SESSION_SECRET = "bench-session-secret-that-is-long-enough-0123456789";
const num = (name: string, fallback: number) => (Number(process.env[name]) > 0 ? Number(process.env[name]) : fallback);
const VOTERS = num("BENCH_VOTERS", 500);
const CONNECTIONS = num("BENCH_VOTE_CONNECTIONS", 32);
const CANDIDATES = 10;
const SEATS = 5;
const log = (line: string) => console.log(`[bench:vote] ${line}`);

const env = (url: string) => ({
  DATABASE_URL: url,
  SESSION_SECRET,
  NODE_ENV: "production",
  APP_URL: "http://127.0.0.1",
  COOKIE_SECURE: "false",
  SEED_DEMO: "false",
});

/** Runs `fn` in this process against the bench database (the server must not hold a PGlite folder then). */
async function withDatabase<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, env(url));
  resetEnv();
  await closeDatabase();
  try {
    await getDatabase().migrate();
    return await fn();
  } finally {
    await closeDatabase();
    process.env = saved;
    resetEnv();
  }
}

/**
 * The organisations, their delegates and adhesions, and their check-ins, written in bulk (the
 * bench measures the vote, not the seeding); the statutes, the assembly, its convocation (which
 * freezes the roll by the charter rules) and the poll go through the app's own models.
 */
async function prepare() {
  const { randomUUID } = await import("node:crypto");
  const { conveneAssembly, createAssembly, DEFAULT_STATUTES, saveStatutes } = await import("#app/models/assemblies.server");
  const { hashPassword } = await import("#app/utils/password.server");
  const { now } = await import("#app/utils/clock.server");
  const network = await createNetwork();
  const version = await createCharterVersion(network.id);
  const coordinator = await createUser({ name: "Claire Coordination" });
  await makeCoordinator(network.id, coordinator.id);
  const passwordHash = await hashPassword("bench password, never used to sign in");
  const members = Array.from({ length: VOTERS }, (_, i) => ({ id: randomUUID(), titularId: randomUUID(), substituteId: randomUUID(), i }));
  const chunk = <T>(rows: T[], size = 250) => Array.from({ length: Math.ceil(rows.length / size) }, (_, k) => rows.slice(k * size, (k + 1) * size));
  for (const part of chunk(members)) {
    await prisma.organisation.createMany({
      data: part.map((m) => ({
        id: m.id,
        slug: `bench-${m.id}`,
        name: `Association ${String(m.i).padStart(4, "0")}`,
        kind: "association",
        themes: [],
        languages: ["fr"],
      })),
    });
    await prisma.networkOrganisation.createMany({ data: part.map((m) => ({ networkId: network.id, organisationId: m.id })) });
    await prisma.user.createMany({
      data: part.flatMap((m) => [
        { id: m.titularId, email: `titular-${m.id}@bench.test`, name: `Titulaire ${m.i}`, passwordHash },
        { id: m.substituteId, email: `substitute-${m.id}@bench.test`, name: `Suppléant ${m.i}`, passwordHash },
      ]),
    });
    await prisma.delegate.createMany({
      data: part.flatMap((m) => [
        { organisationId: m.id, userId: m.titularId, role: "titular" },
        { organisationId: m.id, userId: m.substituteId, role: "substitute" },
      ]),
    });
    await prisma.adhesion.createMany({
      data: part.map((m) => ({
        networkId: network.id,
        organisationId: m.id,
        charterVersionId: version.id,
        method: "online",
        status: "valid",
        activeKey: `${m.id}:${version.id}`,
        signatoryName: "Alex Dupont",
        signatoryFunction: "Direction",
        signedOn: new Date("2026-01-15T00:00:00.000Z"),
        fingerprint: version.fingerprint ?? "",
      })),
    });
  }
  await saveStatutes(network.id, coordinator.id, { ...DEFAULT_STATUTES, maxProxiesPerHolder: 2, committeeSeats: SEATS, noticeDays: 15 });
  const assembly = await createAssembly(network.id, coordinator.id, {
    kind: "ordinary",
    convocation: "first",
    title: "Assemblée générale ordinaire",
    startsAt: new Date(+now() + 30 * 86_400_000),
    place: "Salle polyvalente",
  });
  await conveneAssembly(assembly.id, coordinator.id);
  for (const part of chunk(members)) {
    await prisma.assemblyAttendance.createMany({
      data: part.map((m) => ({
        assemblyId: assembly.id,
        organisationId: m.id,
        status: "present",
        channel: "online",
        delegateId: m.titularId,
        checkedInAt: now(),
        recordedById: m.titularId,
      })),
    });
  }
  const { addCandidate, createPoll, markReady, openPoll } = await import("#app/models/polls.server");
  const poll = await createPoll(assembly.id, coordinator.id, { kind: "election", title: "Élection du comité d'accompagnement", seats: SEATS });
  const candidates = members.slice(0, CANDIDATES).map((m) => m.id);
  for (const organisationId of candidates) await addCandidate(poll.id, coordinator.id, { organisationId });
  await markReady(poll.id, coordinator.id);
  await openPoll(poll.id, coordinator.id);
  const voters = [];
  for (const m of members) voters.push({ organisationId: m.id, cookie: await sessionCookie(m.titularId) });
  return { slug: network.slug, assemblyId: assembly.id, pollId: poll.id, coordinatorId: coordinator.id, candidates, voters };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function main() {
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    const built = spawnSync("flock", ["/tmp/maillage-build.lock", "npm", "run", "build"], { cwd: root, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`The build failed:\n${built.stdout}\n${built.stderr}`);
  }
  const db = await createDatabase(process.env.BENCH_DATABASE ?? "maillage_bench_vote");
  let server: Server | null = null;
  try {
    log(`${os.cpus()[0]?.model ?? "cpu"}, ${os.cpus().length} cores, Node ${process.version}; database ${db.label}`);
    const seeding = Date.now();
    const setting = await withDatabase(db.url, prepare);
    log(
      `seeded ${VOTERS} organisations, all present, an open election of ${SEATS} seats among ${CANDIDATES} candidates, in ${((Date.now() - seeding) / 1000).toFixed(1)} s`,
    );

    server = await startServer("the app", path.join(root, "build", "index.js"), env(db.url));
    const url = `${server.url}/${setting.slug}/assemblies/${setting.assemblyId}/polls/${setting.pollId}/vote`;
    const queue = [...setting.voters.entries()];
    const latencies: number[] = [];
    let receipts = 0;
    const failures: string[] = [];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const [i, voter] = next;
          const body = new URLSearchParams({ actingFor: voter.organisationId, organisations: voter.organisationId });
          // Each ballot approves one to SEATS candidates, varied.
          for (let j = 0; j < 1 + (i % SEATS); j++) body.append(`ballot.${voter.organisationId}`, setting.candidates[(i + j * 3) % CANDIDATES]);
          const t0 = performance.now();
          const response = await fetch(url, {
            method: "POST",
            headers: { Cookie: voter.cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: server!.url },
            body,
          });
          const html = await response.text();
          latencies.push(performance.now() - t0);
          if (response.status === 200 && html.includes('class="tracker"')) receipts++;
          else failures.push(`${response.status}`);
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    // A refused vote is a defect to explain: show what the server said about it.
    if (failures.length) log(`the server's log, for the refusals:\n${server.logs().split("\n").slice(-60).join("\n")}`);
    await server.stop();
    server = null;

    // Counted in the database itself, then the closing and the tally, timed in this process.
    const after = await withDatabase(db.url, async () => {
      const ballots = await prisma.ballot.count({ where: { pollId: setting.pollId } });
      const voted = await prisma.entitlement.count({ where: { pollId: setting.pollId, votedAt: { not: null } } });
      const { closePoll, publishPoll } = await import("#app/models/polls.server");
      const { tallyPoll } = await import("#app/models/poll-tally.server");
      const c0 = performance.now();
      await closePoll(setting.pollId, setting.coordinatorId);
      const closing = performance.now() - c0;
      const p0 = performance.now();
      await publishPoll(setting.pollId, setting.coordinatorId);
      const publishing = performance.now() - p0;
      // The count alone, on the box as stored (pure function, no database).
      const poll = await prisma.poll.findUniqueOrThrow({ where: { id: setting.pollId } });
      const box = await prisma.ballot.findMany({ where: { pollId: setting.pollId }, select: { tracker: true, choices: true } });
      const candidates = await prisma.candidate.findMany({ where: { pollId: setting.pollId }, select: { organisationId: true, college: true } });
      const t0 = performance.now();
      tallyPoll({
        poll,
        ballots: box.map((b) => ({ tracker: b.tracker, choices: b.choices as string[] })),
        candidates,
        attendanceAtClose: poll.attendanceAtClose,
        paperTotals: { state: "none" },
        lotsSeed: poll.lotsSeed,
      });
      const tally = performance.now() - t0;
      return { ballots, voted, closing, publishing, tally };
    });

    const sorted = [...latencies].sort((a, b) => a - b);
    const lost = receipts - after.ballots;
    console.log(
      [
        "",
        `### Vote: ${VOTERS} organisations, ${CONNECTIONS} connections — ${db.label.replace(/ \(.*/, "")}`,
        "",
        `| ballots/s | p50 | p95 | p99 | all ${VOTERS} in | receipts | ballots stored | lost | refused | closing (shuffle) | publish | tally alone |`,
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        `| ${(VOTERS / seconds).toFixed(0)} | ${percentile(sorted, 50).toFixed(0)} ms | ${percentile(sorted, 95).toFixed(0)} ms | ${percentile(sorted, 99).toFixed(0)} ms | ${seconds.toFixed(1)} s | ${receipts} | ${after.ballots} | ${lost} | ${failures.length} | ${after.closing.toFixed(0)} ms | ${after.publishing.toFixed(0)} ms | ${after.tally.toFixed(1)} ms |`,
        "",
        `Entitlements marked: ${after.voted}. Lost = receipts answered − ballots stored (target 0); refused = answers without a receipt (target 0${failures.length ? `; got ${[...new Set(failures)].join(", ")}` : ""}).`,
        "",
      ].join("\n"),
    );
  } finally {
    await server?.stop();
    await db.drop();
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(`[bench:vote] could not run: ${(error as Error).stack ?? error}`);
  process.exit(1);
}
