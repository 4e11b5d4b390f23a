// The minutes as a reader sees them (current version and earlier ones): heading, status, the
// attendance list from the register, decisions, the text and the meeting's action items. The HTML
// given here was sanitized on the server just before (forDisplay).
import { Link } from "@remix-run/react";

import { useT } from "#app/components/i18n";
import { formatDate } from "#app/utils/brussels-time";
import { minutesLanguage } from "#app/utils/domain";

export type ViewVersion = {
  version: number;
  status: string;
  body: string;
  decisions: string;
  language: string;
  visibility: string | null;
  correctionNote: string;
  publishedAt: string | Date | null;
  author: { name: string } | null;
  authorOrganisation: { name: string } | null;
};

export type ViewAction = { id: string; what: string; dueOn: string | Date | null; status: string; organisation: { name: string } | null };

export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`minutes-status minutes-status--${status}`}>{t.pick("minutes.status", status)}</span>;
}

export function AttendanceBlock({ attendance, taken }: { attendance: { present: string[]; excused: string[]; absent: string[] }; taken: boolean }) {
  const t = useT();
  return (
    <section className="minutes-section" aria-labelledby="minutes-attendance-title">
      <h2 id="minutes-attendance-title">{t("minutes.attendance.title")}</h2>
      {!taken ? (
        <p className="muted">{t("minutes.attendance.notTaken")}</p>
      ) : (
        <dl className="minutes-attendance">
          {(["present", "excused", "absent"] as const).map((status) => (
            <div key={status}>
              <dt>
                {t(`minutes.attendance.${status}`)} ({attendance[status].length})
              </dt>
              <dd>{attendance[status].length ? attendance[status].join(", ") : "—"}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

export function ActionItemsBlock({ items, networkSlug, canUpdate }: { items: ViewAction[]; networkSlug: string; canUpdate?: (item: ViewAction) => boolean }) {
  const t = useT();
  return (
    <section className="minutes-section" aria-labelledby="minutes-actions-title">
      <h2 id="minutes-actions-title">{t("minutes.actions.title")}</h2>
      {items.length === 0 ? (
        <p className="muted">{t("minutes.actions.none")}</p>
      ) : (
        <table className="minutes-actions">
          <thead>
            <tr>
              <th scope="col">{t("minutes.actions.what")}</th>
              <th scope="col">{t("minutes.actions.organisation")}</th>
              <th scope="col">{t("minutes.actions.dueOn")}</th>
              <th scope="col">{t("minutes.actions.status")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>{item.what}</td>
                <td>{item.organisation?.name ?? "—"}</td>
                <td>{item.dueOn ? formatDate(item.dueOn, t.locale) : "—"}</td>
                <td>
                  <span className={`action-status action-status--${item.status}`}>{t.pick("minutes.actionStatus", item.status)}</span>
                  {canUpdate?.(item) ? (
                    <>
                      {" "}
                      <Link to={`/${networkSlug}/actions/${item.id}`} aria-label={t("minutes.actions.updateFor", { what: item.what })}>
                        {t("minutes.actions.update")}
                      </Link>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Decisions and text of one version. */
export function MinutesText({ version }: { version: ViewVersion }) {
  const t = useT();
  const lang = minutesLanguage(version.language);
  return (
    <>
      <section className="minutes-section" aria-labelledby="minutes-decisions-title">
        <h2 id="minutes-decisions-title">{t("minutes.decisions")}</h2>
        {version.decisions ? (
          <div className="rich-text-content" lang={lang} dangerouslySetInnerHTML={{ __html: version.decisions }} />
        ) : (
          <p className="muted">{t("minutes.noDecisions")}</p>
        )}
      </section>
      <section className="minutes-section" aria-labelledby="minutes-body-title">
        <h2 id="minutes-body-title">{t("minutes.body")}</h2>
        {version.body ? (
          <div className="rich-text-content minutes-body" lang={lang} dangerouslySetInnerHTML={{ __html: version.body }} />
        ) : (
          <p className="muted">{t("minutes.emptyBody")}</p>
        )}
      </section>
    </>
  );
}

/** "Version 2 · published on … · visible to …" and who wrote it. */
export function VersionFacts({ version }: { version: ViewVersion }) {
  const t = useT();
  return (
    <p className="minutes-facts">
      <StatusBadge status={version.status} /> {t("minutes.versionNumber", { version: version.version })}
      {version.publishedAt ? <> · {t("minutes.publishedOn", { date: formatDate(version.publishedAt, t.locale) })}</> : null}
      {version.visibility ? <> · {t.pick("minutes.visibility", version.visibility)}</> : null}
      {version.author ? (
        <>
          {" "}
          · {t("minutes.writtenBy", { name: version.author.name })}
          {version.authorOrganisation ? ` (${version.authorOrganisation.name})` : ""}
        </>
      ) : null}
      {version.correctionNote ? (
        <>
          <br />
          {t("minutes.correctionNote", { note: version.correctionNote })}
        </>
      ) : null}
    </p>
  );
}
