// Demo content: a Relais social in Wallonia with member services of the kinds found in the field
// documents. Names of public services are real; every description is ours.
import type { OrganisationInput } from "./organisation.server";

export const DEMO_PASSWORD = "demo-maillage-2026";

export const DEMO_NETWORK = {
  slug: "relais-social-demo",
  name: "Relais social urbain de Démoville",
  description:
    "Le réseau des services sociaux et de santé de Démoville : se connaître, mieux orienter les personnes et porter ensemble leurs besoins auprès des pouvoirs publics.",
  themes: ["Logement", "Santé", "Santé mentale", "Sans-abrisme", "Alimentation", "Insertion", "Jeunesse", "Migrations", "Assuétudes", "Troisième âge"],
  languages: ["fr", "nl", "en"],
};

const h = (weekday: number, from: string, to: string, byAppointment = false, note = "") => {
  const [fh, fm] = from.split(":").map(Number);
  const [th, tm] = to.split(":").map(Number);
  return { weekday, opensAt: fh * 60 + fm, closesAt: th * 60 + tm, byAppointment, note };
};

export const DEMO_ORGANISATIONS: OrganisationInput[] = [
  {
    name: "CPAS de Démoville",
    shortName: "CPAS",
    kind: "cpas",
    description: "Aide sociale générale, revenu d'intégration, aide médicale urgente, médiation de dettes et accompagnement au logement.",
    street: "Rue de l'Hôtel de Ville 1",
    postalCode: "5000",
    commune: "Namur",
    phone: "081 33 70 00",
    email: "accueil@cpas-demo.be",
    website: "https://cpas-demo.be",
    themes: ["Logement", "Santé", "Insertion", "Alimentation"],
    languages: ["fr", "nl", "en"],
    hours: [1, 2, 3, 4, 5].map((d) => h(d, "08:30", "12:00")).concat([h(2, "13:30", "16:00", true, "Service logement")]),
  },
  {
    name: "Abri de nuit Les Trois Portes",
    kind: "shelter",
    description: "Accueil de nuit inconditionnel pour personnes sans abri : un lit, une douche, un repas chaud et une écoute.",
    street: "Rue des Brasseurs 12",
    postalCode: "5000",
    commune: "Namur",
    phone: "081 22 11 00",
    phonePublic: true,
    email: "contact@troisportes-demo.be",
    emailPublic: false,
    themes: ["Sans-abrisme"],
    languages: ["fr", "en", "ar"],
    hours: [1, 2, 3, 4, 5, 6, 7].map((d) => h(d, "19:00", "23:00", false, "Inscriptions sur place")),
  },
  {
    name: "Maison médicale du Quartier Nord",
    shortName: "MM Nord",
    kind: "medical_centre",
    description: "Soins de première ligne au forfait : médecine générale, soins infirmiers, kinésithérapie et accompagnement psychosocial.",
    street: "Avenue Reine Astrid 45",
    postalCode: "5002",
    commune: "Saint-Servais",
    phone: "081 73 00 45",
    email: "secretariat@mmnord-demo.be",
    themes: ["Santé", "Santé mentale"],
    languages: ["fr", "nl", "ar", "tr"],
    hours: [1, 2, 3, 4, 5].map((d) => h(d, "08:00", "19:00", true)),
  },
];

export const DEMO_PEOPLE: {
  label: string;
  email: string;
  name: string;
  coordinator?: boolean;
  platformAdmin?: boolean;
  organisation?: string;
  delegateRole?: "titular" | "substitute" | "staff";
}[] = [
  { label: "coordinatrice du réseau", email: "coordination@demo.maillage.be", name: "Claire Dumont", coordinator: true, platformAdmin: true },
  { label: "déléguée (CPAS)", email: "delegue.cpas@demo.maillage.be", name: "Yasmina El Amrani", organisation: "CPAS de Démoville", delegateRole: "titular" },
  { label: "délégué (maison médicale)", email: "delegue.mmnord@demo.maillage.be", name: "Pieter Janssens", organisation: "Maison médicale du Quartier Nord", delegateRole: "titular" },
];
