// Calls a loader or an action as Remix would and normalises what comes back (a Response, a
// data() result, a plain object, or any of them thrown) to { status, headers, body }. A DomainError
// thrown through is answered as the server answers it (withDomainErrors in server.ts).
import { DomainError, domainErrorResponse } from "#app/utils/errors.server";

type Fn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;

export async function call(fn: Fn, request: Request, params: Record<string, string> = {}) {
  let out: unknown;
  try {
    out = await fn({ request, params, context: {} });
  } catch (thrown) {
    out = thrown instanceof DomainError ? domainErrorResponse(thrown) : thrown;
  }
  if (out instanceof Response) {
    const text = await out.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: out.status, headers: out.headers, body };
  }
  if (out && typeof out === "object" && (out as { type?: string }).type === "DataWithResponseInit") {
    const d = out as { data: unknown; init: ResponseInit | null };
    return { status: d.init?.status ?? 200, headers: new Headers(d.init?.headers), body: d.data };
  }
  if (out instanceof Error) throw out;
  return { status: 200, headers: new Headers(), body: out };
}
