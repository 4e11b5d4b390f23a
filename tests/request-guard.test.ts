// The checks every request passes before the app reads it (server.ts runs them; the fuzz and
// hardening browser tests run them against the built server), the bounded form replies, and
// the redirect rule.
import { expect, test } from "vitest";
import { z } from "zod";

import { bodyKind, checkForm, checkOrigin, checkUrl, nameIsSafe } from "#app/utils/request-guard.server";
import { safeRedirectTo } from "#app/utils/session.server";
import { parseSubmission, topLevelKeys } from "#app/utils/submission.server";

const form = (body: string) => checkForm("urlencoded", "application/x-www-form-urlencoded", Buffer.from(body));

test("addresses with a NUL byte or broken percent-encoding are refused; ordinary ones pass", () => {
  expect(checkUrl("/relais/organisations?q=%00")).toEqual({ status: 400, reason: "nul" });
  expect(checkUrl("/%00")?.status).toBe(400);
  expect(checkUrl("/relais/%E0%A4%A")?.status).toBe(400);
  expect(checkUrl("/a%0Ab")?.status).toBe(400);
  expect(checkUrl(`/x?q=${"a".repeat(9000)}`)?.status).toBe(400);
  expect(checkUrl("/relais/organisations?q=sant%C3%A9&open=1")).toBeNull();
  expect(checkUrl("/r%C3%A9seau/groups")).toBeNull();
});

test("a post from another origin or site is refused; our own origin and non-browser clients pass", () => {
  const ours = ["https://maillage.example", "http://127.0.0.1:3000"];
  const h = (init: Record<string, string>) => new Headers(init);
  expect(checkOrigin("POST", h({ Origin: "http://evil.example" }), ours)?.status).toBe(403);
  expect(checkOrigin("POST", h({ Origin: "null" }), ours)?.status).toBe(403);
  expect(checkOrigin("POST", h({ Origin: "http://127.0.0.1:3001" }), ours)?.status).toBe(403);
  expect(checkOrigin("POST", h({ "Sec-Fetch-Site": "same-site", Origin: "https://maillage.example" }), ours)?.status).toBe(403);
  expect(checkOrigin("POST", h({ "Sec-Fetch-Site": "cross-site" }), ours)?.status).toBe(403);
  expect(checkOrigin("POST", h({ "Sec-Fetch-Site": "same-origin", Origin: "https://maillage.example" }), ours)).toBeNull();
  expect(checkOrigin("POST", h({ Origin: "http://127.0.0.1:3000" }), ours)).toBeNull();
  expect(checkOrigin("POST", h({}), ours)).toBeNull();
  expect(checkOrigin("GET", h({ Origin: "http://evil.example" }), ours)).toBeNull();
});

test("only form bodies are read; other methods are a 405", () => {
  expect(bodyKind("POST", "application/x-www-form-urlencoded; charset=UTF-8")).toBe("urlencoded");
  expect(bodyKind("POST", "multipart/form-data; boundary=----x")).toBe("multipart");
  expect(bodyKind("POST", "multipart/form-data")).toEqual({ status: 400, reason: "contentType" });
  expect(bodyKind("POST", "application/json")).toEqual({ status: 400, reason: "contentType" });
  expect(bodyKind("POST", "text/plain")).toEqual({ status: 400, reason: "contentType" });
  expect(bodyKind("POST", null)).toEqual({ status: 400, reason: "contentType" });
  expect(bodyKind("PUT", "application/x-www-form-urlencoded")).toEqual({ status: 405, reason: "method" });
  expect(bodyKind("GET", null)).toBeNull();
});

test("field names that would build huge lists, NULs, broken Conform controls and too many fields are refused", async () => {
  expect(await form("email=a%40b.c&password=x&x%5B999999999%5D=1")).toEqual({ status: 400, reason: "fieldName" });
  expect(await form("actions%5B99999%5D.what=x")).toEqual({ status: 400, reason: "fieldName" });
  expect(await form("name=a%00b")).toEqual({ status: 400, reason: "nul" });
  expect(await form("na%00me=a")).toEqual({ status: 400, reason: "nul" });
  expect(await form("__intent__=x")).toEqual({ status: 400, reason: "fieldName" });
  expect((await form(`__intent__=${encodeURIComponent(JSON.stringify({ type: "insert", payload: { name: "actions", index: 99999 } }))}`))?.reason).toBe(
    "fieldName",
  );
  expect((await form(`__intent__=${encodeURIComponent(JSON.stringify({ type: "insert", payload: { name: "actions[100000]" } }))}`))?.reason).toBe("fieldName");
  expect(await form(Array.from({ length: 2001 }, (_, i) => `f${i}=x`).join("&"))).toEqual({ status: 400, reason: "tooManyFields" });
  expect(await checkForm("multipart", "multipart/form-data; boundary=b", Buffer.from('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\ny'))).toEqual({
    status: 400,
    reason: "unreadable",
  });
  // What our forms send passes.
  expect(await form("actions%5B0%5D.what=Relancer&actions%5B99%5D.who=x&participants=a&participants=b")).toBeNull();
  expect(
    await form(`__intent__=${encodeURIComponent(JSON.stringify({ type: "insert", payload: { name: "actions", defaultValue: { status: "open" } } }))}`),
  ).toBeNull();
  expect(await form(`__intent__=${encodeURIComponent(JSON.stringify({ type: "remove", payload: { name: "actions", index: 3 } }))}`)).toBeNull();
  expect(
    await checkForm("multipart", "multipart/form-data; boundary=b", Buffer.from('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--b--\r\n')),
  ).toBeNull();
  expect(nameIsSafe("status.cm3abc")).toBe(true);
  expect(nameIsSafe("a[x]")).toBe(false);
});

const Schema = z.object({ title: z.string().max(20, "form.tooLong"), body: z.string().max(500_000) });

test("a refused form's reply keeps what the person typed, but not unknown fields nor a long refused value", () => {
  const data = new FormData();
  data.set("title", "T".repeat(5000));
  data.set("body", "Un long procès-verbal. ".repeat(2000));
  data.set("junk", "J".repeat(5000));
  for (let i = 0; i < 300; i++) data.set(`extra${i}`, "x");
  const reply = parseSubmission(data, { schema: Schema }).reply();
  expect(Object.keys(reply.initialValue ?? {}).sort()).toEqual(["body"]);
  expect((reply.initialValue as { body: string }).body).toHaveLength(46_000);
  expect(reply.error).toEqual({ title: ["form.tooLong"] });
  expect(JSON.stringify(reply).length).toBeLessThan(47_000);
  // A short refused value comes back, to be corrected in place.
  const short = new FormData();
  short.set("title", "T".repeat(25));
  short.set("body", "x");
  expect(parseSubmission(short, { schema: Schema }).reply().initialValue).toEqual({ title: "T".repeat(25), body: "x" });
  // Discriminated unions and refinements know their fields too.
  const union = z.discriminatedUnion("intent", [z.object({ intent: z.literal("a"), x: z.string() }), z.object({ intent: z.literal("b"), y: z.string() })]);
  expect([...(topLevelKeys(union.superRefine(() => {})) ?? [])].sort()).toEqual(["intent", "x", "y"]);
});

test("redirects stay on the site", () => {
  for (const trick of [
    "/\t/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\r\n/evil.example",
    "/\u2028/evil.example",
    "/\u0000/x",
    "https://evil.example",
    "evil.example",
    "/ /x",
    "/\u00a0/x",
  ]) {
    expect([trick, safeRedirectTo(trick)]).toEqual([trick, "/"]);
  }
  expect(safeRedirectTo("/relais/minutes?q=sant%C3%A9#r")).toBe("/relais/minutes?q=sant%C3%A9#r");
  expect(safeRedirectTo(null, "/account")).toBe("/account");
});
