// The benchmark's large network, made with the app's own model (createOrganisation) and the test
// factories, so the rows look exactly like the ones the app writes (slugs, search text, audit).
// Deterministic: the same counts give the same names, so runs stay comparable.
//
// To grow it with a feature (groups, meetings, minutes…), add a step to STEPS: it gets
// the network, the organisations and the people made so far, and may return things for later steps.
import { randomUUID } from "node:crypto";

import type { Prisma } from "#app/generated/prisma/client";
import { createOrganisation, type OpeningHourInput, type OrganisationInput } from "#app/models/organisation.server";
import { addDays, brusselsInstant, expandRule, parseDateKey, todayInBrussels } from "#app/utils/brussels-time";
import { prisma, transaction } from "#app/utils/db.server";
import { type DelegateRole, ORGANISATION_KINDS, SPOKEN_LANGUAGES } from "#app/utils/domain";
import { minutesSearchText } from "#app/utils/rich-text.server";
import { createAdhesion, createCharterVersion, createNetwork, createUser, makeCoordinator, makeDelegate, sessionCookie } from "#tests/factories";

import { DEMO_GROUPS } from "../prisma/seed/demo-groups";

export type SeedCounts = { organisations: number; people: number };

export type SeedContext = {
  counts: SeedCounts;
  network: { id: string; slug: string; themes: string[] };
  organisations: { id: string; slug: string }[];
  people: { id: string; email: string }[];
  coordinatorId: string;
  /** Other things made, by name, for the report ("adhesions": 800). */
  made: Record<string, number>;
  groups: { id: string; slug: string }[];
};

/** What the load generator needs from the seed: URLs to hit and a signed-in cookie. */
export type SeedResult = {
  networkSlug: string;
  organisationSlug: string;
  searchQuery: string;
  /** A working group half-way down the list, and a query for the minutes search. */
  groupSlug: string;
  minutesQuery: string;
  coordinatorCookie: string;
  counts: Record<string, number>;
  seconds: number;
};

const THEMES = ["Logement", "Santé", "Santé mentale", "Sans-abrisme", "Alimentation", "Insertion", "Jeunesse", "Migrations", "Assuétudes", "Troisième âge"];
const COMMUNES = [
  "Anderlecht",
  "Auderghem",
  "Berchem-Sainte-Agathe",
  "Bruxelles",
  "Etterbeek",
  "Evere",
  "Forest",
  "Ganshoren",
  "Ixelles",
  "Jette",
  "Koekelberg",
  "Molenbeek-Saint-Jean",
  "Saint-Gilles",
  "Saint-Josse-ten-Noode",
  "Schaerbeek",
  "Uccle",
  "Watermael-Boitsfort",
  "Woluwe-Saint-Lambert",
  "Woluwe-Saint-Pierre",
];
const PREFIXES = [
  "Maison médicale",
  "Centre d'accueil",
  "Service d'aide",
  "Restaurant social",
  "Maison de quartier",
  "Antenne",
  "Espace",
  "Plateforme",
  "Collectif",
  "Relais",
];
const WORDS = [
  "du Parc",
  "des Marolles",
  "de la Gare",
  "Horizon",
  "Solidarité",
  "Le Pont",
  "L'Escale",
  "Les Tilleuls",
  "La Source",
  "Trait d'union",
  "Nord",
  "Sud",
  "Entraide",
  "Le Phare",
  "Les Ateliers",
];
const FIRST = [
  "Aïcha",
  "Bruno",
  "Chloé",
  "Dirk",
  "Élodie",
  "Fatou",
  "Grégoire",
  "Hanne",
  "Ibrahim",
  "Julie",
  "Koen",
  "Léa",
  "Mehmet",
  "Nadia",
  "Olivier",
  "Pieter",
];
const LAST = ["Dubois", "Peeters", "El Amrani", "Janssens", "Lambert", "Nowak", "Martin", "Claes", "Diallo", "Renard", "Maes", "Costa"];

/** A small deterministic generator: the same seed, the same network. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  return {
    next,
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)],
    some: <T>(list: readonly T[], max: number) => [
      ...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => list[Math.floor(next() * list.length)])),
    ],
  };
}

function hoursFor(r: ReturnType<typeof random>): OpeningHourInput[] {
  const pattern = r.next();
  const slot = (weekday: number, from: number, to: number, byAppointment = false, note = "") => ({
    weekday,
    opensAt: from * 60,
    closesAt: to * 60,
    byAppointment,
    note,
  });
  if (pattern < 0.5) return [1, 2, 3, 4, 5].flatMap((d) => [slot(d, 9, 12), slot(d, 13, 17)]);
  if (pattern < 0.75) return [1, 3, 5].map((d) => slot(d, 14, 20, r.next() < 0.3, "Sur rendez-vous le soir"));
  if (pattern < 0.9) return [1, 2, 3, 4, 5, 6, 7].map((d) => slot(d, 8, 22));
  return [slot(6, 10, 13), slot(7, 10, 13, true)];
}

function organisationInput(i: number, r: ReturnType<typeof random>): OrganisationInput {
  const prefix = r.pick(PREFIXES);
  const name = `${prefix} ${r.pick(WORDS)} ${i + 1}`;
  const commune = r.pick(COMMUNES);
  const themes = r.some(THEMES, 3);
  return {
    name,
    shortName: r.next() < 0.3 ? `${prefix.split(" ")[0].toUpperCase()}-${i + 1}` : null,
    kind: r.pick(ORGANISATION_KINDS),
    description: `${name} accueille les habitants de ${commune} : ${themes.join(", ").toLowerCase()}. Permanences, orientation et accompagnement individuel, en lien avec les autres membres du réseau.`,
    street: `Rue ${r.pick(WORDS).replace(/^(du|des|de la|Le|La|Les|L')\s?/, "")} ${1 + Math.floor(r.next() * 200)}`,
    postalCode: String(1000 + Math.floor(r.next() * 200)),
    commune,
    latitude: 50.8 + r.next() * 0.1,
    longitude: 4.3 + r.next() * 0.1,
    phone: `+32 2 ${String(100 + i).padStart(3, "0")} 00 00`,
    email: `contact-${i + 1}@membre.example`,
    website: r.next() < 0.6 ? `https://membre-${i + 1}.example` : null,
    addressPublic: r.next() < 0.9,
    phonePublic: r.next() < 0.7,
    emailPublic: r.next() < 0.5,
    themes,
    languages: r.some(SPOKEN_LANGUAGES.slice(0, 6), 3),
    hours: hoursFor(r),
  };
}

type Step = { name: string; run(ctx: SeedContext): Promise<void> };

const BATCH = 100;

export const STEPS: Step[] = [
  {
    name: "organisations with opening hours and themes",
    async run(ctx) {
      const r = random(1);
      for (let start = 0; start < ctx.counts.organisations; start += BATCH) {
        const batch = await transaction(async (tx) => {
          const made = [];
          for (let i = start; i < Math.min(start + BATCH, ctx.counts.organisations); i++) {
            made.push(await createOrganisation(tx, ctx.network.id, null, organisationInput(i, r)));
          }
          return made;
        });
        ctx.organisations.push(...batch.map((o) => ({ id: o.id, slug: o.slug })));
      }
    },
  },
  {
    // Three people in four are delegates (titular, substitute or staff) of some organisation;
    // the others have an account and no role, as after a revoked delegation.
    name: "people, most of them delegates",
    async run(ctx) {
      const r = random(2);
      const roles: DelegateRole[] = ["titular", "substitute", "staff"];
      for (let i = 0; i < ctx.counts.people; i++) {
        const user = await createUser({ email: `personne-${i + 1}@bench.example`, name: `${r.pick(FIRST)} ${r.pick(LAST)}` });
        ctx.people.push({ id: user.id, email: user.email });
        if (i % 4 !== 3 && ctx.organisations.length) {
          await makeDelegate(ctx.organisations[i % ctx.organisations.length].id, user.id, roles[Math.floor(i / ctx.organisations.length) % roles.length]);
        }
      }
    },
  },
  {
    // Four organisations in five have signed the published charter: the directory's membership
    // badges and the signatories page then have real work to do.
    name: "a published charter, signed by most organisations",
    async run(ctx) {
      const version = await createCharterVersion(ctx.network.id);
      ctx.made.adhesions = 0;
      for (const [i, org] of ctx.organisations.entries()) {
        if (i % 5 === 4) continue;
        await createAdhesion(ctx.network.id, org.id, version);
        ctx.made.adhesions++;
      }
    },
  },
  {
    // A working group per 50 organisations (20 for 1,000), each with 30 member organisations and
    // a monthly series from a year back to four months ahead: past meetings with a register,
    // published minutes (the demo's paragraphs, so the search has real French to stem) and two
    // action items each. Written with createMany, like the demo seed.
    name: "working groups, a year of meetings, registers, minutes and actions",
    async run(ctx) {
      const r = random(3);
      const groupCount = Math.max(1, Math.round(ctx.organisations.length / 50));
      const today = todayInBrussels(new Date());
      const startOn = addDays(today, -365);
      const untilOn = addDays(today, 120);
      const rows = {
        groups: [] as Prisma.WorkingGroupCreateManyInput[],
        memberships: [] as Prisma.GroupMembershipCreateManyInput[],
        facilitators: [] as Prisma.GroupFacilitatorCreateManyInput[],
        series: [] as Prisma.MeetingSeriesCreateManyInput[],
        meetings: [] as Prisma.MeetingCreateManyInput[],
        attendance: [] as Prisma.AttendanceCreateManyInput[],
        minutes: [] as Prisma.MinutesCreateManyInput[],
        actions: [] as Prisma.ActionItemCreateManyInput[],
      };
      for (let g = 0; g < groupCount; g++) {
        const demo = DEMO_GROUPS[g % DEMO_GROUPS.length];
        const id = randomUUID();
        const slug = `${demo.slug}-${g + 1}`;
        rows.groups.push({ id, networkId: ctx.network.id, slug, name: `${demo.name} ${g + 1}`, theme: demo.theme, description: demo.description });
        ctx.groups.push({ id, slug });
        const members = [...new Set(Array.from({ length: 30 }, (_, k) => ctx.organisations[(g * 37 + k * 11) % ctx.organisations.length].id))];
        for (const organisationId of members) rows.memberships.push({ groupId: id, organisationId, status: "active" });
        if (ctx.people.length) rows.facilitators.push({ groupId: id, userId: ctx.people[(g * 7) % ctx.people.length].id });
        const seriesId = randomUUID();
        const uid = `series-${seriesId}@maillage.bench`;
        const rule = { frequency: "monthly" as const, interval: 1, weekday: 1 + (g % 5), ordinal: 1 + (g % 4), startOn, untilOn };
        rows.series.push({
          id: seriesId,
          groupId: id,
          uid,
          frequency: "monthly",
          interval: 1,
          weekday: rule.weekday,
          ordinal: rule.ordinal,
          startOn: parseDateKey(startOn)!,
          untilOn: parseDateKey(untilOn)!,
          startMinutes: 570,
          endMinutes: 690,
          title: `Groupe ${demo.name} ${g + 1}`,
          isPublic: g % 3 === 0,
        });
        expandRule(rule).forEach((day, i) => {
          const meetingId = randomUUID();
          const startsAt = brusselsInstant(day, 570);
          const endsAt = brusselsInstant(day, 690);
          const title = `Groupe ${demo.name} ${g + 1}`;
          rows.meetings.push({
            id: meetingId,
            groupId: id,
            seriesId,
            uid,
            recurrenceId: startsAt,
            title,
            startsAt,
            endsAt,
            place: "Salle du conseil",
            isPublic: g % 3 === 0,
          });
          if (day >= today) return;
          for (const organisationId of members)
            rows.attendance.push({ meetingId, organisationId, status: r.next() < 0.8 ? "present" : r.next() < 0.5 ? "excused" : "absent" });
          const topics = [demo.topics[i % demo.topics.length], demo.topics[(i + 1) % demo.topics.length]];
          const body = topics.map((t) => `<h3>${t.title}</h3><p>${t.text}</p>`).join("");
          const decisions = `<ul><li>${demo.decisions[i % demo.decisions.length]}</li></ul>`;
          rows.minutes.push({
            meetingId,
            status: "published",
            body,
            decisions,
            language: "fr",
            visibility: ["group", "network", "public"][(g + i) % 3],
            publishedAt: endsAt,
            searchText: minutesSearchText(title, decisions, body),
          });
          for (const k of [i, i + 1]) {
            const action = demo.actions[k % demo.actions.length];
            rows.actions.push({
              meetingId,
              groupId: id,
              what: action.what,
              organisationId: members[k % members.length],
              dueOn: parseDateKey(addDays(day, 28)),
              status: day < addDays(today, -60) ? "done" : "open",
            });
          }
        });
      }
      await prisma.workingGroup.createMany({ data: rows.groups });
      await prisma.groupMembership.createMany({ data: rows.memberships });
      await prisma.groupFacilitator.createMany({ data: rows.facilitators });
      await prisma.meetingSeries.createMany({ data: rows.series });
      await prisma.meeting.createMany({ data: rows.meetings });
      await prisma.attendance.createMany({ data: rows.attendance });
      await prisma.minutes.createMany({ data: rows.minutes });
      await prisma.actionItem.createMany({ data: rows.actions });
      Object.assign(ctx.made, {
        groups: rows.groups.length,
        meetings: rows.meetings.length,
        attendance: rows.attendance.length,
        minutes: rows.minutes.length,
        actionItems: rows.actions.length,
      });
    },
  },
];

/** Seeds the open database (already migrated). Returns what the bench needs to load pages. */
export async function seedBench(counts: SeedCounts, log: (line: string) => void = () => {}): Promise<SeedResult> {
  const started = Date.now();
  const network = await createNetwork({ slug: "reseau-bench", name: "Réseau de mesure", themes: THEMES });
  const coordinator = await createUser({ email: "coordination@bench.example", name: "Coordination du réseau" });
  await makeCoordinator(network.id, coordinator.id);
  const ctx: SeedContext = { counts, network, organisations: [], people: [], coordinatorId: coordinator.id, made: {}, groups: [] };
  for (const step of STEPS) {
    const t = Date.now();
    await step.run(ctx);
    log(`  seeded ${step.name} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  return {
    networkSlug: network.slug,
    // Half-way down the list: neither the first row nor the last.
    organisationSlug: ctx.organisations[Math.floor(ctx.organisations.length / 2)]?.slug ?? "",
    // Two words and two filters: the search text LIKE, a themes array filter and the commune index.
    searchQuery: new URLSearchParams({ q: "maison medicale", theme: "Santé", commune: "Ixelles" }).toString(),
    groupSlug: ctx.groups[Math.floor(ctx.groups.length / 2)]?.slug ?? "",
    // Two words without their accents, across every group: stemming, unaccent, ranking, headlines.
    minutesQuery: new URLSearchParams({ q: "expulsion logement" }).toString(),
    coordinatorCookie: await sessionCookie(coordinator.id),
    counts: { organisations: ctx.organisations.length, people: ctx.people.length + 1, ...ctx.made },
    seconds: (Date.now() - started) / 1000,
  };
}
