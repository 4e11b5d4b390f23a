// The demo network a fresh clone starts with: its charter in two versions, most organisations
// members, two to renew, applicants, one withdrawn, a request to join waiting.
import { expect, test } from "vitest";
import { membershipStatuses } from "#app/models/adhesion.server";
import { seedDemoIfEmpty } from "#app/models/demo-seed.server";
import { DEMO_APPLICANTS, DEMO_TO_RENEW, DEMO_WITHDRAWN } from "#app/models/demo-charter";
import { fingerprintOf } from "#app/utils/rich-text.server";
import { prisma } from "#app/utils/db.server";

test("seeds once, with a charter whose published versions carry their fingerprint and most organisations as members", async () => {
  const logins = await seedDemoIfEmpty();
  expect(logins?.map((l) => l.email)).toContain("coordination@demo.maillage.be");
  expect(await seedDemoIfEmpty()).toBeNull();

  const network = await prisma.network.findUniqueOrThrow({ where: { slug: "relais-social-demo" }, select: { id: true } });
  const versions = await prisma.charterVersion.findMany({ where: { networkId: network.id }, orderBy: { number: "asc" } });
  expect(versions.map((v) => [v.number, v.status])).toEqual([
    [1, "published"],
    [2, "published"],
  ]);
  for (const v of versions) expect(v.fingerprint).toBe(fingerprintOf(v.title, v.body));
  expect(versions[1].adhesionDeadline!.getTime()).toBeGreaterThan(Date.now());

  const orgs = await prisma.organisation.findMany({ where: { networks: { some: { networkId: network.id } } }, select: { id: true, name: true } });
  const statuses = await membershipStatuses(network.id, orgs.map((o) => o.id));
  const byName = new Map(orgs.map((o) => [o.name, statuses.get(o.id)!.kind]));
  for (const name of DEMO_TO_RENEW) expect(byName.get(name), name).toBe("to_renew");
  for (const name of DEMO_APPLICANTS) expect(byName.get(name), name).toBe("applicant");
  expect(byName.get(DEMO_WITHDRAWN.name)).toBe("withdrawn");
  const members = [...byName.values()].filter((k) => k === "member").length;
  expect(members).toBe(orgs.length - DEMO_TO_RENEW.length - DEMO_APPLICANTS.length - 1);
  expect(members / orgs.length).toBeGreaterThan(0.8);
  expect(await prisma.joinRequest.count({ where: { networkId: network.id, status: "pending" } })).toBe(1);
});
