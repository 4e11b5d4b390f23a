// Editing and creating organisations through the route actions: who may, what is saved and
// audited, and bad input refused with nothing changed.
import { describe, expect, test } from "vitest";

import { action as editAction, loader as editLoader } from "#app/routes/$network+/organisations+/$org_.edit";
import { action as newAction, loader as newLoader } from "#app/routes/$network+/organisations+/new";
import { prisma } from "#app/utils/db.server";
import { DomainError, domainErrorResponse } from "#app/utils/errors.server";
import { createNetwork, createOrganisation, createUser, makeCoordinator, makeDelegate, makeRequest, sessionCookie } from "#tests/factories";

type Result = Response | { data: unknown; init: ResponseInit | null };

async function outcome(run: () => Promise<unknown>): Promise<{ status: number; result: Result }> {
  try {
    const result = (await run()) as Result;
    return { status: result instanceof Response ? result.status : (result.init?.status ?? 200), result };
  } catch (e) {
    if (e instanceof Response) return { status: e.status, result: e };
    // Answered as the server answers it (withDomainErrors in server.ts).
    if (e instanceof DomainError) return { status: e.status, result: domainErrorResponse(e) };
    const thrown = e as { init?: { status?: number } };
    if (thrown.init?.status) return { status: thrown.init.status, result: e as Result };
    throw e;
  }
}

function edit(slug: string, org: string, form: Record<string, string | string[]>, cookie?: string) {
  return outcome(() =>
    editAction({ request: makeRequest(`/${slug}/organisations/${org}/edit`, { method: "POST", form, cookie }), params: { network: slug, org }, context: {} }),
  );
}

/** A complete, valid form, as the browser would send it. */
function validForm(overrides: Record<string, string | string[]> = {}) {
  return {
    name: "Maison médicale des Balances",
    shortName: "MM Balances",
    kind: "medical_centre",
    description: "Soins de première ligne.",
    street: "Rue des Balances 2",
    postalCode: "5000",
    commune: "Namur",
    latitude: "50,4669",
    longitude: "4.8675",
    phone: "081 22 33 44",
    phonePublic: "on",
    email: "Accueil@Balances.example",
    emailPublic: "on",
    website: "https://balances.example",
    addressPublic: "on",
    themes: ["Santé", "Logement"],
    languages: ["ar", "fr"],
    "hours[0].weekday": "2",
    "hours[0].opensAt": "09:00",
    "hours[0].closesAt": "12:30",
    "hours[0].byAppointment": "on",
    "hours[0].note": "Infirmerie",
    "hours[1].weekday": "",
    "hours[1].opensAt": "",
    "hours[1].closesAt": "",
    "hours[1].note": "",
    ...overrides,
  };
}

async function setup() {
  const network = await createNetwork({ themes: ["Logement", "Santé", "Jeunesse"] });
  const org = await createOrganisation(network.id, {
    name: "Maison médicale",
    kind: "medical_centre",
    phone: "081 00 00 00",
    themes: ["Santé"],
    hours: [{ weekday: 1, opensAt: 540, closesAt: 720, byAppointment: false, note: "" }],
  });
  const other = await createOrganisation(network.id);
  const delegate = await createUser();
  await makeDelegate(org.id, delegate.id);
  return { network, org, other, delegate };
}

const snapshot = (id: string) =>
  prisma.organisation.findUniqueOrThrow({
    where: { id },
    select: { name: true, email: true, themes: true, phone: true, updatedAt: true, hours: { select: { weekday: true, opensAt: true, closesAt: true } } },
  });

describe("who may edit", () => {
  test("anonymous: to the sign-in page; delegate of another organisation or coordinator of another network: 403", async () => {
    const { network, org, other } = await setup();
    const anonymous = await edit(network.slug, org.slug, validForm());
    expect(anonymous.status).toBe(302);
    expect((anonymous.result as Response).headers.get("Location")).toMatch(/^\/login/);

    const otherDelegate = await createUser();
    await makeDelegate(other.id, otherDelegate.id);
    expect((await edit(network.slug, org.slug, validForm(), await sessionCookie(otherDelegate.id))).status).toBe(403);

    const elsewhere = await createNetwork();
    const otherCoordinator = await createUser();
    await makeCoordinator(elsewhere.id, otherCoordinator.id);
    expect((await edit(network.slug, org.slug, validForm(), await sessionCookie(otherCoordinator.id))).status).toBe(403);

    // The edit page itself follows the same rule.
    const page = (cookie?: string) =>
      outcome(() =>
        editLoader({
          request: makeRequest(`/${network.slug}/organisations/${org.slug}/edit`, { cookie }),
          params: { network: network.slug, org: org.slug },
          context: {},
        }),
      );
    expect((await page(await sessionCookie(otherDelegate.id))).status).toBe(403);
    expect((await page(await sessionCookie(otherCoordinator.id))).status).toBe(403);
    expect(await prisma.auditLog.count({ where: { entityId: org.id, action: "organisation.update" } })).toBe(0);
    expect((await snapshot(org.id)).name).toBe("Maison médicale");
  });

  test("an organisation of another network is a 404, even for a coordinator", async () => {
    const { network } = await setup();
    const coordinator = await createUser();
    await makeCoordinator(network.id, coordinator.id);
    const elsewhere = await createNetwork();
    const foreign = await createOrganisation(elsewhere.id);
    expect((await edit(network.slug, foreign.slug, validForm(), await sessionCookie(coordinator.id))).status).toBe(404);
  });
});

describe("saving", () => {
  test("the organisation's own delegate saves every field; hours replaced; audited with before and after", async () => {
    const { network, org, delegate } = await setup();
    const { status, result } = await edit(network.slug, org.slug, validForm(), await sessionCookie(delegate.id));
    expect(status).toBe(302);
    expect((result as Response).headers.get("Location")).toBe(`/${network.slug}/organisations/${org.slug}`);
    expect((result as Response).headers.get("Set-Cookie")).toContain("__toast");

    const saved = await prisma.organisation.findUniqueOrThrow({
      where: { id: org.id },
      include: { hours: { orderBy: { weekday: "asc" } } },
    });
    expect(saved).toMatchObject({
      name: "Maison médicale des Balances",
      shortName: "MM Balances",
      kind: "medical_centre",
      postalCode: "5000",
      latitude: 50.4669,
      longitude: 4.8675,
      email: "accueil@balances.example",
      website: "https://balances.example",
      addressPublic: true,
      phonePublic: true,
      emailPublic: true,
      websitePublic: false,
      themes: ["Logement", "Santé"],
      languages: ["fr", "ar"],
    });
    expect(saved.searchText).toContain("maison medicale des balances");
    expect(saved.hours.map((x) => ({ weekday: x.weekday, opensAt: x.opensAt, closesAt: x.closesAt, byAppointment: x.byAppointment, note: x.note }))).toEqual([
      { weekday: 2, opensAt: 540, closesAt: 750, byAppointment: true, note: "Infirmerie" },
    ]);

    const entry = await prisma.auditLog.findFirstOrThrow({ where: { entityId: org.id, action: "organisation.update" } });
    expect(entry.actorId).toBe(delegate.id);
    expect(entry.networkId).toBe(network.id);
    expect(entry.before).toMatchObject({ name: "Maison médicale", phone: "081 00 00 00" });
    expect(entry.after).toMatchObject({ name: "Maison médicale des Balances", phone: "081 22 33 44" });
    expect((entry.before as { hours: unknown[] }).hours).toHaveLength(1);
  });

  test("a coordinator of the network may edit; a 'remove' box deletes a row; unchanged save writes no audit", async () => {
    const { network, org } = await setup();
    const coordinator = await createUser();
    await makeCoordinator(network.id, coordinator.id);
    const cookie = await sessionCookie(coordinator.id);
    const form = validForm({
      "hours[1].weekday": "5",
      "hours[1].opensAt": "14:00",
      "hours[1].closesAt": "16:00",
      "hours[2].weekday": "6",
      "hours[2].opensAt": "10:00",
      "hours[2].closesAt": "11:00",
      "hours[2].remove": "on",
    });
    expect((await edit(network.slug, org.slug, form, cookie)).status).toBe(302);
    expect((await snapshot(org.id)).hours.map((x) => x.weekday).sort()).toEqual([2, 5]);
    const audits = await prisma.auditLog.count({ where: { entityId: org.id } });
    expect((await edit(network.slug, org.slug, form, cookie)).status).toBe(302);
    expect(await prisma.auditLog.count({ where: { entityId: org.id } })).toBe(audits);
  });

  test("themes of the organisation's other networks survive an edit made here", async () => {
    const { network, org, delegate } = await setup();
    const second = await createNetwork({ themes: ["Précarité énergétique"] });
    await prisma.networkOrganisation.create({ data: { networkId: second.id, organisationId: org.id } });
    await prisma.organisation.update({ where: { id: org.id }, data: { themes: ["Santé", "Précarité énergétique"] } });
    expect((await edit(network.slug, org.slug, validForm({ themes: ["Jeunesse"] }), await sessionCookie(delegate.id))).status).toBe(302);
    expect((await snapshot(org.id)).themes.sort()).toEqual(["Jeunesse", "Précarité énergétique"]);
  });
});

describe("bad input: 400, errors beside the fields, nothing changed", () => {
  const cases: [string, Record<string, string | string[]>, string, string][] = [
    ["an invalid e-mail", { email: "pas-une-adresse" }, "email", "form.invalidEmail"],
    ["a theme not in the network's list", { themes: ["Santé", "Astrologie"] }, "themes", "org.error.theme"],
    ["hours that end before they start", { "hours[0].opensAt": "14:00", "hours[0].closesAt": "09:00" }, "hours[0].closesAt", "org.error.timeOrder"],
    ["hours that end when they start", { "hours[0].opensAt": "14:00", "hours[0].closesAt": "14:00" }, "hours[0].closesAt", "org.error.timeOrder"],
    ["an unreadable time", { "hours[0].opensAt": "midi" }, "hours[0].opensAt", "org.error.time"],
    ["a row without its day", { "hours[1].opensAt": "10:00", "hours[1].closesAt": "11:00" }, "hours[1].weekday", "org.error.weekday"],
    ["a postal code that is not Belgian", { postalCode: "75001" }, "postalCode", "org.error.postalCode"],
    ["a latitude out of range", { latitude: "95" }, "latitude", "org.error.latitude"],
    ["a latitude without longitude", { longitude: "" }, "longitude", "org.error.coordinatesPair"],
    ["a website that is not http", { website: "javascript:alert(1)" }, "website", "form.invalidUrl"],
    ["an unknown kind", { kind: "spaceship" }, "kind", "form.invalidChoice"],
    ["an empty name", { name: "" }, "name", "form.required"],
  ];
  for (const [label, overrides, field, message] of cases) {
    test(label, async () => {
      const { network, org, delegate } = await setup();
      const before = await snapshot(org.id);
      const { status, result } = await edit(network.slug, org.slug, validForm(overrides), await sessionCookie(delegate.id));
      expect(status).toBe(400);
      const reply = (result as { data: { error?: Record<string, string[]> } }).data;
      expect(reply.error?.[field]).toEqual([message]);
      expect(await snapshot(org.id)).toEqual(before);
      expect(await prisma.auditLog.count({ where: { entityId: org.id, action: "organisation.update" } })).toBe(0);
    });
  }
});

describe("creating an organisation", () => {
  function create(slug: string, form: Record<string, string | string[]>, cookie?: string) {
    return outcome(() =>
      newAction({ request: makeRequest(`/${slug}/organisations/new`, { method: "POST", form, cookie }), params: { network: slug }, context: {} }),
    );
  }

  test("a coordinator creates it in the network, audited; a delegate may not", async () => {
    const { network, delegate } = await setup();
    expect((await create(network.slug, validForm({ name: "Nouvelle asbl" }), await sessionCookie(delegate.id))).status).toBe(403);
    const page = await outcome(() =>
      newLoader({ request: makeRequest(`/${network.slug}/organisations/new`, { cookie: "" }), params: { network: network.slug }, context: {} }),
    );
    expect(page.status).toBe(302);

    const coordinator = await createUser();
    await makeCoordinator(network.id, coordinator.id);
    const cookie = await sessionCookie(coordinator.id);
    expect((await create(network.slug, validForm({ name: "" }), cookie)).status).toBe(400);
    const { status, result } = await create(network.slug, validForm({ name: "Nouvelle asbl" }), cookie);
    expect(status).toBe(302);
    const created = await prisma.organisation.findFirstOrThrow({
      where: { name: "Nouvelle asbl" },
      select: { id: true, slug: true, networks: { select: { networkId: true } }, hours: { select: { weekday: true } } },
    });
    expect((result as Response).headers.get("Location")).toBe(`/${network.slug}/organisations/${created.slug}`);
    expect(created.networks).toEqual([{ networkId: network.id }]);
    expect(created.hours).toEqual([{ weekday: 2 }]);
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { entityId: created.id } });
    expect(entry).toMatchObject({ action: "organisation.create", actorId: coordinator.id, networkId: network.id });
  });

  test("a name that would take the slug 'new' gets another one", async () => {
    const { network } = await setup();
    const coordinator = await createUser();
    await makeCoordinator(network.id, coordinator.id);
    expect((await create(network.slug, validForm({ name: "New" }), await sessionCookie(coordinator.id))).status).toBe(302);
    expect((await prisma.organisation.findFirstOrThrow({ where: { name: "New" }, select: { slug: true } })).slug).toBe("new-2");
  });
});
