// What one HTTP request reads more than once, read once. Remix hands each loader of a page its own
// copy of the Request, so a cache keyed on the Request object never hits across the loaders of
// one page (the root's, the network layout's, the page's): the session and the actor were read
// three times per page. server.ts runs each GET and HEAD request inside a scope; values memoised
// here live as long as that one request and are never shared with another, so a revoked session
// or a changed role is seen by the very next request.
//
// Only reading requests get a scope: after an action, Remix runs the page's loaders in the same
// HTTP request, and they must see what the action changed (a role given, a session ended).
import { AsyncLocalStorage } from "node:async_hooks";

const scope = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/** Runs `fn` with a fresh per-request memo (server.ts, for GET and HEAD). */
export function inRequestScope<T>(fn: () => T): T {
  return scope.run(new Map(), fn);
}

/** `compute()` once per key within the current request's scope; outside a scope, every time. */
export function oncePerRequest<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const memo = scope.getStore();
  if (!memo) return compute();
  let found = memo.get(key) as Promise<T> | undefined;
  if (!found) {
    found = compute();
    memo.set(key, found);
  }
  return found;
}
