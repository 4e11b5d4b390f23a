// The statutes settings of a network (issue 12, item 2; docs/decisions/013): quorum at a first and
// a second convocation, proxies, majorities, ties, the comité's seats and its colleges. The form
// works without JavaScript: colleges are rows of fields, with blank rows to add one and an empty
// name to remove one. The model (saveStatutes) checks the whole and audits the change.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";

import { requireActor } from "#app/access/actor.server";
import { requireCan } from "#app/access/require.server";
import { GeneralErrorBoundary } from "#app/components/error-boundary";
import { CheckboxGroup, ErrorSummary, FieldError, SelectField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { getStatutes, type Quorum, saveStatutes, type Statutes } from "#app/models/assemblies.server";
import { requireNetwork } from "#app/models/network.server";
import { formReply } from "#app/utils/errors.server";
import { pageTitle } from "#app/utils/i18n";
import { parseSubmission } from "#app/utils/submission.server";
import { redirectWithToast } from "#app/utils/toast.server";
import { MAJORITY_RULES, QUORUM_COMPARISONS, TIE_RULES } from "#app/utils/votes-domain";

import { AdminNav } from "./__admin-nav";

/** Blank college rows shown below the existing ones: the way to add colleges without JavaScript. */
const BLANK_COLLEGES = 2;
const MAX_COLLEGES = 20;

const count = (key: string) => z.number({ required_error: "form.required", invalid_type_error: key }).int(key).min(0, key).max(10_000, key);

const QuorumSchema = z
  .object({
    kind: z.enum(["none", "fraction"], { errorMap: () => ({ message: "form.invalidChoice" }) }),
    numerator: z.number({ invalid_type_error: "assemblies.error.quorum" }).int("assemblies.error.quorum").optional(),
    denominator: z.number({ invalid_type_error: "assemblies.error.quorum" }).int("assemblies.error.quorum").optional(),
    comparison: z.enum(QUORUM_COMPARISONS, { errorMap: () => ({ message: "form.invalidChoice" }) }).default("atLeast"),
  })
  .superRefine((q, ctx) => {
    if (q.kind !== "fraction") return;
    if (q.numerator === undefined || q.denominator === undefined || q.denominator < 1 || q.numerator < 0 || q.numerator > q.denominator) {
      ctx.addIssue({ code: "custom", message: "assemblies.error.quorum" });
    }
  });

const CollegeRow = z.object({
  name: z.string().trim().max(100, "form.tooLong").optional(),
  minSeats: z
    .number({ invalid_type_error: "assemblies.error.collegeSeats" })
    .int("assemblies.error.collegeSeats")
    .min(0, "assemblies.error.collegeSeats")
    .optional(),
  maxSeats: z
    .number({ invalid_type_error: "assemblies.error.collegeSeats" })
    .int("assemblies.error.collegeSeats")
    .min(0, "assemblies.error.collegeSeats")
    .optional(),
});

const StatutesSchema = z.object({
  quorumFirst: QuorumSchema,
  quorumSecond: QuorumSchema,
  maxProxiesPerHolder: count("assemblies.error.maxProxies"),
  majorityRules: z
    .array(z.enum(MAJORITY_RULES, { errorMap: () => ({ message: "form.invalidChoice" }) }), { required_error: "assemblies.error.majorityRules" })
    .min(1, "assemblies.error.majorityRules"),
  tieRule: z.enum(TIE_RULES, { errorMap: () => ({ message: "assemblies.error.tieRule" }) }),
  committeeSeats: count("assemblies.error.seats"),
  noticeDays: count("assemblies.error.noticeDays"),
  colleges: z.array(CollegeRow).max(MAX_COLLEGES, "form.tooLong").default([]),
});
type StatutesForm = z.infer<typeof StatutesSchema>;

const FIELDS = ["quorumFirst", "quorumSecond", "maxProxiesPerHolder", "majorityRules", "tieRule", "committeeSeats", "noticeDays", "colleges"] as const;

const quorumOf = (q: StatutesForm["quorumFirst"]): Quorum =>
  q.kind === "fraction" ? { numerator: q.numerator!, denominator: q.denominator!, comparison: q.comparison } : null;

/** The form's values as the model's statutes: a row without a name is no college. */
function statutesOf(v: StatutesForm): Statutes {
  return {
    quorumFirst: quorumOf(v.quorumFirst),
    quorumSecond: quorumOf(v.quorumSecond),
    maxProxiesPerHolder: v.maxProxiesPerHolder,
    majorityRules: v.majorityRules,
    tieRule: v.tieRule,
    committeeSeats: v.committeeSeats,
    noticeDays: v.noticeDays,
    colleges: v.colleges.filter((c) => c.name).map((c) => ({ name: c.name!, minSeats: c.minSeats ?? 0, maxSeats: c.maxSeats ?? null })),
  };
}

const quorumDefault = (q: Quorum) =>
  q
    ? { kind: "fraction", numerator: String(q.numerator), denominator: String(q.denominator), comparison: q.comparison }
    : { kind: "none", comparison: "atLeast" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await requireActor(request);
  requireCan(actor, "statutes.manage", { networkId: network.id });
  return { network: { slug: network.slug, name: network.name }, statutes: await getStatutes(network.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const network = await requireNetwork(params.network);
  const actor = await requireActor(request);
  requireCan(actor, "statutes.manage", { networkId: network.id });
  const submission = parseSubmission(await request.formData(), { schema: StatutesSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await saveStatutes(network.id, actor.userId, statutesOf(submission.value));
  } catch (error) {
    return formReply(submission, error, { fields: FIELDS });
  }
  return redirectWithToast(`/${network.slug}/admin/statutes`, { kind: "success", key: "statutes.saved" });
}

export const meta: MetaFunction<typeof loader> = ({ matches }) => pageTitle(matches, (t) => t("statutes.title"));

function QuorumFields({ meta, legend }: { meta: ReturnType<typeof useStatutesForm>[1]["quorumFirst"]; legend: string }) {
  const t = useT();
  const q = meta.getFieldset();
  return (
    <fieldset className={`field${meta.errors?.length ? " field--invalid" : ""}`} id={meta.id} aria-describedby={meta.errors?.length ? meta.errorId : undefined}>
      <legend>{legend}</legend>
      <p className="hint">{t("statutes.quorum.hint")}</p>
      <SelectField
        meta={q.kind}
        label={t("statutes.quorum.kind")}
        options={[
          { value: "none", label: t("statutes.quorum.none") },
          { value: "fraction", label: t("statutes.quorum.fraction") },
        ]}
      />
      <SelectField
        meta={q.comparison}
        label={t("statutes.quorum.comparison")}
        options={QUORUM_COMPARISONS.map((c) => ({ value: c, label: t(`statutes.comparison.${c}`) }))}
      />
      <TextField meta={q.numerator} type="number" min={0} label={t("statutes.quorum.numerator")} optional />
      <TextField meta={q.denominator} type="number" min={1} label={t("statutes.quorum.denominator")} optional />
      <FieldError id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

function useStatutesForm() {
  const { statutes } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const colleges = [
    ...statutes.colleges.map((c) => ({ name: c.name, minSeats: String(c.minSeats), maxSeats: c.maxSeats === null ? "" : String(c.maxSeats) })),
    ...Array.from({ length: BLANK_COLLEGES }, () => ({ name: "", minSeats: "", maxSeats: "" })),
  ];
  return useForm({
    id: "statutes",
    lastResult,
    defaultValue: {
      quorumFirst: quorumDefault(statutes.quorumFirst),
      quorumSecond: quorumDefault(statutes.quorumSecond),
      maxProxiesPerHolder: String(statutes.maxProxiesPerHolder),
      majorityRules: statutes.majorityRules,
      tieRule: statutes.tieRule,
      committeeSeats: String(statutes.committeeSeats),
      noticeDays: String(statutes.noticeDays),
      colleges,
    },
    shouldValidate: "onSubmit",
  });
}

export default function StatutesPage() {
  const t = useT();
  const { network } = useLoaderData<typeof loader>();
  const [form, fields] = useStatutesForm();
  const rows = fields.colleges.getFieldList();
  // After a refused submission the rows are those sent; keep blank rows to add a college.
  const blanks = Math.max(0, BLANK_COLLEGES - rows.filter((r) => !r.getFieldset().name.value).length);
  const shown = Math.min(MAX_COLLEGES, rows.length + blanks);
  // Conform's fields are a proxy that lists nothing: the summary gets every field by name.
  const summaryFields = Object.fromEntries(
    [
      fields.quorumFirst,
      ...(["kind", "numerator", "denominator", "comparison"] as const).map((k) => fields.quorumFirst.getFieldset()[k]),
      fields.quorumSecond,
      ...(["kind", "numerator", "denominator", "comparison"] as const).map((k) => fields.quorumSecond.getFieldset()[k]),
      fields.maxProxiesPerHolder,
      fields.majorityRules,
      fields.tieRule,
      fields.committeeSeats,
      fields.noticeDays,
      fields.colleges,
      ...rows.flatMap((r) => (["name", "minSeats", "maxSeats"] as const).map((k) => r.getFieldset()[k])),
    ].map((f) => [f.name, f]),
  );
  return (
    <main id="main" className="page">
      <AdminNav network={network} current={t("statutes.title")} />
      <h1>{t("statutes.title")}</h1>
      <p>{t("statutes.intro")}</p>
      <div className="card">
        <Form method="post" {...getFormProps(form)}>
          <ErrorSummary form={form} fields={summaryFields} />
          <QuorumFields meta={fields.quorumFirst} legend={t("statutes.quorumFirst")} />
          <QuorumFields meta={fields.quorumSecond} legend={t("statutes.quorumSecond")} />
          <TextField meta={fields.maxProxiesPerHolder} type="number" min={0} label={t("statutes.maxProxies")} />
          <CheckboxGroup
            meta={fields.majorityRules}
            legend={t("statutes.majorityRules")}
            columns={false}
            options={MAJORITY_RULES.map((r) => ({ value: r, label: t(`statutes.majority.${r}`) }))}
          />
          <SelectField meta={fields.tieRule} label={t("statutes.tieRule")} options={TIE_RULES.map((r) => ({ value: r, label: t(`statutes.tie.${r}`) }))} />
          <TextField meta={fields.committeeSeats} type="number" min={0} label={t("statutes.committeeSeats")} />
          <TextField meta={fields.noticeDays} type="number" min={0} label={t("statutes.noticeDays")} />
          <fieldset
            className={`field${fields.colleges.errors?.length ? " field--invalid" : ""}`}
            id={fields.colleges.id}
            aria-describedby={[`${fields.colleges.id}-hint`, fields.colleges.errors?.length ? fields.colleges.errorId : null].filter(Boolean).join(" ")}
          >
            <legend>{t("statutes.colleges")}</legend>
            <p id={`${fields.colleges.id}-hint`} className="hint">
              {t("statutes.colleges.hint")}
            </p>
            <FieldError id={fields.colleges.errorId} errors={fields.colleges.errors} />
            {Array.from({ length: shown }, (_, i) => {
              const row = rows[i]?.getFieldset();
              const n = i + 1;
              if (row) {
                return (
                  <div key={rows[i]!.key} className="college-row">
                    <TextField meta={row.name} label={t("statutes.college.name", { n })} optional />
                    <TextField meta={row.minSeats} type="number" min={0} label={t("statutes.college.min", { n })} optional />
                    <TextField
                      meta={row.maxSeats}
                      type="number"
                      min={0}
                      label={t("statutes.college.max", { n })}
                      hint={t("statutes.college.maxHint")}
                      optional
                    />
                  </div>
                );
              }
              const name = `${fields.colleges.name}[${i}]`;
              return (
                <div key={`blank-${i}`} className="college-row">
                  {(["name", "minSeats", "maxSeats"] as const).map((part) => (
                    <div className="field" key={part}>
                      <label htmlFor={`${form.id}-college-${i}-${part}`}>
                        {t(part === "name" ? "statutes.college.name" : part === "minSeats" ? "statutes.college.min" : "statutes.college.max", { n })}
                        <span className="optional"> ({t("form.optional")})</span>
                      </label>
                      <input
                        id={`${form.id}-college-${i}-${part}`}
                        name={`${name}.${part}`}
                        form={form.id}
                        {...(part === "name" ? { type: "text" } : { type: "number", min: 0 })}
                      />
                    </div>
                  ))}
                </div>
              );
            })}
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="button">
              {t("form.save")}
            </button>
          </div>
        </Form>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
