// Sign-in.
export default {
  fr: {
    "login.title": "Se connecter",
    "login.intro": "Connectez-vous avec l'adresse e-mail et le mot de passe de votre compte Maillage.",
    "login.email": "Adresse e-mail",
    "login.password": "Mot de passe",
    "login.submit": "Se connecter",
    "login.invalid": "Adresse e-mail ou mot de passe incorrect.",
    "login.rateLimited":
      "Trop de mots de passe erronés pour cette adresse depuis votre connexion. Réessayez dans {minutes} minutes, ou demandez un nouveau mot de passe.",
    "login.rateLimitedNetwork": "Trop de tentatives de connexion depuis votre réseau, toutes adresses confondues. Réessayez dans {minutes} minutes.",
    "login.rateLimitedAccount":
      "Cette adresse a reçu un nombre inhabituel de tentatives de connexion, depuis plusieurs endroits : par sécurité, la connexion par mot de passe est suspendue pendant {minutes} minutes. Pour entrer tout de suite, demandez un nouveau mot de passe.",
    "login.forgot": "Mot de passe oublié ?",
    "login.noAccount": "Pas encore de compte ? Les comptes sont créés sur invitation de la coordination de votre réseau.",
    "login.welcome": "Bienvenue, {name}.",
  },
  nl: {
    "login.title": "Aanmelden",
    "login.intro": "Meld u aan met het e-mailadres en het wachtwoord van uw Maillage-account.",
    "login.email": "E-mailadres",
    "login.password": "Wachtwoord",
    "login.submit": "Aanmelden",
    "login.invalid": "E-mailadres of wachtwoord onjuist.",
    "login.rateLimited":
      "Te veel foute wachtwoorden voor dit adres vanaf uw verbinding. Probeer het over {minutes} minuten opnieuw, of vraag een nieuw wachtwoord aan.",
    "login.rateLimitedNetwork": "Te veel aanmeldpogingen vanaf uw netwerk, voor alle adressen samen. Probeer het over {minutes} minuten opnieuw.",
    "login.rateLimitedAccount":
      "Dit adres kreeg ongewoon veel aanmeldpogingen, vanaf verschillende plaatsen: uit veiligheid is aanmelden met een wachtwoord {minutes} minuten opgeschort. Vraag een nieuw wachtwoord aan om meteen binnen te kunnen.",
    "login.forgot": "Wachtwoord vergeten?",
    "login.noAccount": "Nog geen account? Accounts worden aangemaakt op uitnodiging van de coördinatie van uw netwerk.",
    "login.welcome": "Welkom, {name}.",
  },
  en: {
    "login.title": "Sign in",
    "login.intro": "Sign in with the e-mail address and password of your Maillage account.",
    "login.email": "E-mail address",
    "login.password": "Password",
    "login.submit": "Sign in",
    "login.invalid": "Wrong e-mail address or password.",
    "login.rateLimited": "Too many wrong passwords for this address from your connection. Try again in {minutes} minutes, or ask for a new password.",
    "login.rateLimitedNetwork": "Too many sign-in attempts from your network, across all addresses. Try again in {minutes} minutes.",
    "login.rateLimitedAccount":
      "This address has received an unusual number of sign-in attempts from several places: for safety, signing in with a password is suspended for {minutes} minutes. To get in right away, ask for a new password.",
    "login.forgot": "Forgot your password?",
    "login.noAccount": "No account yet? Accounts are created when your network's coordination invites you.",
    "login.welcome": "Welcome, {name}.",
  },
};
