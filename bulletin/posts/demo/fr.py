"""French demo text: the templates of en.py, in the same order. Subjects and
departments carry their article and only follow words that do not contract with it
(sur, pour, concernant) or a colon."""

TEXT = {
    "months": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "date": "{d} {month}",
    "departments": {
        "Environment": "le service de l'environnement",
        "Health": "le service de santé publique",
        "Education": "la direction de l'éducation",
        "Transport": "le service des transports",
        "Water and sanitation": "la régie des eaux",
        "Housing": "l'office du logement",
        "Culture": "la direction de la culture",
        "Public safety": "le service de la sécurité publique",
        "Economy and jobs": "le service du développement économique",
        "Digital services": "l'équipe des services numériques",
        "Governance": "le conseil municipal",
        "International cooperation": "le service des relations internationales",
    },
    "subjects": {
        "Environment": [
            "la plantation d'arbres le long des berges",
            "le réseau de mesure de la qualité de l'air",
        ],
        "Health": [
            "la campagne de vaccination d'hiver",
            "les horaires des centres de santé de quartier",
        ],
        "Education": [
            "les repas dans les écoles primaires",
            "les cours du soir pour adultes",
        ],
        "Transport": [
            "les nouvelles pistes cyclables de la rue de la Gare",
            "le service de bus de nuit",
        ],
        "Water and sanitation": [
            "le renouvellement des conduites d'eau de la vieille ville",
            "la nouvelle station d'épuration",
        ],
        "Housing": [
            "les aides à la rénovation énergétique des logements",
            "les logements abordables sur l'ancienne gare de triage",
        ],
        "Culture": [
            "le programme d'été de la bibliothèque",
            "la restauration de l'ancienne halle du marché",
        ],
        "Public safety": [
            "l'éclairage public du quartier du Port",
            "le système d'alerte aux crues",
        ],
        "Economy and jobs": [
            "le soutien aux petits commerces du centre-ville",
            "le programme d'apprentissage pour les jeunes",
        ],
        "Digital services": [
            "les demandes de permis de stationnement en ligne",
            "les nouveaux points d'accès Wi-Fi publics",
        ],
        "Governance": ["le projet de budget", "le budget participatif"],
        "International cooperation": [
            "le partenariat avec nos villes jumelles",
            "le programme d'échange d'étudiants",
        ],
    },
    "roles": [
        "chargé ou chargée de programme",
        "analyste de données",
        "assistant ou assistante de communication",
        "conseiller ou conseillère juridique",
        "ingénieur ou ingénieure de projet",
    ],
    "news": [
        {
            "title": "Rapport {year} sur {subject}",
            "summary": "Le rapport présente le travail de l'année et les prochaines étapes.",
            "body": [
                "{Dept} publie aujourd'hui son rapport annuel sur {subject}. Il décrit le travail mené au cours des douze derniers mois, les dépenses engagées et les résultats mesurés.",
                "Les habitants ont été plus nombreux à utiliser le service que l'année précédente, et les délais d'attente ont baissé dans la plupart des quartiers. Le rapport cite aussi trois objectifs non atteints et en explique les raisons.",
            ],
        },
        {
            "title": "Début des travaux : {subject}",
            "summary": "Les travaux commencent le {date} et devraient durer environ quatre mois.",
            "body": [
                "Les travaux concernant {subject} commenceront le {date}. {Dept} les a organisés par étapes afin de limiter la gêne.",
                "Les riverains recevront un courrier avec le calendrier. Les questions peuvent être adressées au point de contact indiqué ci-dessous.",
            ],
        },
        {
            "title": "Un plan sur trois ans pour {subject}",
            "summary": "Le plan a été préparé avec les habitants et sera revu chaque année.",
            "body": [
                "Lors de sa réunion de cette semaine, {dept} a approuvé un plan sur trois ans pour {subject}. Il a été préparé après plusieurs mois d'échanges avec les habitants et les associations.",
                "Les premières mesures entreront en vigueur avant la fin de l'année. Un bilan d'étape sera publié chaque printemps.",
            ],
        },
        {
            "title": "Résultats de l'enquête {year} sur {subject}",
            "summary": "Plus de 1 200 habitants ont répondu. Voici ce qu'ils nous ont dit.",
            "body": [
                "De janvier à mars, les habitants étaient invités à donner leur avis sur {subject}. Plus de 1 200 personnes ont participé, en ligne et aux guichets.",
                "La plupart se disent satisfaits, mais beaucoup demandent une information plus claire et des horaires plus larges. {Dept} présentera sa réponse dans les prochaines semaines.",
            ],
        },
    ],
    "notice": [
        {
            "title": "Consultation publique sur {subject}",
            "summary": "Les observations peuvent être envoyées jusqu'au {date}.",
            "body": [
                "{Dept} invite les habitants, les associations et les entreprises à donner leur avis sur {subject}. Les documents peuvent être consultés en ligne et à l'accueil de la mairie.",
                "Les observations peuvent être envoyées jusqu'au {date}, par courriel ou par courrier. Chaque contribution sera lue et une synthèse sera publiée.",
            ],
        },
        {
            "title": "Appel à candidatures {year} : {subject}",
            "summary": "Les candidatures sont ouvertes jusqu'au {date}.",
            "body": [
                "Les candidatures sont ouvertes pour des projets concernant {subject}. Les associations, les écoles et les petites entreprises du territoire peuvent y répondre.",
                "Le formulaire et le règlement sont disponibles à l'accueil ; renseignements : {dept}. La date limite est le {date} ; aucune candidature tardive ne sera acceptée.",
            ],
        },
        {
            "title": "Offre d'emploi : {role}",
            "summary": "Candidatures jusqu'au {date}.",
            "body": [
                "{Dept} recrute pour le poste suivant : {role}. Le poste est permanent, basé à la mairie, et ouvert à temps plein ou à temps partiel.",
                "Merci d'envoyer une lettre de motivation et un CV avant le {date}. Les entretiens auront lieu dans les deux semaines suivantes.",
            ],
        },
        {
            "title": "Horaires modifiés : {dept}",
            "summary": "À partir du {date}, les guichets sont ouverts de 9 h à 16 h.",
            "body": [
                "À partir du {date}, les guichets seront ouverts de 9 h à 16 h, du lundi au vendredi ({dept}). L'accueil téléphonique suit les mêmes horaires.",
                "La plupart des démarches restent possibles en ligne à tout moment. Des rendez-vous en dehors de ces horaires peuvent être demandés.",
            ],
        },
    ],
    "event": [
        {
            "title": "Réunion publique sur {subject}",
            "summary": "Venez poser vos questions à l'équipe du projet.",
            "body": [
                "{Dept} invite les habitants à une réunion publique sur {subject}. L'équipe du projet présentera les plans et répondra aux questions.",
            ],
        },
        {
            "title": "Atelier : {subject}",
            "summary": "Une séance pratique pour les habitants et les associations. Gratuit, sans inscription.",
            "body": [
                "Cet atelier sur {subject} s'adresse aux habitants et aux associations qui souhaitent participer. {Dept} présentera des exemples et aidera aux premières démarches.",
            ],
        },
        {
            "title": "Séance d'information sur {subject}",
            "summary": "Une courte présentation suivie de questions.",
            "body": [
                "Lors de cette séance, {dept} expliquera le projet concernant {subject} : qui peut en bénéficier, quel est le calendrier et comment participer.",
            ],
        },
    ],
    "when": "Quand : le {date}, de {start} à {end} ({zone}). Où : {place}.",
    "online": "La séance peut aussi être suivie en ligne ; le lien figure sur cette page.",
    "contact": "Contact : {dept}, par téléphone en semaine ou par le formulaire en ligne.",
}
