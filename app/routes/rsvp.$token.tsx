// Answer a meeting invitation from the e-mail, without signing in. The link carries a signed
// token (meeting, person, expiry: app/models/rsvp.server.ts). Opening it only shows the question:
// mail scanners open links, so nothing changes until the person presses the button (POST). A
// refused link gets a page that says why (expired, altered, another meeting, another person,
// no longer a participant, cancelled or past meeting).
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { isInvited, recordRsvp } from "#app/models/meetings.server";
import { checkRsvpToken, type RsvpTokenProblem } from "#app/models/rsvp.server";
import { formatMeetingWhen } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { RSVP_RESPONSES, type RsvpResponse } from "#app/utils/domain";
import { getUserId } from "#app/utils/session.server";

type Refused = { refused: RsvpTokenProblem };

async function check(request: Request, token: string, expectedMeetingId?: string | null) {
  return checkRsvpToken(token, { expectedMeetingId, signedInUserId: await getUserId(request), isInvited });
}

function refused(problem: RsvpTokenProblem) {
  return data({ refused: problem } as Refused, { status: problem === "expired" || problem === "ended" || problem === "cancelled" ? 410 : 403 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const result = await check(request, token);
  if (!result.ok) return refused(result.problem);
  const [meeting, user, rsvp] = await Promise.all([
    prisma.meeting.findUniqueOrThrow({
      where: { id: result.meetingId },
      select: {
        id: true,
        title: true,
        startsAt: true,
        endsAt: true,
        place: true,
        videoUrl: true,
        group: { select: { name: true, network: { select: { slug: true, name: true } } } },
      },
    }),
    prisma.user.findUniqueOrThrow({ where: { id: result.userId }, select: { name: true } }),
    prisma.rsvp.findUnique({ where: { meetingId_userId: { meetingId: result.meetingId, userId: result.userId } }, select: { response: true } }),
  ]);
  const url = new URL(request.url);
  const wanted = url.searchParams.get("r");
  const answered = url.searchParams.get("answered");
  return {
    refused: null,
    meeting: {
      id: meeting.id,
      title: meeting.title,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      place: meeting.place,
      videoUrl: meeting.videoUrl,
      group: meeting.group.name,
      network: meeting.group.network,
    },
    person: user.name,
    current: (rsvp?.response ?? null) as RsvpResponse | null,
    preselected: (RSVP_RESPONSES as readonly string[]).includes(wanted ?? "") ? (wanted as RsvpResponse) : ((rsvp?.response ?? null) as RsvpResponse | null),
    answered: answered && (RSVP_RESPONSES as readonly string[]).includes(answered) ? answered : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const form = await request.formData();
  const result = await check(request, token, String(form.get("meeting") ?? ""));
  if (!result.ok) return refused(result.problem);
  const response = String(form.get("response") ?? "");
  if (!(RSVP_RESPONSES as readonly string[]).includes(response)) return data({ error: "meetings.rsvp.choose" }, { status: 400 });
  await recordRsvp(result.meetingId, result.userId, response as RsvpResponse);
  return redirect(`/rsvp/${token}?answered=${response}`);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && "meeting" in data && data.meeting ? `${data.meeting.title} — Maillage` : "Maillage" },
  { name: "robots", content: "noindex" },
];

export default function RsvpPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const problem = (actionData && "refused" in actionData ? actionData.refused : null) ?? ("refused" in d ? d.refused : null);
  if (problem || !("meeting" in d)) {
    return (
      <main id="main" className="page page--narrow rsvp-page">
        <h1>{t("meetings.rsvpLink.refusedTitle")}</h1>
        <p className="lead">{t(`meetings.rsvpLink.problem.${problem ?? "tampered"}`)}</p>
        <p>{t("meetings.rsvpLink.refusedHelp")}</p>
        <p>
          <Link to="/login">{t("meetings.rsvpLink.signIn")}</Link>
        </p>
      </main>
    );
  }
  const { meeting } = d;
  const error = actionData && "error" in actionData ? actionData.error : null;
  return (
    <main id="main" className="page page--narrow rsvp-page">
      <h1>{t("meetings.rsvpLink.title", { title: meeting.title })}</h1>
      <p className="lead">{formatMeetingWhen(meeting.startsAt, meeting.endsAt, t.locale)}</p>
      <p>
        {meeting.group} · {meeting.network.name}
        {meeting.place ? ` · ${meeting.place}` : ""}
      </p>
      {d.answered ? (
        <p className="notice" role="status">
          {t("meetings.rsvpLink.thanks", { answer: t.pick("meetings.rsvp", d.answered) })}
        </p>
      ) : d.current ? (
        <p>{t("meetings.rsvp.current", { answer: t(`meetings.rsvp.${d.current}`) })}</p>
      ) : null}
      <Form method="post" className="stack">
        <input type="hidden" name="meeting" value={meeting.id} />
        <fieldset className={`field radio-group${error ? " field--invalid" : ""}`} aria-describedby={error ? "rsvp-error" : undefined}>
          <legend>{t("meetings.rsvpLink.question", { name: d.person })}</legend>
          {RSVP_RESPONSES.map((r) => (
            <label key={r} className="radio">
              <input type="radio" name="response" value={r} defaultChecked={d.preselected === r} />
              {t(`meetings.rsvp.${r}`)}
            </label>
          ))}
          {error ? (
            <p id="rsvp-error" className="field-error">
              <span aria-hidden="true">⚠ </span>
              {t.message(error)}
            </p>
          ) : null}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button">
            {t("meetings.rsvpLink.confirm")}
          </button>
        </div>
      </Form>
      <p className="muted">{t("meetings.rsvpLink.notYou")}</p>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
