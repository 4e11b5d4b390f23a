// The answer of a page with several forms, `{ intent, result }` (intentReply in errors.server.ts):
// the result for one form, and a refusal shown beside a form without fields of its own (a button).
import type { SubmissionResult } from "@conform-to/react";
import { useActionData } from "@remix-run/react";

import { useT } from "./i18n";

type Reply = { intent: string | null; result: SubmissionResult<string[]> | null } | undefined;

/** The result answered to the form of this intent, if the last answer was for it. */
export function useIntentReply(intent: string) {
  const reply = useActionData() as Reply;
  return reply?.intent === intent ? (reply.result ?? undefined) : undefined;
}

export function IntentRefusal({ intent }: { intent: string }) {
  const t = useT();
  const result = useIntentReply(intent);
  const messages = Object.values(result?.error ?? {}).flatMap((m) => m ?? []);
  if (messages.length === 0) return null;
  return (
    <p className="field-error" role="alert">
      {messages.map((m) => t.message(m)).join(" ")}
    </p>
  );
}
