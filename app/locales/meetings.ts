// Strings of the meetings pages. French first; the three languages keep the same keys.
export default {
  fr: {
  },
  nl: {
  },
  en: {
  },
};
