// The demo network's general assemblies (issue 12), held through the app's own rules so that what
// a person sees is what Maillage itself would have produced:
//   - the statutes: quorum of half the roll at a first convocation, two proxies per holder at most,
//     a comité of five seats in two colleges, ties drawn by lots;
//   - last year's ordinary assembly, replayed at its own dates (clock.server atTime): convened,
//     one paper proxy, attendance, the accounts approved and the comité elected by secret ballot,
//     both results published with their ballot box; the elected organisations sit on the comité
//     until the next assembly; its minutes, generated from attendance and results, are published;
//   - the coming assembly, convened today, with two proxies given (one online by a titular
//     delegate, one on paper recorded by the coordinator), a resolution and the renewal of the
//     comité ready to open: the demo delegates check in, the coordinator opens, they vote.
import { actorById } from "#app/access/actor.server";
import { groupAccess } from "#app/access/group.server";
import { addAgendaItem, checkIn, closeAssembly, conveneAssembly, createAssembly, installElected, saveStatutes } from "#app/models/assemblies.server";
import { startAssemblyMinutes } from "#app/models/assembly-minutes.server";
import { minutesVersions, requireMeeting, transition } from "#app/models/minutes.server";
import { addCandidate, castBallots, closePoll, createPoll, markReady, openPoll, publishPoll } from "#app/models/polls.server";
import { giveProxy } from "#app/models/proxies.server";
import { addDays, brusselsInstant, todayInBrussels } from "#app/utils/brussels-time";
import { atTime, now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";

const PUBLIC = "Services publics";
const ASSOCIATIONS = "Associations";

/** The candidates of both elections, with their college. */
const CANDIDATES: [string, string][] = [
  ["CPAS de Démoville", PUBLIC],
  ["Société de logement de service public Namur Habitat", PUBLIC],
  ["Centre hospitalier régional — service social", PUBLIC],
  ["Abri de nuit Les Trois Portes", ASSOCIATIONS],
  ["Maison médicale du Quartier Nord", ASSOCIATIONS],
  ["Centre d'accueil social La Passerelle", ASSOCIATIONS],
  ["Restaurant social Le Bon Plat", ASSOCIATIONS],
];

/** Last year: absent, and the proxy one of them gave on paper. */
const PAST_ABSENT = ["Agence immobilière sociale Sambre-Meuse", "Comptoir de réduction des risques", "Maison médicale de Jambes", "Espace seniors Saint-Marc"];
const PAST_PROXY = { giver: "Agence immobilière sociale Sambre-Meuse", holder: "Abri de nuit Les Trois Portes" };
const PAST_ONLINE = ["Relais santé — infirmerie sociale", "Service de médiation de dettes", "AMO Point Jeunes"];

/** The coming assembly's proxies: one given online by its titular delegate, one recorded on paper. */
const ONLINE_PROXY = { giver: "Atelier d'alphabétisation Les Mots Partagés", holder: "CPAS de Démoville", by: "facilitation.culture@demo.maillage.be" };
const PAPER_PROXY = { giver: "Service d'insertion Tremplin", holder: "Maison médicale du Quartier Nord" };

const at = (day: string, hour: number, minute = 0) => brusselsInstant(day, hour * 60 + minute);

export async function seedAssemblies(networkId: string, orgIds: Map<string, string>, userIds: Map<string, string>) {
  const org = (name: string) => {
    const id = orgIds.get(name);
    if (!id) throw new Error(`Demo assemblies: unknown organisation ${name}`);
    return id;
  };
  const user = (email: string) => {
    const id = userIds.get(email);
    if (!id) throw new Error(`Demo assemblies: unknown person ${email}`);
    return id;
  };
  const coordinator = user("coordination@demo.maillage.be");
  const today = todayInBrussels(now());
  const pastDay = addDays(today, -350);
  const comingDay = addDays(today, 21);

  // The statutes, written long before last year's assembly.
  await atTime(at(addDays(pastDay, -60), 10), () =>
    saveStatutes(networkId, coordinator, {
      quorumFirst: { numerator: 1, denominator: 2, comparison: "atLeast" },
      quorumSecond: null,
      maxProxiesPerHolder: 2,
      majorityRules: ["simple", "absolute", "two-thirds"],
      tieRule: "lots",
      committeeSeats: 5,
      noticeDays: 15,
      colleges: [
        { name: PUBLIC, minSeats: 1, maxSeats: 2 },
        { name: ASSOCIATIONS, minSeats: 2, maxSeats: null },
      ],
    }),
  );

  await seedPastAssembly(networkId, coordinator, org, pastDay, comingDay);
  await seedComingAssembly(networkId, coordinator, org, user, comingDay);
}

async function seedPastAssembly(networkId: string, coordinator: string, org: (name: string) => string, day: string, nextDay: string) {
  const year = day.slice(0, 4);
  const assembly = await atTime(at(addDays(day, -25), 10), async () => {
    const created = await createAssembly(networkId, coordinator, {
      kind: "ordinary",
      convocation: "first",
      title: `Assemblée générale ordinaire ${year}`,
      startsAt: at(day, 9, 30),
      endsAt: at(day, 12, 30),
      place: "Salle du conseil, Maison des associations, rue de Fer 12",
    });
    for (const item of [
      { title: "Rapport d'activités de l'année écoulée", description: "Présenté par la coordination et les animateurs des groupes de travail." },
      { title: "Comptes de l'exercice et décharge", description: "Les comptes ont été envoyés avec la convocation." },
      { title: "Élection du comité d'accompagnement", description: "Cinq sièges : au moins un service public et au moins deux associations." },
      { title: "Divers", description: "" },
    ]) {
      await addAgendaItem(created.id, coordinator, item);
    }
    return created;
  });
  const agenda = await prisma.assemblyAgendaItem.findMany({ where: { assemblyId: assembly.id }, orderBy: { position: "asc" }, select: { id: true } });
  await atTime(at(addDays(day, -21), 9), () => conveneAssembly(assembly.id, coordinator));
  // The convocations left a year ago: in the outbox, as sent.
  await prisma.outboxEmail.updateMany({
    where: { networkId, status: "pending", subject: { contains: `Assemblée générale ordinaire ${year}` } },
    data: { status: "sent", sentAt: at(addDays(day, -21), 9, 5), attempts: 1 },
  });
  const roll = (await prisma.rollEntry.findMany({ where: { assemblyId: assembly.id }, select: { organisationId: true } })).map((r) => r.organisationId);

  const [accounts, election] = await atTime(at(addDays(day, -20), 14), async () => {
    const resolution = await createPoll(assembly.id, coordinator, {
      kind: "resolution",
      title: "Approbation des comptes et décharge au comité",
      agendaItemId: agenda[1].id,
      majorityRule: "simple",
      base: "cast-for-against",
      choiceSet: "for-against-abstain",
    });
    const comite = await createPoll(assembly.id, coordinator, {
      kind: "election",
      title: "Élection du comité d'accompagnement",
      agendaItemId: agenda[2].id,
      seats: 5,
    });
    for (const [name, college] of CANDIDATES) await addCandidate(comite.id, coordinator, { organisationId: org(name), college });
    await markReady(resolution.id, coordinator);
    await markReady(comite.id, coordinator);
    return [resolution, comite];
  });
  await atTime(at(addDays(day, -3), 16), () =>
    giveProxy(assembly.id, coordinator, { giverOrganisationId: org(PAST_PROXY.giver), holderOrganisationId: org(PAST_PROXY.holder), channel: "paper" }),
  );

  // The morning of the assembly: the desk checks the organisations in, then the two votes.
  const absent = new Set(PAST_ABSENT.map((name) => org(name)));
  const online = new Set(PAST_ONLINE.map((name) => org(name)));
  await atTime(at(day, 9, 20), async () => {
    for (const id of roll) {
      if (absent.has(id)) continue;
      await checkIn(assembly.id, id, { channel: online.has(id) ? "online" : "room" }, coordinator);
    }
  });
  const presentIds = roll.filter((id) => !absent.has(id)).sort();
  const holder = org(PAST_PROXY.holder);
  const giver = org(PAST_PROXY.giver);
  const votesOf = (id: string, choices: (i: number) => string[], i: number) =>
    id === holder && roll.includes(giver)
      ? [
          { organisationId: id, choices: choices(i) },
          { organisationId: giver, choices: choices(i + 1) },
        ]
      : [{ organisationId: id, choices: choices(i) }];

  await atTime(at(day, 10, 15), () => openPoll(accounts.id, coordinator));
  await atTime(at(day, 10, 20), async () => {
    const choice = (i: number) => [i % 9 === 4 ? "against" : i % 7 === 2 ? "abstain" : "for"];
    for (const [i, id] of presentIds.entries()) {
      await castBallots(accounts.id, { actingFor: id, channel: online.has(id) ? "online" : "room", votes: votesOf(id, choice, i) });
    }
  });
  await atTime(at(day, 10, 30), () => closePoll(accounts.id, coordinator));
  await atTime(at(day, 10, 32), () => publishPoll(accounts.id, coordinator));

  // Each ballot approves some candidates, at most five: the earlier in the list, the more often.
  const candidateIds = CANDIDATES.map(([name]) => org(name));
  const likes = [9, 6, 4, 8, 7, 5, 3];
  const approvals = (i: number) => candidateIds.filter((_, j) => (i * 7 + j * 3) % 10 < likes[j]).slice(0, 5);
  await atTime(at(day, 11, 0), () => openPoll(election.id, coordinator));
  await atTime(at(day, 11, 10), async () => {
    for (const [i, id] of presentIds.entries()) {
      await castBallots(election.id, { actingFor: id, channel: online.has(id) ? "online" : "room", votes: votesOf(id, approvals, i) });
    }
  });
  await atTime(at(day, 11, 40), () => closePoll(election.id, coordinator));
  await atTime(at(day, 11, 45), () => publishPoll(election.id, coordinator));
  await atTime(at(day, 12, 30), () => closeAssembly(assembly.id, coordinator));
  // The elected take their seats the next day, until the coming assembly renews the comité.
  await atTime(at(day, 12, 35), () =>
    installElected(election.id, coordinator, { mandateFrom: brusselsInstant(addDays(day, 1), 0), mandateTo: brusselsInstant(nextDay, 0) }),
  );
  // Its minutes: the draft generated from attendance, proxies and results, then approved and
  // published to the network, through the minutes workflow (issue 12, item 10).
  const { meetingId } = await atTime(at(addDays(day, 2), 10), () => startAssemblyMinutes(assembly.id, coordinator));
  const actor = (await actorById(coordinator))!;
  const meeting = await requireMeeting(networkId, meetingId);
  const ctx = { networkId, actor, access: await groupAccess(actor, meeting.group), meeting };
  const [minutes] = await minutesVersions(meetingId);
  await atTime(at(addDays(day, 2), 11), () => transition(ctx, minutes.id, "submit"));
  await atTime(at(addDays(day, 9), 10), () => transition(ctx, minutes.id, "approve"));
  await atTime(at(addDays(day, 9), 10, 5), () => transition(ctx, minutes.id, "publish", { visibility: "network" }));
}

async function seedComingAssembly(networkId: string, coordinator: string, org: (name: string) => string, user: (email: string) => string, day: string) {
  const assembly = await createAssembly(networkId, coordinator, {
    kind: "ordinary",
    convocation: "first",
    title: `Assemblée générale ordinaire ${day.slice(0, 4)} — renouvellement du comité`,
    startsAt: at(day, 18),
    endsAt: at(day, 20, 30),
    place: "Salle du conseil, Maison des associations, rue de Fer 12",
    videoUrl: "https://visio.demo.maillage.be/ag-relais-social",
  });
  const items: { id: string }[] = [];
  for (const item of [
    { title: "Plan d'action de l'année à venir", description: "Les priorités proposées par les groupes de travail." },
    { title: "Renouvellement du comité d'accompagnement", description: "Cinq sièges : au moins un service public et au moins deux associations." },
    { title: "Divers", description: "" },
  ]) {
    items.push(await addAgendaItem(assembly.id, coordinator, item));
  }
  await conveneAssembly(assembly.id, coordinator);
  await giveProxy(assembly.id, user(ONLINE_PROXY.by), {
    giverOrganisationId: org(ONLINE_PROXY.giver),
    holderOrganisationId: org(ONLINE_PROXY.holder),
    channel: "online",
  });
  await giveProxy(assembly.id, coordinator, { giverOrganisationId: org(PAPER_PROXY.giver), holderOrganisationId: org(PAPER_PROXY.holder), channel: "paper" });
  const plan = await createPoll(assembly.id, coordinator, {
    kind: "resolution",
    title: "Adoption du plan d'action",
    agendaItemId: items[0].id,
    majorityRule: "absolute",
    base: "cast-all",
    choiceSet: "for-against-abstain",
  });
  const comite = await createPoll(assembly.id, coordinator, {
    kind: "election",
    title: "Renouvellement du comité d'accompagnement",
    agendaItemId: items[1].id,
    seats: 5,
  });
  for (const [name, college] of CANDIDATES) await addCandidate(comite.id, coordinator, { organisationId: org(name), college });
  await markReady(plan.id, coordinator);
  await markReady(comite.id, coordinator);
}
