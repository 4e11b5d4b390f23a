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
export const SPOKEN_LANGUAGES = ["fr", "nl", "en", "ar", "es", "pt", "it", "tr", "ro", "pl", "ru", "uk", "de", "sq", "fa", "ps", "ti", "so", "ln", "bg"] as const;

export const RESERVED_SLUGS = new Set([
  "login", "logout", "account", "ical", "api", "admin", "invitations", "forgot-password",
  "reset-password", "language", "healthz", "build", "assets", "static", "favicon.ico", "robots.txt",
  "resources", "public", "new", "help", "about",
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
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
}
