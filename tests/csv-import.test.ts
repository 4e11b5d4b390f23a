import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";

import { commitImport, decodeCsv, MAX_IMPORT_ROWS, parseCsv, previewImport, toCsv } from "#app/models/csv-import.server";
import { loader as exportLoader } from "#app/routes/$network+/admin+/export";
import { action as importAction, loader as importLoader } from "#app/routes/$network+/admin+/import";
import { prisma } from "#app/utils/db.server";
import { createNetwork, createOrganisation, createUser, makeCoordinator, makeDelegate, makeRequest, sessionCookie } from "#tests/factories";

type Result = Response | { data: unknown; init: ResponseInit | null };
const statusOf = (r: Result) => (r instanceof Response ? r.status : (r.init?.status ?? 200));

const dataOf = (r: Result) => (r instanceof Response ? null : (r.data as Record<string, any>));

async function coordinatorOf(themes = ["Logement", "Santé", "Jeunesse"]) {
  const network = await createNetwork({ themes });
  const user = await createUser();
  await makeCoordinator(network.id, user.id);
  return { network, user, cookie: await sessionCookie(user.id) };
}

function postImport(slug: string, cookie: string, form: Record<string, string>) {
  return importAction({
    request: makeRequest(`/${slug}/admin/import`, { method: "POST", cookie, form }),
    params: { network: slug },
    context: {},
  }) as Promise<Result>;
}

function postFile(slug: string, cookie: string, bytes: Uint8Array, pasted = "") {
  const form = new FormData();
  form.append("intent", "preview");
  form.append("file", new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "text/csv" }), "membres.csv");
  form.append("pasted", pasted);
  const request = new Request(`http://localhost/${slug}/admin/import`, { method: "POST", headers: { Cookie: cookie }, body: form });
  return importAction({ request, params: { network: slug }, context: {} }) as Promise<Result>;
}

const orgCount = (networkId: string) => prisma.networkOrganisation.count({ where: { networkId } });

describe("parsing", () => {
  test("semicolons, BOM, quoted fields with newlines and separators, French accents; rows numbered as in the spreadsheet", () => {
    const text =
      '\uFEFFname;kind;description;commune\r\n"Café-Rencontre ""Le Pont""";association;"Accueil; écoute\r\net orientation";Ixelles\r\n\r\nÉcole des Devoirs;school;;Forest\r\n';
    const parsed = parseCsv(text);
    expect(parsed.columns).toEqual(["name", "kind", "description", "commune"]);
    expect(parsed.records).toHaveLength(2);
    expect(parsed.records[0]).toMatchObject({
      row: 2,
      values: { name: 'Café-Rencontre "Le Pont"', description: "Accueil; écoute\r\net orientation", commune: "Ixelles" },
    });
    expect(parsed.records[1]).toMatchObject({ row: 4, values: { name: "École des Devoirs", kind: "school" } });
  });

  test("commas as separator, and French headings", () => {
    const parsed = parseCsv('Nom,Type,Code postal,Téléphone\n"Maison d\'accueil, Namur",Association,5000,081 00 00 00\n');
    expect(parsed.columns).toEqual(["name", "kind", "postal_code", "phone"]);
    expect(parsed.records[0].values).toMatchObject({ name: "Maison d'accueil, Namur", postal_code: "5000" });
  });

  test("Windows-1252 files from Excel are read with their accents", () => {
    const bytes = new Uint8Array([...Buffer.from("name;commune\nCaf"), 0xe9, ...Buffer.from(";Li"), 0xe8, ...Buffer.from("ge\n")]);
    expect(parseCsv(decodeCsv(bytes)).records[0].values).toEqual({ name: "Café", commune: "Liège" });
  });

  test("file-level problems: no name column, unclosed quote, too many rows", () => {
    expect(() => parseCsv("nom_complet;kind\nA;association\n")).toThrowError("import.error.noNameColumn");
    expect(() => parseCsv('name;kind\n"A;association\n')).toThrowError(/import.error.parse/);
    const many = ["name", ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `Org ${i}`)].join("\n");
    expect(() => parseCsv(many)).toThrowError(/import.error.tooManyRows/);
  });
});

describe("preview", () => {
  test("per-row, per-column errors with spreadsheet row numbers; nothing is written", async () => {
    const { network, cookie } = await coordinatorOf();
    const csv = [
      "name;kind;email;themes;languages",
      "Maison Médicale Nord;medical_centre;nord@example.be;Santé;fr|nl",
      ";association;;;",
      "Service Logement;Service public;pas-un-email;Logement|Pétanque;fr",
      "Club;club de foot;;;fr|xx",
    ].join("\n");
    const auditsBefore = await prisma.auditLog.count();
    const r = await postImport(network.slug, cookie, { intent: "preview", pasted: csv });
    expect(statusOf(r)).toBe(200);
    const { plan } = dataOf(r)!;
    expect(plan.counts).toEqual({ create: 1, update: 0, error: 3 });

    const byRow = Object.fromEntries(plan.rows.map((row: any) => [row.row, row]));
    expect(byRow[2].action).toBe("create");
    expect(byRow[3].errors).toEqual([{ column: "name", message: "form.required" }]);
    expect(byRow[4].errors).toEqual(
      expect.arrayContaining([
        { column: "email", message: "form.invalidEmail" },
        { column: "themes", message: expect.stringMatching(/^import\.error\.theme\|themes=P%C3%A9tanque/) },
      ]),
    );
    expect(byRow[4].kind).toBe(null); // "Service public" was understood, but the row has errors
    expect(byRow[5].errors).toEqual(
      expect.arrayContaining([
        { column: "kind", message: expect.stringMatching(/^import\.error\.kind/) },
        { column: "languages", message: expect.stringMatching(/^import\.error\.language/) },
      ]),
    );
    expect(await orgCount(network.id)).toBe(0);
    expect(await prisma.auditLog.count()).toBe(auditsBefore);
  });

  test("an organisation of the network with the same name (accents and case folded) is to update", async () => {
    const { network } = await coordinatorOf();
    await createOrganisation(network.id, { name: "Centre Public d'Action Sociale" });
    const other = await createNetwork();
    await createOrganisation(other.id, { name: "Abri de nuit" }); // another network's: not matched
    const plan = await previewImport(network, "name;kind\ncentre public d'action SOCIALE;cpas\nAbri de Nuit;shelter\n");
    expect(plan.rows.map((r) => r.action)).toEqual(["update", "create"]);
  });

  test("a name twice in the file is an error on the second row", async () => {
    const { network } = await coordinatorOf();
    const plan = await previewImport(network, "name;kind\nLe Relais;association\nLE RELAIS;association\n");
    expect(plan.rows[1].errors).toEqual([{ column: "name", message: "import.error.duplicate|row=2" }]);
  });

  test("a file upload (multipart) is previewed; an empty form is a clear 400", async () => {
    const { network, cookie } = await coordinatorOf();
    const r = await postFile(network.slug, cookie, new TextEncoder().encode("\uFEFFname;kind\nLe Relais;association\n"));
    expect(statusOf(r)).toBe(200);
    expect(dataOf(r)!.plan.counts.create).toBe(1);
    const empty = await postImport(network.slug, cookie, { intent: "preview", pasted: "" });
    expect(statusOf(empty)).toBe(400);
    expect(dataOf(empty)).toMatchObject({ step: "error", error: "import.error.noInput" });
  });
});

describe("import", () => {
  test("creates and updates in one go, audited, and re-validates on the server", async () => {
    const { network, user, cookie } = await coordinatorOf();
    const existing = await createOrganisation(network.id, { name: "Maison Médicale Nord", phone: "02 111 11 11" });
    const csv = "name;kind;phone;themes\nmaison medicale nord;medical_centre;02 222 22 22;Santé\nLe Relais;association;;Logement|Jeunesse\n";
    const r = await postImport(network.slug, cookie, { intent: "import", csv });
    expect(statusOf(r)).toBe(302);
    const updated = await prisma.organisation.findUniqueOrThrow({ where: { id: existing.id }, select: { phone: true, themes: true, name: true } });
    expect(updated).toEqual({ phone: "02 222 22 22", themes: ["Santé"], name: "maison medicale nord" });
    const created = await prisma.organisation.findFirstOrThrow({
      where: { name: "Le Relais", networks: { some: { networkId: network.id } } },
      select: { id: true, themes: true, kind: true },
    });
    expect(created).toMatchObject({ themes: ["Logement", "Jeunesse"], kind: "association" });
    const actions = (await prisma.auditLog.findMany({ where: { networkId: network.id, actorId: user.id }, select: { action: true, after: true } }))
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual(["organisation.create", "organisation.import", "organisation.update"]);

    // A forged step 2 with errors writes nothing: the preview is never trusted.
    const before = await orgCount(network.id);
    const forged = await postImport(network.slug, cookie, { intent: "import", csv: "name;kind;email\nNouvelle;association;pas-un-email\n" });
    expect(statusOf(forged)).toBe(400);
    expect(await orgCount(network.id)).toBe(before);
  });

  test("all or nothing: a failure while writing the last row leaves no row written", async () => {
    const { network, user, cookie } = await coordinatorOf();
    const existing = await createOrganisation(network.id, { name: "Premier", commune: "Forest" });
    // A real database failure on one row, after the others were written in the same transaction.
    await prisma.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION refuse_boom() RETURNS trigger AS $$ BEGIN IF NEW.name = 'Boum' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_boom BEFORE INSERT ON "Organisation" FOR EACH ROW EXECUTE FUNCTION refuse_boom()`);
    try {
      const csv = "name;kind;commune\nPremier;association;Uccle\nDeuxième;association;Ixelles\nBoum;association;Jette\n";
      expect((await previewImport(network, csv)).counts).toEqual({ create: 2, update: 1, error: 0 });
      const auditsBefore = await prisma.auditLog.count({ where: { networkId: network.id } });
      await expect(commitImport(network, user.id, csv)).rejects.toThrow(/refused for the test/);
      const r = await postImport(network.slug, cookie, { intent: "import", csv });
      expect(statusOf(r)).toBe(500);
      expect(dataOf(r)).toMatchObject({ step: "failed" });
      expect(await orgCount(network.id)).toBe(1);
      expect(await prisma.organisation.count({ where: { name: { in: ["Deuxième", "Boum"] } } })).toBe(0);
      expect((await prisma.organisation.findUniqueOrThrow({ where: { id: existing.id } })).commune).toBe("Forest");
      expect(await prisma.auditLog.count({ where: { networkId: network.id } })).toBe(auditsBefore);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER refuse_boom ON "Organisation"`);
    }
  });

  test("a duplicate inside the file blocks the whole import", async () => {
    const { network, cookie } = await coordinatorOf();
    const r = await postImport(network.slug, cookie, { intent: "import", csv: "name;kind\nA;association\nB;association\na;association\n" });
    expect(statusOf(r)).toBe(400);
    expect(await orgCount(network.id)).toBe(0);
  });

  test("only coordinators of the network: others get 403 and nothing is written", async () => {
    const { network } = await coordinatorOf();
    const other = await coordinatorOf();
    const org = await createOrganisation(network.id);
    const delegate = await createUser();
    await makeDelegate(org.id, delegate.id);
    for (const cookie of [other.cookie, await sessionCookie(delegate.id)]) {
      await expect(postImport(network.slug, cookie, { intent: "import", csv: "name;kind\nX;association\n" })).rejects.toMatchObject({ status: 403 });
      await expect(
        exportLoader({ request: makeRequest(`/${network.slug}/admin/export`, { cookie }), params: { network: network.slug }, context: {} }),
      ).rejects.toMatchObject({ status: 403 });
    }
    const anonymous = await importLoader({ request: makeRequest(`/${network.slug}/admin/import`), params: { network: network.slug }, context: {} }).catch(
      (e) => e,
    );
    expect(anonymous).toBeInstanceOf(Response);
    expect((anonymous as Response).headers.get("Location")).toMatch(/^\/login/);
    expect(await orgCount(network.id)).toBe(1);
  });
});

describe("export", () => {
  test("an Excel-friendly CSV that imports back to the same data", async () => {
    const { network, cookie } = await coordinatorOf();
    await createOrganisation(network.id, {
      name: "Café-Rencontre « L'Étoile »",
      shortName: "L'Étoile",
      kind: "association",
      description: "Accueil ; écoute\net orientation, sans rendez-vous.",
      street: "Rue de l'Église 3",
      postalCode: "1060",
      commune: "Saint-Gilles",
      latitude: 50.8283,
      longitude: 4.3455,
      phone: "+32 2 538 00 00",
      email: "etoile@example.be",
      website: "https://etoile.example.be",
      themes: ["Logement", "Santé"],
      languages: ["fr", "ar"],
      emailPublic: false,
    });
    await createOrganisation(network.id, { name: "=SUM(A1)", kind: "other", themes: [], languages: [] });
    const response = (await exportLoader({
      request: makeRequest(`/${network.slug}/admin/export`, { cookie }),
      params: { network: network.slug },
      context: {},
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename=".+\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = decodeCsv(bytes);
    expect(csv.split("\r\n")[0]).toBe(
      "name;short_name;kind;description;street;postal_code;commune;latitude;longitude;phone;email;website;themes;languages;address_public;phone_public;email_public;website_public",
    );
    expect(csv).toContain("'=SUM(A1)"); // not run as a formula by Excel

    const target = await coordinatorOf(["Logement", "Santé", "Jeunesse"]);
    const outcome = await commitImport(target.network, target.user.id, csv);
    expect(outcome).toEqual({ ok: true, created: 2, updated: 0 });
    const fields = {
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
    } as const;
    const read = (networkId: string) =>
      prisma.organisation.findMany({ where: { networks: { some: { networkId } } }, orderBy: { name: "asc" }, select: fields });
    expect(await read(target.network.id)).toEqual(await read(network.id));

    // Importing the export into its own network changes nothing.
    const again = await commitImport(network, target.user.id, csv);
    expect(again).toEqual({ ok: true, created: 0, updated: 2 });
    expect(await prisma.auditLog.count({ where: { networkId: network.id, action: "organisation.update" } })).toBe(0);
  });
});

// Issue 10, item 12: only = and @ were escaped; + - tab and CR start formulas too (OWASP). And a
// lone CR or LF in a cell was not quoted, which cut the row in two.
describe("export: formula injection", () => {
  const DANGEROUS = /^[=+\-@\t\r]/;

  test("every cell starting with = + - @, a tab or a CR is written behind a ' (the template and the export), and imports back as it was", async () => {
    expect(parse(toCsv([["=1+1", "+1", "-1", "@SUM(A1)", "\tTab", "\rCR", "ok", "a=b"]]), { delimiter: ";", bom: true })[0]).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tTab",
      "'\rCR",
      "ok",
      "a=b",
    ]);

    const { network, cookie } = await coordinatorOf();
    await createOrganisation(network.id, {
      name: "-Moins",
      shortName: "+Plus",
      kind: "other",
      description: "+cmd|' /C calc'!A0",
      street: "@SUM(1+1)",
      commune: "=1+1",
      phone: "+32 2 538 00 00",
      themes: [],
      languages: [],
    });
    await createOrganisation(network.id, {
      name: "Tiret",
      kind: "other",
      description: "-2+3+cmd|' /C calc'!A0\nsur deux lignes",
      latitude: -12.5,
      longitude: -4.25,
      themes: [],
      languages: [],
    });
    const response = (await exportLoader({
      request: makeRequest(`/${network.slug}/admin/export`, { cookie }),
      params: { network: network.slug },
      context: {},
    })) as Response;
    const csv = decodeCsv(new Uint8Array(await response.arrayBuffer()));
    const cells: string[][] = parse(csv, { delimiter: ";" });
    expect(cells.flat().filter((cell) => DANGEROUS.test(cell))).toEqual([]);
    const [header, ...rows] = cells;
    const byName = new Map(rows.map((row) => [row[0], Object.fromEntries(header.map((h, i) => [h, row[i]]))]));
    expect(byName.get("'-Moins")).toMatchObject({
      short_name: "'+Plus",
      description: "'+cmd|' /C calc'!A0",
      street: "'@SUM(1+1)",
      commune: "'=1+1",
      phone: "'+32 2 538 00 00",
    });
    expect(byName.get("Tiret")).toMatchObject({ description: "'-2+3+cmd|' /C calc'!A0\nsur deux lignes", latitude: "'-12.5", longitude: "'-4.25" });

    const target = await coordinatorOf();
    expect(await commitImport(target.network, target.user.id, csv)).toEqual({ ok: true, created: 2, updated: 0 });
    const fields = { name: true, shortName: true, description: true, street: true, commune: true, phone: true, latitude: true, longitude: true } as const;
    const read = (networkId: string) =>
      prisma.organisation.findMany({ where: { networks: { some: { networkId } } }, orderBy: { name: "asc" }, select: fields });
    expect(await read(target.network.id)).toEqual(await read(network.id));
  });
});

describe("import: names on one line", () => {
  test("a name, a short name, a street or a commune with a line break (a quoted cell may hold one) is refused beside its column", async () => {
    const { network } = await coordinatorOf();
    const csv =
      'name;short_name;kind;street;commune;description\r\n"Evil\r\nATTENDEE:mailto:evil@evil.test";"A\tB";association;"Rue\rdu Pont 1";"Saint-\nGilles";"Une description\r\nsur deux lignes"\r\n';
    const plan = await previewImport(network, csv);
    expect(plan.counts).toEqual({ create: 0, update: 0, error: 1 });
    expect(plan.rows[0].errors).toEqual(
      expect.arrayContaining(["name", "short_name", "street", "commune"].map((column) => ({ column, message: "form.singleLine" }))),
    );
    expect(plan.rows[0].errors.map((e) => e.column)).not.toContain("description");
  });
});
