import { describe, expect, test } from "vitest";

import { getActor } from "#app/access/actor.server";
import { revokeSession } from "#app/models/account.server";
import { prisma } from "#app/utils/db.server";
import { inRequestScope } from "#app/utils/request-scope.server";
import { getSession } from "#app/utils/session.server";
import { createUser, makeRequest, sessionCookie } from "#tests/factories";

// Remix gives each loader of a page its own Request: these tests use a new one per "loader".
describe("the session and the actor are read once per reading request", () => {
  test("within one request scope, every loader's Request gets the same actor, read once", async () => {
    const user = await createUser();
    const cookie = await sessionCookie(user.id);
    await inRequestScope(async () => {
      const first = getActor(makeRequest("/a", { cookie }));
      const second = getActor(makeRequest("/b", { cookie }));
      expect(second).toBe(first); // the same read, not a second query
      expect((await first)?.userId).toBe(user.id);
      // Ended during the request: this request keeps what it read at its start…
      const session = await getSession(makeRequest("/c", { cookie }));
      await revokeSession(user.id, session!.id);
      expect((await getActor(makeRequest("/d", { cookie })))?.userId).toBe(user.id);
    });
    // …and the next request sees the revocation at once.
    await inRequestScope(async () => {
      expect(await getActor(makeRequest("/e", { cookie }))).toBeNull();
    });
  });

  test("two people in two scopes at the same time never see each other", async () => {
    const [alice, bob] = await Promise.all([createUser({ name: "Alice" }), createUser({ name: "Bob" })]);
    const [aliceCookie, bobCookie] = await Promise.all([sessionCookie(alice.id), sessionCookie(bob.id)]);
    const seen = await Promise.all([
      inRequestScope(async () => [(await getActor(makeRequest("/", { cookie: aliceCookie })))?.name, (await getActor(makeRequest("/x")))?.name]),
      inRequestScope(async () => [(await getActor(makeRequest("/", { cookie: bobCookie })))?.name, (await getActor(makeRequest("/x")))?.name]),
    ]);
    expect(seen).toEqual([
      ["Alice", undefined],
      ["Bob", undefined],
    ]);
  });

  test("outside a scope (an action's request, a test) each Request reads again", async () => {
    const user = await createUser();
    const cookie = await sessionCookie(user.id);
    const first = getActor(makeRequest("/a", { cookie }));
    expect((await first)?.userId).toBe(user.id);
    await prisma.session.updateMany({ where: { userId: user.id }, data: { revokedAt: new Date(0) } });
    expect(await getActor(makeRequest("/b", { cookie }))).toBeNull();
  });
});
