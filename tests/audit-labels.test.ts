// Every action the app writes to the audit log is said in words on the log's page
// (/:network/admin/audit), in French, Dutch and English: an action added without its label would
// show its raw key to the coordinator.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { expect, test } from "vitest";

import audit from "#app/locales/audit";
import { castBallots } from "#app/models/polls.server";
import { giveProxy } from "#app/models/proxies.server";
import { loader } from "#app/routes/$network+/admin+/audit";
import { assemblySetting, checkInAll, openResolution } from "#tests/assembly-helpers";
import { makeRequest, sessionCookie } from "#tests/factories";
import { call } from "#tests/route-call";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "generated" ? [] : sources(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

test("every audited action has its label in the three languages", () => {
  const actions = new Set<string>();
  for (const file of sources("app")) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("audit(")) continue;
    for (const match of text.matchAll(/\baction: "([a-z][a-zA-Z]*(?:\.[a-zA-Z]+)+)"/g)) actions.add(match[1]);
  }
  // The assemblies' and votes' actions are among them (the scan finds what it should).
  expect([...actions]).toEqual(expect.arrayContaining(["poll.open", "poll.close", "proxy.give", "assembly.checkIn", "committee.install"]));
  const missing = [...actions].flatMap((action) =>
    (["fr", "nl", "en"] as const).filter((lang) => !(`audit.action.${action}` in audit[lang])).map((lang) => `${lang} ${action}`),
  );
  expect(missing).toEqual([]);
});

test("the log says an assembly's steps in words, with the organisations by name and no ballot content", async () => {
  const s = await assemblySetting({ members: 3 });
  const [a, b, c] = s.members;
  await giveProxy(s.assembly.id, a.titularId, { giverOrganisationId: c.id, holderOrganisationId: a.id, channel: "online" });
  await checkInAll(s, [a.id, b.id], "room");
  const poll = await openResolution(s);
  const [tracker] = await castBallots(poll.id, { actingFor: b.id, channel: "room", votes: [{ organisationId: b.id, choices: ["against"] }] });
  const page = await call(loader, makeRequest(`/${s.network.slug}/admin/audit`, { cookie: await sessionCookie(s.coordinator.id) }), {
    network: s.network.slug,
  });
  expect(page.status).toBe(200);
  const body = page.body as { entries: { action: string; organisation: { name: string } | null }[]; organisationNames: Record<string, string> };
  const checkIns = body.entries.filter((e) => e.action === "assembly.checkIn").map((e) => e.organisation?.name);
  expect(checkIns.sort()).toEqual([a.name, b.name].sort());
  expect(body.organisationNames[c.id]).toBe(c.name); // the proxy's giver, named in its entry
  const text = JSON.stringify(page.body);
  expect(text).not.toContain(tracker.tracker);
  expect(text).not.toContain("against");
});
