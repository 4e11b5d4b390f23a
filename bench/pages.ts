// The pages the bench loads. Add a line when a page appears (a group, the calendar, a minutes
// search…): `optional` pages are skipped, not reported as failures, while they answer 404.
import type { SeedResult } from "./seed";

export type BenchPage = {
  name: string;
  path: (seed: SeedResult) => string;
  /** Sent with the coordinator's session cookie (and left out of the anonymous bytes table). */
  signedIn?: boolean;
  optional?: boolean;
};

export const PAGES: BenchPage[] = [
  { name: "network home", path: (s) => `/${s.networkSlug}` },
  { name: "directory", path: (s) => `/${s.networkSlug}/organisations` },
  { name: "directory search", path: (s) => `/${s.networkSlug}/organisations?${s.searchQuery}` },
  { name: "profile", path: (s) => `/${s.networkSlug}/organisations/${s.organisationSlug}` },
  { name: "charter", path: (s) => `/${s.networkSlug}/charter`, optional: true },
  { name: "charter signatories", path: (s) => `/${s.networkSlug}/charter/signatories`, optional: true },
  { name: "groups", path: (s) => `/${s.networkSlug}/groups`, optional: true },
  { name: "group page", path: (s) => `/${s.networkSlug}/groups/${s.groupSlug}`, optional: true },
  { name: "calendar", path: (s) => `/${s.networkSlug}/calendar`, optional: true },
  { name: "minutes search", path: (s) => `/${s.networkSlug}/minutes?${s.minutesQuery}` },
  { name: "signed in: minutes search", path: (s) => `/${s.networkSlug}/minutes?${s.minutesQuery}`, signedIn: true },
  { name: "signed in: open actions", path: (s) => `/${s.networkSlug}/actions`, signedIn: true },
  { name: "signed in: directory", path: (s) => `/${s.networkSlug}/organisations`, signedIn: true },
  { name: "signed in: coordination", path: (s) => `/${s.networkSlug}/admin`, signedIn: true },
];
