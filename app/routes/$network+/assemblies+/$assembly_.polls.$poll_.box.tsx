// The published ballot box of a poll (issue 12, item 7): the result in words, the quorum and
// turnout, the organisations that voted (not how), every ballot (tracker → choices) with a search
// by tracker (a GET form, without JavaScript), the draw's commitment and seed, and how to recount.
// For the network's insiders (assembly.see). Before publication: only "n of N have voted".
// Never broken down by kind of organisation.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { FieldError } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { type PublishedBox, publishedBox } from "#app/models/ballot-box.server";
import { progress } from "#app/models/polls.server";
import { pageTitle } from "#app/utils/i18n";
import { assemblyPath, pollPath } from "#app/utils/paths";
import { normalizeTracker } from "#app/votes/tracker.server";

import { pollOfAssembly } from "./__box.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, assembly, poll } = await pollOfAssembly(request, params);
  const head = { network: { slug: network.slug, name: network.name }, assembly: { id: assembly.id, title: assembly.title } };
  const box = await publishedBox(assembly.id, poll.id);
  if (!box) {
    const counting = poll.status === "open" || poll.status === "closed";
    return {
      ...head,
      pending: { id: poll.id, title: poll.title, status: poll.status, progress: counting ? await progress(poll.id) : null },
      box: null,
      search: null,
    };
  }
  const typed = new URL(request.url).searchParams.get("tracker")?.trim() ?? "";
  let search: { typed: string; error: string | null; tracker: string | null; found: boolean } | null = null;
  if (typed) {
    const tracker = normalizeTracker(typed);
    search = { typed, error: tracker ? null : "ballotBox.search.malformed", tracker, found: !!tracker && box.ballots.some((b) => b.tracker === tracker) };
  }
  return data({ ...head, pending: null, box, search }, { status: search?.error ? 400 : 200 });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, (t) => (data ? t("ballotBox.metaTitle", { title: data.box?.poll.title ?? data.pending?.title ?? "" }) : undefined));

type Box = PublishedBox;
type PendingPoll = { id: string; title: string; status: string; progress: { voted: number; entitled: number } | null };

const percent = (value: number | null, locale: string) =>
  value === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value);

function useChoiceText(box: Box) {
  const t = useT();
  const names = new Map(box.candidates.map((c) => [c.id, c.name]));
  return (choices: string[]) =>
    choices.length === 0
      ? t("ballotBox.blank")
      : box.poll.kind === "election"
        ? choices.map((id) => names.get(id) ?? id).join(", ")
        : t.pick("ballotBox.choice", choices[0]);
}

function ResolutionResult({ box }: { box: Box }) {
  const t = useT();
  if (box.result.kind !== "resolution") return null;
  const r = box.result.resolution;
  return (
    <>
      <table>
        <caption>{t("ballotBox.result.counts")}</caption>
        <tbody>
          {(["for", "against", "abstain", "blank"] as const)
            .filter((k) => k !== "abstain" || box.poll.choiceSet !== "for-against")
            .map((k) => (
              <tr key={k}>
                <th scope="row">{t.pick("ballotBox.choice", k)}</th>
                <td>{r.counts[k]}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <p>{t("ballotBox.result.rule", { rule: t.pick("ballotBox.rule", r.rule), base: t.pick("poll.base", r.base), baseValue: r.baseValue })}</p>
      <p>{t("ballotBox.result.required", { required: r.threshold, obtained: r.counts.for })}</p>
      <p className="notice">
        <strong>{r.adopted ? t("ballotBox.result.adopted") : t("ballotBox.result.rejected")}</strong>
      </p>
    </>
  );
}

function ElectionResult({ box }: { box: Box }) {
  const t = useT();
  if (box.result.kind !== "election") return null;
  const e = box.result.election;
  const names = new Map(box.candidates.map((c) => [c.id, c.name]));
  const colleges = box.poll.colleges.length > 0 ? box.poll.colleges.map((c) => c.name) : [null];
  const brokenTies = e.decidedByOrder
    ? [...new Set(e.candidates.map((c) => c.votes))]
        .map((votes) => e.candidates.filter((c) => c.votes === votes))
        .filter((g) => g.length > 1 && g.some((c) => c.status === "elected") && g.some((c) => c.status !== "elected"))
    : [];
  return (
    <>
      <table>
        <caption>{t("ballotBox.result.votes", { ballots: e.ballots, blank: e.blank })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ballotBox.candidate")}</th>
            {box.poll.colleges.length > 0 ? <th scope="col">{t("ballotBox.college")}</th> : null}
            <th scope="col">{t("ballotBox.votes")}</th>
            <th scope="col">{t("ballotBox.status")}</th>
          </tr>
        </thead>
        <tbody>
          {e.candidates.map((c) => (
            <tr key={c.id}>
              <th scope="row">{names.get(c.id)}</th>
              {box.poll.colleges.length > 0 ? <td>{c.collegeId}</td> : null}
              <td>{c.votes}</td>
              <td>{t.pick("ballotBox.candidateStatus", c.status)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t("ballotBox.result.elected")}</h3>
      {colleges.map((college) => {
        const elected = e.elected.filter((id) => (e.candidates.find((c) => c.id === id)?.collegeId ?? null) === college);
        return (
          <div key={college ?? "all"}>
            {college ? <h4>{t("ballotBox.result.college", { college })}</h4> : null}
            {elected.length === 0 ? (
              <p>{t("ballotBox.result.noneElected")}</p>
            ) : (
              <ul aria-label={college ? t("ballotBox.result.college", { college }) : t("ballotBox.result.elected")}>
                {elected.map((id) => (
                  <li key={id}>{names.get(id)}</li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
      {e.vacantSeats > 0 ? <p>{t("ballotBox.result.vacant", { seats: e.vacantSeats })}</p> : null}
      {e.ties.map((tie) => (
        <p key={tie.candidateIds.join()} className="notice">
          {t("ballotBox.result.tieOpen", { names: tie.candidateIds.map((id) => names.get(id)).join(", "), votes: tie.votes, seats: tie.seats })}
        </p>
      ))}
      {brokenTies.map((g) => (
        <p key={g[0].id}>{t("ballotBox.result.tieBroken", { names: g.map((c) => names.get(c.id)).join(", "), votes: g[0].votes })}</p>
      ))}
    </>
  );
}

function Pending({ pending }: { pending: PendingPoll }) {
  const t = useT();
  return (
    <>
      <h1>{pending.title}</h1>
      <p className="notice" role="status">
        {pending.status === "cancelled" ? t("ballotBox.cancelled") : t("ballotBox.notPublished")}
      </p>
      {pending.progress ? <p>{t("ballotBox.progress", { voted: pending.progress.voted, entitled: pending.progress.entitled })}</p> : null}
    </>
  );
}

export default function BallotBoxPage() {
  const t = useT();
  const { network, assembly, pending, box, search } = useLoaderData<typeof loader>();
  const back = (
    <p>
      <Link to={assemblyPath(network.slug, assembly.id)}>{t("ballotBox.back", { title: assembly.title })}</Link>
    </p>
  );
  if (!box) {
    return (
      <main id="main" className="page">
        {back}
        {pending ? <Pending pending={pending} /> : null}
      </main>
    );
  }
  return <Published box={box} search={search} back={back} json={`${pollPath(network.slug, assembly.id, box.poll.id, "box")}.json`} />;
}

function Published({
  box,
  search,
  back,
  json,
}: {
  box: Box;
  search: { typed: string; error: string | null; tracker: string | null; found: boolean } | null;
  back: React.ReactNode;
  json: string;
}) {
  const t = useT();
  const choiceText = useChoiceText(box);
  const { quorum, turnout } = box.result;
  const names = new Map(box.candidates.map((c) => [c.id, c.name]));
  const found = search?.found ? box.ballots.find((b) => b.tracker === search.tracker) : null;
  return (
    <main id="main" className="page ballot-box">
      {back}
      <h1>{box.poll.title}</h1>
      {box.poll.question ? <p className="lead">{t("ballotBox.question", { question: box.poll.question })}</p> : null}

      <section aria-labelledby="result-title" className="card">
        <h2 id="result-title">{t("ballotBox.result.title")}</h2>
        <ResolutionResult box={box} />
        <ElectionResult box={box} />
      </section>

      <section aria-labelledby="quorum-title">
        <h2 id="quorum-title">{t("ballotBox.quorum.title")}</h2>
        <p>
          {quorum.required === null
            ? t("ballotBox.quorum.none", { present: quorum.present, represented: quorum.represented, roll: quorum.rollSize })
            : t(quorum.reached ? "ballotBox.quorum.reached" : "ballotBox.quorum.notReached", {
                present: quorum.present,
                represented: quorum.represented,
                total: quorum.presentOrRepresented,
                required: quorum.required,
                roll: quorum.rollSize,
              })}
        </p>
        <p>
          {t("ballotBox.turnout", {
            ballots: turnout.ballots,
            roll: turnout.rollSize,
            ofRoll: percent(turnout.ofRoll, t.locale),
            present: turnout.presentOrRepresented,
            ofPresent: percent(turnout.ofPresentOrRepresented, t.locale),
          })}
        </p>
      </section>

      <section aria-labelledby="voted-title">
        <h2 id="voted-title">{t("ballotBox.voted.title", { count: box.votedOrganisations.length })}</h2>
        <p className="hint">{t("ballotBox.voted.hint")}</p>
        <ul aria-labelledby="voted-title">
          {box.votedOrganisations.map((o) => (
            <li key={o.id}>{o.name}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="box-title">
        <h2 id="box-title">{t("ballotBox.box.title", { count: box.ballots.length })}</h2>
        <Form method="get" className="filters card" role="search" aria-label={t("ballotBox.search.label")}>
          <div className={`field${search?.error ? " field--invalid" : ""}`}>
            <label htmlFor="box-tracker">{t("ballotBox.search.field")}</label>
            <p className="hint" id="box-tracker-hint">
              {t("ballotBox.search.hint")}
            </p>
            <input
              id="box-tracker"
              name="tracker"
              type="search"
              defaultValue={search?.typed ?? ""}
              autoComplete="off"
              aria-invalid={search?.error ? true : undefined}
              aria-describedby={search?.error ? "box-tracker-hint box-tracker-error" : "box-tracker-hint"}
            />
            <FieldError id="box-tracker-error" errors={search?.error ? [search.error] : undefined} />
          </div>
          <button type="submit" className="button">
            {t("ballotBox.search.submit")}
          </button>
        </Form>
        {search && !search.error ? (
          <p role="status" className="notice">
            {found
              ? t("ballotBox.search.found", { tracker: found.tracker, choices: choiceText(found.choices) })
              : t("ballotBox.search.notFound", { tracker: search.tracker ?? "" })}
          </p>
        ) : null}
        {box.paperTotals ? <p>{t("ballotBox.box.paperTotals", { ballots: box.paperTotals.ballots })}</p> : null}
        <table>
          <caption>{t("ballotBox.box.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ballotBox.box.tracker")}</th>
              <th scope="col">{t("ballotBox.box.choices")}</th>
            </tr>
          </thead>
          <tbody>
            {box.ballots.map((b) => (
              <tr key={b.tracker} className={found?.tracker === b.tracker ? "highlight" : undefined}>
                <th scope="row">
                  <code>{b.tracker}</code>
                </th>
                <td>{choiceText(b.choices)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {box.lots ? (
        <section aria-labelledby="lots-title">
          <h2 id="lots-title">{t("ballotBox.lots.title")}</h2>
          <p>{t("ballotBox.lots.intro")}</p>
          <dl>
            <dt>{t("ballotBox.lots.commitment")}</dt>
            <dd>
              <code className="break">{box.lots.commitment}</code>
            </dd>
            <dt>{t("ballotBox.lots.seed")}</dt>
            <dd>
              <code className="break">{box.lots.seed}</code>
            </dd>
          </dl>
          <p>{box.lots.matches ? t("ballotBox.lots.matches") : t("ballotBox.lots.mismatch")}</p>
          {box.result.kind === "election" && box.result.lots ? (
            <>
              <p>{t("ballotBox.lots.order")}</p>
              <ol>
                {box.result.lots.order.map((id) => (
                  <li key={id}>{names.get(id)}</li>
                ))}
              </ol>
            </>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="recount-title">
        <h2 id="recount-title">{t("ballotBox.recount.title")}</h2>
        <p>{t("ballotBox.recount.intro")}</p>
        <p>
          <a href={json} download>
            {t("ballotBox.recount.download")}
          </a>
        </p>
        <ol>
          <li>{t("ballotBox.recount.tracker")}</li>
          <li>
            <code className="break">{`maillage-tracker-v1:${box.poll.id}:<choix>:<nonce>`}</code>
          </li>
          <li>{t("ballotBox.recount.trackerCode")}</li>
          <li>{t("ballotBox.recount.count")}</li>
          {box.lots ? <li>{t("ballotBox.recount.draw")}</li> : null}
          <li>{t("ballotBox.recount.script")}</li>
        </ol>
        <p>{t("ballotBox.recount.never")}</p>
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
