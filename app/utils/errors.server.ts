// Errors the domain raises, and how they reach the reader. Models throw a DomainError (what went
// wrong, as a dictionary key, and which field if a form's); they never speak HTTP. The routes turn
// it into an answer here, in one place:
//
// - a loader (or an action refusing the whole page) lets it go: `withDomainErrors` wraps every
//   route's loader and action in the server build (server.ts), so a DomainError that escapes one
//   becomes the thrown `{ message: key }` response that `invariantResponse` throws, and
//   the route's GeneralErrorBoundary shows the key. Remix would otherwise answer any thrown
//   non-Response with a 500. Tests that call a loader directly use the same conversion
//   (tests/route-call.ts);
// - an action with a form answers `formReply(submission, error)` (or `intentReply` on a page with
//   several forms): the message beside the field the error names, or above the form. A page-level
//   refusal (not found, forbidden) is thrown as the response even there: the form has no sentence
//   to put it in.
//
// Statuses: notFound 404, forbidden 403, conflict 409 (the request met a write made at the same
// moment), invalid 400 (the request cannot be done as it stands: a rule of the domain refuses it).
import { data, type ServerBuild } from "@remix-run/node";

import { messageWithVars } from "./i18n";

export type DomainErrorKind = "notFound" | "forbidden" | "conflict" | "invalid";

const STATUS: Record<DomainErrorKind, number> = { notFound: 404, forbidden: 403, conflict: 409, invalid: 400 };

type Params = Record<string, string | number>;

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** A dictionary key (e.g. "minutes.error.notParticipant"), shown to the reader. */
    readonly key: string,
    /** The form field the error belongs beside, when it comes from a form. */
    readonly field?: string,
    /** Values the message interpolates ({line}, {count} …). */
    readonly params?: Params,
  ) {
    // What the reader's t() translates: the key, with its values when it has some.
    super(params ? messageWithVars(key, params) : key);
    this.name = "DomainError";
  }

  get status() {
    return STATUS[this.kind];
  }
}

/** Shorthands for the models: `throw notFound()`, `throw invalid("groups.error.nameTaken", "name")`. */
export const notFound = (key = "error.notFound") => new DomainError("notFound", key);
export const refused = (key = "error.forbidden") => new DomainError("forbidden", key);
export const invalid = (key: string, field?: string, params?: Params) => new DomainError("invalid", key, field, params);
export const conflict = (key: string, field?: string, params?: Params) => new DomainError("conflict", key, field, params);

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/**
 * A thrown refusal: `{ message: key }` with its status, as the boundary reads it. A real Response,
 * not `data()`: Remix v2 answers a thrown `data()` to a client-side navigation (a `?_data`
 * request) as an unexpected error without its body, so the key would only reach a reader without
 * JavaScript; a thrown Response reaches both.
 */
export function refusalResponse(message: string, status: number) {
  return new Response(JSON.stringify({ message }), { status, headers: { "Content-Type": "application/json; charset=utf-8" } });
}

/** The response a DomainError stands for: `{ message: key }` with its status. */
export function domainErrorResponse(error: DomainError) {
  return refusalResponse(error.message, error.status);
}

/** For a catch: a DomainError thrown on as its response, anything else as it was. */
export function rethrowAsResponse(error: unknown): never {
  if (error instanceof DomainError) throw domainErrorResponse(error);
  throw error;
}

/**
 * For a catch in an action whose answer is not a Conform reply: the DomainError to show on the
 * page (invalid, conflict); a page-level refusal (not found, forbidden) is thrown as its response,
 * anything else is thrown on.
 */
export function formRefusal(error: unknown): DomainError {
  if (!(error instanceof DomainError)) throw error;
  if (error.kind === "notFound" || error.kind === "forbidden") throw domainErrorResponse(error);
  return error;
}

type ReplyOptions = { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[]; resetForm?: boolean };
type Replyable<R> = { reply(options?: ReplyOptions): R };
type FormOptions = {
  /** The fields this form shows; an error naming another (a hidden field) goes above the form. Default: any. */
  fields?: readonly string[];
  hideFields?: string[];
};

function replyOf<R>(submission: Replyable<R>, error: DomainError, options: FormOptions): R {
  const field = error.field && (!options.fields || options.fields.includes(error.field)) ? error.field : null;
  const hide = options.hideFields ? { hideFields: options.hideFields } : {};
  return submission.reply(field ? { fieldErrors: { [field]: [error.message] }, ...hide } : { formErrors: [error.message], ...hide });
}

/** A page with one form: the Conform reply for this refusal, with its status. */
export function formReply<R>(submission: Replyable<R>, error: unknown, options: FormOptions = {}) {
  const refusal = formRefusal(error);
  return data(replyOf(submission, refusal, options), { status: refusal.status });
}

/** A page with several forms: `{ intent, result }`, result being the Conform reply. */
export function intentReply<I extends string, R>(intent: I, submission: Replyable<R>, error: unknown, options: FormOptions = {}) {
  const refusal = formRefusal(error);
  return data({ intent, result: replyOf(submission, refusal, options) }, { status: refusal.status });
}

type Handler = ((args: never) => unknown) | undefined;

function guarded<F extends Handler>(fn: F): F {
  if (!fn) return fn;
  return (async (args: never) => {
    try {
      return await fn(args);
    } catch (error) {
      rethrowAsResponse(error);
    }
  }) as F;
}

/** The server build with every loader and action answering a DomainError as its response. */
export function withDomainErrors(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => [
      id,
      { ...route, module: { ...route.module, loader: guarded(route.module.loader), action: guarded(route.module.action) } },
    ]),
  );
  return { ...build, routes } as ServerBuild;
}

/** Routes: refuse the page (403) or say it is not there (404), with a specific key if there is one. */
export function forbidden(message = "error.forbidden"): never {
  throw refusalResponse(message, 403);
}

export function invariantResponse(condition: unknown, message = "error.notFound", status = 404): asserts condition {
  if (!condition) throw refusalResponse(message, status);
}
