// Errors the domain raises, and how they reach the reader. Models throw a DomainError (what went
// wrong, as a dictionary key, and which field if a form's); routes turn it into a response or a
// form reply in one place. Issue 11 section 2 builds the conversion; until then the two helpers
// below keep throwing the responses they always threw.
import { data } from "@remix-run/node";

export type DomainErrorKind = "notFound" | "forbidden" | "conflict" | "invalid";

const STATUS: Record<DomainErrorKind, number> = { notFound: 404, forbidden: 403, conflict: 409, invalid: 400 };

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** A dictionary key (e.g. "minutes.error.reservedToGroup"), shown to the reader. */
    readonly key: string,
    /** The form field the error belongs beside, when it comes from a form. */
    readonly field?: string,
  ) {
    super(key);
    this.name = "DomainError";
  }

  get status() {
    return STATUS[this.kind];
  }
}

export function forbidden(message = "error.forbidden"): never {
  throw data({ message }, { status: 403 });
}

export function invariantResponse(condition: unknown, message = "error.notFound", status = 404): asserts condition {
  if (!condition) throw data({ message }, { status });
}
