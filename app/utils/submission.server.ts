// Conform's parseWithZod for actions, with a reply that never echoes what a form could not have
// sent. Conform's reply hands the submitted values back so that a page without JavaScript keeps
// what the person typed; it hands back everything, so a body of unknown fields or of huge values
// came back whole (a 30 MB answer to one request). Here the reply keeps the fields the schema
// knows, and drops a long value that was refused (a too-long title comes back empty with its
// message; a long valid text, such as minutes, comes back whole).
import { parseWithZod } from "@conform-to/zod";
import type { ZodTypeAny } from "zod";

/** A refused value longer than this is not sent back. */
const MAX_REFUSED_ECHO = 1_000;

export const parseSubmission = ((payload: FormData, options: { schema: unknown }) => {
  const submission = parseWithZod(payload, options as Parameters<typeof parseWithZod>[1]) as unknown as {
    reply: (options?: unknown) => Record<string, unknown>;
  };
  const reply = submission.reply.bind(submission);
  const known = typeof options.schema === "function" ? null : topLevelKeys(options.schema as ZodTypeAny);
  submission.reply = (replyOptions?: unknown) => boundReply(reply(replyOptions), known);
  return submission;
}) as unknown as typeof parseWithZod;

type Result = { initialValue?: Record<string, unknown> | null; error?: Record<string, unknown> | null; fields?: string[] };

export function boundReply<T>(result: T, known: Set<string> | null): T {
  const r = result as Result;
  const errorPaths = new Set(Object.keys(r.error ?? {}));
  const isKnown = (name: string) => known === null || known.has(topKey(name));
  const out: Result = { ...r };
  if (r.initialValue) {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(r.initialValue)) {
      if (!isKnown(key)) continue;
      const bounded = boundValue(value, key, errorPaths);
      if (bounded !== undefined) kept[key] = bounded;
    }
    out.initialValue = kept;
  }
  if (r.fields) out.fields = r.fields.filter(isKnown);
  if (r.error) out.error = Object.fromEntries(Object.entries(r.error).filter(([name]) => name === "" || isKnown(name)));
  return out as T;
}

function boundValue(value: unknown, path: string, errorPaths: Set<string>): unknown {
  if (typeof value === "string") return value.length > MAX_REFUSED_ECHO && refused(path, errorPaths) ? undefined : value;
  if (Array.isArray(value)) return value.map((v, i) => boundValue(v, `${path}[${i}]`, errorPaths));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, boundValue(v, `${path}.${k}`, errorPaths)] as const)
        .filter(([, v]) => v !== undefined),
    );
  }
  return value;
}

/** Whether this field, or the list or object it belongs to, has an error. */
function refused(path: string, errorPaths: Set<string>) {
  for (let p = path; p; p = parentPath(p)) if (errorPaths.has(p)) return true;
  return false;
}

function parentPath(path: string) {
  const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
  return cut > 0 ? path.slice(0, cut) : "";
}

function topKey(name: string) {
  return /^[^.[]*/.exec(name)![0];
}

/** The field names a schema reads at its top level, or null when they cannot be told. */
export function topLevelKeys(schema: ZodTypeAny): Set<string> | null {
  const keys = new Set<string>();
  const visit = (s: ZodTypeAny | undefined): boolean => {
    if (!s) return false;
    const def = s._def as Record<string, unknown> & { typeName?: string };
    switch (def.typeName) {
      case "ZodObject":
        for (const k of Object.keys((s as unknown as { shape: Record<string, unknown> }).shape)) keys.add(k);
        return true;
      case "ZodEffects":
        return visit(def.schema as ZodTypeAny);
      case "ZodPipeline":
        return visit(def.in as ZodTypeAny);
      case "ZodOptional":
      case "ZodNullable":
      case "ZodDefault":
      case "ZodCatch":
      case "ZodReadonly":
      case "ZodBranded":
        return visit((def.innerType ?? def.type) as ZodTypeAny);
      case "ZodLazy":
        return visit((def.getter as () => ZodTypeAny)());
      case "ZodUnion":
      case "ZodDiscriminatedUnion": {
        const options = (def.options as ZodTypeAny[] | Map<unknown, ZodTypeAny>) ?? [];
        return [...options.values()].every((o) => visit(o));
      }
      case "ZodIntersection":
        return visit(def.left as ZodTypeAny) && visit(def.right as ZodTypeAny);
      default:
        return false;
    }
  };
  return visit(schema) ? keys : null;
}
