// The one error boundary of the app (the Epic Stack's GeneralErrorBoundary): a route passes a
// handler per status it wants to say something particular about; 403 and 404 have default
// handlers that show the specific sentence the server threw (`data({ message: key }, { status })`,
// see app/utils/errors.server.ts), translated in the reader's language, and the generic one when
// the response carries none. Anything that is not a response is the unexpected error. Rendered on
// the server like any page, so it works without JavaScript.
import { type ErrorResponse, isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";

import type { T, TranslationKey } from "#app/utils/i18n";

import { useT } from "./i18n";

export type StatusHandlerInfo = { error: ErrorResponse; t: T; /** The sentence to show: the thrown key translated, or the status's own. */ message: string };
export type StatusHandler = (info: StatusHandlerInfo) => ReactNode;

/** The dictionary key a thrown response carries (`{ message: "minutes.error.notParticipant" }`), if any. */
export function errorMessageKey(error: ErrorResponse): string | null {
  const data: unknown = error.data;
  const key = data && typeof data === "object" && "message" in data ? (data as { message: unknown }).message : null;
  // A key has a prefix ("error.forbidden"); a bare text (a framework's "Not Found") is not one.
  return typeof key === "string" && key.includes(".") && !/\s/.test(key) ? key : null;
}

const GENERIC: Record<number, TranslationKey> = {
  401: "error.unauthorized",
  403: "error.forbidden",
  404: "error.notFound",
  429: "error.tooMany",
};

/** The sentence for a thrown response: its own key when it has one, else the status's. */
export function errorSentence(error: ErrorResponse, t: T): string {
  const key = errorMessageKey(error);
  if (key) return t.message(key);
  return t(GENERIC[error.status] ?? "error.badRequest");
}

export function ErrorLayout({ title, children, status }: { title: string; children: ReactNode; status?: number }) {
  const t = useT();
  return (
    <main id="main" className="page page--narrow" tabIndex={-1}>
      <h1>{title}</h1>
      {children}
      {status ? <p className="muted">{status}</p> : null}
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </main>
  );
}

const showStatus: StatusHandler = ({ error, t, message }) => (
  <ErrorLayout title={t("error.title")} status={error.status}>
    <p className="lead">{message}</p>
  </ErrorLayout>
);

/** 403 and 404 by default: the specific refusal ("reserved to the group's participants …") or the generic one. */
export const defaultStatusHandlers: Record<number, StatusHandler> = { 403: showStatus, 404: showStatus };

export function GeneralErrorBoundary({
  defaultStatusHandler = showStatus,
  statusHandlers,
  unexpectedErrorHandler,
}: {
  defaultStatusHandler?: StatusHandler;
  statusHandlers?: Record<number, StatusHandler>;
  unexpectedErrorHandler?: (error: unknown, t: T) => ReactNode;
}) {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error)) {
    const handler = statusHandlers?.[error.status] ?? defaultStatusHandlers[error.status] ?? defaultStatusHandler;
    return <>{handler({ error, t, message: errorSentence(error, t) })}</>;
  }
  if (unexpectedErrorHandler) return <>{unexpectedErrorHandler(error, t)}</>;
  return (
    <ErrorLayout title={t("error.title")} status={500}>
      <p className="lead">{t("error.unexpected")}</p>
    </ErrorLayout>
  );
}
