// The page of a request refused by the gate (app/utils/request-guard.server.ts): shown in the three
// languages at once, since the reader's choice is in a cookie the app has not read yet.
export default {
  fr: {
    "refusal.title": "Requête refusée",
    "refusal.home": "Retour à l'accueil",
    "refusal.reason.url": "Cette adresse n'est pas valide.",
    "refusal.reason.method": "Cette page n'accepte pas ce type de requête.",
    "refusal.reason.crossSite":
      "Ce formulaire a été envoyé depuis un autre site : par sécurité, rien n'a été enregistré. Ouvrez la page dans Maillage et envoyez-le à nouveau.",
    "refusal.reason.contentType": "Le formulaire envoyé n'a pas pu être lu (format inattendu). Rien n'a été enregistré.",
    "refusal.reason.tooLarge": "Le formulaire envoyé est trop volumineux. Rien n'a été enregistré.",
    "refusal.reason.unreadable": "Le formulaire envoyé n'a pas pu être lu. Rien n'a été enregistré.",
    "refusal.reason.tooManyFields": "Le formulaire envoyé contient trop de champs. Rien n'a été enregistré.",
    "refusal.reason.fieldName": "Le formulaire envoyé contient un champ inattendu. Rien n'a été enregistré.",
    "refusal.reason.nul": "Le texte envoyé contient un caractère invalide (NUL). Rien n'a été enregistré.",
  },
  nl: {
    "refusal.title": "Verzoek geweigerd",
    "refusal.home": "Terug naar de startpagina",
    "refusal.reason.url": "Dit adres is ongeldig.",
    "refusal.reason.method": "Deze pagina aanvaardt dit soort verzoek niet.",
    "refusal.reason.crossSite":
      "Dit formulier werd vanaf een andere site verstuurd: uit veiligheid werd niets opgeslagen. Open de pagina in Maillage en verstuur het opnieuw.",
    "refusal.reason.contentType": "Het verstuurde formulier kon niet gelezen worden (onverwacht formaat). Er werd niets opgeslagen.",
    "refusal.reason.tooLarge": "Het verstuurde formulier is te groot. Er werd niets opgeslagen.",
    "refusal.reason.unreadable": "Het verstuurde formulier kon niet gelezen worden. Er werd niets opgeslagen.",
    "refusal.reason.tooManyFields": "Het verstuurde formulier bevat te veel velden. Er werd niets opgeslagen.",
    "refusal.reason.fieldName": "Het verstuurde formulier bevat een onverwacht veld. Er werd niets opgeslagen.",
    "refusal.reason.nul": "De verstuurde tekst bevat een ongeldig teken (NUL). Er werd niets opgeslagen.",
  },
  en: {
    "refusal.title": "Request refused",
    "refusal.home": "Back to the home page",
    "refusal.reason.url": "This address is not valid.",
    "refusal.reason.method": "This page does not accept this kind of request.",
    "refusal.reason.crossSite": "This form was sent from another site: for safety, nothing was saved. Open the page in Maillage and send it again.",
    "refusal.reason.contentType": "The form could not be read (unexpected format). Nothing was saved.",
    "refusal.reason.tooLarge": "The form is too large. Nothing was saved.",
    "refusal.reason.unreadable": "The form could not be read. Nothing was saved.",
    "refusal.reason.tooManyFields": "The form has too many fields. Nothing was saved.",
    "refusal.reason.fieldName": "The form has an unexpected field. Nothing was saved.",
    "refusal.reason.nul": "The text contains an invalid character (NUL). Nothing was saved.",
  },
};
