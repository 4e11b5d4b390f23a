// The addresses of meetings and groups (app/utils/paths.ts), which every link, redirect, e-mail and
// calendar feed takes from there: the same strings the routes answer to.
import { expect, test } from "vitest";

import { groupPath, groupUrl, meetingPath, meetingUrl, newMeetingPath } from "#app/utils/paths";

const meeting = { networkSlug: "relais-social-demo", meetingId: "0b7c6f4e-1d2a-4c3b-9e8f-123456789abc" };
const group = { networkSlug: "relais-social-demo", groupSlug: "sante" };

test.each([
  [meetingPath(meeting), "/relais-social-demo/meetings/0b7c6f4e-1d2a-4c3b-9e8f-123456789abc"],
  [meetingPath(meeting, "minutes"), "/relais-social-demo/meetings/0b7c6f4e-1d2a-4c3b-9e8f-123456789abc/minutes"],
  [meetingPath(meeting, "minutes/edit"), "/relais-social-demo/meetings/0b7c6f4e-1d2a-4c3b-9e8f-123456789abc/minutes/edit"],
  [meetingPath(meeting, `minutes/v/${3}`), "/relais-social-demo/meetings/0b7c6f4e-1d2a-4c3b-9e8f-123456789abc/minutes/v/3"],
  [
    meetingUrl("https://maillage.example.be", meeting, "minutes"),
    "https://maillage.example.be/relais-social-demo/meetings/0b7c6f4e-1d2a-4c3b-9e8f-123456789abc/minutes",
  ],
  [newMeetingPath("relais-social-demo"), "/relais-social-demo/meetings/new"],
  [newMeetingPath("relais-social-demo", "santé & co"), "/relais-social-demo/meetings/new?group=sant%C3%A9%20%26%20co"],
  [groupPath(group), "/relais-social-demo/groups/sante"],
  [groupPath(group, "members"), "/relais-social-demo/groups/sante/members"],
  [groupUrl("http://localhost:3000", group, "edit"), "http://localhost:3000/relais-social-demo/groups/sante/edit"],
])("%s", (built, expected) => {
  expect(built).toBe(expected);
});
