// GET /:network/meetings/:meeting/minutes/v/:version: one version of the minutes as it was (an
// earlier published one that a correction superseded, or any version the reader may see). Read
// only: the workflow happens on the minutes page.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";

import { can } from "#app/access/can";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { forDisplay, minutesComments } from "#app/models/minutes.server";
import { formatMeetingStart } from "#app/utils/brussels-time";
import { invariantResponse } from "#app/utils/errors.server";
import { groupPath, meetingPath } from "#app/utils/paths";

import { minutesContext, notReadable } from "./__minutes.server";
import { MinutesText, VersionFacts } from "./__minutes-view";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const number = /^[1-9]\d{0,5}$/.test(params.version ?? "") ? Number(params.version) : null;
  invariantResponse(number, "error.notFound", 404);
  const { network, actor, meeting, access, readable, versions } = await minutesContext(request, params);
  const version = readable.find((v) => v.version === number);
  if (!version) {
    // A version that exists but is not for this reader answers like one that does not exist.
    if (!actor && versions.some((v) => v.version === number)) await notReadable(request, actor);
    invariantResponse(false, "error.notFound", 404);
  }
  const comments = can(actor, "minutes.comment", { access }) ? await minutesComments(version.id) : [];
  return {
    network: { slug: network.slug },
    meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt },
    group: { slug: meeting.group.slug, name: meeting.group.name },
    version: forDisplay(version),
    latest: readable[0]?.version ?? version.version,
    comments,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.meeting.title} — v${data.version.version} — Maillage` : "Maillage" }];

export default function MinutesVersionPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const base = meetingPath({ networkSlug: d.network.slug, meetingId: d.meeting.id }, "minutes");
  return (
    <main id="main" className="page minutes-page">
      <p className="breadcrumbs">
        <Link to={groupPath({ networkSlug: d.network.slug, groupSlug: d.group.slug })}>{d.group.name}</Link> › <Link to={base}>{t("minutes.short")}</Link>
      </p>
      <h1>{t("minutes.versionTitle", { meeting: d.meeting.title, version: d.version.version })}</h1>
      <p className="lead">{formatMeetingStart(d.meeting.startsAt, t.locale)}</p>
      <VersionFacts version={d.version} />
      {d.latest !== d.version.version ? (
        <p className="notice notice--warn">
          {t("minutes.olderVersion", { latest: d.latest })} <Link to={base}>{t("minutes.readCurrent")}</Link>
        </p>
      ) : null}
      <MinutesText version={d.version} />
      {d.comments.length ? (
        <section className="minutes-section" aria-labelledby="minutes-comments-title">
          <h2 id="minutes-comments-title">{t("minutes.comments.title")}</h2>
          <ol className="minutes-comments">
            {d.comments.map((c) => (
              <li key={c.id}>
                <p className="minutes-comment__meta">
                  <strong>{c.author?.name ?? t("minutes.comments.someone")}</strong>
                </p>
                <p className="minutes-comment__body">{c.body}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
