// Fixed-window counters in the database, so limits hold across restarts and, with PostgreSQL,
// across instances. (Redis would take over when REDIS_URL is set: not needed yet.)
import { now } from "./clock.server";
import { prisma } from "./db.server";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

export async function hitRateLimit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
  const current = now();
  const resetAt = new Date(current.getTime() + windowMs);
  const rows = await prisma.$queryRaw<{ count: number; resetAt: Date }[]>`
    INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES (${key}, 1, ${resetAt})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."resetAt" <= ${current} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${current} THEN ${resetAt} ELSE "RateLimit"."resetAt" END
    RETURNING "count", "resetAt"`;
  const row = rows[0];
  const count = Number(row.count);
  const reset = new Date(row.resetAt);
  return {
    allowed: count <= limit,
    count,
    retryAfterSeconds: Math.max(1, Math.ceil((reset.getTime() - current.getTime()) / 1000)),
  };
}

export async function clearRateLimit(key: string) {
  await prisma.rateLimit.deleteMany({ where: { key } });
}

/** The client's address as the server sees it (behind a proxy, Express's trust proxy decides). */
export function clientIp(request: Request) {
  return request.headers.get("x-maillage-client-ip") ?? "unknown";
}
