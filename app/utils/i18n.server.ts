import { createCookie } from "@remix-run/node";

import { DEFAULT_LOCALE, isLocale, type Locale, localeFromAcceptLanguage } from "./i18n";

// The language switcher remembers its choice for visitors without an account.
export const localeCookie = createCookie("lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

/** The person's setting, then the switcher's cookie, then Accept-Language, then French. */
export async function resolveLocale(request: Request, userLocale?: string | null): Promise<Locale> {
  if (isLocale(userLocale)) return userLocale;
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}
