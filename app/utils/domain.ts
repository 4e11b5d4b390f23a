// Closed lists of the domain, shared by forms, imports and the database checks.
export const ORGANISATION_KINDS = [
  "association",
  "public_service",
  "cpas",
  "hospital",
  "medical_centre",
  "mental_health",
  "housing",
  "shelter",
  "school",
  "other",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const DELEGATE_ROLES = ["titular", "substitute", "staff"] as const;
export type DelegateRole = (typeof DELEGATE_ROLES)[number];

/** Languages an organisation can receive people in (ISO 639-1), in the order shown. */
export const SPOKEN_LANGUAGES = [
  "fr",
  "nl",
  "en",
  "ar",
  "es",
  "pt",
  "it",
  "tr",
  "ro",
  "pl",
  "ru",
  "uk",
  "de",
  "sq",
  "fa",
  "ps",
  "ti",
  "so",
  "ln",
  "bg",
] as const;

export const RESERVED_SLUGS = new Set([
  "login",
  "logout",
  "account",
  "ical",
  "api",
  "admin",
  "invitations",
  "forgot-password",
  "reset-password",
  "language",
  "healthz",
  "build",
  "assets",
  "static",
  "favicon.ico",
  "robots.txt",
  "resources",
  "public",
  "new",
  "help",
  "about",
]);

/** "Café-Rencontre d'Ixelles" → "cafe-rencontre-d-ixelles" */
export function slugify(text: string) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

/** Lower case without accents, for accent- and case-insensitive search. */
export function foldText(text: string) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

// --- Working groups, meetings, minutes ------------------------------------------------------------
export const GROUP_JOIN_POLICIES = ["open", "request"] as const;
export type GroupJoinPolicy = (typeof GROUP_JOIN_POLICIES)[number];
export const GROUP_MEMBERSHIP_STATUSES = ["pending", "active", "declined", "left"] as const;
export type GroupMembershipStatus = (typeof GROUP_MEMBERSHIP_STATUSES)[number];

export const MEETING_STATUSES = ["scheduled", "cancelled"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const RSVP_RESPONSES = ["yes", "no", "maybe"] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];
export const ATTENDANCE_STATUSES = ["present", "excused", "absent"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const MINUTES_STATUSES = ["draft", "submitted", "approved", "published", "superseded"] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];
export const MINUTES_VISIBILITIES = ["group", "network", "public"] as const;
export type MinutesVisibility = (typeof MINUTES_VISIBILITIES)[number];
export const MINUTES_LANGUAGES = ["fr", "nl"] as const;
export type MinutesLanguage = (typeof MINUTES_LANGUAGES)[number];
/** The language of minutes (its search stemming) for a stored or UI language: French unless Dutch. */
export function minutesLanguage(language: string | null | undefined): MinutesLanguage {
  return (MINUTES_LANGUAGES as readonly string[]).includes(language ?? "") ? (language as MinutesLanguage) : "fr";
}
export const ACTION_STATUSES = ["open", "done", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const SERIES_FREQUENCIES = ["monthly", "weekly"] as const;
export type SeriesFrequency = (typeof SERIES_FREQUENCIES)[number];
/** Monthly series: 1–4 = first … fourth weekday of the month, -1 = the last one. */
export const SERIES_ORDINALS = [1, 2, 3, 4, -1] as const;
export const CALENDAR_FEED_SCOPES = ["person", "group", "network", "public"] as const;
export type CalendarFeedScope = (typeof CALENDAR_FEED_SCOPES)[number];
