// Strings of the admin pages.
export default {
  fr: {
    "admin.placeholder": "…",
  },
  nl: {
    "admin.placeholder": "…",
  },
  en: {
    "admin.placeholder": "…",
  },
};
