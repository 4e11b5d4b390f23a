// An organisation's membership of a network (derived from its charter adhesions), as a badge
// and as a sentence with its dates: on the charter pages, the directory and the profiles.
import { useT } from "#app/components/i18n";
import type { MembershipStatus } from "#app/models/adhesion.server";
import { formatDate } from "#app/utils/brussels-time";

const BADGE: Record<string, string> = {
  member: "badge--open",
  to_renew: "badge--warn",
  lapsed: "badge--closed",
  withdrawn: "badge--closed",
  suspended: "badge--closed",
  applicant: "",
};

export function MembershipBadge({ status }: { status: Pick<MembershipStatus, "kind"> }) {
  const t = useT();
  return <span className={`badge ${BADGE[status.kind] ?? ""}`}>{t(`membership.${status.kind}`)}</span>;
}

/** One sentence that says what the status means for this organisation, with its dates. */
export function MembershipSentence({ status }: { status: MembershipStatus }) {
  const t = useT();
  const d = (key?: string) => (key ? formatDate(key, t.locale) : "");
  switch (status.kind) {
    case "member":
      return <>{t("charter.status.member", { date: d(status.since), number: status.signedVersion ?? "" })}</>;
    case "to_renew":
      return <>{t("charter.status.toRenew", { deadline: d(status.deadline), number: status.signedVersion ?? "" })}</>;
    case "lapsed":
      return <>{t("charter.status.lapsed", { deadline: d(status.deadline) })}</>;
    case "withdrawn":
    case "suspended":
      return (
        <>
          {t(status.kind === "withdrawn" ? "charter.status.withdrawn" : "charter.status.suspended", { date: d(status.endedAt?.slice(0, 10)) })}
          {status.reason ? ` ${t("charter.status.reason", { reason: status.reason })}` : ""}
        </>
      );
    default:
      return <>{t(status.pendingPaper ? "charter.status.applicantPaper" : "charter.status.applicant")}</>;
  }
}
