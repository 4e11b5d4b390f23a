// The demo network's charter: two versions written for Maillage (inspired by the principles that
// Relais sociaux charters share, not copied from one), and who signed what. Dates are relative to
// the day of seeding so that the demo always shows a renewal in progress.

export const DEMO_CHARTER_V1 = {
  title: "Charte du Relais social urbain de Démoville",
  changeSummary: "",
  body: `<h2>Pourquoi cette charte</h2>
<p>Les services publics et les associations de Démoville rencontrent chaque jour des personnes en difficulté. Chacun agit avec ses missions, ses moyens et ses limites. Cette charte dit ce que nous nous engageons à faire ensemble, pour que personne ne se perde entre nos portes.</p>
<h2>Envers les personnes</h2>
<ul>
<li><p>Accueillir chaque personne avec respect, sans jugement et sans condition de nationalité, de situation administrative ou de convictions.</p></li>
<li><p>Respecter le secret professionnel : nous n'échangeons une information qu'avec l'accord de la personne et seulement ce qui est utile à son aide.</p></li>
<li><p>Orienter plutôt que renvoyer : quand nous ne pouvons pas aider, nous indiquons le service qui le peut et, si possible, nous prenons contact avec lui.</p></li>
<li><p>Associer la personne aux décisions qui la concernent.</p></li>
</ul>
<h2>Entre partenaires</h2>
<ul>
<li><p>Tenir à jour la présentation de notre service dans l'annuaire du réseau : ce que nous faisons, pour qui, où et quand.</p></li>
<li><p>Participer à au moins un groupe de travail et à l'assemblée générale.</p></li>
<li><p>Partager nos constats de terrain pour que le réseau puisse les porter auprès des pouvoirs publics.</p></li>
</ul>
<h2>Adhésion</h2>
<p>L'organisation adhère par la signature d'une personne qui peut l'engager. Elle peut retirer son adhésion à tout moment en le faisant savoir à la coordination.</p>`,
};

export const DEMO_CHARTER_V2 = {
  title: "Charte du Relais social urbain de Démoville",
  changeSummary:
    "Ajout de l'engagement sur la fracture numérique (garder un accueil sans rendez-vous en ligne) et de la gratuité de l'orientation ; la participation aux groupes de travail devient annuelle.",
  body: `<h2>Pourquoi cette charte</h2>
<p>Les services publics et les associations de Démoville rencontrent chaque jour des personnes en difficulté. Chacun agit avec ses missions, ses moyens et ses limites. Cette charte dit ce que nous nous engageons à faire ensemble, pour que personne ne se perde entre nos portes.</p>
<h2>Envers les personnes</h2>
<ul>
<li><p>Accueillir chaque personne avec respect, sans jugement et sans condition de nationalité, de situation administrative ou de convictions.</p></li>
<li><p>Respecter le secret professionnel : nous n'échangeons une information qu'avec l'accord de la personne et seulement ce qui est utile à son aide.</p></li>
<li><p>Orienter plutôt que renvoyer, gratuitement : quand nous ne pouvons pas aider, nous indiquons le service qui le peut et, si possible, nous prenons contact avec lui.</p></li>
<li><p>Garder un accès sans ordinateur : un accueil en personne ou par téléphone, sans rendez-vous pris en ligne, pour celles et ceux que le numérique exclut.</p></li>
<li><p>Associer la personne aux décisions qui la concernent.</p></li>
</ul>
<h2>Entre partenaires</h2>
<ul>
<li><p>Tenir à jour la présentation de notre service dans l'annuaire du réseau : ce que nous faisons, pour qui, où et quand.</p></li>
<li><p>Participer chaque année à au moins un groupe de travail et à l'assemblée générale.</p></li>
<li><p>Partager nos constats de terrain pour que le réseau puisse les porter auprès des pouvoirs publics.</p></li>
</ul>
<h2>Adhésion</h2>
<p>L'organisation adhère par la signature d'une personne qui peut l'engager. Elle peut retirer son adhésion à tout moment en le faisant savoir à la coordination.</p>`,
};

/** Organisations that signed version 1 only: "to renew" while the deadline runs. */
export const DEMO_TO_RENEW = ["Maison médicale du Quartier Nord", "Service de médiation de dettes"];
/** In the directory, never signed: applicants. */
export const DEMO_APPLICANTS = ["Vestiaire solidaire de Bomel", "Service de cohésion sociale de la Ville"];
/** Signed version 1, then left the network. */
export const DEMO_WITHDRAWN = {
  name: "Espace seniors Saint-Marc",
  reason: "Le service a fermé ses permanences en 2025 et rejoint l'Aide aux familles et aux aînés.",
};

/** A request to join from outside, waiting for the coordinator. */
export const DEMO_JOIN_REQUEST = {
  organisationName: "Collectif Logement Solidaire",
  kind: "association",
  street: "Rue Saint-Nicolas 14",
  postalCode: "5000",
  commune: "Namur",
  website: "https://logement-solidaire.example",
  contactName: "Inès Moreau",
  contactEmail: "ines.moreau@logement-solidaire.example",
  contactFunction: "Coordinatrice",
  motivation:
    "Nous accompagnons des familles menacées d'expulsion et voulons mieux orienter vers les services du réseau, et porter avec vous la question des logements insalubres.",
};
