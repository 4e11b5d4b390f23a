// A network's home page: members, themes, coordination, recent changes.
export default {
  fr: {
    "network.members": "Organisations membres",
    "network.membersLink": "Voir l'annuaire des membres",
    "network.themes": "Thématiques",
    "network.coordinators": "Coordination",
    "network.youCoordinate": "Vous coordonnez ce réseau.",
    "network.yourOrganisations": "Vos organisations",
    "network.recent": "Derniers changements dans l'annuaire",
    "network.noRecent": "Rien de neuf pour le moment.",
  },
  nl: {
    "network.members": "Aangesloten organisaties",
    "network.membersLink": "Naar de ledengids",
    "network.themes": "Thema's",
    "network.coordinators": "Coördinatie",
    "network.youCoordinate": "U coördineert dit netwerk.",
    "network.yourOrganisations": "Uw organisaties",
    "network.recent": "Laatste wijzigingen in de gids",
    "network.noRecent": "Voorlopig niets nieuws.",
  },
  en: {
    "network.members": "Member organisations",
    "network.membersLink": "Open the member directory",
    "network.themes": "Themes",
    "network.coordinators": "Coordination",
    "network.youCoordinate": "You coordinate this network.",
    "network.yourOrganisations": "Your organisations",
    "network.recent": "Latest changes in the directory",
    "network.noRecent": "Nothing new for now.",
  },
};
