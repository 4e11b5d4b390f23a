// One process: Express serves the static files and the Remix app (and, with the collaboration
// issue, the Hocuspocus WebSocket on the same port). Compiled with the app by `remix build`.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import * as build from "@remix-run/dev/server-build";
import { broadcastDevReady, createRequestHandler, installGlobals, writeReadableStreamToWritable } from "@remix-run/node";
import compression from "compression";
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from "express";

import { createCollabServer } from "#app/collab/server.server";
import { startJobRunner } from "#app/jobs/runner.server";
import { appSchedules } from "#app/jobs/schedules.server";
import { closeDatabase, getDatabase } from "#app/utils/db.server";
import { closeOutboxTransport } from "#app/utils/email.server";
import { EnvError, getEnv } from "#app/utils/env.server";
import { withDomainErrors } from "#app/utils/errors.server";
import { bodyKind, bodyLimit, checkForm, checkOrigin, checkUrl, type Refusal, refusalPage, securityHeaders } from "#app/utils/request-guard.server";
import { inRequestScope } from "#app/utils/request-scope.server";

import type * as Demo from "./prisma/seed/demo-seed.server";

installGlobals({ nativeFetch: true });

async function main() {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`Maillage cannot start.\n${error.message}\nSee README.md, "Configuration".`);
      process.exit(1);
    }
    throw error;
  }

  const db = getDatabase();
  const applied = await db.migrate();
  if (applied.length) console.log(`Database (${db.kind}): applied ${applied.length} migration(s).`);
  if (env.SEED_DEMO === "true") {
    const demo = await loadDemo();
    const logins = await demo.seedDemoIfEmpty();
    if (logins) console.log(demo.demoLoginsText(logins));
  }
  if (db.kind === "pglite") {
    // PGlite runs no autovacuum, so no statistics unless we ask: the planner then takes every
    // table for a handful of rows and picks nested loops that made the directory's queries 2–3×
    // slower on 1,000 organisations (docs/performance.md). Refresh after the demo seed, then hourly.
    const analyze = () => db.prisma.$executeRawUnsafe("ANALYZE").catch((error) => console.error("ANALYZE failed:", error));
    await analyze();
    setInterval(analyze, 60 * 60 * 1000).unref();
  }

  const app = express();
  app.disable("x-powered-by");
  // Only the proxy hops the configuration names are believed about the client's address.
  app.set("trust proxy", env.trustProxy);
  app.use(compression());
  const appOrigin = new URL(env.appUrl).origin;
  const https = appOrigin.startsWith("https:");
  const devSocket = process.env.REMIX_DEV_ORIGIN?.replace(/^http/, "ws");
  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    res.set(securityHeaders({ nonce, production: env.NODE_ENV === "production", https, devSocket }));
    // The client address as Express sees it (never a header the client sent under that name).
    req.headers["x-maillage-client-ip"] = req.ip ?? "unknown";
    next();
  });
  // Before anything reads the URL (the static files too).
  app.use((req, res, next) => {
    const refusal = checkUrl(req.originalUrl);
    if (refusal) return refuseRequest(res, refusal);
    next();
  });
  // Files next to the build, whatever the working directory.
  const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "public");
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(publicDir, { maxAge: "1h" }));
  app.get("/healthz", (_req, res) => {
    res.type("text/plain").send("ok");
  });
  // A DomainError escaping a loader or action is answered as its 4xx response, not a 500.
  const handleRequest = createRequestHandler(withDomainErrors(build), build.mode);
  app.all("*", async (req, res, next) => {
    try {
      const kind = bodyKind(req.method, req.get("content-type") ?? null);
      if (kind && typeof kind === "object") return refuseRequest(res, kind);
      const headers = fetchHeaders(req);
      const crossSite = checkOrigin(req.method, headers, [appOrigin, `${req.protocol}://${req.get("host")}`]);
      if (crossSite) return refuseRequest(res, crossSite);
      // Checked above against APP_URL too; Remix's own check compares it with the Host header
      // only, and throws (a 500) behind a proxy that does not forward the public host.
      headers.delete("origin");
      let body: Buffer | undefined;
      if (kind) {
        const read = await readBody(req, bodyLimit(kind));
        if (!read) {
          await drainBody(req);
          return refuseRequest(res, { status: 413, reason: "tooLarge" });
        }
        const refusal = await checkForm(kind, req.get("content-type")!, read);
        if (refusal) return refuseRequest(res, refusal);
        body = read;
      }
      const remix = () => handleRequest(remixRequest(req, res, headers, body), { cspNonce: res.locals.nonce });
      // A reading request reads its session and actor once for all its loaders; an action's
      // request does not, so the loaders after it see what it changed (request-scope.server.ts).
      const response = req.method === "GET" || req.method === "HEAD" ? await inRequestScope(remix) : await remix();
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  });

  // The collaboration server (record 014) on the same port: WebSocket upgrades of /collab only.
  const collab = createCollabServer();
  const server = app.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    console.log(`Maillage is running at http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${port}`);
    if (process.env.REMIX_DEV_ORIGIN) broadcastDevReady(build);
  });
  // The one job runner (app/jobs/, record 012): queued jobs (password-reset e-mails) and the
  // schedules (outbox delivery, charter and meeting reminders, purge of old jobs), once across
  // however many servers share the database.
  const stopJobs = startJobRunner({ schedules: appSchedules(env) });
  server.on("upgrade", (request, socket, head) => collab.handleUpgrade(request, socket, head));

  const shutdown = () => {
    // No new round; the one in progress finishes before the database closes.
    const jobsStopped = stopJobs();
    // Live documents waiting to be stored are stored before the database closes.
    const collabClosed = collab.close();
    server.close(async () => {
      await jobsStopped;
      await collabClosed;
      closeOutboxTransport();
      await closeDatabase();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

/**
 * The demo seed, built beside this file as build/demo.js by `npm run build`
 * (scripts/build-demo.mjs) and kept out of the app's bundle: a server that does not seed never
 * loads its 1,450 lines. The path is computed, so the compiler leaves the import to run time.
 */
async function loadDemo(): Promise<typeof Demo> {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "demo.js");
  if (!existsSync(file)) {
    throw new Error(`SEED_DEMO=true but ${file} is missing: build with \`npm run build\` (not \`remix build\` alone), or set SEED_DEMO=false.`);
  }
  return import(pathToFileURL(file).href);
}

function refuseRequest(res: ExpressResponse, refusal: Refusal) {
  // A refused body may still be arriving: do not keep the connection for the rest of it.
  if (refusal.status === 413) res.set("Connection", "close");
  if (refusal.status === 405) res.set("Allow", "GET, HEAD, POST");
  res.status(refusal.status).type("html").send(refusalPage(refusal));
}

/**
 * Reads and drops what is left of a refused body before the answer: a server that answers and
 * closes while the client is still sending resets the connection, and the client loses the 413
 * (a browser shows a network error instead of the page). Bounded: past 64 MB or 10 seconds the
 * connection is cut, as a client that sends that much after a refusal is not a person.
 */
const DRAIN_BYTES = 64 * 1024 * 1024;
const DRAIN_MS = 10_000;
function drainBody(req: ExpressRequest): Promise<void> {
  if (req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let dropped = 0;
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const cut = () => {
      req.destroy();
      done();
    };
    const timer = setTimeout(cut, DRAIN_MS);
    req.on("data", (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > DRAIN_BYTES) cut();
    });
    req.once("end", done);
    req.once("error", done);
    req.once("close", done);
    req.resume();
  });
}

/** The body, or null once it passes `limit` bytes (what is left is not read). */
function readBody(req: ExpressRequest, limit: number): Promise<Buffer | null> {
  const declared = Number(req.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The Fetch request Remix reads, with the body already read and checked (as @remix-run/express builds it). */
function remixRequest(req: ExpressRequest, res: ExpressResponse, headers: Headers, body: Buffer | undefined) {
  // req.hostname follows the trust proxy setting; the port comes from the host it names.
  const port = (req.get("x-forwarded-host") && req.app.get("trust proxy") ? req.get("x-forwarded-host") : req.get("host"))?.split(":")[1];
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const controller = new AbortController();
  let finished = false;
  res.on("finish", () => (finished = true));
  res.on("close", () => !finished && controller.abort());
  return new Request(url.href, { method: req.method, headers, signal: controller.signal, body: body ? new Uint8Array(body) : undefined });
}

function fetchHeaders(req: ExpressRequest) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }
  return headers;
}

async function sendResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

main().catch((error) => {
  console.error("Maillage could not start:", error);
  process.exit(1);
});
