// The paper desk of a poll, for the coordinators: the organisations checked in as voting on paper
// (and whether they voted), then either mode the assembly chose: a teller enters one paper ballot
// at a time (the answer is the tracker to copy onto the stub: shown once, not redirected, not
// stored), or the desk marks who handed in a ballot and two different people enter the totals,
// which count only when they match. Nothing of the totals is shown but their state. Two entries
// that disagree are discarded together ("Recommencer le comptage", by whoever manages the poll,
// after a confirmation that is a page of its own, ?confirm=restart, so it works without JavaScript).
import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { isNamedToDesk } from "#app/access/assembly.server";
import { can } from "#app/access/can";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { discardPaperTotals, enterPaperBallot, enterPaperTotals, paperTotalsState, recordPaperVoter } from "#app/models/polls.server";
import { prisma } from "#app/utils/db.server";
import { forbidden, formRefusal } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { pollPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { CHOICE_SETS, type ChoiceSet } from "#app/utils/votes-domain";

import { pollContext } from "./__poll.server";

const id = z.string().trim().min(1).max(100);
const Choices = z.array(z.string().max(100)).max(100);
const OrganisationSchema = z.object({ organisationId: id });
const Count = z.number({ invalid_type_error: "form.number" }).int().min(0).max(100_000);

async function deskContext(request: Request, params: { network?: string; assembly?: string; poll?: string }) {
  const ctx = await pollContext(request, params);
  // The coordinators, and the people named to this assembly's desk (they act as tellers).
  const scope = { networkId: ctx.network.id, namedToDesk: await isNamedToDesk(ctx.assembly.id, ctx.actor.userId) };
  const managesPoll = can(ctx.actor, "poll.manage", scope);
  if (!managesPoll && !can(ctx.actor, "assembly.manageDesk", scope)) forbidden();
  return { ...ctx, managesPoll };
}

async function deskData(ctx: Awaited<ReturnType<typeof deskContext>>, confirmRestart = false) {
  const { network, assembly, poll, names, candidates, managesPoll } = ctx;
  const [onPaper, voted, totals] = await Promise.all([
    prisma.assemblyAttendance.findMany({ where: { assemblyId: assembly.id, status: "present", channel: "paper" }, select: { organisationId: true } }),
    prisma.entitlement.findMany({ where: { pollId: poll.id, votedAt: { not: null } }, select: { organisationId: true } }),
    paperTotalsState(poll.id),
  ]);
  const hasVoted = new Set(voted.map((v) => v.organisationId));
  const choices = poll.kind === "resolution" ? [...CHOICE_SETS[(poll.choiceSet ?? "for-against-abstain") as ChoiceSet]] : [];
  return {
    network: { slug: network.slug, name: network.name },
    assembly: { id: assembly.id, title: assembly.title },
    poll: { id: poll.id, title: poll.title, kind: poll.kind, status: poll.status, seats: poll.seats ?? 0, choices },
    candidates,
    organisations: onPaper
      .map((a) => ({ id: a.organisationId, name: names.get(a.organisationId) ?? "", voted: hasVoted.has(a.organisationId) }))
      .sort((a, b) => a.name.localeCompare(b.name, "fr")),
    // The state only: the totals themselves stay with the tally until publication.
    totalsState: totals.state,
    // Discarding two entries that disagree: the people who manage the poll (discardPaperTotals checks it again).
    canRestart: managesPoll && totals.state === "disagree" && (poll.status === "open" || poll.status === "closed"),
    confirmRestart,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const confirm = new URL(request.url).searchParams.get("confirm") === "restart";
  return deskData(await deskContext(request, params), confirm);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await deskContext(request, params);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const answer = async (extra: { stub?: { name: string; tracker: string }; error?: string; done?: string }, status = 200) =>
    data({ stub: null, error: null, done: null, intent, ...extra, ...(await deskData(ctx)) }, { status, headers: { "Cache-Control": "no-store" } });
  const refused = (error: unknown) => {
    const r = formRefusal(error);
    return answer({ error: r.message }, r.status);
  };

  if (intent === "ballot" || intent === "voter") {
    const submission = parseSubmission(formData, { schema: OrganisationSchema });
    if (submission.status !== "success") return answer({ error: "vote.error.form" }, 400);
    const { organisationId } = submission.value;
    try {
      if (intent === "voter") {
        await recordPaperVoter(ctx.poll.id, organisationId);
        return answer({ done: "vote.paper.voter.done" });
      }
      const choices = Choices.safeParse(formData.getAll("choices"));
      if (!choices.success) return answer({ error: "vote.error.form" }, 400);
      const tracker = await enterPaperBallot(ctx.poll.id, organisationId, choices.data);
      return answer({ stub: { name: ctx.names.get(organisationId) ?? "", tracker } });
    } catch (error) {
      return refused(error);
    }
  }
  if (intent === "totals") {
    const keys = [
      ...(ctx.poll.kind === "resolution" ? CHOICE_SETS[(ctx.poll.choiceSet ?? "for-against-abstain") as ChoiceSet] : ctx.candidates.map((c) => c.id)),
      "blank",
    ];
    const read = (name: string) => Count.safeParse(Number(String(formData.get(name) ?? "").trim() || "0"));
    const ballots = read("ballots");
    const counts = keys.map((k) => [k, read(`count.${k}`)] as const);
    if (!ballots.success || counts.some(([, c]) => !c.success)) return answer({ error: "vote.error.form" }, 400);
    try {
      await enterPaperTotals(ctx.poll.id, ctx.actor.userId, { ballots: ballots.data, totals: Object.fromEntries(counts.map(([k, c]) => [k, c.data!])) });
      return answer({ done: "vote.paper.totals.done" });
    } catch (error) {
      return refused(error);
    }
  }
  if (intent === "restart") {
    try {
      await discardPaperTotals(ctx.poll.id, ctx.actor.userId);
      return answer({ done: "vote.paper.restart.done" });
    } catch (error) {
      return refused(error);
    }
  }
  return answer({ error: "vote.error.form" }, 400);
}

// A tracker must not stay in a cache: the page, and the answer to the form, are never stored.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, () => (data ? `${data.poll.title} — ${data.network.name}` : undefined));

type Desk = ReturnType<typeof useLoaderData<typeof loader>>;

export default function PaperDesk() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const desk = (reply ?? loaded) as Desk;
  const here = pollPath(desk.network.slug, desk.assembly.id, desk.poll.id, "paper");
  if (reply?.stub) {
    return (
      <main id="main" className="page receipt">
        <h1>{t("vote.paper.stub.title")}</h1>
        <p>{t("vote.paper.stub.explain", { organisation: reply.stub.name })}</p>
        <p>
          <code className="tracker">{reply.stub.tracker}</code>
        </p>
        <p className="no-print">
          <Link to={here}>{t("vote.paper.stub.next")}</Link>
        </p>
      </main>
    );
  }
  const waiting = desk.organisations.filter((o) => !o.voted);
  const options = desk.poll.kind === "resolution" ? desk.poll.choices.map((c) => ({ value: c, label: t.pick("vote.choice", c) })) : [];
  const open = desk.poll.status === "open";
  return (
    <main id="main" className="page">
      <p>
        <Link to={`/${desk.network.slug}/assemblies/${desk.assembly.id}`}>{t("vote.back")}</Link>
      </p>
      <h1>{t("vote.paper.title", { poll: desk.poll.title })}</h1>
      {reply?.error ? (
        <p className="field-error" role="alert">
          {t.message(reply.error)}
        </p>
      ) : null}
      {reply?.done ? <p role="status">{t.message(reply.done)}</p> : null}
      {!open ? <p>{t("vote.state.notOpen")}</p> : null}

      <section aria-labelledby="paper-orgs">
        <h2 id="paper-orgs">{t("vote.paper.organisations")}</h2>
        {desk.organisations.length === 0 ? (
          <p>{t("vote.paper.none")}</p>
        ) : (
          <ul>
            {desk.organisations.map((o) => (
              <li key={o.id}>
                {o.name} — {o.voted ? t("vote.paper.hasVoted") : t("vote.paper.notVoted")}
              </li>
            ))}
          </ul>
        )}
      </section>

      {open && waiting.length > 0 ? (
        <section aria-labelledby="paper-ballot" className="stack">
          <h2 id="paper-ballot">{t("vote.paper.ballot.title")}</h2>
          <p className="hint">{t("vote.paper.ballot.hint")}</p>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="ballot" />
            <OrganisationSelect id="ballot-org" organisations={waiting} />
            <fieldset>
              <legend>{t("vote.paper.ballot.choices")}</legend>
              {desk.poll.kind === "resolution" ? (
                options.map((o) => (
                  <div key={o.value}>
                    <input type="radio" id={`paper-${o.value}`} name="choices" value={o.value} required /> <label htmlFor={`paper-${o.value}`}>{o.label}</label>
                  </div>
                ))
              ) : (
                <>
                  <p className="hint">{t("vote.election.hint", { seats: desk.poll.seats })}</p>
                  {desk.candidates.map((c) => (
                    <div key={c.id}>
                      <input type="checkbox" id={`paper-${c.id}`} name="choices" value={c.id} /> <label htmlFor={`paper-${c.id}`}>{c.name}</label>
                    </div>
                  ))}
                </>
              )}
            </fieldset>
            <button type="submit" className="button">
              {t("vote.paper.ballot.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      {open && waiting.length > 0 ? (
        <section aria-labelledby="paper-voter" className="stack">
          <h2 id="paper-voter">{t("vote.paper.voter.title")}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="voter" />
            <OrganisationSelect id="voter-org" organisations={waiting} />
            <button type="submit" className="button">
              {t("vote.paper.voter.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="paper-totals" className="stack">
        <h2 id="paper-totals">{t("vote.paper.totals.title")}</h2>
        <p className="hint">{t("vote.paper.totals.hint")}</p>
        <p role="status">{t.pick("vote.paper.state", desk.totalsState)}</p>
        {desk.totalsState === "disagree" ? <RestartCount desk={desk} here={here} /> : null}
        {desk.poll.status === "open" || desk.poll.status === "closed" ? <TotalsForm desk={desk} /> : null}
      </section>
    </main>
  );
}

/** Two entries that disagree: what restarting means, then the button, then a confirmation (a GET page, no JavaScript needed). */
function RestartCount({ desk, here }: { desk: Desk; here: string }) {
  const t = useT();
  if (!desk.canRestart) return desk.poll.status === "published" ? null : <p>{t("vote.paper.restart.coordination")}</p>;
  return (
    <div className="stack">
      <p>{t("vote.paper.restart.explain")}</p>
      {desk.confirmRestart ? (
        <section aria-labelledby="restart-confirm" className="stack">
          <h3 id="restart-confirm">{t("vote.paper.restart.confirmTitle")}</h3>
          <p id="restart-confirm-text">{t("vote.paper.restart.confirmText")}</p>
          <Form method="post" action={here}>
            <input type="hidden" name="intent" value="restart" />
            <button type="submit" className="button button--danger">
              {t("vote.paper.restart.confirm")}
            </button>{" "}
            <Link to={here}>{t("vote.paper.restart.cancel")}</Link>
          </Form>
        </section>
      ) : (
        <Form method="get" action={here}>
          <input type="hidden" name="confirm" value="restart" />
          <button type="submit" className="button">
            {t("vote.paper.restart.ask")}
          </button>
        </Form>
      )}
    </div>
  );
}

function OrganisationSelect({ id, organisations }: { id: string; organisations: { id: string; name: string }[] }) {
  const t = useT();
  return (
    <div>
      <label htmlFor={id}>{t("vote.paper.organisation")}</label>{" "}
      <select id={id} name="organisationId" required defaultValue={organisations.length === 1 ? organisations[0].id : ""}>
        <option value="">—</option>
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function TotalsForm({ desk }: { desk: Desk }) {
  const t = useT();
  const rows =
    desk.poll.kind === "resolution"
      ? desk.poll.choices.map((c) => ({ key: c, label: t.pick("vote.choice", c) }))
      : desk.candidates.map((c) => ({ key: c.id, label: c.name }));
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="totals" />
      <div>
        <label htmlFor="totals-ballots">{t("vote.paper.totals.ballots")}</label>{" "}
        <input id="totals-ballots" name="ballots" type="number" min={0} inputMode="numeric" required />
      </div>
      {[...rows.map((r) => ({ ...r, label: t("vote.paper.totals.count", { choice: r.label }) })), { key: "blank", label: t("vote.paper.blank") }].map((r) => (
        <div key={r.key}>
          <label htmlFor={`totals-${r.key}`}>{r.label}</label>{" "}
          <input id={`totals-${r.key}`} name={`count.${r.key}`} type="number" min={0} inputMode="numeric" defaultValue={0} />
        </div>
      ))}
      <button type="submit" className="button">
        {t("vote.paper.totals.submit")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
