// Uploaded files: scans of the signed paper charter, of paper proxies, and the documents of a
// general assembly. A file's type is decided by its first bytes,
// never by its name or by the Content-Type the browser sent (a renamed .exe stays refused). Files
// live under UPLOADS_DIR (default ./data/uploads, outside public/) with random names, and are read
// back only through a route that checks permissions; the original name is kept as text only.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

import { DomainError, invalid } from "#app/utils/errors.server";

import { now } from "./clock.server";
import { getEnv } from "./env.server";

/** The largest scan accepted: a few pages scanned at 300 dpi fit easily. */
export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

export const SCAN_TYPES = {
  "application/pdf": { ext: "pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  "image/jpeg": { ext: "jpg", magic: [0xff, 0xd8, 0xff] },
  "image/png": { ext: "png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
} as const;
export type ScanType = keyof typeof SCAN_TYPES;

/** Error keys (translated by the page): the file is refused and nothing is written. */
export type UploadErrorKey = "upload.error.noFile" | "upload.error.empty" | "upload.error.tooLarge" | "upload.error.type";
const uploadError = (key: UploadErrorKey) => invalid(key);

/** The type of a scan from its content, or null when it is none of the accepted ones. */
export function detectScanType(bytes: Uint8Array): ScanType | null {
  for (const [type, { magic }] of Object.entries(SCAN_TYPES) as [ScanType, (typeof SCAN_TYPES)[ScanType]][]) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}

/** Throws a DomainError (invalid, an upload.error key) when these bytes may not be stored as a scan; returns their type. */
export function checkScan(bytes: Uint8Array | null): ScanType {
  if (bytes === null) throw uploadError("upload.error.noFile");
  if (bytes.length === 0) throw uploadError("upload.error.empty");
  if (bytes.length > MAX_SCAN_BYTES) throw uploadError("upload.error.tooLarge");
  const type = detectScanType(bytes);
  if (!type) throw uploadError("upload.error.type");
  return type;
}

/**
 * A file name safe to keep as text and to offer back in Content-Disposition: no folders, no
 * control characters, no quotes or separators, at most 120 characters, never empty.
 */
export function cleanFileName(name: string, fallback = "document") {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f"*:<>?|;,]+/g, "")
    .replace(/\s+/g, " ")
    .replace(/^[.\s]+/, "")
    .trim()
    .slice(0, 120)
    .trim();
  return cleaned || fallback;
}

/** The configured folder, absolute. */
export function uploadsDir() {
  return path.resolve(getEnv().UPLOADS_DIR);
}

/**
 * The absolute path of a stored file from its path relative to UPLOADS_DIR, or null when that
 * path would lead outside UPLOADS_DIR (a path kept in the database is never trusted blindly).
 */
export function resolveStored(relativePath: string): string | null {
  if (!relativePath || path.isAbsolute(relativePath) || relativePath.includes("\0")) return null;
  const root = uploadsDir();
  const full = path.resolve(root, relativePath);
  return full.startsWith(root + path.sep) ? full : null;
}

/** `sha256`: the content's hash (hex), so that the same file sent twice can be recognised. */
export type StoredScan = { path: string; type: ScanType; size: number; name: string; sha256: string };

/** The folders of UPLOADS_DIR, one per kind of file: charter scans, and what assemblies keep (documents, paper proxies). */
export type UploadFolder = "adhesions" | "assemblies";

/**
 * Checks and writes a scan under UPLOADS_DIR/<folder>/<year>/<random>.<ext>. A refused file
 * (a DomainError) is never written. Returns what the database keeps about it.
 */
export async function storeScan(bytes: Uint8Array | null, originalName: string, folder: UploadFolder): Promise<StoredScan> {
  const type = checkScan(bytes);
  const relative = path.posix.join(folder, String(now().getUTCFullYear()), `${randomBytes(16).toString("hex")}.${SCAN_TYPES[type].ext}`);
  const full = resolveStored(relative)!;
  await mkdir(path.dirname(full), { recursive: true });
  // "wx": never overwrite (a random name that already exists is a bug, not a file to replace).
  await writeFile(full, bytes!, { flag: "wx", mode: 0o640 });
  return {
    path: relative,
    type,
    size: bytes!.length,
    name: cleanFileName(originalName, `scan.${SCAN_TYPES[type].ext}`),
    sha256: createHash("sha256").update(bytes!).digest("hex"),
  };
}

/** The content of a stored file, or null when it is missing or its path leads outside UPLOADS_DIR. */
export async function readStored(relativePath: string): Promise<Buffer | null> {
  const full = resolveStored(relativePath);
  if (!full) return null;
  try {
    return await readFile(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") return null;
    throw error;
  }
}

/** Removes a stored file (when the row that would have pointed to it could not be written). */
export async function removeStored(relativePath: string) {
  const full = resolveStored(relativePath);
  if (full) await rm(full, { force: true });
}

/** The name offered when downloading: the original one, with the extension of the real type. */
export function downloadName(storedName: string | null, type: string, fallback: string) {
  const ext = (SCAN_TYPES as Record<string, { ext: string }>)[type]?.ext ?? "bin";
  const base = cleanFileName(storedName ?? "", fallback).replace(/\.[A-Za-z0-9]{1,5}$/, "") || fallback;
  return `${base}.${ext}`;
}

/**
 * A Content-Disposition header for an attachment, safe whatever the name holds (RFC 6266): an
 * ASCII `filename` for old clients, and the real name as `filename*=UTF-8''…` (RFC 8187), where
 * only attr-chars may stay as they are (encodeURIComponent leaves ' ( ) * too).
 */
export function attachmentHeader(name: string) {
  const ascii = name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._ -]+/g, "_");
  const encoded = encodeURIComponent(name.normalize("NFC")).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

// --- Reading a form with a file -------------------------------------------------------------------

/** Text fields of an upload form are short; longer values are cut (and then refused by the schema). */
const MAX_TEXT_FIELD_CHARS = 64 * 1024;
/** Past this much, an upload is cut off rather than read to its end. */
const MAX_REQUEST_BYTES = 3 * MAX_SCAN_BYTES;

export type UploadedFile = {
  /** The name the browser gave ("" when none) */
  name: string;
  /** The content, or null when no file was chosen or it was too large to keep */
  bytes: Uint8Array | null;
  tooLarge: boolean;
};

class RequestTooLarge extends Error {}

/** The body, or RequestTooLarge as soon as it passes `max` bytes (the rest is not read). */
async function readBody(request: Request, max: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > max) throw new RequestTooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new RequestTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a form that may carry one file in `fileField`. The file is kept up to MAX_SCAN_BYTES; a
 * larger one is dropped (so the other fields still come back to the form), and a request past
 * MAX_REQUEST_BYTES is not read to its end. Nothing is written.
 *
 * The multipart body is parsed by the platform's own parser (undici's, behind Response.formData):
 * Remix's unstable_parseMultipartFormData splits a part's Content-Disposition on every `;`, even
 * inside the quoted file name, so a scan named `charte; signée.pdf` made it throw (a 500).
 */
export async function readUploadForm(request: Request, fileField: string): Promise<{ formData: FormData; file: UploadedFile }> {
  const file: UploadedFile = { name: "", bytes: null, tooLarge: false };
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) {
    // A form posted without its file (or a client that did not use the form): fields only.
    try {
      return { formData: await request.formData(), file };
    } catch {
      return { formData: new FormData(), file };
    }
  }
  let parsed: FormData;
  try {
    const body = await readBody(request, MAX_REQUEST_BYTES);
    parsed = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { "Content-Type": contentType } }).formData();
  } catch (error) {
    if (error instanceof RequestTooLarge) return { formData: new FormData(), file: { name: "", bytes: null, tooLarge: true } };
    // A malformed body (the parser throws a TypeError): a form without fields.
    if (error instanceof TypeError) return { formData: new FormData(), file };
    throw error;
  }
  const formData = new FormData();
  for (const [name, value] of parsed) {
    if (typeof value === "string") {
      formData.append(name, value.length > MAX_TEXT_FIELD_CHARS ? value.slice(0, MAX_TEXT_FIELD_CHARS) : value);
      continue;
    }
    // Only the first file of the field; other files are not kept.
    if (name !== fileField || file.name || file.bytes) continue;
    file.name = value.name.split(/[/\\]/).pop() ?? "";
    file.tooLarge = value.size > MAX_SCAN_BYTES;
    // No file chosen: browsers send an empty part with an empty name.
    file.bytes = file.tooLarge || (value.size === 0 && !value.name) ? null : new Uint8Array(await value.arrayBuffer());
  }
  return { formData, file };
}

/** The error key for an uploaded file, or null when it may be stored. */
export function uploadErrorOf(file: UploadedFile): UploadErrorKey | null {
  if (file.tooLarge) return "upload.error.tooLarge";
  try {
    checkScan(file.bytes);
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.key as UploadErrorKey;
    throw error;
  }
}
