// The network's public calendar feed, for coordinators: publish it (one address, no owner, public
// meetings only), give a new address, or stop it. The address is then shown to everyone on the
// calendar page, so that partners and the public can subscribe.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { requireCoordinator } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { FeedAddress } from "#app/components/feed-address";
import { useT } from "#app/components/i18n";
import { activePublicFeed, createPublicFeed, feedPath, renewFeed, revokeFeed } from "#app/models/calendar.server";
import { requireNetwork } from "#app/models/network.server";
import { prisma } from "#app/utils/db.server";
import { getEnv } from "#app/utils/env.server";
import { invariantResponse } from "#app/utils/errors.server";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

import { AdminNav } from "./__admin-nav";

const FeedIdSchema = z.object({ feedId: z.string().min(1).max(60) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  await requireCoordinator(request, network.id);
  const [feed, publicCount] = await Promise.all([
    activePublicFeed(network.id),
    prisma.meeting.count({ where: { group: { networkId: network.id }, isPublic: true } }),
  ]);
  return {
    network: { slug: network.slug, name: network.name },
    feed: feed ? { id: feed.id, url: `${getEnv().appUrl}${feedPath(feed.token)}`, createdAt: feed.createdAt.toISOString() } : null,
    publicCount,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await requireCoordinator(request, network.id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const base = `/${network.slug}/admin/calendar-feed`;
  if (intent === "create") {
    await createPublicFeed(network.id, actor.userId);
    return redirectWithToast(base, { kind: "success", key: "calendar.publicFeed.created" });
  }
  if (intent === "revoke" || intent === "renew") {
    const submission = parseSubmission(formData, { schema: FeedIdSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply({ formErrors: ["calendar.publicFeed.error.missing"] }) }, { status: 400 });
    const owner = { publicOf: network.id };
    if (intent === "revoke") {
      invariantResponse(await revokeFeed(submission.value.feedId, owner, actor.userId), "error.notFound", 404);
      return redirectWithToast(base, { kind: "success", key: "calendar.publicFeed.revoked" });
    }
    invariantResponse(await renewFeed(submission.value.feedId, owner, actor.userId), "error.notFound", 404);
    return redirectWithToast(base, { kind: "success", key: "calendar.publicFeed.renewed" });
  }
  return data({ intent: null, result: { status: "error" as const, error: { "": ["calendar.publicFeed.error.intent"] } } }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.network.name ?? ""} — Coordination — Maillage` }];

export default function PublicCalendarFeed() {
  const t = useT();
  const { network, feed, publicCount } = useLoaderData<typeof loader>();
  // Several forms, one answer { intent, result }: only a tampered post (no feed, no intent) is refused; said above the forms.
  const actionData = useActionData<typeof action>();
  const refused = (actionData?.result?.error as Record<string, string[] | null> | undefined)?.[""] ?? [];
  return (
    <main id="main" className="page page--form">
      <AdminNav network={network} current={t("calendar.publicFeed.title")} />
      <h1>{t("calendar.publicFeed.title")}</h1>
      <p className="lead">{t("calendar.publicFeed.intro")}</p>
      <p>{t.plural("calendar.publicFeed.publicCount", publicCount)}</p>
      {refused.length ? (
        <div className="error-summary" role="alert">
          <p className="error-summary__title">{refused.map((e) => t.message(e)).join(" ")}</p>
        </div>
      ) : null}
      <section className="card" aria-labelledby="public-feed-title">
        <h2 id="public-feed-title">{feed ? t("calendar.publicFeed.active") : t("calendar.publicFeed.inactive")}</h2>
        {feed ? (
          <>
            <FeedAddress id="public-feed-url" url={feed.url} label={t("calendar.feeds.address")} />
            <p className="hint">{t("calendar.publicFeed.shownOnCalendar")}</p>
            <div className="cluster">
              <Form method="post">
                <input type="hidden" name="intent" value="renew" />
                <input type="hidden" name="feedId" value={feed.id} />
                <button type="submit" className="button button--secondary">
                  {t("calendar.feeds.renew")}
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="feedId" value={feed.id} />
                <button type="submit" className="button button--danger">
                  {t("calendar.publicFeed.revoke")}
                </button>
              </Form>
            </div>
            <p className="hint">{t("calendar.feeds.renewHint")}</p>
          </>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="create" />
            <button type="submit" className="button">
              {t("calendar.publicFeed.create")}
            </button>
          </Form>
        )}
      </section>
      <p>
        <Link to={`/${network.slug}/calendar`}>{t("calendar.publicFeed.toCalendar")}</Link>
      </p>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
