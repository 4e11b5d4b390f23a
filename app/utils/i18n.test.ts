import { describe, expect, test } from "vitest";
import { domainDictionaries } from "#app/locales/index";
import { localeFromAcceptLanguage, messageWithVars, translate, translatePlural } from "./i18n";

describe("dictionaries", () => {
  for (const [domain, dict] of Object.entries(domainDictionaries)) {
    test(`${domain}: French, Dutch and English have the same keys, none empty`, () => {
      const fr = Object.keys(dict.fr).sort();
      expect(Object.keys(dict.nl).sort()).toEqual(fr);
      expect(Object.keys(dict.en).sort()).toEqual(fr);
      for (const lang of ["fr", "nl", "en"] as const) {
        for (const [key, value] of Object.entries(dict[lang] as Record<string, string>)) {
          expect(value.trim(), `${lang} ${key}`).not.toBe("");
        }
      }
    });
  }

  test("no key is defined by two domains", () => {
    const seen = new Map<string, string>();
    for (const [domain, dict] of Object.entries(domainDictionaries)) {
      for (const key of Object.keys(dict.fr)) {
        expect(seen.get(key), `${key} in ${domain} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, domain);
      }
    }
  });
});

describe("translate", () => {
  test("interpolates variables, also those carried in the message", () => {
    expect(translate("fr", "login.welcome", { name: "Ana" })).toBe("Bienvenue, Ana.");
    expect(translate("nl", messageWithVars("login.rateLimited", { minutes: 12 }))).toContain("over 12 minuten");
  });
  test("plural forms", () => {
    expect(translatePlural("fr", "home.organisationCount", 1)).toBe("1 organisation");
    expect(translatePlural("en", "home.organisationCount", 3)).toBe("3 organisations");
  });
  test("Accept-Language picks the best supported language", () => {
    expect(localeFromAcceptLanguage("de-DE,nl-BE;q=0.8,fr;q=0.5")).toBe("nl");
    expect(localeFromAcceptLanguage("de, es")).toBeUndefined();
    expect(localeFromAcceptLanguage(null)).toBeUndefined();
  });
});
