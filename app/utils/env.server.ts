// Configuration, validated once at start-up. Defaults make a fresh clone run in embedded mode;
// production must name its secrets. Only `publicEnv()` may reach the browser.
import { z } from "zod";

const DEV_SECRET = "maillage-development-secret-do-not-use-in-production";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    APP_URL: z.string().url().optional(),
    DATABASE_URL: z.string().optional(),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().min(3).default("Maillage <ne-pas-repondre@maillage.localhost>"),
    COOKIE_SECURE: z.enum(["true", "false"]).optional(),
    SEED_DEMO: z.enum(["true", "false"]).default("true"),
    OUTBOX_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
    // Scans of signed paper charters (never under public/: served only after a permission check).
    UPLOADS_DIR: z.string().min(1).default("./data/uploads"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    if (!env.SESSION_SECRET)
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required when NODE_ENV=production" });
    if (!env.APP_URL)
      ctx.addIssue({ code: "custom", path: ["APP_URL"], message: "is required when NODE_ENV=production (links in e-mails)" });
  });

export type Env = z.infer<typeof schema> & { sessionSecret: string; appUrl: string; cookieSecure: boolean };

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
  return {
    ...env,
    sessionSecret: env.SESSION_SECRET ?? DEV_SECRET,
    appUrl: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === "true" : env.NODE_ENV === "production",
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
