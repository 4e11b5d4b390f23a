// Factories: real rows through the real client. Every value is unique per call.
import { randomBytes } from "node:crypto";
import { prisma } from "#app/utils/db.server";
import { hashPassword } from "#app/utils/password.server";
import { createOrganisation as createOrg, transaction, type OrganisationInput } from "#app/models/organisation.server";
import { createUserSession } from "#app/utils/session.server";
import type { DelegateRole } from "#app/utils/domain";

const uid = () => randomBytes(4).toString("hex");
export const TEST_PASSWORD = "correct horse battery";

let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD));

export async function createUser(overrides: Partial<{ email: string; name: string; locale: string; isPlatformAdmin: boolean; password: string | null }> = {}) {
  const id = uid();
  const hash = overrides.password === null ? null : overrides.password ? await hashPassword(overrides.password) : await passwordHash();
  return prisma.user.create({
    data: {
      email: overrides.email ?? `person-${id}@example.test`,
      name: overrides.name ?? `Personne ${id}`,
      locale: overrides.locale ?? "fr",
      isPlatformAdmin: overrides.isPlatformAdmin ?? false,
      passwordHash: hash,
    },
  });
}

export async function createNetwork(overrides: Partial<{ slug: string; name: string; themes: string[]; languages: string[] }> = {}) {
  const id = uid();
  return prisma.network.create({
    data: {
      slug: overrides.slug ?? `reseau-${id}`,
      name: overrides.name ?? `Réseau ${id}`,
      description: "Un réseau de test",
      themes: overrides.themes ?? ["Logement", "Santé", "Jeunesse"],
      languages: overrides.languages ?? ["fr", "nl", "en"],
    },
  });
}

export async function createOrganisation(networkId: string, overrides: Partial<OrganisationInput> = {}) {
  const id = uid();
  return transaction((tx) =>
    createOrg(tx, networkId, null, {
      name: `Association ${id}`,
      kind: "association",
      description: "Une organisation de test",
      street: "Rue de Test 1",
      postalCode: "1060",
      commune: "Saint-Gilles",
      themes: [],
      languages: ["fr"],
      ...overrides,
    }),
  );
}

export async function makeCoordinator(networkId: string, userId: string) {
  await prisma.networkCoordinator.create({ data: { networkId, userId } });
}

export async function makeDelegate(organisationId: string, userId: string, role: DelegateRole = "titular") {
  await prisma.delegate.create({ data: { organisationId, userId, role } });
}

/** A Cookie header for a new session of this user: tests sign in without the login page. */
export async function sessionCookie(userId: string) {
  const setCookie = await createUserSession(new Request("http://localhost/"), userId);
  return setCookie.split(";")[0];
}

/** A Request for calling a loader or an action directly. */
export function makeRequest(
  path: string,
  { method = "GET", cookie, form, headers = {} }: { method?: string; cookie?: string; form?: Record<string, string | string[]>; headers?: Record<string, string> } = {},
) {
  const h = new Headers(headers);
  if (cookie) h.set("Cookie", cookie);
  let body: URLSearchParams | undefined;
  if (form) {
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  }
  return new Request(`http://localhost${path}`, { method, headers: h, body });
}
