// Authorization rows of an assembly's documents and of the scans of paper proxies (issue 12,
// items 3 and 5). Documents are read by whoever may see the assembly (its network's insiders; a
// draft's by its coordinators only, 404 for the others, as the draft); they are uploaded by the
// coordinators. A paper proxy's scan is the coordinators' only: 404 for anyone else signed in.
// No row changes anything: empty forms reach validation.
import { type MatrixRow, voters } from "./types";

const insiders = (status: number, others = status) => ({ anonymous: 302, otherDelegate: others, delegate: others, otherCoordinator: 403, coordinator: status });
const coordinatorOnly = (status: number) => ({ anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: status });

export const rows: MatrixRow[] = [
  {
    route: "routes/$network+/assemblies+/$assembly_.documents",
    method: "GET",
    path: "/:network/assemblies/:assemblyId/documents",
    expect: coordinatorOnly(200),
    voting: voters(403),
  },
  {
    route: "routes/$network+/assemblies+/$assembly_.documents",
    method: "GET",
    path: "/:network/assemblies/:draftAssemblyId/documents",
    expect: coordinatorOnly(200),
    voting: voters(403),
  },
  // An empty form (no title, no file) reaches validation and stores nothing.
  {
    route: "routes/$network+/assemblies+/$assembly_.documents",
    method: "POST",
    path: "/:network/assemblies/:assemblyId/documents",
    expect: coordinatorOnly(400),
    voting: voters(403),
  },
  {
    route: "routes/$network+/assemblies+/$assembly_.documents",
    method: "POST",
    path: "/:network/assemblies/:assemblyId/documents",
    form: { intent: "remove" },
    expect: coordinatorOnly(400),
    voting: voters(403),
  },
  {
    route: "routes/$network+/assemblies+/$assembly_.documents_.$document",
    method: "GET",
    path: "/:network/assemblies/:assemblyId/documents/:documentId",
    expect: insiders(200),
    voting: voters(200),
  },
  {
    route: "routes/$network+/assemblies+/$assembly_.documents_.$document",
    method: "GET",
    path: "/:network/assemblies/:draftAssemblyId/documents/:draftDocumentId",
    expect: insiders(200, 404),
    voting: voters(404),
  },
  // A document of another assembly under this one's address is not found.
  {
    route: "routes/$network+/assemblies+/$assembly_.documents_.$document",
    method: "GET",
    path: "/:network/assemblies/:assemblyId/documents/:draftDocumentId",
    expect: insiders(404),
    voting: voters(404),
  },
  {
    route: "routes/$network+/assemblies+/$assembly_.proxies.paper",
    method: "GET",
    path: "/:network/assemblies/:assemblyId/proxies/paper",
    expect: coordinatorOnly(200),
    voting: voters(403),
  },
  {
    route: "routes/$network+/assemblies+/$assembly_.proxies.paper",
    method: "POST",
    path: "/:network/assemblies/:assemblyId/proxies/paper",
    expect: coordinatorOnly(400),
    voting: voters(403),
  },
  // The scan of the proxy :holderOrgId holds: not even its holder's titular (proxyHolder) gets it.
  {
    route: "routes/$network+/assemblies+/$assembly_.proxies.$proxy.scan",
    method: "GET",
    path: "/:network/assemblies/:assemblyId/proxies/:proxyId/scan",
    expect: { anonymous: 302, otherDelegate: 404, delegate: 404, otherCoordinator: 404, coordinator: 200 },
    voting: voters(404),
  },
];
