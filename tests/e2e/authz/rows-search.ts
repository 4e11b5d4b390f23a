// Authorization rows of the search in the minutes (public: each reader sees what they may, the
// filtering itself is tested in tests/minutes-search.test.ts) and of the open actions overview
// (people with a seat in the network: coordinators and delegates).
import { everyone, type MatrixRow } from "./types";

const seated = (status: number) => ({ anonymous: 302, otherDelegate: status, delegate: status, otherCoordinator: 403, coordinator: status });

export const rows: MatrixRow[] = [
  { route: "routes/$network+/minutes", method: "GET", path: "/:network/minutes", expect: everyone(200) },
  { route: "routes/$network+/minutes", method: "GET", path: "/:network/minutes?q=%C3%A9lections&group=:group", expect: everyone(200) },
  // A bad filter is a clear 400 for everyone, never a 500.
  { route: "routes/$network+/minutes", method: "GET", path: "/:network/minutes?from=2026-02-31", expect: everyone(400) },
  { route: "routes/$network+/minutes", method: "POST", path: "/:network/minutes", expect: everyone(405) },
  { route: "routes/$network+/actions", method: "GET", path: "/:network/actions", expect: seated(200) },
  {
    route: "routes/$network+/actions",
    method: "GET",
    path: "/:network/actions?org=:otherOrg",
    expect: { anonymous: 302, otherDelegate: 200, delegate: 400, otherCoordinator: 403, coordinator: 200 },
  },
  { route: "routes/$network+/actions", method: "POST", path: "/:network/actions", expect: everyone(405) },
];
