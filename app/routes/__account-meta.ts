// Page titles of the account pages, in the reader's language (read from the root loader's data).
import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, makeT } from "#app/utils/i18n";

type Match = { id: string; data: unknown };

export function accountTitle(matches: Match[], key: string): MetaDescriptor[] {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale;
  const t = makeT(isLocale(locale) ? locale : DEFAULT_LOCALE);
  return [{ title: `${t(key)} — Maillage` }];
}
