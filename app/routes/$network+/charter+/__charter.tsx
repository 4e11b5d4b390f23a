// Pieces shared by the charter pages: the fingerprint and the text.
import { useT } from "#app/components/i18n";
export { MembershipBadge, MembershipSentence } from "#app/components/membership";

export function Fingerprint({ value }: { value: string | null }) {
  const t = useT();
  if (!value) return null;
  return (
    <p className="fingerprint">
      <span>{t("charter.fingerprint")}</span> <code>{value}</code>
    </p>
  );
}

/** The stored HTML, cleaned again on the server before it reaches this component. */
export function CharterText({ html, id }: { html: string; id?: string }) {
  return <div className="charter-text" id={id} dangerouslySetInnerHTML={{ __html: html }} />;
}
