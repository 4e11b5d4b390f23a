// Pagination of long lists.
export default {
  fr: {
    "pagination.label": "Pagination",
    "pagination.previous": "Page précédente",
    "pagination.next": "Page suivante",
    "pagination.page": "Page {page} sur {pages}",
  },
  nl: {
    "pagination.label": "Paginering",
    "pagination.previous": "Vorige pagina",
    "pagination.next": "Volgende pagina",
    "pagination.page": "Pagina {page} van {pages}",
  },
  en: {
    "pagination.label": "Pagination",
    "pagination.previous": "Previous page",
    "pagination.next": "Next page",
    "pagination.page": "Page {page} of {pages}",
  },
};
