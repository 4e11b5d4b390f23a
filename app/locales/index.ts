// Every domain's dictionary, merged. Add a domain file here; tests/i18n.test.ts checks that the
// three languages have exactly the same keys.
import accounts from "./accounts";
import admin from "./admin";
import common from "./common";
import organisations from "./organisations";

const domains = [common, accounts, organisations, admin];

function merge<K extends "fr" | "nl" | "en">(lang: K) {
  return Object.assign({}, ...domains.map((d) => d[lang])) as (typeof common)["fr"] &
    (typeof accounts)["fr"] &
    (typeof organisations)["fr"] &
    (typeof admin)["fr"];
}

export const dictionaries = { fr: merge("fr"), nl: merge("nl"), en: merge("en") };
export const domainDictionaries = { common, accounts, organisations, admin };
