import { describe, expect, test } from "vitest";
import { action } from "#app/routes/login";
import { prisma } from "#app/utils/db.server";
import { getUserId } from "#app/utils/session.server";
import { createUser, makeRequest, TEST_PASSWORD } from "#tests/factories";

async function post(form: Record<string, string>, ip = "203.0.113.1") {
  const response = await action({ request: makeRequest("/login", { method: "POST", form, headers: { "x-maillage-client-ip": ip } }), params: {}, context: {} });
  return response as unknown as Response | { data: unknown; init: ResponseInit | null };
}

function status(r: Awaited<ReturnType<typeof post>>) {
  return r instanceof Response ? r.status : (r.init?.status ?? 200);
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

  test("rate limit per e-mail: the sixth try is refused even with the right password", async () => {
    const user = await createUser();
    for (let i = 0; i < 5; i++) expect(status(await post({ email: user.email, password: "nope" }))).toBe(400);
    expect(status(await post({ email: user.email, password: TEST_PASSWORD }))).toBe(429);
  });

  test("rate limit per address across accounts", async () => {
    for (let i = 0; i < 30; i++) await post({ email: `x${i}@example.test`, password: "nope" }, "198.51.100.7");
    expect(status(await post({ email: "last@example.test", password: "nope" }, "198.51.100.7"))).toBe(429);
    expect(status(await post({ email: "last@example.test", password: "nope" }, "198.51.100.8"))).toBe(400);
  });
});
