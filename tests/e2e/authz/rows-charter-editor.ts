// Authorization rows of writing the charter: a new version and the draft's edit page are for the
// network's coordinators only. A published version's edit address answers 400 (frozen) to them.
import type { MatrixRow } from "./types";

const coordinatorOnly = (status: number) => ({ anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: status });

export const rows: MatrixRow[] = [
  { route: "routes/$network+/charter+/versions.new", method: "GET", path: "/:network/charter/versions/new", expect: coordinatorOnly(200) },
  // An empty form reaches validation (title, text and date are required) and creates nothing.
  { route: "routes/$network+/charter+/versions.new", method: "POST", path: "/:network/charter/versions/new", expect: coordinatorOnly(400) },
  { route: "routes/$network+/charter+/versions.$number_.edit", method: "GET", path: "/:network/charter/versions/:draft/edit", expect: coordinatorOnly(200) },
  // No intent: validated as a save, refused, nothing changed (the draft stays for the next rows).
  { route: "routes/$network+/charter+/versions.$number_.edit", method: "POST", path: "/:network/charter/versions/:draft/edit", expect: coordinatorOnly(400) },
  // Version 1 is published: frozen, its edit page says so.
  { route: "routes/$network+/charter+/versions.$number_.edit", method: "GET", path: "/:network/charter/versions/:version/edit", expect: coordinatorOnly(400) },
  {
    route: "routes/$network+/charter+/versions.$number_.edit",
    method: "POST",
    path: "/:network/charter/versions/:version/edit",
    form: { intent: "delete" },
    expect: coordinatorOnly(400),
  },
];
