// Every dictionary, merged. One file per key prefix: "meetings.rsvp.yes" lives in meetings.ts,
// "networkAdmin.title" in network-admin.ts (app/utils/i18n.test.ts checks it, and that the three
// languages have exactly the same keys). Add a file here when a new prefix is needed.
import account from "./account";
import actions from "./actions";
import adhesionUpload from "./adhesion-upload";
import adhesionsAdmin from "./adhesions-admin";
import admin from "./admin";
import app from "./app";
import assemblies from "./assemblies";
import assembly from "./assembly";
import assemblyMinutes from "./assembly-minutes";
import audit from "./audit";
import ballotBox from "./ballot-box";
import calendar from "./calendar";
import charter from "./charter";
import charterEditor from "./charter-editor";
import charterPdf from "./charter-pdf";
import committee from "./committee";
import delegates from "./delegates";
import error from "./error";
import form from "./form";
import groups from "./groups";
import holiday from "./holiday";
import home from "./home";
import csvImport from "./import";
import invite from "./invite";
import join from "./join";
import lang from "./lang";
import layout from "./layout";
import login from "./login";
import logout from "./logout";
import meetings from "./meetings";
import membership from "./membership";
import minutes from "./minutes";
import nav from "./nav";
import network from "./network";
import networkAdmin from "./network-admin";
import org from "./org";
import outbox from "./outbox";
import pagination from "./pagination";
import poll from "./poll";
import refusal from "./refusal";
import reset from "./reset";
import richText from "./rich-text";
import screen from "./screen";
import search from "./search";
import series from "./series";
import statutes from "./statutes";
import upload from "./upload";
import vote from "./vote";
import weekday from "./weekday";

export const domainDictionaries = {
  account,
  actions,
  adhesionUpload,
  adhesionsAdmin,
  admin,
  app,
  assemblies,
  assembly,
  assemblyMinutes,
  audit,
  ballotBox,
  calendar,
  charter,
  charterEditor,
  charterPdf,
  committee,
  delegates,
  error,
  form,
  groups,
  holiday,
  home,
  import: csvImport,
  invite,
  join,
  lang,
  layout,
  login,
  logout,
  meetings,
  membership,
  minutes,
  nav,
  network,
  networkAdmin,
  org,
  outbox,
  pagination,
  refusal,
  reset,
  richText,
  screen,
  search,
  series,
  statutes,
  upload,
  poll,
  vote,
  weekday,
};

type Domains = typeof domainDictionaries;
// The keys of every file in one type: the intersection of their French dictionaries.
type Merged = { [D in keyof Domains]: (x: Domains[D]["fr"]) => void }[keyof Domains] extends (x: infer I) => void ? I : never;

function merge(lang: "fr" | "nl" | "en") {
  return Object.assign({}, ...Object.values(domainDictionaries).map((d) => d[lang])) as Merged;
}

export const dictionaries = { fr: merge("fr"), nl: merge("nl"), en: merge("en") };
