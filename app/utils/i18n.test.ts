import { readdirSync } from "node:fs";

import { describe, expect, test } from "vitest";

import { dictionaries, domainDictionaries } from "#app/locales/index";

import { localeFromAcceptLanguage, makeT, messageWithVars, translate, translatePlural } from "./i18n";

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

  // "meetings.rsvp.yes" lives in meetings.ts, "networkAdmin.title" in network-admin.ts: the file of
  // any key is found from the key, and a key in the wrong file fails here.
  const files = readdirSync(new URL("../locales/", import.meta.url)).filter((f) => f.endsWith(".ts") && f !== "index.ts");
  test("a key's prefix is the name of its file, and every file is merged", async () => {
    const camel = (file: string) => file.replace(/\.ts$/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    expect(files.map(camel).sort()).toEqual(Object.keys(domainDictionaries).sort());
    for (const file of files) {
      const dict = (await import(`../locales/${file}`)).default as Record<"fr" | "nl" | "en", Record<string, string>>;
      for (const lang of ["fr", "nl", "en"] as const) {
        for (const key of Object.keys(dict[lang])) expect(key.split(".")[0], `${lang} ${key} in ${file}`).toBe(camel(file));
      }
    }
  });

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
  test("t() takes only keys of the dictionaries; runtime messages and families say so", () => {
    const t = makeT("en");
    expect(t("login.title")).toBe(dictionaries.en["login.title"]);
    // @ts-expect-error: "login.titel" is not a key (tsc fails if this line stops being an error)
    expect(t("login.titel")).toBe("login.titel");
    expect(t.pick("weekday", 1)).toBe(dictionaries.en["weekday.1"]);
    // @ts-expect-error: no key starts with "weekdays."
    expect(t.pick("weekdays", 1)).toBe("weekdays.1");
    expect(t.message(messageWithVars("login.rateLimited", { minutes: 12 }))).toContain("12");
    expect(t.plural("home.organisationCount", 2)).toBe("2 organisations");
  });
  test("plural forms", () => {
    expect(translatePlural("fr", "home.organisationCount", 1)).toBe("1 organisation");
    expect(translatePlural("en", "home.organisationCount", 3)).toBe("3 organisations");
  });
  test("plurals inside a sentence follow each language's rules, several counts in one sentence", () => {
    const done = (locale: "fr" | "nl" | "en", created: number, updated: number) => translate(locale, messageWithVars("import.done", { created, updated }));
    expect(done("fr", 1, 0)).toBe("Import terminé : 1 organisation créée, 0 mise à jour.");
    expect(done("fr", 3, 2)).toBe("Import terminé : 3 organisations créées, 2 mises à jour.");
    expect(done("nl", 1, 4)).toBe("Import voltooid: 1 organisatie aangemaakt, 4 bijgewerkt.");
    expect(done("en", 0, 1)).toBe("Import complete: 0 organisations created, 1 updated."); // English: 0 is plural, French: singular
    expect(translate("fr", "minutes.toast.published", { emails: 0 })).toBe("Procès-verbal publié ; 0 e-mail envoyé aux participants.");
    expect(translate("fr", "meetings.page.proposalsWaiting", { count: 12 })).toBe("12 propositions en attente");
    // Without the count, the text stays as written rather than guessing a form.
    expect(translate("fr", "meetings.page.proposalsWaiting", { other: 1 })).toContain("{count, plural,");
  });
  test('no lazy plurals: no "(s)" or "(en)" left for the reader to sort out', () => {
    // The paper adhesion form's blank lines are filled by hand by one or more signatories: there
    // the brackets are the form's, not laziness.
    const paperForm = new Set(["charterPdf.signatureTitle", "charterPdf.signatureNames", "charterPdf.signatureSign"]);
    const lazy = Object.entries(dictionaries).flatMap(([lang, dict]) =>
      Object.entries(dict as Record<string, string>)
        .filter(([key, value]) => !paperForm.has(key) && /\w\((s|en|es|n|e)\)/.test(value))
        .map(([key]) => `${lang} ${key}`),
    );
    expect(lazy).toEqual([]);
  });
  test("Accept-Language picks the best supported language", () => {
    expect(localeFromAcceptLanguage("de-DE,nl-BE;q=0.8,fr;q=0.5")).toBe("nl");
    expect(localeFromAcceptLanguage("de, es")).toBeUndefined();
    expect(localeFromAcceptLanguage(null)).toBeUndefined();
  });
});
