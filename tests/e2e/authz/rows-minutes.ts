// Authorization rows of attendance, minutes and action items (fixture-groups.ts and
// fixture-minutes.ts): :pastMeeting has group-only published minutes of :group, whose facilitator
// is otherDelegate; delegate's :org is in the network but not in the group (it sees the meeting,
// never the minutes); a coordinator of another network sees nothing of it. A visitor is asked to
// sign in, except on the PDF, which answers the not-found page.
import type { MatrixRow } from "./types";

const M = "routes/$network+/meetings+";

export const rows: MatrixRow[] = [
  {
    route: `${M}/$meeting_.minutes`,
    method: "GET",
    path: "/:network/meetings/:pastMeeting/minutes",
    expect: { anonymous: 302, otherDelegate: 200, delegate: 200, otherCoordinator: 404, coordinator: 200 },
  },
  {
    route: `${M}/$meeting_.minutes`,
    method: "GET",
    path: "/:network/meetings/:submittedMeeting/minutes",
    expect: { anonymous: 302, otherDelegate: 200, delegate: 200, otherCoordinator: 404, coordinator: 200 },
  },
  {
    route: `${M}/$meeting_.minutes`,
    method: "POST",
    path: "/:network/meetings/:pastMeeting/minutes",
    expect: { anonymous: 302, otherDelegate: 400, delegate: 404, otherCoordinator: 404, coordinator: 400 },
  },
  {
    route: `${M}/$meeting_.minutes_.edit`,
    method: "GET",
    path: "/:network/meetings/:pastMeeting/minutes/edit",
    expect: { anonymous: 302, otherDelegate: 200, delegate: 403, otherCoordinator: 403, coordinator: 200 },
  },
  {
    route: `${M}/$meeting_.minutes_.edit`,
    method: "POST",
    path: "/:network/meetings/:meeting/minutes/edit",
    expect: { anonymous: 302, otherDelegate: 400, delegate: 403, otherCoordinator: 403, coordinator: 400 },
  },
  {
    route: `${M}/$meeting_.minutes_.v.$version`,
    method: "GET",
    path: "/:network/meetings/:pastMeeting/minutes/v/1",
    expect: { anonymous: 302, otherDelegate: 200, delegate: 404, otherCoordinator: 404, coordinator: 200 },
  },
  {
    route: `${M}/$meeting_.minutes_.pdf`,
    method: "GET",
    path: "/:network/meetings/:pastMeeting/minutes/pdf",
    expect: { anonymous: 404, otherDelegate: 200, delegate: 404, otherCoordinator: 404, coordinator: 200 },
  },
  {
    route: `${M}/$meeting_.attendance`,
    method: "GET",
    path: "/:network/meetings/:pastMeeting/attendance",
    expect: { anonymous: 302, otherDelegate: 200, delegate: 403, otherCoordinator: 403, coordinator: 200 },
  },
  {
    route: `${M}/$meeting_.attendance`,
    method: "POST",
    path: "/:network/meetings/:pastMeeting/attendance",
    expect: { anonymous: 302, otherDelegate: 400, delegate: 403, otherCoordinator: 403, coordinator: 400 },
  },
  {
    route: "routes/$network+/actions_.$id",
    method: "GET",
    path: "/:network/actions/:minutesActionId",
    expect: { anonymous: 302, otherDelegate: 200, delegate: 403, otherCoordinator: 403, coordinator: 200 },
  },
  {
    route: "routes/$network+/actions_.$id",
    method: "POST",
    path: "/:network/actions/:minutesActionId",
    expect: { anonymous: 302, otherDelegate: 400, delegate: 403, otherCoordinator: 403, coordinator: 400 },
  },
];
