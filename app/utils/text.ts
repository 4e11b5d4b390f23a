// Single-line text: titles and names (meetings, groups, networks, organisations, people) end up in
// one-line places that other programs parse: iCalendar properties (SUMMARY, LOCATION, NAME,
// X-WR-CALNAME, CN=), e-mail subjects, CSV cells, file names. A line break there is not cosmetic:
// `Evil\r\nATTENDEE:mailto:…` in a meeting title added a line to every invitation. So the forms
// refuse control characters in such fields, and the writers (ics.server.ts) still neutralise them
// in data stored before this rule.
import { type z } from "zod";

/**
 * Characters that never belong in a one-line text: C0 controls (tab, LF, CR included), DEL, C1
 * controls (NEL included) and the Unicode line and paragraph separators, which some parsers
 * (JavaScript's among them) also treat as line ends.
 */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function isSingleLine(text: string) {
  return !CONTROL_CHARACTERS.test(text);
}

/** The text with every run of control characters replaced by one space (for data already stored). */
export function toSingleLine(text: string) {
  return text.replace(new RegExp(`${CONTROL_CHARACTERS.source}+`, "g"), " ");
}

/**
 * A multi-line text (a description) with its line ends as LF and no other control character but
 * tab, for formats where the writer escapes LF itself.
 */
export function toPlainLines(text: string) {
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

/**
 * A form field for a title or a name: the given string schema, refusing control characters with
 * one message. Wrap the string schema before `.optional()` / `.default()`.
 */
export function singleLine<T extends z.ZodTypeAny>(schema: T): z.ZodEffects<T> {
  return schema.refine((value: unknown) => typeof value !== "string" || isSingleLine(value), "form.singleLine");
}
