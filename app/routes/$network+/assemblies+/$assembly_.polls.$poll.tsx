// A poll of an assembly: what is voted and by which rules, the candidates of an election (the
// coordinators enter them; a titular delegate declares or withdraws its own organisation's
// candidacy before the deadline), the workflow's buttons for the coordinators (ready, open, close,
// publish, cancel with a reason: POLL_RULES), and while open only "n of N organisations have
// voted". Voting, the paper desk and the published box have their own pages. Rights: app/access.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { organisationIdsOf } from "#app/access/actor";
import { can } from "#app/access/can";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { ErrorSummary, SelectField, TextareaField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { IntentRefusal, useIntentReply } from "#app/components/intent-reply";
import type { PollResult } from "#app/models/poll-tally.server";
import {
  addCandidate,
  allowedPollTransitions,
  cancelPoll,
  closePoll,
  markReady,
  openPoll,
  type PollTransition,
  progress,
  publishPoll,
  removeCandidate,
} from "#app/models/polls.server";
import { formatMeetingStart } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { forbidden, intentReply, invariantResponse } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { assemblyPath, assemblyScreenPath, newPollPath, pollPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { assemblyReader } from "./__assembly.server";

const required = (message = "form.required") => z.string({ required_error: message }).trim().min(1, message).max(100);
const CandidateSchema = z.object({ organisationId: required("poll.form.candidate"), college: z.string().trim().max(200).optional() });
const OwnSchema = z.object({ organisationId: required() });
const CancelSchema = z.object({ reason: z.string({ required_error: "assemblies.error.reason" }).trim().min(1, "assemblies.error.reason").max(1000) });
const MoveSchema = z.object({ intent: z.string() });

/** The colleges of the comité, as the assembly's frozen rules name them. */
const collegeNames = (rules: unknown) => ((rules as { colleges?: { name: string }[] } | null)?.colleges ?? []).map((c) => c.name);

async function pollContext(request: Request, params: { network?: string; assembly?: string; poll?: string }) {
  const reader = await assemblyReader(request, params.network);
  const poll = await prisma.poll.findFirst({
    where: { id: params.poll ?? "", assembly: { id: params.assembly ?? "", networkId: reader.network.id } },
    include: {
      assembly: {
        select: { id: true, title: true, status: true, rules: true, roll: { select: { organisation: { select: { id: true, name: true } } } } },
      },
      agendaItem: { select: { title: true } },
      candidates: { select: { organisationId: true, college: true } },
      nextRound: { select: { id: true } },
    },
  });
  // A draft poll, like a draft assembly, is the coordinators' work in progress.
  invariantResponse(
    poll &&
      (poll.status !== "draft" || reader.coordinator) &&
      can(reader.actor, "assembly.seeOne", { networkId: reader.network.id, delegatesHere: reader.delegatesHere, status: poll.assembly.status }),
    "assemblies.error.notFound",
    404,
  );
  const names = new Map(poll.assembly.roll.map((r) => [r.organisation.id, r.organisation.name]));
  return { ...reader, poll, names, manage: can(reader.actor, "poll.manage", { networkId: reader.network.id }) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, actor, poll, names, manage } = await pollContext(request, params);
  const at = now();
  const window = { kind: poll.kind, status: poll.status, candidaciesUntil: poll.candidaciesUntil };
  const mine = organisationIdsOf(actor).filter((id) => names.has(id));
  const candidateIds = new Set(poll.candidates.map((c) => c.organisationId));
  const colleges = collegeNames(poll.assembly.rules);
  const counting = poll.status === "open" || poll.status === "closed" ? await progress(poll.id) : null;
  const result = poll.status === "published" ? (poll.result as unknown as PollResult) : null;
  return {
    network: { slug: network.slug, name: network.name },
    assembly: { id: poll.assembly.id, title: poll.assembly.title },
    poll: {
      id: poll.id,
      title: poll.title,
      kind: poll.kind,
      status: poll.status,
      agendaItem: poll.agendaItem?.title ?? null,
      majorityRule: poll.majorityRule,
      base: poll.base,
      choiceSet: poll.choiceSet,
      seats: poll.seats,
      candidaciesUntil: poll.candidaciesUntil?.toISOString() ?? null,
      lotsCommitment: poll.lotsCommitment,
      cancelReason: poll.cancelReason,
      hasNextRound: !!poll.nextRound,
    },
    colleges,
    candidates: poll.candidates
      .map((c) => ({ id: c.organisationId, name: names.get(c.organisationId) ?? "", college: c.college }))
      .sort((a, b) => a.name.localeCompare(b.name, "fr")),
    rollOptions: [...names]
      .filter(([id]) => !candidateIds.has(id))
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label, "fr")),
    own: mine
      .filter((id) => can(actor, "poll.declareCandidacy", { organisationId: id, onRoll: true, poll: window, at }))
      .map((id) => ({ id, name: names.get(id) ?? "", candidate: candidateIds.has(id) })),
    speaksForRoll: mine.length > 0,
    progress: counting,
    outcome: result
      ? result.kind === "resolution"
        ? { kind: "resolution" as const, adopted: result.resolution.adopted }
        : { kind: "election" as const, elected: result.election.elected.map((id) => names.get(id) ?? id), tie: result.election.ties.length > 0 }
      : null,
    manage,
    transitions: manage && poll.assembly.status !== "closed" && poll.assembly.status !== "cancelled" ? allowedPollTransitions(poll.status) : [],
  };
}

const MOVES: Record<Exclude<PollTransition, "cancel">, (pollId: string, actorId: string) => Promise<unknown>> = {
  ready: markReady,
  open: openPoll,
  close: closePoll,
  publish: publishPoll,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor, poll, names, manage } = await pollContext(request, params);
  const here = pollPath(network.slug, poll.assembly.id, poll.id);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const done = (key: string) => redirectWithToast(here, { kind: "success", key });

  if (intent === "declare" || intent === "withdrawOwn") {
    const organisationId = String(formData.get("organisationId") ?? "");
    const scope = {
      organisationId,
      onRoll: names.has(organisationId),
      poll: { kind: poll.kind, status: poll.status, candidaciesUntil: poll.candidaciesUntil },
      at: now(),
    };
    if (!can(actor, "poll.declareCandidacy", scope)) forbidden();
    const submission = parseSubmission(formData, { schema: OwnSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const colleges = collegeNames(poll.assembly.rules);
    const college = colleges.length > 0 ? String(formData.get("college") ?? "") || null : null;
    try {
      if (intent === "declare") await addCandidate(poll.id, actor.userId, { organisationId, college });
      else await removeCandidate(poll.id, actor.userId, organisationId);
      return done(intent === "declare" ? "poll.candidacy.declared" : "poll.candidacy.withdrawn");
    } catch (error) {
      return intentReply(intent, submission, error, { fields: [] });
    }
  }

  // Everything below is the coordinators'.
  if (!manage) forbidden();
  if (intent === "addCandidate") {
    const submission = parseSubmission(formData, { schema: CandidateSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      await addCandidate(poll.id, actor.userId, { organisationId: submission.value.organisationId, college: submission.value.college || null });
      return done("poll.candidacy.added");
    } catch (error) {
      return intentReply(intent, submission, error, { fields: ["organisationId", "college"] });
    }
  }
  if (intent === "removeCandidate") {
    const submission = parseSubmission(formData, { schema: OwnSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      await removeCandidate(poll.id, actor.userId, submission.value.organisationId);
      return done("poll.candidacy.withdrawn");
    } catch (error) {
      return intentReply(intent, submission, error, { fields: [] });
    }
  }
  if (intent === "cancel") {
    const submission = parseSubmission(formData, { schema: CancelSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      await cancelPoll(poll.id, actor.userId, submission.value.reason);
      return done("poll.moved.cancel");
    } catch (error) {
      return intentReply(intent, submission, error, { fields: ["reason"] });
    }
  }
  if (intent in MOVES) {
    const submission = parseSubmission(formData, { schema: MoveSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      await MOVES[intent as keyof typeof MOVES](poll.id, actor.userId);
      return done(`poll.moved.${intent}`);
    } catch (error) {
      return intentReply("move", submission, error, { fields: [] });
    }
  }
  return data({ intent: null, result: null }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => pageTitle(matches, () => (d ? `${d.poll.title} — ${d.assembly.title}` : undefined));

function CandidateForm({ options, colleges }: { options: { value: string; label: string }[]; colleges: string[] }) {
  const t = useT();
  const [form, fields] = useForm({ id: "poll-candidate", lastResult: useIntentReply("addCandidate"), shouldValidate: "onSubmit" });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <h3>{t("poll.candidates.add")}</h3>
      <ErrorSummary form={form} fields={{ organisationId: fields.organisationId, college: fields.college }} />
      <input type="hidden" name="intent" value="addCandidate" />
      <SelectField meta={fields.organisationId} label={t("poll.candidates.organisation")} options={options} />
      {colleges.length > 0 ? (
        <SelectField meta={fields.college} label={t("poll.candidates.college")} options={colleges.map((c) => ({ value: c, label: c }))} />
      ) : null}
      <button type="submit" className="button">
        {t("poll.candidates.addSubmit")}
      </button>
    </Form>
  );
}

function CancelForm() {
  const t = useT();
  const [form, fields] = useForm({ id: "poll-cancel", lastResult: useIntentReply("cancel"), shouldValidate: "onSubmit" });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <ErrorSummary form={form} fields={{ reason: fields.reason }} />
      <input type="hidden" name="intent" value="cancel" />
      <TextareaField meta={fields.reason} label={t("poll.cancel.reason")} rows={2} />
      <button type="submit" className="button button--danger">
        {t("poll.cancel.submit")}
      </button>
    </Form>
  );
}

export default function PollPage() {
  const t = useT();
  const {
    network,
    assembly,
    poll,
    colleges,
    candidates,
    rollOptions,
    own,
    speaksForRoll,
    progress: counting,
    outcome,
    manage,
    transitions,
  } = useLoaderData<typeof loader>();
  const election = poll.kind === "election";
  const moves = transitions.filter((m) => m !== "cancel");
  return (
    <main id="main" className="page">
      <p>
        <Link to={assemblyPath(network.slug, assembly.id)}>← {assembly.title}</Link>
      </p>
      <h1>{poll.title}</h1>
      <p>
        {t.pick("poll.kind", poll.kind)} — <span className="badge">{t.pick("poll.status", poll.status)}</span>
        {poll.agendaItem ? <> — {t("poll.onItem", { item: poll.agendaItem })}</> : null}
      </p>
      {poll.status === "cancelled" && poll.cancelReason ? <p className="notice">{t("poll.cancelledBecause", { reason: poll.cancelReason })}</p> : null}

      <section aria-labelledby="rules-title">
        <h2 id="rules-title">{t("poll.rules.title")}</h2>
        <dl>
          {election ? (
            <>
              <dt>{t("poll.rules.seats")}</dt>
              <dd>{t.plural("poll.rules.seatsValue", poll.seats ?? 0)}</dd>
              {colleges.length > 0 ? (
                <>
                  <dt>{t("poll.rules.colleges")}</dt>
                  <dd>{colleges.join(", ")}</dd>
                </>
              ) : null}
              <dt>{t("poll.rules.candidacies")}</dt>
              <dd>
                {poll.candidaciesUntil ? (
                  <time dateTime={poll.candidaciesUntil}>{formatMeetingStart(poll.candidaciesUntil, t.locale)}</time>
                ) : (
                  t("poll.rules.candidaciesUntilReady")
                )}
              </dd>
              {poll.lotsCommitment ? (
                <>
                  <dt>{t("poll.rules.commitment")}</dt>
                  <dd>
                    <code className="fingerprint">{poll.lotsCommitment}</code>
                    <p className="hint">{t("poll.rules.commitmentHint")}</p>
                  </dd>
                </>
              ) : null}
            </>
          ) : (
            <>
              <dt>{t("poll.rules.majority")}</dt>
              <dd>{poll.majorityRule ? t.pick("poll.majority", poll.majorityRule) : "—"}</dd>
              <dt>{t("poll.rules.base")}</dt>
              <dd>{poll.base ? t.pick("poll.base", poll.base) : "—"}</dd>
              <dt>{t("poll.rules.choices")}</dt>
              <dd>{poll.choiceSet ? t.pick("poll.choiceSet", poll.choiceSet) : "—"}</dd>
            </>
          )}
        </dl>
      </section>

      {election ? (
        <section aria-labelledby="candidates-title">
          <h2 id="candidates-title">{t("poll.candidates.title")}</h2>
          {candidates.length === 0 ? (
            <p>{t("poll.candidates.none")}</p>
          ) : (
            <ul>
              {candidates.map((c) => (
                <li key={c.id}>
                  {c.name}
                  {c.college ? ` (${c.college})` : null}
                  {manage && poll.status === "draft" ? (
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="removeCandidate" />
                      <input type="hidden" name="organisationId" value={c.id} />{" "}
                      <button type="submit" className="link-button" aria-label={t("poll.candidates.removeOne", { name: c.name })}>
                        {t("poll.candidates.remove")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <IntentRefusal intent="removeCandidate" />
          {own.map((o) => (
            <Form method="post" key={o.id} className="stack">
              <input type="hidden" name="organisationId" value={o.id} />
              {o.candidate ? (
                <button type="submit" name="intent" value="withdrawOwn" className="button button--secondary">
                  {t("poll.candidacy.withdraw", { organisation: o.name })}
                </button>
              ) : (
                <>
                  {colleges.length > 0 ? (
                    <p>
                      <label htmlFor={`college-${o.id}`}>{t("poll.candidates.college")}</label>{" "}
                      <select id={`college-${o.id}`} name="college" required defaultValue="">
                        <option value="">—</option>
                        {colleges.map((c) => (
                          <option key={c} value={c}>
                            {c}
                          </option>
                        ))}
                      </select>
                    </p>
                  ) : null}
                  <button type="submit" name="intent" value="declare" className="button">
                    {t("poll.candidacy.declare", { organisation: o.name })}
                  </button>
                </>
              )}
            </Form>
          ))}
          <IntentRefusal intent="declare" />
          <IntentRefusal intent="withdrawOwn" />
          {manage && poll.status === "draft" && rollOptions.length > 0 ? <CandidateForm options={rollOptions} colleges={colleges} /> : null}
        </section>
      ) : null}

      {counting ? (
        <section aria-labelledby="progress-title" className="card">
          <h2 id="progress-title">{t("poll.progress.title")}</h2>
          <p role="status">
            <strong>{t.plural("poll.progress.line", counting.entitled, { voted: counting.voted })}</strong>
          </p>
          {poll.status === "open" ? <p className="hint">{t("poll.progress.secret")}</p> : null}
          {poll.status === "open" && speaksForRoll ? (
            <p>
              <Link className="button" to={pollPath(network.slug, assembly.id, poll.id, "vote")}>
                {t("poll.vote")}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {outcome ? (
        <section aria-labelledby="outcome-title">
          <h2 id="outcome-title">{t("poll.outcome.title")}</h2>
          <p>
            {outcome.kind === "resolution"
              ? t(outcome.adopted ? "poll.outcome.adopted" : "poll.outcome.rejected")
              : outcome.tie
                ? t("poll.outcome.tie")
                : t("poll.outcome.elected", { names: outcome.elected.join(", ") })}
          </p>
          <p>
            <Link to={pollPath(network.slug, assembly.id, poll.id, "box")}>{t("poll.outcome.box")}</Link>
          </p>
          {manage && outcome.kind === "election" && outcome.tie && !poll.hasNextRound ? (
            <p>
              <Link to={`${newPollPath(network.slug, assembly.id)}?previous=${poll.id}`}>{t("poll.outcome.secondRound")}</Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {manage ? (
        <section aria-labelledby="manage-title">
          <h2 id="manage-title">{t("poll.manage.title")}</h2>
          {moves.length > 0 ? (
            <Form method="post" className="inline">
              {moves.map((m) => (
                <button key={m} type="submit" name="intent" value={m} className="button">
                  {t.pick("poll.move", m)}
                </button>
              ))}
            </Form>
          ) : null}
          <IntentRefusal intent="move" />
          <p className="hint">{t.pick("poll.manage.hint", poll.status)}</p>
          {poll.status === "open" || poll.status === "closed" ? (
            <p>
              <Link to={pollPath(network.slug, assembly.id, poll.id, "paper")}>{t("poll.manage.paper")}</Link> ·{" "}
              <Link to={assemblyScreenPath(network.slug, assembly.id)}>{t("poll.manage.screen")}</Link>
            </p>
          ) : null}
          {transitions.includes("cancel") ? (
            <>
              <h3>{t("poll.cancel.title")}</h3>
              <CancelForm />
            </>
          ) : null}
        </section>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
