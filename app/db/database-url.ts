// Which database a DATABASE_URL designates. Shared by the app, the CLI config and the tests.
export type DatabaseTarget =
  | { kind: "pglite"; dataDir: string | undefined } // undefined = in memory
  | { kind: "postgres"; url: string };

export function databaseTarget(raw: string | undefined): DatabaseTarget {
  const url = (raw ?? "").trim();
  if (url === "" || url === "pglite:") return { kind: "pglite", dataDir: "./data/pglite" };
  if (url.startsWith("pglite:")) {
    const rest = url.slice("pglite:".length).replace(/^\/\//, "");
    if (rest === "memory" || rest === "memory://") return { kind: "pglite", dataDir: undefined };
    return { kind: "pglite", dataDir: rest };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  throw new Error(`DATABASE_URL must be empty, "pglite:<folder>", "pglite:memory" or "postgres://…" (got "${url.split(":")[0]}:…")`);
}
