// Taking part in a group. A delegate of a member organisation joins an open group, asks to join a
// group "on request", leaves it, and names which of the organisation's people take part. The
// group's managers (coordinators, facilitators) accept or decline pending requests. Every form
// works without JavaScript; leaving asks for a confirmation first.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { requireActor } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { groupAccess } from "#app/access/group.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { CheckboxGroup, ErrorSummary } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { decideRequest, joinGroup, leaveGroup, organisationsOfActor, requireGroup, setParticipants } from "#app/models/groups.server";
import { requireNetwork } from "#app/models/network.server";
import { formatDate } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { forbidden, formRefusal } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { groupPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

const OrganisationSchema = z.object({
  organisation: z.string({ required_error: "groups.error.chooseOrganisation" }).min(1, "groups.error.chooseOrganisation"),
});
const ParticipantsSchema = OrganisationSchema.extend({ participants: z.array(z.string().min(1)).max(50, "form.invalid").optional().default([]) });
const INTENTS = ["join", "leave", "accept", "decline", "participants"] as const;

async function guard(request: Request, params: LoaderFunctionArgs["params"]) {
  const network = await requireNetwork(params.network);
  const group = await requireGroup(network.id, params.group);
  const actor = await requireActor(request);
  const [access, mine] = await Promise.all([groupAccess(actor, group), organisationsOfActor(actor, group)]);
  // The group's managers, and delegates of the network's organisations (who may join).
  if (!can(actor, "group.openMembersPage", { access, organisationsHere: mine.length })) forbidden();
  return { network, group, actor, access, mine };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, group, actor, access, mine } = await guard(request, params);
  const url = new URL(request.url);
  const activeIds = mine.filter((o) => o.groupStatus === "active").map((o) => o.id);
  const [delegates, participants, pending, members] = await Promise.all([
    prisma.delegate.findMany({
      where: { organisationId: { in: activeIds } },
      select: { organisationId: true, role: true, user: { select: { id: true, name: true } } },
      orderBy: { user: { name: "asc" } },
    }),
    prisma.groupParticipant.findMany({ where: { groupId: group.id, organisationId: { in: activeIds } }, select: { organisationId: true, userId: true } }),
    access.canManage
      ? prisma.groupMembership.findMany({
          where: { groupId: group.id, status: "pending" },
          select: { organisation: { select: { id: true, slug: true, name: true } }, requestedBy: { select: { name: true } }, updatedAt: true },
          orderBy: { updatedAt: "asc" },
        })
      : Promise.resolve([]),
    access.canManage
      ? prisma.groupMembership.findMany({
          where: { groupId: group.id, status: "active" },
          select: {
            organisation: {
              select: {
                id: true,
                slug: true,
                name: true,
                groupParticipants: { where: { groupId: group.id }, select: { user: { select: { name: true } } }, orderBy: { user: { name: "asc" } } },
              },
            },
          },
          orderBy: { organisation: { name: "asc" } },
        })
      : Promise.resolve([]),
  ]);
  const leaveSlug = url.searchParams.get("leave");
  const ownLeave = mine.find((o) => o.slug === leaveSlug && (o.groupStatus === "active" || o.groupStatus === "pending")) ?? null;
  // A coordinator may also take an organisation out of the group (leaveGroup allows it).
  const mayRemove = can(actor, "group.administer", { networkId: network.id });
  const removed = !ownLeave && leaveSlug && mayRemove ? (members.find((m) => m.organisation.slug === leaveSlug)?.organisation ?? null) : null;
  const confirmLeave = ownLeave ?? (removed ? { id: removed.id, name: removed.name, groupStatus: "active" as const, byCoordinator: true } : null);
  return {
    network: { slug: network.slug, name: network.name },
    group: { slug: group.slug, name: group.name, joinPolicy: group.joinPolicy, archived: !!group.archivedAt },
    canManage: access.canManage,
    mine: mine.map((o) => ({
      id: o.id,
      slug: o.slug,
      name: o.name,
      isMember: o.isMember,
      groupStatus: o.groupStatus,
      delegates: delegates.filter((d) => d.organisationId === o.id).map((d) => ({ id: d.user.id, name: d.user.name, role: d.role })),
      participants: participants.filter((p) => p.organisationId === o.id).map((p) => p.userId),
    })),
    pending: pending.map((p) => ({ ...p.organisation, requestedBy: p.requestedBy?.name ?? null, since: p.updatedAt.toISOString() })),
    members: members.map((m) => ({
      id: m.organisation.id,
      slug: m.organisation.slug,
      name: m.organisation.name,
      participants: m.organisation.groupParticipants.map((p) => p.user.name),
    })),
    confirmLeave: confirmLeave
      ? { id: confirmLeave.id, name: confirmLeave.name, groupStatus: confirmLeave.groupStatus, byCoordinator: "byCoordinator" in confirmLeave }
      : null,
    isCoordinator: mayRemove,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, group, actor } = await guard(request, params);
  const formData = await request.formData();
  const intent = INTENTS.find((i) => i === formData.get("intent")) ?? null;
  if (!intent) return data({ intent: null, organisation: null, result: null }, { status: 400 });
  const submission = parseSubmission(formData, { schema: intent === "participants" ? ParticipantsSchema : OrganisationSchema });
  const organisation = String(formData.get("organisation") ?? "");
  if (submission.status !== "success") return data({ intent, organisation, result: submission.reply() }, { status: 400 });
  const orgId = submission.value.organisation;
  const back = groupPath({ networkSlug: network.slug, groupSlug: group.slug }, "members");
  const orgName = async () => (await prisma.organisation.findUnique({ where: { id: orgId }, select: { name: true } }))?.name ?? "";
  try {
    if (intent === "join") {
      const status = await joinGroup(network, group, actor, orgId);
      return redirectWithToast(back, {
        kind: "success",
        key: status === "active" ? "groups.members.joined" : "groups.members.asked",
        vars: { organisation: await orgName(), group: group.name },
      });
    }
    if (intent === "leave") {
      await leaveGroup(group, actor, orgId);
      return redirectWithToast(back, { kind: "success", key: "groups.members.left", vars: { organisation: await orgName(), group: group.name } });
    }
    if (intent === "accept" || intent === "decline") {
      await decideRequest(network, group, actor, orgId, intent === "accept");
      return redirectWithToast(back, {
        kind: "success",
        key: intent === "accept" ? "groups.members.accepted" : "groups.members.declined",
        vars: { organisation: await orgName() },
      });
    }
    const value = submission.value as z.infer<typeof ParticipantsSchema>;
    await setParticipants(group, actor, orgId, value.participants);
    return redirectWithToast(back, { kind: "success", key: "groups.members.participantsSaved", vars: { organisation: await orgName() } });
  } catch (error) {
    // The organisation is a hidden field: its refusals go above the form.
    const refusal = formRefusal(error);
    const result =
      refusal.field === "participants"
        ? submission.reply({ fieldErrors: { participants: [refusal.message] } })
        : submission.reply({ formErrors: [refusal.message] });
    return data({ intent, organisation, result }, { status: refusal.status });
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? `${t("groups.members.title", { group: data.group.name })} — ${data.network.name}` : undefined));

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionData = { intent: string | null; organisation: string | null; result: unknown } | undefined;

function ParticipantsForm({ org, actionData }: { org: LoaderData["mine"][number]; actionData: ActionData }) {
  const t = useT();
  const mineResult = actionData?.intent === "participants" && actionData.organisation === org.id ? (actionData.result as never) : undefined;
  const [form, fields] = useForm<z.input<typeof ParticipantsSchema>>({
    id: `participants-${org.id}`,
    lastResult: mineResult,
    defaultValue: { organisation: org.id, participants: org.participants },
    constraint: getZodConstraint(ParticipantsSchema),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <ErrorSummary form={form} fields={{ participants: fields.participants }} />
      <input type="hidden" name="intent" value="participants" />
      <input type="hidden" name="organisation" value={org.id} />
      <CheckboxGroup
        meta={fields.participants}
        legend={t("groups.members.participantsLegend", { organisation: org.name })}
        hint={t("groups.members.participantsHint")}
        options={org.delegates.map((d) => ({ value: d.id, label: d.name }))}
        columns={false}
      />
      <div className="form-actions">
        <button type="submit" className="button">
          {t("groups.members.saveParticipants")}
        </button>
      </div>
    </Form>
  );
}

/** A one-button form (join, ask, accept, decline, leave) for an organisation. */
function OrgButton({
  intent,
  organisation,
  label,
  hidden,
  kind = "button",
}: {
  intent: string;
  organisation: string;
  label: string;
  hidden?: string;
  kind?: string;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="organisation" value={organisation} />
      <button type="submit" className={kind}>
        {label}
        {hidden ? <span className="visually-hidden"> {hidden}</span> : null}
      </button>
    </Form>
  );
}

export default function GroupMembers() {
  const t = useT();
  const { network, group, canManage, mine, pending, members, confirmLeave, isCoordinator } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData;
  const base = groupPath({ networkSlug: network.slug, groupSlug: group.slug });
  // Errors of the one-button forms (join, leave, accept, decline) are shown at the top.
  const buttonError =
    actionData && actionData.intent !== "participants" && actionData.result
      ? [
          ...((actionData.result as { error?: Record<string, string[] | null> }).error
            ? Object.values((actionData.result as { error: Record<string, string[] | null> }).error).flatMap((e) => e ?? [])
            : []),
        ]
      : actionData && actionData.intent === null
        ? ["error.badRequest"]
        : [];
  return (
    <main id="main" className="page">
      <p>
        <Link to={base}>← {group.name}</Link>
      </p>
      <h1>{t("groups.members.title", { group: group.name })}</h1>
      <p className="lead">{t(group.joinPolicy === "open" ? "groups.members.introOpen" : "groups.members.introRequest")}</p>
      {group.archived ? <p className="notice">{t("groups.page.archived")}</p> : null}
      {buttonError.length ? (
        <div className="error-summary" role="alert">
          <p className="error-summary__title">{buttonError.map((e) => t.message(e)).join(" ")}</p>
        </div>
      ) : null}

      {confirmLeave ? (
        <section className="card" aria-labelledby="confirm-title" id="confirm">
          <h2 id="confirm-title">
            {t(confirmLeave.groupStatus === "pending" ? "groups.members.confirmWithdraw" : "groups.members.confirmLeave", {
              organisation: confirmLeave.name,
              group: group.name,
            })}
          </h2>
          <p>{t(confirmLeave.byCoordinator ? "groups.members.confirmRemoveText" : "groups.members.confirmLeaveText")}</p>
          <div className="form-actions">
            <OrgButton intent="leave" organisation={confirmLeave.id} label={t("groups.members.leaveSubmit")} kind="button button--danger" />
            <Link to={groupPath({ networkSlug: network.slug, groupSlug: group.slug }, "members")}>{t("form.cancel")}</Link>
          </div>
        </section>
      ) : null}

      {mine.length ? (
        <section aria-labelledby="mine-title" className="group-section">
          <h2 id="mine-title">{t("groups.members.mine")}</h2>
          {mine.map((o) => (
            <article key={o.id} className="card groups-org" aria-labelledby={`org-${o.id}`}>
              <h3 id={`org-${o.id}`}>{o.name}</h3>
              {!o.isMember ? (
                <p>
                  {t("groups.members.notCharterMember", { organisation: o.name })}{" "}
                  <Link to={`/${network.slug}/charter`}>{t("groups.members.charterLink")}</Link>
                </p>
              ) : o.groupStatus === "active" ? (
                <>
                  <p>{t("groups.members.statusActive")}</p>
                  <ParticipantsForm org={o} actionData={actionData} />
                  <p>
                    <Link to={`?leave=${encodeURIComponent(o.slug)}#confirm`}>
                      {t("groups.members.leave")}
                      <span className="visually-hidden"> ({o.name})</span>
                    </Link>
                  </p>
                </>
              ) : o.groupStatus === "pending" ? (
                <>
                  <p>{t("groups.members.statusPending")}</p>
                  <p>
                    <Link to={`?leave=${encodeURIComponent(o.slug)}#confirm`}>
                      {t("groups.members.withdraw")}
                      <span className="visually-hidden"> ({o.name})</span>
                    </Link>
                  </p>
                </>
              ) : group.archived ? (
                <p>{t("groups.members.archivedNoJoin")}</p>
              ) : (
                <>
                  {o.groupStatus === "declined" ? <p>{t("groups.members.statusDeclined")}</p> : null}
                  {o.groupStatus === "left" ? <p>{t("groups.members.statusLeft")}</p> : null}
                  <OrgButton
                    intent="join"
                    organisation={o.id}
                    label={t(group.joinPolicy === "open" ? "groups.members.join" : "groups.members.ask")}
                    hidden={`(${o.name})`}
                  />
                </>
              )}
            </article>
          ))}
        </section>
      ) : null}

      {canManage ? (
        <>
          <section aria-labelledby="pending-title" className="group-section">
            <h2 id="pending-title">{t("groups.members.pendingTitle", { count: pending.length })}</h2>
            {pending.length === 0 ? (
              <p>{t("groups.members.noPending")}</p>
            ) : (
              <ul className="groups-people">
                {pending.map((p) => (
                  <li key={p.id}>
                    <span>
                      <Link to={`/${network.slug}/organisations/${p.slug}`}>{p.name}</Link>{" "}
                      <span className="groups-muted">
                        {p.requestedBy
                          ? t("groups.members.askedBy", { name: p.requestedBy, date: formatDate(p.since, t.locale) })
                          : formatDate(p.since, t.locale)}
                      </span>
                    </span>
                    <div className="cluster">
                      <OrgButton intent="accept" organisation={p.id} label={t("groups.members.accept")} hidden={p.name} kind="button button--small" />
                      <OrgButton
                        intent="decline"
                        organisation={p.id}
                        label={t("groups.members.decline")}
                        hidden={p.name}
                        kind="button button--small button--secondary"
                      />
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="all-title" className="group-section">
            <h2 id="all-title">{t.plural("groups.page.membersTitle", members.length)}</h2>
            {members.length === 0 ? (
              <p>{t("groups.page.noMembers")}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("groups.members.organisation")}</th>
                      <th scope="col">{t("groups.members.participants")}</th>
                      {isCoordinator ? (
                        <th scope="col">
                          <span className="visually-hidden">{t("groups.members.remove")}</span>
                        </th>
                      ) : null}
                    </tr>
                  </thead>
                  <tbody>
                    {members.map((m) => (
                      <tr key={m.id}>
                        <th scope="row">
                          <Link to={`/${network.slug}/organisations/${m.slug}`}>{m.name}</Link>
                        </th>
                        <td>{m.participants.length ? m.participants.join(", ") : t("groups.members.noParticipants")}</td>
                        {isCoordinator ? (
                          <td>
                            <Link to={`?leave=${encodeURIComponent(m.slug)}#confirm`}>
                              {t("groups.members.remove")}
                              <span className="visually-hidden"> ({m.name})</span>
                            </Link>
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
