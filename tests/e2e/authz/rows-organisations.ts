// Authorization rows of the member directory and the organisation pages. The directory and the
// profiles are public; editing is for the organisation's delegates and the network's
// coordinators; creating is for coordinators.
import { everyone, type MatrixRow } from "./types";

const editors = (status: number) => ({ anonymous: 302, otherDelegate: 403, delegate: status, otherCoordinator: 403, coordinator: status });
const coordinatorOnly = (status: number) => ({ anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: status });

export const rows: MatrixRow[] = [
  { route: "routes/$network+/organisations+/_index", method: "GET", path: "/:network/organisations", expect: everyone(200) },
  { route: "routes/$network+/organisations+/$org", method: "GET", path: "/:network/organisations/:org", expect: everyone(200) },
  { route: "routes/$network+/organisations+/$org_.edit", method: "GET", path: "/:network/organisations/:org/edit", expect: editors(200) },
  // An empty form reaches validation (name and kind are required) and changes nothing.
  { route: "routes/$network+/organisations+/$org_.edit", method: "POST", path: "/:network/organisations/:org/edit", expect: editors(400) },
  // The delegate of :org is not an editor of :otherOrg.
  {
    route: "routes/$network+/organisations+/$org_.edit",
    method: "GET",
    path: "/:network/organisations/:otherOrg/edit",
    expect: { anonymous: 302, otherDelegate: 200, delegate: 403, otherCoordinator: 403, coordinator: 200 },
  },
  { route: "routes/$network+/organisations+/new", method: "GET", path: "/:network/organisations/new", expect: coordinatorOnly(200) },
  { route: "routes/$network+/organisations+/new", method: "POST", path: "/:network/organisations/new", expect: coordinatorOnly(400) },
];
