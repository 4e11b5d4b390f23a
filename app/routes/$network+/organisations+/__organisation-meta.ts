// Page titles of the directory pages in the reader's language (read from the root loader's data).
import type { MetaDescriptor } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, makeT, type T } from "#app/utils/i18n";

type Match = { id: string; data: unknown };

export function organisationTitle(matches: Match[], title: (t: T) => string | undefined): MetaDescriptor[] {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale;
  const text = title(makeT(isLocale(locale) ? locale : DEFAULT_LOCALE));
  return [{ title: text ? `${text} — Maillage` : "Maillage" }];
}
