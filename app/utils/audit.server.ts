// Who changed what, when, before/after. Called inside the transaction of the change it records.
import type { Prisma } from "#app/generated/prisma/client";

import { type prisma } from "./db.server";

type Tx = Pick<typeof prisma, "auditLog">;

export type AuditEntry = {
  networkId?: string | null;
  actorId?: string | null;
  action: string; // domain.verb, e.g. "organisation.update"
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

function json(value: unknown) {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

export async function audit(tx: Tx, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      networkId: entry.networkId ?? null,
      actorId: entry.actorId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: json(entry.before),
      after: json(entry.after),
    },
  });
}

/** Only the fields that differ, so the log reads as a change and not a dump. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
