// npm run db:migrate
// Applies the committed migrations not yet applied to the database of DATABASE_URL (PGlite by
// default), with the same migrator the server runs at start-up (docs/decisions/002).
import "dotenv/config";

import { openDatabase } from "../app/db/connect.server";
import { databaseTarget } from "../app/db/database-url";

const target = databaseTarget(process.env.DATABASE_URL);
const where =
  target.kind === "pglite" ? `PGlite ${target.dataDir ?? "(in memory)"}` : `PostgreSQL ${Object.assign(new URL(target.url), { password: "" }).toString()}`;

const db = openDatabase(process.env.DATABASE_URL);
let code = 0;
try {
  const applied = await db.migrate();
  if (applied.length === 0) console.log(`${where}: up to date, nothing to apply.`);
  else {
    console.log(`${where}: applied ${applied.length} migration(s):`);
    for (const name of applied) console.log(`  ${name}`);
  }
} catch (error) {
  console.error(`${where}: ${(error as Error).message}`);
  code = 1;
} finally {
  // PGlite keeps the process alive until it is closed.
  await db.close();
}
process.exit(code);
