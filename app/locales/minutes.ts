// Strings of the minutes pages. French first; the three languages keep the same keys.
export default {
  fr: {
  },
  nl: {
  },
  en: {
  },
};
