// Strings of the organisations pages.
export default {
  fr: {
    "organisations.placeholder": "…",
  },
  nl: {
    "organisations.placeholder": "…",
  },
  en: {
    "organisations.placeholder": "…",
  },
};
