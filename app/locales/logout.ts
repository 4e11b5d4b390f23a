// Sign-out.
export default {
  fr: {
    "logout.done": "Vous êtes déconnecté·e.",
  },
  nl: {
    "logout.done": "U bent afgemeld.",
  },
  en: {
    "logout.done": "You are signed out.",
  },
};
