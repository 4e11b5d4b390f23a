// The assembly page: when and where, the agenda (the coordinators add items while it is a draft),
// its documents, the convocation (with how many organisations and delegates it reaches) and the
// cancellation; once convened, the frozen roll, the live quorum (presenceFacts), the desk where
// coordinators check organisations in and out, a delegate's own online check-in, and proxies:
// the titular delegate of an organisation of the roll gives or revokes its proxy; coordinators
// record paper proxies with their scan ($assembly_.proxies.paper). The documents are listed
// under their agenda item (uploaded on $assembly_.documents). Every form works without
// JavaScript; rights are asked of app/access.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { organisationIdsOf } from "#app/access/actor";
import { isNamedToDesk } from "#app/access/assembly.server";
import { can } from "#app/access/can";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, SelectField, TextareaField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { IntentRefusal, useIntentReply } from "#app/components/intent-reply";
import { isMember, membershipStatuses } from "#app/models/adhesion.server";
import {
  addAgendaItem,
  cancelAssembly,
  checkIn,
  checkOut,
  closeAssembly,
  conveneAssembly,
  deskOf,
  nameToDesk,
  presenceFacts,
  removeAgendaItem,
  removeFromDesk,
} from "#app/models/assemblies.server";
import { activeProxies, giveProxy, revokeProxy } from "#app/models/proxies.server";
import { formatMeetingStart, formatMeetingWhen } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { DomainError, forbidden, intentReply, invariantResponse } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import {
  assemblyDocumentPath,
  assemblyDocumentsPath,
  assemblyMinutesPath,
  assemblyPath,
  assemblyScreenPath,
  meetingPath,
  newPollPath,
  paperProxyPath,
  pollPath,
  proxyScanPath,
} from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { singleLine } from "#app/utils/text";
import { redirectWithToast } from "#app/utils/toast.server";
import { ATTENDANCE_CHANNELS } from "#app/utils/votes-domain";

import { assemblyReader } from "./__assembly.server";

const required = (message = "form.required") => z.string({ required_error: message }).trim().min(1, message);

const IntentSchema = z.object({ intent: z.string() });
const AgendaSchema = z.object({
  title: singleLine(z.string({ required_error: "form.required" }).trim().min(2, "form.tooShort").max(200, "form.tooLong")),
  description: z.string().trim().max(2000, "form.tooLong").optional().default(""),
});
const CancelSchema = z.object({ reason: required("assemblies.error.reason").pipe(z.string().max(1000, "form.tooLong")) });
const DeskSchema = z.object({
  organisationId: required(),
  channel: z.enum(ATTENDANCE_CHANNELS, { message: "assemblies.error.channel" }),
  delegateId: z.string().optional(),
});
const OrganisationSchema = z.object({ organisationId: required() });
const ProxySchema = z.object({ giverOrganisationId: required(), holderOrganisationId: required() });
const RevokeSchema = z.object({ proxyId: required() });
const AgendaItemSchema = z.object({ itemId: required() });
const DeskPersonSchema = z.object({ userId: required("assemblies.error.deskNotADelegate") });

async function assemblyContext(request: Request, params: { network?: string; assembly?: string }) {
  const reader = await assemblyReader(request, params.network);
  const assembly = params.assembly
    ? await prisma.assembly.findFirst({
        where: { id: params.assembly, networkId: reader.network.id },
        include: {
          agenda: { orderBy: { position: "asc" }, select: { id: true, title: true, description: true } },
          documents: { orderBy: { createdAt: "asc" }, select: { id: true, title: true, name: true, type: true, agendaItemId: true } },
          roll: { select: { organisation: { select: { id: true, name: true } } }, orderBy: { organisation: { name: "asc" } } },
          polls: { orderBy: { createdAt: "asc" }, select: { id: true, title: true, kind: true, status: true, agendaItemId: true } },
        },
      })
    : null;
  // A draft is the coordinators' work in progress: for anyone else it does not exist yet.
  invariantResponse(
    assembly && can(reader.actor, "assembly.seeOne", { networkId: reader.network.id, delegatesHere: reader.delegatesHere, status: assembly.status }),
    "assemblies.error.notFound",
    404,
  );
  const onRoll = new Set(assembly.roll.map((r) => r.organisation.id));
  const namedToDesk = await isNamedToDesk(assembly.id, reader.actor.userId);
  return { ...reader, assembly, onRoll, namedToDesk };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, actor, coordinator, assembly, onRoll, namedToDesk } = await assemblyContext(request, params);
  const convened = assembly.status !== "draft";
  const keepsDesk = can(actor, "assembly.manageDesk", { networkId: network.id, namedToDesk });
  const [facts, attendance, proxies, delegates, convocation, desk] = await Promise.all([
    convened ? presenceFacts(assembly.id) : null,
    prisma.assemblyAttendance.findMany({ where: { assemblyId: assembly.id }, select: { organisationId: true, status: true, channel: true } }),
    convened ? activeProxies(assembly.id) : [],
    keepsDesk && convened
      ? prisma.delegate.findMany({
          where: { organisationId: { in: [...onRoll] }, role: { in: ["titular", "substitute"] } },
          select: { organisationId: true, userId: true, role: true, user: { select: { name: true } } },
          orderBy: { user: { name: "asc" } },
        })
      : [],
    coordinator && !convened ? conveneReach(network.id) : null,
    coordinator ? deskOf(assembly.id) : [],
  ]);
  const names = new Map(assembly.roll.map((r) => [r.organisation.id, r.organisation.name]));
  const presence = new Map(attendance.filter((a) => a.status === "present").map((a) => [a.organisationId, a.channel]));
  const open = assembly.status === "convened" || assembly.status === "held";
  const seeScans = can(actor, "proxy.seeScan", { networkId: network.id });
  const mine = organisationIdsOf(actor)
    .filter((id) => onRoll.has(id))
    .map((id) => {
      const scope = { organisationId: id, onRoll: true };
      const proxy = proxies.find((p) => p.giverOrganisationId === id);
      return {
        id,
        name: names.get(id) ?? "",
        channel: presence.get(id) ?? null,
        canCheckIn: open && can(actor, "assembly.checkInSelf", scope),
        canGiveProxy: open && can(actor, "proxy.give", scope),
        proxyId: proxy?.id ?? null,
      };
    });
  return {
    network: { slug: network.slug, name: network.name },
    assembly: {
      id: assembly.id,
      title: assembly.title,
      kind: assembly.kind,
      convocation: assembly.convocation,
      status: assembly.status,
      startsAt: assembly.startsAt.toISOString(),
      endsAt: assembly.endsAt?.toISOString() ?? null,
      place: assembly.place,
      videoUrl: assembly.videoUrl,
      cancelReason: assembly.cancelReason,
      agenda: assembly.agenda,
      documents: assembly.documents,
      minutesMeetingId: assembly.meetingId,
    },
    // Draft polls are the coordinators' work in progress.
    polls: assembly.polls.filter((p) => p.status !== "draft" || coordinator),
    roll: assembly.roll.map((r) => ({ id: r.organisation.id, name: r.organisation.name, channel: presence.get(r.organisation.id) ?? null })),
    quorum: facts?.quorum ?? null,
    quorumRequired: facts ? ((assembly.rules as { quorum?: unknown } | null)?.quorum ?? null) !== null : false,
    proxies: proxies.map((p) => ({
      id: p.id,
      giver: names.get(p.giverOrganisationId) ?? "",
      holder: names.get(p.holderOrganisationId) ?? "",
      channel: p.channel,
      // The scan carries signatures: its link is for the coordinators only.
      scanUrl: p.scanPath && seeScans ? proxyScanPath(network.slug, assembly.id, p.id) : null,
    })),
    delegates: delegates.map((d) => ({ organisationId: d.organisationId, userId: d.userId, name: d.user.name, role: d.role })),
    convocation,
    mine,
    open,
    canManage: coordinator,
    canManageDesk: open && keepsDesk,
    desk: desk.map((d) => ({ userId: d.userId, name: d.user.name })),
    canRecordPaper: open && can(actor, "proxy.recordPaper", { networkId: network.id }),
    canManageDocuments: can(actor, "assembly.manageDocuments", { networkId: network.id }),
  };
}

/** How many member organisations, and their delegates, a convocation sent now would reach. */
async function conveneReach(networkId: string) {
  const inNetwork = await prisma.networkOrganisation.findMany({ where: { networkId }, select: { organisationId: true } });
  const statuses = await membershipStatuses(
    networkId,
    inNetwork.map((o) => o.organisationId),
  );
  const members = [...statuses].filter(([, s]) => isMember(s)).map(([id]) => id);
  const delegates = await prisma.delegate.count({ where: { organisationId: { in: members } } });
  return { organisations: members.length, delegates };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor, coordinator, assembly, onRoll, namedToDesk } = await assemblyContext(request, params);
  const here = assemblyPath(network.slug, assembly.id);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const done = (key: string) => redirectWithToast(here, { kind: "success", key });
  const invalid = <R,>(name: string, submission: { reply(): R }) => data({ intent: name, result: submission.reply() }, { status: 400 });

  if (intent === "checkInSelf") {
    // The right first: an organisation the reader does not speak for is refused, whatever the form says.
    const organisationId = String(formData.get("organisationId") ?? "");
    if (!can(actor, "assembly.checkInSelf", { organisationId, onRoll: onRoll.has(organisationId) })) forbidden();
    const submission = parseSubmission(formData, { schema: OrganisationSchema });
    if (submission.status !== "success") return invalid(intent, submission);
    try {
      await checkIn(assembly.id, organisationId, { channel: "online", delegateId: actor.userId }, actor.userId);
      return done("assembly.desk.checkedIn");
    } catch (error) {
      return intentReply(`checkInSelf:${organisationId}`, submission, error, { fields: [] });
    }
  }
  if (intent === "giveProxy") {
    const giver = String(formData.get("giverOrganisationId") ?? "");
    if (!can(actor, "proxy.give", { organisationId: giver, onRoll: onRoll.has(giver) })) forbidden();
    const submission = parseSubmission(formData, { schema: ProxySchema });
    if (submission.status !== "success") return invalid(`giveProxy:${giver}`, submission);
    try {
      await giveProxy(assembly.id, actor.userId, { ...submission.value, channel: "online" });
      return done("assembly.proxy.given");
    } catch (error) {
      return intentReply(`giveProxy:${giver}`, submission, error, { fields: ["holderOrganisationId"] });
    }
  }
  if (intent === "revokeProxy") {
    const submission = parseSubmission(formData, { schema: RevokeSchema });
    if (submission.status !== "success") return invalid(intent, submission);
    const proxy = await prisma.proxy.findFirst({ where: { id: submission.value.proxyId, assemblyId: assembly.id }, select: { giverOrganisationId: true } });
    invariantResponse(proxy, "assemblies.error.notFound", 404);
    const giver = proxy.giverOrganisationId;
    const may = can(actor, "proxy.give", { organisationId: giver, onRoll: onRoll.has(giver) }) || can(actor, "proxy.recordPaper", { networkId: network.id });
    if (!may) forbidden();
    try {
      await revokeProxy(submission.value.proxyId, actor.userId);
      return done("assembly.proxy.revoked");
    } catch (error) {
      return intentReply(intent, submission, error, { fields: [] });
    }
  }

  // The desk: the coordinators and the people they named to it.
  if (intent === "checkIn" || intent === "checkOut") {
    if (!can(actor, "assembly.manageDesk", { networkId: network.id, namedToDesk })) forbidden();
    const organisationId = String(formData.get("organisationId") ?? "");
    if (intent === "checkIn") {
      const submission = parseSubmission(formData, { schema: DeskSchema });
      if (submission.status !== "success") return invalid(`desk:${organisationId}`, submission);
      try {
        await checkIn(assembly.id, organisationId, { channel: submission.value.channel, delegateId: submission.value.delegateId || null }, actor.userId);
        return done("assembly.desk.checkedIn");
      } catch (error) {
        return intentReply(`desk:${organisationId}`, submission, error, { fields: [] });
      }
    }
    const submission = parseSubmission(formData, { schema: OrganisationSchema });
    if (submission.status !== "success") return invalid(`desk:${organisationId}`, submission);
    try {
      await checkOut(assembly.id, organisationId, actor.userId);
      return done("assembly.desk.checkedOut");
    } catch (error) {
      return intentReply(`desk:${organisationId}`, submission, error, { fields: [] });
    }
  }
  // Everything below is the coordinators'.
  if (!coordinator) forbidden();
  if (intent === "nameDesk" || intent === "removeDesk") {
    const submission = parseSubmission(formData, { schema: DeskPersonSchema });
    if (submission.status !== "success") return invalid(intent, submission);
    try {
      if (intent === "nameDesk") await nameToDesk(assembly.id, actor.userId, submission.value.userId);
      else await removeFromDesk(assembly.id, actor.userId, submission.value.userId);
      return done(intent === "nameDesk" ? "assembly.deskPeople.named" : "assembly.deskPeople.removed");
    } catch (error) {
      return intentReply(intent, submission, error, { fields: ["userId"] });
    }
  }

  if (intent === "agenda") {
    const submission = parseSubmission(formData, { schema: AgendaSchema });
    if (submission.status !== "success") return invalid(intent, submission);
    try {
      if (assembly.status !== "draft") throw invalidState();
      await addAgendaItem(assembly.id, actor.userId, submission.value);
      return done("assembly.agenda.added");
    } catch (error) {
      return intentReply(intent, submission, error, { fields: ["title", "description"] });
    }
  }
  if (intent === "removeAgendaItem") {
    const submission = parseSubmission(formData, { schema: AgendaItemSchema });
    if (submission.status !== "success") return invalid(intent, submission);
    try {
      await removeAgendaItem(assembly.id, submission.value.itemId, actor.userId);
      return done("assembly.agenda.removed");
    } catch (error) {
      return intentReply(intent, submission, error, { fields: [] });
    }
  }
  if (intent === "convene") {
    const submission = parseSubmission(formData, { schema: IntentSchema });
    if (submission.status !== "success") return invalid(intent, submission);
    try {
      await conveneAssembly(assembly.id, actor.userId);
      return done("assembly.convene.done");
    } catch (error) {
      return intentReply(intent, submission, error, { fields: [] });
    }
  }
  if (intent === "close") {
    const submission = parseSubmission(formData, { schema: IntentSchema });
    if (submission.status !== "success") return invalid(intent, submission);
    try {
      await closeAssembly(assembly.id, actor.userId);
      return done("assembly.close.done");
    } catch (error) {
      return intentReply(intent, submission, error, { fields: [] });
    }
  }
  if (intent === "cancel") {
    const submission = parseSubmission(formData, { schema: CancelSchema });
    if (submission.status !== "success") return invalid(intent, submission);
    try {
      await cancelAssembly(assembly.id, actor.userId, submission.value.reason);
      return done("assembly.cancel.done");
    } catch (error) {
      return intentReply(intent, submission, error, { fields: ["reason"] });
    }
  }
  return data({ intent: null, result: null }, { status: 400 });
}

/** The agenda is the draft's: once convened, the convocation has told the members what it is. */
function invalidState() {
  return new DomainError("conflict", "assemblies.error.alreadyConvened");
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, () => (data ? `${data.assembly.title} — ${data.network.name}` : undefined));

function AgendaForm() {
  const t = useT();
  const [form, fields] = useForm({ id: "assembly-agenda", lastResult: useIntentReply("agenda"), shouldValidate: "onSubmit" });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <h3>{t("assembly.agenda.add")}</h3>
      <ErrorSummary form={form} fields={{ title: fields.title, description: fields.description }} />
      <input type="hidden" name="intent" value="agenda" />
      <TextField meta={fields.title} label={t("assembly.agenda.itemTitle")} />
      <TextareaField meta={fields.description} label={t("assembly.agenda.description")} optional rows={3} />
      <button type="submit" className="button">
        {t("assembly.agenda.add")}
      </button>
    </Form>
  );
}

function CancelForm() {
  const t = useT();
  const [form, fields] = useForm({ id: "assembly-cancel", lastResult: useIntentReply("cancel"), shouldValidate: "onSubmit" });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <ErrorSummary form={form} fields={{ reason: fields.reason }} />
      <input type="hidden" name="intent" value="cancel" />
      <TextareaField meta={fields.reason} label={t("assembly.cancel.reason")} rows={2} />
      <button type="submit" className="button button--danger">
        {t("assembly.cancel.submit")}
      </button>
    </Form>
  );
}

type Option = { value: string; label: string };

/** The documents under their agenda item, in the agenda's order; those of no item first, as general documents. */
function DocumentsByItem() {
  const t = useT();
  const { network, assembly } = useLoaderData<typeof loader>();
  const groups = [
    { id: "general", title: t("assembly.documents.general"), documents: assembly.documents.filter((d) => !d.agendaItemId) },
    ...assembly.agenda.map((item) => ({ id: item.id, title: item.title, documents: assembly.documents.filter((d) => d.agendaItemId === item.id) })),
  ].filter((g) => g.documents.length > 0);
  return (
    <>
      {groups.map((g) => (
        <div key={g.id}>
          <h3>{g.title}</h3>
          <ul>
            {g.documents.map((d) => (
              <li key={d.id}>
                <a href={assemblyDocumentPath(network.slug, assembly.id, d.id)}>{d.title}</a> ({d.name})
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

function GiveProxyForm({ organisation, holders }: { organisation: { id: string; name: string }; holders: Option[] }) {
  const t = useT();
  const intent = `giveProxy:${organisation.id}`;
  const [form, fields] = useForm({ id: `proxy-${organisation.id}`, lastResult: useIntentReply(intent), shouldValidate: "onSubmit" });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <h3>{t("assembly.proxy.give", { organisation: organisation.name })}</h3>
      <ErrorSummary form={form} fields={{ holderOrganisationId: fields.holderOrganisationId }} />
      <input type="hidden" name="intent" value="giveProxy" />
      <input type="hidden" name="giverOrganisationId" value={organisation.id} />
      <SelectField meta={fields.holderOrganisationId} label={t("assembly.proxy.holder")} options={holders} />
      <button type="submit" className="button">
        {t("assembly.proxy.submit")}
      </button>
    </Form>
  );
}

/** The people the coordinator names to the desk (beside the coordinators), among the roll's delegates. */
function DeskPeople({ desk, delegates }: { desk: { userId: string; name: string }[]; delegates: { userId: string; name: string }[] }) {
  const t = useT();
  const [form, fields] = useForm({ id: "assembly-desk", lastResult: useIntentReply("nameDesk"), shouldValidate: "onSubmit" });
  const named = new Set(desk.map((d) => d.userId));
  const options = [...new Map(delegates.filter((d) => !named.has(d.userId)).map((d) => [d.userId, { value: d.userId, label: d.name }])).values()];
  return (
    <section aria-labelledby="desk-people-title">
      <h2 id="desk-people-title">{t("assembly.deskPeople.title")}</h2>
      <p>{t("assembly.deskPeople.intro")}</p>
      {desk.length === 0 ? (
        <p>{t("assembly.deskPeople.none")}</p>
      ) : (
        <ul>
          {desk.map((d) => (
            <li key={d.userId}>
              {d.name}{" "}
              <Form method="post" className="inline">
                <input type="hidden" name="intent" value="removeDesk" />
                <input type="hidden" name="userId" value={d.userId} />
                <button type="submit" className="link-button" aria-label={t("assembly.deskPeople.removePerson", { name: d.name })}>
                  {t("assembly.deskPeople.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <IntentRefusal intent="removeDesk" />
      {options.length > 0 ? (
        <Form method="post" {...getFormProps(form)} className="stack">
          <ErrorSummary form={form} fields={{ userId: fields.userId }} />
          <input type="hidden" name="intent" value="nameDesk" />
          <SelectField meta={fields.userId} label={t("assembly.deskPeople.person")} options={options} />
          <button type="submit" className="button">
            {t("assembly.deskPeople.add")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export default function AssemblyPage() {
  const t = useT();
  const {
    network,
    assembly,
    polls,
    roll,
    quorum,
    quorumRequired,
    proxies,
    delegates,
    convocation,
    mine,
    open,
    canManage,
    canManageDesk,
    canRecordPaper,
    canManageDocuments,
    desk,
  } = useLoaderData<typeof loader>();
  const draft = assembly.status === "draft";
  const rollOptions = roll.map((o) => ({ value: o.id, label: o.name }));
  return (
    <main id="main" className="page">
      <p>
        <Link to={`/${network.slug}/assemblies`}>{t("assembly.back")}</Link>
      </p>
      <h1>{assembly.title}</h1>
      <p>
        {t.pick("assembly.kind", assembly.kind)} — {t.pick("assembly.convocation", assembly.convocation)} —{" "}
        <span className="badge">{t.pick("assembly.status", assembly.status)}</span>
      </p>
      {assembly.status === "cancelled" && assembly.cancelReason ? (
        <p className="notice">{t("assembly.cancelledBecause", { reason: assembly.cancelReason })}</p>
      ) : null}
      <dl>
        <dt>{t("assembly.when")}</dt>
        <dd>
          <time dateTime={assembly.startsAt}>
            {assembly.endsAt ? formatMeetingWhen(assembly.startsAt, assembly.endsAt, t.locale) : formatMeetingStart(assembly.startsAt, t.locale)}
          </time>
        </dd>
        <dt>{t("assembly.where")}</dt>
        <dd>
          {assembly.place}
          {assembly.place && assembly.videoUrl ? " — " : null}
          {assembly.videoUrl ? <a href={assembly.videoUrl}>{t("assembly.online")}</a> : null}
        </dd>
      </dl>

      <section aria-labelledby="agenda-title">
        <h2 id="agenda-title">{t("assembly.agenda.title")}</h2>
        {assembly.agenda.length === 0 ? (
          <p>{t("assembly.agenda.empty")}</p>
        ) : (
          <ol>
            {assembly.agenda.map((item) => (
              <li key={item.id}>
                {item.title}
                {item.description ? <p className="hint">{item.description}</p> : null}
                {canManage && draft ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="intent" value="removeAgendaItem" />
                    <input type="hidden" name="itemId" value={item.id} />
                    <button type="submit" className="link-button" aria-label={t("assembly.agenda.removeItem", { title: item.title })}>
                      {t("assembly.agenda.remove")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        <IntentRefusal intent="removeAgendaItem" />
        {canManage && draft ? <AgendaForm /> : null}
      </section>

      {!draft || canManage ? (
        <section aria-labelledby="polls-title">
          <h2 id="polls-title">{t("assembly.polls.title")}</h2>
          {polls.length === 0 ? (
            <p>{t("assembly.polls.none")}</p>
          ) : (
            <ul>
              {polls.map((p) => (
                <li key={p.id}>
                  <Link to={pollPath(network.slug, assembly.id, p.id)}>{p.title}</Link> — {t.pick("poll.kind", p.kind)},{" "}
                  <span className="badge">{t.pick("poll.status", p.status)}</span>
                  {p.agendaItemId ? <> — {assembly.agenda.find((i) => i.id === p.agendaItemId)?.title}</> : null}
                </li>
              ))}
            </ul>
          )}
          <p>
            {canManage && assembly.status !== "closed" && assembly.status !== "cancelled" ? (
              <>
                <Link to={newPollPath(network.slug, assembly.id)}>{t("assembly.polls.new")}</Link> ·{" "}
              </>
            ) : null}
            {!draft ? <Link to={assemblyScreenPath(network.slug, assembly.id)}>{t("assembly.polls.screen")}</Link> : null}
          </p>
          {canManage && open ? (
            <Form method="post">
              <input type="hidden" name="intent" value="close" />
              <button type="submit" className="button button--secondary">
                {t("assembly.close.submit")}
              </button>
              <p className="hint">{t("assembly.close.hint")}</p>
            </Form>
          ) : null}
          <IntentRefusal intent="close" />
        </section>
      ) : null}

      {assembly.status === "closed" ? (
        <section aria-labelledby="minutes-title">
          <h2 id="minutes-title">{t("assemblyMinutes.title")}</h2>
          {assembly.minutesMeetingId ? (
            <p>
              <Link to={meetingPath({ networkSlug: network.slug, meetingId: assembly.minutesMeetingId }, "minutes")}>{t("assemblyMinutes.open")}</Link>
            </p>
          ) : canManage ? (
            <Form method="post" action={assemblyMinutesPath(network.slug, assembly.id)}>
              <p className="hint">{t("assemblyMinutes.intro")}</p>
              <button type="submit">{t("assemblyMinutes.start")}</button>
            </Form>
          ) : (
            <p>{t("assemblyMinutes.none")}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="documents-title">
        <h2 id="documents-title">{t("assembly.documents.title")}</h2>
        {assembly.documents.length === 0 ? <p>{t("assembly.documents.empty")}</p> : <DocumentsByItem />}
        {canManageDocuments ? (
          <p>
            <Link to={assemblyDocumentsPath(network.slug, assembly.id)}>{t("assembly.documents.manage")}</Link>
          </p>
        ) : null}
      </section>

      {canManage && draft && convocation ? (
        <section aria-labelledby="convene-title">
          <h2 id="convene-title">{t("assembly.convene.title")}</h2>
          <p>{t("assembly.convene.explain", { organisations: convocation.organisations, delegates: convocation.delegates })}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="convene" />
            <button type="submit" className="button">
              {t("assembly.convene.submit")}
            </button>
          </Form>
          <IntentRefusal intent="convene" />
        </section>
      ) : null}

      {quorum ? (
        <section aria-labelledby="quorum-title" className="card">
          <h2 id="quorum-title">{t("assembly.quorum.title")}</h2>
          <dl>
            <dt>{t("assembly.quorum.present")}</dt>
            <dd>
              {quorum.present} / {quorum.rollSize}
            </dd>
            <dt>{t("assembly.quorum.represented")}</dt>
            <dd>{quorum.represented}</dd>
            <dt>{t("assembly.quorum.total")}</dt>
            <dd>{quorum.presentOrRepresented}</dd>
            <dt>{t("assembly.quorum.required")}</dt>
            <dd>{quorumRequired ? quorum.required : t("assembly.quorum.none")}</dd>
          </dl>
          <p role="status">
            <strong>{quorum.reached ? t("assembly.quorum.reached") : t("assembly.quorum.notReached")}</strong>
          </p>
        </section>
      ) : null}

      {mine.length > 0 ? (
        <section aria-labelledby="self-title">
          <h2 id="self-title">{t("assembly.self.title")}</h2>
          {mine.map((o) => (
            <div key={o.id} className="stack">
              {o.channel ? (
                <p>{t("assembly.self.present", { organisation: o.name, channel: t.pick("assembly.channel", o.channel) })}</p>
              ) : o.canCheckIn ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="checkInSelf" />
                  <input type="hidden" name="organisationId" value={o.id} />
                  <button type="submit" className="button">
                    {t("assembly.self.checkIn", { organisation: o.name })}
                  </button>
                </Form>
              ) : null}
              <IntentRefusal intent={`checkInSelf:${o.id}`} />
              {o.canGiveProxy && !o.proxyId ? (
                <GiveProxyForm organisation={o} holders={rollOptions.filter((r) => r.value !== o.id)} />
              ) : o.canGiveProxy && o.proxyId ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="revokeProxy" />
                  <input type="hidden" name="proxyId" value={o.proxyId} />
                  <button type="submit" className="button button--secondary">
                    {t("assembly.proxy.revoke")}
                  </button>
                </Form>
              ) : null}
            </div>
          ))}
          <IntentRefusal intent="revokeProxy" />
        </section>
      ) : null}

      {!draft ? (
        <section aria-labelledby="proxies-title">
          <h2 id="proxies-title">{t("assembly.proxy.title")}</h2>
          {proxies.length === 0 ? (
            <p>{t("assembly.proxy.none")}</p>
          ) : (
            <ul>
              {proxies.map((p) => (
                <li key={p.id}>
                  {t("assembly.proxy.line", { giver: p.giver, holder: p.holder, channel: t.pick("assembly.channel", p.channel) })}
                  {p.scanUrl ? (
                    <>
                      {" "}
                      <a href={p.scanUrl} aria-label={t("assembly.proxy.scanOf", { giver: p.giver })}>
                        {t("assembly.proxy.scanLink")}
                      </a>
                    </>
                  ) : null}
                  {canRecordPaper ? (
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="revokeProxy" />
                      <input type="hidden" name="proxyId" value={p.id} />
                      <button type="submit" className="link-button">
                        {t("assembly.proxy.revoke")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {canRecordPaper ? (
            <p>
              <Link to={paperProxyPath(network.slug, assembly.id)}>{t("assembly.proxy.paper")}</Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {!draft ? (
        <section aria-labelledby="roll-title">
          <h2 id="roll-title">{canManageDesk ? t("assembly.desk.title") : t("assembly.roll.title")}</h2>
          <p>{t("assembly.roll.intro", { count: roll.length })}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("assembly.desk.organisation")}</th>
                <th scope="col">{t("assembly.desk.presence")}</th>
                {canManageDesk ? <th scope="col">{t("assembly.desk.checkIn")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {roll.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{o.name}</th>
                  <td>{o.channel ? t("assembly.desk.presentVia", { channel: t.pick("assembly.channel", o.channel) }) : t("assembly.desk.absent")}</td>
                  {canManageDesk ? (
                    <td>
                      <Form method="post" className="inline">
                        <input type="hidden" name="intent" value="checkIn" />
                        <input type="hidden" name="organisationId" value={o.id} />
                        <label htmlFor={`channel-${o.id}`}>{t("assembly.desk.channel")}</label>{" "}
                        <select id={`channel-${o.id}`} name="channel" defaultValue={o.channel ?? "room"}>
                          {ATTENDANCE_CHANNELS.map((c) => (
                            <option key={c} value={c}>
                              {t.pick("assembly.channel", c)}
                            </option>
                          ))}
                        </select>{" "}
                        <label htmlFor={`delegate-${o.id}`}>{t("assembly.desk.delegate")}</label>{" "}
                        <select id={`delegate-${o.id}`} name="delegateId" defaultValue="">
                          <option value="">—</option>
                          {delegates
                            .filter((d) => d.organisationId === o.id)
                            .map((d) => (
                              <option key={d.userId} value={d.userId}>
                                {d.name}
                              </option>
                            ))}
                        </select>{" "}
                        <button type="submit" className="button button--small">
                          {t("assembly.desk.checkIn")}
                        </button>
                      </Form>
                      {o.channel ? (
                        <Form method="post" className="inline">
                          <input type="hidden" name="intent" value="checkOut" />
                          <input type="hidden" name="organisationId" value={o.id} />
                          <button type="submit" className="button button--small button--secondary">
                            {t("assembly.desk.checkOut")}
                          </button>
                        </Form>
                      ) : null}
                      <IntentRefusal intent={`desk:${o.id}`} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {canManage && open ? <DeskPeople desk={desk} delegates={delegates} /> : null}

      {canManage && (draft || open) ? (
        <section aria-labelledby="cancel-title">
          <h2 id="cancel-title">{t("assembly.cancel.title")}</h2>
          <CancelForm />
        </section>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
