// Every form of the authorization matrix × malformed bodies, as a visitor and as the network's
// coordinator (who reaches validation on most forms): never a 500, never a reply that grows with
// what was sent (no echo), and the server still answers after each form.
import { afterAll, beforeAll, expect, test } from "vitest";

import { type Fixture, prepareMatrix, rowPath, rows } from "./authz/matrix";
import type { MatrixRow } from "./authz/types";
import { type App, startApp } from "./harness";

let app: App<Fixture>;

beforeAll(async () => {
  app = await startApp({ prepare: prepareMatrix });
});

afterAll(async () => {
  await app?.stop();
});

/** Field names most forms have; a row's own fields are added to them. */
const COMMON = [
  "email",
  "password",
  "name",
  "title",
  "body",
  "description",
  "intent",
  "redirectTo",
  "locale",
  "reason",
  "what",
  "date",
  "startsAt",
  "role",
  "status",
];
const FORM = "application/x-www-form-urlencoded";
/** A reply may be as large as the form's page or normal answer, plus this: never as large as what was sent. */
const SLACK = 8 * 1024;

type Body = { label: string; body?: string; type?: string | null; query?: string; headers?: Record<string, string>; method?: string };

function encode(fields: [string, string][]) {
  return fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
}

function malformed(row: MatrixRow): Body[] {
  const names = [...new Set([...Object.keys(row.form ?? {}), ...COMMON])];
  const base = Object.entries(row.form ?? {});
  const each = (value: string) => encode([...base.filter(([k]) => !names.includes(k)), ...names.map((n) => [n, value] as [string, string])]);
  const boundary = "----maillagefuzz";
  return [
    { label: "JSON", body: JSON.stringify({ email: "a@b.c", name: "x" }), type: "application/json" },
    { label: "text/plain", body: "email=a@b.c\r\nname=x", type: "text/plain" },
    { label: "no content type, with a body", body: "email=a%40b.c", type: null },
    { label: "no content type, no body", type: null },
    { label: "unknown content type", body: "<x/>", type: "application/xml" },
    { label: "multipart without boundary", body: "garbage", type: "multipart/form-data" },
    {
      label: "broken multipart",
      body: `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\nx`,
      type: `multipart/form-data; boundary=${boundary}`,
    },
    { label: "multipart with garbage", body: "\u0000\u0001\u0002not a multipart body", type: `multipart/form-data; boundary=${boundary}` },
    {
      label: "multipart with a NUL",
      body: `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\na\u0000b\r\n--${boundary}--\r\n`,
      type: `multipart/form-data; boundary=${boundary}`,
    },
    { label: "huge array index", body: "email=a%40b.c&password=x&x%5B999999999%5D=1" },
    { label: "large array index", body: "email=a%40b.c&x%5B10000000%5D=1" },
    { label: "action items at 99999", body: encode([...base, ["actions[99999].what", "x"]]) },
    { label: "Conform intent not JSON", body: encode([...base, ["__intent__", "x"]]) },
    {
      label: "Conform intent far index",
      body: encode([...base, ["__intent__", JSON.stringify({ type: "insert", payload: { name: "actions", index: 99999 } })]]),
    },
    { label: "Conform intent unknown type", body: encode([...base, ["__intent__", JSON.stringify({ type: "explode", payload: {} })]]) },
    { label: "Conform state not JSON", body: encode([...base, ["__state__", "{"]]) },
    { label: "NUL in every value", body: each("a\u0000b") },
    { label: "NUL in a name", body: encode([...base, ["na\u0000me", "x"]]) },
    { label: "NUL in the query", body: encode(base), query: "?q=%00" },
    { label: "malformed percent-encoding", body: "email=%E0%A4%A&name=%ZZ&body=%" },
    { label: "invalid UTF-8", body: "name=%ED%A0%80%C3%28&title=%FF%FE" },
    // Past what the echo of a refused value allows (1,000), within what a description may hold.
    { label: "1,100 characters in every field", body: each("A".repeat(1100)) },
    { label: "600,000 accented characters in the longest field", body: encode([...base, ["body", "é".repeat(600_000)]]) },
    { label: "past the size limit", body: encode([...base, ["name", "x".repeat(5 * 1024 * 1024)]]) },
    { label: "3,000 fields", body: encode(Array.from({ length: 3000 }, (_, i) => [`f${i}`, "x"])) },
    { label: "a name of 10,000 characters", body: encode([...base, ["n".repeat(10_000), "x"]]) },
    {
      label: "duplicate keys",
      body: encode([
        ...base,
        ...names.flatMap(
          (n) =>
            [
              [n, "a"],
              [n, "b"],
            ] as [string, string][],
        ),
      ]),
    },
    {
      label: "lists and objects where text is expected",
      body: encode([
        ...base,
        ...names.flatMap(
          (n) =>
            [
              [`${n}[]`, "a"],
              [`${n}.x`, "b"],
              [`${n}[0]`, "c"],
            ] as [string, string][],
        ),
      ]),
    },
    {
      label: "names a parser refuses",
      body: encode([...base, ["a..b", "1"], ["x[", "1"], ["]", "1"], ["[1]", "1"], ["__proto__.polluted", "1"], ["constructor.prototype", "1"]]),
    },
    { label: "unicode in every value", body: each("\u2028\u2029\u202e\ud83d\ude00\ufeff\u0301 ﷽") },
    { label: "control characters in every value", body: each("a\r\nATTENDEE:mailto:evil@evil.test\u0007\u001b") },
    { label: "wrong types", body: each("-1e999") },
    { label: "redirect to elsewhere", body: encode([...base, ["redirectTo", "/\t/evil.example"], ["redirectTo", "//evil.example"]]) },
    { label: "another origin", body: encode(base), headers: { Origin: "http://evil.example" } },
    { label: "a cross-site browser request", body: encode(base), headers: { "Sec-Fetch-Site": "same-site" } },
    { label: "PUT", body: encode(base), method: "PUT" },
    { label: "DELETE", method: "DELETE" },
    { label: "the data route of another page", body: encode(base), query: "?_data=routes%2Faccount" },
  ];
}

async function send(path: string, cookie: string | null, b: Body) {
  const headers: Record<string, string> = { Origin: app.url, ...b.headers };
  if (cookie) headers.Cookie = cookie;
  const type = b.type === undefined ? FORM : b.type;
  if (type) headers["Content-Type"] = type;
  const response = await fetch(`${app.url}${path}${b.query ?? ""}`, { method: b.method ?? "POST", headers, body: b.body, redirect: "manual" });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, size: bytes.length };
}

const postRows = rows.filter((r) => r.method === "POST");

test("the fuzzing covers every form of the matrix", () => {
  expect(postRows.length).toBeGreaterThan(50);
  expect(malformed(postRows[0]).length).toBeGreaterThanOrEqual(30);
});

// One test per form (logout last, as in the matrix), both personas, a few requests at a time.
for (const row of postRows) {
  test(`POST ${row.path} refuses malformed bodies with a short 4xx, never a 500, and the server still answers`, async () => {
    const failures: string[] = [];
    const path = rowPath(row, app.data.values);
    for (const persona of ["coordinator", "anonymous"] as const) {
      const cookie = app.data.cookies[persona];
      // What a reply may weigh: the page itself, or the answer to the matrix's form (a page
      // with its messages). A malformed body may get that page with other messages, never more.
      const normal = await send(path, cookie, { label: "normal", body: new URLSearchParams(row.form ?? {}).toString() });
      const page = await fetch(`${app.url}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
      const baseline = Math.max(normal.size, (await page.arrayBuffer()).byteLength);
      const bodies = malformed(row);
      const tryOne = async (b: Body) => {
        try {
          const result = await send(path, cookie, b);
          if (result.status >= 500) failures.push(`${persona}, ${b.label}: ${result.status}`);
          if (result.size > baseline + SLACK) failures.push(`${persona}, ${b.label}: ${result.size} bytes (the page or its normal answer: ${baseline})`);
        } catch (error) {
          failures.push(`${persona}, ${b.label}: no answer (${String(error)})`);
        }
      };
      for (let i = 0; i < bodies.length; i += 8) await Promise.all(bodies.slice(i, i + 8).map(tryOne));
      const health = await fetch(`${app.url}/healthz`);
      if (!health.ok) failures.push(`after ${persona}: /healthz answered ${health.status}`);
    }
    expect(failures, failures.length ? app.logs().slice(-4000) : "").toEqual([]);
  });
}
