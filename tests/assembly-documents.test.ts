// The documents of a general assembly and the scan of a paper proxy, on a real database through
// the routes' loaders and actions, with real PDF, PNG and renamed-executable files: a coordinator
// uploads a document (listed under its agenda item on the assembly page, served with safe
// headers to whoever may see the assembly); a wrong file, an empty title or no file answer
// beside their field and store nothing; the same form sent twice keeps one document; a closed or
// cancelled assembly takes none; removing one removes its file. Paper proxies: recorded with or
// without a scan, the scan served to coordinators only. Files go to a temporary UPLOADS_DIR.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, afterEach, describe, expect, test } from "vitest";

import { addAgendaItem, addDocument, cancelAssembly, conveneAssembly } from "#app/models/assemblies.server";
import { loader as pageLoader } from "#app/routes/$network+/assemblies+/$assembly";
import { action as documentsAction, loader as documentsLoader } from "#app/routes/$network+/assemblies+/$assembly_.documents";
import { loader as documentLoader } from "#app/routes/$network+/assemblies+/$assembly_.documents_.$document";
import { loader as scanLoader } from "#app/routes/$network+/assemblies+/$assembly_.proxies.$proxy.scan";
import { action as paperAction, loader as paperLoader } from "#app/routes/$network+/assemblies+/$assembly_.proxies.paper";
import { prisma } from "#app/utils/db.server";
import { resetEnv } from "#app/utils/env.server";
import { MAX_SCAN_BYTES, readStored, storeScan } from "#app/utils/uploads.server";
import { assemblySetting } from "#tests/assembly-helpers";
import { createNetwork, createUser, makeCoordinator, makeRequest, sessionCookie } from "#tests/factories";
import { call } from "#tests/route-call";

const UPLOADS = mkdtempSync(path.join(os.tmpdir(), "maillage-assembly-uploads-"));
process.env.UPLOADS_DIR = UPLOADS;
resetEnv();

afterAll(() => rmSync(UPLOADS, { recursive: true, force: true }));
afterEach(async () => {
  await prisma.outboxEmail.deleteMany();
});

const fixture = (name: string) => new Uint8Array(readFileSync(path.join("tests/fixtures", name)));
const PDF = fixture("charte-signee.pdf");
const PNG = fixture("charte-signee.png");
const EXE = fixture("programme-renomme.pdf");

/** Every file under UPLOADS_DIR (relative paths). */
function storedFiles(dir = UPLOADS): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? storedFiles(full) : [path.relative(UPLOADS, full)];
  });
}

type Upload = { bytes: Uint8Array; name: string } | null;

/** A multipart POST, as a browser sends it (no file chosen: an empty part with an empty name). */
function multipart(url: string, { cookie, fields, fileField, file }: { cookie?: string; fields: Record<string, string>; fileField: string; file: Upload }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append(fileField, file ? new File([new Uint8Array(file.bytes)], file.name, { type: "application/pdf" }) : new File([], ""));
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  return new Request(`http://localhost${url}`, { method: "POST", body: form, headers });
}

const errorsOf = (body: unknown) =>
  ((body as { result?: { error?: Record<string, string[]> }; error?: Record<string, string[]> }).result?.error ??
    (body as { error?: Record<string, string[]> }).error ??
    {}) as Record<string, string[]>;

async function setting(options: { convene?: boolean } = {}) {
  const s = await assemblySetting({ convene: false });
  const item = await addAgendaItem(s.assembly.id, s.coordinator.id, { title: "Approbation des comptes" });
  if (options.convene !== false) {
    await conveneAssembly(s.assembly.id, s.coordinator.id);
  }
  const base = `/${s.network.slug}/assemblies/${s.assembly.id}`;
  const params = { network: s.network.slug, assembly: s.assembly.id };
  const cookies = {
    coordinator: await sessionCookie(s.coordinator.id),
    titular: await sessionCookie(s.members[0].titularId),
  };
  const upload = (fields: Record<string, string>, file: Upload, cookie = cookies.coordinator) =>
    call(documentsAction, multipart(`${base}/documents`, { cookie, fields, fileField: "file", file }), params);
  const download = (documentId: string, cookie?: string) =>
    call(documentLoader, makeRequest(`${base}/documents/${documentId}`, { cookie }), { ...params, document: documentId });
  return { ...s, item, base, params, cookies, upload, download };
}

describe("documents of an assembly", () => {
  test("a coordinator uploads a document on an agenda item: stored, audited, listed under its item, served with safe headers", async () => {
    const s = await setting();
    const before = storedFiles();
    const res = await upload(s, { title: "Comptes 2026", agendaItemId: s.item.id }, { bytes: PDF, name: 'C:\\Docs\\comptes "2026"; été.pdf' });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${s.base}/documents`);
    const rows = await prisma.assemblyDocument.findMany({ where: { assemblyId: s.assembly.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      title: "Comptes 2026",
      agendaItemId: s.item.id,
      type: "application/pdf",
      size: PDF.length,
      uploadedById: s.coordinator.id,
    });
    expect(rows[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].path).toMatch(/^assemblies\/\d{4}\/[0-9a-f]{32}\.pdf$/);
    expect(storedFiles()).toEqual([...before, rows[0].path]);
    expect(await prisma.auditLog.count({ where: { action: "assembly.document.add", entityId: s.assembly.id } })).toBe(1);

    // A general document too (no item).
    expect((await upload(s, { title: "Rapport d'activités", agendaItemId: "" }, { bytes: PNG, name: "rapport.png" })).status).toBe(302);

    // The assembly page lists them, with their item, for a delegate as for the coordinator.
    const page = await call(pageLoader, makeRequest(s.base, { cookie: s.cookies.titular }), s.params);
    expect(page.status).toBe(200);
    const documents = (page.body as { assembly: { documents: { title: string; agendaItemId: string | null }[] } }).assembly.documents;
    expect(documents.map((d) => [d.title, d.agendaItemId])).toEqual([
      ["Comptes 2026", s.item.id],
      ["Rapport d'activités", null],
    ]);

    const served = await s.download(rows[0].id, s.cookies.titular);
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("application/pdf");
    expect(served.headers.get("Content-Disposition")).toBe(`attachment; filename="comptes 2026 ete.pdf"; filename*=UTF-8''comptes%202026%20%C3%A9t%C3%A9.pdf`);
    expect(served.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(served.headers.get("Cache-Control")).toBe("private, no-store");
    expect(Number(served.headers.get("Content-Length"))).toBe(PDF.length);
  });

  test("a wrong type, no file, a file too large and an empty title answer beside their field, and nothing is stored", async () => {
    const s = await setting();
    const before = storedFiles();
    const wrong = await upload(s, { title: "Programme" }, { bytes: EXE, name: "programme.pdf" });
    expect(wrong.status).toBe(400);
    expect(errorsOf(wrong.body)).toEqual({ file: ["upload.fileError.type"] });
    const nothing = await upload(s, { title: "" }, null);
    expect(nothing.status).toBe(400);
    expect(errorsOf(nothing.body)).toMatchObject({ title: ["assemblies.error.title"], file: ["upload.fileError.noFile"] });
    const big = new Uint8Array(MAX_SCAN_BYTES + 1);
    big.set(PDF.subarray(0, 8));
    const tooLarge = await upload(s, { title: "Trop gros" }, { bytes: big, name: "gros.pdf" });
    expect(tooLarge.status).toBe(400);
    expect(errorsOf(tooLarge.body).file?.[0]).toMatch(/^upload\.fileError\.tooLarge/);
    const badItem = await upload(s, { title: "Ailleurs", agendaItemId: "not-an-item" }, { bytes: PDF, name: "a.pdf" });
    expect(badItem.status).toBe(400);
    expect(errorsOf(badItem.body)).toEqual({ agendaItemId: ["assemblies.error.agendaItem"] });
    expect(await prisma.assemblyDocument.count({ where: { assemblyId: s.assembly.id } })).toBe(0);
    expect(storedFiles()).toEqual(before);
  });

  test("the same form sent twice, one after the other or at the same moment, keeps one document and one file", async () => {
    const s = await setting();
    const before = storedFiles().length;
    const fields = { title: "Budget 2027", agendaItemId: s.item.id };
    expect((await upload(s, fields, { bytes: PDF, name: "budget.pdf" })).status).toBe(302);
    const again = await upload(s, fields, { bytes: PDF, name: "budget (1).pdf" });
    expect(again.status).toBe(302);
    await Promise.all([upload(s, fields, { bytes: PDF, name: "budget.pdf" }), upload(s, fields, { bytes: PDF, name: "budget.pdf" })]);
    expect(await prisma.assemblyDocument.count({ where: { assemblyId: s.assembly.id } })).toBe(1);
    expect(storedFiles().length).toBe(before + 1);
    expect(await prisma.auditLog.count({ where: { action: "assembly.document.add", entityId: s.assembly.id } })).toBe(1);
    // Another content under the same title, or the same content under another title, is another document.
    expect((await upload(s, fields, { bytes: PNG, name: "budget.png" })).status).toBe(302);
    expect((await upload(s, { ...fields, title: "Budget 2027 (annexe)" }, { bytes: PDF, name: "budget.pdf" })).status).toBe(302);
    expect(await prisma.assemblyDocument.count({ where: { assemblyId: s.assembly.id } })).toBe(3);
  });

  test("a coordinator removes a document: row and file gone, audited; a closed or cancelled assembly takes no document", async () => {
    const s = await setting();
    expect((await upload(s, { title: "Ordre du jour détaillé" }, { bytes: PDF, name: "odj.pdf" })).status).toBe(302);
    const doc = await prisma.assemblyDocument.findFirstOrThrow({ where: { assemblyId: s.assembly.id } });
    const post = (form: Record<string, string>) =>
      call(documentsAction, makeRequest(`${s.base}/documents`, { method: "POST", cookie: s.cookies.coordinator, form }), s.params);
    const unknown = await post({ intent: "remove", documentId: "not-a-document" });
    expect(unknown.status).toBe(400);
    expect(errorsOf(unknown.body)).toEqual({ "": ["assemblies.error.document"] });
    expect((await post({ intent: "remove", documentId: doc.id })).status).toBe(302);
    expect(await prisma.assemblyDocument.count({ where: { assemblyId: s.assembly.id } })).toBe(0);
    expect(await readStored(doc.path)).toBeNull();
    expect(await prisma.auditLog.findFirst({ where: { action: "assembly.document.remove", entityId: s.assembly.id } })).toMatchObject({
      actorId: s.coordinator.id,
    });
    expect((await s.download(doc.id, s.cookies.coordinator)).status).toBe(404);

    await cancelAssembly(s.assembly.id, s.coordinator.id, "Salle indisponible");
    const before = storedFiles();
    const refused = await upload(s, { title: "Trop tard" }, { bytes: PDF, name: "tard.pdf" });
    expect(refused.status).toBe(409);
    expect(errorsOf(refused.body)).toEqual({ "": ["assemblies.error.documentsClosed"] });
    expect(storedFiles()).toEqual(before);
    // The model refuses it too, whoever calls it.
    const stored = await storeScan(PDF, "x.pdf", "assemblies");
    await expect(addDocument(s.assembly.id, s.coordinator.id, { title: "Trop tard", file: stored })).rejects.toMatchObject({
      key: "assemblies.error.documentsClosed",
    });
  });

  test("only coordinators upload; a draft's documents are read by its coordinators only (404 for the others)", async () => {
    const s = await setting({ convene: false });
    expect((await upload(s, { title: "Projet de budget" }, { bytes: PDF, name: "projet.pdf" })).status).toBe(302);
    const doc = await prisma.assemblyDocument.findFirstOrThrow({ where: { assemblyId: s.assembly.id } });
    const before = storedFiles();

    // A delegate of the network: the page and the upload are refused, nothing stored.
    expect((await call(documentsLoader, makeRequest(`${s.base}/documents`, { cookie: s.cookies.titular }), s.params)).status).toBe(403);
    expect((await upload(s, { title: "Intrus" }, { bytes: PDF, name: "intrus.pdf" }, s.cookies.titular)).status).toBe(403);
    expect(storedFiles()).toEqual(before);
    expect(await prisma.assemblyDocument.count({ where: { assemblyId: s.assembly.id } })).toBe(1);

    // Reading the draft's document: the coordinator yes, the delegate 404, another network's coordinator 403, a visitor to the login.
    const otherNetwork = await createNetwork();
    const otherCoordinator = await createUser();
    await makeCoordinator(otherNetwork.id, otherCoordinator.id);
    expect((await s.download(doc.id, s.cookies.coordinator)).status).toBe(200);
    expect((await s.download(doc.id, s.cookies.titular)).status).toBe(404);
    expect((await s.download(doc.id, await sessionCookie(otherCoordinator.id))).status).toBe(403);
    expect((await s.download(doc.id)).status).toBe(302);
    expect((await s.download("not-a-document", s.cookies.coordinator)).status).toBe(404);
  });
});

describe("paper proxies with their scan", () => {
  const paper = (s: Awaited<ReturnType<typeof setting>>, fields: Record<string, string>, file: Upload, cookie = s.cookies.coordinator) =>
    call(paperAction, multipart(`${s.base}/proxies/paper`, { cookie, fields, fileField: "scan", file }), s.params);
  const scan = (s: Awaited<ReturnType<typeof setting>>, proxyId: string, cookie?: string) =>
    call(scanLoader, makeRequest(`${s.base}/proxies/${proxyId}/scan`, { cookie }), { ...s.params, proxy: proxyId });

  test("a coordinator records one with its scan; the scan is served to coordinators only, linked on the page for them only", async () => {
    const s = await setting();
    const [a, b] = s.members;
    expect((await call(paperLoader, makeRequest(`${s.base}/proxies/paper`, { cookie: s.cookies.coordinator }), s.params)).status).toBe(200);
    const res = await paper(s, { giverOrganisationId: b.id, holderOrganisationId: a.id }, { bytes: PNG, name: "procuration signée.png" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(s.base);
    const proxy = await prisma.proxy.findFirstOrThrow({ where: { assemblyId: s.assembly.id, giverOrganisationId: b.id } });
    expect(proxy).toMatchObject({
      channel: "paper",
      holderOrganisationId: a.id,
      scanType: "image/png",
      scanSize: PNG.length,
      scanName: "procuration signée.png",
    });
    expect(proxy.scanPath).toMatch(/^assemblies\/\d{4}\/[0-9a-f]{32}\.png$/);

    const served = await scan(s, proxy.id, s.cookies.coordinator);
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(served.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(served.headers.get("Cache-Control")).toBe("private, no-store");
    expect(served.headers.get("Content-Disposition")).toContain("filename*=UTF-8''procuration%20sign%C3%A9e.png");
    const otherNetwork = await createNetwork();
    const otherCoordinator = await createUser();
    await makeCoordinator(otherNetwork.id, otherCoordinator.id);
    for (const cookie of [s.cookies.titular, await sessionCookie(a.titularId), await sessionCookie(b.substituteId), await sessionCookie(otherCoordinator.id)]) {
      expect((await scan(s, proxy.id, cookie)).status).toBe(404);
    }
    expect((await scan(s, proxy.id)).status).toBe(302);

    const proxiesFor = async (cookie: string) =>
      ((await call(pageLoader, makeRequest(s.base, { cookie }), s.params)).body as { proxies: { id: string; scanUrl: string | null }[] }).proxies;
    expect(await proxiesFor(s.cookies.coordinator)).toEqual([expect.objectContaining({ id: proxy.id, scanUrl: `${s.base}/proxies/${proxy.id}/scan` })]);
    expect(await proxiesFor(s.cookies.titular)).toEqual([expect.objectContaining({ id: proxy.id, scanUrl: null })]);
  });

  test("without a scan it is recorded too; a wrong scan or a refused proxy stores nothing; delegates may not record one", async () => {
    const s = await setting();
    const [a, b, c, d] = s.members;
    const before = storedFiles();
    const wrong = await paper(s, { giverOrganisationId: b.id, holderOrganisationId: a.id }, { bytes: EXE, name: "procuration.pdf" });
    expect(wrong.status).toBe(400);
    expect(errorsOf(wrong.body)).toEqual({ scan: ["upload.fileError.type"] });
    const empty = await paper(s, { giverOrganisationId: "", holderOrganisationId: "" }, null);
    expect(empty.status).toBe(400);
    expect(errorsOf(empty.body)).toEqual({ giverOrganisationId: ["form.required"], holderOrganisationId: ["form.required"] });
    // A proxy the rules refuse (to oneself): its scan is not kept.
    const self = await paper(s, { giverOrganisationId: b.id, holderOrganisationId: b.id }, { bytes: PDF, name: "p.pdf" });
    expect(self.status).toBe(400);
    expect(errorsOf(self.body)).toEqual({ holderOrganisationId: ["assemblies.error.proxy.self"] });
    expect(storedFiles()).toEqual(before);
    expect(await prisma.proxy.count({ where: { assemblyId: s.assembly.id } })).toBe(0);

    // A delegate may not record a paper proxy, with or without a file.
    expect((await paper(s, { giverOrganisationId: c.id, holderOrganisationId: a.id }, { bytes: PDF, name: "p.pdf" }, s.cookies.titular)).status).toBe(403);
    expect((await call(paperLoader, makeRequest(`${s.base}/proxies/paper`, { cookie: s.cookies.titular }), s.params)).status).toBe(403);
    expect(storedFiles()).toEqual(before);

    expect((await paper(s, { giverOrganisationId: d.id, holderOrganisationId: a.id }, null)).status).toBe(302);
    const proxy = await prisma.proxy.findFirstOrThrow({ where: { assemblyId: s.assembly.id, giverOrganisationId: d.id } });
    expect(proxy).toMatchObject({ channel: "paper", scanPath: null });
    expect((await scan(s, proxy.id, s.cookies.coordinator)).status).toBe(404);
    expect(storedFiles()).toEqual(before);
  });
});

function upload(s: Awaited<ReturnType<typeof setting>>, fields: Record<string, string>, file: Upload, cookie?: string) {
  return s.upload(fields, file, cookie);
}
