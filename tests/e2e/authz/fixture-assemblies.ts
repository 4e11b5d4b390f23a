// Placeholders of the general assemblies, for the authorization matrix:
//   :assemblyId       a convened assembly of :network, whose roll holds :otherOrg (not :org)
//   :draftAssemblyId  a draft assembly of :network (the coordinators' alone)
//   :rollOrgId        the id of :otherOrg (on the roll; otherDelegate is its titular)
//   :offRollOrgId     the id of :org (not on the roll)
// The voting personas' organisations (:committeeOrgId, :holderOrgId, :giverOrgId) are on the roll
// of :assemblyId too, and :giverOrgId has given its proxy to :holderOrgId (on paper, with a
// scan: :proxyId); :applicantOrgId is not.
//   :documentId       a document of :assemblyId (its file stored)
//   :draftDocumentId  a document of :draftAssemblyId (its file stored)
import { readFileSync } from "node:fs";

import { prisma } from "#app/utils/db.server";
import { storeScan } from "#app/utils/uploads.server";

import type { FixtureBase } from "./types";

export async function prepare(base: FixtureBase) {
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  const convened = await prisma.assembly.create({
    data: {
      networkId: base.network.id,
      title: "Assemblée générale ordinaire",
      startsAt,
      place: "Maison de quartier",
      status: "convened",
      convokedAt: new Date(),
      rules: { quorum: { numerator: 1, denominator: 2, comparison: "atLeast" }, maxProxiesPerHolder: 1 },
      uid: `authz-assembly-${base.network.id}`,
      roll: {
        create: [base.otherOrg.id, base.voting.committeeOrg, base.voting.holderOrg, base.voting.giverOrg].map((organisationId) => ({
          organisationId,
          frozenAt: new Date(),
        })),
      },
    },
  });
  // UPLOADS_DIR is the app's own while the fixture is prepared (harness.ts): the files exist for the server.
  const pdf = new Uint8Array(readFileSync("tests/fixtures/charte-signee.pdf"));
  const scan = await storeScan(pdf, "procuration.pdf", "assemblies");
  const proxy = await prisma.proxy.create({
    data: {
      assemblyId: convened.id,
      giverOrganisationId: base.voting.giverOrg,
      holderOrganisationId: base.voting.holderOrg,
      activeKey: `${convened.id}:${base.voting.giverOrg}`,
      channel: "paper",
      scanPath: scan.path,
      scanType: scan.type,
      scanSize: scan.size,
      scanName: scan.name,
    },
  });
  const draft = await prisma.assembly.create({
    data: { networkId: base.network.id, title: "Brouillon d'assemblée", startsAt, place: "Ici", uid: `authz-draft-${base.network.id}` },
  });
  const document = async (assemblyId: string, title: string) => {
    const file = await storeScan(pdf, `${title}.pdf`, "assemblies");
    const row = await prisma.assemblyDocument.create({
      data: { assemblyId, title, path: file.path, type: file.type, size: file.size, sha256: file.sha256, name: file.name },
    });
    return row.id;
  };
  return {
    assemblyId: convened.id,
    draftAssemblyId: draft.id,
    rollOrgId: base.otherOrg.id,
    offRollOrgId: base.org.id,
    proxyId: proxy.id,
    documentId: await document(convened.id, "Comptes"),
    draftDocumentId: await document(draft.id, "Projet"),
  };
}
