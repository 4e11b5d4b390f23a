// The group's details form, shared by "create a group" and "edit the group": one schema for the
// browser and the server, fields with their messages beside them.
import type { FieldMetadata } from "@conform-to/react";
import { z } from "zod";

import { SelectField, TextareaField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { GROUP_JOIN_POLICIES } from "#app/utils/domain";
import { singleLine } from "#app/utils/text";

export const GroupSchema = z.object({
  name: z
    .string({ required_error: "form.required" })
    .trim()
    .min(1, "form.required")
    // One message at a time: an empty name is "required", not also "too short".
    .pipe(singleLine(z.string().min(2, "form.tooShort").max(120, "form.tooLong"))),
  theme: singleLine(z.string().trim().max(80, "form.tooLong")).optional().default(""),
  description: z.string().trim().max(4000, "form.tooLong").optional().default(""),
  joinPolicy: z.enum(GROUP_JOIN_POLICIES, { required_error: "form.required", message: "form.invalidChoice" }),
});

type Meta = FieldMetadata<string | undefined, Record<string, unknown>, string[]>;

export function GroupFields({ fields, themes }: { fields: { name: Meta; theme: Meta; description: Meta; joinPolicy: Meta }; themes: string[] }) {
  const t = useT();
  return (
    <>
      <TextField meta={fields.name} label={t("groups.form.name")} hint={t("groups.form.nameHint")} />
      <TextField meta={fields.theme} label={t("groups.form.theme")} hint={t("groups.form.themeHint")} optional list="group-themes" />
      <datalist id="group-themes">
        {themes.map((theme) => (
          <option key={theme} value={theme} />
        ))}
      </datalist>
      <TextareaField meta={fields.description} label={t("groups.form.description")} hint={t("groups.form.descriptionHint")} optional rows={6} />
      <SelectField
        meta={fields.joinPolicy}
        label={t("groups.form.joinPolicy")}
        hint={t("groups.form.joinPolicyHint")}
        options={GROUP_JOIN_POLICIES.map((p) => ({ value: p, label: t(`groups.policy.${p}`) }))}
      />
    </>
  );
}

/** The description: plain text, paragraphs separated by blank lines (React escapes it). */
export function Paragraphs({ text }: { text: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </>
  );
}
