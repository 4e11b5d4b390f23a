// Error pages: not found, forbidden, unauthorized, the generic problem page.
export default {
  fr: {
    "error.title": "Un problème est survenu",
    "error.notFound": "Cette page n'existe pas ou plus.",
    "error.forbidden": "Vous n'avez pas accès à cette page.",
    "error.unauthorized": "Connectez-vous pour accéder à cette page.",
    "error.badRequest": "La demande n'est pas valide.",
    "error.tooMany": "Trop de tentatives. Réessayez plus tard.",
    "error.unexpected": "Une erreur inattendue s'est produite. Rien n'a été modifié ; réessayez dans un instant.",
    "error.backHome": "Retour à l'accueil",
  },
  nl: {
    "error.title": "Er is een probleem",
    "error.notFound": "Deze pagina bestaat niet (meer).",
    "error.forbidden": "U hebt geen toegang tot deze pagina.",
    "error.unauthorized": "Meld u aan om deze pagina te bekijken.",
    "error.badRequest": "Het verzoek is niet geldig.",
    "error.tooMany": "Te veel pogingen. Probeer het later opnieuw.",
    "error.unexpected": "Er ging onverwacht iets mis. Er is niets gewijzigd; probeer het zo meteen opnieuw.",
    "error.backHome": "Terug naar de startpagina",
  },
  en: {
    "error.title": "Something went wrong",
    "error.notFound": "This page does not exist (any more).",
    "error.forbidden": "You do not have access to this page.",
    "error.unauthorized": "Sign in to see this page.",
    "error.badRequest": "The request is not valid.",
    "error.tooMany": "Too many attempts. Try again later.",
    "error.unexpected": "An unexpected error occurred. Nothing was changed; try again in a moment.",
    "error.backHome": "Back to the home page",
  },
};
