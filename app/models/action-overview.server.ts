// The open action items across the network's working groups: "what my organisation still has to
// do" for a delegate, every open action of the network for a coordinator. Only a list: status
// changes happen on the minutes of the meeting (minutes.server.ts).
import { prisma } from "#app/utils/db.server";
import { dateKey, parseDateKey } from "#app/utils/dates";

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

/** Open actions in the scope, the most urgent first: overdue, then by due date, undated last. */
export async function openActions(scope: ActionScope, today: string): Promise<OpenAction[]> {
  if (scope.organisationIds && scope.organisationIds.length === 0) return [];
  const items = await prisma.actionItem.findMany({
    where: {
      status: "open",
      group: { networkId: scope.networkId },
      ...(scope.groupId ? { groupId: scope.groupId } : {}),
      ...(scope.organisationIds ? { organisationId: { in: scope.organisationIds } } : {}),
    },
    select: {
      id: true,
      what: true,
      dueOn: true,
      organisation: { select: { slug: true, name: true } },
      group: { select: { slug: true, name: true } },
      meeting: { select: { id: true, title: true, startsAt: true } },
    },
    orderBy: [{ dueOn: { sort: "asc", nulls: "last" } }, { meeting: { startsAt: "asc" } }, { id: "asc" }],
    take: 500,
  });
  const todayDate = parseDateKey(today)!;
  return items.map((item) => ({
    ...item,
    dueOn: item.dueOn ? dateKey(item.dueOn) : null,
    overdue: !!item.dueOn && item.dueOn < todayDate,
    dueToday: !!item.dueOn && dateKey(item.dueOn) === today,
  }));
}
