// The one entry point: may this actor do this here? `can(actor, "minutes.publish", { access })`.
// Each capability names the scope it is decided in (the map below, checked by TypeScript); the
// rule itself is a predicate of this folder, fed with facts already loaded (groupAccess, …).
// New domains add their capabilities here (assemblies: "assembly.vote" for a voter or a proxy
// holder, recommendations: "recommendation.edit" for a comité member).
import { type Actor, isPlatformAdmin } from "./actor";
import {
  canActInAssemblyFor,
  canDeclareCandidacy,
  type CandidacyWindow,
  canGiveProxyFor,
  canKeepDesk,
  canRunAssemblies,
  canSeeAssembly,
  isCommitteeMember,
} from "./assembly";
import { canEditCharter, canSeeAdhesionScan, canSignFor, canUploadAdhesionFor, canWithdraw } from "./charter";
import { canActForOrganisation, canAdministerGroups, canOpenMembersPage, type GroupAccess } from "./group";
import { canAnswerMeeting, canManageMeeting, canProposeAgendaItem, canSeeMeeting, canSeeMeetingDetails, canTakeAttendance, canTakePartIn } from "./meeting";
import { canComment, canManageMinutes, canReadPublishedMinutes, canReadVersion, canSeeAction, canUpdateAction, canVolunteer, canWriteMinutes } from "./minutes";
import { isCoordinator, isInsiderOf } from "./network";
import { canEditOrganisation, canManageDelegates } from "./organisation";
import {
  canCommentRecommendation,
  canDecideRecommendation,
  canEditRecommendation,
  canFollowRecommendation,
  canManageAuthorities,
  canPublishRecommendation,
  canReadRecommendation,
  canSendRecommendation,
  canStartRecommendation,
  canSteerRecommendation,
} from "./recommendation";

type InNetwork = { networkId: string };
type ForOrganisation = { networkId: string; organisationId: string };
type InGroup = { access: GroupAccess };
type MeetingState = { status: string; endsAt: Date; proposalsUntil?: Date | null };
type AtMeeting = InGroup & { meeting: MeetingState; invited: boolean; at: Date };
type Written = InGroup & { meeting: { noteTakerId: string | null } };
type ActionItem = InGroup & { item: { organisationId: string | null } };
/** `onRoll`: the organisation is on the assembly's roll (assembly.server.ts isOnRoll). */
type OnRoll = { organisationId: string; onRoll: boolean };

export type Scopes = {
  "platform.administer": Record<string, never>;
  /** An invitation is accepted by the person signed in with the address it was sent to. */
  "invitation.accept": { email: string };
  "network.coordinate": InNetwork;
  /** `delegatesHere`: the person is a delegate of one of the network's organisations (network.server.ts). */
  "network.seeInside": InNetwork & { delegatesHere: boolean };
  "organisation.edit": ForOrganisation;
  "organisation.manageDelegates": InNetwork;
  "charter.edit": InNetwork;
  "charter.sign": { organisationId: string };
  "charter.upload": ForOrganisation;
  "charter.withdraw": { organisationId: string };
  "charter.seeScan": ForOrganisation;
  "group.administer": InNetwork;
  "group.manage": InGroup;
  "group.actForOrganisation": ForOrganisation;
  "group.readInside": InGroup;
  "group.openMembersPage": InGroup & { organisationsHere: number };
  "meeting.see": InGroup & { meeting: { isPublic: boolean } };
  "meeting.seeDetails": InGroup;
  "meeting.manage": InGroup;
  "meeting.takePart": InGroup & { invited: boolean };
  "meeting.answer": AtMeeting;
  "meeting.propose": AtMeeting;
  "meeting.takeAttendance": Written;
  "minutes.write": Written;
  "minutes.manage": InGroup;
  "minutes.volunteer": InGroup;
  "minutes.comment": InGroup;
  "minutes.readPublished": InGroup & { visibility: string | null };
  "minutes.readVersion": Written & { version: { status: string; visibility: string | null } };
  "action.see": ActionItem;
  "action.update": ActionItem;
  "statutes.manage": InNetwork;
  "assembly.see": InNetwork & { delegatesHere: boolean };
  /** One assembly (and its documents): `status` is the assembly's (a draft is the coordinators'). */
  "assembly.seeOne": InNetwork & { delegatesHere: boolean; status: string };
  "assembly.convene": InNetwork;
  /** Uploads and removes the assembly's documents. */
  "assembly.manageDocuments": InNetwork;
  /** `namedToDesk`: the reader was named to this assembly's desk (assembly.server.ts isNamedToDesk). */
  "assembly.manageDesk": InNetwork & { namedToDesk: boolean };
  "assembly.checkInSelf": OnRoll;
  /** Starts the minutes of a closed assembly (then the minutes' own rights apply, in its group). */
  "assembly.startMinutes": InNetwork;
  "proxy.give": OnRoll;
  "proxy.recordPaper": InNetwork;
  /** The scan of a paper proxy: it carries signatures, so only the people who record them. */
  "proxy.seeScan": InNetwork;
  "poll.manage": InNetwork;
  "poll.vote": OnRoll;
  /** The candidate organisation, the election's window, and now (clock.server). */
  "poll.declareCandidacy": OnRoll & { poll: CandidacyWindow; at: Date };
  "committee.manage": InNetwork;
  /** `seated`: the organisations on the comité today (assembly.server.ts seatedOrganisationIds). */
  "committee.act": { seated: readonly string[] };
  /** The carrying group's access (group.server.ts groupAccess) and the recommendation's status. */
  "recommendation.edit": InGroup & { recommendation: { status: string } };
  "recommendation.read": InGroup;
  /** Starts a recommendation carried by this group. */
  "recommendation.start": InGroup;
  "recommendation.comment": InGroup & { recommendation: { status: string } };
  /** Title, theme, co-signers, and the group's steps (review, back to draft, the group's agreement). */
  "recommendation.steer": InGroup & { recommendation: { status: string } };
  /** `seated`: the organisations on the comité today (assembly.server.ts seatedOrganisationIds). */
  "recommendation.decide": InNetwork & { seated: readonly string[]; recommendation: { status: string } };
  "recommendation.send": InNetwork;
  "recommendation.publish": InNetwork & { recommendation: { status: string } };
  "recommendation.follow": InGroup & { seated: readonly string[] };
  "authority.manage": InNetwork;
};

export type Capability = keyof Scopes;

const RULES: { [C in Capability]: (actor: Actor | null, scope: Scopes[C]) => boolean } = {
  "platform.administer": (actor) => isPlatformAdmin(actor),
  "invitation.accept": (actor, s) => !!actor && actor.email === s.email,
  "network.coordinate": (actor, s) => isCoordinator(actor, s.networkId),
  "network.seeInside": (actor, s) => isInsiderOf(actor, s.networkId, s.delegatesHere),
  "organisation.edit": (actor, s) => canEditOrganisation(actor, s.networkId, s.organisationId),
  "organisation.manageDelegates": (actor, s) => canManageDelegates(actor, s.networkId),
  "charter.edit": (actor, s) => canEditCharter(actor, s.networkId),
  "charter.sign": (actor, s) => canSignFor(actor, s.organisationId),
  "charter.upload": (actor, s) => canUploadAdhesionFor(actor, s.networkId, s.organisationId),
  "charter.withdraw": (actor, s) => canWithdraw(actor, s.organisationId),
  "charter.seeScan": (actor, s) => canSeeAdhesionScan(actor, s.networkId, s.organisationId),
  "group.administer": (actor, s) => canAdministerGroups(actor, s.networkId),
  "group.actForOrganisation": (actor, s) => canActForOrganisation(actor, s.networkId, s.organisationId),
  "group.manage": (actor, s) => !!actor && s.access.canManage,
  "group.readInside": (actor, s) => !!actor && s.access.isGroupReader,
  "group.openMembersPage": (actor, s) => !!actor && canOpenMembersPage(s.access, s.organisationsHere),
  "meeting.see": (_actor, s) => canSeeMeeting(s.access, s.meeting),
  "meeting.seeDetails": (_actor, s) => canSeeMeetingDetails(s.access),
  "meeting.manage": (actor, s) => !!actor && canManageMeeting(s.access),
  "meeting.takePart": (actor, s) => !!actor && canTakePartIn(s.access, s.invited),
  "meeting.answer": (actor, s) => !!actor && canAnswerMeeting(s.access, s.invited, s.meeting, s.at),
  "meeting.propose": (actor, s) => !!actor && canProposeAgendaItem(s.access, s.invited, s.meeting, s.at),
  "meeting.takeAttendance": (actor, s) => !!actor && canTakeAttendance(s.access, s.meeting, actor.userId),
  "minutes.write": (actor, s) => !!actor && canWriteMinutes(s.access, s.meeting, actor.userId),
  "minutes.manage": (actor, s) => !!actor && canManageMinutes(s.access),
  "minutes.volunteer": (actor, s) => !!actor && canVolunteer(s.access),
  "minutes.comment": (actor, s) => !!actor && canComment(s.access),
  "minutes.readPublished": (_actor, s) => canReadPublishedMinutes(s.visibility, s.access),
  "minutes.readVersion": (actor, s) => canReadVersion(s.version, s.access, !!actor && canWriteMinutes(s.access, s.meeting, actor.userId)),
  "action.see": (actor, s) => !!actor && canSeeAction(actor, s.access, s.item),
  "action.update": (actor, s) => !!actor && canUpdateAction(actor, s.access, s.item),
  "statutes.manage": (actor, s) => canRunAssemblies(actor, s.networkId),
  "assembly.see": (actor, s) => isInsiderOf(actor, s.networkId, s.delegatesHere),
  "assembly.seeOne": (actor, s) => canSeeAssembly(actor, s.networkId, s.delegatesHere, s.status),
  "assembly.convene": (actor, s) => canRunAssemblies(actor, s.networkId),
  "assembly.manageDocuments": (actor, s) => canRunAssemblies(actor, s.networkId),
  "assembly.manageDesk": (actor, s) => canKeepDesk(actor, s.networkId, s.namedToDesk),
  "assembly.checkInSelf": (actor, s) => canActInAssemblyFor(actor, s.organisationId, s.onRoll),
  "assembly.startMinutes": (actor, s) => canRunAssemblies(actor, s.networkId),
  "proxy.give": (actor, s) => canGiveProxyFor(actor, s.organisationId, s.onRoll),
  "proxy.recordPaper": (actor, s) => canRunAssemblies(actor, s.networkId),
  "proxy.seeScan": (actor, s) => canRunAssemblies(actor, s.networkId),
  "poll.manage": (actor, s) => canRunAssemblies(actor, s.networkId),
  "poll.vote": (actor, s) => canActInAssemblyFor(actor, s.organisationId, s.onRoll),
  "poll.declareCandidacy": (actor, s) => canDeclareCandidacy(actor, s.organisationId, s.onRoll, s.poll, s.at),
  "committee.manage": (actor, s) => canRunAssemblies(actor, s.networkId),
  "committee.act": (actor, s) => isCommitteeMember(actor, s.seated),
  "recommendation.edit": (actor, s) => !!actor && canEditRecommendation(s.access, s.recommendation),
  "recommendation.read": (actor, s) => !!actor && canReadRecommendation(s.access),
  "recommendation.start": (actor, s) => !!actor && canStartRecommendation(s.access),
  "recommendation.comment": (actor, s) => !!actor && canCommentRecommendation(s.access, s.recommendation),
  "recommendation.steer": (actor, s) => !!actor && canSteerRecommendation(s.access, s.recommendation),
  "recommendation.decide": (actor, s) => canDecideRecommendation(actor, s.networkId, s.seated, s.recommendation),
  "recommendation.send": (actor, s) => canSendRecommendation(actor, s.networkId),
  "recommendation.publish": (actor, s) => canPublishRecommendation(actor, s.networkId, s.recommendation),
  "recommendation.follow": (actor, s) => !!actor && canFollowRecommendation(actor, s.access, s.seated),
  "authority.manage": (actor, s) => canManageAuthorities(actor, s.networkId),
};

/** May this actor (null: a visitor) do this, in this scope? */
export function can<C extends Capability>(actor: Actor | null, capability: C, scope: Scopes[C]): boolean {
  return RULES[capability](actor, scope);
}

export const CAPABILITIES = Object.keys(RULES) as Capability[];
