// Server side of the version form: the body as stored, and the one answer to "this version is
// published" whether the model or the database trigger said it.
import type { CharterVersionInput } from "#app/models/charter.server";
import { parseDateKey } from "#app/utils/brussels-time";
import { refusalResponse } from "#app/utils/errors.server";
import { plainTextToHtml, sanitizeRichText } from "#app/utils/rich-text.server";

import type { VersionFormValue } from "./__version-form";

/** The editor posts HTML (cleaned by the allow-list); without JavaScript the plain format is converted. */
export function storedBody(value: Pick<VersionFormValue, "body" | "bodyFormat">) {
  return value.bodyFormat === "html" ? sanitizeRichText(value.body) : plainTextToHtml(value.body);
}

export function versionInput(value: VersionFormValue, body: string): CharterVersionInput {
  return { title: value.title, body, changeSummary: value.changeSummary ?? "", effectiveOn: parseDateKey(value.effectiveOn)! };
}

/**
 * The trigger "charter_version_frozen" refuses any change to a published version (SQLSTATE P0001).
 * It only fires when the version was published between our check and our write; the route then
 * answers like the model's check, never with a 500.
 */
export function isFrozenByDatabase(error: unknown) {
  const e = error as { message?: unknown; cause?: { code?: unknown; message?: unknown } } | null;
  const message = `${e?.message ?? ""} ${e?.cause?.message ?? ""}`;
  return /charter version \S+ is published and (frozen|cannot be deleted)/.test(message);
}

/** The page a published version's edit URL answers with (also after a refused POST). */
export function frozen(): never {
  throw refusalResponse("charter.error.frozen", 400);
}
