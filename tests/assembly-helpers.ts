// A network ready for a general assembly: a published charter, member organisations (each with a
// titular and a substitute delegate), an applicant that has not signed, a coordinator, statutes,
// and an assembly a month ahead. Real rows through the real models.
import { checkIn, conveneAssembly, createAssembly, DEFAULT_STATUTES, saveStatutes, type Statutes } from "#app/models/assemblies.server";
import { addCandidate, castBallots, createPoll, markReady, openPoll } from "#app/models/polls.server";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { createAdhesion, createCharterVersion, createNetwork, createOrganisation, createUser, makeCoordinator, makeDelegate } from "#tests/factories";

const DAY = 86_400_000;

export async function assemblySetting(options: { members?: number; statutes?: Partial<Statutes>; convene?: boolean } = {}) {
  const network = await createNetwork();
  const version = await createCharterVersion(network.id);
  const coordinator = await createUser({ name: "Claire Coordination" });
  await makeCoordinator(network.id, coordinator.id);
  const members: { id: string; name: string; titularId: string; substituteId: string }[] = [];
  for (let i = 0; i < (options.members ?? 6); i++) {
    const org = await createOrganisation(network.id);
    await createAdhesion(network.id, org.id, version);
    const [titular, substitute] = [await createUser(), await createUser()];
    await makeDelegate(org.id, titular.id, "titular");
    await makeDelegate(org.id, substitute.id, "substitute");
    members.push({ id: org.id, name: org.name, titularId: titular.id, substituteId: substitute.id });
  }
  const applicant = await createOrganisation(network.id);
  await saveStatutes(network.id, coordinator.id, { ...DEFAULT_STATUTES, maxProxiesPerHolder: 2, committeeSeats: 3, noticeDays: 15, ...options.statutes });
  const assembly = await createAssembly(network.id, coordinator.id, {
    kind: "ordinary",
    convocation: "first",
    title: "Assemblée générale ordinaire",
    startsAt: new Date(+now() + 30 * DAY),
    place: "Maison de quartier, salle 1",
  });
  if (options.convene !== false) await conveneAssembly(assembly.id, coordinator.id);
  return { network, version, coordinator, members, applicant, assembly };
}

export type AssemblySetting = Awaited<ReturnType<typeof assemblySetting>>;

/** Checks these organisations in online (their titular delegate). */
export async function checkInAll(s: AssemblySetting, organisationIds: string[], channel: "room" | "online" | "paper" = "online") {
  for (const id of organisationIds) {
    const m = s.members.find((x) => x.id === id)!;
    await checkIn(s.assembly.id, id, { channel, delegateId: m.titularId }, s.coordinator.id);
  }
}

/** A resolution (for / against / abstain, simple majority of for + against), made ready and opened. */
export async function openResolution(s: AssemblySetting, title = "Approbation des comptes") {
  const poll = await createPoll(s.assembly.id, s.coordinator.id, {
    kind: "resolution",
    title,
    majorityRule: "simple",
    base: "cast-for-against",
    choiceSet: "for-against-abstain",
  });
  await markReady(poll.id, s.coordinator.id);
  await openPoll(poll.id, s.coordinator.id);
  return poll;
}

/** An election of `seats` seats among these candidates, ready (not open). */
export async function readyElection(s: AssemblySetting, candidates: string[], seats = 2) {
  const poll = await createPoll(s.assembly.id, s.coordinator.id, { kind: "election", title: "Élection du comité d'accompagnement", seats });
  for (const organisationId of candidates) await addCandidate(poll.id, s.coordinator.id, { organisationId });
  await markReady(poll.id, s.coordinator.id);
  return poll;
}

/** Each organisation votes for itself with this choice; returns the trackers in voting order. */
export async function voteEach(pollId: string, organisationIds: string[], choice: (i: number) => string[]) {
  const trackers: { organisationId: string; tracker: string }[] = [];
  for (const [i, organisationId] of organisationIds.entries()) {
    trackers.push(...(await castBallots(pollId, { actingFor: organisationId, channel: "online", votes: [{ organisationId, choices: choice(i) }] })));
  }
  return trackers;
}

/**
 * Runs one SQL statement and returns the database's error message ("ok" if none). The PGlite
 * adapter drops the message of errors raised by triggers; caught in PL/pgSQL it reaches the test
 * on both databases. The function lives only in the test file's own database.
 */
export async function sqlError(statement: string) {
  await prisma.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION "test_sql_error"(q TEXT) RETURNS TEXT AS $$
    BEGIN EXECUTE q; RETURN 'ok'; EXCEPTION WHEN OTHERS THEN RETURN SQLERRM; END; $$ LANGUAGE plpgsql`);
  const rows = await prisma.$queryRaw<{ message: string }[]>`SELECT "test_sql_error"(${statement}) AS message`;
  return rows[0].message;
}
