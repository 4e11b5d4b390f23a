// Authorization rows of the account pages (forgot/reset password, invitations, /account) and of
// an organisation's delegates page.
import { everyone, type MatrixRow } from "./types";

const signedIn = (status: number, anonymous = 302) => ({
  anonymous,
  otherDelegate: status,
  delegate: status,
  otherCoordinator: status,
  coordinator: status,
});

export const rows: MatrixRow[] = [
  // Public: anyone may ask for a link; an empty form is a validation error, never a 500.
  { route: "routes/forgot-password", method: "GET", path: "/forgot-password", expect: everyone(200) },
  { route: "routes/forgot-password", method: "POST", path: "/forgot-password", expect: everyone(400) },
  // The token is the only proof: an unknown one is a 404 page for everybody.
  { route: "routes/reset-password.$token", method: "GET", path: "/reset-password/:token", expect: everyone(404) },
  { route: "routes/reset-password.$token", method: "POST", path: "/reset-password/:token", expect: everyone(404) },
  { route: "routes/invitations.$token", method: "GET", path: "/invitations/:token", expect: everyone(404) },
  { route: "routes/invitations.$token", method: "POST", path: "/invitations/:token", expect: everyone(404) },
  // One's own account: anonymous goes to sign in; an empty form has no intent (400).
  { route: "routes/account", method: "GET", path: "/account", expect: signedIn(200) },
  { route: "routes/account", method: "POST", path: "/account", expect: signedIn(400) },
  // Delegates of the organisation and coordinators of the network see the list…
  {
    route: "routes/$network+/organisations+/$org_.delegates",
    method: "GET",
    path: "/:network/organisations/:org/delegates",
    expect: { anonymous: 302, otherDelegate: 403, delegate: 200, otherCoordinator: 403, coordinator: 200 },
  },
  // …only the coordinators change it.
  {
    route: "routes/$network+/organisations+/$org_.delegates",
    method: "POST",
    path: "/:network/organisations/:org/delegates",
    expect: { anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: 400 },
  },
  {
    route: "routes/$network+/organisations+/$org_.delegates",
    method: "POST",
    path: "/:network/organisations/:org/delegates",
    form: { intent: "invite", email: "", role: "titular" },
    expect: { anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: 400 },
  },
];
