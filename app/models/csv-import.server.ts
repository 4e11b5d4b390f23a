// CSV import and export of a network's organisations. The import is planned (parsed, validated
// row by row, matched by name against the network's organisations) without writing anything;
// the commit plans the same text again inside one transaction and writes every row or none.
// The export writes the same columns, so an export can be edited in Excel and imported back.
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";

import type { Prisma } from "#app/generated/prisma/client";
import { dictionaries } from "#app/locales/index";
import { audit } from "#app/utils/audit.server";
import { prisma, transaction } from "#app/utils/db.server";
import { foldText, ORGANISATION_KINDS, SPOKEN_LANGUAGES } from "#app/utils/domain";
import { invalid } from "#app/utils/errors.server";
import { LOCALES, messageWithVars } from "#app/utils/i18n";
import { singleLine } from "#app/utils/text";

import { createOrganisation, type OrganisationInput, updateOrganisation } from "./organisation.server";

type Db = Prisma.TransactionClient;

export const IMPORT_COLUMNS = [
  "name",
  "short_name",
  "kind",
  "description",
  "street",
  "postal_code",
  "commune",
  "latitude",
  "longitude",
  "phone",
  "email",
  "website",
  "themes",
  "languages",
  "address_public",
  "phone_public",
  "email_public",
  "website_public",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const MAX_IMPORT_ROWS = 2000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** Headings people write in French spreadsheets, read as the documented column. */
const COLUMN_ALIASES: Record<string, ImportColumn> = {
  nom: "name",
  nom_court: "short_name",
  sigle: "short_name",
  type: "kind",
  rue: "street",
  adresse: "street",
  code_postal: "postal_code",
  cp: "postal_code",
  telephone: "phone",
  tel: "phone",
  e_mail: "email",
  courriel: "email",
  site: "website",
  site_web: "website",
  thematiques: "themes",
  langues: "languages",
};

/** UTF-8 (with or without BOM); Excel's "CSV" on Windows writes Windows-1252, read that too. */
export function decodeCsv(bytes: Uint8Array) {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** `;` (Excel in Belgium and France) or `,`, whichever the heading line uses more, outside quotes. */
export function detectDelimiter(text: string): ";" | "," {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && c === ";") semicolons++;
    else if (!quoted && c === ",") commas++;
  }
  return semicolons >= commas && semicolons > 0 ? ";" : ",";
}

function columnOf(heading: string): ImportColumn | null {
  const key = foldText(heading).replace(/[\s-]+/g, "_");
  if ((IMPORT_COLUMNS as readonly string[]).includes(key)) return key as ImportColumn;
  return COLUMN_ALIASES[key] ?? null;
}

export type CsvRecord = { row: number; values: Partial<Record<ImportColumn, string>>; extraFields: boolean };
export type ParsedCsv = { columns: ImportColumn[]; ignored: string[]; records: CsvRecord[] };

/** Parses the text; `row` is the row number a spreadsheet shows (the heading is row 1). */
export function parseCsv(text: string): ParsedCsv {
  let table: string[][];
  try {
    table = parse(text.replace(/^\uFEFF/, ""), {
      delimiter: detectDelimiter(text.replace(/^\uFEFF/, "")),
      relax_column_count: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw line ? invalid("import.error.parseAt", undefined, { line }) : invalid("import.error.parse");
  }
  const [heading, ...body] = table;
  if (!heading || heading.every((h) => !h.trim())) throw invalid("import.error.empty");
  const columns: (ImportColumn | null)[] = heading.map(columnOf);
  const ignored = heading.filter((h, i) => h.trim() && !columns[i]).map((h) => h.trim());
  const known = columns.filter((c): c is ImportColumn => !!c);
  const twice = known.find((c, i) => known.indexOf(c) !== i);
  if (twice) throw invalid("import.error.columnTwice", undefined, { column: twice });
  if (!known.includes("name")) throw invalid("import.error.noNameColumn");

  const records: CsvRecord[] = [];
  body.forEach((fields, index) => {
    // Blank lines and rows of empty cells (Excel leaves some at the end) are not organisations.
    if (fields.every((f) => !f.trim())) return;
    const values: Partial<Record<ImportColumn, string>> = {};
    columns.forEach((column, i) => {
      if (column) values[column] = unescapeFormula(fields[i] ?? "");
    });
    records.push({ row: index + 2, values, extraFields: fields.length > heading.length && fields.slice(heading.length).some((f) => f.trim()) });
  });
  if (records.length === 0) throw invalid("import.error.empty");
  if (records.length > MAX_IMPORT_ROWS) {
    throw invalid("import.error.tooManyRows", undefined, { count: records.length, max: MAX_IMPORT_ROWS });
  }
  return { columns: known, ignored, records };
}

// ---------------------------------------------------------------------------------------------
// One row: a Zod schema of the documented columns. Pure: matching against the database is later.

/** Every way to write a kind: its code, or its label in French, Dutch or English. */
const KIND_BY_TEXT = new Map<string, string>();
for (const kind of ORGANISATION_KINDS) {
  KIND_BY_TEXT.set(foldText(kind), kind);
  KIND_BY_TEXT.set(foldText(kind.replace(/_/g, " ")), kind);
  for (const locale of LOCALES) {
    const label = (dictionaries[locale] as Record<string, string>)[`org.kind.${kind}`];
    if (label) KIND_BY_TEXT.set(foldText(label), kind);
  }
}

const YES = new Set(["oui", "yes", "ja", "true", "vrai", "1", "x", "public", "publique"]);
const NO = new Set(["non", "no", "nee", "false", "faux", "0", "prive", "privee", "private"]);

const cell = (max: number) => z.string().trim().max(max, "form.tooLong");
/** Names and address parts: one line (a quoted CSV cell may hold line breaks). */
const line = (max: number) => singleLine(cell(max));
const nullable = (schema: z.ZodTypeAny) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (!v) return null;
      const result = schema.safeParse(v);
      if (!result.success) {
        for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
        return z.NEVER;
      }
      return result.data as string;
    });
const coordinate = (limit: number, rangeKey: string) =>
  z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v.replace(",", "."));
      if (!Number.isFinite(n)) {
        ctx.addIssue({ code: "custom", message: "import.error.number" });
        return z.NEVER;
      }
      if (Math.abs(n) > limit) {
        ctx.addIssue({ code: "custom", message: rangeKey });
        return z.NEVER;
      }
      return n;
    });
const flag = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const key = foldText(v);
    if (!key || YES.has(key)) return true;
    if (NO.has(key)) return false;
    ctx.addIssue({ code: "custom", message: "import.error.yesNo" });
    return z.NEVER;
  });
const list = (v: string) => [
  ...new Set(
    v
      .split("|")
      .map((x) => x.trim())
      .filter(Boolean),
  ),
];

export function rowSchema(networkThemes: string[]) {
  const themeByFolded = new Map(networkThemes.map((t) => [foldText(t), t]));
  return z.object({
    name: singleLine(z.string().trim().min(1, "form.required").max(200, "form.tooLong")),
    short_name: nullable(line(60)),
    kind: z
      .string()
      .trim()
      .transform((v, ctx) => {
        if (!v) {
          ctx.addIssue({ code: "custom", message: "form.required" });
          return z.NEVER;
        }
        const kind = KIND_BY_TEXT.get(foldText(v));
        if (!kind) {
          ctx.addIssue({ code: "custom", message: messageWithVars("import.error.kind", { value: v }) });
          return z.NEVER;
        }
        return kind;
      }),
    description: cell(5000),
    street: line(200),
    postal_code: cell(12),
    commune: line(100),
    latitude: coordinate(90, "import.error.latitude"),
    longitude: coordinate(180, "import.error.longitude"),
    phone: nullable(
      z
        .string()
        .max(40, "form.tooLong")
        .regex(/^\+?[0-9][0-9 ()./-]{4,}$/, "form.invalidPhone"),
    ),
    email: nullable(z.string().toLowerCase().email("form.invalidEmail").max(254, "form.tooLong")),
    website: nullable(
      z
        .string()
        // "www.exemple.be" is what people write; store a full address.
        .transform((v) => (/^https?:\/\//i.test(v) ? v : `https://${v}`))
        .pipe(z.string().url("form.invalidUrl").max(300, "form.tooLong")),
    ),
    themes: z.string().transform((v, ctx) => {
      const wanted = list(v);
      const unknown = wanted.filter((t) => !themeByFolded.has(foldText(t)));
      if (unknown.length) {
        ctx.addIssue({ code: "custom", message: messageWithVars("import.error.theme", { themes: unknown.join(", ") }) });
        return z.NEVER;
      }
      return [...new Set(wanted.map((t) => themeByFolded.get(foldText(t))!))];
    }),
    languages: z.string().transform((v, ctx) => {
      const codes = list(v).map((c) => c.toLowerCase());
      const unknown = codes.filter((c) => !(SPOKEN_LANGUAGES as readonly string[]).includes(c));
      if (unknown.length) {
        ctx.addIssue({ code: "custom", message: messageWithVars("import.error.language", { codes: unknown.join(", ") }) });
        return z.NEVER;
      }
      return codes;
    }),
    address_public: flag,
    phone_public: flag,
    email_public: flag,
    website_public: flag,
  });
}
type Row = z.output<ReturnType<typeof rowSchema>>;

const INPUT_KEY: Record<ImportColumn, keyof OrganisationInput> = {
  name: "name",
  short_name: "shortName",
  kind: "kind",
  description: "description",
  street: "street",
  postal_code: "postalCode",
  commune: "commune",
  latitude: "latitude",
  longitude: "longitude",
  phone: "phone",
  email: "email",
  website: "website",
  themes: "themes",
  languages: "languages",
  address_public: "addressPublic",
  phone_public: "phonePublic",
  email_public: "emailPublic",
  website_public: "websitePublic",
};

// ---------------------------------------------------------------------------------------------
// The plan: what each row would do. Nothing is written.

export type RowError = { column: ImportColumn | null; message: string };
export type PlannedRow = {
  row: number;
  name: string;
  kind: string | null;
  commune: string;
  action: "create" | "update" | "error";
  errors: RowError[];
};
export type ImportPlan = {
  columns: ImportColumn[];
  ignored: string[];
  rows: PlannedRow[];
  counts: { create: number; update: number; error: number };
  writes: { row: number; existingId: string | null; input: OrganisationInput }[];
};

export async function planImport(db: Db, network: { id: string; themes: string[] }, text: string): Promise<ImportPlan> {
  const parsed = parseCsv(text);
  // Absent columns are not validated (and, for an update, not changed).
  const schema = rowSchema(network.themes).pick(Object.fromEntries(parsed.columns.map((c) => [c, true])) as Record<ImportColumn, true>);
  const existing = await db.organisation.findMany({
    where: { networks: { some: { networkId: network.id } } },
    select: { id: true, name: true },
  });
  const idsByName = new Map<string, string[]>();
  for (const org of existing) idsByName.set(foldText(org.name), [...(idsByName.get(foldText(org.name)) ?? []), org.id]);

  const firstRowByName = new Map<string, number>();
  const rows: PlannedRow[] = [];
  const writes: ImportPlan["writes"] = [];
  for (const record of parsed.records) {
    const result = schema.safeParse(Object.fromEntries(parsed.columns.map((c) => [c, record.values[c] ?? ""])));
    const errors: RowError[] = result.success ? [] : result.error.issues.map((i) => ({ column: (i.path[0] as ImportColumn) ?? null, message: i.message }));
    if (record.extraFields) errors.push({ column: null, message: "import.error.extraFields" });

    const name = (record.values.name ?? "").trim();
    const folded = foldText(name);
    const matches = folded ? (idsByName.get(folded) ?? []) : [];
    if (folded && firstRowByName.has(folded)) {
      errors.push({ column: "name", message: messageWithVars("import.error.duplicate", { row: firstRowByName.get(folded)! }) });
    } else if (folded) firstRowByName.set(folded, record.row);
    if (matches.length > 1) errors.push({ column: "name", message: "import.error.ambiguous" });
    if (matches.length === 0 && !parsed.columns.includes("kind")) errors.push({ column: "kind", message: "import.error.kindForNew" });

    const action = errors.length ? "error" : matches.length ? "update" : "create";
    const row = (result.success ? result.data : {}) as Partial<Row>;
    rows.push({ row: record.row, name, kind: row.kind ?? null, commune: (record.values.commune ?? "").trim(), action, errors });
    if (action !== "error") {
      const input = Object.fromEntries(parsed.columns.map((c) => [INPUT_KEY[c], row[c]])) as unknown as OrganisationInput;
      writes.push({ row: record.row, existingId: matches[0] ?? null, input });
    }
  }
  const count = (a: PlannedRow["action"]) => rows.filter((r) => r.action === a).length;
  return {
    columns: parsed.columns,
    ignored: parsed.ignored,
    rows,
    counts: { create: count("create"), update: count("update"), error: count("error") },
    writes,
  };
}

export async function previewImport(network: { id: string; themes: string[] }, text: string) {
  return planImport(prisma, network, text);
}

export type ImportOutcome = { ok: true; created: number; updated: number } | { ok: false; plan: ImportPlan };

/**
 * Plans again (never trusts a preview) and writes every row in one transaction. With any row in
 * error nothing is written and the plan comes back; a failure while writing rolls everything back.
 */
export async function commitImport(network: { id: string; themes: string[] }, actorId: string, text: string): Promise<ImportOutcome> {
  return transaction(async (tx) => {
    const plan = await planImport(tx, network, text);
    if (plan.counts.error > 0) return { ok: false as const, plan };
    for (const write of plan.writes) {
      if (write.existingId) await updateOrganisation(tx, network.id, actorId, write.existingId, write.input);
      else await createOrganisation(tx, network.id, actorId, write.input);
    }
    await audit(tx, {
      networkId: network.id,
      actorId,
      action: "organisation.import",
      entityType: "network",
      entityId: network.id,
      after: { created: plan.counts.create, updated: plan.counts.update, columns: plan.columns },
    });
    return { ok: true as const, created: plan.counts.create, updated: plan.counts.update };
  });
}

// ---------------------------------------------------------------------------------------------
// Export and template.

/**
 * Spreadsheets run a cell as a formula when it starts with = + - or @, and skip a leading tab or
 * CR before looking (`-2+3+cmd|' /C calc'!A0` runs a program in some). OWASP's rule: every such
 * cell is written with a leading ', whatever its column (a phone "+32 2 …" too, which Excel would
 * otherwise read as a broken formula). The import takes the ' off again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
function escapeFormula(value: string) {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
function unescapeFormula(value: string) {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

const yesNo = (v: boolean) => (v ? "oui" : "non");

/**
 * `;`-separated with a BOM and CRLF: Excel in Belgium opens it as a table, accents intact. Any line
 * end in a cell is quoted: csv-stringify quotes only a full CRLF, and a lone LF or CR would cut the row.
 */
export function toCsv(rows: string[][]) {
  return stringify(
    rows.map((r) => r.map(escapeFormula)),
    { delimiter: ";", record_delimiter: "\r\n", bom: true, quoted_match: /[\r\n]/ },
  );
}

export async function exportOrganisationsCsv(networkId: string) {
  const orgs = await prisma.organisation.findMany({
    where: { networks: { some: { networkId } } },
    orderBy: { name: "asc" },
    select: {
      name: true,
      shortName: true,
      kind: true,
      description: true,
      street: true,
      postalCode: true,
      commune: true,
      latitude: true,
      longitude: true,
      phone: true,
      email: true,
      website: true,
      themes: true,
      languages: true,
      addressPublic: true,
      phonePublic: true,
      emailPublic: true,
      websitePublic: true,
    },
  });
  const rows = orgs.map((o) => [
    o.name,
    o.shortName ?? "",
    o.kind,
    o.description,
    o.street,
    o.postalCode,
    o.commune,
    o.latitude === null ? "" : String(o.latitude),
    o.longitude === null ? "" : String(o.longitude),
    o.phone ?? "",
    o.email ?? "",
    o.website ?? "",
    o.themes.join("|"),
    o.languages.join("|"),
    yesNo(o.addressPublic),
    yesNo(o.phonePublic),
    yesNo(o.emailPublic),
    yesNo(o.websitePublic),
  ]);
  return toCsv([[...IMPORT_COLUMNS], ...rows]);
}

/** The example rows shown on the import page and offered as a template to download. */
export function templateRows(themes: string[]): string[][] {
  const [first = "", second = ""] = themes;
  return [
    [...IMPORT_COLUMNS],
    [
      "Maison médicale du Parvis",
      "MM Parvis",
      "medical_centre",
      "Soins de première ligne au forfait, accueil sans rendez-vous le matin.",
      "Parvis Saint-Gilles 12",
      "1060",
      "Saint-Gilles",
      "50,8283",
      "4,3455",
      "02 538 00 00",
      "accueil@mm-parvis.example",
      "www.mm-parvis.example",
      [first, second].filter(Boolean).join("|"),
      "fr|nl|ar",
      "oui",
      "oui",
      "non",
      "oui",
    ],
    ["Service d'aide aux familles", "", "Association", "", "Rue de la Victoire 5", "1060", "Saint-Gilles", "", "", "", "", "", first, "fr", "", "", "", ""],
  ];
}
