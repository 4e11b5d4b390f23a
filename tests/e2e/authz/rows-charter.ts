// Authorization rows of the public charter pages. The charter, its versions and its signatories
// are public; a draft exists only for the network's coordinators (404 for everyone else, also in
// the differences page). Signing is for titular and substitute delegates of an organisation of
// the network (coordinators sign nothing: an organisation commits itself); withdrawing is for the
// titular delegate of that organisation.
import { everyone, type MatrixRow } from "./types";

const signers = (status: number) => ({ anonymous: 302, otherDelegate: status, delegate: status, otherCoordinator: 403, coordinator: 403 });
const titularOfOrg = (status: number) => ({ anonymous: 302, otherDelegate: 403, delegate: status, otherCoordinator: 403, coordinator: 403 });
const draftOnlyForCoordinators = { anonymous: 404, otherDelegate: 404, delegate: 404, otherCoordinator: 404, coordinator: 200 };

export const rows: MatrixRow[] = [
  { route: "routes/$network+/charter+/_index", method: "GET", path: "/:network/charter", expect: everyone(200) },
  { route: "routes/$network+/charter+/signatories", method: "GET", path: "/:network/charter/signatories", expect: everyone(200) },
  { route: "routes/$network+/charter+/versions._index", method: "GET", path: "/:network/charter/versions", expect: everyone(200) },
  { route: "routes/$network+/charter+/versions.$number", method: "GET", path: "/:network/charter/versions/:version", expect: everyone(200) },
  { route: "routes/$network+/charter+/versions.$number", method: "GET", path: "/:network/charter/versions/:draft", expect: draftOnlyForCoordinators },
  // Only version 1 is published: comparing it with the draft is for coordinators.
  { route: "routes/$network+/charter+/diff", method: "GET", path: "/:network/charter/diff?from=:version&to=:draft", expect: draftOnlyForCoordinators },
  { route: "routes/$network+/charter+/sign", method: "GET", path: "/:network/charter/sign", expect: signers(200) },
  // An empty form reaches validation and stores nothing.
  { route: "routes/$network+/charter+/sign", method: "POST", path: "/:network/charter/sign", expect: signers(400) },
  { route: "routes/$network+/charter+/withdraw", method: "GET", path: "/:network/charter/withdraw?org=:org", expect: titularOfOrg(200) },
  // Without the confirmation box nothing is withdrawn.
  { route: "routes/$network+/charter+/withdraw", method: "POST", path: "/:network/charter/withdraw?org=:org", expect: titularOfOrg(400) },
];
