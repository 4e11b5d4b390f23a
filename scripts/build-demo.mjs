// `npm run build`, after `remix build`: the demo seed (prisma/seed/) as its own file,
// build/demo.js, so that the app's bundle (build/index.js) does not carry it. server.ts imports
// it at start only when SEED_DEMO=true. Packages stay imports, as in the app's bundle: at run
// time it needs the dependencies only, never the devDependencies (esbuild is one, used here).
import { build } from "esbuild";

const started = Date.now();
const result = await build({
  entryPoints: ["prisma/seed/demo-seed.server.ts"],
  outfile: "build/demo.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: "tsconfig.json",
  metafile: true,
  logLevel: "warning",
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`build/demo.js: ${(bytes / 1024).toFixed(0)} KiB in ${Date.now() - started} ms`);
