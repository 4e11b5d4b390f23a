/// <reference types="vite/client" />
// The authorization matrix's rows and the fixture they run against, shared by the matrix walk
// (authorization.e2e.test.ts) and the fuzzing of every form (fuzz.e2e.test.ts).
import { prisma } from "#app/utils/db.server";
import { sendEmail } from "#app/utils/email.server";
import { createAdhesion, createCharterVersion, createNetwork, createOrganisation, createUser, makeCoordinator, makeDelegate } from "#tests/factories";

import { sessionCookieFor } from "../harness";
import type { FixtureBase, MatrixRow, Persona, VotingPersona } from "./types";

const rowModules = import.meta.glob<{ rows: MatrixRow[] }>("./rows-*.ts", { eager: true });
// Each domain may add placeholders of its own (tests/e2e/authz/fixture-*.ts), built after the base.
const fixtureModules = import.meta.glob<{ prepare: (base: FixtureBase) => Promise<Record<string, string>> }>("./fixture-*.ts", { eager: true });
// Signing out revokes the persona's session: those rows run last.
export const rows = Object.values(rowModules)
  .flatMap((m) => m.rows)
  .sort((a, b) => Number(a.route === "routes/logout" && a.method === "POST") - Number(b.route === "routes/logout" && b.method === "POST"));
export const PERSONAS: Persona[] = ["anonymous", "otherDelegate", "delegate", "otherCoordinator", "coordinator"];

export const VOTING_PERSONAS: VotingPersona[] = ["committeeMember", "proxyHolder", "nonVoting"];

export type Fixture = { cookies: Record<Persona | VotingPersona, string | null>; values: Record<string, string> };

/** Builds the matrix's fixture (call as startApp's `prepare`). */
export async function prepareMatrix(): Promise<Fixture> {
  const network = await createNetwork();
  const otherNetwork = await createNetwork();
  const org = await createOrganisation(network.id);
  const otherOrg = await createOrganisation(network.id);
  const [coordinator, otherCoordinator, delegate, otherDelegate] = await Promise.all([createUser(), createUser(), createUser(), createUser()]);
  await makeCoordinator(network.id, coordinator.id);
  await makeCoordinator(otherNetwork.id, otherCoordinator.id);
  await makeDelegate(org.id, delegate.id, "titular");
  await makeDelegate(otherOrg.id, otherDelegate.id, "titular");
  // The voting personas' organisations: two members of the charter, one seated on the comité; a
  // member giving its proxy (no persona); an applicant (in the directory, never signed).
  const [committeeOrg, holderOrg, giverOrg, applicantOrg] = [
    await createOrganisation(network.id),
    await createOrganisation(network.id),
    await createOrganisation(network.id),
    await createOrganisation(network.id),
  ];
  const [committeeMember, proxyHolder, nonVoting] = await Promise.all([createUser(), createUser(), createUser()]);
  await makeDelegate(committeeOrg.id, committeeMember.id, "titular");
  await makeDelegate(holderOrg.id, proxyHolder.id, "titular");
  await makeDelegate(applicantOrg.id, nonVoting.id, "titular");
  const email = await sendEmail({ to: "someone@example.test", subject: "Test", html: "<p>x</p>", text: "x", networkId: network.id });
  // The charter: version 1 published and signed by :otherOrg; version 2 a draft; a paper
  // adhesion of :org awaiting review; a request to join from outside.
  const version = await createCharterVersion(network.id);
  const draft = await createCharterVersion(network.id, { status: "draft" });
  await createAdhesion(network.id, otherOrg.id, version);
  for (const member of [committeeOrg, holderOrg, giverOrg]) await createAdhesion(network.id, member.id, version);
  await prisma.committeeSeat.create({ data: { networkId: network.id, organisationId: committeeOrg.id, mandateFrom: new Date(Date.now() - 86_400_000 * 30) } });
  const paper = await createAdhesion(network.id, org.id, version, {
    method: "paper",
    status: "pending",
    scanPath: "missing/scan.pdf",
    scanType: "application/pdf",
    scanSize: 1000,
    scanName: "charte.pdf",
  });
  const joinRequest = await prisma.joinRequest.create({
    data: {
      networkId: network.id,
      organisationName: "Nouvelle asbl",
      kind: "association",
      contactName: "Sam",
      contactEmail: "sam@example.test",
      motivation: "Nous voulons rejoindre le réseau.",
    },
  });
  const cookie = async (id: string) => {
    const c = await sessionCookieFor(id);
    return `${c.name}=${c.value}`;
  };
  await prisma.user.count(); // the database is open and migrated at this point
  const base: FixtureBase = {
    network: { id: network.id, slug: network.slug },
    org: { id: org.id, slug: org.slug },
    otherOrg: { id: otherOrg.id, slug: otherOrg.slug },
    users: { coordinator: coordinator.id, otherCoordinator: otherCoordinator.id, delegate: delegate.id, otherDelegate: otherDelegate.id },
    voting: { committeeOrg: committeeOrg.id, holderOrg: holderOrg.id, giverOrg: giverOrg.id, applicantOrg: applicantOrg.id },
  };
  const extra: Record<string, string> = {};
  for (const module of Object.values(fixtureModules)) Object.assign(extra, await module.prepare(base));
  return {
    cookies: {
      anonymous: null,
      coordinator: await cookie(coordinator.id),
      otherCoordinator: await cookie(otherCoordinator.id),
      delegate: await cookie(delegate.id),
      otherDelegate: await cookie(otherDelegate.id),
      committeeMember: await cookie(committeeMember.id),
      proxyHolder: await cookie(proxyHolder.id),
      nonVoting: await cookie(nonVoting.id),
    },
    values: {
      network: network.slug,
      org: org.slug,
      otherOrg: otherOrg.slug,
      outboxId: email.id,
      token: "unknown-token-0123456789abcdef",
      version: String(version.number),
      draft: String(draft.number),
      adhesionId: paper.id,
      joinRequestId: joinRequest.id,
      committeeOrgId: committeeOrg.id,
      holderOrgId: holderOrg.id,
      giverOrgId: giverOrg.id,
      applicantOrgId: applicantOrg.id,
      ...extra,
    },
  };
}

/** A row's path with the fixture's values in place of its placeholders. */
export function rowPath(row: MatrixRow, values: Record<string, string>) {
  return row.path.replace(/:(\w+)/g, (m, name: string) => values[name] ?? m);
}
