import { everyone, type MatrixRow } from "./types";

export const rows: MatrixRow[] = [
  // "/" lists the networks; the fixture hosts two, so no redirect.
  { route: "routes/_index", method: "GET", path: "/", expect: everyone(200) },
  {
    route: "routes/login",
    method: "GET",
    path: "/login",
    expect: { anonymous: 200, otherDelegate: 302, delegate: 302, otherCoordinator: 302, coordinator: 302 },
  },
  // Signed-in people posting to /login are sent on (the loader redirects after the action).
  {
    route: "routes/login",
    method: "POST",
    path: "/login",
    expect: { anonymous: 400, otherDelegate: 302, delegate: 302, otherCoordinator: 302, coordinator: 302 },
  },
  { route: "routes/logout", method: "GET", path: "/logout", expect: everyone(302) },
  { route: "routes/logout", method: "POST", path: "/logout", expect: everyone(302) },
  { route: "routes/language", method: "GET", path: "/language", expect: everyone(302) },
  { route: "routes/language", method: "POST", path: "/language", form: { locale: "nl", redirectTo: "/" }, expect: everyone(302) },
  { route: "routes/$network+/_index", method: "GET", path: "/:network", expect: everyone(200) },
  { route: "routes/$network+/_index", method: "GET", path: "/no-such-network", expect: everyone(404) },
];
