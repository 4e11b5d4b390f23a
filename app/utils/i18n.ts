// Translation: French first, Dutch and English complete. Dictionaries live in app/locales/,
// one file per domain, each holding the three languages side by side so that a missing key is
// visible in review (and fails tests/i18n.test.ts).
import { dictionaries } from "#app/locales/index";

export const LOCALES = ["fr", "nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";
export type TranslationKey = keyof (typeof dictionaries)["fr"];
export type Vars = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * Messages carried through forms may hold their variables: "login.rateLimited|minutes=15".
 * Keeps Zod schemas and actions free of any language.
 */
export function messageWithVars(key: string, vars: Vars) {
  return `${key}|${new URLSearchParams(Object.entries(vars).map(([k, v]) => [k, String(v)]))}`;
}

export function translate(locale: Locale, message: string, extra?: Vars): string {
  const [key, encoded] = message.split("|", 2);
  const vars = encoded ? { ...Object.fromEntries(new URLSearchParams(encoded)), ...extra } : extra;
  const dict = dictionaries[locale] as Record<string, string>;
  const text = dict[key] ?? (dictionaries.fr as Record<string, string>)[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** Plural: looks for `key.one` / `key.other` (and `key.zero` when count is 0). */
export function translatePlural(locale: Locale, key: string, count: number, vars?: Vars): string {
  const dict = dictionaries[locale] as Record<string, string>;
  const form = count === 0 && `${key}.zero` in dict ? "zero" : new Intl.PluralRules(locale).select(count);
  const full = `${key}.${form}` in dict ? `${key}.${form}` : `${key}.other`;
  return translate(locale, full, { count, ...vars });
}

/** Picks the best locale from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLocale(base)) return base;
  }
  return undefined;
}

export function makeT(locale: Locale) {
  const t = (key: TranslationKey | string, vars?: Vars) => translate(locale, key, vars);
  t.plural = (key: string, count: number, vars?: Vars) => translatePlural(locale, key, count, vars);
  t.locale = locale;
  return t;
}
export type T = ReturnType<typeof makeT>;
