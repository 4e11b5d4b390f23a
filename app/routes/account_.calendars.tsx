// /account/calendars: the person's subscribable calendar feeds (their own meetings, a group's, a
// network's). Each feed is a secret address (/ical/<token>.ics) that a calendar program fetches
// without signing in; it can be revoked (the address stops working) or renewed (a new address,
// the old one stops working). What a feed shows is decided again at every fetch, with the
// owner's rights of that moment. (account_ keeps this page out of the account page's layout.)
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { requireActor } from "#app/access/actor.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { FeedAddress } from "#app/components/feed-address";
import { ErrorSummary, FieldError } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { createFeed, feedPath, type FeedRow, feedsOf, renewFeed, revokeFeed, subscribableFor } from "#app/models/calendar.server";
import { getEnv } from "#app/utils/env.server";
import { intentReply, invariantResponse } from "#app/utils/errors.server";
import type { TranslationKey } from "#app/utils/i18n";
import { pageTitle } from "#app/utils/i18n";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

const CreateSchema = z
  .object({
    scope: z.enum(["person", "group", "network"], { errorMap: () => ({ message: "calendar.feeds.error.scope" }) }),
    group: z.string().max(60).optional(),
    network: z.string().max(60).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.scope === "group" && !value.group) ctx.addIssue({ code: "custom", path: ["group"], message: "calendar.feeds.error.group" });
    if (value.scope === "network" && !value.network) ctx.addIssue({ code: "custom", path: ["network"], message: "calendar.feeds.error.network" });
  });
const FeedIdSchema = z.object({ feedId: z.string().min(1).max(60) });

function describe(feed: FeedRow): { key: TranslationKey; vars: Record<string, string> } {
  if (feed.scope === "person") return { key: "calendar.feeds.scope.person", vars: {} };
  if (feed.scope === "group" && feed.group) return { key: "calendar.feeds.scope.group", vars: { group: feed.group.name, network: feed.group.network.name } };
  return { key: "calendar.feeds.scope.network", vars: { network: feed.network?.name ?? "" } };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const [feeds, networks] = await Promise.all([feedsOf(actor.userId), subscribableFor(actor)]);
  const appUrl = getEnv().appUrl;
  return {
    feeds: feeds.map((f) => ({ id: f.id, scope: f.scope, url: `${appUrl}${feedPath(f.token)}`, label: describe(f), createdAt: f.createdAt.toISOString() })),
    networks: networks.map((n) => ({ id: n.id, name: n.name, groups: n.groups.map((g) => ({ id: g.id, name: g.name })) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "create") {
    const submission = parseSubmission(formData, { schema: CreateSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const { scope, group, network } = submission.value;
    try {
      const feed = await createFeed(
        actor,
        scope === "group" ? { scope, groupId: group! } : scope === "network" ? { scope, networkId: network! } : { scope: "person" },
      );
      return redirectWithToast(`/account/calendars#feed-${feed.id}`, { kind: "success", key: "calendar.feeds.created" });
    } catch (error) {
      return intentReply(intent, submission, error);
    }
  }
  if (intent === "revoke" || intent === "renew") {
    const submission = parseSubmission(formData, { schema: FeedIdSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    if (intent === "revoke") {
      const done = await revokeFeed(submission.value.feedId, { userId: actor.userId }, actor.userId);
      invariantResponse(done, "error.notFound", 404);
      return redirectWithToast("/account/calendars", { kind: "success", key: "calendar.feeds.revoked" });
    }
    const renewed = await renewFeed(submission.value.feedId, { userId: actor.userId }, actor.userId);
    invariantResponse(renewed, "error.notFound", 404);
    return redirectWithToast(`/account/calendars#feed-${renewed.id}`, { kind: "success", key: "calendar.feeds.renewed" });
  }
  return data({ intent: null, result: null }, { status: 400 });
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, (t) => t("calendar.feeds.title"));

export default function CalendarFeedsPage() {
  const t = useT();
  const { feeds, networks } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="page page--form calendar-feeds">
      <p>
        <Link to="/account">← {t("calendar.feeds.backToAccount")}</Link>
      </p>
      <h1>{t("calendar.feeds.title")}</h1>
      <p className="lead">{t("calendar.feeds.intro")}</p>
      <p className="notice notice--warn">{t("calendar.feeds.secret")}</p>

      <section aria-labelledby="feeds-list-title">
        <h2 id="feeds-list-title">{t("calendar.feeds.listTitle")}</h2>
        {feeds.length === 0 ? (
          <p>{t("calendar.feeds.none")}</p>
        ) : (
          <ul className="result-list calendar-feeds__list">
            {feeds.map((f) => {
              const label = t(f.label.key, f.label.vars);
              return (
                <li key={f.id} id={`feed-${f.id}`} className="card calendar-feed" tabIndex={-1}>
                  <h3>{label}</h3>
                  <FeedAddress id={`feed-url-${f.id}`} url={f.url} label={t("calendar.feeds.address")} />
                  <div className="cluster">
                    <Form method="post">
                      <input type="hidden" name="intent" value="renew" />
                      <input type="hidden" name="feedId" value={f.id} />
                      <button type="submit" className="button button--small button--secondary">
                        {t("calendar.feeds.renew")}
                        <span className="visually-hidden"> ({label})</span>
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="feedId" value={f.id} />
                      <button type="submit" className="button button--small button--danger">
                        {t("calendar.feeds.revoke")}
                        <span className="visually-hidden"> ({label})</span>
                      </button>
                    </Form>
                  </div>
                  <p className="hint">{t("calendar.feeds.renewHint")}</p>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <CreateForm networks={networks} />

      <section className="card" aria-labelledby="feeds-howto-title">
        <h2 id="feeds-howto-title">{t("calendar.feeds.howtoTitle")}</h2>
        <p>{t("calendar.feeds.howtoIntro")}</p>
        <h3>Outlook</h3>
        <p>{t("calendar.feeds.howtoOutlook")}</p>
        <h3>Gmail (Google Agenda)</h3>
        <p>{t("calendar.feeds.howtoGoogle")}</p>
        <h3>Thunderbird</h3>
        <p>{t("calendar.feeds.howtoThunderbird")}</p>
        <p className="muted">{t("calendar.feeds.howtoDelay")}</p>
      </section>
    </main>
  );
}

function CreateForm({ networks }: { networks: { id: string; name: string; groups: { id: string; name: string }[] }[] }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "feed-create",
    lastResult: actionData?.intent === "create" ? actionData.result : undefined,
    defaultValue: { scope: "person" },
    constraint: getZodConstraint(CreateSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateSchema }),
  });
  const scopeDefault = (fields.scope.initialValue as string | undefined) ?? "person";
  const hasGroups = networks.some((n) => n.groups.length > 0);
  return (
    <section className="card" aria-labelledby="feeds-create-title">
      <h2 id="feeds-create-title">{t("calendar.feeds.createTitle")}</h2>
      <Form method="post" {...getFormProps(form)}>
        <ErrorSummary form={form} fields={{ scope: fields.scope, group: fields.group, network: fields.network }} />
        <input type="hidden" name="intent" value="create" />
        <fieldset
          className={`field${fields.scope.errors?.length ? " field--invalid" : ""}`}
          aria-describedby={fields.scope.errors?.length ? fields.scope.errorId : undefined}
        >
          <legend>{t("calendar.feeds.scopeLegend")}</legend>
          <label className="checkbox">
            <input type="radio" name="scope" value="person" id={fields.scope.id} defaultChecked={scopeDefault === "person"} />
            {t("calendar.feeds.choosePerson")}
          </label>
          {hasGroups ? (
            <>
              <label className="checkbox">
                <input type="radio" name="scope" value="group" defaultChecked={scopeDefault === "group"} />
                {t("calendar.feeds.chooseGroup")}
              </label>
              <div className={`field feed-create__sub${fields.group.errors?.length ? " field--invalid" : ""}`}>
                <label htmlFor={fields.group.id}>{t("calendar.feeds.group")}</label>
                <select
                  id={fields.group.id}
                  name={fields.group.name}
                  defaultValue={(fields.group.initialValue as string | undefined) ?? ""}
                  aria-invalid={fields.group.errors?.length ? true : undefined}
                  aria-describedby={fields.group.errors?.length ? fields.group.errorId : undefined}
                >
                  <option value="">—</option>
                  {networks
                    .filter((n) => n.groups.length)
                    .map((n) => (
                      <optgroup key={n.id} label={n.name}>
                        {n.groups.map((g) => (
                          <option key={g.id} value={g.id}>
                            {g.name}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                </select>
                <FieldError id={fields.group.errorId} errors={fields.group.errors} />
              </div>
            </>
          ) : null}
          {networks.length ? (
            <>
              <label className="checkbox">
                <input type="radio" name="scope" value="network" defaultChecked={scopeDefault === "network"} />
                {t("calendar.feeds.chooseNetwork")}
              </label>
              <div className={`field feed-create__sub${fields.network.errors?.length ? " field--invalid" : ""}`}>
                <label htmlFor={fields.network.id}>{t("calendar.feeds.network")}</label>
                <select
                  id={fields.network.id}
                  name={fields.network.name}
                  defaultValue={(fields.network.initialValue as string | undefined) ?? ""}
                  aria-invalid={fields.network.errors?.length ? true : undefined}
                  aria-describedby={fields.network.errors?.length ? fields.network.errorId : undefined}
                >
                  <option value="">—</option>
                  {networks.map((n) => (
                    <option key={n.id} value={n.id}>
                      {n.name}
                    </option>
                  ))}
                </select>
                <FieldError id={fields.network.errorId} errors={fields.network.errors} />
              </div>
            </>
          ) : null}
          <FieldError id={fields.scope.errorId} errors={fields.scope.errors} />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button">
            {t("calendar.feeds.create")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
