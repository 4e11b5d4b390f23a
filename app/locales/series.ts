// Why a recurring series' rule cannot be used (checkRule, app/utils/brussels-time.ts).
export default {
  fr: {
    "series.error.endRequired": "Indiquez quand la série se termine : une date ou un nombre de réunions.",
    "series.error.untilBeforeStart": "La date de fin précède la première date.",
    "series.error.tooMany": "Une série compte au plus 60 réunions : réduisez le nombre ou avancez la date de fin.",
    "series.error.tooLong": "Une série dure au plus trois ans : avancez la date de fin.",
    "series.error.ordinalRequired": "Pour une série mensuelle, choisissez quel jour du mois (premier, deuxième… dernier).",
    "series.error.noOccurrence": "Cette règle ne donne aucune date : vérifiez le jour et la date de fin.",
  },
  nl: {
    "series.error.endRequired": "Geef aan wanneer de reeks eindigt: een datum of een aantal vergaderingen.",
    "series.error.untilBeforeStart": "De einddatum ligt vóór de eerste datum.",
    "series.error.tooMany": "Een reeks telt hoogstens 60 vergaderingen: verminder het aantal of vervroeg de einddatum.",
    "series.error.tooLong": "Een reeks duurt hoogstens drie jaar: vervroeg de einddatum.",
    "series.error.ordinalRequired": "Kies voor een maandelijkse reeks welke dag van de maand (eerste, tweede… laatste).",
    "series.error.noOccurrence": "Deze regel geeft geen enkele datum: controleer de dag en de einddatum.",
  },
  en: {
    "series.error.endRequired": "Say when the series ends: a date or a number of meetings.",
    "series.error.untilBeforeStart": "The end date is before the first date.",
    "series.error.tooMany": "A series has at most 60 meetings: lower the number or bring the end date forward.",
    "series.error.tooLong": "A series lasts at most three years: bring the end date forward.",
    "series.error.ordinalRequired": "For a monthly series, choose which day of the month (first, second… last).",
    "series.error.noOccurrence": "This rule gives no date: check the day and the end date.",
  },
};
