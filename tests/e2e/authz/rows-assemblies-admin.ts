// Authorization rows of the statutes settings (/:network/admin/statutes) and of the comité
// d'accompagnement (/:network/committee), issue 12.
import type { MatrixRow } from "./types";

const coordinatorOnly = (status: number) => ({ anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: status });

export const rows: MatrixRow[] = [
  { route: "routes/$network+/admin+/statutes", method: "GET", path: "/:network/admin/statutes", expect: coordinatorOnly(200) },
  // An empty form reaches validation and changes nothing, even for the coordinator.
  { route: "routes/$network+/admin+/statutes", method: "POST", path: "/:network/admin/statutes", expect: coordinatorOnly(400) },
];
