// The member directory's search: every filter is a Prisma where clause, so the database does the
// work and a page costs the same few queries (count, the page of results, whether each is open
// now, the communes for the filter) whatever the size of the network.
import type { Prisma } from "#app/generated/prisma/client";
import { membershipStatuses, memberWhere } from "#app/models/adhesion.server";
import { brusselsWeekMinute } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { foldText } from "#app/utils/domain";

export const DIRECTORY_PAGE_SIZE = 20;

export type DirectoryQuery = {
  q?: string;
  theme?: string;
  commune?: string;
  language?: string;
  kind?: string;
  openNow?: boolean;
  /** Only organisations that are members (charter signed, or within their renewal time). */
  membersOnly?: boolean;
  page?: number;
};

/** Opening hours rows covering this instant (Brussels wall-clock time). */
export function openAt(at: Date): Prisma.OpeningHourWhereInput {
  const { weekday, minutes } = brusselsWeekMinute(at);
  return { weekday, opensAt: { lte: minutes }, closesAt: { gt: minutes } };
}

export function directoryWhere(networkId: string, query: DirectoryQuery, at: Date, members?: Prisma.OrganisationWhereInput): Prisma.OrganisationWhereInput {
  const and: Prisma.OrganisationWhereInput[] = [{ networks: { some: { networkId } } }];
  // searchText is folded the same way, so "sante" finds "Santé"; every word must appear.
  for (const word of foldText(query.q ?? "")
    .split(" ")
    .filter(Boolean)) {
    // Prisma passes % and _ through to LIKE: escape them so that they match themselves.
    and.push({ searchText: { contains: word.replace(/[\\%_]/g, "\\$&") } });
  }
  if (query.theme) and.push({ themes: { has: query.theme } });
  if (query.language) and.push({ languages: { has: query.language } });
  if (query.commune) and.push({ commune: query.commune });
  if (query.kind) and.push({ kind: query.kind });
  if (query.openNow) and.push({ hours: { some: openAt(at) } });
  if (query.membersOnly && members) and.push(members);
  return { AND: and };
}

export async function searchDirectory(networkId: string, query: DirectoryQuery, at: Date) {
  // Membership is derived from the adhesions and the current charter version (adhesion.server.ts).
  const where = directoryWhere(networkId, query, at, query.membersOnly ? await memberWhere(networkId, at) : undefined);
  const total = await prisma.organisation.count({ where });
  const pages = Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pages);
  const rows = await prisma.organisation.findMany({
    where,
    // searchText starts with the folded name: an order that ignores accents and case on every
    // database collation (PGlite sorts bytes, which would put "École" after "Zèbre").
    orderBy: [{ searchText: "asc" }, { id: "asc" }],
    skip: (page - 1) * DIRECTORY_PAGE_SIZE,
    take: DIRECTORY_PAGE_SIZE,
    select: {
      id: true,
      slug: true,
      name: true,
      shortName: true,
      kind: true,
      commune: true,
      themes: true,
      // One batched query for the whole page tells which results are open right now.
      hours: { where: openAt(at), select: { id: true }, take: 1 },
    },
  });
  const statuses = await membershipStatuses(
    networkId,
    rows.map((r) => r.id),
    at,
  );
  return {
    total,
    page,
    pages,
    results: rows.map(({ hours, id, ...org }) => ({ ...org, openNow: hours.length > 0, membership: statuses.get(id)!.kind })),
  };
}

/** The communes where the network's organisations are, for the commune filter. */
export async function directoryCommunes(networkId: string) {
  // GROUP BY in the database: Prisma's `distinct` fetches every organisation's row and dedupes
  // in memory (1,000 rows read to list 19 communes).
  const rows = await prisma.organisation.groupBy({
    by: ["commune"],
    where: { networks: { some: { networkId } }, commune: { not: "" } },
    orderBy: { commune: "asc" },
  });
  return rows.map((r) => r.commune).sort((a, b) => a.localeCompare(b, "fr"));
}
