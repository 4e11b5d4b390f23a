// Paper adhesions: the scan's type decided by its content (real PDF, PNG and JPEG files; a renamed
// executable refused), its size, where it is stored and that nothing is written when refused;
// who may send one and who may download it; the coordinator's review (validate, reject and send
// again). Files go to a temporary UPLOADS_DIR of this test file.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeEach, describe, expect, test } from "vitest";

import { membershipStatus } from "#app/models/adhesion.server";
import { action as dashboardAction } from "#app/routes/$network+/admin+/adhesions";
import { loader as scanLoader } from "#app/routes/$network+/charter+/adhesions.$id.scan";
import { action as uploadAction, loader as uploadLoader } from "#app/routes/$network+/charter+/upload";
import { todayInBrussels } from "#app/utils/brussels-time";
import { setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { resetEnv } from "#app/utils/env.server";
import { DomainError } from "#app/utils/errors.server";
import {
  attachmentHeader,
  checkScan,
  cleanFileName,
  detectScanType,
  MAX_SCAN_BYTES,
  readStored,
  resolveStored,
  storeScan,
  uploadsDir,
} from "#app/utils/uploads.server";
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
import { call } from "#tests/route-call";

const UPLOADS = mkdtempSync(path.join(os.tmpdir(), "maillage-uploads-test-"));
process.env.UPLOADS_DIR = UPLOADS;
resetEnv();

afterAll(() => rmSync(UPLOADS, { recursive: true, force: true }));

const fixture = (name: string) => new Uint8Array(readFileSync(path.join("tests/fixtures", name)));
const PDF = fixture("charte-signee.pdf");
const PNG = fixture("charte-signee.png");
const JPEG = fixture("charte-signee.jpg");
const EXE = fixture("programme-renomme.pdf");

/** Every file under UPLOADS_DIR (relative paths). */
function storedFiles(dir = UPLOADS): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? storedFiles(full) : [path.relative(UPLOADS, full)];
  });
}

beforeEach(() => {
  // Version 1 is published on 2026-01-01 (factory): sign a few weeks later.
  setNow(new Date("2026-02-10T10:00:00+01:00"));
});

describe("the scan's type, size and storage", () => {
  test("real PDF, PNG and JPEG files are recognised by their first bytes", () => {
    expect(detectScanType(PDF)).toBe("application/pdf");
    expect(detectScanType(PNG)).toBe("image/png");
    expect(detectScanType(JPEG)).toBe("image/jpeg");
    expect(detectScanType(EXE)).toBeNull();
    expect(detectScanType(new TextEncoder().encode("%PDF"))).toBeNull(); // too short to be one
  });

  test("accepted files are stored under adhesions/<year>/ with a random name and read back identical", async () => {
    for (const [bytes, type, ext] of [
      [PDF, "application/pdf", "pdf"],
      [PNG, "image/png", "png"],
      [JPEG, "image/jpeg", "jpg"],
    ] as const) {
      const stored = await storeScan(bytes, `../../Charte signée "finale".${ext}`, "adhesions");
      expect(stored.type).toBe(type);
      expect(stored.size).toBe(bytes.length);
      expect(stored.path).toMatch(new RegExp(`^adhesions/2026/[0-9a-f]{32}\\.${ext}$`));
      expect(stored.name).toBe(`Charte signée finale.${ext}`);
      expect(new Uint8Array((await readStored(stored.path))!)).toEqual(bytes);
      expect(path.resolve(UPLOADS, stored.path).startsWith(uploadsDir())).toBe(true);
    }
  });

  test("a PNG named .pdf is stored as the PNG it is", async () => {
    const stored = await storeScan(PNG, "charte.pdf", "adhesions");
    expect(stored).toMatchObject({ type: "image/png", name: "charte.pdf" });
    expect(stored.path.endsWith(".png")).toBe(true);
  });

  test("a renamed executable, an empty file, a missing file and an oversized file are refused and nothing is written", async () => {
    const before = storedFiles();
    const oversized = new Uint8Array(MAX_SCAN_BYTES + 1);
    oversized.set(PDF.subarray(0, 8));
    const refusals: [Uint8Array | null, string][] = [
      [EXE, "upload.error.type"],
      [new Uint8Array(0), "upload.error.empty"],
      [null, "upload.error.noFile"],
      [oversized, "upload.error.tooLarge"],
      [new TextEncoder().encode("<html><script>alert(1)</script>"), "upload.error.type"],
    ];
    for (const [bytes, key] of refusals) {
      await expect(storeScan(bytes, "charte.pdf", "adhesions")).rejects.toMatchObject({ key });
      expect(() => checkScan(bytes)).toThrow(DomainError);
    }
    // Exactly the maximum is accepted.
    const largest = new Uint8Array(MAX_SCAN_BYTES);
    largest.set(PDF.subarray(0, 8));
    expect(checkScan(largest)).toBe("application/pdf");
    expect(storedFiles()).toEqual(before);
  });

  test("paths leading outside UPLOADS_DIR are never resolved nor read", async () => {
    writeFileSync(path.join(os.tmpdir(), "maillage-outside.txt"), "secret");
    const outside = path.relative(UPLOADS, path.join(os.tmpdir(), "maillage-outside.txt"));
    for (const p of [
      "../maillage-outside.txt",
      outside,
      "adhesions/../../maillage-outside.txt",
      "/etc/passwd",
      "../../../../etc/passwd",
      "",
      ".",
      "adhesions/\0x",
    ]) {
      expect(resolveStored(p)).toBeNull();
      expect(await readStored(p)).toBeNull();
    }
    expect(await readStored("adhesions/2026/does-not-exist.pdf")).toBeNull();
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName('a"b\r\nc:d;e.pdf')).toBe("abcde.pdf");
    expect(cleanFileName("...")).toBe("document");
    expect(attachmentHeader('Charte "signée".pdf')).toBe(`attachment; filename="Charte _signee_.pdf"; filename*=UTF-8''Charte%20%22sign%C3%A9e%22.pdf`);
    // RFC 8187 attr-chars only: ' ( ) * are encoded too (a ' would end the charset part).
    expect(attachmentHeader("L'accord (final)*; v2.pdf")).toBe(
      `attachment; filename="L_accord _final_ v2.pdf"; filename*=UTF-8''L%27accord%20%28final%29%2A%3B%20v2.pdf`,
    );
  });
});

/** A network with a published charter, organisation `org` (titular, substitute and staff delegates) and `other`. */
async function setup() {
  const network = await createNetwork();
  const org = await createOrganisation(network.id, { name: "Maison d'accueil" });
  const other = await createOrganisation(network.id);
  const version = await createCharterVersion(network.id);
  const [titular, substitute, staff, otherDelegate, coordinator, otherCoordinator] = await Promise.all([
    createUser(),
    createUser(),
    createUser(),
    createUser(),
    createUser(),
    createUser(),
  ]);
  await makeDelegate(org.id, titular.id, "titular");
  await makeDelegate(org.id, substitute.id, "substitute");
  await makeDelegate(org.id, staff.id, "staff");
  await makeDelegate(other.id, otherDelegate.id, "titular");
  await makeCoordinator(network.id, coordinator.id);
  const elsewhere = await createNetwork();
  await makeCoordinator(elsewhere.id, otherCoordinator.id);
  const cookies = {
    titular: await sessionCookie(titular.id),
    substitute: await sessionCookie(substitute.id),
    staff: await sessionCookie(staff.id),
    otherDelegate: await sessionCookie(otherDelegate.id),
    coordinator: await sessionCookie(coordinator.id),
    otherCoordinator: await sessionCookie(otherCoordinator.id),
  };
  return { network, org, other, version, titular, coordinator, elsewhere, cookies };
}

type File = { bytes: Uint8Array; name: string; type?: string } | null;

function uploadRequest(slug: string, { cookie, fields, file }: { cookie?: string; fields: Record<string, string>; file: File }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  // No file chosen: browsers send an empty part with an empty file name.
  form.append("scan", file ? new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "application/pdf" }) : new File([], ""));
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  return new Request(`http://localhost/${slug}/charter/upload`, { method: "POST", body: form, headers });
}

function validFields(organisationId: string, fingerprint: string, overrides: Record<string, string> = {}) {
  return {
    organisationId,
    fingerprint,
    signatoryName: "Camille Martin",
    signatoryFunction: "Directrice",
    signedOn: "2026-02-09",
    declaration: "on",
    ...overrides,
  };
}

function upload(slug: string, args: { cookie?: string; fields: Record<string, string>; file: File }) {
  return call(uploadAction, uploadRequest(slug, args), { network: slug });
}

const errorsOf = (body: unknown) => (body as { error?: Record<string, string[]> }).error ?? {};

describe("sending a scan (/:network/charter/upload)", () => {
  test("a titular delegate sends a PDF: a pending paper adhesion, the file stored, audited, back to the charter with a message", async () => {
    const { network, org, version, titular, cookies } = await setup();
    const res = await upload(network.slug, {
      cookie: cookies.titular,
      fields: validFields(org.id, version.fingerprint!),
      file: { bytes: PDF, name: "C:\\Scans\\charte signée.pdf" },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/${network.slug}/charter`);
    expect(res.headers.get("Set-Cookie")).toContain("__toast=");
    const rows = await prisma.adhesion.findMany({ where: { organisationId: org.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      method: "paper",
      status: "pending",
      signatoryName: "Camille Martin",
      signatoryFunction: "Directrice",
      scanType: "application/pdf",
      scanSize: PDF.length,
      scanName: "charte signée.pdf",
      submittedById: titular.id,
      fingerprint: version.fingerprint,
    });
    expect(rows[0].signedOn.toISOString().slice(0, 10)).toBe("2026-02-09");
    expect(new Uint8Array((await readStored(rows[0].scanPath!))!)).toEqual(PDF);
    const log = await prisma.auditLog.findFirst({ where: { action: "adhesion.upload", entityId: org.id } });
    expect(log?.actorId).toBe(titular.id);
    expect((await membershipStatus(network.id, org.id)).kind).toBe("applicant");
  });

  // Issue 10, item 11: Remix's multipart parser split the part's header on the `;` of the name (a 500).
  test("a scan named `charte; signée.pdf` is accepted, kept under a clean name and downloaded with an RFC 6266 header", async () => {
    const { network, org, version, cookies } = await setup();
    const res = await upload(network.slug, {
      cookie: cookies.titular,
      fields: validFields(org.id, version.fingerprint!),
      file: { bytes: PDF, name: "charte; signée.pdf" },
    });
    expect(res.status).toBe(302);
    const row = await prisma.adhesion.findFirstOrThrow({ where: { organisationId: org.id } });
    expect(row).toMatchObject({ scanName: "charte signée.pdf", scanType: "application/pdf", signatoryName: "Camille Martin" });
    const download = (await scanLoader({
      request: makeRequest(`/${network.slug}/charter/adhesions/${row.id}/scan`, { cookie: cookies.coordinator }),
      params: { network: network.slug, id: row.id },
      context: {},
    })) as Response;
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toBe(`attachment; filename="charte signee.pdf"; filename*=UTF-8''charte%20sign%C3%A9e.pdf`);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
  });

  test("a PNG named .pdf (sent as application/pdf) is accepted as image/png; a JPEG too", async () => {
    const { network, org, other, version, cookies } = await setup();
    expect(
      (
        await upload(network.slug, {
          cookie: cookies.substitute,
          fields: validFields(org.id, version.fingerprint!),
          file: { bytes: PNG, name: "scan.pdf", type: "application/pdf" },
        })
      ).status,
    ).toBe(302);
    const row = await prisma.adhesion.findFirstOrThrow({ where: { organisationId: org.id } });
    expect(row).toMatchObject({ scanType: "image/png", scanName: "scan.pdf" });
    expect(row.scanPath!.endsWith(".png")).toBe(true);
    expect(
      (
        await upload(network.slug, {
          cookie: cookies.coordinator,
          fields: validFields(other.id, version.fingerprint!),
          file: { bytes: JPEG, name: "photo.jpeg", type: "image/jpeg" },
        })
      ).status,
    ).toBe(302);
    expect((await prisma.adhesion.findFirstOrThrow({ where: { organisationId: other.id } })).scanType).toBe("image/jpeg");
  });

  test("a renamed executable, an oversized file, an empty file and no file each get their message beside the file field; nothing is stored", async () => {
    const { network, org, version, cookies } = await setup();
    const oversized = new Uint8Array(MAX_SCAN_BYTES + 1024);
    oversized.set(PDF);
    const cases: [File, string][] = [
      [{ bytes: EXE, name: "charte.pdf" }, "upload.error.type"],
      [{ bytes: oversized, name: "gros.pdf" }, "upload.error.tooLarge|max=10"],
      [{ bytes: new Uint8Array(0), name: "vide.pdf" }, "upload.error.empty"],
      [null, "upload.error.noFile"],
    ];
    const before = storedFiles();
    for (const [file, message] of cases) {
      const res = await upload(network.slug, { cookie: cookies.titular, fields: validFields(org.id, version.fingerprint!), file });
      expect(res.status).toBe(400);
      expect(errorsOf(res.body)).toEqual({ scan: [message] });
      // The other fields come back to the form.
      expect((res.body as { initialValue: Record<string, unknown> }).initialValue).toMatchObject({ signatoryName: "Camille Martin" });
    }
    expect(await prisma.adhesion.count({ where: { organisationId: org.id } })).toBe(0);
    expect(storedFiles()).toEqual(before);
  });

  test("missing fields and the unticked declaration are refused beside their fields, nothing stored", async () => {
    const { network, org, version, cookies } = await setup();
    const before = storedFiles();
    const res = await upload(network.slug, {
      cookie: cookies.titular,
      fields: validFields(org.id, version.fingerprint!, { signatoryName: " ", signatoryFunction: "", signedOn: "2026-02-31", declaration: "" }),
      file: { bytes: PDF, name: "charte.pdf" },
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res.body)).toEqual({
      signatoryName: ["form.required"],
      signatoryFunction: ["form.required"],
      signedOn: ["adhesionUpload.error.date"],
      declaration: ["adhesionUpload.error.declaration"],
    });
    // A date in the future, or an outdated version: the model refuses, the file is removed.
    const future = await upload(network.slug, {
      cookie: cookies.titular,
      fields: validFields(org.id, version.fingerprint!, { signedOn: "2026-02-11" }),
      file: { bytes: PDF, name: "charte.pdf" },
    });
    expect(future.status).toBe(400);
    expect(errorsOf(future.body)).toEqual({ signedOn: ["charter.error.signedInFuture"] });
    const outdated = await upload(network.slug, {
      cookie: cookies.titular,
      fields: validFields(org.id, "0".repeat(64)),
      file: { bytes: PDF, name: "charte.pdf" },
    });
    expect(outdated.status).toBe(400);
    expect(errorsOf(outdated.body)).toEqual({ "": ["charter.error.newerVersion"] });
    expect(await prisma.adhesion.count({ where: { organisationId: org.id } })).toBe(0);
    expect(storedFiles()).toEqual(before);
  });

  test("a second upload for the same organisation and version, while one is pending, is refused with the clear message and leaves no file", async () => {
    const { network, org, version, cookies } = await setup();
    expect(
      (await upload(network.slug, { cookie: cookies.titular, fields: validFields(org.id, version.fingerprint!), file: { bytes: PDF, name: "a.pdf" } })).status,
    ).toBe(302);
    const before = storedFiles();
    const again = await upload(network.slug, {
      cookie: cookies.substitute,
      fields: validFields(org.id, version.fingerprint!),
      file: { bytes: JPEG, name: "b.jpg" },
    });
    expect(again.status).toBe(400);
    expect(errorsOf(again.body)).toEqual({ "": ["charter.error.alreadySigned"] });
    expect(storedFiles()).toEqual(before);
    expect(await prisma.adhesion.count({ where: { organisationId: org.id } })).toBe(1);
  });

  test("who may send: anonymous to /login; staff, a delegate of another organisation and another network's coordinator are refused", async () => {
    const { network, org, other, version, cookies } = await setup();
    const fields = validFields(org.id, version.fingerprint!);
    const file = { bytes: PDF, name: "charte.pdf" };
    const before = storedFiles();
    const anonymous = await upload(network.slug, { fields, file });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
    for (const cookie of [cookies.staff, cookies.otherDelegate, cookies.otherCoordinator]) {
      expect((await upload(network.slug, { cookie, fields, file })).status).toBe(403);
    }
    // An organisation of another network, named by a coordinator: not a choice of this form.
    const foreign = await createOrganisation((await createNetwork()).id);
    const res = await upload(network.slug, { cookie: cookies.coordinator, fields: validFields(foreign.id, version.fingerprint!), file });
    expect(res.status).toBe(400);
    expect(errorsOf(res.body)).toEqual({ organisationId: ["form.invalidChoice"] });
    expect(await prisma.adhesion.count({ where: { method: "paper", organisationId: { in: [org.id, foreign.id] } } })).toBe(0);
    expect(storedFiles()).toEqual(before);

    // The page itself.
    const page = (cookie?: string) => call(uploadLoader, makeRequest(`/${network.slug}/charter/upload`, { cookie }), { network: network.slug });
    expect((await page()).status).toBe(302);
    for (const cookie of [cookies.staff, cookies.otherCoordinator]) expect((await page(cookie)).status).toBe(403);
    // The other organisation's delegate sees the page for their own organisation only.
    expect((await page(cookies.otherDelegate)).body).toMatchObject({ organisations: [{ id: other.id }], preselected: other.id });
    const delegatePage = await page(cookies.titular);
    expect(delegatePage.body).toMatchObject({
      organisations: [{ id: org.id, name: "Maison d'accueil" }],
      preselected: org.id,
      version: { fingerprint: version.fingerprint },
    });
    const coordinatorPage = await page(cookies.coordinator);
    expect((coordinatorPage.body as { organisations: unknown[] }).organisations).toHaveLength(2);
  });
});

describe("downloading a scan (/:network/charter/adhesions/:id/scan)", () => {
  async function withScan() {
    const s = await setup();
    const stored = await storeScan(PNG, 'Scan "charte" été.png', "adhesions");
    const adhesion = await createAdhesion(s.network.id, s.org.id, s.version, {
      method: "paper",
      status: "pending",
      scanPath: stored.path,
      scanType: stored.type,
      scanSize: stored.size,
      scanName: stored.name,
    });
    return { ...s, adhesion };
  }
  const get = (slug: string, id: string, cookie?: string) =>
    call(scanLoader, makeRequest(`/${slug}/charter/adhesions/${id}/scan`, { cookie }), { network: slug, id });

  test("the coordinators and the organisation's delegates get the file, as an attachment never cached nor sniffed", async () => {
    const { network, adhesion, cookies } = await withScan();
    for (const cookie of [cookies.coordinator, cookies.titular, cookies.substitute, cookies.staff]) {
      const response = (await scanLoader({
        request: makeRequest(`/${network.slug}/charter/adhesions/${adhesion.id}/scan`, { cookie }),
        params: { network: network.slug, id: adhesion.id },
        context: {},
      })) as Response;
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("image/png");
      expect(response.headers.get("Content-Disposition")).toBe(
        `attachment; filename="Scan charte ete.png"; filename*=UTF-8''Scan%20charte%20%C3%A9t%C3%A9.png`,
      );
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG);
    }
  });

  test("others are refused; an unknown id, another network's adhesion and a missing file are 404", async () => {
    const { network, adhesion, elsewhere, cookies, other, version } = await withScan();
    expect((await get(network.slug, adhesion.id)).status).toBe(302);
    expect((await get(network.slug, adhesion.id, cookies.otherDelegate)).status).toBe(403);
    expect((await get(network.slug, adhesion.id, cookies.otherCoordinator)).status).toBe(403);
    expect((await get(network.slug, "unknown-id", cookies.coordinator)).status).toBe(404);
    // The adhesion exists, but not in the network of the URL.
    expect((await get(elsewhere.slug, adhesion.id, cookies.otherCoordinator)).status).toBe(404);
    // A row whose file is gone, and one whose path would lead outside UPLOADS_DIR.
    const missing = await createAdhesion(network.id, other.id, version, {
      method: "paper",
      status: "pending",
      scanPath: "adhesions/2026/gone.pdf",
      scanType: "application/pdf",
      scanSize: 10,
      scanName: "x.pdf",
    });
    expect((await get(network.slug, missing.id, cookies.coordinator)).status).toBe(404);
    await prisma.adhesion.update({ where: { id: missing.id }, data: { scanPath: "../../../../etc/passwd" } });
    expect((await get(network.slug, missing.id, cookies.coordinator)).status).toBe(404);
    // An online adhesion has no scan.
    await prisma.adhesion.update({ where: { id: missing.id }, data: { status: "rejected", activeKey: null } });
    const online = await createAdhesion(network.id, other.id, version);
    expect((await get(network.slug, online.id, cookies.coordinator)).status).toBe(404);
  });
});

describe("the coordinator's review", () => {
  const review = (slug: string, cookie: string, form: Record<string, string>) =>
    call(dashboardAction, makeRequest(`/${slug}/admin/adhesions`, { method: "POST", cookie, form }), { network: slug });

  test("validating makes the organisation a member; rejecting with a reason keeps it applicant and lets it send again", async () => {
    const { network, org, other, version, cookies, coordinator } = await setup();
    const send = (organisationId: string, cookie: string) =>
      upload(network.slug, { cookie, fields: validFields(organisationId, version.fingerprint!), file: { bytes: PDF, name: "charte.pdf" } });
    expect((await send(org.id, cookies.titular)).status).toBe(302);
    expect((await send(other.id, cookies.otherDelegate)).status).toBe(302);
    const first = await prisma.adhesion.findFirstOrThrow({ where: { organisationId: org.id } });
    const second = await prisma.adhesion.findFirstOrThrow({ where: { organisationId: other.id } });

    // Validate.
    const validated = await review(network.slug, cookies.coordinator, { intent: "validate", adhesionId: first.id });
    expect(validated.status).toBe(302);
    expect(validated.headers.get("Location")).toBe(`/${network.slug}/admin/adhesions`);
    expect(await membershipStatus(network.id, org.id)).toMatchObject({ kind: "member", since: "2026-02-09", signedVersion: 1 });
    expect(await prisma.adhesion.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: "valid", reviewedById: coordinator.id });
    // Twice: refused with a message, nothing changes.
    const again = await review(network.slug, cookies.coordinator, { intent: "validate", adhesionId: first.id });
    expect(again.status).toBe(400);
    expect(errorsOf((again.body as { result: unknown }).result)).toEqual({ "": ["charter.error.alreadyReviewed"] });

    // Reject: the reason is required.
    const noReason = await review(network.slug, cookies.coordinator, { intent: "reject", adhesionId: second.id, reason: "  " });
    expect(noReason.status).toBe(400);
    expect(errorsOf((noReason.body as { result: unknown }).result)).toEqual({ reason: ["adhesionsAdmin.error.reasonRequired"] });
    expect((await prisma.adhesion.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("pending");
    const rejected = await review(network.slug, cookies.coordinator, { intent: "reject", adhesionId: second.id, reason: "La page des signatures manque." });
    expect(rejected.status).toBe(302);
    expect(await prisma.adhesion.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      status: "rejected",
      rejectionReason: "La page des signatures manque.",
      activeKey: null,
    });
    expect((await membershipStatus(network.id, other.id)).kind).toBe("applicant");
    expect(await prisma.auditLog.count({ where: { action: { in: ["adhesion.validate", "adhesion.reject"] }, networkId: network.id } })).toBe(2);
    // The organisation sees why on the upload page, and may send a new scan.
    const page = await call(uploadLoader, makeRequest(`/${network.slug}/charter/upload`, { cookie: cookies.otherDelegate }), { network: network.slug });
    // (createdAt is the database's clock, not the app's.)
    expect((page.body as { scans: unknown }).scans).toEqual([
      { organisation: other.name, status: "rejected", reason: "La page des signatures manque.", sentOn: todayInBrussels(second.createdAt) },
    ]);
    expect((await send(other.id, cookies.otherDelegate)).status).toBe(302);
    expect(await prisma.adhesion.count({ where: { organisationId: other.id, status: "pending" } })).toBe(1);
    const after = await call(uploadLoader, makeRequest(`/${network.slug}/charter/upload`, { cookie: cookies.otherDelegate }), { network: network.slug });
    expect((after.body as { scans: unknown }).scans).toEqual([expect.objectContaining({ status: "pending" })]);
  });

  test("only the network's coordinators review, and only adhesions of their network", async () => {
    const { network, org, version, cookies, elsewhere } = await setup();
    const pending = await createAdhesion(network.id, org.id, version, {
      method: "paper",
      status: "pending",
      scanPath: "x.pdf",
      scanType: "application/pdf",
      scanSize: 1,
      scanName: "x.pdf",
    });
    for (const cookie of [cookies.titular, cookies.otherDelegate, cookies.otherCoordinator]) {
      expect((await review(network.slug, cookie, { intent: "validate", adhesionId: pending.id })).status).toBe(403);
    }
    // Another network's coordinator, on their own network's page, naming this adhesion: not found.
    expect((await review(elsewhere.slug, cookies.otherCoordinator, { intent: "validate", adhesionId: pending.id })).status).toBe(404);
    expect((await prisma.adhesion.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("pending");
  });
});
