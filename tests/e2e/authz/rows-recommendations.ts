// Authorization rows of the recommendations (issue 13). The editor's token: the carrying group's
// readers get one to write (otherDelegate, whose organisation is a member; the coordinators), the
// network's other insiders one to read; another network's coordinator and an unknown
// recommendation: 404, nothing revealed. Issuing a token changes nothing.
import { type MatrixRow, voters } from "./types";

export const rows: MatrixRow[] = [
  {
    route: "routes/$network+/recommendations+/$recommendation_.collab-token",
    method: "GET",
    path: "/:network/recommendations/:recommendation/collab-token",
    expect: { anonymous: 302, otherDelegate: 200, delegate: 200, otherCoordinator: 404, coordinator: 200 },
    voting: voters(200),
  },
  {
    route: "routes/$network+/recommendations+/$recommendation_.collab-token",
    method: "GET",
    path: "/:network/recommendations/not-a-recommendation/collab-token",
    expect: { anonymous: 302, otherDelegate: 404, delegate: 404, otherCoordinator: 404, coordinator: 404 },
    voting: voters(404),
  },
];
