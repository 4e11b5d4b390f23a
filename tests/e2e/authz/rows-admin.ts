// Authorization rows of the platform administration (/admin…) and of the coordinator's tools
// (/:network/admin…). No persona of the matrix is a platform administrator: all get 403 there.
import { everyone, type MatrixRow } from "./types";

const adminOnly = { ...everyone(403), anonymous: 302 };
const coordinatorOnly = (status: number) => ({ anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: status });

export const rows: MatrixRow[] = [
  { route: "routes/admin+/_index", method: "GET", path: "/admin", expect: adminOnly },
  { route: "routes/admin+/_index", method: "POST", path: "/admin", expect: adminOnly },
  { route: "routes/admin+/networks.$network", method: "GET", path: "/admin/networks/:network", expect: adminOnly },
  { route: "routes/admin+/networks.$network", method: "POST", path: "/admin/networks/:network", expect: adminOnly },

  { route: "routes/$network+/admin+/_index", method: "GET", path: "/:network/admin", expect: coordinatorOnly(200) },
  { route: "routes/$network+/admin+/settings", method: "GET", path: "/:network/admin/settings", expect: coordinatorOnly(200) },
  // Too long a description: reaches validation and changes nothing, even for the coordinator.
  {
    route: "routes/$network+/admin+/settings",
    method: "POST",
    path: "/:network/admin/settings",
    form: { description: "x".repeat(2001) },
    expect: coordinatorOnly(400),
  },
  { route: "routes/$network+/admin+/import", method: "GET", path: "/:network/admin/import", expect: coordinatorOnly(200) },
  { route: "routes/$network+/admin+/import", method: "POST", path: "/:network/admin/import", expect: coordinatorOnly(400) },
  { route: "routes/$network+/admin+/import-template", method: "GET", path: "/:network/admin/import-template", expect: coordinatorOnly(200) },
  { route: "routes/$network+/admin+/export", method: "GET", path: "/:network/admin/export", expect: coordinatorOnly(200) },
  { route: "routes/$network+/admin+/outbox._index", method: "GET", path: "/:network/admin/outbox", expect: coordinatorOnly(200) },
  { route: "routes/$network+/admin+/outbox.$id", method: "GET", path: "/:network/admin/outbox/:outboxId", expect: coordinatorOnly(200) },
  { route: "routes/$network+/admin+/outbox.$id", method: "POST", path: "/:network/admin/outbox/:outboxId", expect: coordinatorOnly(400) },
  { route: "routes/$network+/admin+/audit", method: "GET", path: "/:network/admin/audit", expect: coordinatorOnly(200) },
];
