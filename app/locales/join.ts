// Strings of the charter (join). French first; the three languages keep the same keys.
export default {
  fr: {},
  nl: {},
  en: {},
};
