// One process: Express serves the static files and the Remix app (and, with the collaboration
// issue, the Hocuspocus WebSocket on the same port). Compiled with the app by `remix build`.
import * as build from "@remix-run/dev/server-build";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EnvError, getEnv } from "#app/utils/env.server";
import { closeDatabase, getDatabase } from "#app/utils/db.server";
import { startOutboxWorker } from "#app/utils/email.server";
import { seedDemoIfEmpty } from "#app/models/demo-seed.server";
import { startReminderWorker } from "#app/models/adhesion.server";
import { startMeetingReminderWorker } from "#app/models/meetings.server";

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
    const logins = await seedDemoIfEmpty();
    if (logins) {
      console.log("\nDemo network created. Sign in with:");
      for (const l of logins) console.log(`  ${l.role.padEnd(26)} ${l.email}  /  ${l.password}`);
      console.log("");
    }
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
  app.set("trust proxy", "loopback, linklocal, uniquelocal");
  app.use(compression());
  app.use((req, res, next) => {
    res.set({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
      "X-Frame-Options": "DENY",
    });
    // The client address as Express sees it (never a header the client sent under that name).
    req.headers["x-maillage-client-ip"] = req.ip ?? "unknown";
    next();
  });
  // Files next to the build, whatever the working directory.
  const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "public");
  app.use("/build", express.static(path.join(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(publicDir, { maxAge: "1h" }));
  app.get("/healthz", (_req, res) => {
    res.type("text/plain").send("ok");
  });
  app.all("*", createRequestHandler({ build, mode: build.mode }));

  const server = app.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    console.log(`Maillage is running at http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${port}`);
    if (process.env.REMIX_DEV_ORIGIN) broadcastDevReady(build);
  });
  const stopOutbox = startOutboxWorker();
  // Charter renewal: reminder rounds 14 and 3 days before a new version's deadline.
  const stopReminders = startReminderWorker();
  // Meetings: a reminder e-mail two days before each one (timers are unref'd: nothing to stop).
  startMeetingReminderWorker();

  const shutdown = () => {
    stopOutbox();
    stopReminders();
    server.close(async () => {
      await closeDatabase();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error) => {
  console.error("Maillage could not start:", error);
  process.exit(1);
});
