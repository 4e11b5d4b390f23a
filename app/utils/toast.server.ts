// One-time messages after a mutation (redirect, then show once).
import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";

import { getEnv } from "./env.server";

export type Toast = { kind: "success" | "info" | "error"; key: string; vars?: Record<string, string | number> };

let storage: SessionStorage<Record<string, never>, { toast: Toast }> | undefined;
function toastStorage() {
  const env = getEnv();
  storage ??= createCookieSessionStorage<Record<string, never>, { toast: Toast }>({
    cookie: { name: "__toast", httpOnly: true, sameSite: "lax", path: "/", secure: env.cookieSecure, secrets: [env.sessionSecret] },
  });
  return storage;
}

export async function toastHeader(toast: Toast) {
  const session = await toastStorage().getSession();
  session.flash("toast", toast);
  return toastStorage().commitSession(session);
}

export async function redirectWithToast(url: string, toast: Toast, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await toastHeader(toast));
  return redirect(url, { ...init, headers });
}

export async function readToast(request: Request) {
  const session = await toastStorage().getSession(request.headers.get("Cookie"));
  const toast = (session.get("toast") as Toast | undefined) ?? null;
  const header = toast ? await toastStorage().destroySession(session) : null;
  return { toast, header };
}
