// Authorization rows of the working groups (placeholders from fixture-groups.ts): :group is "on
// request", otherDelegate facilitates it and :otherOrg (charter signed) is a member; :org (the
// delegate's) has not signed the charter. No row here changes anything: empty or refused forms.
import { everyone, type MatrixRow } from "./types";

const coordinatorOnly = (status: number) => ({ anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: status });

export const rows: MatrixRow[] = [
  // The list and the group's page are public, like the directory.
  { route: "routes/$network+/groups+/_index", method: "GET", path: "/:network/groups", expect: everyone(200) },
  { route: "routes/$network+/groups+/_index", method: "GET", path: "/no-such-network/groups", expect: everyone(404) },
  { route: "routes/$network+/groups+/$group", method: "GET", path: "/:network/groups/:group", expect: everyone(200) },
  { route: "routes/$network+/groups+/$group", method: "GET", path: "/:network/groups/:openGroup", expect: everyone(200) },
  { route: "routes/$network+/groups+/$group", method: "GET", path: "/:network/groups/no-such-group", expect: everyone(404) },

  // Creating a group: coordinators of the network.
  { route: "routes/$network+/groups+/new", method: "GET", path: "/:network/groups/new", expect: coordinatorOnly(200) },
  { route: "routes/$network+/groups+/new", method: "POST", path: "/:network/groups/new", expect: coordinatorOnly(400) },

  // Editing, facilitators, archive: coordinators only (a facilitator runs the group, does not edit it).
  { route: "routes/$network+/groups+/$group_.edit", method: "GET", path: "/:network/groups/:group/edit", expect: coordinatorOnly(200) },
  { route: "routes/$network+/groups+/$group_.edit", method: "GET", path: "/:network/groups/no-such-group/edit", expect: everyone(404) },
  { route: "routes/$network+/groups+/$group_.edit", method: "POST", path: "/:network/groups/:group/edit", expect: coordinatorOnly(400) },
  {
    route: "routes/$network+/groups+/$group_.edit",
    method: "POST",
    path: "/:network/groups/:group/edit",
    form: { intent: "details", name: "" },
    expect: coordinatorOnly(400),
  },
  {
    route: "routes/$network+/groups+/$group_.edit",
    method: "POST",
    path: "/:network/groups/:group/edit",
    form: { intent: "archive" },
    expect: coordinatorOnly(400),
  },

  // Taking part: managers (coordinator, facilitator) and delegates of the network's organisations.
  {
    route: "routes/$network+/groups+/$group_.members",
    method: "GET",
    path: "/:network/groups/:group/members",
    expect: { anonymous: 302, otherDelegate: 200, delegate: 200, otherCoordinator: 403, coordinator: 200 },
  },
  { route: "routes/$network+/groups+/$group_.members", method: "GET", path: "/:network/groups/no-such-group/members", expect: everyone(404) },
  {
    route: "routes/$network+/groups+/$group_.members",
    method: "POST",
    path: "/:network/groups/:group/members",
    expect: { anonymous: 302, otherDelegate: 400, delegate: 400, otherCoordinator: 403, coordinator: 400 },
  },
  // Joining for an organisation one is not a delegate of: refused (400) for those who reach the page.
  {
    route: "routes/$network+/groups+/$group_.members",
    method: "POST",
    path: "/:network/groups/:openGroup/members",
    form: { intent: "join", organisation: "no-such-organisation" },
    expect: { anonymous: 302, otherDelegate: 400, delegate: 400, otherCoordinator: 403, coordinator: 400 },
  },
  // Deciding a request: managers only (a plain delegate gets 403; a manager gets 400, nothing pending).
  {
    route: "routes/$network+/groups+/$group_.members",
    method: "POST",
    path: "/:network/groups/:group/members",
    form: { intent: "accept", organisation: "no-such-organisation" },
    expect: { anonymous: 302, otherDelegate: 400, delegate: 403, otherCoordinator: 403, coordinator: 400 },
  },
];
