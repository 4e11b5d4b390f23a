// The rules of app/access as a table: persona × capability × expected. Pure (no database): each
// persona is an actor plus the facts the loaders of app/access would give for it (facilitator of
// the group? which of its organisations are members? insider of the network? invited?). The route
// matrix (tests/e2e/authz/matrix.ts) checks the same rules through the pages.
//
// To add a persona (comité member, voter, proxy holder): give it its actor and facts below, then a
// value in every row (a row that forgets a persona fails). To add a capability: a row (a capability
// without a row fails).
import { describe, expect, test } from "vitest";

import type { Actor } from "#app/access/actor";
import { can, CAPABILITIES, type Capability, type Scopes } from "#app/access/can";
import { type GroupAccess, groupAccessFrom, type GroupFacts } from "#app/access/group";
import type { DelegateRole } from "#app/utils/domain";

const NETWORK = "network-1";
const OTHER_NETWORK = "network-2";
/** In the network and an active member of the group. */
const MEMBER_ORG = "org-member";
/** In the network, not a member of the group. */
const NON_MEMBER_ORG = "org-outside";
/** The facilitator's own organisation (in the network, not a member of the group). */
const FACILITATOR_ORG = "org-facilitator";
/** Seated on the comité d'accompagnement (in the network, not a member of the group). */
const COMMITTEE_ORG = "org-committee";
/** Holds another organisation's proxy in the assembly (in the network, not a member of the group). */
const HOLDER_ORG = "org-holder";
/** In the network without the right to vote: an applicant (or suspended), so not on the assembly's roll. */
const APPLICANT_ORG = "org-applicant";
/** The assembly's electoral roll: every member organisation of the network. */
const ROLL = [MEMBER_ORG, NON_MEMBER_ORG, FACILITATOR_ORG, COMMITTEE_ORG, HOLDER_ORG];

type Persona = {
  actor: Actor | null;
  /** What groupAccess() loads for this person in the group. */
  group: GroupFacts;
  /** Among the meeting's participants (meetings.server.ts isInvited). */
  invited: boolean;
  /** How many of the person's organisations belong to the network. */
  organisationsHere: number;
};

function actor(userId: string, roles: { admin?: boolean; coordinates?: string[]; delegates?: [string, DelegateRole][] } = {}): Actor {
  return {
    userId,
    name: userId,
    email: `${userId}@example.org`,
    locale: "fr",
    isPlatformAdmin: !!roles.admin,
    coordinatorOf: new Set(roles.coordinates ?? []),
    delegateOf: new Map(roles.delegates ?? []),
  };
}

const outside: GroupFacts = { isFacilitator: false, memberOrganisationIds: [], isInsider: false };
const insider: GroupFacts = { ...outside, isInsider: true };
const memberOfGroup: GroupFacts = { ...insider, memberOrganisationIds: [MEMBER_ORG] };

const PERSONAS = {
  visitor: { actor: null, group: outside, invited: false, organisationsHere: 0 },
  platformAdmin: { actor: actor("u-admin", { admin: true }), group: insider, invited: false, organisationsHere: 0 },
  coordinator: { actor: actor("u-coord", { coordinates: [NETWORK] }), group: insider, invited: false, organisationsHere: 0 },
  otherCoordinator: { actor: actor("u-coord2", { coordinates: [OTHER_NETWORK] }), group: outside, invited: false, organisationsHere: 0 },
  titular: { actor: actor("u-titular", { delegates: [[MEMBER_ORG, "titular"]] }), group: memberOfGroup, invited: true, organisationsHere: 1 },
  substitute: { actor: actor("u-substitute", { delegates: [[MEMBER_ORG, "substitute"]] }), group: memberOfGroup, invited: true, organisationsHere: 1 },
  /** Staff of the member organisation, not named a participant; the meeting's note-taker. */
  staff: { actor: actor("u-staff", { delegates: [[MEMBER_ORG, "staff"]] }), group: memberOfGroup, invited: false, organisationsHere: 1 },
  nonMemberDelegate: { actor: actor("u-outside", { delegates: [[NON_MEMBER_ORG, "titular"]] }), group: insider, invited: false, organisationsHere: 1 },
  facilitator: {
    actor: actor("u-facilitator", { delegates: [[FACILITATOR_ORG, "titular"]] }),
    group: { ...insider, isFacilitator: true },
    invited: true,
    organisationsHere: 1,
  },
  committeeMember: { actor: actor("u-committee", { delegates: [[COMMITTEE_ORG, "titular"]] }), group: insider, invited: false, organisationsHere: 1 },
  proxyHolder: { actor: actor("u-holder", { delegates: [[HOLDER_ORG, "substitute"]] }), group: insider, invited: false, organisationsHere: 1 },
  nonVoting: { actor: actor("u-applicant", { delegates: [[APPLICANT_ORG, "titular"]] }), group: insider, invited: false, organisationsHere: 1 },
} satisfies Record<string, Persona>;

type Name = keyof typeof PERSONAS;
const NAMES = Object.keys(PERSONAS) as Name[];

const accessOf = (p: Persona): GroupAccess => groupAccessFrom(p.actor, NETWORK, p.group);

const AT = new Date("2027-03-01T10:00:00Z");
const openMeeting = {
  status: "scheduled",
  endsAt: new Date("2027-03-10T12:00:00Z"),
  proposalsUntil: new Date("2027-03-05T12:00:00Z"),
  isPublic: false,
  noteTakerId: "u-staff",
};
const endedMeeting = { ...openMeeting, endsAt: new Date("2027-02-20T12:00:00Z"), proposalsUntil: new Date("2027-02-15T12:00:00Z") };
const cancelledMeeting = { ...openMeeting, status: "cancelled" };
const draftElection = { kind: "election", status: "draft", candidaciesUntil: new Date("2027-03-05T12:00:00Z") };
const proposalsClosed = { ...openMeeting, proposalsUntil: new Date("2027-02-28T12:00:00Z") };

type Row<C extends Capability = Capability> = { capability: C; label?: string; scope: (p: Persona) => Scopes[C]; yes: Name[] };
const row = <C extends Capability>(capability: C, scope: (p: Persona) => Scopes[C], yes: Name[], label?: string): Row =>
  ({ capability, scope, yes, label }) as Row;

const MANAGERS: Name[] = ["platformAdmin", "coordinator", "facilitator"];
const READERS: Name[] = [...MANAGERS, "titular", "substitute", "staff"];
const INSIDERS: Name[] = [...READERS, "nonMemberDelegate", "committeeMember", "proxyHolder", "nonVoting"];
const COORDINATORS: Name[] = ["platformAdmin", "coordinator"];
const OF_MEMBER_ORG: Name[] = ["titular", "substitute", "staff"];
/** The person's own organisation (the first they are a delegate of), and whether it is on the roll. */
const ownOrganisation = (p: Persona) => {
  const organisationId = p.actor ? ([...p.actor.delegateOf.keys()][0] ?? "no-organisation") : "no-organisation";
  return { organisationId, onRoll: ROLL.includes(organisationId) };
};
/** Titular or substitute of an organisation on the roll: they check it in and vote for it. */
const VOTERS: Name[] = ["titular", "substitute", "nonMemberDelegate", "facilitator", "committeeMember", "proxyHolder"];

const TABLE: Row[] = [
  row("platform.administer", () => ({}), ["platformAdmin"]),
  row("invitation.accept", () => ({ email: "u-titular@example.org" }), ["titular"]),
  row("network.coordinate", () => ({ networkId: NETWORK }), COORDINATORS),
  row("network.seeInside", (p) => ({ networkId: NETWORK, delegatesHere: p.organisationsHere > 0 }), INSIDERS),

  row("organisation.edit", () => ({ networkId: NETWORK, organisationId: MEMBER_ORG }), [...COORDINATORS, ...OF_MEMBER_ORG]),
  row("organisation.manageDelegates", () => ({ networkId: NETWORK }), COORDINATORS),

  row("charter.edit", () => ({ networkId: NETWORK }), COORDINATORS),
  row("charter.sign", () => ({ organisationId: MEMBER_ORG }), ["titular", "substitute"]),
  row("charter.upload", () => ({ networkId: NETWORK, organisationId: MEMBER_ORG }), [...COORDINATORS, "titular", "substitute"]),
  row("charter.withdraw", () => ({ organisationId: MEMBER_ORG }), ["titular"]),
  row("charter.seeScan", () => ({ networkId: NETWORK, organisationId: MEMBER_ORG }), [...COORDINATORS, ...OF_MEMBER_ORG]),

  row("group.administer", () => ({ networkId: NETWORK }), COORDINATORS),
  row("group.actForOrganisation", () => ({ networkId: NETWORK, organisationId: MEMBER_ORG }), [...COORDINATORS, ...OF_MEMBER_ORG]),
  row(
    "group.actForOrganisation",
    () => ({ networkId: NETWORK, organisationId: NON_MEMBER_ORG }),
    [...COORDINATORS, "nonMemberDelegate"],
    "another organisation",
  ),
  row("group.manage", (p) => ({ access: accessOf(p) }), MANAGERS),
  row("group.readInside", (p) => ({ access: accessOf(p) }), READERS),
  row("group.openMembersPage", (p) => ({ access: accessOf(p), organisationsHere: p.organisationsHere }), INSIDERS),

  row("meeting.see", (p) => ({ access: accessOf(p), meeting: openMeeting }), INSIDERS, "network meeting"),
  row("meeting.see", (p) => ({ access: accessOf(p), meeting: { ...openMeeting, isPublic: true } }), NAMES, "public meeting"),
  row("meeting.seeDetails", (p) => ({ access: accessOf(p) }), INSIDERS),
  row("meeting.manage", (p) => ({ access: accessOf(p) }), MANAGERS),
  row("meeting.takePart", (p) => ({ access: accessOf(p), invited: p.invited }), READERS),
  row("meeting.answer", (p) => ({ access: accessOf(p), invited: p.invited, meeting: openMeeting, at: AT }), READERS, "open meeting"),
  row("meeting.answer", (p) => ({ access: accessOf(p), invited: p.invited, meeting: endedMeeting, at: AT }), [], "ended meeting"),
  row("meeting.answer", (p) => ({ access: accessOf(p), invited: p.invited, meeting: cancelledMeeting, at: AT }), [], "cancelled meeting"),
  row("meeting.propose", (p) => ({ access: accessOf(p), invited: p.invited, meeting: openMeeting, at: AT }), READERS, "proposals open"),
  row("meeting.propose", (p) => ({ access: accessOf(p), invited: p.invited, meeting: proposalsClosed, at: AT }), [], "proposals closed"),
  row("meeting.takeAttendance", (p) => ({ access: accessOf(p), meeting: openMeeting }), [...MANAGERS, "staff"]),

  row("minutes.write", (p) => ({ access: accessOf(p), meeting: openMeeting }), [...MANAGERS, "staff"], "staff takes the notes"),
  row("minutes.write", (p) => ({ access: accessOf(p), meeting: { noteTakerId: null } }), MANAGERS, "no note-taker"),
  row("minutes.manage", (p) => ({ access: accessOf(p) }), MANAGERS),
  row("minutes.volunteer", (p) => ({ access: accessOf(p) }), OF_MEMBER_ORG),
  row("minutes.comment", (p) => ({ access: accessOf(p) }), READERS),
  row("minutes.readPublished", (p) => ({ access: accessOf(p), visibility: "group" }), READERS, "group"),
  row("minutes.readPublished", (p) => ({ access: accessOf(p), visibility: "network" }), INSIDERS, "network"),
  row("minutes.readPublished", (p) => ({ access: accessOf(p), visibility: "public" }), NAMES, "public"),
  row(
    "minutes.readVersion",
    (p) => ({ access: accessOf(p), meeting: openMeeting, version: { status: "draft", visibility: null } }),
    [...MANAGERS, "staff"],
    "draft",
  ),
  row("minutes.readVersion", (p) => ({ access: accessOf(p), meeting: openMeeting, version: { status: "submitted", visibility: null } }), READERS, "submitted"),
  row(
    "minutes.readVersion",
    (p) => ({ access: accessOf(p), meeting: openMeeting, version: { status: "published", visibility: "group" } }),
    READERS,
    "published for the group",
  ),
  row(
    "minutes.readVersion",
    (p) => ({ access: accessOf(p), meeting: openMeeting, version: { status: "superseded", visibility: "network" } }),
    INSIDERS,
    "superseded, network",
  ),
  row(
    "minutes.readVersion",
    (p) => ({ access: accessOf(p), meeting: openMeeting, version: { status: "published", visibility: "public" } }),
    NAMES,
    "published, public",
  ),

  row("action.see", (p) => ({ access: accessOf(p), item: { organisationId: MEMBER_ORG } }), READERS, "a member organisation's"),
  row("action.see", (p) => ({ access: accessOf(p), item: { organisationId: NON_MEMBER_ORG } }), [...READERS, "nonMemberDelegate"], "another organisation's"),
  row("action.update", (p) => ({ access: accessOf(p), item: { organisationId: MEMBER_ORG } }), [...MANAGERS, ...OF_MEMBER_ORG], "a member organisation's"),
  row(
    "action.update",
    (p) => ({ access: accessOf(p), item: { organisationId: NON_MEMBER_ORG } }),
    [...MANAGERS, "nonMemberDelegate"],
    "another organisation's",
  ),
  row("action.update", (p) => ({ access: accessOf(p), item: { organisationId: null } }), MANAGERS, "nobody's"),

  row("statutes.manage", () => ({ networkId: NETWORK }), COORDINATORS),
  row("assembly.see", (p) => ({ networkId: NETWORK, delegatesHere: p.organisationsHere > 0 }), INSIDERS),
  row("assembly.seeOne", (p) => ({ networkId: NETWORK, delegatesHere: p.organisationsHere > 0, status: "convened" }), INSIDERS, "convened"),
  row("assembly.seeOne", (p) => ({ networkId: NETWORK, delegatesHere: p.organisationsHere > 0, status: "draft" }), COORDINATORS, "a draft"),
  row("assembly.convene", () => ({ networkId: NETWORK }), COORDINATORS),
  row("assembly.manageDocuments", () => ({ networkId: NETWORK }), COORDINATORS),
  row("assembly.startMinutes", () => ({ networkId: NETWORK }), COORDINATORS),
  row("assembly.manageDesk", () => ({ networkId: NETWORK, namedToDesk: false }), COORDINATORS, "not named"),
  row(
    "assembly.manageDesk",
    // Only a delegate of an organisation of the network can be named (the model checks it).
    (p) => ({ networkId: NETWORK, namedToDesk: p.organisationsHere > 0 }),
    [...COORDINATORS, ...NAMES.filter((n) => PERSONAS[n].organisationsHere > 0)],
    "named to the desk",
  ),
  row("assembly.checkInSelf", ownOrganisation, VOTERS, "own organisation"),
  row("assembly.checkInSelf", () => ({ organisationId: HOLDER_ORG, onRoll: true }), ["proxyHolder"], "the holder's organisation"),
  row("proxy.give", ownOrganisation, ["titular", "nonMemberDelegate", "facilitator", "committeeMember"], "own organisation: titular only"),
  row("proxy.give", () => ({ organisationId: APPLICANT_ORG, onRoll: false }), [], "an organisation without the right to vote"),
  row("proxy.recordPaper", () => ({ networkId: NETWORK }), COORDINATORS),
  row("proxy.seeScan", () => ({ networkId: NETWORK }), COORDINATORS),
  row("poll.manage", () => ({ networkId: NETWORK }), COORDINATORS),
  row("poll.vote", ownOrganisation, VOTERS, "own organisation"),
  row("poll.vote", () => ({ organisationId: MEMBER_ORG, onRoll: true }), ["titular", "substitute"], "the member organisation"),
  row("poll.vote", () => ({ organisationId: APPLICANT_ORG, onRoll: false }), [], "an organisation without the right to vote"),
  row(
    "poll.declareCandidacy",
    (p) => ({ ...ownOrganisation(p), poll: draftElection, at: AT }),
    ["titular", "nonMemberDelegate", "facilitator", "committeeMember"],
    "own organisation, before the deadline: titular only",
  ),
  row(
    "poll.declareCandidacy",
    (p) => ({ ...ownOrganisation(p), poll: { ...draftElection, candidaciesUntil: null }, at: AT }),
    ["titular", "nonMemberDelegate", "facilitator", "committeeMember"],
    "no deadline",
  ),
  row("poll.declareCandidacy", (p) => ({ ...ownOrganisation(p), poll: { ...draftElection, candidaciesUntil: AT }, at: AT }), [], "at the deadline"),
  row("poll.declareCandidacy", (p) => ({ ...ownOrganisation(p), poll: { ...draftElection, status: "ready" }, at: AT }), [], "ready"),
  row("poll.declareCandidacy", (p) => ({ ...ownOrganisation(p), poll: { ...draftElection, kind: "resolution" }, at: AT }), [], "a resolution"),
  row("poll.declareCandidacy", () => ({ organisationId: MEMBER_ORG, onRoll: true, poll: draftElection, at: AT }), ["titular"], "the member organisation"),
  row(
    "poll.declareCandidacy",
    () => ({ organisationId: APPLICANT_ORG, onRoll: false, poll: draftElection, at: AT }),
    [],
    "an organisation without the right to vote",
  ),
  row("committee.manage", () => ({ networkId: NETWORK }), COORDINATORS),
  row("committee.act", () => ({ seated: [COMMITTEE_ORG] }), ["committeeMember"]),
  row("recommendation.edit", (p) => ({ access: accessOf(p), recommendation: { status: "draft" } }), READERS, "draft"),
  row("recommendation.edit", (p) => ({ access: accessOf(p), recommendation: { status: "submitted" } }), [], "submitted to the comité"),
  row("recommendation.read", (p) => ({ access: accessOf(p) }), INSIDERS),
  row("recommendation.start", (p) => ({ access: accessOf(p) }), READERS),
  row("recommendation.comment", (p) => ({ access: accessOf(p), recommendation: { status: "submitted" } }), INSIDERS, "submitted to the comité"),
  row("recommendation.comment", (p) => ({ access: accessOf(p), recommendation: { status: "sent" } }), [], "sent"),
  row("recommendation.steer", (p) => ({ access: accessOf(p), recommendation: { status: "groupReview" } }), MANAGERS, "in the group's review"),
  row("recommendation.steer", (p) => ({ access: accessOf(p), recommendation: { status: "submitted" } }), [], "submitted to the comité"),
  row(
    "recommendation.decide",
    () => ({ networkId: NETWORK, seated: [COMMITTEE_ORG], recommendation: { status: "submitted" } }),
    ["committeeMember"],
    "submitted, with a comité",
  ),
  row("recommendation.decide", () => ({ networkId: NETWORK, seated: [], recommendation: { status: "submitted" } }), COORDINATORS, "submitted, no comité"),
  row("recommendation.decide", () => ({ networkId: NETWORK, seated: [COMMITTEE_ORG], recommendation: { status: "draft" } }), [], "a draft"),
  row("recommendation.send", () => ({ networkId: NETWORK }), COORDINATORS),
  row("recommendation.publish", () => ({ networkId: NETWORK, recommendation: { status: "sent" } }), COORDINATORS, "sent"),
  row("recommendation.publish", () => ({ networkId: NETWORK, recommendation: { status: "submitted" } }), [], "not validated"),
  row("recommendation.follow", (p) => ({ access: accessOf(p), seated: [COMMITTEE_ORG] }), [...READERS, "committeeMember"]),
  row("authority.manage", () => ({ networkId: NETWORK }), COORDINATORS),
];

describe("app/access: persona × capability", () => {
  test("every capability has a row, every row names known personas", () => {
    expect(CAPABILITIES.filter((c) => !TABLE.some((r) => r.capability === c))).toEqual([]);
    for (const r of TABLE) expect(r.yes.filter((n) => !(n in PERSONAS))).toEqual([]);
  });

  for (const r of TABLE) {
    test(`${r.capability}${r.label ? ` (${r.label})` : ""}`, () => {
      const allowed = NAMES.filter((name) => {
        const p: Persona = PERSONAS[name];
        return can(p.actor, r.capability, r.scope(p) as never);
      });
      expect(allowed).toEqual(NAMES.filter((n) => r.yes.includes(n)));
    });
  }

  test("a coordinator of another network has no right here, a visitor only the public ones", () => {
    for (const name of ["otherCoordinator", "visitor"] as const) {
      const p: Persona = PERSONAS[name];
      const granted = TABLE.filter((r) => can(p.actor, r.capability, r.scope(p) as never)).map((r) => `${r.capability} ${r.label ?? ""}`.trim());
      expect(granted).toEqual(["meeting.see public meeting", "minutes.readPublished public", "minutes.readVersion published, public"]);
    }
  });

  test("group access from facts: managers and readers", () => {
    expect(accessOf(PERSONAS.facilitator)).toMatchObject({ canManage: true, isGroupReader: true, isCoordinator: false });
    expect(accessOf(PERSONAS.staff)).toMatchObject({ canManage: false, isGroupReader: true, memberOrganisationIds: [MEMBER_ORG] });
    expect(accessOf(PERSONAS.nonMemberDelegate)).toMatchObject({ canManage: false, isGroupReader: false, isInsider: true });
    expect(accessOf(PERSONAS.visitor)).toMatchObject({ canManage: false, isGroupReader: false, isInsider: false });
  });
});
