// Days of the week (1 = Monday … 7 = Sunday, ISO).
export default {
  fr: {
    "weekday.1": "Lundi",
    "weekday.2": "Mardi",
    "weekday.3": "Mercredi",
    "weekday.4": "Jeudi",
    "weekday.5": "Vendredi",
    "weekday.6": "Samedi",
    "weekday.7": "Dimanche",
  },
  nl: {
    "weekday.1": "Maandag",
    "weekday.2": "Dinsdag",
    "weekday.3": "Woensdag",
    "weekday.4": "Donderdag",
    "weekday.5": "Vrijdag",
    "weekday.6": "Zaterdag",
    "weekday.7": "Zondag",
  },
  en: {
    "weekday.1": "Monday",
    "weekday.2": "Tuesday",
    "weekday.3": "Wednesday",
    "weekday.4": "Thursday",
    "weekday.5": "Friday",
    "weekday.6": "Saturday",
    "weekday.7": "Sunday",
  },
};
