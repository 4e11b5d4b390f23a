import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";

import { DEFAULT_LOCALE, isLocale, type Locale, makeT } from "#app/utils/i18n";

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: string } | undefined;
  return isLocale(data?.locale) ? data.locale : DEFAULT_LOCALE;
}

/** The translation function of the reader's language. */
export function useT() {
  const locale = useLocale();
  return useMemo(() => makeT(locale), [locale]);
}
