// Authorization rows of "Our organisation wants to join": the public form (anyone, signed in or
// not) and the coordinator's pages that decide the requests (coordinators of the network only).
//
// Rate limit: the public form allows 5 VALID submissions per client address and hour
// (JOIN_RATE_LIMIT in app/models/join-request.server.ts); invalid forms are refused by validation
// before the limit is counted. Every persona of the matrix comes from the same address
// (127.0.0.1), so the empty-form row costs nothing, and the valid-form row below uses exactly the
// 5 allowed: add no other valid submission to this route in the matrix.
import { everyone, type MatrixRow } from "./types";

const coordinatorOnly = (status: number) => ({ anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: status });

const validForm = {
  organisationName: "Service d'aide aux familles",
  kind: "association",
  street: "Rue Haute 5",
  postalCode: "1000",
  commune: "Bruxelles",
  contactName: "Camille Dupont",
  contactEmail: "camille@aide-familles.example",
  contactFunction: "Directrice",
  motivation: "Nous accompagnons des familles et voulons travailler avec le réseau.",
  fax: "",
};

export const rows: MatrixRow[] = [
  { route: "routes/$network+/charter+/join", method: "GET", path: "/:network/charter/join", expect: everyone(200) },
  { route: "routes/$network+/charter+/join", method: "GET", path: "/no-such-network/charter/join", expect: everyone(404) },
  // An empty form reaches validation (400) for everyone and stores nothing.
  { route: "routes/$network+/charter+/join", method: "POST", path: "/:network/charter/join", expect: everyone(400) },
  // A valid request is accepted from anyone, signed in or not (redirect to the confirmation).
  { route: "routes/$network+/charter+/join", method: "POST", path: "/:network/charter/join", form: validForm, expect: everyone(302) },

  { route: "routes/$network+/admin+/join-requests._index", method: "GET", path: "/:network/admin/join-requests", expect: coordinatorOnly(200) },
  { route: "routes/$network+/admin+/join-requests.$id", method: "GET", path: "/:network/admin/join-requests/:joinRequestId", expect: coordinatorOnly(200) },
  { route: "routes/$network+/admin+/join-requests.$id", method: "GET", path: "/:network/admin/join-requests/no-such-request", expect: coordinatorOnly(404) },
  // No intent, or a decline without its message: refused (400), the request stays pending.
  { route: "routes/$network+/admin+/join-requests.$id", method: "POST", path: "/:network/admin/join-requests/:joinRequestId", expect: coordinatorOnly(400) },
  {
    route: "routes/$network+/admin+/join-requests.$id",
    method: "POST",
    path: "/:network/admin/join-requests/:joinRequestId",
    form: { intent: "decline", message: "" },
    expect: coordinatorOnly(400),
  },
];
