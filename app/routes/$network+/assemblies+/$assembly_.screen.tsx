// The room screen of an assembly (issue 12, item 9): large type for a projector, refreshed every
// 5 seconds by a meta refresh (no JavaScript needed): the live quorum, the open polls with only
// "n of N organisations have voted", and the latest published result in a line or two. For the
// network's insiders (assembly.see), with their ordinary session. A bare page (handle.bare): no
// site header, network navigation or footer, so that the figures fill a 1280×720 projector
// without scrolling (styles/screen.css, loaded by this page only). A reader who does not want the
// page to reload under them (a screen reader loses its place; WCAG 2.2.1) stops it with a link:
// `?refresh=off` serves the same page without the meta refresh.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";

import type { BareHandle } from "#app/components/bare-page";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { presenceFacts } from "#app/models/assemblies.server";
import type { PollResult } from "#app/models/poll-tally.server";
import { progress } from "#app/models/polls.server";
import screenStylesUrl from "#app/styles/screen.css";
import { prisma } from "#app/utils/db.server";
import { pageTitle } from "#app/utils/i18n";

import { assemblyForScreen } from "./__box.server";

const REFRESH_SECONDS = 5;

export const handle: BareHandle = { bare: true };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: screenStylesUrl }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assembly } = await assemblyForScreen(request, params);
  const refresh = new URL(request.url).searchParams.get("refresh") !== "off";
  const [facts, open, published] = await Promise.all([
    assembly.status === "draft" ? null : presenceFacts(assembly.id),
    prisma.poll.findMany({ where: { assemblyId: assembly.id, status: "open" }, select: { id: true, title: true }, orderBy: { openedAt: "asc" } }),
    prisma.poll.findFirst({
      where: { assemblyId: assembly.id, status: "published" },
      select: { id: true, title: true, result: true, candidates: { select: { organisationId: true, organisation: { select: { name: true } } } } },
      orderBy: { publishedAt: "desc" },
    }),
  ]);
  const openPolls = await Promise.all(open.map(async (p) => ({ ...p, progress: await progress(p.id) })));
  let latest = null;
  if (published) {
    const result = published.result as unknown as PollResult;
    const names = new Map(published.candidates.map((c) => [c.organisationId, c.organisation.name]));
    latest =
      result.kind === "resolution"
        ? {
            title: published.title,
            kind: "resolution" as const,
            adopted: result.resolution.adopted,
            counts: result.resolution.counts,
            threshold: result.resolution.threshold,
          }
        : {
            title: published.title,
            kind: "election" as const,
            elected: result.election.elected.map((id) => names.get(id) ?? id),
            tie: result.election.ties.length > 0,
          };
  }
  return { assembly: { title: assembly.title }, quorum: facts?.quorum ?? null, openPolls, latest, refresh };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...pageTitle(matches, (t) => (data ? t("screen.metaTitle", { title: data.assembly.title }) : undefined)),
  ...(data?.refresh === false ? [] : [{ httpEquiv: "refresh", content: String(REFRESH_SECONDS) }]),
];

export default function RoomScreen() {
  const t = useT();
  const { assembly, quorum, openPolls, latest, refresh } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  return (
    <main id="main" className="room-screen">
      <h1>{assembly.title}</h1>
      <div className="room-screen__grid">
        {quorum ? (
          <section aria-labelledby="screen-quorum" className="room-screen__quorum">
            <h2 id="screen-quorum">{t("screen.quorum")}</h2>
            <dl className="room-screen__figures">
              <div className="room-screen__figure room-screen__figure--main">
                <dt>{t("screen.total")}</dt>
                <dd>
                  {quorum.presentOrRepresented} / {quorum.rollSize}
                </dd>
              </div>
              <div className="room-screen__figure">
                <dt>{t("screen.present")}</dt>
                <dd>{quorum.present}</dd>
              </div>
              <div className="room-screen__figure">
                <dt>{t("screen.represented")}</dt>
                <dd>{quorum.represented}</dd>
              </div>
              <div className="room-screen__figure">
                <dt>{t("screen.required")}</dt>
                <dd className={quorum.required == null ? "room-screen__word" : undefined}>{quorum.required ?? t("screen.noQuorum")}</dd>
              </div>
            </dl>
            <p className={`room-screen__verdict room-screen__verdict--${quorum.reached ? "reached" : "not-reached"}`}>
              <strong>{quorum.reached ? t("screen.reached") : t("screen.notReached")}</strong>
            </p>
          </section>
        ) : null}
        <div className="room-screen__side">
          <section aria-labelledby="screen-open">
            <h2 id="screen-open">{t("screen.openPoll")}</h2>
            {openPolls.length === 0 ? <p className="room-screen__line">{t("screen.noOpenPoll")}</p> : null}
            {openPolls.map((p) => (
              <div key={p.id} className="room-screen__poll">
                <h3>{p.title}</h3>
                <p className="room-screen__progress">
                  {/* The figure for the back of the room; the sentence says it for everyone. */}
                  <span className="room-screen__number" aria-hidden="true">
                    {p.progress.voted} / {p.progress.entitled}
                  </span>{" "}
                  <span className="room-screen__line">{t("screen.progress", { voted: p.progress.voted, entitled: p.progress.entitled })}</span>
                </p>
              </div>
            ))}
          </section>
          {latest ? (
            <section aria-labelledby="screen-result">
              <h2 id="screen-result">{t("screen.lastResult")}</h2>
              <h3>{latest.title}</h3>
              {latest.kind === "resolution" ? (
                <p className="room-screen__line">
                  {t(latest.adopted ? "screen.adopted" : "screen.rejected", { ...latest.counts, threshold: latest.threshold })}
                </p>
              ) : (
                <>
                  <p className="room-screen__line">{t("screen.elected", { names: latest.elected.join(", ") || "—" })}</p>
                  {latest.tie ? <p className="room-screen__line">{t("screen.tie")}</p> : null}
                </>
              )}
            </section>
          ) : null}
        </div>
      </div>
      <p className="room-screen__refresh">
        {refresh ? t("screen.refresh") : t("screen.refreshOff")}{" "}
        <Link to={refresh ? `${pathname}?refresh=off` : pathname}>{refresh ? t("screen.stop") : t("screen.resume")}</Link>
      </p>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
