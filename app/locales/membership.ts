// Membership statuses derived from adhesions to the charter.
export default {
  fr: {
    "membership.applicant": "Candidate",
    "membership.member": "Membre",
    "membership.to_renew": "À renouveler",
    "membership.lapsed": "Adhésion échue",
    "membership.withdrawn": "Retirée",
    "membership.suspended": "Suspendue",
  },
  nl: {
    "membership.applicant": "Kandidaat",
    "membership.member": "Lid",
    "membership.to_renew": "Te hernieuwen",
    "membership.lapsed": "Toetreding verlopen",
    "membership.withdrawn": "Teruggetrokken",
    "membership.suspended": "Geschorst",
  },
  en: {
    "membership.applicant": "Applicant",
    "membership.member": "Member",
    "membership.to_renew": "To renew",
    "membership.lapsed": "Adhesion lapsed",
    "membership.withdrawn": "Withdrawn",
    "membership.suspended": "Suspended",
  },
};
