// The authorization matrix: every route of the app × every persona, with the HTTP status the
// server must answer. tests/e2e/authorization.e2e.test.ts walks it against the built app and
// fails when a route of the build has no row (GET for every route with a loader, POST for every
// route with an action).
//
// Personas, in the fixture the runner builds:
//   anonymous         no session
//   otherDelegate     titular delegate of organisation :otherOrg (same network, not :org)
//   delegate          titular delegate of organisation :org
//   otherCoordinator  coordinator of another network (not :network)
//   coordinator       coordinator of :network
// Placeholders in `path`: :network, :org (in :network), :otherOrg (in :network), :outboxId (an
// e-mail of :network's outbox), :token (a random, unknown token), :version (the number of the
// published charter version 1, signed by :otherOrg), :draft (the number of the draft version 2),
// :adhesionId (a paper adhesion of :org awaiting review; its scan file does not exist),
// :joinRequestId (a pending request to join :network).
// Expected statuses: 200, 302 (for anonymous on protected pages: to /login), 400 (POST with an
// empty form reaching validation), 403, 404, 405 (no action).
export type Persona = "anonymous" | "otherDelegate" | "delegate" | "otherCoordinator" | "coordinator";

// The personas of assemblies and votes (issue 12), each the titular delegate of an organisation of
// :network, walked on the rows that carry `voting` (every row of the assembly, poll, statutes and
// comité routes must: authorization.e2e.test.ts checks it):
//   committeeMember  its organisation (:committeeOrgId) holds a seat of the comité and is on the roll
//   proxyHolder      its organisation (:holderOrgId) is on the roll and holds the proxy of :giverOrgId
//   nonVoting        its organisation (:applicantOrgId) is in the directory but never signed the
//                    charter: an applicant, not a member, so not on the roll
export type VotingPersona = "committeeMember" | "proxyHolder" | "nonVoting";

export type MatrixRow = {
  /** Remix route id, e.g. "routes/$network+/organisations+/$org" */
  route: string;
  method: "GET" | "POST";
  path: string;
  /** Form fields for POST (default: empty form); a value that is a placeholder (":rollOrgId") is replaced too. */
  form?: Record<string, string>;
  expect: Record<Persona, number>;
  voting?: Record<VotingPersona, number>;
};

/** The voting personas all answered the same. */
export const voters = (status: number): Record<VotingPersona, number> => ({ committeeMember: status, proxyHolder: status, nonVoting: status });

/** Shorthands for common shapes of rows. */
export const everyone = (status: number): Record<Persona, number> => ({
  anonymous: status,
  otherDelegate: status,
  delegate: status,
  otherCoordinator: status,
  coordinator: status,
});

/** What the base fixture made, handed to each tests/e2e/authz/fixture-*.ts. */
export type FixtureBase = {
  network: { id: string; slug: string };
  org: { id: string; slug: string };
  otherOrg: { id: string; slug: string };
  users: Record<Exclude<Persona, "anonymous">, string>;
  /** The organisations of the voting personas (and the giver of the proxy held by :holderOrgId, which has no persona). */
  voting: { committeeOrg: string; holderOrg: string; giverOrg: string; applicantOrg: string };
};
