// The vote page of an open poll: for each organisation the reader speaks for (poll.vote) and that
// is present online or in the room, one fieldset for itself (if it has not voted) and one for
// every organisation whose proxy it holds and that counts (presenceFacts' voters). "Same choice
// for all" copies the first fieldset's choices on the server, so it works without JavaScript.
// The answer to the vote is the receipt itself, not a redirect: the trackers are never in a URL,
// a session, a flash cookie or a log, and the page is sent with Cache-Control: no-store.
import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { organisationIdsOf } from "#app/access/actor";
import { can } from "#app/access/can";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { presenceAround } from "#app/models/assemblies.server";
import { castBallots, progress } from "#app/models/polls.server";
import { prisma } from "#app/utils/db.server";
import { forbidden, formRefusal } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { assemblyPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { CHOICE_SETS, type ChoiceSet } from "#app/utils/votes-domain";

import { pollContext } from "./__poll.server";

const id = z.string().trim().min(1).max(100);
const VoteSchema = z.object({
  actingFor: id,
  organisations: z.array(id).min(1).max(100),
  same: z.boolean().optional(),
});
const Choices = z.array(z.string().max(100)).max(100);

type Ballot = { id: string; name: string; voted: boolean };
type Group = { id: string; name: string; state: "notPresent" | "onPaper" | "ready"; ballots: Ballot[] };

/** The reader's organisations and, for each, the ballots it casts in this poll. */
async function groupsOf(ctx: Awaited<ReturnType<typeof pollContext>>): Promise<Group[]> {
  const { actor, assembly, poll, names, onRoll } = ctx;
  const mine = organisationIdsOf(actor).filter((o) => can(actor, "poll.vote", { organisationId: o, onRoll: onRoll.has(o) }));
  if (mine.length === 0) return [];
  // Around each of the reader's organisations only (presenceAround): the page is read by
  // hundreds of delegates within minutes, and after each vote.
  const around = await Promise.all(mine.map((o) => presenceAround(assembly.id, o, [])));
  const castFor = around.flatMap((facts, i) => facts.voters.filter((v) => v.castById === mine[i]).map((v) => v.organisationId));
  const voted = await prisma.entitlement.findMany({
    where: { pollId: poll.id, organisationId: { in: castFor }, votedAt: { not: null } },
    select: { organisationId: true },
  });
  const hasVoted = new Set(voted.map((v) => v.organisationId));
  return mine
    .map((o, i): Group => {
      const facts = around[i];
      const presence = facts.present.find((p) => p.organisationId === o);
      const state = !presence ? "notPresent" : presence.channel === "paper" ? "onPaper" : "ready";
      const cast = state === "ready" ? facts.voters.filter((v) => v.castById === o) : [];
      // Itself first, then those it represents.
      cast.sort((a, b) =>
        a.organisationId === o ? -1 : b.organisationId === o ? 1 : (names.get(a.organisationId) ?? "").localeCompare(names.get(b.organisationId) ?? ""),
      );
      return {
        id: o,
        name: names.get(o) ?? "",
        state,
        ballots: cast.map((v) => ({ id: v.organisationId, name: names.get(v.organisationId) ?? "", voted: hasVoted.has(v.organisationId) })),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

async function pageData(ctx: Awaited<ReturnType<typeof pollContext>>, groups: Group[]) {
  const { network, assembly, poll, candidates } = ctx;
  return {
    // "n of N organisations have voted": all that is said while the poll is open.
    progress: poll.status === "open" ? await progress(poll.id) : null,
    network: { slug: network.slug, name: network.name },
    assembly: { id: assembly.id, title: assembly.title },
    poll: {
      id: poll.id,
      title: poll.title,
      kind: poll.kind,
      status: poll.status,
      seats: poll.seats ?? 0,
      choices: poll.kind === "resolution" ? [...CHOICE_SETS[(poll.choiceSet ?? "for-against-abstain") as ChoiceSet]] : [],
    },
    candidates,
    groups,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await pollContext(request, params, { roll: "reader" });
  return pageData(ctx, ctx.poll.status === "open" ? await groupsOf(ctx) : []);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await pollContext(request, params, { roll: "reader" });
  const formData = await request.formData();
  // The right first: an organisation the reader does not speak for is refused, whatever the form says.
  const actingFor = String(formData.get("actingFor") ?? "");
  if (!can(ctx.actor, "poll.vote", { organisationId: actingFor, onRoll: ctx.onRoll.has(actingFor) })) forbidden();
  // The page around the answer is the loader's, which runs after the action (with or without
  // JavaScript): the answer holds only the receipt, or the refusal.
  const refusal = (key: string, status: number) => data({ receipt: null, error: key }, { status });
  const submission = parseSubmission(formData, { schema: VoteSchema });
  if (submission.status !== "success") return refusal("vote.error.form", 400);
  const { organisations, same } = submission.value;
  const chosen = organisations.map((o) => Choices.safeParse(formData.getAll(`ballot.${o}`)));
  if (chosen.some((c) => !c.success)) return refusal("vote.error.form", 400);
  const choices = chosen.map((c) => c.data ?? []);
  const votes = organisations.map((organisationId, i) => ({ organisationId, choices: same ? choices[0] : choices[i] }));
  const attendance = await prisma.assemblyAttendance.findUnique({
    where: { assemblyId_organisationId: { assemblyId: ctx.assembly.id, organisationId: actingFor } },
    select: { channel: true },
  });
  try {
    const trackers = await castBallots(ctx.poll.id, { actingFor, channel: attendance?.channel === "room" ? "room" : "online", votes });
    const receipt = trackers.map((t) => ({ name: ctx.names.get(t.organisationId) ?? "", tracker: t.tracker }));
    return data({ receipt, error: null }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const refused = formRefusal(error);
    return refusal(refused.message, refused.status);
  }
}

// A tracker must not stay in a cache: the page, and the answer to the form, are never stored.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, () => (data ? `${data.poll.title} — ${data.network.name}` : undefined));

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

function Receipt({ receipt, back }: { receipt: { name: string; tracker: string }[]; back: string }) {
  const t = useT();
  return (
    <main id="main" className="page receipt">
      <h1>{t("vote.receipt.title")}</h1>
      <p>{t("vote.receipt.explain")}</p>
      <p className="notice">
        <strong>{t("vote.receipt.once")}</strong>
      </p>
      <dl className="receipt__list">
        {receipt.map((r) => (
          <div key={r.tracker}>
            <dt>{r.name}</dt>
            <dd>
              <code className="tracker">{r.tracker}</code>
            </dd>
          </div>
        ))}
      </dl>
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("vote.receipt.print")}
        </button>
      </p>
      <p className="no-print">
        <Link to={back}>{t("vote.back")}</Link>
      </p>
    </main>
  );
}

function BallotFields({ data, ballot }: { data: PageData; ballot: Ballot }) {
  const t = useT();
  const name = `ballot.${ballot.id}`;
  if (data.poll.kind === "resolution") {
    return (
      <fieldset className="ballot" data-ballot>
        <legend>{t("vote.ballotFor", { organisation: ballot.name })}</legend>
        {data.poll.choices.map((c) => (
          <div key={c}>
            <input type="radio" id={`${name}-${c}`} name={name} value={c} /> <label htmlFor={`${name}-${c}`}>{t.pick("vote.choice", c)}</label>
          </div>
        ))}
      </fieldset>
    );
  }
  const hint = `${name}-hint`;
  return (
    <fieldset className="ballot" data-ballot aria-describedby={hint}>
      <legend>{t("vote.ballotFor", { organisation: ballot.name })}</legend>
      <p id={hint} className="hint">
        {t("vote.election.hint", { seats: data.poll.seats })}
      </p>
      {data.candidates.map((c) => (
        <div key={c.id}>
          <input type="checkbox" id={`${name}-${c.id}`} name={name} value={c.id} />{" "}
          <label htmlFor={`${name}-${c.id}`}>
            {c.name}
            {c.college ? ` (${t("vote.college", { college: c.college })})` : null}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function GroupForm({ data, group }: { data: PageData; group: Group }) {
  const t = useT();
  if (group.state === "notPresent") return <p>{t("vote.state.notPresent", { organisation: group.name })}</p>;
  if (group.state === "onPaper") return <p>{t("vote.state.onPaper", { organisation: group.name })}</p>;
  const open = group.ballots.filter((b) => !b.voted);
  const done = group.ballots.filter((b) => b.voted);
  return (
    <section aria-labelledby={`group-${group.id}`} className="stack">
      <h2 id={`group-${group.id}`}>{t("vote.group", { organisation: group.name })}</h2>
      {done.length > 0 ? (
        <ul>
          {done.map((b) => (
            <li key={b.id}>{t("vote.voted", { organisation: b.name })}</li>
          ))}
        </ul>
      ) : null}
      {open.length === 0 ? (
        <p>{t("vote.state.allVoted")}</p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="actingFor" value={group.id} />
          {open.map((b) => (
            <input key={b.id} type="hidden" name="organisations" value={b.id} />
          ))}
          {open.map((b) => (
            <BallotFields key={b.id} data={data} ballot={b} />
          ))}
          {open.length > 1 ? (
            <div>
              <input type="checkbox" id={`same-${group.id}`} name="same" value="on" /> <label htmlFor={`same-${group.id}`}>{t("vote.same")}</label>
              <p className="hint">{t("vote.sameHint")}</p>
            </div>
          ) : null}
          <p className="hint">{t("vote.final")}</p>
          <button type="submit" className="button">
            {open.length > 1 ? t("vote.submitMany", { count: open.length }) : t("vote.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}

export default function VotePage() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const back = assemblyPath(loaded.network.slug, loaded.assembly.id);
  if (reply?.receipt) return <Receipt receipt={reply.receipt} back={back} />;
  const page = loaded;
  return (
    <main id="main" className="page">
      <p>
        <Link to={back}>{t("vote.back")}</Link>
      </p>
      <h1>{t("vote.title", { poll: page.poll.title })}</h1>
      <p>{page.assembly.title}</p>
      {page.progress ? <p role="status">{t("vote.progress", { voted: page.progress.voted, entitled: page.progress.entitled })}</p> : null}
      {reply?.error ? (
        <p className="field-error" role="alert">
          {t.message(reply.error)}
        </p>
      ) : null}
      {page.poll.status !== "open" ? (
        <p>{t("vote.state.notOpen")}</p>
      ) : page.groups.length === 0 ? (
        <p>{t("vote.state.nothing")}</p>
      ) : (
        page.groups.map((g) => <GroupForm key={g.id} data={page} group={g} />)
      )}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
