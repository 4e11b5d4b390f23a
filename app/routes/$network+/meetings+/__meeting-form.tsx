// The meeting forms: one schema per form, shared by the browser and the server. Times are typed
// as Brussels wall-clock times ("14:00", "9h30"); a series is described in words that match the
// rule ("every month on the 2nd Tuesday", "every week on Monday") and ends at a date or after a
// number of meetings. Everything works without JavaScript: the series fields are simply ignored
// for a single meeting.
import type { FieldMetadata } from "@conform-to/react";
import { z } from "zod";

import { Checkbox, DateField, FieldError, SelectField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import type { MeetingInput, ScheduleInput } from "#app/models/meetings.server";
import { parseDateKey, parseTimeOfDay, weekdayOf } from "#app/utils/brussels-time";
import { SERIES_ORDINALS } from "#app/utils/domain";
import { singleLine } from "#app/utils/text";

const time = z
  .string({ required_error: "form.required" })
  .trim()
  .refine((v) => parseTimeOfDay(v) !== null, "meetings.form.invalidTime");

const day = z
  .string({ required_error: "form.required" })
  .trim()
  .refine((v) => parseDateKey(v) !== null, "meetings.form.invalidDate");

const meetingFields = {
  title: singleLine(z.string({ required_error: "form.required" }).trim().min(2, "form.tooShort").max(160, "form.tooLong")),
  date: day,
  startTime: time,
  endTime: time,
  place: singleLine(z.string().trim().max(300, "form.tooLong")).optional().default(""),
  videoUrl: z
    .string()
    .trim()
    .max(500, "form.tooLong")
    .refine((v) => /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v), "meetings.form.invalidUrl")
    .optional(),
  isPublic: z.boolean().optional().default(false),
};

function checkTimes(value: { startTime: string; endTime: string; place?: string; videoUrl?: string }, ctx: z.RefinementCtx) {
  const start = parseTimeOfDay(value.startTime);
  const end = parseTimeOfDay(value.endTime);
  if (start !== null && end !== null && end <= start) ctx.addIssue({ code: "custom", path: ["endTime"], message: "meetings.error.endBeforeStart" });
  if (!value.place?.trim() && !value.videoUrl) ctx.addIssue({ code: "custom", path: ["place"], message: "meetings.error.placeOrVideo" });
}

export const EditMeetingSchema = z.object(meetingFields).superRefine(checkTimes);

export const REPEATS = ["none", "monthly", "weekly"] as const;

export const NewMeetingSchema = z
  .object({
    ...meetingFields,
    group: z.string({ required_error: "meetings.form.groupRequired" }).min(1, "meetings.form.groupRequired"),
    proposalsDaysBefore: z
      .number({ invalid_type_error: "meetings.form.invalidNumber" })
      .int("meetings.form.invalidNumber")
      .min(0, "meetings.form.invalidNumber")
      .max(60, "meetings.form.invalidNumber")
      .optional(),
    repeat: z.enum(REPEATS, { message: "form.invalidChoice" }).default("none"),
    interval: z
      .number({ invalid_type_error: "meetings.form.invalidNumber" })
      .int("meetings.form.invalidNumber")
      .min(1, "meetings.form.invalidNumber")
      .max(12, "meetings.form.invalidNumber")
      .default(1),
    ordinal: z.enum(SERIES_ORDINALS.map(String) as [string, ...string[]], { message: "form.invalidChoice" }).optional(),
    weekday: z.enum(["1", "2", "3", "4", "5", "6", "7"], { message: "form.invalidChoice" }).optional(),
    ends: z.enum(["count", "until"], { message: "form.invalidChoice" }).default("count"),
    count: z.number({ invalid_type_error: "meetings.form.invalidNumber" }).int("meetings.form.invalidNumber").min(1, "meetings.form.invalidNumber").optional(),
    untilOn: day.optional(),
  })
  .superRefine((value, ctx) => {
    checkTimes(value, ctx);
    if (value.repeat === "none") return;
    if (value.repeat === "monthly" && !value.ordinal) ctx.addIssue({ code: "custom", path: ["ordinal"], message: "series.error.ordinalRequired" });
    if (value.ends === "count" && !value.count) ctx.addIssue({ code: "custom", path: ["count"], message: "series.error.endRequired" });
    if (value.ends === "until" && !value.untilOn) ctx.addIssue({ code: "custom", path: ["untilOn"], message: "series.error.endRequired" });
  });

export type NewMeetingValue = z.output<typeof NewMeetingSchema>;
export type EditMeetingValue = z.output<typeof EditMeetingSchema>;

export function meetingInput(value: EditMeetingValue): MeetingInput {
  return {
    title: value.title,
    day: value.date,
    startMinutes: parseTimeOfDay(value.startTime)!,
    endMinutes: parseTimeOfDay(value.endTime)!,
    place: value.place ?? "",
    videoUrl: value.videoUrl || null,
    isPublic: value.isPublic ?? false,
  };
}

export function scheduleInput(value: NewMeetingValue): ScheduleInput {
  const weekday = value.weekday ? Number(value.weekday) : weekdayOf(value.date);
  return {
    ...meetingInput(value),
    proposalsDaysBefore: value.proposalsDaysBefore ?? null,
    repeat:
      value.repeat === "none"
        ? null
        : {
            frequency: value.repeat,
            interval: value.interval,
            weekday,
            ordinal: value.repeat === "monthly" ? Number(value.ordinal) : null,
            count: value.ends === "count" ? value.count : null,
            untilOn: value.ends === "until" ? value.untilOn : null,
          },
  };
}

type Meta = FieldMetadata<unknown, Record<string, unknown>, string[]>;

export const MEETING_FIELDS = ["title", "date", "startTime", "endTime", "place", "videoUrl", "isPublic"] as const;
export const NEW_MEETING_FIELDS = [
  "group",
  ...MEETING_FIELDS,
  "proposalsDaysBefore",
  "repeat",
  "ordinal",
  "weekday",
  "interval",
  "ends",
  "count",
  "untilOn",
] as const;

/**
 * The named fields, for the error summary: Conform's `fields` only enumerates the fields it has
 * seen a value or a constraint for, and a schema with cross-field checks gives no constraints.
 */
export function summaryFields<F extends Record<string, { id: string; errors?: string[] }>>(fields: F, names: readonly string[]) {
  return Object.fromEntries(names.map((name) => [name, fields[name as keyof F]])) as Record<string, { id: string; errors?: string[] }>;
}

/** Title, day and times, place and video link, public or not. */
export function MeetingFields({ fields }: { fields: Record<"title" | "date" | "startTime" | "endTime" | "place" | "videoUrl" | "isPublic", Meta> }) {
  const t = useT();
  return (
    <>
      <TextField meta={fields.title} label={t("meetings.form.title")} hint={t("meetings.form.titleHint")} />
      <DateField meta={fields.date} label={t("meetings.form.date")} />
      <div className="meeting-times">
        <TextField meta={fields.startTime} type="time" label={t("meetings.form.startTime")} hint={t("meetings.form.timeHint")} />
        <TextField meta={fields.endTime} type="time" label={t("meetings.form.endTime")} />
      </div>
      <TextField meta={fields.place} label={t("meetings.form.place")} hint={t("meetings.form.placeHint")} optional autoComplete="address-line1" />
      <TextField meta={fields.videoUrl} type="url" label={t("meetings.form.videoUrl")} hint={t("meetings.form.videoUrlHint")} optional />
      <Checkbox meta={fields.isPublic} label={t("meetings.form.isPublic")} hint={t("meetings.form.isPublicHint")} />
    </>
  );
}

/** Radio buttons in a fieldset, with the error beside them. */
export function RadioGroup({ meta, legend, hint, options }: { meta: Meta; legend: string; hint?: string; options: { value: string; label: string }[] }) {
  const current = meta.initialValue == null ? undefined : String(meta.initialValue);
  const describedBy = [hint ? `${meta.id}-hint` : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={`field radio-group${meta.errors?.length ? " field--invalid" : ""}`} id={meta.id} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {options.map((o) => (
        <label key={o.value} className="radio">
          <input type="radio" name={meta.name} value={o.value} defaultChecked={current === o.value} key={`${meta.key ?? ""}-${o.value}`} />
          {o.label}
        </label>
      ))}
      <FieldError id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

/** The series part of the new-meeting form. */
export function SeriesFields({ fields }: { fields: Record<"repeat" | "interval" | "ordinal" | "weekday" | "ends" | "count" | "untilOn", Meta> }) {
  const t = useT();
  return (
    <fieldset className="meeting-series">
      <legend>{t("meetings.form.series")}</legend>
      <RadioGroup meta={fields.repeat} legend={t("meetings.form.repeat")} options={REPEATS.map((r) => ({ value: r, label: t(`meetings.form.repeat.${r}`) }))} />
      <p className="hint">{t("meetings.form.seriesHint")}</p>
      <div className="meeting-series__rule">
        <SelectField
          meta={fields.ordinal}
          label={t("meetings.form.ordinal")}
          hint={t("meetings.form.ordinalHint")}
          optional
          options={SERIES_ORDINALS.map((o) => ({ value: String(o), label: t(`meetings.ordinal.${o}`) }))}
        />
        <SelectField
          meta={fields.weekday}
          label={t("meetings.form.weekday")}
          hint={t("meetings.form.weekdayHint")}
          optional
          options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t.pick("meetings.weekday", d) }))}
        />
        <TextField meta={fields.interval} type="number" min={1} max={12} label={t("meetings.form.interval")} hint={t("meetings.form.intervalHint")} />
      </div>
      <RadioGroup
        meta={fields.ends}
        legend={t("meetings.form.ends")}
        options={[
          { value: "count", label: t("meetings.form.ends.count") },
          { value: "until", label: t("meetings.form.ends.until") },
        ]}
      />
      <div className="meeting-series__rule">
        <TextField meta={fields.count} type="number" min={1} max={60} label={t("meetings.form.count")} optional />
        <DateField meta={fields.untilOn} label={t("meetings.form.untilOn")} optional />
      </div>
    </fieldset>
  );
}

/** An agenda item: added by the facilitator, or proposed by a member. */
export const AgendaItemSchema = z.object({
  title: singleLine(z.string({ required_error: "form.required" }).trim().min(2, "form.tooShort").max(200, "form.tooLong")),
  ownerName: singleLine(z.string().trim().max(120, "form.tooLong")).optional().default(""),
  durationMinutes: z
    .number({ invalid_type_error: "meetings.form.invalidNumber" })
    .int("meetings.form.invalidNumber")
    .min(1, "meetings.form.invalidNumber")
    .max(480, "meetings.form.invalidNumber")
    .optional(),
});

export function agendaInput(value: z.output<typeof AgendaItemSchema>) {
  return { title: value.title, ownerName: value.ownerName ?? "", durationMinutes: value.durationMinutes ?? null };
}

export function AgendaItemFields({ fields }: { fields: Record<"title" | "ownerName" | "durationMinutes", Meta> }) {
  const t = useT();
  return (
    <>
      <TextField meta={fields.title} label={t("meetings.agenda.itemTitle")} />
      <TextField meta={fields.ownerName} label={t("meetings.agenda.owner")} hint={t("meetings.agenda.ownerHint")} optional />
      <TextField meta={fields.durationMinutes} type="number" min={1} max={480} label={t("meetings.agenda.duration")} optional />
    </>
  );
}

export const RsvpSchema = z.object({ response: z.enum(["yes", "no", "maybe"], { required_error: "meetings.rsvp.choose", message: "meetings.rsvp.choose" }) });
