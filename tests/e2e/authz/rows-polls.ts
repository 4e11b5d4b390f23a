// Authorization rows of the poll pages (issue 12): a new poll is the coordinators'; a poll (not a
// draft) is seen by the network's insiders; its workflow's buttons are the coordinators'; a
// candidacy is declared only by a titular delegate while the poll is a draft (:pollId is open:
// nobody may). No row changes anything: empty or refused forms.
import { type MatrixRow, voters } from "./types";

const coordinatorOnly = (status: number) => ({ anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: status });
const insiders = (status: number) => ({ anonymous: 302, otherDelegate: status, delegate: status, otherCoordinator: 403, coordinator: status });
const create = "routes/$network+/assemblies+/$assembly_.polls.new";
const poll = "routes/$network+/assemblies+/$assembly_.polls.$poll";

export const rows: MatrixRow[] = [
  { route: create, method: "GET", path: "/:network/assemblies/:assemblyId/polls/new", expect: coordinatorOnly(200), voting: voters(403) },
  { route: create, method: "POST", path: "/:network/assemblies/:assemblyId/polls/new", expect: coordinatorOnly(400), voting: voters(403) },
  { route: create, method: "GET", path: "/:network/assemblies/not-an-assembly/polls/new", expect: coordinatorOnly(404), voting: voters(403) },
  { route: poll, method: "GET", path: "/:network/assemblies/:assemblyId/polls/:pollId", expect: insiders(200), voting: voters(200) },
  { route: poll, method: "GET", path: "/:network/assemblies/:assemblyId/polls/not-a-poll", expect: insiders(404), voting: voters(404) },
  { route: poll, method: "POST", path: "/:network/assemblies/:assemblyId/polls/:pollId", expect: coordinatorOnly(400), voting: voters(403) },
  {
    route: poll,
    method: "POST",
    path: "/:network/assemblies/:assemblyId/polls/:pollId",
    form: { intent: "declare", organisationId: ":rollOrgId" },
    expect: { anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: 403 },
    voting: voters(403),
  },
];
