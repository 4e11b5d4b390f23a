// Every PGlite instance of the project (app, tests, Prisma CLI, shadow databases) is made here, so
// that all of them carry the extensions the migrations need: `unaccent`, used by the minutes
// search (accents ignored in French and Dutch, docs/decisions/010-groups-meetings-minutes.md).
import { PGlite } from "@electric-sql/pglite";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

export function newPGlite(dataDir?: string) {
  return new PGlite({ dataDir, extensions: { unaccent } });
}
