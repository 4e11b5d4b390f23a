// Accessible form fields: a visible label, the hint and the error beside the field (linked by
// aria-describedby), aria-invalid, and an error summary at the top of the form. Error messages
// are translation keys (schemas stay language-free) translated here.
import { type FieldMetadata, type FormMetadata, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { type ReactNode, useEffect, useRef } from "react";

import { useT } from "./i18n";

type Meta = FieldMetadata<unknown, Record<string, unknown>, string[]>;

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error">
      <span aria-hidden="true">⚠ </span>
      {errors.map((e) => t.message(e)).join(" ")}
    </p>
  );
}

function describedBy(meta: Meta, hint?: ReactNode) {
  const ids = [hint ? `${meta.id}-hint` : null, meta.errors?.length ? meta.errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Label({ meta, label, optional }: { meta: Meta; label: ReactNode; optional?: boolean }) {
  const t = useT();
  return (
    <label htmlFor={meta.id}>
      {label}
      {optional ? <span className="optional"> ({t("form.optional")})</span> : null}
    </label>
  );
}

export function TextField({
  meta,
  label,
  hint,
  type = "text",
  optional,
  ...rest
}: {
  meta: Meta;
  label: ReactNode;
  hint?: ReactNode;
  type?: "text" | "email" | "password" | "tel" | "url" | "number" | "time" | "search";
  optional?: boolean;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "type">) {
  const props = getInputProps(meta, { type, ariaAttributes: true });
  return (
    <div className={`field${meta.errors?.length ? " field--invalid" : ""}`}>
      <Label meta={meta} label={label} optional={optional} />
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input {...props} {...rest} key={props.key} aria-describedby={describedBy(meta, hint)} />
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A calendar day (<input type="date">, value "2026-11-24"); the shared TextField has no date type. */
export function DateField({ meta, label, hint, optional }: { meta: Meta; label: ReactNode; hint?: ReactNode; optional?: boolean }) {
  const props = getInputProps(meta, { type: "date", ariaAttributes: true });
  return (
    <div className={`field${meta.errors?.length ? " field--invalid" : ""}`}>
      <Label meta={meta} label={label} optional={optional} />
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} aria-describedby={describedBy(meta, hint)} />
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextareaField({
  meta,
  label,
  hint,
  optional,
  rows = 5,
}: {
  meta: Meta;
  label: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
  rows?: number;
}) {
  const props = getTextareaProps(meta, { ariaAttributes: true });
  return (
    <div className={`field${meta.errors?.length ? " field--invalid" : ""}`}>
      <Label meta={meta} label={label} optional={optional} />
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea {...props} key={props.key} rows={rows} aria-describedby={describedBy(meta, hint)} />
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  hint,
  options,
  optional,
}: {
  meta: Meta;
  label: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  optional?: boolean;
}) {
  const t = useT();
  const props = getSelectProps(meta, { ariaAttributes: true });
  return (
    <div className={`field${meta.errors?.length ? " field--invalid" : ""}`}>
      <Label meta={meta} label={label} optional={optional} />
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <select {...props} key={props.key} aria-describedby={describedBy(meta, hint)}>
        {/* HTML wants an empty first option in a required select (a placeholder): without one, a
            choice nobody made is sent as if it had been made. */}
        {optional ? <option value="">—</option> : props.required ? <option value="">{t("form.choose")}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/**
 * A file (a scan, an assembly's document): the server decides its type from its content
 * (app/utils/uploads.server.ts); `accept` only helps the file picker. The form must be
 * multipart (encType="multipart/form-data").
 */
export function FileField({ meta, label, hint, optional }: { meta: Meta; label: ReactNode; hint?: ReactNode; optional?: boolean }) {
  return (
    <div className={`field${meta.errors?.length ? " field--invalid" : ""}`}>
      <Label meta={meta} label={label} optional={optional} />
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        type="file"
        id={meta.id}
        name={meta.name}
        accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
        aria-invalid={meta.errors?.length ? true : undefined}
        aria-describedby={describedBy(meta, hint)}
      />
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** A group of checkboxes (themes, languages) in a fieldset with its legend. */
export function CheckboxGroup({
  meta,
  legend,
  hint,
  options,
  columns = true,
}: {
  meta: FieldMetadata<string[] | undefined, Record<string, unknown>, string[]>;
  legend: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  columns?: boolean;
}) {
  const selected = new Set(Array.isArray(meta.initialValue) ? (meta.initialValue as string[]) : meta.initialValue ? [String(meta.initialValue)] : []);
  const ids = [hint ? `${meta.id}-hint` : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={`field checkbox-group${meta.errors?.length ? " field--invalid" : ""}`} aria-describedby={ids} id={meta.id}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <div className={columns ? "checkbox-columns" : undefined}>
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input type="checkbox" name={meta.name} value={o.value} defaultChecked={selected.has(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
      <FieldError id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

export function Checkbox({ meta, label, hint }: { meta: Meta; label: ReactNode; hint?: ReactNode }) {
  const props = getInputProps(meta, { type: "checkbox", ariaAttributes: true });
  return (
    <div className="field field--checkbox">
      <label className="checkbox">
        <input {...props} key={props.key} aria-describedby={describedBy(meta, hint)} />
        {label}
      </label>
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/**
 * Lists every error of the form with a link to its field, and takes the focus when it appears,
 * so that a screen-reader user hears what to fix. Form-level errors (not tied to a field) show
 * here too.
 */
export function ErrorSummary<Schema extends Record<string, unknown>>({
  form,
  fields,
}: {
  form: FormMetadata<Schema, string[]>;
  fields?: Record<string, { id: string; errors?: string[] }>;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const formErrors = form.errors ?? [];
  const fieldErrors = Object.values(fields ?? {}).filter((f) => f.errors?.length);
  const count = formErrors.length + fieldErrors.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count, form.status]);
  if (count === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby={`${form.id}-summary-title`}>
      <p id={`${form.id}-summary-title`} className="error-summary__title">
        {t.plural("form.errorSummary", count)}
      </p>
      <ul>
        {formErrors.map((e) => (
          <li key={e}>{t.message(e)}</li>
        ))}
        {fieldErrors.map((f) => (
          <li key={f.id}>
            {/* Ids of list fields hold [ ], which a URL fragment may not: the browser decodes it back. */}
            <a href={`#${encodeURIComponent(f.id)}`}>{f.errors!.map((e) => t.message(e)).join(" ")}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

// --- Idempotency key (app/utils/idempotency.server.ts) -----------------------------------------

/**
 * The form's idempotency key, from the loader (newSubmissionKey): sent twice, the form has one
 * effect. The name must match SUBMISSION_KEY_FIELD on the server.
 */
export function SubmissionKeyField({ value }: { value: string }) {
  return <input type="hidden" name="submissionKey" value={value} />;
}
