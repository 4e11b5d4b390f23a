// Cookie sessions that point to a row of Session: revocable from /account, expiring, and never
// holding more than an id in the browser.
import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";

import { now } from "./clock.server";
import { prisma } from "./db.server";
import { getEnv } from "./env.server";
import { clientIp } from "./rate-limit.server";
import { oncePerRequest } from "./request-scope.server";
import { randomToken } from "./tokens.server";

export const SESSION_DAYS = 30;
const SESSION_MS = SESSION_DAYS * 24 * 60 * 60 * 1000;
const TOUCH_MS = 5 * 60 * 1000;

let storage: SessionStorage<{ sid: string }> | undefined;
export function sessionStorage() {
  const env = getEnv();
  storage ??= createCookieSessionStorage<{ sid: string }>({
    cookie: {
      name: "__maillage",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: env.cookieSecure,
      secrets: [env.sessionSecret],
      maxAge: SESSION_MS / 1000,
    },
  });
  return storage;
}

export async function getCookieSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

/**
 * The valid session row behind the request's cookie, or null. Cached per Request object and, on
 * a reading request, for the whole request (request-scope.server.ts).
 */
const cache = new WeakMap<Request, Promise<{ id: string; userId: string } | null>>();
export function getSession(request: Request) {
  let found = cache.get(request);
  if (!found) {
    found = oncePerRequest(`session:${request.headers.get("Cookie") ?? ""}`, () => readSession(request));
    cache.set(request, found);
  }
  return found;
}

async function readSession(request: Request) {
  const cookie = await getCookieSession(request);
  const id = cookie.get("sid");
  if (typeof id !== "string") return null;
  const row = await prisma.session.findUnique({
    where: { id },
    select: { id: true, userId: true, expiresAt: true, revokedAt: true, lastSeenAt: true },
  });
  const current = now();
  if (!row || row.revokedAt || row.expiresAt <= current) return null;
  if (current.getTime() - row.lastSeenAt.getTime() > TOUCH_MS) {
    await prisma.session.update({ where: { id }, data: { lastSeenAt: current } });
  }
  return { id: row.id, userId: row.userId };
}

export async function getUserId(request: Request) {
  return (await getSession(request))?.userId ?? null;
}

/**
 * A path of this site to go to after signing in or changing language, or `fallback`. Browsers
 * drop tabs and line breaks from addresses and read "\\" as "/", so "/\t/evil.example" is
 * "//evil.example": anything with whitespace or a control character is refused, and the path
 * must resolve to our own origin.
 */
export function safeRedirectTo(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return fallback;

  if (/[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\\]/.test(to)) return fallback;
  const base = "http://maillage.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return url.pathname + url.search + url.hash;
}

export async function requireUserId(request: Request) {
  const userId = await getUserId(request);
  if (!userId) {
    const url = new URL(request.url);
    const here = url.pathname + url.search;
    throw redirect(`/login?${new URLSearchParams({ redirectTo: here })}`);
  }
  return userId;
}

/** Creates the session row and returns the Set-Cookie header that carries it. */
export async function createUserSession(request: Request, userId: string) {
  const id = randomToken();
  await prisma.session.create({
    data: {
      id,
      userId,
      expiresAt: new Date(now().getTime() + SESSION_MS),
      userAgent: request.headers.get("User-Agent")?.slice(0, 300) ?? null,
      ip: clientIp(request),
    },
  });
  const cookie = await getCookieSession(request);
  cookie.set("sid", id);
  return sessionStorage().commitSession(cookie);
}

export async function destroyUserSession(request: Request) {
  const cookie = await getCookieSession(request);
  const id = cookie.get("sid");
  if (typeof id === "string") {
    await prisma.session.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now() } });
  }
  return sessionStorage().destroySession(cookie);
}
