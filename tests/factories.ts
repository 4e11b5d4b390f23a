// Factories: real rows through the real client. Every value is unique per call.
import { randomBytes } from "node:crypto";

import { createOrganisation as createOrg, type OrganisationInput } from "#app/models/organisation.server";
import { now } from "#app/utils/clock.server";
import { prisma, transaction } from "#app/utils/db.server";
import type { DelegateRole } from "#app/utils/domain";
import { hashPassword } from "#app/utils/password.server";
import { createUserSession } from "#app/utils/session.server";

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
  {
    method = "GET",
    cookie,
    form,
    headers = {},
  }: { method?: string; cookie?: string; form?: Record<string, string | string[]>; headers?: Record<string, string> } = {},
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

/** A charter version of the network, published by default (fingerprint computed as the app does). */
export async function createCharterVersion(
  networkId: string,
  overrides: Partial<{
    title: string;
    body: string;
    changeSummary: string;
    effectiveOn: Date;
    status: "draft" | "published";
    adhesionDeadline: Date | null;
    publishedAt: Date;
  }> = {},
) {
  const { fingerprintOf } = await import("#app/utils/rich-text.server");
  const last = await prisma.charterVersion.findFirst({ where: { networkId }, orderBy: { number: "desc" }, select: { number: true } });
  const number = (last?.number ?? 0) + 1;
  const title = overrides.title ?? `Charte du réseau, version ${number}`;
  const body =
    overrides.body ?? `<h2>Nos principes</h2><p>Texte de la version ${number} : respect de la personne, secret professionnel, travail en réseau.</p>`;
  const status = overrides.status ?? "published";
  return prisma.charterVersion.create({
    data: {
      networkId,
      number,
      title,
      body,
      changeSummary: overrides.changeSummary ?? (number > 1 ? `Changements de la version ${number}` : ""),
      effectiveOn: overrides.effectiveOn ?? new Date("2026-01-01T00:00:00.000Z"),
      status,
      publishedAt: status === "published" ? (overrides.publishedAt ?? new Date("2026-01-01T09:00:00.000Z")) : null,
      fingerprint: status === "published" ? fingerprintOf(title, body) : null,
      adhesionDeadline: overrides.adhesionDeadline ?? null,
    },
  });
}

/** A valid online adhesion of the organisation to this version (as if signed on `signedOn`). */
export async function createAdhesion(
  networkId: string,
  organisationId: string,
  version: { id: string; fingerprint: string | null },
  overrides: Partial<{
    method: "online" | "paper";
    status: "valid" | "pending" | "rejected";
    signedOn: Date;
    signatoryName: string;
    scanPath: string;
    scanType: string;
    scanSize: number;
    scanName: string;
  }> = {},
) {
  const status = overrides.status ?? "valid";
  return prisma.adhesion.create({
    data: {
      networkId,
      organisationId,
      charterVersionId: version.id,
      method: overrides.method ?? "online",
      status,
      activeKey: status === "rejected" ? null : `${organisationId}:${version.id}`,
      signatoryName: overrides.signatoryName ?? "Alex Dupont",
      signatoryFunction: "Direction",
      signedOn: overrides.signedOn ?? new Date("2026-01-15T00:00:00.000Z"),
      fingerprint: version.fingerprint ?? "",
      scanPath: overrides.scanPath,
      scanType: overrides.scanType,
      scanSize: overrides.scanSize,
      scanName: overrides.scanName,
    },
  });
}

// --- Working groups and meetings ---------------------------------------------------------------

export async function createGroup(
  networkId: string,
  overrides: Partial<{ name: string; slug: string; theme: string; description: string; joinPolicy: "open" | "request" }> = {},
) {
  const id = uid();
  return prisma.workingGroup.create({
    data: {
      networkId,
      slug: overrides.slug ?? `groupe-${id}`,
      name: overrides.name ?? `Groupe ${id}`,
      theme: overrides.theme ?? "Logement",
      description: overrides.description ?? "Un groupe de travail de test",
      joinPolicy: overrides.joinPolicy ?? "open",
    },
  });
}

/** The organisation becomes an active member of the group; the given people take part for it. */
export async function addGroupMember(groupId: string, organisationId: string, participantIds: string[] = [], status: "active" | "pending" = "active") {
  await prisma.groupMembership.create({ data: { groupId, organisationId, status } });
  for (const userId of participantIds) await prisma.groupParticipant.create({ data: { groupId, organisationId, userId } });
}

export async function makeFacilitator(groupId: string, userId: string) {
  await prisma.groupFacilitator.create({ data: { groupId, userId } });
}

/** A single meeting of the group (2 hours, starting at `startsAt`, default in a week). */
export async function createMeeting(
  groupId: string,
  overrides: Partial<{
    title: string;
    startsAt: Date;
    endsAt: Date;
    place: string;
    videoUrl: string | null;
    isPublic: boolean;
    status: "scheduled" | "cancelled";
    proposalsUntil: Date | null;
    noteTakerId: string | null;
  }> = {},
) {
  const id = uid();
  // "Next week" for the app, which may be a test's frozen clock rather than the machine's.
  const startsAt = overrides.startsAt ?? new Date(now().getTime() + 7 * 86_400_000);
  return prisma.meeting.create({
    data: {
      groupId,
      uid: `meeting-${id}@maillage.test`,
      title: overrides.title ?? `Réunion ${id}`,
      startsAt,
      endsAt: overrides.endsAt ?? new Date(startsAt.getTime() + 2 * 3_600_000),
      place: overrides.place ?? "CPAS, salle du conseil, Rue de Test 1, 1060 Saint-Gilles",
      videoUrl: overrides.videoUrl ?? null,
      isPublic: overrides.isPublic ?? false,
      status: overrides.status ?? "scheduled",
      proposalsUntil: overrides.proposalsUntil ?? null,
      noteTakerId: overrides.noteTakerId ?? null,
    },
  });
}

/** Minutes of a meeting in the given state (published ones get a visibility, group by default). */
export async function createMinutes(
  meetingId: string,
  overrides: Partial<{
    status: "draft" | "submitted" | "approved" | "published";
    body: string;
    decisions: string;
    visibility: "group" | "network" | "public";
    authorId: string;
    authorOrganisationId: string;
    language: "fr" | "nl";
    searchText: string;
    version: number;
  }> = {},
) {
  const status = overrides.status ?? "draft";
  const body = overrides.body ?? "<p>Tour de table des services présents.</p>";
  const at = now();
  return prisma.minutes.create({
    data: {
      meetingId,
      version: overrides.version ?? 1,
      status,
      body,
      decisions: overrides.decisions ?? "",
      language: overrides.language ?? "fr",
      visibility: status === "published" ? (overrides.visibility ?? "group") : null,
      authorId: overrides.authorId ?? null,
      authorOrganisationId: overrides.authorOrganisationId ?? null,
      submittedAt: status === "draft" ? null : at,
      approvedAt: status === "approved" || status === "published" ? at : null,
      publishedAt: status === "published" ? at : null,
      searchText: overrides.searchText ?? body.replace(/<[^>]+>/g, " "),
    },
  });
}
