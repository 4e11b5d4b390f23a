// The demo network seeded by `npm start` on an empty database, so that a fresh clone shows
// something real. Logins are printed at start and listed in the README.
import { prisma } from "#app/utils/db.server";
import { hashPassword } from "#app/utils/password.server";
import { createOrganisation, transaction } from "./organisation.server";
import { DEMO_NETWORK, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_PEOPLE } from "./demo-data";

export type DemoLogin = { role: string; email: string; password: string };

export async function seedDemoIfEmpty(): Promise<DemoLogin[] | null> {
  if ((await prisma.user.count()) > 0 || (await prisma.network.count()) > 0) return null;
  return seedDemo();
}

export async function seedDemo(): Promise<DemoLogin[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return transaction(async (tx) => {
    const network = await tx.network.create({ data: DEMO_NETWORK, select: { id: true } });
    const orgIds = new Map<string, string>();
    for (const org of DEMO_ORGANISATIONS) {
      const created = await createOrganisation(tx, network.id, null, org);
      orgIds.set(org.name, created.id);
    }
    const logins: DemoLogin[] = [];
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
    }
    return logins;
  });
}
