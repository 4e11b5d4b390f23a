import { flatRoutes } from "remix-flat-routes";

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // remix-flat-routes decides the routes; Remix's own convention is switched off.
  ignoredRouteFiles: ["**/*"],
  routes: async (defineRoutes) =>
    flatRoutes("routes", defineRoutes, {
      ignoredRouteFiles: ["**/.*", "**/*.css", "**/*.test.{js,jsx,ts,tsx}", "**/__*.*"],
    }),
  // server.ts is compiled with the app into build/index.js: one module graph, one database.
  server: "./server.ts",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  serverMinify: false,
  watchPaths: ["./server.ts", "./app/locales"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
