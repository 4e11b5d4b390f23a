// What an anonymous first visit downloads: the HTML and every script and stylesheet it pulls in
// before any navigation (link/script tags, and the static imports of those modules), gzip as a
// browser asks for it. Dynamic imports (routes fetched on navigation) are not counted.
import http from "node:http";

export type Fetched = { status: number; wireBytes: number; bytes: number; body: string; headers: http.IncomingHttpHeaders };

/** GET with Accept-Encoding: gzip; wireBytes is what travelled, bytes the decoded length. */
export function fetchRaw(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "Accept-Encoding": "gzip", ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", async () => {
          const raw = Buffer.concat(chunks);
          const { gunzipSync } = await import("node:zlib");
          const decoded = res.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
          resolve({ status: res.statusCode ?? 0, wireBytes: raw.length, bytes: decoded.length, body: decoded.toString("utf8"), headers: res.headers });
        });
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

export type PageWeight = {
  html: { wire: number; bytes: number };
  js: { files: number; wire: number; bytes: number };
  css: { files: number; wire: number; bytes: number };
  totalWire: number;
  /** Cache-Control of the assets, to check that they are cached for good. */
  assetCaching: string[];
};

// Tags and the inline module script's imports; not the route manifest printed in the page, which
// also names modules that load only on navigation.
const ASSET = /(?:href=|src=|from\s*|import\s*\(?\s*)["'](\/build\/[^"']+\.(?:js|css))["']/g;
const STATIC_IMPORT = /\b(?:from|import)\s*["']([^"']+\.js)["']/g;

export async function pageWeight(base: string, path: string): Promise<PageWeight> {
  const page = await fetchRaw(base + path);
  const queue = [...page.body.matchAll(ASSET)].map((m) => new URL(m[1], base).href);
  const seen = new Set<string>();
  const weight: PageWeight = {
    html: { wire: page.wireBytes, bytes: page.bytes },
    js: { files: 0, wire: 0, bytes: 0 },
    css: { files: 0, wire: 0, bytes: 0 },
    totalWire: page.wireBytes,
    assetCaching: [],
  };
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const asset = await fetchRaw(url);
    const kind = url.endsWith(".css") ? weight.css : weight.js;
    kind.files++;
    kind.wire += asset.wireBytes;
    kind.bytes += asset.bytes;
    weight.totalWire += asset.wireBytes;
    const caching = String(asset.headers["cache-control"] ?? "none");
    if (!weight.assetCaching.includes(caching)) weight.assetCaching.push(caching);
    if (url.endsWith(".js")) for (const m of asset.body.matchAll(STATIC_IMPORT)) queue.push(new URL(m[1], url).href);
  }
  return weight;
}
