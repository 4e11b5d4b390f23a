// The reusable rich-text field (toolbar, shortcuts).
export default {
  fr: {
    "richText.toolbar": "Mise en forme du texte",
    "richText.bold": "Gras",
    "richText.italic": "Italique",
    "richText.heading2": "Titre",
    "richText.heading3": "Sous-titre",
    "richText.bulletList": "Liste à puces",
    "richText.orderedList": "Liste numérotée",
    "richText.plainHint":
      "Texte simple : laissez une ligne vide entre deux paragraphes. Commencez une ligne par « ## » pour un titre (« ### » pour un sous-titre), par « - » pour un élément de liste à puces, par « 1. » pour une liste numérotée.",
    "richText.editorHint":
      "Utilisez la barre d'outils (flèches gauche et droite pour passer d'un bouton à l'autre) ou les raccourcis Ctrl+B (gras) et Ctrl+I (italique). La touche Tab quitte le champ.",
  },
  nl: {
    "richText.toolbar": "Opmaak van de tekst",
    "richText.bold": "Vet",
    "richText.italic": "Cursief",
    "richText.heading2": "Titel",
    "richText.heading3": "Ondertitel",
    "richText.bulletList": "Opsomming",
    "richText.orderedList": "Genummerde lijst",
    "richText.plainHint":
      "Eenvoudige tekst: laat een lege regel tussen twee alinea's. Begin een regel met « ## » voor een titel (« ### » voor een ondertitel), met « - » voor een punt van een opsomming, met « 1. » voor een genummerde lijst.",
    "richText.editorHint":
      "Gebruik de werkbalk (pijltjes links en rechts om van knop te wisselen) of de sneltoetsen Ctrl+B (vet) en Ctrl+I (cursief). De Tab-toets verlaat het veld.",
  },
  en: {
    "richText.toolbar": "Text formatting",
    "richText.bold": "Bold",
    "richText.italic": "Italic",
    "richText.heading2": "Heading",
    "richText.heading3": "Subheading",
    "richText.bulletList": "Bulleted list",
    "richText.orderedList": "Numbered list",
    "richText.plainHint":
      "Plain text: leave a blank line between two paragraphs. Start a line with “## ” for a heading (“### ” for a subheading), with “- ” for a bulleted list item, with “1. ” for a numbered list.",
    "richText.editorHint":
      "Use the toolbar (left and right arrows move between its buttons) or the shortcuts Ctrl+B (bold) and Ctrl+I (italic). The Tab key leaves the field.",
  },
};
