// The organisation form shared by "edit" and "new": one Zod schema for the browser and the
// server, and a component whose opening-hours rows work without JavaScript (existing rows with a
// "remove" box, plus empty rows to fill; empty rows are ignored).
import { type DefaultValue, type FieldMetadata, getFormProps, getSelectProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { z } from "zod";

import { Checkbox, CheckboxGroup, ErrorSummary, FieldError, SelectField, TextareaField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import type { OpeningHourInput, OrganisationInput } from "#app/models/organisation.server";
import { formatMinutes, parseTimeOfDay } from "#app/utils/brussels-time";
import { ORGANISATION_KINDS, SPOKEN_LANGUAGES } from "#app/utils/domain";
import { singleLine } from "#app/utils/text";

/** Empty rows offered under the existing opening hours. */
export const EMPTY_HOUR_ROWS = 3;

const optionalText = (max: number) => z.string().trim().max(max, "form.tooLong").optional();
const optionalLine = (max: number) => singleLine(z.string().trim().max(max, "form.tooLong")).optional();

/** "50,4669" (Belgian decimal comma) or "50.4669"; empty means none. */
const coordinate = (limit: number, message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((text, ctx) => {
      if (!text) return null;
      const value = Number(text.replace(",", "."));
      if (!Number.isFinite(value) || Math.abs(value) > limit) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message });
        return z.NEVER;
      }
      return value;
    });

const HourRowSchema = z
  .object({
    weekday: z.string().optional(),
    opensAt: z.string().optional(),
    closesAt: z.string().optional(),
    byAppointment: z.boolean().optional(),
    note: optionalLine(200),
    remove: z.boolean().optional(),
  })
  .superRefine((row, ctx) => {
    if (row.remove || isBlankRow(row)) return;
    if (!/^[1-7]$/.test(row.weekday ?? "")) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["weekday"], message: "org.error.weekday" });
    const from = parseTimeOfDay(row.opensAt ?? "");
    const to = parseTimeOfDay(row.closesAt ?? "");
    if (from === null) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["opensAt"], message: "org.error.time" });
    if (to === null) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["closesAt"], message: "org.error.time" });
    if (from !== null && to !== null && to <= from) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["closesAt"], message: "org.error.timeOrder" });
    }
  });

type HourRow = z.infer<typeof HourRowSchema>;

/** What the form's fields hold before validation (the shape Conform works with). */
type FormShape = z.input<ReturnType<typeof organisationSchema>>;

function isBlankRow(row: HourRow) {
  return !row.weekday && !row.opensAt && !row.closesAt && !row.note;
}

/** The form's schema; themes are the network's list, the only ones a member may pick here. */
export function organisationSchema(themes: readonly string[]) {
  return z
    .object({
      name: singleLine(z.string({ required_error: "form.required" }).trim().min(2, "form.tooShort").max(150, "form.tooLong")),
      shortName: optionalLine(40),
      kind: z.enum(ORGANISATION_KINDS, {
        errorMap: (issue) => ({ message: issue.code === z.ZodIssueCode.invalid_type ? "form.required" : "form.invalidChoice" }),
      }),
      description: optionalText(3000),
      street: optionalLine(150),
      postalCode: z
        .string()
        .trim()
        .regex(/^\d{4}$/, "org.error.postalCode")
        .optional(),
      commune: optionalLine(80),
      latitude: coordinate(90, "org.error.latitude"),
      longitude: coordinate(180, "org.error.longitude"),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[\d\s./()-]{6,25}$/, "form.invalidPhone")
        .optional(),
      email: z.string().trim().toLowerCase().max(254, "form.tooLong").email("form.invalidEmail").optional(),
      website: z
        .string()
        .trim()
        .max(300, "form.tooLong")
        // One check, one message: "exemple.be" is neither a URL nor http(s).
        .refine((url) => /^https?:\/\//i.test(url) && z.string().url().safeParse(url).success, "form.invalidUrl")
        .optional(),
      addressPublic: z.boolean().optional(),
      phonePublic: z.boolean().optional(),
      emailPublic: z.boolean().optional(),
      websitePublic: z.boolean().optional(),
      themes: z
        .array(z.string())
        .optional()
        .refine((list) => (list ?? []).every((x) => themes.includes(x)), "org.error.theme"),
      languages: z
        .array(z.string())
        .optional()
        .refine((list) => (list ?? []).every((x) => (SPOKEN_LANGUAGES as readonly string[]).includes(x)), "form.invalidChoice"),
      hours: z.array(HourRowSchema).optional(),
    })
    .superRefine((value, ctx) => {
      const lat = value.latitude != null;
      const lon = value.longitude != null;
      if (lat !== lon) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [lat ? "longitude" : "latitude"], message: "org.error.coordinatesPair" });
      }
    });
}

export type OrganisationFormValue = z.infer<ReturnType<typeof organisationSchema>>;

/** The validated form as the input of createOrganisation / updateOrganisation. */
export function toOrganisationInput(value: OrganisationFormValue, themes: readonly string[]): OrganisationInput {
  const hours: OpeningHourInput[] = (value.hours ?? [])
    .filter((row) => !row.remove && !isBlankRow(row))
    .map((row) => ({
      weekday: Number(row.weekday),
      opensAt: parseTimeOfDay(row.opensAt!)!,
      closesAt: parseTimeOfDay(row.closesAt!)!,
      byAppointment: row.byAppointment ?? false,
      note: row.note ?? "",
    }))
    .sort((a, b) => a.weekday - b.weekday || a.opensAt - b.opensAt);
  const picked = new Set(value.themes ?? []);
  const spoken = new Set(value.languages ?? []);
  return {
    name: value.name,
    shortName: value.shortName || null,
    kind: value.kind,
    description: value.description ?? "",
    street: value.street ?? "",
    postalCode: value.postalCode ?? "",
    commune: value.commune ?? "",
    latitude: value.latitude,
    longitude: value.longitude,
    phone: value.phone || null,
    email: value.email || null,
    website: value.website || null,
    addressPublic: value.addressPublic ?? false,
    phonePublic: value.phonePublic ?? false,
    emailPublic: value.emailPublic ?? false,
    websitePublic: value.websitePublic ?? false,
    // Kept in the order of the lists, so that the audit log shows no change when nothing changed.
    themes: themes.filter((x) => picked.has(x)),
    languages: SPOKEN_LANGUAGES.filter((x) => spoken.has(x)),
    hours,
  };
}

type StoredOrganisation = Omit<OrganisationInput, "hours"> & { hours: OpeningHourInput[] };

/** Form default values from a stored organisation, plus the empty opening-hours rows. */
export function formDefaults(org: StoredOrganisation | null): DefaultValue<FormShape> {
  const blank = Array.from({ length: EMPTY_HOUR_ROWS }, () => ({}));
  if (!org) {
    return { kind: "association", addressPublic: true, phonePublic: true, emailPublic: true, websitePublic: true, hours: blank };
  }
  return {
    ...org,
    shortName: org.shortName ?? "",
    latitude: org.latitude?.toString() ?? "",
    longitude: org.longitude?.toString() ?? "",
    phone: org.phone ?? "",
    email: org.email ?? "",
    website: org.website ?? "",
    hours: [
      ...org.hours.map((h) => ({
        weekday: String(h.weekday),
        opensAt: formatMinutes(h.opensAt),
        closesAt: formatMinutes(h.closesAt),
        byAppointment: h.byAppointment,
        note: h.note,
      })),
      ...blank,
    ],
  };
}

export function OrganisationForm({
  id,
  themes,
  defaultValue,
  existingHours,
  lastResult,
  submitLabel,
  cancelHref,
}: {
  id: string;
  themes: string[];
  defaultValue: DefaultValue<FormShape>;
  /** How many rows at the top are stored opening hours (they get a "remove" box). */
  existingHours: number;
  lastResult: SubmissionResult<string[]> | undefined;
  submitLabel: string;
  cancelHref: string;
}) {
  const t = useT();
  const schema = organisationSchema(themes);
  const [form, fields] = useForm<FormShape, OrganisationFormValue>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const hourRows = fields.hours.getFieldList();
  // Conform's field collections are proxies that cannot be spread: name the fields one by one.
  const summaryFields: Record<string, { id: string; errors?: string[] }> = {};
  for (const name of TOP_FIELDS) summaryFields[name] = fields[name];
  hourRows.forEach((row, i) => {
    const rowFields = row.getFieldset();
    for (const name of HOUR_FIELDS) summaryFields[`hours.${i}.${name}`] = rowFields[name];
  });
  return (
    <Form method="post" {...getFormProps(form)} className="organisation-form">
      <ErrorSummary form={form} fields={summaryFields} />
      <fieldset>
        <legend>{t("org.form.identity")}</legend>
        <TextField meta={fields.name} label={t("org.form.name")} autoComplete="organization" />
        <TextField meta={fields.shortName} label={t("org.form.shortName")} optional />
        <SelectField meta={fields.kind} label={t("org.form.kind")} options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))} />
        <TextareaField meta={fields.description} label={t("org.form.description")} hint={t("org.form.descriptionHint")} optional rows={6} />
      </fieldset>
      <fieldset>
        <legend>{t("org.form.address")}</legend>
        <TextField meta={fields.street} label={t("org.form.street")} optional autoComplete="address-line1" />
        <div className="form-row">
          <TextField
            meta={fields.postalCode}
            label={t("org.form.postalCode")}
            optional
            inputMode="numeric"
            autoComplete="postal-code"
            className="input--short"
          />
          <TextField meta={fields.commune} label={t("org.form.commune")} optional autoComplete="address-level2" />
        </div>
        <div className="form-row">
          <TextField
            meta={fields.latitude}
            label={t("org.form.latitude")}
            hint={t("org.form.coordinatesHint")}
            optional
            inputMode="decimal"
            className="input--short"
          />
          <TextField meta={fields.longitude} label={t("org.form.longitude")} optional inputMode="decimal" className="input--short" />
        </div>
        <Checkbox meta={fields.addressPublic} label={t("org.form.addressPublic")} hint={t("org.form.visibilityHint")} />
      </fieldset>
      <fieldset>
        <legend>{t("org.form.contacts")}</legend>
        <TextField meta={fields.phone} label={t("org.form.phone")} type="tel" optional autoComplete="tel" />
        <Checkbox meta={fields.phonePublic} label={t("org.form.phonePublic")} />
        <TextField meta={fields.email} label={t("org.form.email")} type="email" optional autoComplete="email" />
        <Checkbox meta={fields.emailPublic} label={t("org.form.emailPublic")} />
        <TextField meta={fields.website} label={t("org.form.website")} type="url" optional autoComplete="url" />
        <Checkbox meta={fields.websitePublic} label={t("org.form.websitePublic")} />
      </fieldset>
      {themes.length ? <CheckboxGroup meta={fields.themes} legend={t("org.form.themes")} options={themes.map((x) => ({ value: x, label: x }))} /> : null}
      <CheckboxGroup
        meta={fields.languages}
        legend={t("org.form.languages")}
        options={SPOKEN_LANGUAGES.map((x) => ({ value: x, label: t(`org.lang.${x}`) }))}
      />
      <fieldset className="hours-editor" aria-describedby={`${form.id}-hours-hint`}>
        <legend>{t("org.form.hours")}</legend>
        <p className="hint" id={`${form.id}-hours-hint`}>
          {t("org.form.hoursHint")}
        </p>
        {hourRows.map((row, i) => (
          <HourRowFields
            key={row.key}
            row={row}
            legend={i < existingHours ? t("org.form.hourExisting", { n: i + 1 }) : t("org.form.hourNew", { n: i - existingHours + 1 })}
            removable={i < existingHours}
          />
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>
        <Link to={cancelHref}>{t("form.cancel")}</Link>
      </div>
    </Form>
  );
}

const TOP_FIELDS = [
  "name",
  "shortName",
  "kind",
  "description",
  "street",
  "postalCode",
  "commune",
  "latitude",
  "longitude",
  "phone",
  "email",
  "website",
  "addressPublic",
  "phonePublic",
  "emailPublic",
  "websitePublic",
  "themes",
  "languages",
] as const;
const HOUR_FIELDS = ["weekday", "opensAt", "closesAt", "byAppointment", "note", "remove"] as const;

type RowMeta = FieldMetadata<NonNullable<FormShape["hours"]>[number], FormShape, string[]>;

function HourRowFields({ row, legend, removable }: { row: RowMeta; legend: string; removable: boolean }) {
  const t = useT();
  const f = row.getFieldset();
  const weekday = getSelectProps(f.weekday, { ariaAttributes: true });
  const invalid = [f.weekday, f.opensAt, f.closesAt, f.note].some((m) => m.errors?.length);
  return (
    <fieldset className={`hour-row${invalid ? " hour-row--invalid" : ""}`}>
      <legend>{legend}</legend>
      <div className="hour-row__fields">
        <div className={`field${f.weekday.errors?.length ? " field--invalid" : ""}`}>
          <label htmlFor={f.weekday.id}>{t("org.form.weekday")}</label>
          <select {...weekday} key={weekday.key}>
            <option value="">{t("org.form.chooseDay")}</option>
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <option key={d} value={String(d)}>
                {t.pick("weekday", d)}
              </option>
            ))}
          </select>
          <FieldError id={f.weekday.errorId} errors={f.weekday.errors} />
        </div>
        <TextField meta={f.opensAt} label={t("org.form.opensAt")} type="time" />
        <TextField meta={f.closesAt} label={t("org.form.closesAt")} type="time" />
        <TextField meta={f.note} label={t("org.form.note")} optional />
      </div>
      <div className="cluster">
        <Checkbox meta={f.byAppointment} label={t("org.form.byAppointment")} />
        {removable ? <Checkbox meta={f.remove} label={t("org.form.remove")} /> : null}
      </div>
    </fieldset>
  );
}
