// The framework ceiling: a separate, tiny Remix app built only by `npm run bench`
// (docs/decisions/009-benchmarks.md). Same compiler, future flags, entry.server and Express
// stack as the real app, no database; its output stays out of the app's build and of git.
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  appDirectory: "app",
  serverBuildPath: "../.build/remix/index.js",
  assetsBuildDirectory: "../.build/remix/public/build",
  publicPath: "/build/",
  cacheDirectory: "../.build/remix/cache",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
