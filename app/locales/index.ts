// Every domain's dictionary, merged. Add a domain file here; tests/i18n.test.ts checks that the
// three languages have exactly the same keys.
import accounts from "./accounts";
import admin from "./admin";
import charter from "./charter";
import charterAdmin from "./charter-admin";
import charterEditor from "./charter-editor";
import charterPdf from "./charter-pdf";
import common from "./common";
import join from "./join";
import organisations from "./organisations";
import groups from "./groups";
import meetings from "./meetings";
import calendar from "./calendar";
import minutes from "./minutes";
import search from "./search";

const domains = [common, accounts, organisations, admin, charter, charterEditor, charterAdmin, charterPdf, join, groups, meetings, calendar, minutes, search];

function merge<K extends "fr" | "nl" | "en">(lang: K) {
  return Object.assign({}, ...domains.map((d) => d[lang])) as (typeof common)["fr"] &
    (typeof accounts)["fr"] &
    (typeof organisations)["fr"] &
    (typeof admin)["fr"] &
    (typeof charter)["fr"] &
    (typeof charterEditor)["fr"] &
    (typeof charterAdmin)["fr"] &
    (typeof charterPdf)["fr"] &
    (typeof join)["fr"] &
    (typeof groups)["fr"] &
    (typeof meetings)["fr"] &
    (typeof calendar)["fr"] &
    (typeof minutes)["fr"] &
    (typeof search)["fr"];
}

export const dictionaries = { fr: merge("fr"), nl: merge("nl"), en: merge("en") };
export const domainDictionaries = { common, accounts, organisations, admin, charter, charterEditor, charterAdmin, charterPdf, join, groups, meetings, calendar, minutes, search };
