// The network form shared by the platform administrator's pages (create, edit) and, for its
// description and themes, by the coordinator's settings page. Schemas stay pure: uniqueness of
// the slug is checked by the action after validation.
import type { FieldMetadata } from "@conform-to/react";
import { z } from "zod";

import { CheckboxGroup, TextareaField, TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { RESERVED_SLUGS } from "#app/utils/domain";
import { LOCALES } from "#app/utils/i18n";
import { singleLine } from "#app/utils/text";

/** One theme per line; blank lines and repeats dropped, the first spelling kept. */
export function parseThemes(text: string) {
  const seen = new Set<string>();
  const themes: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const theme = line.trim().replace(/\s+/g, " ");
    const key = theme.toLocaleLowerCase("fr");
    if (!theme || seen.has(key)) continue;
    seen.add(key);
    themes.push(theme);
  }
  return themes;
}

export const themesField = z
  .string()
  .max(5000, "form.tooLong")
  .optional()
  .transform((text) => parseThemes(text ?? ""))
  .refine((themes) => themes.every((t) => t.length <= 80), "networkAdmin.themeTooLong")
  .refine((themes) => themes.length <= 60, "networkAdmin.tooManyThemes");

export const descriptionField = z.string().trim().max(2000, "form.tooLong").optional().default("");

export const slugField = z
  .string({ required_error: "form.required" })
  .trim()
  .toLowerCase()
  .min(2, "form.tooShort")
  .max(60, "form.tooLong")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "admin.slugFormat")
  .refine((slug) => !RESERVED_SLUGS.has(slug), "admin.slugReserved");

export const NetworkSchema = z.object({
  name: singleLine(z.string({ required_error: "form.required" }).trim().min(2, "form.tooShort").max(120, "form.tooLong")),
  slug: slugField,
  description: descriptionField,
  themes: themesField,
  languages: z
    .array(z.enum(LOCALES, { errorMap: () => ({ message: "form.invalidChoice" }) }), { required_error: "admin.languagesRequired" })
    .min(1, "admin.languagesRequired"),
});

export const CreateNetworkSchema = NetworkSchema.extend({
  coordinatorEmail: z.string({ required_error: "form.required" }).trim().toLowerCase().email("form.invalidEmail").max(254, "form.tooLong"),
});

export const NetworkSettingsSchema = z.object({ description: descriptionField, themes: themesField });

type Field<T = string> = FieldMetadata<T, Record<string, unknown>, string[]>;

export function NetworkIdentityFields({ fields }: { fields: { name: Field; slug: Field } }) {
  const t = useT();
  return (
    <>
      <TextField meta={fields.name} label={t("admin.field.name")} hint={t("admin.field.nameHint")} />
      <TextField meta={fields.slug} label={t("admin.field.slug")} hint={t("admin.field.slugHint")} autoCapitalize="none" spellCheck={false} />
    </>
  );
}

export function NetworkContentFields({ fields }: { fields: { description: Field; themes: Field } }) {
  const t = useT();
  return (
    <>
      <TextareaField meta={fields.description} label={t("admin.field.description")} optional rows={4} />
      <TextareaField meta={fields.themes} label={t("admin.field.themes")} hint={t("admin.field.themesHint")} optional rows={8} />
    </>
  );
}

export function NetworkLanguagesField({ meta }: { meta: FieldMetadata<string[] | undefined, Record<string, unknown>, string[]> }) {
  const t = useT();
  return (
    <CheckboxGroup
      meta={meta}
      legend={t("admin.field.languages")}
      hint={t("admin.field.languagesHint")}
      options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
      columns={false}
    />
  );
}
