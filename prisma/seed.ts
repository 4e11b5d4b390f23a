// npm run db:seed
// Seeds the demo network (prisma/seed/, the same as `npm start` seeds with SEED_DEMO) into the
// database of DATABASE_URL (PGlite in ./data/pglite by default), after applying the migrations,
// and prints the demo logins. Only into an empty database: run again, it says the demo is there;
// on a database with other users or networks it refuses (exit 1) and writes nothing.
import "dotenv/config";

import { closeDatabase, getDatabase, prisma } from "#app/utils/db.server";
import { EnvError } from "#app/utils/env.server";

import { DEMO_NETWORK } from "./seed/demo-data";
import { demoLoginsText, seedDemoIfEmpty } from "./seed/demo-seed.server";

let code = 0;
try {
  const db = getDatabase();
  const applied = await db.migrate();
  if (applied.length) console.log(`Database (${db.kind}): applied ${applied.length} migration(s).`);
  const logins = await seedDemoIfEmpty();
  if (logins) console.log(demoLoginsText(logins));
  else if (await prisma.network.count({ where: { slug: DEMO_NETWORK.slug } })) {
    console.log(`The demo network (/${DEMO_NETWORK.slug}) is already in this database: nothing to do. Its logins are in README.md.`);
  } else {
    console.error("This database already has users or networks: the demo is only seeded into an empty database. Nothing was written.");
    code = 1;
  }
} catch (error) {
  console.error(error instanceof EnvError ? `Cannot seed.\n${error.message}\nSee README.md, "Configuration".` : error);
  code = 1;
} finally {
  // PGlite keeps the process alive until it is closed.
  await closeDatabase();
}
process.exit(code);
