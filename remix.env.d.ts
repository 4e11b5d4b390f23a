/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// Single fetch is on (remix.config.js): loaders and actions return plain objects or data(), and
// useLoaderData/useActionData are typed accordingly. (`export {}` makes this an augmentation.)
export {};
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
