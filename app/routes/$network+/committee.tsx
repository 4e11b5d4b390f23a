// The comité d'accompagnement (issue 12, item 1; docs/decisions/013): the organisations seated
// today, with college and mandate, and a link to the committee group (its meetings and minutes
// are those of groups). The list is public, like the comité: it is an organ of the network that
// the statutes make known. Coordinators (committee.manage) record a seat by hand, end one, and
// install the elected of a published election in one step. Several forms, told apart by `intent`.
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { getActor, requireActor } from "#app/access/actor.server";
import { can } from "#app/access/can";
import { requireCan } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { DateField, ErrorSummary, SelectField } from "#app/components/forms";
import { useLocale, useT } from "#app/components/i18n";
import { signatories } from "#app/models/adhesion.server";
import { endSeat, getStatutes, installElected, recordSeat } from "#app/models/assemblies.server";
import { requireNetwork } from "#app/models/network.server";
import { formatDate, parseDateKey } from "#app/utils/brussels-time";
import { now } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { intentReply, notFound } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { committeePath, groupPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";

const day = () => z.string({ required_error: "form.required" }).refine((v) => parseDateKey(v) !== null, "committee.error.date");

const RecordSchema = z.object({
  organisationId: z.string({ required_error: "form.required" }).min(1, "form.required"),
  college: z.string().optional(),
  mandateFrom: day(),
  mandateTo: day().optional(),
});
const EndSchema = z.object({ seatId: z.string({ required_error: "form.required" }).min(1, "form.required") });
const InstallSchema = z.object({
  pollId: z.string({ required_error: "form.required" }).min(1, "form.required"),
  mandateFrom: day(),
  mandateTo: day().optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await getActor(request);
  const manager = can(actor, "committee.manage", { networkId: network.id });
  const at = now();
  const [seats, group] = await Promise.all([
    prisma.committeeSeat.findMany({
      where: { networkId: network.id, endedAt: null, OR: [{ mandateTo: null }, { mandateTo: { gte: at } }] },
      select: {
        id: true,
        college: true,
        mandateFrom: true,
        mandateTo: true,
        electedInPollId: true,
        organisation: { select: { id: true, slug: true, name: true } },
      },
      orderBy: [{ college: "asc" }, { organisation: { name: "asc" } }],
    }),
    prisma.workingGroup.findFirst({ where: { networkId: network.id, kind: "committee" }, select: { slug: true } }),
  ]);
  const manage = manager
    ? await (async () => {
        const [members, statutes, published] = await Promise.all([
          signatories(network.id),
          getStatutes(network.id),
          prisma.poll.findMany({
            where: { kind: "election", status: "published", assembly: { networkId: network.id }, seatsFilled: { none: {} } },
            select: { id: true, title: true },
            orderBy: { createdAt: "desc" },
          }),
        ]);
        return { members: members.map((m) => ({ id: m.id, name: m.name })), colleges: statutes.colleges.map((c) => c.name), published };
      })()
    : null;
  return {
    network: { slug: network.slug, name: network.name },
    seats: seats.map((s) => ({ ...s, mandateFrom: s.mandateFrom.toISOString(), mandateTo: s.mandateTo?.toISOString() ?? null })),
    groupSlug: group?.slug ?? null,
    manage,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await requireActor(request);
  requireCan(actor, "committee.manage", { networkId: network.id });
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = committeePath(network.slug);
  if (intent === "record") {
    const submission = parseSubmission(formData, { schema: RecordSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    try {
      await recordSeat(network.id, actor.userId, {
        organisationId: v.organisationId,
        college: v.college || null,
        mandateFrom: parseDateKey(v.mandateFrom)!,
        mandateTo: v.mandateTo ? parseDateKey(v.mandateTo) : null,
      });
    } catch (error) {
      return intentReply(intent, submission, error, { fields: ["organisationId", "college", "mandateFrom", "mandateTo"] });
    }
    return redirectWithToast(back, { kind: "success", key: "committee.recorded" });
  }
  if (intent === "end") {
    const submission = parseSubmission(formData, { schema: EndSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    try {
      await endSeat(network.id, submission.value.seatId, actor.userId);
    } catch (error) {
      return intentReply(intent, submission, error, { fields: [] });
    }
    return redirectWithToast(back, { kind: "success", key: "committee.ended" });
  }
  if (intent === "install") {
    const submission = parseSubmission(formData, { schema: InstallSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const v = submission.value;
    // The poll must be an election of this network: another network's is "not found".
    const poll = await prisma.poll.findFirst({ where: { id: v.pollId, assembly: { networkId: network.id } }, select: { id: true } });
    try {
      if (!poll) throw notFound("assemblies.error.notFound");
      await installElected(poll.id, actor.userId, { mandateFrom: parseDateKey(v.mandateFrom)!, mandateTo: v.mandateTo ? parseDateKey(v.mandateTo) : null });
    } catch (error) {
      return intentReply(intent, submission, error, { fields: ["mandateFrom", "mandateTo"] });
    }
    return redirectWithToast(back, { kind: "success", key: "committee.installed" });
  }
  return data({ intent: null, result: null }, { status: 400 });
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("committee.title"));

type ActionData = { intent: string | null; result: unknown } | undefined;

function RecordForm({ lastResult }: { lastResult: never }) {
  const t = useT();
  const { manage } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({ id: "committee-record", lastResult, constraint: getZodConstraint(RecordSchema), shouldValidate: "onSubmit" });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="record" />
      <ErrorSummary
        form={form}
        fields={{ organisationId: fields.organisationId, college: fields.college, mandateFrom: fields.mandateFrom, mandateTo: fields.mandateTo }}
      />
      <SelectField meta={fields.organisationId} label={t("committee.organisation")} options={manage!.members.map((m) => ({ value: m.id, label: m.name }))} />
      {manage!.colleges.length > 0 ? (
        <SelectField meta={fields.college} label={t("committee.college")} options={manage!.colleges.map((c) => ({ value: c, label: c }))} />
      ) : null}
      <DateField meta={fields.mandateFrom} label={t("committee.mandateFrom")} />
      <DateField meta={fields.mandateTo} label={t("committee.mandateTo")} optional />
      <div className="form-actions">
        <button type="submit" className="button">
          {t("committee.record.submit")}
        </button>
      </div>
    </Form>
  );
}

function InstallForm({ poll, lastResult }: { poll: { id: string; title: string }; lastResult: never }) {
  const t = useT();
  const [form, fields] = useForm({ id: `committee-install-${poll.id}`, lastResult, constraint: getZodConstraint(InstallSchema), shouldValidate: "onSubmit" });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="install" />
      <input type="hidden" name="pollId" value={poll.id} />
      <ErrorSummary form={form} fields={{ mandateFrom: fields.mandateFrom, mandateTo: fields.mandateTo }} />
      <DateField meta={fields.mandateFrom} label={t("committee.mandateFrom")} />
      <DateField meta={fields.mandateTo} label={t("committee.mandateTo")} optional />
      <div className="form-actions">
        <button type="submit" className="button">
          {t("committee.install.submit", { title: poll.title })}
        </button>
      </div>
    </Form>
  );
}

export default function CommitteePage() {
  const t = useT();
  const locale = useLocale();
  const { network, seats, groupSlug, manage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData;
  const resultFor = (intent: string) => (actionData && actionData.intent === intent ? (actionData.result as never) : undefined);
  const installFor = (pollId: string) =>
    actionData?.intent === "install" && (actionData.result as { initialValue?: { pollId?: string } } | null)?.initialValue?.pollId === pollId
      ? (actionData.result as never)
      : undefined;
  const endError = actionData?.intent === "end" ? ((actionData.result as { error?: Record<string, string[]> } | null)?.error?.[""] ?? []) : [];
  return (
    <main id="main" className="page">
      <h1>{t("committee.title")}</h1>
      <p>{t("committee.intro")}</p>
      {groupSlug ? (
        <p>
          <Link to={groupPath({ networkSlug: network.slug, groupSlug })}>{t("committee.group")}</Link>
        </p>
      ) : null}
      <h2>{t("committee.seats")}</h2>
      {endError.length ? (
        <div className="error-summary" role="alert">
          <ul>
            {endError.map((e) => (
              <li key={e}>{t.message(e)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {seats.length === 0 ? (
        <p>{t("committee.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("committee.organisation")}</th>
              <th scope="col">{t("committee.college")}</th>
              <th scope="col">{t("committee.mandate")}</th>
              {manage ? (
                <th scope="col">
                  <span className="visually-hidden">{t("committee.manage")}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {seats.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.organisation.name}
                  {s.electedInPollId ? ` (${t("committee.elected")})` : null}
                </td>
                <td>{s.college ?? "—"}</td>
                <td>
                  {s.mandateTo
                    ? t("committee.mandateRange", { from: formatDate(s.mandateFrom, locale), to: formatDate(s.mandateTo, locale) })
                    : t("committee.mandateOpen", { from: formatDate(s.mandateFrom, locale) })}
                </td>
                {manage ? (
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="end" />
                      <input type="hidden" name="seatId" value={s.id} />
                      <button type="submit" className="button button--secondary">
                        {t("committee.end.submit", { organisation: s.organisation.name })}
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manage ? (
        <>
          {manage.published.length > 0 ? (
            <section className="card" aria-labelledby="committee-install-title">
              <h2 id="committee-install-title">{t("committee.install.title")}</h2>
              <p>{t("committee.install.hint")}</p>
              {manage.published.map((p) => (
                <InstallForm key={p.id} poll={p} lastResult={installFor(p.id) as never} />
              ))}
            </section>
          ) : null}
          <section className="card" aria-labelledby="committee-record-title">
            <h2 id="committee-record-title">{t("committee.record.title")}</h2>
            <p>{t("committee.record.hint")}</p>
            <RecordForm lastResult={resultFor("record") as never} />
          </section>
        </>
      ) : null}
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
