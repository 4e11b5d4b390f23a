// The charter's PDF: a real PDF (read back with poppler's pdftotext, pdffonts and pdfinfo), with
// embedded DejaVu fonts, the text with its accents, the signatories grouped by kind; and the two
// download routes: headers, 304, 404 pages, drafts for coordinators only, who is listed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "vitest";

import { endMembership } from "#app/models/adhesion.server";
import { renderCharterPdf, signatoriesOfVersion } from "#app/models/charter-pdf.server";
import { loader as currentPdfLoader } from "#app/routes/$network+/charter+/pdf";
import { loader as versionPdfLoader } from "#app/routes/$network+/charter+/versions.$number_.pdf";
import { prisma } from "#app/utils/db.server";
import {
  createAdhesion,
  createCharterVersion,
  createNetwork,
  createOrganisation,
  createUser,
  makeCoordinator,
  makeDelegate,
  makeRequest,
  sessionCookie,
} from "#tests/factories";

const BODY = [
  "<h2>Envers les personnes</h2>",
  "<p>L’accueil est inconditionnel : chaque personne est reçue « telle qu’elle est », sans frais ni jugement.</p>",
  "<p>L’équipe mène chaque démarche à très bonne fin, même quand ça coûte 5 € de photocopies.</p>",
  "<ul><li><p>Respecter le secret professionnel et la vie privée.</p></li><li><p>Orienter vers le service adéquat, près de chez soi.</p></li></ul>",
  "<h3>Envers les partenaires</h3>",
  "<ol><li><p>Partager l’information utile.</p></li><li><p>Œuvrer ensemble : cœur, écoute, façon d’être.</p></li></ol>",
].join("");

const SENTENCES = [
  "L’accueil est inconditionnel : chaque personne est reçue « telle qu’elle est », sans frais ni jugement.",
  "L’équipe mène chaque démarche à très bonne fin, même quand ça coûte 5 € de photocopies.",
  "Respecter le secret professionnel et la vie privée.",
  "Œuvrer ensemble : cœur, écoute, façon d’être.",
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "charter-pdf-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function poppler(tool: "pdftotext" | "pdffonts" | "pdfinfo", pdf: Uint8Array, args: string[] = []) {
  const file = path.join(dir, `doc-${++n}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync(tool, tool === "pdftotext" ? [...args, file, "-"] : [...args, file], { encoding: "utf8" });
}
const pdfText = (pdf: Uint8Array) => poppler("pdftotext", pdf, ["-layout"]);
/** Whitespace (line ends, layout columns) folded to one space: sentences read whole. */
const flat = (text: string) => text.replace(/\s+/g, " ");

async function setup() {
  const network = await createNetwork({ name: "Relais social de Démoville" });
  const v1 = await createCharterVersion(network.id, {
    title: "Charte du réseau",
    body: "<p>Première version de la charte.</p>",
    effectiveOn: new Date("2025-06-01T00:00:00.000Z"),
    publishedAt: new Date("2025-06-01T08:00:00.000Z"),
  });
  const v2 = await createCharterVersion(network.id, {
    title: "Charte du réseau : éthique et déontologie",
    body: BODY,
    effectiveOn: new Date("2026-01-01T00:00:00.000Z"),
    publishedAt: new Date("2025-12-15T10:00:00.000Z"),
    // v1's signatories are still members while they renew.
    adhesionDeadline: new Date("2099-12-31T00:00:00.000Z"),
  });
  const tournesols = await createOrganisation(network.id, { name: "Maison d’accueil Les Tournesols", kind: "association", commune: "Saint-Gilles" });
  const soeurs = await createOrganisation(network.id, { name: "Œuvre des Sœurs", kind: "association", commune: "Namur" });
  const cpas = await createOrganisation(network.id, { name: "CPAS de Forest", kind: "cpas", commune: "Forest" });
  const leaving = await createOrganisation(network.id, { name: "Asbl Partie Ailleurs", kind: "association", commune: "Ixelles" });
  const waiting = await createOrganisation(network.id, { name: "Asbl En Attente", kind: "association", commune: "Uccle" });
  await createAdhesion(network.id, tournesols.id, v2, { signedOn: new Date("2026-01-15T00:00:00.000Z") });
  await createAdhesion(network.id, soeurs.id, v1, { signedOn: new Date("2025-06-20T00:00:00.000Z") });
  await createAdhesion(network.id, cpas.id, v1, { signedOn: new Date("2025-07-01T00:00:00.000Z") });
  await createAdhesion(network.id, cpas.id, v2, { signedOn: new Date("2026-02-03T00:00:00.000Z") });
  await createAdhesion(network.id, leaving.id, v1, { signedOn: new Date("2025-06-10T00:00:00.000Z") });
  await createAdhesion(network.id, leaving.id, v2, { signedOn: new Date("2026-01-20T00:00:00.000Z") });
  await createAdhesion(network.id, waiting.id, v2, { method: "paper", status: "pending", signedOn: new Date("2026-03-01T00:00:00.000Z") });
  const draft = await createCharterVersion(network.id, {
    status: "draft",
    title: "Charte du réseau, projet de version 3",
    body: "<p>Un projet encore en discussion.</p>",
  });

  const delegate = await createUser();
  await makeDelegate(leaving.id, delegate.id, "titular");
  await endMembership(network.id, leaving.id, delegate.id, "withdrawn", "Nous quittons le réseau.");
  const coordinator = await createUser();
  await makeCoordinator(network.id, coordinator.id);
  const cpasDelegate = await createUser();
  await makeDelegate(cpas.id, cpasDelegate.id, "titular");

  // Another network, its charter signed by its own organisation.
  const other = await createNetwork({ name: "Coordination sociale d’Ailleurs" });
  const otherVersion = await createCharterVersion(other.id);
  const stranger = await createOrganisation(other.id, { name: "Service d’un autre réseau", kind: "association", commune: "Liège" });
  await createAdhesion(other.id, stranger.id, otherVersion);
  const otherCoordinator = await createUser();
  await makeCoordinator(other.id, otherCoordinator.id);

  return {
    network,
    v1,
    v2,
    draft,
    other,
    coordinatorCookie: await sessionCookie(coordinator.id),
    delegateCookie: await sessionCookie(cpasDelegate.id),
    otherCoordinatorCookie: await sessionCookie(otherCoordinator.id),
  };
}

type Fixture = Awaited<ReturnType<typeof setup>>;
let f: Fixture;
beforeAll(async () => {
  f = await setup();
});

async function getCurrent(slug: string, headers: Record<string, string> = {}, cookie?: string) {
  return (await currentPdfLoader({ request: makeRequest(`/${slug}/charter/pdf`, { headers, cookie }), params: { network: slug }, context: {} })) as Response;
}
async function getVersion(slug: string, number: string | number, headers: Record<string, string> = {}, cookie?: string) {
  const url = `/${slug}/charter/versions/${number}/pdf`;
  return (await versionPdfLoader({
    request: makeRequest(url, { headers, cookie }),
    params: { network: slug, number: String(number) },
    context: {},
  })) as Response;
}
const bytes = async (response: Response) => new Uint8Array(await response.arrayBuffer());

describe("the PDF of the charter in force", () => {
  test("is a real PDF with embedded DejaVu fonts, the text with its accents, and the signatories by kind", async () => {
    const response = await getCurrent(f.network.slug);
    expect(response.status).toBe(200);
    const pdf = await bytes(response);
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");

    // Fonts: every one embedded, all DejaVu (no standard Helvetica slipped in).
    const fontLines = poppler("pdffonts", pdf).trim().split("\n").slice(2);
    expect(fontLines.length).toBeGreaterThanOrEqual(2);
    for (const line of fontLines) {
      const columns = line.trim().split(/\s+/);
      expect(columns[0], line).toMatch(/^[A-Z]{6}\+DejaVuSans/);
      expect(columns.at(-5), line).toBe("yes"); // emb
    }

    const text = pdfText(pdf);
    const all = flat(text);
    expect(all).toContain("Relais social de Démoville");
    expect(all).toContain("Charte du réseau : éthique et déontologie");
    expect(all).toContain("Version 2 — en vigueur depuis le 1er janvier 2026");
    expect(all).toContain(`Empreinte (SHA-256) : ${f.v2.fingerprint}`);
    expect(all).toContain("identifie le texte exact de cette version");
    for (const sentence of SENTENCES) expect(all).toContain(sentence);
    expect(all).toContain("Envers les personnes");
    expect(all).toContain("1. Partager l’information utile.");
    expect(all).toMatch(/page 1 \/ \d/);

    // Signatories under their kind, each with their commune and adhesion date.
    const lines = text.split("\n").map((l) => l.trim());
    const start = lines.indexOf("Organisations signataires");
    expect(start).toBeGreaterThan(0);
    const after = lines.slice(start);
    const at = (needle: string) => after.findIndex((l) => l.includes(needle));
    const association = after.indexOf("Association");
    const cpasHeading = after.indexOf("CPAS");
    expect(association).toBeGreaterThan(0);
    expect(cpasHeading).toBeGreaterThan(association);
    const row = (name: string) => flat(after[at(name)] ?? "");
    expect(at("Maison d’accueil Les Tournesols")).toBeGreaterThan(association);
    expect(at("Maison d’accueil Les Tournesols")).toBeLessThan(cpasHeading);
    expect(row("Maison d’accueil Les Tournesols")).toMatch(/Maison d’accueil Les Tournesols — Saint-Gilles adhésion le 15 janvier 2026$/);
    // Still a member while renewing: listed with its adhesion to version 1.
    expect(at("Œuvre des Sœurs")).toBeGreaterThan(association);
    expect(at("Œuvre des Sœurs")).toBeLessThan(cpasHeading);
    expect(row("Œuvre des Sœurs")).toMatch(/Œuvre des Sœurs — Namur adhésion le 20 juin 2025 \(version 1\)$/);
    expect(at("CPAS de Forest")).toBeGreaterThan(cpasHeading);
    expect(row("CPAS de Forest")).toMatch(/CPAS de Forest — Forest adhésion le 3 février 2026$/);

    // Withdrawn, waiting for review, or of another network: not listed.
    expect(all).not.toContain("Asbl Partie Ailleurs");
    expect(all).not.toContain("Asbl En Attente");
    expect(all).not.toContain("Service d’un autre réseau");

    // The block to sign on paper, and no draft mark.
    expect(all).toContain("Pour l’institution — nom(s), fonction(s) et signature(s)");
    expect(all).toContain("Organisation :");
    expect(all).toContain("Date :");
    expect(all).toContain("Signature(s) :");
    expect(all).not.toContain("BROUILLON");

    // Metadata: title, author (the network), subject, creation date = the publication.
    const info = poppler("pdfinfo", pdf, ["-isodates"]);
    expect(info).toMatch(/^Title:\s+Charte du réseau : éthique et déontologie$/m);
    expect(info).toMatch(/^Author:\s+Relais social de Démoville$/m);
    expect(info).toMatch(/^Subject:\s+Charte du réseau Relais social de Démoville, version 2$/m);
    expect(info).toMatch(/^CreationDate:\s+2025-12-15T10:00:00(Z|\+00)/m);
  });

  test("answers with download headers, an ETag and 304 for a copy still right", async () => {
    const response = await getCurrent(f.network.slug);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="charte-${f.network.slug}-v2.pdf"`);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    const etag = response.headers.get("ETag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const pdf = await bytes(response);
    expect(Number(response.headers.get("Content-Length"))).toBe(pdf.length);

    const again = await getCurrent(f.network.slug, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("ETag")).toBe(etag);
    expect((await bytes(again)).length).toBe(0);
    expect((await getCurrent(f.network.slug, { "If-None-Match": `"other", W/${etag}` })).status).toBe(304);
    expect((await getCurrent(f.network.slug, { "If-None-Match": '"stale"' })).status).toBe(200);

    // Another language is another document, with its own ETag.
    const english = await getCurrent(f.network.slug, { "Accept-Language": "en-GB,en;q=0.9" });
    expect(english.headers.get("ETag")).not.toBe(etag);
    const text = flat(pdfText(await bytes(english)));
    expect(text).toContain("Version 2 — in force since 1 January 2026");
    expect(text).toContain("Signatory organisations");
    expect(text).toContain("For the institution — name(s), function(s) and signature(s)");
    expect(text).toContain("CPAS (public social welfare centre)");
  });

  test("the same version gives the same bytes; a new signatory changes the ETag", async () => {
    const input = {
      locale: "fr" as const,
      network: f.network,
      version: f.v2,
      signatories: await signatoriesOfVersion(f.network.id, f.v2, true),
      current: true,
    };
    const [a, b] = [await renderCharterPdf(input), await renderCharterPdf(input)];
    expect(a.equals(b)).toBe(true);
    const first = await getCurrent(f.network.slug);
    expect(Buffer.from(await bytes(first)).equals(a)).toBe(true);
    expect((await getCurrent(f.network.slug)).headers.get("ETag")).toBe(first.headers.get("ETag"));

    const network = await createNetwork();
    const version = await createCharterVersion(network.id);
    const org = await createOrganisation(network.id, { name: "Nouvelle signataire" });
    const before = (await getCurrent(network.slug)).headers.get("ETag");
    await createAdhesion(network.id, org.id, version);
    const response = await getCurrent(network.slug, { "If-None-Match": before! });
    expect(response.status).toBe(200);
    expect(response.headers.get("ETag")).not.toBe(before);
    expect(flat(pdfText(await bytes(response)))).toContain("Nouvelle signataire");
  });

  test("a network without a published charter, or no network at all, gets a clear 404 page", async () => {
    const empty = await createNetwork();
    await createCharterVersion(empty.id, { status: "draft" });
    const response = await getCurrent(empty.slug);
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("<h1>Pas de charte à télécharger</h1>");
    expect(html).toContain("Ce réseau n’a pas encore publié de charte");
    expect(html).toContain(`href="/${empty.slug}/charter"`);

    const unknown = await getCurrent("reseau-inconnu");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Ce réseau n’existe pas.");
  });

  test("the other network's PDF lists its own organisation only", async () => {
    const text = flat(pdfText(await bytes(await getCurrent(f.other.slug))));
    expect(text).toContain("Service d’un autre réseau");
    for (const name of ["Maison d’accueil Les Tournesols", "CPAS de Forest", "Œuvre des Sœurs"]) expect(text).not.toContain(name);
  });
});

describe("the PDF of a given version", () => {
  test("an earlier version lists the organisations that signed that version, with that date", async () => {
    const response = await getVersion(f.network.slug, f.v1.number);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="charte-${f.network.slug}-v1.pdf"`);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300");
    const text = flat(pdfText(await bytes(response)));
    expect(text).toContain("Version 1 — en vigueur depuis le 1er juin 2025");
    expect(text).toContain(`Empreinte (SHA-256) : ${f.v1.fingerprint}`);
    expect(text).toContain("Les organisations qui ont adhéré à la version 1 de la charte");
    expect(text).toContain("Œuvre des Sœurs — Namur adhésion le 20 juin 2025");
    expect(text).toContain("CPAS de Forest — Forest adhésion le 1er juillet 2025");
    // Signed version 2 only; withdrawn; of another network.
    for (const name of ["Maison d’accueil Les Tournesols", "Asbl Partie Ailleurs", "Service d’un autre réseau"]) expect(text).not.toContain(name);
  });

  test("the version in force lists the current members, as /charter/pdf does", async () => {
    const response = await getVersion(f.network.slug, f.v2.number);
    expect(response.status).toBe(200);
    expect(response.headers.get("ETag")).toBe((await getCurrent(f.network.slug)).headers.get("ETag"));
    const text = flat(pdfText(await bytes(response)));
    expect(text).toContain("Œuvre des Sœurs — Namur adhésion le 20 juin 2025 (version 1)");
    expect(text).toContain("Maison d’accueil Les Tournesols — Saint-Gilles adhésion le 15 janvier 2026");
  });

  test("a draft is a 404 for everyone but the network's coordinators, who get it marked on every page", async () => {
    for (const cookie of [undefined, f.delegateCookie, f.otherCoordinatorCookie]) {
      const response = await getVersion(f.network.slug, f.draft.number, {}, cookie);
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain("Cette version de la charte n’existe pas ou n’a pas été publiée.");
      expect(html).not.toContain("projet de version 3");
    }
    const response = await getVersion(f.network.slug, f.draft.number, {}, f.coordinatorCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const pdf = await bytes(response);
    const text = pdfText(pdf);
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(poppler("pdfinfo", pdf))![1]);
    expect(text.split("\f").filter((page) => page.trim()).length).toBe(pages);
    for (const page of text.split("\f").filter((p) => p.trim())) expect(page).toContain("BROUILLON — pas en vigueur");
    expect(flat(text)).toContain("Charte du réseau, projet de version 3");
    expect(flat(text)).toContain("Aucune organisation n’a encore adhéré à cette version.");
  });

  test("an unknown or malformed version number is a 404 page", async () => {
    for (const number of ["99", "0", "-1", "abc", "1.5", "99999999999999999999"]) {
      const response = await getVersion(f.network.slug, number);
      expect(response.status, number).toBe(404);
      expect(await response.text()).toContain("Pas de charte à télécharger");
    }
    // A version number of another network is not this network's version.
    const response = await getVersion(f.other.slug, f.v2.number);
    expect(response.status).toBe(404);
  });
});

describe("renderCharterPdf", () => {
  test("a long list of signatories runs over pages, numbered", async () => {
    const signatories = Array.from({ length: 120 }, (_, i) => ({
      name: `Organisation n° ${i + 1}`,
      kind: i % 2 ? "cpas" : "housing",
      commune: "Liège",
      signedOn: "2026-03-02",
      versionNumber: 1,
    }));
    const pdf = await renderCharterPdf({
      locale: "nl",
      network: { name: "Sociaal netwerk" },
      version: { ...f.v1, body: "<p>Tekst.</p>" },
      signatories,
      current: true,
    });
    const text = pdfText(pdf);
    const pages = text.split("\f").filter((p) => p.trim());
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => expect(flat(page)).toContain(`pagina ${i + 1} / ${pages.length}`));
    expect(flat(text)).toContain("Organisation n° 120 — Liège ondertekend op 2 maart 2026");
    expect(flat(text)).toContain("Voor de instelling — naam/namen, functie(s) en handtekening(en)");
  });

  test("signatoriesOfVersion: nobody under a draft, even if a row pointed at it", async () => {
    const network = await createNetwork();
    const draft = await createCharterVersion(network.id, { status: "draft" });
    const org = await createOrganisation(network.id);
    await createAdhesion(network.id, org.id, draft);
    expect(await prisma.adhesion.count({ where: { charterVersionId: draft.id, status: "valid" } })).toBe(1);
    expect(await signatoriesOfVersion(network.id, draft, false)).toEqual([]);
  });
});
