// Authorization rows of the vote page and the paper desk (issue 12). The vote page is open to the
// network's insiders: a delegate of an organisation of the roll gets its ballots; a coordinator or
// a delegate who speaks for no organisation of the roll gets the page that says, in words, that
// they vote for no one (200: the poll and its progress are no secret to insiders, and a 403 would
// not tell them why). Casting needs poll.vote for the organisation named (403 otherwise, whoever
// asks). The paper desk is the coordinators'. No row casts a ballot: forms are empty or refused.
import { type MatrixRow, voters } from "./types";

const coordinatorOnly = (status: number) => ({ anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: status });
const vote = "routes/$network+/assemblies+/$assembly_.polls.$poll_.vote";
const paper = "routes/$network+/assemblies+/$assembly_.polls.$poll_.paper";

export const rows: MatrixRow[] = [
  {
    route: vote,
    method: "GET",
    path: "/:network/assemblies/:assemblyId/polls/:pollId/vote",
    expect: { anonymous: 302, otherDelegate: 200, delegate: 200, otherCoordinator: 403, coordinator: 200 },
    voting: voters(200),
  },
  {
    route: vote,
    method: "GET",
    path: "/:network/assemblies/:assemblyId/polls/not-a-poll/vote",
    expect: { anonymous: 302, otherDelegate: 404, delegate: 404, otherCoordinator: 403, coordinator: 404 },
    voting: voters(404),
  },
  // No organisation named: nobody votes for it.
  {
    route: vote,
    method: "POST",
    path: "/:network/assemblies/:assemblyId/polls/:pollId/vote",
    expect: { anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: 403 },
    voting: voters(403),
  },
  // The roll's organisation without ballots: its titular reaches validation, nothing is cast.
  {
    route: vote,
    method: "POST",
    path: "/:network/assemblies/:assemblyId/polls/:pollId/vote",
    form: { actingFor: ":rollOrgId" },
    expect: { anonymous: 302, otherDelegate: 400, delegate: 403, otherCoordinator: 403, coordinator: 403 },
    voting: voters(403),
  },
  // The proxy holder's own organisation: its titular reaches validation; the applicant's is off the roll.
  {
    route: vote,
    method: "POST",
    path: "/:network/assemblies/:assemblyId/polls/:pollId/vote",
    form: { actingFor: ":holderOrgId" },
    expect: { anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: 403 },
    voting: { committeeMember: 403, proxyHolder: 400, nonVoting: 403 },
  },
  {
    route: vote,
    method: "POST",
    path: "/:network/assemblies/:assemblyId/polls/:pollId/vote",
    form: { actingFor: ":applicantOrgId" },
    expect: { anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: 403 },
    voting: voters(403),
  },
  { route: paper, method: "GET", path: "/:network/assemblies/:assemblyId/polls/:pollId/paper", expect: coordinatorOnly(200), voting: voters(403) },
  // No intent: the coordinators reach validation (400), nothing is entered.
  { route: paper, method: "POST", path: "/:network/assemblies/:assemblyId/polls/:pollId/paper", expect: coordinatorOnly(400), voting: voters(403) },
];
