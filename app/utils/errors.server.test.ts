// The one conversion of a DomainError: its status per kind, the Conform reply it makes on a form
// (beside the field it names, above the form when that field is hidden), page-level refusals
// thrown as responses, and the server build answering an escaping DomainError with its 4xx
// through Remix's own request handler (a 500 without withDomainErrors).
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { describe, expect, test } from "vitest";
import { z } from "zod";

import { parseSubmission } from "#app/utils/submission.server";

import {
  conflict,
  DomainError,
  domainErrorResponse,
  formRefusal,
  formReply,
  intentReply,
  invalid,
  notFound,
  refused,
  rethrowAsResponse,
  withDomainErrors,
} from "./errors.server";

const Schema = z.object({
  intent: z.literal("rename"),
  name: z.string({ required_error: "form.required" }),
  organisation: z.string({ required_error: "form.required" }),
});

function submitted(fields: Record<string, string> = { intent: "rename", name: "Logement", organisation: "org-1" }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const submission = parseSubmission(form, { schema: Schema });
  expect(submission.status).toBe("success");
  return submission;
}

/** What a thrown data() or Response stands for. */
async function statusOf(thrown: unknown): Promise<{ status: number; message: unknown }> {
  if (thrown instanceof Response) return { status: thrown.status, message: ((await thrown.json()) as { message?: unknown }).message };
  const d = thrown as { type?: string; data: { message?: unknown }; init: ResponseInit | null };
  expect(d.type).toBe("DataWithResponseInit");
  return { status: d.init?.status ?? 200, message: d.data.message };
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("nothing was thrown");
}

describe("DomainError", () => {
  test("each kind has its status", () => {
    expect(notFound().status).toBe(404);
    expect(refused().status).toBe(403);
    expect(conflict("delegates.invitePending", "email").status).toBe(409);
    expect(invalid("groups.error.nameTaken", "name").status).toBe(400);
    expect(new DomainError("forbidden", "minutes.error.notParticipant").status).toBe(403);
  });

  test("defaults and values: the key the reader is shown, with its variables", () => {
    expect([notFound().key, refused().key]).toEqual(["error.notFound", "error.forbidden"]);
    const e = invalid("import.error.parseAt", undefined, { line: 7 });
    expect(e.key).toBe("import.error.parseAt");
    expect(e.message).toBe("import.error.parseAt|line=7");
  });

  test("its response is { message: key } with its status", async () => {
    expect(await statusOf(domainErrorResponse(refused("minutes.error.notParticipant")))).toEqual({ status: 403, message: "minutes.error.notParticipant" });
    expect(await statusOf(thrownBy(() => rethrowAsResponse(notFound())))).toEqual({ status: 404, message: "error.notFound" });
    const other = new Error("boom");
    expect(thrownBy(() => rethrowAsResponse(other))).toBe(other);
  });
});

describe("formReply and intentReply", () => {
  test("an error naming a field of the form goes beside that field, with the error's status", () => {
    const reply = formReply(submitted(), invalid("groups.error.nameTaken", "name"));
    expect(reply.init?.status).toBe(400);
    expect(reply.data.error).toEqual({ name: ["groups.error.nameTaken"] });
  });

  test("an error naming a hidden field (not among the form's fields) goes above the form", () => {
    const reply = formReply(submitted(), invalid("groups.error.notDelegate", "organisation"), { fields: ["name"] });
    expect(reply.data.error).toEqual({ "": ["groups.error.notDelegate"] });
    const noField = formReply(submitted(), conflict("join.error.alreadyDecided"));
    expect(noField.init?.status).toBe(409);
    expect(noField.data.error).toEqual({ "": ["join.error.alreadyDecided"] });
  });

  test("several forms: { intent, result }, result being the Conform reply", () => {
    const reply = intentReply("rename", submitted(), invalid("groups.error.nameTaken", "name"));
    expect(reply.init?.status).toBe(400);
    expect(reply.data.intent).toBe("rename");
    expect(reply.data.result.error).toEqual({ name: ["groups.error.nameTaken"] });
  });

  test("a not-found or a refusal in an action is thrown as the page's response, not put on the form", async () => {
    expect(await statusOf(thrownBy(() => formReply(submitted(), refused("minutes.error.notParticipant"))))).toEqual({
      status: 403,
      message: "minutes.error.notParticipant",
    });
    expect(await statusOf(thrownBy(() => intentReply("rename", submitted(), notFound())))).toEqual({ status: 404, message: "error.notFound" });
    expect(await statusOf(thrownBy(() => formRefusal(refused())))).toEqual({ status: 403, message: "error.forbidden" });
  });

  test("anything that is not a DomainError is thrown on untouched", () => {
    const bug = new TypeError("x is undefined");
    expect(thrownBy(() => formReply(submitted(), bug))).toBe(bug);
  });
});

describe("withDomainErrors, through Remix's request handler", () => {
  // The smallest build Remix serves: a root route and one page whose loader and action refuse
  // the way a model does (a DomainError, not a response). The document is the status and the
  // errors Remix passes to the boundary.
  function build(): ServerBuild {
    const page = {
      default: () => null,
      ErrorBoundary: () => null,
      loader: async () => {
        throw notFound();
      },
      action: async () => {
        throw new DomainError("forbidden", "minutes.error.notParticipant");
      },
    };
    return {
      mode: "production",
      entry: {
        module: {
          default: (_request: Request, status: number, headers: Headers, context: { staticHandlerContext: { errors: Record<string, unknown> | null } }) =>
            new Response(JSON.stringify({ status, errors: context.staticHandlerContext.errors }), { status, headers }),
        },
      },
      routes: {
        root: { id: "root", path: "", module: { default: () => null } },
        "routes/page": { id: "routes/page", parentId: "root", path: "page", module: page },
      },
      assets: { url: "/build/manifest.js", version: "test", entry: { module: "/build/entry.js", imports: [] }, routes: {} },
      publicPath: "/build/",
      assetsBuildDirectory: "public/build",
      future: {},
      isSpaMode: false,
    } as unknown as ServerBuild;
  }

  const post = () => new Request("http://app.test/page", { method: "POST", body: new URLSearchParams({ intent: "volunteer" }) });

  test("a DomainError escaping an action is its 403 with its key, on the document and on a data request", async () => {
    const handle = createRequestHandler(withDomainErrors(build()), "production");
    const doc = await handle(post());
    expect(doc.status).toBe(403);
    const body = (await doc.json()) as { errors: Record<string, { status: number; data: { message: string } }> };
    expect(body.errors["routes/page"].status).toBe(403);
    expect(body.errors["routes/page"].data.message).toBe("minutes.error.notParticipant");

    const fetched = await handle(
      new Request("http://app.test/page?_data=routes%2Fpage", { method: "POST", body: new URLSearchParams({ intent: "volunteer" }) }),
    );
    expect(fetched.status).toBe(403);
    expect(((await fetched.json()) as { message: string }).message).toBe("minutes.error.notParticipant");
  });

  test("a DomainError escaping a loader is its 404", async () => {
    const handle = createRequestHandler(withDomainErrors(build()), "production");
    const doc = await handle(new Request("http://app.test/page"));
    expect(doc.status).toBe(404);
  });

  test("without it, Remix answers the same throw with a 500 (what the wrapper is for)", async () => {
    const handle = createRequestHandler(build(), "production");
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      expect((await handle(post())).status).toBe(500);
    } finally {
      console.error = original;
    }
  });
});
