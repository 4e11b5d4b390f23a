// A new poll of an assembly, for its coordinators: a resolution (majority rule among those the
// statutes allow, base, choices) or an election of the comité (seats, candidacy deadline), on an
// agenda item (?item=) and, for a second round, following an earlier poll (?previous=). Every
// field is shown without JavaScript; the ones of the other kind are ignored by the server.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { can } from "#app/access/can";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { DateField, ErrorSummary, SelectField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { createPoll } from "#app/models/polls.server";
import { brusselsInstant, parseDateKey, parseTimeOfDay } from "#app/utils/brussels-time";
import { prisma } from "#app/utils/db.server";
import { forbidden, formReply, invariantResponse } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { assemblyPath, pollPath } from "#app/utils/paths";
import { parseSubmission } from "#app/utils/submission.server";
import { singleLine } from "#app/utils/text";
import { redirectWithToast } from "#app/utils/toast.server";
import { CHOICE_SETS, MAJORITY_BASES, MAJORITY_RULES, POLL_KINDS } from "#app/utils/votes-domain";

import { assemblyReader } from "./__assembly.server";

const optional = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => v || undefined);

const NewPollSchema = z
  .object({
    kind: z.enum(POLL_KINDS, { message: "poll.form.kind" }),
    title: singleLine(z.string({ required_error: "form.required" }).trim().min(2, "form.tooShort").max(200, "form.tooLong")),
    agendaItemId: optional,
    previousPollId: optional,
    majorityRule: optional,
    base: optional,
    choiceSet: optional,
    seats: z.number({ invalid_type_error: "form.number" }).int("form.number").min(1, "poll.form.seats").max(100, "poll.form.seats").optional(),
    candidaciesDate: optional,
    candidaciesTime: optional,
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.kind === "resolution") {
      if (!v.majorityRule || !(MAJORITY_RULES as readonly string[]).includes(v.majorityRule)) issue("majorityRule", "poll.form.majorityRule");
      if (!v.base || !(MAJORITY_BASES as readonly string[]).includes(v.base)) issue("base", "poll.form.base");
      if (!v.choiceSet || !(v.choiceSet in CHOICE_SETS)) issue("choiceSet", "poll.form.choiceSet");
    } else {
      if (!v.seats) issue("seats", "poll.form.seats");
      if (v.candidaciesDate && parseDateKey(v.candidaciesDate) === null) issue("candidaciesDate", "assembly.form.invalidDate");
      if (v.candidaciesTime && parseTimeOfDay(v.candidaciesTime) === null) issue("candidaciesTime", "assembly.form.invalidTime");
    }
  });

async function guard(request: Request, params: { network?: string; assembly?: string }) {
  const reader = await assemblyReader(request, params.network);
  if (!can(reader.actor, "poll.manage", { networkId: reader.network.id })) forbidden();
  const assembly = await prisma.assembly.findFirst({
    where: { id: params.assembly ?? "", networkId: reader.network.id },
    select: {
      id: true,
      title: true,
      status: true,
      rules: true,
      agenda: { orderBy: { position: "asc" }, select: { id: true, title: true } },
      polls: { where: { status: { in: ["closed", "published", "cancelled"] }, nextRound: null }, select: { id: true, title: true, kind: true } },
    },
  });
  invariantResponse(assembly, "assemblies.error.notFound", 404);
  return { ...reader, assembly };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, assembly } = await guard(request, params);
  const url = new URL(request.url);
  const item = assembly.agenda.find((i) => i.id === url.searchParams.get("item"))?.id ?? "";
  const previous = assembly.polls.find((p) => p.id === url.searchParams.get("previous"));
  const rules = assembly.rules as { majorityRules?: string[]; committeeSeats?: number } | null;
  return {
    network: { slug: network.slug, name: network.name },
    assembly: { id: assembly.id, title: assembly.title, agenda: assembly.agenda },
    majorityRules: rules?.majorityRules ?? [...MAJORITY_RULES],
    previous: previous ? { id: previous.id, title: previous.title, kind: previous.kind } : null,
    defaults: {
      kind: previous?.kind ?? "resolution",
      title: previous ? previous.title : "",
      agendaItemId: item,
      base: "cast-for-against",
      choiceSet: "for-against-abstain",
      majorityRule: rules?.majorityRules?.[0] ?? "simple",
      seats: String(rules?.committeeSeats || 1),
      candidaciesDate: "",
      candidaciesTime: "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { network, actor, assembly } = await guard(request, params);
  const submission = parseSubmission(await request.formData(), { schema: NewPollSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const v = submission.value;
  const resolution = v.kind === "resolution";
  try {
    const poll = await createPoll(assembly.id, actor.userId, {
      kind: v.kind,
      title: v.title,
      agendaItemId: v.agendaItemId ?? null,
      previousPollId: v.previousPollId ?? null,
      majorityRule: resolution ? v.majorityRule : null,
      base: resolution ? v.base : null,
      choiceSet: resolution ? v.choiceSet : null,
      seats: resolution ? null : (v.seats ?? null),
      candidaciesUntil:
        !resolution && v.candidaciesDate ? brusselsInstant(v.candidaciesDate, v.candidaciesTime ? parseTimeOfDay(v.candidaciesTime)! : 23 * 60 + 59) : null,
    });
    return redirectWithToast(pollPath(network.slug, assembly.id, poll.id), { kind: "success", key: "poll.created" });
  } catch (error) {
    return formReply(submission, error);
  }
}

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) =>
  pageTitle(matches, (t) => (d ? `${t("poll.new.title")} — ${d.assembly.title}` : undefined));

export default function NewPoll() {
  const t = useT();
  const { network, assembly, majorityRules, previous, defaults } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({ id: "new-poll", lastResult: useActionData<typeof action>(), defaultValue: defaults, shouldValidate: "onSubmit" });
  return (
    <main id="main" className="page page--form">
      <p>
        <Link to={assemblyPath(network.slug, assembly.id)}>← {assembly.title}</Link>
      </p>
      <h1>{previous ? t("poll.new.secondRound", { title: previous.title }) : t("poll.new.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <ErrorSummary
          form={form}
          fields={{
            kind: fields.kind,
            title: fields.title,
            agendaItemId: fields.agendaItemId,
            majorityRule: fields.majorityRule,
            base: fields.base,
            choiceSet: fields.choiceSet,
            seats: fields.seats,
            candidaciesDate: fields.candidaciesDate,
            candidaciesTime: fields.candidaciesTime,
          }}
        />
        {previous ? (
          <>
            <input type="hidden" name="previousPollId" value={previous.id} />
            <input type="hidden" name="kind" value={previous.kind} />
          </>
        ) : (
          <SelectField meta={fields.kind} label={t("poll.form.kindLabel")} options={POLL_KINDS.map((k) => ({ value: k, label: t.pick("poll.kind", k) }))} />
        )}
        <TextField meta={fields.title} label={t("poll.form.title")} hint={t("poll.form.titleHint")} />
        <SelectField
          meta={fields.agendaItemId}
          label={t("poll.form.agendaItem")}
          optional
          options={assembly.agenda.map((i, n) => ({ value: i.id, label: `${n + 1}. ${i.title}` }))}
        />
        <fieldset className="stack">
          <legend>{t("poll.form.resolution")}</legend>
          <SelectField
            meta={fields.majorityRule}
            label={t("poll.form.majorityRuleLabel")}
            options={majorityRules.map((r) => ({ value: r, label: t.pick("poll.majority", r) }))}
          />
          <SelectField meta={fields.base} label={t("poll.form.baseLabel")} options={MAJORITY_BASES.map((b) => ({ value: b, label: t.pick("poll.base", b) }))} />
          <SelectField
            meta={fields.choiceSet}
            label={t("poll.form.choiceSetLabel")}
            options={Object.keys(CHOICE_SETS).map((c) => ({ value: c, label: t.pick("poll.choiceSet", c) }))}
          />
        </fieldset>
        <fieldset className="stack">
          <legend>{t("poll.form.election")}</legend>
          <TextField meta={fields.seats} type="number" label={t("poll.form.seatsLabel")} />
          <DateField meta={fields.candidaciesDate} label={t("poll.form.candidaciesDate")} hint={t("poll.form.candidaciesHint")} optional />
          <TextField meta={fields.candidaciesTime} type="time" label={t("poll.form.candidaciesTime")} optional />
        </fieldset>
        <button type="submit" className="button">
          {t("poll.new.submit")}
        </button>
      </Form>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
