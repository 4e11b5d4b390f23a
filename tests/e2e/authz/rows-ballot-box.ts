// Authorization rows of the published ballot box, its JSON download and the room screen (issue
// 12): the network's insiders only. Before publication the box page answers 200 with only
// "n of N have voted"; the download answers 404 (nothing to download yet).
import { type MatrixRow, voters } from "./types";

const insiders = (status: number) => ({ anonymous: 302, otherDelegate: status, delegate: status, otherCoordinator: 403, coordinator: status });
const box = "routes/$network+/assemblies+/$assembly_.polls.$poll_.box";
const json = "routes/$network+/assemblies+/$assembly_.polls.$poll_.box[.json]";
const screen = "routes/$network+/assemblies+/$assembly_.screen";

export const rows: MatrixRow[] = [
  { route: box, method: "GET", path: "/:network/assemblies/:boxAssemblyId/polls/:boxPollId/box", expect: insiders(200), voting: voters(200) },
  { route: box, method: "GET", path: "/:network/assemblies/:boxAssemblyId/polls/:openPollId/box", expect: insiders(200), voting: voters(200) },
  { route: box, method: "GET", path: "/:network/assemblies/:boxAssemblyId/polls/not-a-poll/box", expect: insiders(404), voting: voters(404) },
  { route: json, method: "GET", path: "/:network/assemblies/:boxAssemblyId/polls/:boxPollId/box.json", expect: insiders(200), voting: voters(200) },
  { route: json, method: "GET", path: "/:network/assemblies/:boxAssemblyId/polls/:openPollId/box.json", expect: insiders(404), voting: voters(404) },
  { route: screen, method: "GET", path: "/:network/assemblies/:boxAssemblyId/screen", expect: insiders(200), voting: voters(200) },
  { route: screen, method: "GET", path: "/:network/assemblies/not-an-assembly/screen", expect: insiders(404), voting: voters(404) },
];
