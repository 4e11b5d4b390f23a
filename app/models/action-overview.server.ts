// The open action items across the network's working groups: "what my organisation still has to
// do" for a delegate, every open action of the network for a coordinator. Only a list: status
// changes happen on the minutes of the meeting (minutes.server.ts).
import type { Prisma } from "#app/generated/prisma/client";
import { dateKey, parseDateKey } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";

export type ActionScope = {
  networkId: string;
  /** Only these organisations' actions; null for every organisation (coordinators). */
  organisationIds: string[] | null;
  groupId?: string;
};

export type OpenAction = {
  id: string;
  what: string;
  dueOn: string | null;
  overdue: boolean;
  dueToday: boolean;
  organisation: { slug: string; name: string } | null;
  group: { slug: string; name: string };
  meeting: { id: string; title: string; startsAt: Date };
};

export const ACTIONS_PAGE_SIZE = 50;

function scopeWhere(scope: ActionScope): Prisma.ActionItemWhereInput {
  return {
    status: "open",
    group: { networkId: scope.networkId },
    ...(scope.groupId ? { groupId: scope.groupId } : {}),
    ...(scope.organisationIds ? { organisationId: { in: scope.organisationIds } } : {}),
  };
}

/**
 * Open actions in the scope, the most urgent first: overdue, then by due date, undated last; by
 * pages of fifty (a coordinator's network may have hundreds), with the counts of the whole scope.
 */
export async function openActions(scope: ActionScope, today: string, requestedPage = 1) {
  if (scope.organisationIds && scope.organisationIds.length === 0) return { items: [] as OpenAction[], total: 0, overdue: 0, page: 1, pages: 1 };
  const where = scopeWhere(scope);
  const todayDate = parseDateKey(today)!;
  const [total, overdue] = await Promise.all([prisma.actionItem.count({ where }), prisma.actionItem.count({ where: { ...where, dueOn: { lt: todayDate } } })]);
  const pages = Math.max(1, Math.ceil(total / ACTIONS_PAGE_SIZE));
  const page = Math.min(Math.max(1, requestedPage), pages);
  const items = await prisma.actionItem.findMany({
    where,
    select: {
      id: true,
      what: true,
      dueOn: true,
      organisation: { select: { slug: true, name: true } },
      group: { select: { slug: true, name: true } },
      meeting: { select: { id: true, title: true, startsAt: true } },
    },
    orderBy: [{ dueOn: { sort: "asc", nulls: "last" } }, { meeting: { startsAt: "asc" } }, { id: "asc" }],
    skip: (page - 1) * ACTIONS_PAGE_SIZE,
    take: ACTIONS_PAGE_SIZE,
  });
  const list: OpenAction[] = items.map((item) => ({
    ...item,
    dueOn: item.dueOn ? dateKey(item.dueOn) : null,
    overdue: !!item.dueOn && item.dueOn < todayDate,
    dueToday: !!item.dueOn && dateKey(item.dueOn) === today,
  }));
  return { items: list, total, overdue, page, pages };
}

/**
 * The organisations a coordinator may filter by: those with open actions in the network (a list
 * of every member would weigh more than the actions themselves), plus the one already chosen.
 */
export async function organisationsWithOpenActions(networkId: string) {
  return prisma.organisation.findMany({
    where: { networks: { some: { networkId } }, actionItems: { some: { status: "open", group: { networkId } } } },
    select: { id: true, slug: true, name: true },
    orderBy: { name: "asc" },
  });
}
