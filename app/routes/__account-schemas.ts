// Form fields shared by the account page, the password reset and the invitation: one definition
// of a good password and of a profile, so the three forms never disagree.
import { z } from "zod";

import { LOCALES } from "#app/utils/i18n";
import { PASSWORD_MAX, PASSWORD_MIN } from "#app/utils/password";
import { singleLine } from "#app/utils/text";

export const newPasswordFields = {
  password: z.string({ required_error: "form.required" }).min(PASSWORD_MIN, "account.passwordTooShort").max(PASSWORD_MAX, "form.tooLong"),
  confirm: z.string({ required_error: "form.required" }).max(PASSWORD_MAX, "form.tooLong"),
};

/** The second typing must match the first; the error sits on the second field. */
export function passwordsMatch(value: { password: string; confirm: string }, ctx: z.RefinementCtx) {
  if (value.password !== value.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "account.passwordMismatch" });
}

// Digits with the separators people write in Belgium: "+32 2 123 45 67", "02/123.45.67".
const PHONE = /^\+?[0-9][0-9 ./()-]{5,28}$/;

export const profileFields = {
  name: singleLine(z.string({ required_error: "form.required" }).trim().min(2, "form.tooShort").max(120, "form.tooLong")),
  phone: z.string().trim().max(30, "form.tooLong").regex(PHONE, "form.invalidPhone").optional(),
  locale: z.enum(LOCALES, { required_error: "form.required", invalid_type_error: "form.invalidChoice", message: "form.invalidChoice" }),
};
