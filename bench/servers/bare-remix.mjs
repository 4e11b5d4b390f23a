// The framework ceiling's server: the same Express stack as server.ts (compression, security
// headers, static files, Remix's request handler) around the tiny app of bench/remix.
import path from "node:path";
import { fileURLToPath } from "node:url";

import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";

installGlobals({ nativeFetch: true });
const here = path.dirname(fileURLToPath(import.meta.url));
const buildDir = path.join(here, "..", ".build", "remix");
const build = await import(path.join(buildDir, "index.js"));

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use((_req, res, next) => {
  res.set({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY" });
  next();
});
app.use("/build", express.static(path.join(buildDir, "public", "build"), { immutable: true, maxAge: "1y" }));
app.get("/healthz", (_req, res) => res.type("text/plain").send("ok"));
app.all("*", createRequestHandler({ build, mode: build.mode }));
app.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
