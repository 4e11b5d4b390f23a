// Authorization rows of the charter's PDF: the version in force and any published version are
// public; a draft exists only for the network's coordinators (a 404, not a 403, for anyone else:
// its existence is not revealed).
import { everyone, type MatrixRow } from "./types";

export const rows: MatrixRow[] = [
  { route: "routes/$network+/charter+/pdf", method: "GET", path: "/:network/charter/pdf", expect: everyone(200) },
  { route: "routes/$network+/charter+/versions.$number_.pdf", method: "GET", path: "/:network/charter/versions/:version/pdf", expect: everyone(200) },
  {
    route: "routes/$network+/charter+/versions.$number_.pdf",
    method: "GET",
    path: "/:network/charter/versions/:draft/pdf",
    expect: { ...everyone(404), coordinator: 200 },
  },
];
