// npx tsx bench/forgot-password-timing.ts: how long POST /forgot-password takes for an address
// that has an account and for one that has none (issue 10, item 14). Not a test: timings on a
// shared machine are too noisy to assert on. It prints the two medians; they should be equal
// within noise, because the action does the same work in both cases.
//
// The route's action is called directly (as tests/accounts.test.ts does), on a throw-away
// database: in-memory PGlite, or a new database on the PostgreSQL server of DATABASE_URL.
// Every call uses a new address and a new client address, so no rate limit is ever reached.
// Settings: TIMING_ROUNDS (pairs of calls, 300), TIMING_WARMUP (pairs, 30).
import { performance } from "node:perf_hooks";

import { closeDatabase, getDatabase, prisma } from "#app/utils/db.server";
import { resetEnv } from "#app/utils/env.server";
import { createTestDatabase } from "#tests/setup/database";

const rounds = Number(process.env.TIMING_ROUNDS ?? 300);
const warmup = Number(process.env.TIMING_WARMUP ?? 30);

const testDb = await createTestDatabase();
process.env.DATABASE_URL = testDb.url;
process.env.NODE_ENV = "test";
resetEnv();
await getDatabase().migrate();
const { action } = await import("#app/routes/forgot-password");

const total = rounds + warmup;
await prisma.user.createMany({
  data: Array.from({ length: total }, (_, i) => ({ email: `known-${i}@example.test`, name: `Personne ${i}`, passwordHash: "x" })),
});

let ip = 0;
async function ask(email: string) {
  ip++;
  const body = new URLSearchParams({ email });
  const request = new Request("http://localhost/forgot-password", {
    method: "POST",
    body,
    headers: { "x-maillage-client-ip": `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}` },
  });
  const started = performance.now();
  const response = (await action({ request, params: {}, context: {} })) as Response;
  const ms = performance.now() - started;
  if (response.status !== 302) throw new Error(`Unexpected status ${response.status}`);
  return ms;
}

const known: number[] = [];
const unknown: number[] = [];
for (let i = 0; i < total; i++) {
  // Alternate which one goes first, so neither always follows the other's cache warm-up.
  let k: number;
  let u: number;
  if (i % 2 === 0) {
    k = await ask(`known-${i}@example.test`);
    u = await ask(`nobody-${i}@example.test`);
  } else {
    u = await ask(`nobody-${i}@example.test`);
    k = await ask(`known-${i}@example.test`);
  }
  if (i >= warmup) {
    known.push(k);
    unknown.push(u);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
const kind = getDatabase().kind;
console.log(`forgot-password on ${kind}, ${rounds} calls each:`);
console.log(`  existing address: median ${median(known).toFixed(2)} ms, p90 ${p90(known).toFixed(2)} ms`);
console.log(`  unknown address:  median ${median(unknown).toFixed(2)} ms, p90 ${p90(unknown).toFixed(2)} ms`);
const [outbox, jobs] = await Promise.all([
  prisma.outboxEmail.count(),
  prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'Job'`),
]);
console.log(
  `  e-mails written during the calls: ${outbox}${jobs[0]?.n ? `, jobs queued: ${await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "Job"`).then((r) => r[0].n)}` : ""}`,
);

await closeDatabase();
await testDb.drop();
