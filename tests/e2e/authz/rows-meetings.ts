// Authorization rows of the meetings (placeholders from fixture-groups.ts): :meeting is a future
// meeting of :group (not public), :publicMeeting a public one; otherDelegate facilitates :group,
// the delegate's :org is not a member but is an insider of the network; otherCoordinator is an
// outsider. No row changes anything: empty or refused forms (a bare POST never cancels).
import { everyone, type MatrixRow } from "./types";

/** Managers of :group: the coordinator and the facilitator (otherDelegate). */
const managers = (status: number) => ({ anonymous: 302, otherDelegate: status, delegate: 403, otherCoordinator: 404, coordinator: status });
/** Insiders of the network see a meeting that is not public; an outsider does not find it. */
const insiders = (status: number) => ({ anonymous: 302, otherDelegate: status, delegate: status, otherCoordinator: 404, coordinator: status });

export const rows: MatrixRow[] = [
  // Scheduling: coordinators, and facilitators for their groups.
  {
    route: "routes/$network+/meetings+/new",
    method: "GET",
    path: "/:network/meetings/new",
    expect: { anonymous: 302, otherDelegate: 200, delegate: 403, otherCoordinator: 403, coordinator: 200 },
  },
  {
    route: "routes/$network+/meetings+/new",
    method: "GET",
    path: "/:network/meetings/new?group=:group",
    expect: { anonymous: 302, otherDelegate: 200, delegate: 403, otherCoordinator: 403, coordinator: 200 },
  },
  {
    route: "routes/$network+/meetings+/new",
    method: "POST",
    path: "/:network/meetings/new",
    expect: { anonymous: 302, otherDelegate: 400, delegate: 403, otherCoordinator: 403, coordinator: 400 },
  },
  { route: "routes/$network+/meetings+/new", method: "GET", path: "/no-such-network/meetings/new", expect: everyone(404) },

  // The meeting page.
  { route: "routes/$network+/meetings+/$meeting", method: "GET", path: "/:network/meetings/:meeting", expect: insiders(200) },
  { route: "routes/$network+/meetings+/$meeting", method: "GET", path: "/:network/meetings/:publicMeeting", expect: everyone(200) },
  { route: "routes/$network+/meetings+/$meeting", method: "GET", path: "/:network/meetings/no-such-meeting", expect: { ...everyone(404), anonymous: 302 } },
  { route: "routes/$network+/meetings+/$meeting", method: "POST", path: "/:network/meetings/:meeting", expect: insiders(400) },
  // RSVP in the app: people of the group (the facilitator, the coordinator); not a delegate whose organisation is not a member.
  {
    route: "routes/$network+/meetings+/$meeting",
    method: "POST",
    path: "/:network/meetings/:meeting",
    form: { intent: "rsvp" },
    expect: { anonymous: 302, otherDelegate: 400, delegate: 403, otherCoordinator: 404, coordinator: 400 },
  },
  // Proposals are closed for :meeting (no deadline set).
  {
    route: "routes/$network+/meetings+/$meeting",
    method: "POST",
    path: "/:network/meetings/:meeting",
    form: { intent: "propose" },
    expect: { anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 404, coordinator: 403 },
  },
  {
    route: "routes/$network+/meetings+/$meeting",
    method: "POST",
    path: "/:network/meetings/:publicMeeting",
    form: { intent: "rsvp" },
    expect: { anonymous: 302, otherDelegate: 400, delegate: 403, otherCoordinator: 403, coordinator: 400 },
  },

  // Managing: edit, cancel, agenda.
  { route: "routes/$network+/meetings+/$meeting_.edit", method: "GET", path: "/:network/meetings/:meeting/edit", expect: managers(200) },
  { route: "routes/$network+/meetings+/$meeting_.edit", method: "POST", path: "/:network/meetings/:meeting/edit", expect: managers(400) },
  {
    route: "routes/$network+/meetings+/$meeting_.edit",
    method: "GET",
    path: "/:network/meetings/:publicMeeting/edit",
    expect: { ...managers(200), otherCoordinator: 403 },
  },
  { route: "routes/$network+/meetings+/$meeting_.cancel", method: "GET", path: "/:network/meetings/:meeting/cancel", expect: managers(200) },
  { route: "routes/$network+/meetings+/$meeting_.cancel", method: "POST", path: "/:network/meetings/:meeting/cancel", expect: managers(400) },
  {
    route: "routes/$network+/meetings+/$meeting_.cancel",
    method: "POST",
    path: "/:network/meetings/:meeting/cancel",
    form: { scope: "one", reason: "" },
    expect: managers(400),
  },
  { route: "routes/$network+/meetings+/$meeting_.agenda", method: "GET", path: "/:network/meetings/:meeting/agenda", expect: managers(200) },
  { route: "routes/$network+/meetings+/$meeting_.agenda", method: "POST", path: "/:network/meetings/:meeting/agenda", expect: managers(400) },
  {
    route: "routes/$network+/meetings+/$meeting_.agenda",
    method: "POST",
    path: "/:network/meetings/:meeting/agenda",
    form: { intent: "remove", itemId: "no-such-item" },
    expect: managers(400),
  },
  {
    route: "routes/$network+/meetings+/$meeting_.agenda",
    method: "POST",
    path: "/:network/meetings/:meeting/agenda",
    form: { intent: "add" },
    expect: managers(400),
  },

  // Download.
  { route: "routes/$network+/meetings+/$meeting_.ics", method: "GET", path: "/:network/meetings/:meeting/ics", expect: insiders(200) },
  { route: "routes/$network+/meetings+/$meeting_.ics", method: "GET", path: "/:network/meetings/:publicMeeting/ics", expect: everyone(200) },

  // RSVP link: an unknown token is refused to everyone, signed in or not, and records nothing.
  { route: "routes/rsvp.$token", method: "GET", path: "/rsvp/:token", expect: everyone(403) },
  { route: "routes/rsvp.$token", method: "POST", path: "/rsvp/:token", expect: everyone(403) },
  { route: "routes/rsvp.$token", method: "POST", path: "/rsvp/:token", form: { meeting: ":meeting", response: "yes" }, expect: everyone(403) },
];
