// Configuration, validated once at start-up. Defaults make a fresh clone run in embedded mode;
// production must name its secrets. Only `publicEnv()` may reach the browser.
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";

import { z } from "zod";

import { databaseTarget } from "../db/database-url";

// Installations without SESSION_SECRET used to sign sessions and RSVP links with this string, which
// is in the repository's history: anyone can forge with it, so it is refused as a setting.
const PUBLIC_DEV_SECRET = "maillage-development-secret-do-not-use-in-production";

// Express's own names for address ranges (proxy-addr), besides addresses and subnets.
const PROXY_RANGE_NAMES = ["loopback", "linklocal", "uniquelocal"];

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    APP_URL: z.string().url().optional(),
    DATABASE_URL: z.string().optional(),
    SESSION_SECRET: z
      .string()
      .min(32, "must be at least 32 characters")
      .refine((s) => s !== PUBLIC_DEV_SECRET, "is the public development secret: choose your own")
      .optional(),
    // Where an installation without SESSION_SECRET keeps the secret it generated, beside PGlite and the uploads.
    SECRET_FILE: z.string().min(1).default("./data/secret"),
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().min(3).default("Maillage <ne-pas-repondre@maillage.localhost>"),
    COOKIE_SECURE: z.enum(["true", "false"]).optional(),
    // Default depends on NODE_ENV (parseEnv): a production start must not create accounts nobody asked for.
    SEED_DEMO: z.enum(["true", "false"]).optional(),
    TRUST_PROXY: z.string().optional(),
    OUTBOX_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
    // Scans of signed paper charters (never under public/: served only after a permission check).
    UPLOADS_DIR: z.string().min(1).default("./data/uploads"),
  })
  .superRefine((env, ctx) => {
    try {
      databaseTarget(env.DATABASE_URL);
    } catch (error) {
      // Its message names the accepted forms and never repeats a password.
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: (error as Error).message.replace(/^DATABASE_URL /, "") });
    }
    if (env.TRUST_PROXY !== undefined) {
      const problem = trustProxyProblem(env.TRUST_PROXY);
      if (problem) ctx.addIssue({ code: "custom", path: ["TRUST_PROXY"], message: problem });
    }
    if (env.NODE_ENV !== "production") return;
    if (!env.SESSION_SECRET) ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required when NODE_ENV=production" });
    if (!env.APP_URL) ctx.addIssue({ code: "custom", path: ["APP_URL"], message: "is required when NODE_ENV=production (links in e-mails)" });
  });

export type Env = Omit<z.infer<typeof schema>, "SEED_DEMO" | "TRUST_PROXY"> & {
  /** The effective value: "true" only when asked for, or by default outside production. */
  SEED_DEMO: "true" | "false";
  sessionSecret: string;
  appUrl: string;
  cookieSecure: boolean;
  /** For `app.set("trust proxy", …)`: false trusts no hop, a number that many hops, a string those addresses. */
  trustProxy: false | number | string;
};

let cached: Env | undefined;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const production = env.NODE_ENV === "production";
  const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  return {
    ...env,
    SEED_DEMO: env.SEED_DEMO ?? (production ? "false" : "true"),
    sessionSecret: env.SESSION_SECRET ?? generatedSecret(env),
    appUrl,
    // A cookie sent over https must never travel over plain http too; an explicit setting wins
    // (tests run a production build over http).
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === "true" : production || appUrl.startsWith("https:"),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  };
}

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forget the parsed configuration (tests change process.env between files). */
export function resetEnv() {
  cached = undefined;
}

/** The only configuration the browser sees. */
export function publicEnv() {
  return { MODE: getEnv().NODE_ENV };
}

// One per process: sessions and links signed before a resetEnv() must still verify afterwards.
let processSecret: string | undefined;

/**
 * The secret of an installation that set none (production always sets one). Tests and in-memory
 * databases get a random one per process: nothing outlives them, so nothing is written. Otherwise
 * it is generated once and kept in SECRET_FILE, readable by its owner only, so sessions and RSVP
 * links survive restarts without anyone sharing a known key.
 */
function generatedSecret(env: { NODE_ENV: string; DATABASE_URL?: string; SECRET_FILE: string }): string {
  if (env.NODE_ENV === "test" || isInMemory(env.DATABASE_URL)) {
    processSecret ??= randomBytes(32).toString("base64url");
    return processSecret;
  }
  return secretFromFile(env.SECRET_FILE);
}

function isInMemory(url: string | undefined) {
  const target = databaseTarget(url);
  return target.kind === "pglite" && target.dataDir === undefined;
}

function secretFromFile(file: string): string {
  const existing = readSecret(file);
  if (existing !== undefined) return existing;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: a crash never leaves a half-written secret, and of two
  // processes starting together the second one reads the first one's secret instead of replacing it.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temporary, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temporary);
  }
  const secret = readSecret(file);
  if (secret === undefined) throw new EnvError(`Invalid configuration:\n  - SECRET_FILE: ${file} could not be created`);
  return secret;
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new EnvError(`Invalid configuration:\n  - SECRET_FILE: ${file} cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  const secret = text.trim();
  if (secret.length < 32 || secret === PUBLIC_DEV_SECRET) {
    throw new EnvError(`Invalid configuration:\n  - SECRET_FILE: ${file} does not hold a secret of 32+ characters (delete it to generate a new one)`);
  }
  return secret;
}

function trustProxyProblem(raw: string): string | undefined {
  const value = raw.trim();
  if (/^\d+$/.test(value)) return undefined;
  if (/^(true|false|none)$/i.test(value)) {
    return value.toLowerCase() === "true"
      ? 'must not be "true" (every client could choose its address): give the number of proxies in front, or their addresses'
      : undefined;
  }
  const bad = value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => !isProxyRange(part));
  return bad.length
    ? `not a number of hops, an address, a subnet or one of ${PROXY_RANGE_NAMES.join(", ")}: ${bad.map((b) => `"${b}"`).join(", ")}`
    : undefined;
}

function isProxyRange(part: string): boolean {
  if (PROXY_RANGE_NAMES.includes(part)) return true;
  const [address, mask, extra] = part.split("/");
  const family = isIP(address ?? "");
  if (!family || extra !== undefined) return false;
  if (mask === undefined) return true;
  if (/^\d+$/.test(mask)) return Number(mask) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(mask) === 4; // 10.0.0.0/255.0.0.0, as proxy-addr accepts
}

function parseTrustProxy(raw: string | undefined): false | number | string {
  const value = (raw ?? "").trim();
  if (value === "" || /^(false|none)$/i.test(value)) return false;
  if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value);
  return value
    .split(",")
    .map((part) => part.trim())
    .join(", ");
}
