// The names of the three languages, each in its own language.
export default {
  fr: {
    "lang.fr": "Français",
    "lang.nl": "Nederlands",
    "lang.en": "English",
  },
  nl: {
    "lang.fr": "Français",
    "lang.nl": "Nederlands",
    "lang.en": "English",
  },
  en: {
    "lang.fr": "Français",
    "lang.nl": "Nederlands",
    "lang.en": "English",
  },
};
