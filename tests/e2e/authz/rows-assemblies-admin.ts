// Authorization rows of the statutes settings (/:network/admin/statutes) and of the comité
// d'accompagnement (/:network/committee), issue 12.
import { everyone, type MatrixRow, voters } from "./types";

const coordinatorOnly = (status: number) => ({ anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: status });

export const rows: MatrixRow[] = [
  { route: "routes/$network+/admin+/statutes", method: "GET", path: "/:network/admin/statutes", expect: coordinatorOnly(200), voting: voters(403) },
  // An empty form reaches validation and changes nothing, even for the coordinator.
  { route: "routes/$network+/admin+/statutes", method: "POST", path: "/:network/admin/statutes", expect: coordinatorOnly(400), voting: voters(403) },
  // The seated organisations are public, like the comité (docs/decisions/013).
  { route: "routes/$network+/committee", method: "GET", path: "/:network/committee", expect: everyone(200), voting: voters(200) },
  // No intent: reaches the action's validation, changes nothing.
  { route: "routes/$network+/committee", method: "POST", path: "/:network/committee", expect: coordinatorOnly(400), voting: voters(403) },
  // An unknown seat: refused to all but the coordinator, who is told it is already ended.
  {
    route: "routes/$network+/committee",
    method: "POST",
    path: "/:network/committee",
    form: { intent: "end", seatId: "no-such-seat" },
    expect: coordinatorOnly(409),
    voting: voters(403),
  },
];
