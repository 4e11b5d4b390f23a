// Organisation writes shared by the edit form, the CSV import and the demo seed: slug, search
// text and opening hours are derived here, and every change is audited in the same transaction.
import type { Prisma } from "#app/generated/prisma/client";
import { audit, diff } from "#app/utils/audit.server";
import { prisma } from "#app/utils/db.server";
import { foldText, RESERVED_SLUGS, slugify } from "#app/utils/domain";
import { notFound } from "#app/utils/errors.server";

type Tx = Prisma.TransactionClient;

export type OpeningHourInput = { weekday: number; opensAt: number; closesAt: number; byAppointment: boolean; note: string };

export type OrganisationInput = {
  name: string;
  shortName?: string | null;
  kind: string;
  description?: string;
  street?: string;
  postalCode?: string;
  commune?: string;
  latitude?: number | null;
  longitude?: number | null;
  phone?: string | null;
  email?: string | null;
  website?: string | null;
  addressPublic?: boolean;
  phonePublic?: boolean;
  emailPublic?: boolean;
  websitePublic?: boolean;
  themes?: string[];
  languages?: string[];
  hours?: OpeningHourInput[];
};

// Every stored field of an organisation with its opening hours: profile, edit form and audit.
export const organisationFullSelect = {
  id: true,
  slug: true,
  name: true,
  shortName: true,
  kind: true,
  description: true,
  street: true,
  postalCode: true,
  commune: true,
  latitude: true,
  longitude: true,
  phone: true,
  email: true,
  website: true,
  addressPublic: true,
  phonePublic: true,
  emailPublic: true,
  websitePublic: true,
  themes: true,
  languages: true,
  hours: { select: { weekday: true, opensAt: true, closesAt: true, byAppointment: true, note: true }, orderBy: [{ weekday: "asc" }, { opensAt: "asc" }] },
} satisfies Prisma.OrganisationSelect;

export function searchTextOf(input: { name: string; shortName?: string | null; description?: string | null }) {
  return foldText([input.name, input.shortName ?? "", input.description ?? ""].join(" "));
}

function columns(input: OrganisationInput) {
  const { hours: _hours, ...rest } = input;
  return { ...rest, searchText: searchTextOf(input) };
}

/** A slug not yet taken: "maison-medicale", then "maison-medicale-2"… */
export async function uniqueOrganisationSlug(tx: Tx, name: string) {
  const base = slugify(name) || "organisation";
  const taken = new Set((await tx.organisation.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((o) => o.slug));
  // "new" would be shadowed by /:network/organisations/new.
  if (!taken.has(base) && !RESERVED_SLUGS.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Creates an organisation and adds it to the network. Runs inside the caller's transaction. */
export async function createOrganisation(tx: Tx, networkId: string, actorId: string | null, input: OrganisationInput) {
  const slug = await uniqueOrganisationSlug(tx, input.name);
  const org = await tx.organisation.create({
    data: {
      ...columns(input),
      slug,
      hours: input.hours?.length ? { create: input.hours } : undefined,
      networks: { create: { networkId } },
    },
    select: organisationFullSelect,
  });
  await audit(tx, { networkId, actorId, action: "organisation.create", entityType: "organisation", entityId: org.id, after: org });
  return org;
}

/** Updates an organisation (and replaces its opening hours when given). Audits the difference. */
export async function updateOrganisation(tx: Tx, networkId: string, actorId: string | null, id: string, input: OrganisationInput) {
  const before = await tx.organisation.findUniqueOrThrow({ where: { id }, select: organisationFullSelect });
  if (input.hours) {
    await tx.openingHour.deleteMany({ where: { organisationId: id } });
    if (input.hours.length) await tx.openingHour.createMany({ data: input.hours.map((h) => ({ ...h, organisationId: id })) });
  }
  const after = await tx.organisation.update({ where: { id }, data: columns(input), select: organisationFullSelect });
  const change = diff(before as Record<string, unknown>, after as Record<string, unknown>);
  if (change.changed) {
    await audit(tx, {
      networkId,
      actorId,
      action: "organisation.update",
      entityType: "organisation",
      entityId: id,
      before: change.before,
      after: change.after,
    });
  }
  return after;
}

/** An organisation that belongs to the network, or a 404 (never leaks other networks' members). */
export async function requireNetworkOrganisation(networkId: string, orgSlug: string | undefined) {
  const org = orgSlug
    ? await prisma.organisation.findFirst({
        where: { slug: orgSlug, networks: { some: { networkId } } },
        select: { id: true, slug: true, name: true },
      })
    : null;
  if (!org) throw notFound();
  return org;
}
