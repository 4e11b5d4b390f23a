// What every request must satisfy before the app reads it (docs/decisions/011-hardening.md). The
// routes trust that a form reached them in a shape they can parse: here, once, for every route,
// bodies are bounded in size and in number of fields, field names cannot ask a parser for a
// ten-million-slot array, NUL bytes (which PostgreSQL refuses in text) never get in, and a
// browser's cross-site request is refused before any action runs. Each refusal is a short page
// with a clear message, never a 500 and never an echo of what was sent.
import { type Locale, LOCALES, makeT } from "./i18n";
import { isSingleLine } from "./text";

/** Methods the app answers; the others get a 405 (the app's forms only ever POST). */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;

export const LIMITS = {
  /** A form without a file: the largest text is a rich-text body of 500,000 characters, which
   * percent-encoding can triple (and an accented letter takes six bytes). */
  urlencodedBytes: 4 * 1024 * 1024,
  /** A form with a file: a scan of 10 MB, and room for the form to say "too large" beyond it
   * (uploads.server.ts reads up to three times that). */
  multipartBytes: 31 * 1024 * 1024,
  fields: 2_000,
  nameLength: 200,
  /** The longest list a form sends is a hundred action items. */
  listIndex: 500,
  urlLength: 8_192,
};

export type Refusal = { status: 400 | 403 | 405 | 413; reason: RefusalReason };
export type RefusalReason = "url" | "method" | "crossSite" | "contentType" | "tooLarge" | "unreadable" | "tooManyFields" | "fieldName" | "nul";

const refuse = (status: Refusal["status"], reason: RefusalReason): Refusal => ({ status, reason });

/**
 * The path and query: malformed percent-encoding and NUL bytes are refused (a NUL reaching a
 * database query is an error there; a path that cannot be decoded names no page).
 */
export function checkUrl(rawUrl: string): Refusal | null {
  if (rawUrl.length > LIMITS.urlLength) return refuse(400, "url");
  const q = rawUrl.indexOf("?");
  const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const search = q === -1 ? "" : rawUrl.slice(q + 1);
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(pathname);
  } catch {
    return refuse(400, "url");
  }
  // No path of ours holds a control character or a line separator.
  if (!isSingleLine(decodedPath)) return refuse(400, "url");
  for (const [key, value] of new URLSearchParams(search)) {
    if (key.includes("\0") || value.includes("\0")) return refuse(400, "nul");
  }
  return null;
}

/**
 * Cross-site request forgery: a browser says where a request comes from (`Sec-Fetch-Site`, and
 * `Origin` on every POST). Anything but our own origin is refused, including another port of the
 * same host ("same-site" to the browser, but another application). A request that names no
 * origin at all does not come from a browser page, which would carry our SameSite=Lax cookie.
 */
export function checkOrigin(method: string, headers: Headers, allowedOrigins: string[]): Refusal | null {
  if (method === "GET" || method === "HEAD") return null;
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return refuse(403, "crossSite");
  const origin = headers.get("origin");
  if (origin !== null && !allowedOrigins.includes(origin)) return refuse(403, "crossSite");
  return null;
}

export type BodyKind = "urlencoded" | "multipart";

/** The kind of form body a POST announces, or a refusal (JSON, text/plain, none at all…). */
export function bodyKind(method: string, contentType: string | null): BodyKind | Refusal | null {
  if (!(ALLOWED_METHODS as readonly string[]).includes(method)) return refuse(405, "method");
  if (method !== "POST") return null;
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return "urlencoded";
  if (type === "multipart/form-data" && /;\s*boundary=/i.test(contentType ?? "")) return "multipart";
  return refuse(400, "contentType");
}

export function bodyLimit(kind: BodyKind) {
  return kind === "multipart" ? LIMITS.multipartBytes : LIMITS.urlencodedBytes;
}

/**
 * The fields of a form body, checked: readable, not too many, names a parser can take without
 * building huge lists, no NUL in names or values, Conform's control fields well formed.
 */
export async function checkForm(kind: BodyKind, contentType: string, body: Buffer): Promise<Refusal | null> {
  let entries: [string, string | File][];
  try {
    if (kind === "urlencoded") {
      // A body that is not valid UTF-8 decodes with replacement characters: harmless.
      entries = [...new URLSearchParams(body.toString("utf8"))];
    } else {
      const form = await new Response(new Uint8Array(body), { headers: { "Content-Type": contentType } }).formData();
      entries = [...form.entries()];
    }
  } catch {
    return refuse(400, "unreadable");
  }
  if (entries.length > LIMITS.fields) return refuse(400, "tooManyFields");
  for (const [name, value] of entries) {
    if (name.includes("\0")) return refuse(400, "nul");
    if (!nameIsSafe(name)) return refuse(400, "fieldName");
    if (typeof value === "string") {
      if (value.includes("\0")) return refuse(400, "nul");
      if ((name === "__intent__" || name === "__state__") && !controlIsSafe(name, value)) return refuse(400, "fieldName");
    } else if (value.name.includes("\0")) {
      return refuse(400, "nul");
    }
  }
  return null;
}

/** A field name our forms could have sent: bounded, printable, and list indices that are small. */
export function nameIsSafe(name: string) {
  if (name.length > LIMITS.nameLength || !isSingleLine(name)) return false;
  for (const match of name.matchAll(/\[([^\]]*)\]/g)) {
    const index = match[1];
    if (index === "") continue;
    if (!/^\d{1,4}$/.test(index) || Number(index) > LIMITS.listIndex) return false;
  }
  return true;
}

/**
 * Conform's `__intent__` (list buttons without JavaScript) and `__state__` are JSON it parses
 * without guarding: unparsable JSON, an unknown shape or a list index of 99,999 are refused here.
 */
function controlIsSafe(name: string, value: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return false;
  }
  if (name === "__state__") return typeof parsed === "object" && parsed !== null;
  if (typeof parsed !== "object" || parsed === null) return false;
  const { type, payload } = parsed as { type?: unknown; payload?: unknown };
  if (typeof type !== "string" || !["validate", "reset", "update", "insert", "remove", "reorder"].includes(type)) return false;
  if (typeof payload !== "object" || payload === null) return false;
  const p = payload as Record<string, unknown>;
  if (p.name !== undefined && (typeof p.name !== "string" || !nameIsSafe(p.name))) return false;
  for (const key of ["index", "from", "to"]) {
    const n = p[key];
    if (n !== undefined && (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > LIMITS.listIndex)) return false;
  }
  return true;
}

/**
 * The page a refusal answers with: the three languages (the reader's choice lives in a cookie the
 * app has not read yet), no script, no stylesheet, and nothing of what was sent (only our own
 * texts, app/locales/refusal.ts, so nothing to escape).
 */
export function refusalPage(refusal: Refusal) {
  const section = (lang: Locale) => {
    const t = makeT(lang);
    return `<section lang="${lang}"><h2>${t("refusal.title")}</h2><p>${t(`refusal.reason.${refusal.reason}`)}</p><p><a href="/">${t("refusal.home")}</a></p></section>`;
  };
  return (
    `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${makeT("fr")("refusal.title")} — Maillage</title></head><body><main><h1>Maillage</h1>` +
    LOCALES.map(section).join("") +
    `<p>${refusal.status}</p></main></body></html>`
  );
}

/** The response headers every answer carries; CSP with this request's nonce. */
export function securityHeaders(options: { nonce: string; production: boolean; https: boolean; devSocket?: string }) {
  const csp = [
    "default-src 'self'",
    // Remix's inline scripts carry the nonce; the browser bundles come from /build.
    `script-src 'self' 'nonce-${options.nonce}'`,
    // React writes style attributes (the turnout chart, progress bars).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    // 'self' covers the collaboration WebSocket on the same port; `remix dev` adds its own socket.
    `connect-src 'self'${options.devSocket ? ` ${options.devSocket}` : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers: Record<string, string> = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (options.production && options.https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
