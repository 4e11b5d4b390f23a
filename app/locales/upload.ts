// Errors of an uploaded file: a scan of the charter (upload.error.*), any other file (upload.fileError.*:
// an assembly's document, a paper proxy's scan).
export default {
  fr: {
    "upload.error.noFile": "Choisissez le fichier du scan de la charte signée.",
    "upload.error.empty": "Ce fichier est vide. Choisissez le scan de la charte signée.",
    "upload.error.tooLarge": "Ce fichier dépasse {max} Mo. Scannez en 150 ou 200 dpi, ou en noir et blanc, puis réessayez.",
    "upload.error.type":
      "Ce fichier n'est ni un PDF, ni une image JPEG ou PNG (son contenu a été vérifié, pas seulement son nom). Envoyez le scan dans un de ces formats.",
    "upload.fileError.noFile": "Choisissez un fichier.",
    "upload.fileError.empty": "Ce fichier est vide. Choisissez-en un autre.",
    "upload.fileError.tooLarge": "Ce fichier dépasse {max} Mo. Réduisez-le (scan en 150 ou 200 dpi, PDF compressé) puis réessayez.",
    "upload.fileError.type":
      "Ce fichier n'est ni un PDF, ni une image JPEG ou PNG (son contenu a été vérifié, pas seulement son nom). Envoyez-le dans un de ces formats.",
  },
  nl: {
    "upload.error.noFile": "Kies het bestand met de scan van het ondertekende charter.",
    "upload.error.empty": "Dit bestand is leeg. Kies de scan van het ondertekende charter.",
    "upload.error.tooLarge": "Dit bestand is groter dan {max} MB. Scan op 150 of 200 dpi, of in zwart-wit, en probeer opnieuw.",
    "upload.error.type":
      "Dit bestand is geen PDF, JPEG- of PNG-afbeelding (de inhoud werd gecontroleerd, niet alleen de naam). Stuur de scan in een van die formaten.",
    "upload.fileError.noFile": "Kies een bestand.",
    "upload.fileError.empty": "Dit bestand is leeg. Kies een ander bestand.",
    "upload.fileError.tooLarge": "Dit bestand is groter dan {max} MB. Maak het kleiner (scan op 150 of 200 dpi, gecomprimeerde PDF) en probeer opnieuw.",
    "upload.fileError.type":
      "Dit bestand is geen PDF, JPEG- of PNG-afbeelding (de inhoud werd gecontroleerd, niet alleen de naam). Stuur het in een van die formaten.",
  },
  en: {
    "upload.error.noFile": "Choose the file of the signed charter's scan.",
    "upload.error.empty": "This file is empty. Choose the scan of the signed charter.",
    "upload.error.tooLarge": "This file is larger than {max} MB. Scan at 150 or 200 dpi, or in black and white, and try again.",
    "upload.error.type":
      "This file is neither a PDF nor a JPEG or PNG image (its content was checked, not only its name). Send the scan in one of these formats.",
    "upload.fileError.noFile": "Choose a file.",
    "upload.fileError.empty": "This file is empty. Choose another one.",
    "upload.fileError.tooLarge": "This file is larger than {max} MB. Make it smaller (scan at 150 or 200 dpi, compressed PDF) and try again.",
    "upload.fileError.type":
      "This file is neither a PDF nor a JPEG or PNG image (its content was checked, not only its name). Send it in one of these formats.",
  },
};
