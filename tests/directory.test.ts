// The member directory and the profile page, through their loaders on a real database.
import { describe, expect, test } from "vitest";

import { loader as directoryLoader } from "#app/routes/$network+/organisations+/_index";
import { loader as profileLoader } from "#app/routes/$network+/organisations+/$org";
import { setNow } from "#app/utils/clock.server";
import { DomainError } from "#app/utils/errors.server";
import { createNetwork, createOrganisation, createUser, makeCoordinator, makeDelegate, makeRequest, sessionCookie } from "#tests/factories";

const h = (weekday: number, from: string, to: string) => {
  const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  return { weekday, opensAt: m(from), closesAt: m(to), byAppointment: false, note: "" };
};

async function search(slug: string, query = "", cookie?: string) {
  return directoryLoader({ request: makeRequest(`/${slug}/organisations${query}`, { cookie }), params: { network: slug }, context: {} });
}
const names = (r: Awaited<ReturnType<typeof search>>) => r.found.results.map((o) => o.name).sort();

async function thrownStatus(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    if (e instanceof Response) return e.status;
    if (e instanceof DomainError) return e.status; // answered with its status by the server (withDomainErrors)
    return (e as { init?: { status?: number } }).init?.status;
  }
  throw new Error("expected the loader to throw");
}

describe("directory search", () => {
  test("accent- and case-insensitive, every word must match, only this network", async () => {
    const network = await createNetwork();
    const other = await createNetwork();
    await createOrganisation(network.id, { name: "Maison de Santé du Nord", description: "Médecine générale" });
    await createOrganisation(network.id, { name: "Maison des Jeunes", description: "Activités pour adolescents" });
    await createOrganisation(network.id, { name: "Service de santé mentale", shortName: "SSM", description: "Consultations" });
    await createOrganisation(other.id, { name: "Santé ailleurs" });

    expect(names(await search(network.slug, "?q=sante"))).toEqual(["Maison de Santé du Nord", "Service de santé mentale"]);
    expect(names(await search(network.slug, "?q=SANTÉ"))).toEqual(["Maison de Santé du Nord", "Service de santé mentale"]);
    expect(names(await search(network.slug, "?q=maison%20nord"))).toEqual(["Maison de Santé du Nord"]);
    expect(names(await search(network.slug, "?q=ssm"))).toEqual(["Service de santé mentale"]);
    expect(names(await search(network.slug, "?q=medecine"))).toEqual(["Maison de Santé du Nord"]);
    expect(names(await search(network.slug, "?q=maison%20inconnu"))).toEqual([]);
    const all = await search(network.slug);
    expect(all.found.total).toBe(3);
  });

  test("LIKE wildcards in the query are plain characters", async () => {
    const network = await createNetwork();
    await createOrganisation(network.id, { name: "Association quelconque" });
    expect((await search(network.slug, "?q=%25")).found.total).toBe(0);
    expect((await search(network.slug, "?q=_")).found.total).toBe(0);
    await createOrganisation(network.id, { name: "Solidaires à 100%" });
    expect(names(await search(network.slug, "?q=100%25"))).toEqual(["Solidaires à 100%"]);
  });

  test("filters: theme, commune, language, kind, and they combine", async () => {
    const network = await createNetwork({ themes: ["Logement", "Santé", "Jeunesse"] });
    await createOrganisation(network.id, { name: "A", themes: ["Logement"], commune: "Jambes", languages: ["fr", "ar"], kind: "housing" });
    await createOrganisation(network.id, { name: "B", themes: ["Santé"], commune: "Namur", languages: ["fr"], kind: "medical_centre" });
    await createOrganisation(network.id, { name: "C", themes: ["Santé", "Jeunesse"], commune: "Jambes", languages: ["nl"], kind: "association" });

    expect(names(await search(network.slug, "?theme=Sant%C3%A9"))).toEqual(["B", "C"]);
    expect(names(await search(network.slug, "?commune=Jambes"))).toEqual(["A", "C"]);
    expect(names(await search(network.slug, "?language=ar"))).toEqual(["A"]);
    expect(names(await search(network.slug, "?kind=medical_centre"))).toEqual(["B"]);
    expect(names(await search(network.slug, "?theme=Sant%C3%A9&commune=Jambes"))).toEqual(["C"]);
    // A theme that is not the network's, or an unknown kind, is ignored rather than matching nothing.
    expect((await search(network.slug, "?theme=Inconnu&kind=spaceship")).found.total).toBe(3);
    const page = await search(network.slug);
    expect(page.communes).toEqual(["Jambes", "Namur"]);
  });

  test("open now reads Brussels time, in winter and in summer", async () => {
    const network = await createNetwork();
    await createOrganisation(network.id, { name: "Matin du mardi", hours: [h(2, "09:30", "10:30")] });
    await createOrganisation(network.id, { name: "Nuit du mardi", hours: [h(2, "23:00", "23:59")] });
    await createOrganisation(network.id, { name: "Mercredi", hours: [h(3, "00:00", "23:59")] });

    // Tuesday 13 January 2026, 10:15 in Brussels (UTC+1): 09:15 UTC, before 09:30 in UTC terms.
    setNow(new Date("2026-01-13T09:15:00Z"));
    const winter = await search(network.slug, "?open=1");
    expect(names(winter)).toEqual(["Matin du mardi"]);
    expect(winter.found.results[0].openNow).toBe(true);
    // Without the filter, the badge tells which ones are open.
    const badges = Object.fromEntries((await search(network.slug)).found.results.map((o) => [o.name, o.openNow]));
    expect(badges).toEqual({ "Matin du mardi": true, "Nuit du mardi": false, Mercredi: false });

    // Same day, 23:30 in Brussels.
    setNow(new Date("2026-01-13T22:30:00Z"));
    expect(names(await search(network.slug, "?open=1"))).toEqual(["Nuit du mardi"]);

    // Tuesday 14 July 2026, 10:15 in Brussels (UTC+2): 08:15 UTC.
    setNow(new Date("2026-07-14T08:15:00Z"));
    expect(names(await search(network.slug, "?open=1"))).toEqual(["Matin du mardi"]);
    // 23:30 UTC on Tuesday in summer is already Wednesday 01:30 in Brussels.
    setNow(new Date("2026-07-14T23:30:00Z"));
    expect(names(await search(network.slug, "?open=1"))).toEqual(["Mercredi"]);
  });

  test("closing time is exclusive, opening time inclusive", async () => {
    const network = await createNetwork();
    await createOrganisation(network.id, { name: "Guichet", hours: [h(2, "09:30", "10:30")] });
    setNow(new Date("2026-01-13T08:30:00Z")); // 09:30 Brussels
    expect((await search(network.slug, "?open=1")).found.total).toBe(1);
    setNow(new Date("2026-01-13T09:30:00Z")); // 10:30 Brussels
    expect((await search(network.slug, "?open=1")).found.total).toBe(0);
  });

  test("pagination: 20 a page, a count of all results, out-of-range pages clamped", async () => {
    const network = await createNetwork();
    for (let i = 1; i <= 45; i++) {
      await createOrganisation(network.id, { name: `Service ${String(i).padStart(2, "0")}`, commune: i % 2 ? "Namur" : "Jambes" });
    }
    const first = await search(network.slug);
    expect(first.found.total).toBe(45);
    expect(first.found.pages).toBe(3);
    expect(first.found.results).toHaveLength(20);
    expect(first.found.results[0].name).toBe("Service 01");
    const third = await search(network.slug, "?page=3");
    expect(third.found.results.map((o) => o.name)).toEqual(["Service 41", "Service 42", "Service 43", "Service 44", "Service 45"]);
    expect((await search(network.slug, "?page=99")).found.page).toBe(3);
    expect((await search(network.slug, "?page=abc")).found.page).toBe(1);
    // Pagination counts the filtered results.
    const filtered = await search(network.slug, "?commune=Namur&page=2");
    expect(filtered.found.total).toBe(23);
    expect(filtered.found.pages).toBe(2);
    expect(filtered.found.results).toHaveLength(3);
    expect(filtered.found.results.every((o) => o.commune === "Namur")).toBe(true);
  });

  test("results sort by name whatever the accents", async () => {
    const network = await createNetwork();
    for (const name of ["Zèbre", "École du soir", "abri", "Entraide"]) await createOrganisation(network.id, { name });
    expect((await search(network.slug)).found.results.map((o) => o.name)).toEqual(["abri", "École du soir", "Entraide", "Zèbre"]);
  });

  test("unknown network: 404", async () => {
    expect(await thrownStatus(search("no-such-network"))).toBe(404);
  });
});

describe("profile", () => {
  async function profile(slug: string, org: string, cookie?: string) {
    return profileLoader({ request: makeRequest(`/${slug}/organisations/${org}`, { cookie }), params: { network: slug, org }, context: {} });
  }

  async function setup() {
    const network = await createNetwork();
    const org = await createOrganisation(network.id, {
      name: "Maison d'accueil",
      street: "Rue secrète 3",
      postalCode: "5020",
      commune: "Flawinne",
      latitude: 50.45,
      longitude: 4.8,
      addressPublic: false,
      phone: "081 11 22 33",
      phonePublic: false,
      email: "public@example.test",
      emailPublic: true,
      website: "https://membres.example.test",
      websitePublic: false,
      languages: ["fr", "ar"],
      hours: [h(1, "09:00", "12:00"), h(1, "13:00", "16:00"), h(4, "18:00", "20:00")],
    });
    return { network, org };
  }

  test("a visitor sees the public fields and only learns that the others exist", async () => {
    const { network, org } = await setup();
    const page = await profile(network.slug, org.slug);
    expect(page.org.email).toBe("public@example.test");
    expect(page.org.phone).toBeNull();
    expect(page.org.website).toBeNull();
    expect(page.org.street).toBeNull();
    expect(page.org.postalCode).toBeNull();
    expect(page.org.coordinates).toBeNull();
    expect(page.org.commune).toBe("Flawinne");
    expect(page.hidden).toEqual({ address: true, phone: true, email: false, website: true });
    expect(JSON.stringify(page)).not.toContain("081 11 22 33");
    expect(JSON.stringify(page)).not.toContain("secrète");
    expect(page.canEdit).toBe(false);
  });

  test("members of the network (delegates of any member, coordinators) see everything", async () => {
    const { network, org } = await setup();
    const neighbour = await createOrganisation(network.id);
    const delegate = await createUser();
    await makeDelegate(neighbour.id, delegate.id);
    const coordinator = await createUser();
    await makeCoordinator(network.id, coordinator.id);
    for (const user of [delegate, coordinator]) {
      const page = await profile(network.slug, org.slug, await sessionCookie(user.id));
      expect(page.org.phone).toBe("081 11 22 33");
      expect(page.org.website).toBe("https://membres.example.test");
      expect(page.org.street).toBe("Rue secrète 3");
      expect(page.org.coordinates).toEqual({ lat: 50.45, lon: 4.8 });
      expect(page.hidden).toEqual({ address: false, phone: false, email: false, website: false });
    }
    // The neighbour's delegate reads but does not edit; the coordinator edits.
    expect((await profile(network.slug, org.slug, await sessionCookie(delegate.id))).canEdit).toBe(false);
    expect((await profile(network.slug, org.slug, await sessionCookie(coordinator.id))).canEdit).toBe(true);
  });

  test("a delegate or coordinator of another network is an outsider here", async () => {
    const { network, org } = await setup();
    const elsewhere = await createNetwork();
    const theirOrg = await createOrganisation(elsewhere.id);
    const delegate = await createUser();
    await makeDelegate(theirOrg.id, delegate.id);
    const coordinator = await createUser();
    await makeCoordinator(elsewhere.id, coordinator.id);
    for (const user of [delegate, coordinator]) {
      const page = await profile(network.slug, org.slug, await sessionCookie(user.id));
      expect(page.org.phone).toBeNull();
      expect(page.hidden.phone).toBe(true);
      expect(page.canEdit).toBe(false);
    }
  });

  test("opening hours come sorted; an organisation of another network is a 404", async () => {
    const { network, org } = await setup();
    setNow(new Date("2026-01-12T12:30:00Z")); // Monday 13:30 in Brussels
    const page = await profile(network.slug, org.slug);
    expect(page.org.hours.map((x) => [x.weekday, x.opensAt])).toEqual([
      [1, 540],
      [1, 780],
      [4, 1080],
    ]);
    expect(page.openNow).toBe(true);
    const elsewhere = await createNetwork();
    const foreign = await createOrganisation(elsewhere.id);
    expect(await thrownStatus(profile(network.slug, foreign.slug))).toBe(404);
    expect(await thrownStatus(profile(network.slug, "nope"))).toBe(404);
  });
});
