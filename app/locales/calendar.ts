// Strings of the calendar pages. French first; the three languages keep the same keys.
export default {
  fr: {
  },
  nl: {
  },
  en: {
  },
};
