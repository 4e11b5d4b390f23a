// Demo content of the working groups: the ten thematic groups of a coordination sociale (as in
// Saint-Gilles), each with its facilitator, its member services, its monthly rhythm and the
// matter of its minutes. The minutes of a year are composed from these paragraphs (two topics a
// month, in turn), so that the search has real words to find. Every text is ours; no person
// helped by a service is ever named.

export type DemoFacilitator = { email: string; name: string; organisation: string };

export type DemoGroup = {
  slug: string;
  name: string;
  theme: string;
  description: string;
  joinPolicy: "open" | "request";
  facilitator: DemoFacilitator;
  /** Charter members of the demo network, the facilitator's organisation first. */
  members: string[];
  /** Monthly series: ordinal weekday (1–4, -1 last), weekday 1 = Monday, Brussels times. */
  series: { ordinal: number; weekday: number; from: string; to: string; place: string; videoUrl?: string; isPublic?: boolean };
  topics: { title: string; text: string }[];
  decisions: string[];
  actions: { what: string; organisation: string }[];
  /** Upcoming agenda (the next meeting). */
  agenda: string[];
};

/** Minutes written in Dutch by a Dutch-speaking note-taker: used for a few months of some groups. */
export const DEMO_DUTCH_MINUTES = {
  topics: [
    {
      title: "Voorbereiding van de verkiezingen",
      text: "De groep werkt verder aan het memorandum voor de gemeenteraadsverkiezingen. Elke dienst bezorgt twee concrete vragen uit het terrein; de coördinatie bundelt ze en legt de tekst voor aan de volgende vergadering. De kandidaten van alle democratische partijen worden uitgenodigd op een debat in het voorjaar.",
    },
    {
      title: "Toegankelijkheid van de diensten",
      text: "Verschillende diensten merken dat mensen steeds vaker online afspraken moeten maken. De groep vraagt dat elke dienst minstens één vrije permanentie behoudt en dat de onthaalmedewerkers de weg naar de digitale hulpmiddelen kunnen tonen. Een gezamenlijke folder in het Nederlands, het Frans en het Arabisch wordt voorbereid.",
    },
    {
      title: "Samenwerking met de Nederlandstalige partners",
      text: "De Nederlandstalige welzijnsorganisaties van de gemeente worden voortaan uitgenodigd. Het verslag wordt afwisselend in het Frans en in het Nederlands opgesteld; de besluiten worden altijd in beide talen samengevat.",
    },
  ],
  decisions: ["Het memorandum voor de verkiezingen wordt op de volgende vergadering goedgekeurd.", "De gezamenlijke folder wordt gedrukt in drie talen."],
};

/** Facilitators who are not among DEMO_PEOPLE: created with the groups, as delegates of their organisation. */
export const DEMO_FACILITATORS: DemoFacilitator[] = [];

const f = (email: string, name: string, organisation: string): DemoFacilitator => {
  const facilitator = { email, name, organisation };
  DEMO_FACILITATORS.push(facilitator);
  return facilitator;
};

export const DEMO_GROUPS: DemoGroup[] = [
  {
    slug: "logement",
    name: "Logement",
    theme: "Logement",
    description:
      "Les services qui accompagnent les ménages dans la recherche, le maintien et la qualité du logement.\n\nNous échangeons sur les situations qui bloquent, nous suivons les politiques régionales et nous portons ensemble les constats du terrain.",
    joinPolicy: "open",
    facilitator: { email: "delegue.cpas@demo.maillage.be", name: "Yasmina El Amrani", organisation: "CPAS de Démoville" },
    members: [
      "CPAS de Démoville",
      "Centre d'accueil social La Passerelle",
      "Agence immobilière sociale Sambre-Meuse",
      "Société de logement de service public Namur Habitat",
      "Maison d'accueil L'Escale",
      "Dispositif d'urgence sociale",
      "Accueil de jour Le Phare",
      "Abri de nuit Les Trois Portes",
      "Initiative locale d'accueil du CPAS",
      "Équipe mobile de travail de rue",
      "Maison médicale de Jambes",
    ],
    series: {
      ordinal: 2,
      weekday: 2,
      from: "09:30",
      to: "11:30",
      place: "CPAS de Démoville, salle du conseil, Rue de l'Hôtel de Ville 1, 5000 Namur",
      isPublic: true,
    },
    topics: [
      {
        title: "Expulsions domiciliaires",
        text: "Le CPAS constate une hausse des jugements d'expulsion, surtout pour des arriérés de loyer de moins de trois mois. La Passerelle rappelle que le juge de paix peut accorder des délais lorsque le ménage est accompagné : la lettre du service social fait souvent la différence. Le groupe propose une fiche commune « que faire quand on reçoit une citation en justice de paix », à distribuer dans toutes les permanences.",
      },
      {
        title: "Logements de transit",
        text: "L'AIS dispose de quatre logements de transit, tous occupés ; la durée moyenne de séjour dépasse désormais dix mois faute de solution à la sortie. Namur Habitat présente les règles d'attribution prioritaire pour les ménages sortant de transit. Le groupe demande un tableau partagé des places disponibles, mis à jour chaque semaine.",
      },
      {
        title: "Précarité énergétique",
        text: "Plusieurs services accompagnent des familles dont le compteur à budget est coupé en hiver. Le CPAS rappelle l'existence du fonds énergie et de l'allocation de chauffage. Les services demandent une permanence commune « énergie » un mardi par mois, tenue à tour de rôle, pour aider à lire les factures et à demander le statut de client protégé.",
      },
      {
        title: "Mémorandum pour les élections",
        text: "En vue des élections communales et régionales, le groupe rédige ses revendications : plus de logements publics à loyer modéré, un encadrement des loyers, une cellule de prévention des expulsions dans chaque commune. Le texte sera présenté aux candidats lors d'une rencontre publique organisée avec les autres groupes du réseau.",
      },
      {
        title: "Salubrité et marchands de sommeil",
        text: "L'équipe de rue signale des chambres louées sans bail dans des immeubles insalubres. Le service logement de la Ville explique la procédure d'enquête de salubrité et les possibilités de relogement d'urgence. Le groupe convient de centraliser les signalements, sans données personnelles, pour montrer l'ampleur du problème.",
      },
    ],
    decisions: [
      "La fiche « citation en justice de paix » est validée et sera imprimée à 500 exemplaires.",
      "Le tableau partagé des places de transit est tenu par l'AIS et consulté par tous les membres.",
      "Une permanence énergie commune s'ouvre le premier mardi du mois, à la Passerelle.",
      "Le mémorandum logement est adopté et transmis à la coordination du réseau.",
    ],
    actions: [
      { what: "Envoyer la fiche « citation en justice de paix » aux membres", organisation: "Centre d'accueil social La Passerelle" },
      { what: "Mettre en ligne le tableau des places de transit", organisation: "Agence immobilière sociale Sambre-Meuse" },
      { what: "Fixer le calendrier des permanences énergie", organisation: "CPAS de Démoville" },
      { what: "Rassembler les signalements d'insalubrité du trimestre", organisation: "Équipe mobile de travail de rue" },
    ],
    agenda: ["Approbation du compte rendu de la réunion précédente", "Bilan de la permanence énergie", "Expulsions : chiffres du trimestre", "Divers"],
  },
  {
    slug: "sante",
    name: "Santé",
    theme: "Santé",
    description:
      "Maisons médicales, services hospitaliers, santé mentale et services sociaux autour de l'accès aux soins.\n\nLe groupe travaille l'accès des personnes sans couverture, la continuité des soins à la sortie de l'hôpital et la prévention.",
    joinPolicy: "request",
    facilitator: { email: "delegue.mmnord@demo.maillage.be", name: "Pieter Janssens", organisation: "Maison médicale du Quartier Nord" },
    members: [
      "Maison médicale du Quartier Nord",
      "Maison médicale de Jambes",
      "CPAS de Démoville",
      "Service de santé mentale Namur-Centre",
      "Centre de planning familial Les Marronniers",
      "Relais santé — infirmerie sociale",
      "Centre hospitalier régional — service social",
      "Centre neuropsychiatrique des Sources",
      "Centre de soins en assuétudes Le Gué",
      "Comptoir de réduction des risques",
      "Centre d'intégration Namur-Migrations",
      "Aide aux familles et aux aînés",
    ],
    series: {
      ordinal: 1,
      weekday: 4,
      from: "14:00",
      to: "16:00",
      place: "Maison médicale du Quartier Nord, Avenue Reine Astrid 45, 5002 Saint-Servais",
      videoUrl: "https://visio.demo.maillage.be/sante",
    },
    topics: [
      {
        title: "Aide médicale urgente",
        text: "Les délais d'obtention de la carte d'aide médicale urgente restent longs : jusqu'à six semaines. Le CPAS présente la nouvelle procédure d'enquête sociale simplifiée. Les maisons médicales demandent qu'un réquisitoire provisoire puisse être délivré dès la première visite pour les traitements qui ne peuvent pas attendre.",
      },
      {
        title: "Sorties d'hôpital",
        text: "Le service social de l'hôpital signale des sorties le vendredi soir sans relais à domicile. Le groupe propose une fiche de liaison commune entre l'hôpital, la maison médicale et les aides familiales, et un numéro de contact pour les sorties de fin de semaine. L'infirmerie sociale accepte d'accueillir les personnes sans domicile qui sortent avec des soins de plaies.",
      },
      {
        title: "Santé mentale et premier accueil",
        text: "Le service de santé mentale a une liste d'attente de trois mois pour les adultes. Une permanence d'accueil sans rendez-vous est testée le mercredi après-midi. Les membres partagent leurs pratiques d'orientation et rappellent l'intérêt des consultations psychologiques de première ligne remboursées.",
      },
      {
        title: "Vaccination et prévention",
        text: "La campagne de vaccination contre la grippe se fera dans les maisons médicales et, pour la première fois, à l'accueil de jour avec l'infirmerie sociale. Le planning familial présente ses animations dans les écoles. Le groupe prépare un dépliant en langage clair, traduit en arabe, en roumain et en néerlandais.",
      },
    ],
    decisions: [
      "La fiche de liaison « sortie d'hôpital » est adoptée et testée pendant trois mois.",
      "Le groupe demande au CPAS un réquisitoire provisoire pour les soins urgents.",
      "Le dépliant prévention est validé en quatre langues.",
    ],
    actions: [
      { what: "Diffuser la fiche de liaison aux services de l'hôpital", organisation: "Centre hospitalier régional — service social" },
      { what: "Proposer un texte sur le réquisitoire provisoire au CPAS", organisation: "Maison médicale du Quartier Nord" },
      { what: "Faire traduire le dépliant prévention", organisation: "Centre d'intégration Namur-Migrations" },
      { what: "Évaluer la permanence sans rendez-vous du mercredi", organisation: "Service de santé mentale Namur-Centre" },
    ],
    agenda: [
      "Approbation du compte rendu",
      "Aide médicale urgente : nouvelles de la procédure",
      "Sorties d'hôpital : premiers retours de la fiche de liaison",
      "Campagne de vaccination",
    ],
  },
  {
    slug: "migrations",
    name: "Migrations",
    theme: "Migrations",
    description:
      "Accueil, droits et intégration des personnes migrantes : demandeurs de protection internationale, personnes sans titre de séjour, familles regroupées.\n\nLe groupe partage l'information juridique et coordonne l'orientation.",
    joinPolicy: "open",
    facilitator: f("facilitation.migrations@demo.maillage.be", "Fatima Ouali", "Centre d'intégration Namur-Migrations"),
    members: [
      "Centre d'intégration Namur-Migrations",
      "Initiative locale d'accueil du CPAS",
      "CPAS de Démoville",
      "Atelier d'alphabétisation Les Mots Partagés",
      "Centre d'accueil social La Passerelle",
      "Maison médicale du Quartier Nord",
      "AMO Point Jeunes",
      "Service d'insertion Tremplin",
      "Dispositif d'urgence sociale",
    ],
    series: { ordinal: 3, weekday: 1, from: "09:30", to: "12:00", place: "Centre d'intégration, salle polyvalente" },
    topics: [
      {
        title: "Parcours d'intégration",
        text: "Le centre d'intégration présente les nouvelles règles du parcours d'intégration obligatoire : module d'accueil, cours de français, citoyenneté et orientation professionnelle. Les listes d'attente pour les cours de français atteignent quatre mois ; l'atelier d'alphabétisation ouvre un groupe supplémentaire le soir.",
      },
      {
        title: "Régularisation et permanences juridiques",
        text: "Une juriste rappelle les conditions des demandes de séjour pour raisons humanitaires et médicales. Le groupe constate que les personnes arrivent souvent trop tard, après un ordre de quitter le territoire. Une permanence juridique commune, un jeudi sur deux, est proposée pour orienter à temps.",
      },
      {
        title: "Mineurs étrangers non accompagnés",
        text: "L'AMO signale des jeunes de seize et dix-sept ans hébergés chez des connaissances sans tuteur désigné. Le groupe rappelle la procédure de signalement au service des tutelles et convient d'un contact de référence dans chaque service pour les situations urgentes.",
      },
      {
        title: "Interprétariat social",
        text: "Le manque d'interprètes reste le premier frein à l'accompagnement. Le groupe évalue l'interprétariat par téléphone, utile pour les premiers contacts mais peu adapté aux entretiens difficiles. Une demande conjointe de budget pour l'interprétariat en présentiel sera adressée à la Région.",
      },
    ],
    decisions: [
      "La permanence juridique commune démarre un jeudi sur deux au centre d'intégration.",
      "Chaque service désigne une personne de contact pour les mineurs non accompagnés.",
      "La demande de budget pour l'interprétariat est envoyée au nom du groupe.",
    ],
    actions: [
      { what: "Publier le calendrier de la permanence juridique", organisation: "Centre d'intégration Namur-Migrations" },
      { what: "Ouvrir les inscriptions au cours du soir", organisation: "Atelier d'alphabétisation Les Mots Partagés" },
      { what: "Rédiger la demande de budget interprétariat", organisation: "CPAS de Démoville" },
      { what: "Faire la liste des contacts « mineurs non accompagnés »", organisation: "AMO Point Jeunes" },
    ],
    agenda: ["Approbation du compte rendu", "Permanence juridique : premier bilan", "Interprétariat social", "Divers"],
  },
  {
    slug: "jeunesse",
    name: "Jeunesse",
    theme: "Jeunesse",
    description:
      "AMO, maisons de jeunes, écoles de devoirs et services d'aide à la jeunesse, pour les 12–25 ans.\n\nLe groupe travaille le décrochage scolaire, l'occupation de l'espace public et l'accès des jeunes aux droits sociaux.",
    joinPolicy: "open",
    facilitator: f("facilitation.jeunesse@demo.maillage.be", "Thomas Delvaux", "AMO Point Jeunes"),
    members: [
      "AMO Point Jeunes",
      "École de devoirs Les Petits Curieux",
      "Centre de planning familial Les Marronniers",
      "Équipe mobile de travail de rue",
      "Service d'insertion Tremplin",
      "CPAS de Démoville",
      "Service de santé mentale Namur-Centre",
      "Centre d'intégration Namur-Migrations",
    ],
    series: { ordinal: 2, weekday: 3, from: "14:00", to: "16:00", place: "AMO Point Jeunes, salle d'animation" },
    topics: [
      {
        title: "Décrochage scolaire",
        text: "Les écoles signalent davantage d'absences non justifiées après les vacances d'hiver. L'AMO propose des permanences dans deux écoles secondaires et un travail avec les familles. Le groupe insiste pour que le jeune soit toujours associé aux démarches et que le secret professionnel soit respecté.",
      },
      {
        title: "Jeunes et CPAS",
        text: "Le CPAS présente le projet individualisé d'intégration sociale pour les 18–25 ans étudiants. Beaucoup de jeunes ignorent qu'ils peuvent y avoir droit, ou renoncent par peur des démarches. Une séance d'information commune sera organisée à la maison de jeunes, avec des jeunes déjà accompagnés.",
      },
      {
        title: "Espace public et été",
        text: "Le travail de rue constate des tensions autour du parc en soirée. Le groupe prépare le programme d'été : tournois de quartier, ateliers d'expression, sorties, et une présence d'éducateurs jusqu'à 22 heures les vendredis et samedis.",
      },
      {
        title: "Santé affective et sexuelle",
        text: "Le planning familial propose des animations EVRAS dans les lieux d'accueil des jeunes, hors du cadre scolaire. Les membres relèvent le besoin d'un lieu d'écoute anonyme ; une permanence d'écoute mensuelle à l'AMO est à l'étude.",
      },
    ],
    decisions: [
      "Une séance d'information « jeunes et CPAS » est organisée avant la rentrée.",
      "Le programme d'été est adopté et financé par les partenaires.",
      "Les animations EVRAS hors école sont proposées à tous les membres.",
    ],
    actions: [
      { what: "Réserver la salle pour la séance d'information", organisation: "AMO Point Jeunes" },
      { what: "Préparer la présentation du projet individualisé d'intégration sociale", organisation: "CPAS de Démoville" },
      { what: "Coordonner le planning des éducateurs pour l'été", organisation: "Équipe mobile de travail de rue" },
      { what: "Proposer trois dates d'animation EVRAS", organisation: "Centre de planning familial Les Marronniers" },
    ],
    agenda: ["Approbation du compte rendu", "Décrochage : retour des permanences dans les écoles", "Préparation de l'été", "Divers"],
  },
  {
    slug: "enfance",
    name: "Enfance",
    theme: "Jeunesse",
    description: "Écoles de devoirs, accueil extrascolaire et services qui accompagnent les enfants de 3 à 12 ans et leurs familles.",
    joinPolicy: "open",
    facilitator: f("facilitation.enfance@demo.maillage.be", "Sarah Vandenberghe", "École de devoirs Les Petits Curieux"),
    members: [
      "École de devoirs Les Petits Curieux",
      "AMO Point Jeunes",
      "Centre de planning familial Les Marronniers",
      "Atelier d'alphabétisation Les Mots Partagés",
      "Centre d'accueil social La Passerelle",
      "Les Repas du Cœur",
      "Maison médicale de Jambes",
      "CPAS de Démoville",
    ],
    series: { ordinal: 4, weekday: 2, from: "09:30", to: "11:30", place: "École de devoirs Les Petits Curieux, Rue des Écoles 4" },
    topics: [
      {
        title: "Places en école de devoirs",
        text: "Les écoles de devoirs refusent des enfants faute de place et de bénévoles. Le groupe fait la liste des créneaux encore libres et propose une inscription coordonnée, pour que les familles ne fassent pas le tour de tous les services.",
      },
      {
        title: "Parents allophones",
        text: "Beaucoup de parents ne comprennent pas les courriers de l'école. L'atelier d'alphabétisation propose un module « lire les papiers de l'école » ; les écoles de devoirs servent de relais pour les inscriptions.",
      },
      {
        title: "Alimentation des enfants",
        text: "Les Repas du Cœur constatent que des enfants arrivent à l'école de devoirs sans avoir mangé. Une collation est désormais servie à 16 heures, financée par les partenaires. Le groupe interpelle la commune sur les repas scolaires gratuits.",
      },
    ],
    decisions: [
      "L'inscription coordonnée en école de devoirs démarre à la rentrée.",
      "Le module « lire les papiers de l'école » est proposé chaque trimestre.",
    ],
    actions: [
      { what: "Faire la liste des places libres par école de devoirs", organisation: "École de devoirs Les Petits Curieux" },
      { what: "Planifier le module pour parents allophones", organisation: "Atelier d'alphabétisation Les Mots Partagés" },
      { what: "Écrire à la commune au sujet des repas scolaires", organisation: "Les Repas du Cœur" },
    ],
    agenda: ["Approbation du compte rendu", "Inscriptions coordonnées", "Collation de 16 heures : bilan"],
  },
  {
    slug: "petite-enfance",
    name: "Petite enfance",
    theme: "Jeunesse",
    description: "Consultations pour enfants, accueil de la petite enfance et soutien à la parentalité, de la grossesse à 3 ans.",
    joinPolicy: "request",
    facilitator: f("facilitation.petite-enfance@demo.maillage.be", "Julie Martin", "Centre de planning familial Les Marronniers"),
    members: [
      "Centre de planning familial Les Marronniers",
      "Maison médicale du Quartier Nord",
      "Maison médicale de Jambes",
      "CPAS de Démoville",
      "Maison d'accueil L'Escale",
      "Centre d'intégration Namur-Migrations",
      "Aide aux familles et aux aînés",
      "Épicerie sociale du Grognon",
    ],
    series: { ordinal: 1, weekday: 5, from: "09:30", to: "11:30", place: "Planning familial Les Marronniers, salle de réunion" },
    topics: [
      {
        title: "Places d'accueil",
        text: "Le manque de places en crèche empêche des mères seules de reprendre une formation. Le CPAS présente les places réservées aux parents en insertion. Le groupe demande que ces places soient mieux connues des services.",
      },
      {
        title: "Soutien à la parentalité",
        text: "Un groupe de parole pour jeunes parents se réunit désormais à la maison d'accueil. Les membres échangent sur la dépression post-partum et l'orientation vers le service de santé mentale.",
      },
      {
        title: "Langes et lait infantile",
        text: "L'épicerie sociale ne parvient plus à fournir assez de langes et de lait infantile. Le groupe organise une collecte commune et cherche un accord avec une grande surface.",
      },
    ],
    decisions: ["Une collecte commune de langes est organisée chaque trimestre.", "La liste des places d'accueil réservées est diffusée à tous les membres."],
    actions: [
      { what: "Contacter la grande surface pour la collecte", organisation: "Épicerie sociale du Grognon" },
      { what: "Diffuser la liste des places réservées", organisation: "CPAS de Démoville" },
      { what: "Faire connaître le groupe de parole", organisation: "Maison d'accueil L'Escale" },
    ],
    agenda: ["Approbation du compte rendu", "Collecte de langes", "Groupe de parole : premiers retours"],
  },
  {
    slug: "troisieme-age",
    name: "Troisième âge",
    theme: "Troisième âge",
    description:
      "Services d'aide à domicile, lieux de rencontre et services sociaux qui accompagnent les aînés, pour qu'ils vivent chez eux le plus longtemps possible.",
    joinPolicy: "open",
    facilitator: f("facilitation.aines@demo.maillage.be", "Michel Hubert", "Aide aux familles et aux aînés"),
    members: [
      "Aide aux familles et aux aînés",
      "CPAS de Démoville",
      "Maison médicale du Quartier Nord",
      "Maison médicale de Jambes",
      "Centre hospitalier régional — service social",
      "Restaurant social Le Bon Plat",
      "Les Repas du Cœur",
      "Centre neuropsychiatrique des Sources",
      "Service de médiation de dettes",
    ],
    series: { ordinal: 3, weekday: 4, from: "14:00", to: "16:00", place: "Aide aux familles et aux aînés, Route de Hannut 48, 5004 Bouge" },
    topics: [
      {
        title: "Isolement des aînés",
        text: "Depuis la fermeture de l'espace seniors, plusieurs personnes âgées n'ont plus de lieu de rencontre. Le restaurant social propose un dîner des aînés le jeudi ; les aides familiales repèrent les personnes isolées et leur proposent un accompagnement pour la première visite.",
      },
      {
        title: "Fracture numérique",
        text: "Les banques et les administrations ferment leurs guichets. Le groupe recense les permanences d'aide aux démarches en ligne et demande qu'un guichet physique reste ouvert à la commune.",
      },
      {
        title: "Canicule",
        text: "Le plan canicule est revu : liste des personnes fragiles tenue par le CPAS avec leur accord, appels téléphoniques, et distribution d'eau par les aides familiales. Les maisons médicales signalent les personnes à risque.",
      },
    ],
    decisions: ["Le dîner des aînés du jeudi est ouvert à toutes les personnes orientées par un membre.", "Le plan canicule révisé est adopté."],
    actions: [
      { what: "Mettre à jour la liste des permanences numériques", organisation: "CPAS de Démoville" },
      { what: "Organiser le transport vers le dîner des aînés", organisation: "Aide aux familles et aux aînés" },
      { what: "Préparer les appels du plan canicule", organisation: "Maison médicale de Jambes" },
    ],
    agenda: ["Approbation du compte rendu", "Dîner des aînés : fréquentation", "Permanences numériques"],
  },
  {
    slug: "insertion",
    name: "Insertion",
    theme: "Insertion",
    description: "Formation, emploi et insertion socioprofessionnelle : les services qui accompagnent vers un métier, une formation ou une activité.",
    joinPolicy: "open",
    facilitator: f("facilitation.insertion@demo.maillage.be", "Nadia Kaddouri", "Service d'insertion Tremplin"),
    members: [
      "Service d'insertion Tremplin",
      "CPAS de Démoville",
      "Atelier d'alphabétisation Les Mots Partagés",
      "Centre d'intégration Namur-Migrations",
      "AMO Point Jeunes",
      "Service de médiation de dettes",
      "Centre d'accueil social La Passerelle",
      "Restaurant social Le Bon Plat",
      "Accueil de jour Le Phare",
    ],
    series: { ordinal: -1, weekday: 1, from: "14:00", to: "16:00", place: "Service d'insertion Tremplin, salle 2" },
    topics: [
      {
        title: "Article 60 et mise à l'emploi",
        text: "Le CPAS présente les postes en article 60 disponibles cette année et les secteurs qui recrutent. Les membres proposent des postes dans leurs propres services : cuisine au restaurant social, accueil, logistique.",
      },
      {
        title: "Formations qualifiantes",
        text: "Les formations d'aide-soignant et de commis de cuisine sont demandées mais exigent un niveau de français que beaucoup n'ont pas encore. Le groupe travaille une filière : alphabétisation, français langue étrangère, puis formation qualifiante.",
      },
      {
        title: "Dettes et emploi",
        text: "Des personnes renoncent à un emploi par crainte d'une saisie sur salaire. Le service de médiation de dettes explique les montants insaisissables et le règlement collectif de dettes ; une séance d'information est prévue pour les stagiaires.",
      },
    ],
    decisions: ["Chaque membre indique les postes article 60 qu'il peut accueillir.", "La filière « alpha vers qualifiant » est présentée au Forem."],
    actions: [
      { what: "Recenser les postes article 60 chez les membres", organisation: "CPAS de Démoville" },
      { what: "Préparer la séance d'information sur les saisies", organisation: "Service de médiation de dettes" },
      { what: "Présenter la filière au Forem", organisation: "Service d'insertion Tremplin" },
    ],
    agenda: ["Approbation du compte rendu", "Postes article 60", "Filière alpha vers qualifiant"],
  },
  {
    slug: "culture",
    name: "Culture",
    theme: "Insertion",
    description: "L'accès à la culture et aux loisirs pour toutes et tous : tickets Article 27, ateliers d'expression, sorties collectives.",
    joinPolicy: "open",
    facilitator: f("facilitation.culture@demo.maillage.be", "Élise Renson", "Atelier d'alphabétisation Les Mots Partagés"),
    members: [
      "Atelier d'alphabétisation Les Mots Partagés",
      "Centre d'accueil social La Passerelle",
      "AMO Point Jeunes",
      "École de devoirs Les Petits Curieux",
      "Accueil de jour Le Phare",
      "Aide aux familles et aux aînés",
      "Centre d'intégration Namur-Migrations",
      "Maison d'accueil L'Escale",
    ],
    series: { ordinal: 2, weekday: 4, from: "18:00", to: "20:00", place: "Atelier Les Mots Partagés, Rue Saint-Jacques 9", isPublic: true },
    topics: [
      {
        title: "Tickets Article 27",
        text: "Les tickets Article 27 sont épuisés avant la fin de l'année dans plusieurs services. Le groupe demande une répartition selon la fréquentation réelle et recense les lieux culturels partenaires.",
      },
      {
        title: "Sorties collectives",
        text: "Les sorties au théâtre et au musée fonctionnent mieux quand elles sont préparées : présentation du spectacle, rencontre avec les artistes, transport organisé. Trois sorties communes sont programmées, ouvertes aux personnes de tous les services.",
      },
      {
        title: "Exposition des ateliers",
        text: "Les participants des ateliers d'expression exposeront leurs travaux à la bibliothèque en juin. Le vernissage sera ouvert au public ; chaque service prépare un panneau présentant son atelier.",
      },
    ],
    decisions: ["Les tickets Article 27 sont répartis selon la fréquentation.", "L'exposition des ateliers a lieu à la bibliothèque en juin."],
    actions: [
      { what: "Établir la liste des lieux partenaires Article 27", organisation: "Atelier d'alphabétisation Les Mots Partagés" },
      { what: "Réserver le transport pour les sorties", organisation: "Accueil de jour Le Phare" },
      { what: "Préparer le panneau de présentation", organisation: "AMO Point Jeunes" },
    ],
    agenda: ["Approbation du compte rendu", "Programme des sorties", "Exposition des ateliers"],
  },
  {
    slug: "sans-abri",
    name: "Sans-abri",
    theme: "Sans-abrisme",
    description:
      "Abris de nuit, accueils de jour, travail de rue et services d'urgence sociale.\n\nLe groupe coordonne le plan hiver, suit la saturation des places et porte le Housing First.",
    joinPolicy: "request",
    facilitator: f("facilitation.sans-abri@demo.maillage.be", "Marc Lejeune", "Équipe mobile de travail de rue"),
    members: [
      "Équipe mobile de travail de rue",
      "Abri de nuit Les Trois Portes",
      "Accueil de jour Le Phare",
      "Dispositif d'urgence sociale",
      "Relais santé — infirmerie sociale",
      "Restaurant social Le Bon Plat",
      "Les Repas du Cœur",
      "Maison d'accueil L'Escale",
      "Comptoir de réduction des risques",
      "Centre de soins en assuétudes Le Gué",
      "CPAS de Démoville",
      "Maison médicale du Quartier Nord",
    ],
    series: { ordinal: 1, weekday: 2, from: "09:00", to: "11:00", place: "Accueil de jour Le Phare, réfectoire" },
    topics: [
      {
        title: "Plan hiver",
        text: "L'abri de nuit ouvre vingt lits supplémentaires de novembre à mars. Le dispositif d'urgence sociale centralise les places disponibles chaque soir à 18 heures. Le groupe demande que l'accueil de jour reste ouvert le dimanche pendant les vagues de froid.",
      },
      {
        title: "Housing First",
        text: "Douze personnes sont relogées grâce au programme Housing First, dont dix toujours en logement après un an. L'équipe demande des logements supplémentaires à l'AIS et à la société de logement public, et présente l'accompagnement à domicile.",
      },
      {
        title: "Santé des personnes à la rue",
        text: "L'infirmerie sociale signale des plaies mal soignées et des personnes qui ne vont plus aux urgences. Une tournée commune avec le travail de rue et la maison médicale est organisée le mardi matin.",
      },
      {
        title: "Domiciliation et adresse de référence",
        text: "Sans adresse de référence, les personnes perdent leurs droits sociaux. Le CPAS rappelle la procédure et les services d'accueil se coordonnent pour que personne ne reste sans adresse plus d'un mois.",
      },
    ],
    decisions: [
      "L'accueil de jour ouvre le dimanche pendant le plan grand froid.",
      "La tournée santé du mardi matin est pérennisée.",
      "Le groupe soutient la demande de dix logements Housing First supplémentaires.",
    ],
    actions: [
      { what: "Publier chaque soir les places disponibles", organisation: "Dispositif d'urgence sociale" },
      { what: "Organiser les permanences du dimanche", organisation: "Accueil de jour Le Phare" },
      { what: "Écrire à la société de logement pour le Housing First", organisation: "Équipe mobile de travail de rue" },
      { what: "Rappeler la procédure d'adresse de référence aux membres", organisation: "CPAS de Démoville" },
    ],
    agenda: ["Approbation du compte rendu", "Plan hiver : places et saturation", "Housing First", "Divers"],
  },
];

/** Dutch minutes for a few months of these groups (month index counted from the oldest meeting). */
export const DEMO_DUTCH_MONTHS: Record<string, number[]> = { sante: [4], migrations: [7], "sans-abri": [2, 9], jeunesse: [5] };
