// Every PGlite instance of the project (app, tests, Prisma CLI, shadow databases) is made here, so
// that all of them carry the extensions the migrations need: `unaccent`, used by the minutes
// search (accents ignored in French and Dutch, docs/decisions/010-groups-meetings-minutes.md).
import { PGlite } from "@electric-sql/pglite";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

/** `loadDataDir`: a data folder dumped by `dumpDataDir()` to start from (the tests' migrated
 * template, which spares each test file an initdb). */
export function newPGlite(dataDir?: string, options: { loadDataDir?: Blob } = {}) {
  return new PGlite({ dataDir, extensions: { unaccent }, loadDataDir: options.loadDataDir });
}
