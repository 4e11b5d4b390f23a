// Strings of the charter (charter-pdf). French first; the three languages keep the same keys.
export default {
  fr: {},
  nl: {},
  en: {},
};
