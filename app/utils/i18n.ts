// Translation: French first, Dutch and English complete. Dictionaries live in app/locales/, one
// file per key prefix ("meetings.rsvp.yes" in meetings.ts), each holding one block per language;
// app/utils/i18n.test.ts fails on a key in the wrong file or missing in a language. t() takes
// only keys that exist: a wrong key is a type error.
import type { MetaDescriptor } from "@remix-run/react";

import { dictionaries } from "#app/locales/index";

export const LOCALES = ["fr", "nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "fr";
export type TranslationKey = keyof (typeof dictionaries)["fr"];
/** The keys of a family: KeysUnder<"org.kind"> = "org.kind.association" | "org.kind.cpas" | … */
export type KeysUnder<P extends string> = Extract<TranslationKey, `${P}.${string}`>;
/** A key with plural forms, without its ".one" / ".other": "home.organisationCount". */
export type PluralKey = TranslationKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;
export type Vars = Record<string, string | number>;

/** The language of a document we produce (a PDF's /Lang), as it always was: Belgian French and Dutch, English. */
const DOCUMENT_LANGUAGE_TAGS: Record<Locale, string> = { fr: "fr-BE", nl: "nl-BE", en: "en" };
export function documentLanguageTag(locale: string) {
  return isLocale(locale) ? DOCUMENT_LANGUAGE_TAGS[locale] : DOCUMENT_LANGUAGE_TAGS.fr;
}

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
  return withPlurals(locale, text, vars).replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/**
 * Plurals inside a sentence, for sentences with several counts: "{created, plural, one {#
 * organisation créée} other {# organisations créées}}" (the ICU syntax, `#` is the number; `=0`
 * picks an exact number first). The form comes from the language's own rules (Intl.PluralRules:
 * French says "0 e-mail envoyé"). A count that is not a number leaves the text as written.
 */
const PLURAL_BLOCK = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other) \{[^{}]*\})+)\s*\}/g;
const PLURAL_OPTION = /(=\d+|zero|one|two|few|many|other) \{([^{}]*)\}/g;
function withPlurals(locale: Locale, text: string, vars: Vars) {
  if (!text.includes(", plural,")) return text;
  return text.replace(PLURAL_BLOCK, (block, name: string, body: string) => {
    const count = Number(vars[name]);
    if (!(name in vars) || !Number.isFinite(count)) return block;
    const options = new Map([...body.matchAll(PLURAL_OPTION)].map(([, form, words]) => [form, words]));
    const words = options.get(`=${count}`) ?? options.get(new Intl.PluralRules(locale).select(count)) ?? options.get("other") ?? "";
    return words.replace(/#/g, String(count));
  });
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
  const t = (key: TranslationKey, vars?: Vars) => translate(locale, key, vars);
  /**
   * A message that reached this code at run time: a form error from a schema, a domain error's
   * key, a toast, "key|vars" (messageWithVars). The compiler cannot check it; an unknown key is
   * shown as it is.
   */
  t.message = (message: string, vars?: Vars) => translate(locale, message, vars);
  /**
   * One key of a family chosen by a value: t.pick("org.kind", kind) is "org.kind.<kind>". The
   * family is checked by the compiler (a family without keys is a type error), the value at run
   * time (the tests of each page).
   */
  t.pick = <P extends string>(family: [KeysUnder<P>] extends [never] ? never : P, value: string | number, vars?: Vars) =>
    translate(locale, `${family}.${value}`, vars);
  t.plural = (key: PluralKey, count: number, vars?: Vars) => translatePlural(locale, key, count, vars);
  t.locale = locale;
  return t;
}
export type T = ReturnType<typeof makeT>;

type RouteMatch = { id: string; data: unknown };

/** The translation function of a meta export: meta has no hook, the locale is in the root's data. */
export function metaT(matches: RouteMatch[]) {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined)?.locale;
  return makeT(isLocale(locale) ? locale : DEFAULT_LOCALE);
}

/** A page title in the reader's language, "… — Maillage" ("Maillage" alone when there is none). */
export function pageTitle(matches: RouteMatch[], title: (t: T) => string | undefined): MetaDescriptor[] {
  const text = title(metaT(matches));
  return [{ title: text ? `${text} — Maillage` : "Maillage" }];
}
