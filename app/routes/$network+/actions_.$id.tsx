// GET/POST /:network/actions/:id: one action item decided at a meeting, and its status (open,
// done, dropped). Seen by the group's readers and the delegates of the organisation responsible;
// changed by those delegates or a manager of the group. Other pages (the minutes, the overview of
// open actions) post here with `redirectTo` to come back to where the person was.
// `actions_` keeps this page out of the layout of the overview /:network/actions.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";

import { requireActor } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { groupAccess } from "#app/access/group.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { useT } from "#app/components/i18n";
import { requireActionItem, updateActionStatus } from "#app/models/minutes.server";
import { requireNetwork } from "#app/models/network.server";
import { formatDate } from "#app/utils/brussels-time";
import { ACTION_STATUSES } from "#app/utils/domain";
import { forbidden, formRefusal } from "#app/utils/errors.server";
import { groupPath, meetingPath } from "#app/utils/paths";
import { redirectWithToast } from "#app/utils/toast.server";

async function guard(request: Request, params: { network?: string; id?: string }) {
  const network = await requireNetwork(params.network);
  const actor = await requireActor(request);
  const item = await requireActionItem(network.id, params.id);
  const access = await groupAccess(actor, item.group);
  if (!can(actor, "action.see", { access, item })) forbidden();
  return { network, actor, item, access };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, actor, item, access } = await guard(request, params);
  return { network: { slug: network.slug }, item, mayUpdate: can(actor, "action.update", { access, item }) };
}

/** Only a page of this network: never an outside address. */
function safeBack(target: FormDataEntryValue | null, networkSlug: string) {
  return typeof target === "string" && target.startsWith(`/${networkSlug}/`) && !target.startsWith("//") && !target.includes("\\") ? target : null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor, item, access } = await guard(request, params);
  if (!can(actor, "action.update", { access, item })) forbidden();
  const form = await request.formData();
  const status = form.get("status");
  if (typeof status !== "string" || !(ACTION_STATUSES as readonly string[]).includes(status))
    return data({ error: "minutes.error.actionStatus" }, { status: 400 });
  try {
    await updateActionStatus(network.id, actor, access, item.id, status);
  } catch (error) {
    const refusal = formRefusal(error);
    return data({ error: refusal.message }, { status: refusal.status });
  }
  const back = safeBack(form.get("redirectTo"), network.slug) ?? `/${network.slug}/actions/${item.id}`;
  return redirectWithToast(back, { kind: "success", key: "minutes.toast.actionStatus", vars: { what: item.what } });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.item.what} — Maillage` : "Maillage" }];

export default function ActionItemPage() {
  const t = useT();
  const { network, item, mayUpdate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const minutes = meetingPath({ networkSlug: network.slug, meetingId: item.meeting.id }, "minutes");
  return (
    <main id="main" className="page page--narrow action-item-page">
      <p className="breadcrumbs">
        <Link to={groupPath({ networkSlug: network.slug, groupSlug: item.group.slug })}>{item.group.name}</Link> ›{" "}
        <Link to={minutes}>{item.meeting.title}</Link>
      </p>
      <h1>{item.what}</h1>
      <dl className="action-item-facts">
        <dt>{t("minutes.actions.organisation")}</dt>
        <dd>{item.organisation?.name ?? "—"}</dd>
        <dt>{t("minutes.actions.dueOn")}</dt>
        <dd>{item.dueOn ? formatDate(item.dueOn, t.locale) : "—"}</dd>
        <dt>{t("minutes.actions.status")}</dt>
        <dd>
          <span className={`action-status action-status--${item.status}`}>{t.pick("minutes.actionStatus", item.status)}</span>
          {item.doneAt ? ` (${formatDate(item.doneAt, t.locale)})` : null}
        </dd>
        <dt>{t("minutes.actions.meeting")}</dt>
        <dd>
          <Link to={minutes}>
            {item.meeting.title} — {formatDate(item.meeting.startsAt, t.locale)}
          </Link>
        </dd>
      </dl>
      {mayUpdate ? (
        <Form method="post" className="card">
          {result?.error ? (
            <p className="field-error" role="alert">
              {t.message(result.error)}
            </p>
          ) : null}
          <fieldset>
            <legend>{t("minutes.actions.changeStatus")}</legend>
            {ACTION_STATUSES.map((s) => (
              <label key={s} className="radio">
                <input type="radio" name="status" value={s} defaultChecked={item.status === s} /> {t(`minutes.actionStatus.${s}`)}
              </label>
            ))}
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button">
              {t("minutes.actions.saveStatus")}
            </button>
          </div>
        </Form>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
