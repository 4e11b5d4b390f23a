// The demo network seeded on an empty database, so that a fresh clone shows something real: by
// `npm start` (SEED_DEMO, on by default outside production) and by `npm run db:seed`. Logins are
// printed then and listed in the README. Not part of the app's bundle: `npm run build` makes
// build/demo.js of this file (scripts/build-demo.mjs), which server.ts imports only to seed.
import type { Prisma } from "#app/generated/prisma/client";
import { createOrganisation } from "#app/models/organisation.server";
import { addDays, parseDateKey, todayInBrussels } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import { hashPassword } from "#app/utils/password.server";
import { fingerprintOf } from "#app/utils/rich-text.server";
import { randomToken } from "#app/utils/tokens.server";

import { seedAssemblies } from "./demo-assemblies.server";
import { DEMO_APPLICANTS, DEMO_CHARTER_V1, DEMO_CHARTER_V2, DEMO_JOIN_REQUEST, DEMO_TO_RENEW, DEMO_WITHDRAWN } from "./demo-charter";
import { DEMO_NETWORK, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_PEOPLE } from "./demo-data";
import { seedGroups } from "./demo-groups.server";

export type DemoLogin = { role: string; email: string; password: string };

/** The logins, as the server and `npm run db:seed` print them. */
export function demoLoginsText(logins: DemoLogin[]) {
  return ["", "Demo network created. Sign in with:", ...logins.map((l) => `  ${l.role.padEnd(26)} ${l.email}  /  ${l.password}`), ""].join("\n");
}

/** Seeds the demo when the database has no user and no network; null (nothing written) otherwise. */
export async function seedDemoIfEmpty(): Promise<DemoLogin[] | null> {
  if ((await prisma.user.count()) > 0 || (await prisma.network.count()) > 0) return null;
  return seedDemo();
}

export async function seedDemo(): Promise<DemoLogin[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seeded = await transaction(async (tx) => {
    const network = await tx.network.create({ data: DEMO_NETWORK, select: { id: true } });
    const orgIds = new Map<string, string>();
    for (const org of DEMO_ORGANISATIONS) {
      const created = await createOrganisation(tx, network.id, null, org);
      orgIds.set(org.name, created.id);
    }
    const logins: DemoLogin[] = [];
    const userIds = new Map<string, string>();
    for (const person of DEMO_PEOPLE) {
      const user = await tx.user.create({
        data: { email: person.email, name: person.name, passwordHash, isPlatformAdmin: person.platformAdmin ?? false, locale: "fr" },
        select: { id: true },
      });
      if (person.coordinator) await tx.networkCoordinator.create({ data: { networkId: network.id, userId: user.id } });
      if (person.organisation) {
        const organisationId = orgIds.get(person.organisation);
        if (!organisationId) throw new Error(`Demo data: unknown organisation ${person.organisation}`);
        await tx.delegate.create({ data: { organisationId, userId: user.id, role: person.delegateRole ?? "titular" } });
      }
      logins.push({ role: person.label, email: person.email, password: DEMO_PASSWORD });
      userIds.set(person.email, user.id);
    }
    await seedCharter(tx, network.id, orgIds);
    await seedGroups(tx, network.id, orgIds, userIds, passwordHash);
    // The network's public calendar is published, as a coordination does for its public
    // meetings: visitors find its address on /:network/calendar.
    await tx.calendarFeed.create({ data: { token: randomToken(32), scope: "public", networkId: network.id } });
    return { logins, networkId: network.id, orgIds, userIds };
  });
  // Through the assemblies' own models, each in its transactions, once the network exists.
  await seedAssemblies(seeded.networkId, seeded.orgIds, seeded.userIds);
  return seeded.logins;
}

const SIGNATORIES = [
  "Marie Lambert",
  "Karim Benali",
  "Sophie Dubois",
  "Luc Renard",
  "Aïcha Diallo",
  "Jean-Marc Piron",
  "Nathalie Hermans",
  "Youssef Amrani",
  "Céline Fontaine",
  "Olivier Leroy",
];
const FUNCTIONS = ["Directrice", "Coordinateur", "Présidente du conseil d'administration", "Responsable du service", "Directeur"];

/**
 * The charter in its two versions: version 1 signed by most organisations in 2024; version 2
 * published ten days ago, to be signed within 45 days, already signed by most. Two organisations
 * have yet to renew, two never signed, one withdrew; a request to join waits.
 */
async function seedCharter(tx: Prisma.TransactionClient, networkId: string, orgIds: Map<string, string>) {
  const today = todayInBrussels(now());
  const day = (key: string) => parseDateKey(key)!;
  const v1 = await tx.charterVersion.create({
    data: {
      networkId,
      number: 1,
      ...DEMO_CHARTER_V1,
      effectiveOn: day("2024-09-01"),
      status: "published",
      publishedAt: new Date("2024-06-03T10:00:00Z"),
      fingerprint: fingerprintOf(DEMO_CHARTER_V1.title, DEMO_CHARTER_V1.body),
    },
    select: { id: true, fingerprint: true },
  });
  const published = addDays(today, -10);
  const v2 = await tx.charterVersion.create({
    data: {
      networkId,
      number: 2,
      ...DEMO_CHARTER_V2,
      effectiveOn: day(published),
      status: "published",
      publishedAt: new Date(`${published}T09:00:00Z`),
      fingerprint: fingerprintOf(DEMO_CHARTER_V2.title, DEMO_CHARTER_V2.body),
      adhesionDeadline: day(addDays(today, 45)),
    },
    select: { id: true, fingerprint: true },
  });
  const rows: Prisma.AdhesionCreateManyInput[] = [];
  [...orgIds].forEach(([name, organisationId], i) => {
    if (DEMO_APPLICANTS.includes(name)) return;
    const signatory = { signatoryName: SIGNATORIES[i % SIGNATORIES.length], signatoryFunction: FUNCTIONS[i % FUNCTIONS.length] };
    const withdrawn = name === DEMO_WITHDRAWN.name;
    rows.push({
      networkId,
      organisationId,
      charterVersionId: v1.id,
      method: "online",
      status: withdrawn ? "ended" : "valid",
      activeKey: withdrawn ? null : `${organisationId}:${v1.id}`,
      ...signatory,
      signedOn: day(addDays("2024-09-02", i * 3)),
      fingerprint: v1.fingerprint!,
      ...(withdrawn ? { endedAt: new Date("2025-06-10T14:00:00Z"), endKind: "withdrawn", endReason: DEMO_WITHDRAWN.reason } : {}),
    });
    if (withdrawn || DEMO_TO_RENEW.includes(name)) return;
    rows.push({
      networkId,
      organisationId,
      charterVersionId: v2.id,
      method: "online",
      status: "valid",
      activeKey: `${organisationId}:${v2.id}`,
      ...signatory,
      signedOn: day(addDays(published, i % 10)),
      fingerprint: v2.fingerprint!,
    });
  });
  await tx.adhesion.createMany({ data: rows });
  await tx.joinRequest.create({ data: { networkId, ...DEMO_JOIN_REQUEST } });
}
