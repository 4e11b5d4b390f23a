// The application's name and tagline.
export default {
  fr: {
    "app.name": "Maillage",
    "app.tagline": "La coordination des réseaux sociaux",
  },
  nl: {
    "app.name": "Maillage",
    "app.tagline": "De coördinatie van sociale netwerken",
  },
  en: {
    "app.name": "Maillage",
    "app.tagline": "Coordinating social networks",
  },
};
