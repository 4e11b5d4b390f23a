// The facts about assemblies that the rules of assembly.ts need from the database.
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";

/** Is the organisation on the assembly's electoral roll (frozen at the convocation)? */
export async function isOnRoll(assemblyId: string, organisationId: string) {
  const entry = await prisma.rollEntry.findUnique({ where: { assemblyId_organisationId: { assemblyId, organisationId } }, select: { organisationId: true } });
  return !!entry;
}

/** The organisations holding a seat of the comité in force today. */
export async function seatedOrganisationIds(networkId: string, at = now()) {
  const seats = await prisma.committeeSeat.findMany({
    where: { networkId, endedAt: null, mandateFrom: { lte: at }, OR: [{ mandateTo: null }, { mandateTo: { gte: at } }] },
    select: { organisationId: true },
  });
  return [...new Set(seats.map((s) => s.organisationId))];
}

/** Was this person named to the desk of this assembly? */
export async function isNamedToDesk(assemblyId: string, userId: string | null | undefined) {
  if (!userId) return false;
  return (await prisma.assemblyDesk.count({ where: { assemblyId, userId } })) > 0;
}
