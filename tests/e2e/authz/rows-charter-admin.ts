// Authorization rows of paper adhesions and of the coordinator's adhesions dashboard.
//
// - /:network/charter/upload: the signing (titular or substitute) delegates of an organisation of
//   the network send a scan for their organisation, coordinators of the network for any of its
//   organisations. :otherOrg's delegate is such a delegate too (for :otherOrg), so the page is
//   theirs as well; a coordinator of another network is refused. An empty form (no file, no
//   fields) reaches validation: 400, nothing stored.
// - /:network/charter/adhesions/:id/scan: the fixture's paper adhesion of :org has NO file on
//   disk. Who may not see the scan gets 403 (anonymous: to /login) before the file is looked
//   for; who may (the network's coordinators, the delegates of :org) gets 404, the missing file
//   never turning into a 500. An unknown id is 404 for every signed-in persona: the adhesion is
//   looked up (in the network of the URL) before the permission, which depends on its organisation.
// - /:network/admin/adhesions: coordinators of the network only. Form values are not placeholders
//   (the runner substitutes the path only), so the POST rows name unknown adhesions: a review of
//   an unknown adhesion is 404, a rejection without its reason is refused by validation (400)
//   before any lookup. "Remind now" is refused (400) since version 1 has no deadline. None of the
//   rows changes the fixture (the paper adhesion of :org stays pending for the other rows).
import type { MatrixRow } from "./types";

const coordinatorOnly = (status: number) => ({ anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: status });
const signers = (status: number) => ({ anonymous: 302, otherDelegate: status, delegate: status, otherCoordinator: 403, coordinator: status });

export const rows: MatrixRow[] = [
  { route: "routes/$network+/charter+/upload", method: "GET", path: "/:network/charter/upload", expect: signers(200) },
  { route: "routes/$network+/charter+/upload", method: "GET", path: "/:network/charter/upload?org=:org", expect: signers(200) },
  { route: "routes/$network+/charter+/upload", method: "POST", path: "/:network/charter/upload", expect: signers(400) },
  {
    route: "routes/$network+/charter+/upload",
    method: "POST",
    path: "/:network/charter/upload",
    form: { organisationId: "no-such-organisation", signatoryName: "Camille", signatoryFunction: "Direction", signedOn: "2026-01-02", declaration: "on" },
    expect: signers(400),
  },

  {
    route: "routes/$network+/charter+/adhesions.$id.scan",
    method: "GET",
    path: "/:network/charter/adhesions/:adhesionId/scan",
    expect: { anonymous: 302, otherDelegate: 403, delegate: 404, otherCoordinator: 403, coordinator: 404 },
  },
  {
    route: "routes/$network+/charter+/adhesions.$id.scan",
    method: "GET",
    path: "/:network/charter/adhesions/no-such-adhesion/scan",
    expect: { anonymous: 302, otherDelegate: 404, delegate: 404, otherCoordinator: 404, coordinator: 404 },
  },

  { route: "routes/$network+/admin+/adhesions", method: "GET", path: "/:network/admin/adhesions", expect: coordinatorOnly(200) },
  {
    route: "routes/$network+/admin+/adhesions",
    method: "GET",
    path: "/:network/admin/adhesions?status=applicant&suspend=no-such-organisation",
    expect: coordinatorOnly(200),
  },
  // No intent.
  { route: "routes/$network+/admin+/adhesions", method: "POST", path: "/:network/admin/adhesions", expect: coordinatorOnly(400) },
  { route: "routes/$network+/admin+/adhesions", method: "POST", path: "/:network/admin/adhesions", form: { intent: "remind" }, expect: coordinatorOnly(400) },
  {
    route: "routes/$network+/admin+/adhesions",
    method: "POST",
    path: "/:network/admin/adhesions",
    form: { intent: "validate", adhesionId: "no-such-adhesion" },
    expect: coordinatorOnly(404),
  },
  {
    route: "routes/$network+/admin+/adhesions",
    method: "POST",
    path: "/:network/admin/adhesions",
    form: { intent: "reject", adhesionId: "no-such-adhesion", reason: "" },
    expect: coordinatorOnly(400),
  },
  {
    route: "routes/$network+/admin+/adhesions",
    method: "POST",
    path: "/:network/admin/adhesions",
    form: { intent: "suspend", organisationId: "no-such-organisation", reason: "Test", confirm: "on" },
    expect: coordinatorOnly(404),
  },
];
