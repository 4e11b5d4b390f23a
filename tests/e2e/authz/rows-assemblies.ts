// Authorization rows of the general assemblies (issue 12). The network's insiders (its
// coordinators, its organisations' delegates) see the list and a convened assembly; a draft is the
// coordinators' alone (404 for anyone else of the network); another network's coordinator is not
// an insider here (403). No row changes anything: empty or refused forms.
import { type MatrixRow, voters } from "./types";

const insiders = (status: number, others = status) => ({ anonymous: 302, otherDelegate: others, delegate: others, otherCoordinator: 403, coordinator: status });
const coordinatorOnly = (status: number) => ({ anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: status });

export const rows: MatrixRow[] = [
  { route: "routes/$network+/assemblies+/_index", method: "GET", path: "/:network/assemblies", expect: insiders(200), voting: voters(200) },
  { route: "routes/$network+/assemblies+/new", method: "GET", path: "/:network/assemblies/new", expect: coordinatorOnly(200), voting: voters(403) },
  // An empty form reaches validation and creates nothing.
  { route: "routes/$network+/assemblies+/new", method: "POST", path: "/:network/assemblies/new", expect: coordinatorOnly(400), voting: voters(403) },
  { route: "routes/$network+/assemblies+/$assembly", method: "GET", path: "/:network/assemblies/:assemblyId", expect: insiders(200), voting: voters(200) },
  {
    route: "routes/$network+/assemblies+/$assembly",
    method: "GET",
    path: "/:network/assemblies/:draftAssemblyId",
    expect: insiders(200, 404),
    voting: voters(404),
  },
  { route: "routes/$network+/assemblies+/$assembly", method: "GET", path: "/:network/assemblies/not-an-assembly", expect: insiders(404), voting: voters(404) },
  // No intent: the coordinators' forms are theirs (400: nothing to do), refused to the others.
  {
    route: "routes/$network+/assemblies+/$assembly",
    method: "POST",
    path: "/:network/assemblies/:assemblyId",
    expect: insiders(400, 403),
    voting: voters(403),
  },
  // Checking in an organisation off the roll: nobody may.
  {
    route: "routes/$network+/assemblies+/$assembly",
    method: "POST",
    path: "/:network/assemblies/:assemblyId",
    form: { intent: "checkInSelf", organisationId: ":offRollOrgId" },
    expect: { anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: 403 },
    voting: voters(403),
  },
  // The proxy of the roll's organisation, without a holder: its titular reaches validation.
  {
    route: "routes/$network+/assemblies+/$assembly",
    method: "POST",
    path: "/:network/assemblies/:assemblyId",
    form: { intent: "giveProxy", giverOrganisationId: ":rollOrgId" },
    expect: { anonymous: 302, otherDelegate: 400, delegate: 403, otherCoordinator: 403, coordinator: 403 },
    voting: voters(403),
  },
  // The desk is the coordinators': an empty check-in reaches validation.
  {
    route: "routes/$network+/assemblies+/$assembly",
    method: "POST",
    path: "/:network/assemblies/:assemblyId",
    form: { intent: "checkIn" },
    expect: insiders(400, 403),
    voting: voters(403),
  },
  // The voting personas' own forms, without their holder: each titular reaches validation for its
  // organisation (the comité member's, the proxy holder's), and nobody for the applicant, which
  // is not on the roll.
  {
    route: "routes/$network+/assemblies+/$assembly",
    method: "POST",
    path: "/:network/assemblies/:assemblyId",
    form: { intent: "giveProxy", giverOrganisationId: ":committeeOrgId" },
    expect: { anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: 403 },
    voting: { committeeMember: 400, proxyHolder: 403, nonVoting: 403 },
  },
  {
    route: "routes/$network+/assemblies+/$assembly",
    method: "POST",
    path: "/:network/assemblies/:assemblyId",
    form: { intent: "giveProxy", giverOrganisationId: ":holderOrgId" },
    expect: { anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: 403 },
    voting: { committeeMember: 403, proxyHolder: 400, nonVoting: 403 },
  },
  {
    route: "routes/$network+/assemblies+/$assembly",
    method: "POST",
    path: "/:network/assemblies/:assemblyId",
    form: { intent: "checkInSelf", organisationId: ":applicantOrgId" },
    expect: { anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: 403 },
    voting: voters(403),
  },
  // The minutes: where they stand, to insiders; starting them is the coordinators', and the
  // fixture's assembly is not closed yet (409: nothing is made).
  {
    route: "routes/$network+/assemblies+/$assembly_.minutes",
    method: "GET",
    path: "/:network/assemblies/:assemblyId/minutes",
    expect: insiders(200),
    voting: voters(200),
  },
  {
    route: "routes/$network+/assemblies+/$assembly_.minutes",
    method: "GET",
    path: "/:network/assemblies/:draftAssemblyId/minutes",
    expect: insiders(200, 404),
    voting: voters(404),
  },
  {
    route: "routes/$network+/assemblies+/$assembly_.minutes",
    method: "POST",
    path: "/:network/assemblies/:assemblyId/minutes",
    expect: insiders(409, 403),
    voting: voters(403),
  },
];
