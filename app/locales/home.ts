// The platform's home page: the networks hosted here.
export default {
  fr: {
    "home.title": "Les réseaux hébergés ici",
    "home.intro": "Choisissez un réseau pour découvrir ses membres et ses activités.",
    "home.empty": "Aucun réseau n'est encore hébergé ici.",
    "home.organisationCount.one": "{count} organisation",
    "home.organisationCount.other": "{count} organisations",
  },
  nl: {
    "home.title": "De netwerken op dit platform",
    "home.intro": "Kies een netwerk om zijn leden en activiteiten te ontdekken.",
    "home.empty": "Er is hier nog geen netwerk.",
    "home.organisationCount.one": "{count} organisatie",
    "home.organisationCount.other": "{count} organisaties",
  },
  en: {
    "home.title": "Networks hosted here",
    "home.intro": "Choose a network to discover its members and activities.",
    "home.empty": "No network is hosted here yet.",
    "home.organisationCount.one": "{count} organisation",
    "home.organisationCount.other": "{count} organisations",
  },
};
