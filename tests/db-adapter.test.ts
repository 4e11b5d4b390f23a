// The app relies on Prisma behaving the same on PGlite (through our fixed adapter,
// app/db/pglite-adapter.ts) and on PostgreSQL (adapter-pg): this file runs on whichever
// database the test run uses, and `.ci/run` runs it on both.
import { describe, expect, test } from "vitest";

import { Prisma } from "#app/generated/prisma/client";
import { getDatabase, prisma, transaction } from "#app/utils/db.server";
import { createNetwork, createUser } from "#tests/factories";

async function prismaError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the write should have been refused").toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
  return error as Prisma.PrismaClientKnownRequestError;
}

describe(`database adapter (${process.env.MAILLAGE_TEST_BASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  test("the run uses the database it announces", () => {
    expect(getDatabase().kind).toBe(process.env.MAILLAGE_TEST_BASE_URL ? "postgres" : "pglite");
  });

  test("Bytes are written and read back byte for byte, in a model and in a transaction", async () => {
    // Every byte value, and a NUL: PGlite's adapter once received them base64-encoded ("Invalid input for bytea").
    const bytes = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256);
    const name = `test:${Date.now()}:${Math.random()}`;
    await prisma.collabDocument.create({ data: { name, state: bytes } });
    const read = await prisma.collabDocument.findUniqueOrThrow({ where: { name } });
    expect(Buffer.from(read.state).equals(Buffer.from(bytes))).toBe(true);
    await transaction((tx) =>
      tx.collabUpdate.createMany({
        data: [
          { documentName: name, update: bytes.slice(0, 3) },
          { documentName: name, update: new Uint8Array() },
        ],
      }),
    );
    const updates = await prisma.collabUpdate.findMany({ where: { documentName: name }, orderBy: { id: "asc" } });
    expect(updates.map((u) => [...u.update])).toEqual([[0, 7, 14], []]);
    const raw = await prisma.$queryRaw<{ n: number }[]>`SELECT length("state")::int AS n FROM "CollabDocument" WHERE "name" = ${name}`;
    expect(raw[0].n).toBe(512);
  });

  test("a unique violation is Prisma P2002 naming the field", async () => {
    const network = await createNetwork();
    const error = await prismaError(createNetwork({ slug: network.slug }));
    expect(error.code).toBe("P2002");
    expect(JSON.stringify(error.meta)).toContain("slug");
    expect(await prisma.network.count({ where: { slug: network.slug } })).toBe(1);
  });

  test("a unique violation inside an interactive transaction is P2002 too", async () => {
    const user = await createUser();
    const error = await prismaError(
      transaction(async (tx) => {
        await tx.user.create({ data: { email: `other-${user.email}`, name: "Autre" } });
        await tx.user.create({ data: { email: user.email, name: "Doublon" } });
      }),
    );
    expect(error.code).toBe("P2002");
    expect(await prisma.user.count({ where: { email: `other-${user.email}` } })).toBe(0);
  });

  test("a foreign-key violation is Prisma P2003", async () => {
    const user = await createUser();
    const error = await prismaError(prisma.networkCoordinator.create({ data: { networkId: "no-such-network", userId: user.id } }));
    expect(error.code).toBe("P2003");
  });

  test("a transaction that throws leaves nothing behind", async () => {
    const slug = `rollback-${Date.now()}`;
    await expect(
      transaction(async (tx) => {
        const network = await tx.network.create({ data: { slug, name: "Éphémère", themes: [], languages: ["fr"] } });
        await tx.auditLog.create({ data: { networkId: network.id, action: slug, entityType: "network", entityId: network.id } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await prisma.network.count({ where: { slug } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: slug } })).toBe(0);
  });

  test("transaction() runs at the isolation level it is given, read committed otherwise", async () => {
    const level = (rows: { transaction_isolation: string }[]) => rows[0].transaction_isolation;
    const isolation = (tx: Prisma.TransactionClient) => tx.$queryRaw<{ transaction_isolation: string }[]>`SHOW transaction_isolation`;
    expect(level(await transaction(isolation))).toBe("read committed");
    expect(level(await transaction(isolation, { isolationLevel: "Serializable" }))).toBe("serializable");
  });

  test("a sequential $transaction rolls back when one of its writes fails", async () => {
    const network = await createNetwork();
    const slug = `seq-${Date.now()}`;
    await expect(
      prisma.$transaction([
        prisma.network.create({ data: { slug, name: "Premier", themes: [], languages: [] } }),
        prisma.network.create({ data: { slug: network.slug, name: "Doublon", themes: [], languages: [] } }),
      ]),
    ).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect(await prisma.network.count({ where: { slug } })).toBe(0);
  });

  test("String[] round-trips, empty, with commas, quotes and accents, and can be filtered on", async () => {
    const themes = ["Santé mentale", "Aide à la jeunesse", 'Logement "social", urgence', "Ŝpecial {braces}", ""];
    const network = await createNetwork({ themes, languages: [] });
    const back = await prisma.network.findUniqueOrThrow({ where: { id: network.id }, select: { themes: true, languages: true } });
    expect(back).toEqual({ themes, languages: [] });
    const found = await prisma.network.findMany({ where: { themes: { has: "Aide à la jeunesse" } }, select: { id: true } });
    expect(found.map((n) => n.id)).toContain(network.id);
  });

  test("Json round-trips objects, arrays, numbers, booleans, null inside and accents", async () => {
    const before = { nom: "Crèche « Les Petits Pas »", tags: ["été", "hiver"], count: 3, ratio: 0.5, open: false, note: null, nested: { ü: "ß" } };
    const entry = await prisma.auditLog.create({
      data: { action: "test.json", entityType: "test", entityId: "json-1", before, after: [1, "deux", { trois: true }] },
      select: { id: true },
    });
    const back = await prisma.auditLog.findUniqueOrThrow({ where: { id: entry.id }, select: { before: true, after: true } });
    expect(back.before).toEqual(before);
    expect(back.after).toEqual([1, "deux", { trois: true }]);
    const filtered = await prisma.auditLog.count({ where: { before: { path: ["nom"], equals: "Crèche « Les Petits Pas »" } } });
    expect(filtered).toBe(1);
  });

  test("accents and other scripts round-trip in text columns and compare exactly", async () => {
    const name = "Zoë Ñúñez-Çelik — Łódź, Ærø, 東京, emoji 🤝";
    const user = await createUser({ name });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } })).name).toBe(name);
    expect(await prisma.user.count({ where: { name } })).toBe(1);
    expect(await prisma.user.count({ where: { name: { contains: "Łódź" } } })).toBe(1);
  });

  test("timestamps keep milliseconds and the instant", async () => {
    const at = new Date("2026-03-29T00:59:59.123Z");
    const row = await prisma.rateLimit.create({ data: { key: `t-${Date.now()}`, count: 1, resetAt: at } });
    const back = await prisma.rateLimit.findUniqueOrThrow({ where: { key: row.key } });
    expect(back.resetAt.toISOString()).toBe(at.toISOString());
  });
});
