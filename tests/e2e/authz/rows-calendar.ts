// Authorization rows of the calendars. The network's calendar is open to everyone (what it lists
// depends on the reader: visitors see public meetings only; tests/calendar.test.ts checks that);
// a month that does not exist is a 400. Feeds are managed by their owner (/account/calendars),
// the public feed by the network's coordinators. A feed address (/ical/<token>.ics) is its own
// key: any persona gets the same answer, 404 for an unknown or revoked token.
import { everyone, type MatrixRow } from "./types";

const signedIn = (status: number) => ({ anonymous: 302, otherDelegate: status, delegate: status, otherCoordinator: status, coordinator: status });
const coordinatorOnly = (status: number) => ({ anonymous: 302, otherDelegate: 403, delegate: 403, otherCoordinator: 403, coordinator: status });

export const rows: MatrixRow[] = [
  { route: "routes/$network+/calendar", method: "GET", path: "/:network/calendar", expect: everyone(200) },
  { route: "routes/$network+/calendar", method: "GET", path: "/:network/calendar?view=list&group=:group", expect: everyone(200) },
  { route: "routes/$network+/calendar", method: "GET", path: "/:network/calendar?month=2026-13", expect: everyone(400) },
  { route: "routes/account_.calendars", method: "GET", path: "/account/calendars", expect: signedIn(200) },
  // An empty form reaches validation and creates nothing.
  { route: "routes/account_.calendars", method: "POST", path: "/account/calendars", expect: signedIn(400) },
  // Revoking someone else's feed: not found, whoever asks.
  { route: "routes/account_.calendars", method: "POST", path: "/account/calendars", form: { intent: "revoke", feedId: "not-a-feed" }, expect: signedIn(404) },
  { route: "routes/$network+/admin+/calendar-feed", method: "GET", path: "/:network/admin/calendar-feed", expect: coordinatorOnly(200) },
  { route: "routes/$network+/admin+/calendar-feed", method: "POST", path: "/:network/admin/calendar-feed", expect: coordinatorOnly(400) },
  { route: "routes/ical.$token", method: "GET", path: "/ical/:token.ics", expect: everyone(404) },
  { route: "routes/ical.$token", method: "GET", path: "/ical/:revokedFeedToken.ics", expect: everyone(404) },
  { route: "routes/ical.$token", method: "GET", path: "/ical/:publicFeedToken.ics", expect: everyone(200) },
  { route: "routes/ical.$token", method: "GET", path: "/ical/:personFeedToken.ics", expect: everyone(200) },
];
