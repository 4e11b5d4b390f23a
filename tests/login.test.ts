import { describe, expect, test } from "vitest";

import { action } from "#app/routes/login";
import { prisma } from "#app/utils/db.server";
import { translate } from "#app/utils/i18n";
import { getUserId } from "#app/utils/session.server";
import { createUser, makeRequest, TEST_PASSWORD } from "#tests/factories";

async function post(form: Record<string, string>, ip = "203.0.113.1") {
  const response = await action({ request: makeRequest("/login", { method: "POST", form, headers: { "x-maillage-client-ip": ip } }), params: {}, context: {} });
  return response as unknown as Response | { data: unknown; init: ResponseInit | null };
}

function status(r: Awaited<ReturnType<typeof post>>) {
  return r instanceof Response ? r.status : (r.init?.status ?? 200);
}

/** The form-level error as the page shows it, in French. */
function formError(r: Awaited<ReturnType<typeof post>>) {
  const reply = (r instanceof Response ? null : r.data) as { error?: Record<string, string[]> } | null;
  const message = reply?.error?.[""]?.[0];
  return message ? translate("fr", message) : null;
}

describe("sign-in", () => {
  test("right password: a session row and a cookie that identifies the person", async () => {
    const user = await createUser();
    const response = await post({ email: user.email.toUpperCase(), password: TEST_PASSWORD, redirectTo: "/x" });
    expect(response).toBeInstanceOf(Response);
    const r = response as Response;
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/x");
    const cookie = r.headers.get("Set-Cookie")!.split(";")[0];
    expect(await getUserId(makeRequest("/", { cookie }))).toBe(user.id);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  test("wrong password or unknown account: the same error, no session", async () => {
    const user = await createUser();
    expect(status(await post({ email: user.email, password: "wrong password" }))).toBe(400);
    expect(status(await post({ email: "nobody@example.test", password: "whatever" }))).toBe(400);
    const other = await createUser();
    expect(status(await post({ email: other.email, password: "wrong password" }))).toBe(400);
    expect(await prisma.session.count({ where: { userId: { in: [user.id, other.id] } } })).toBe(0);
  });

  test("redirectTo never leaves the site", async () => {
    const user = await createUser();
    const r = (await post({ email: user.email, password: TEST_PASSWORD, redirectTo: "//evil.example" })) as Response;
    expect(r.headers.get("Location")).toBe("/");
  });

  // Issue 10, item 10: five wrong passwords from anyone locked the owner out for 15 minutes.
  test("rate limit per (address, IP) pair: the sixth try from that IP is refused even with the right password, with a message that says why", async () => {
    const user = await createUser();
    for (let i = 0; i < 5; i++) expect(status(await post({ email: user.email, password: "nope" }))).toBe(400);
    const refused = await post({ email: user.email, password: TEST_PASSWORD });
    expect(status(refused)).toBe(429);
    expect(formError(refused)).toBe(
      "Trop de mots de passe erronés pour cette adresse depuis votre connexion. Réessayez dans 15 minutes, ou demandez un nouveau mot de passe.",
    );
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  test("an attacker's five wrong passwords from one IP do not lock the owner out from another IP", async () => {
    const user = await createUser();
    for (let i = 0; i < 8; i++) await post({ email: user.email, password: `guess ${i}` }, "192.0.2.66");
    expect(status(await post({ email: user.email, password: TEST_PASSWORD }, "192.0.2.66"))).toBe(429);
    const owner = await post({ email: user.email, password: TEST_PASSWORD }, "198.51.100.20");
    expect(status(owner)).toBe(302);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  test("a right password clears its own pair only: the attacker's IP stays locked", async () => {
    const user = await createUser();
    for (let i = 0; i < 5; i++) await post({ email: user.email, password: "nope" }, "192.0.2.67");
    for (let i = 0; i < 4; i++) await post({ email: user.email, password: "typo" }, "198.51.100.21");
    expect(status(await post({ email: user.email, password: TEST_PASSWORD }, "198.51.100.21"))).toBe(302);
    // The owner's pair starts again; the attacker's does not.
    for (let i = 0; i < 5; i++) expect(status(await post({ email: user.email, password: "typo" }, "198.51.100.21"))).toBe(400);
    expect(status(await post({ email: user.email, password: TEST_PASSWORD }, "192.0.2.67"))).toBe(429);
  });

  test("a ceiling per address across IPs (100 an hour), to which an IP already refused adds nothing", async () => {
    const user = await createUser();
    const wrong = (ip: string) => post({ email: user.email, password: "nope" }, ip);
    // 18 IPs × 5 counted attempts = 90; a 19th IP tries 15 times but only 5 count (the rest is
    // refused by its pair): 95.
    for (let n = 0; n < 18; n++) for (let i = 0; i < 5; i++) expect(status(await wrong(`10.1.0.${n}`))).toBe(400);
    for (let i = 0; i < 15; i++) expect(status(await wrong("10.1.1.1"))).toBe(i < 5 ? 400 : 429);
    // So the owner, elsewhere, still gets in (attempt 96).
    expect(status(await post({ email: user.email, password: TEST_PASSWORD }, "198.51.100.22"))).toBe(302);
    for (let i = 0; i < 4; i++) expect(status(await wrong("10.1.2.1"))).toBe(400); // 100
    // Past the ceiling, every IP is refused, even with the right password, and told what to do.
    const refused = await post({ email: user.email, password: TEST_PASSWORD }, "198.51.100.23");
    expect(status(refused)).toBe(429);
    expect(formError(refused)).toMatch(
      /^Cette adresse a reçu un nombre inhabituel de tentatives de connexion, depuis plusieurs endroits : .* suspendue pendant 60 minutes\. Pour entrer tout de suite, demandez un nouveau mot de passe\.$/,
    );
    // Another account is not concerned.
    const other = await createUser();
    expect(status(await post({ email: other.email, password: TEST_PASSWORD }, "198.51.100.23"))).toBe(302);
  });

  test("rate limit per IP across accounts", async () => {
    for (let i = 0; i < 30; i++) await post({ email: `x${i}@example.test`, password: "nope" }, "198.51.100.7");
    const refused = await post({ email: "last@example.test", password: "nope" }, "198.51.100.7");
    expect(status(refused)).toBe(429);
    expect(formError(refused)).toBe("Trop de tentatives de connexion depuis votre réseau, toutes adresses confondues. Réessayez dans 15 minutes.");
    expect(status(await post({ email: "last@example.test", password: "nope" }, "198.51.100.8"))).toBe(400);
  });
});
