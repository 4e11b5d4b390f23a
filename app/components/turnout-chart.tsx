// Turnout of a working group over its last meetings: one stacked bar per meeting (present,
// excused, absent organisations), drawn in SVG that scales with the page. The chart is an image
// with a text summary for screen readers; the same numbers are in a table right below it, so that
// nobody depends on colours or on the drawing.
import { regionalInstantFormat } from "#app/utils/brussels-time";

import { useT } from "./i18n";

export type TurnoutPoint = { meetingId: string; title: string; startsAt: string; present: number; excused: number; absent: number };

const COLOURS = { present: "#0b5c4a", excused: "#a15c00", absent: "#6b6b6b" } as const;
const KINDS = ["present", "excused", "absent"] as const;

function shortDayFormat(locale: string) {
  return regionalInstantFormat(locale, { day: "numeric", month: "short", year: "2-digit" });
}

export function TurnoutChart({ points, id = "turnout" }: { points: TurnoutPoint[]; id?: string }) {
  const t = useT();
  if (points.length === 0) return <p>{t("groups.turnout.none")}</p>;
  const day = shortDayFormat(t.locale);
  const max = Math.max(1, ...points.map((p) => p.present + p.excused + p.absent));
  const width = 640;
  const height = 240;
  const left = 36;
  const bottom = 40;
  const top = 12;
  const plotHeight = height - top - bottom;
  const slot = (width - left - 8) / points.length;
  const barWidth = Math.min(36, slot * 0.7);
  const scale = (n: number) => (n / max) * plotHeight;
  const ticks = [0, Math.round(max / 2), max].filter((v, i, all) => all.indexOf(v) === i);
  const totalPresent = points.reduce((s, p) => s + p.present, 0);
  const totalAll = points.reduce((s, p) => s + p.present + p.excused + p.absent, 0);
  const rate = totalAll ? Math.round((totalPresent / totalAll) * 100) : 0;
  const summary = t("groups.turnout.summary", { count: points.length, rate });
  return (
    <figure className="turnout" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{summary}</figcaption>
      <ul className="turnout-legend" aria-hidden="true">
        {KINDS.map((k) => (
          <li key={k}>
            <span className="turnout-swatch" style={{ background: COLOURS[k] }} /> {t(`groups.turnout.${k}`)}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-svg-title`} className="turnout-svg" focusable="false">
        <title id={`${id}-svg-title`}>{`${summary} ${t("groups.turnout.seeTable")}`}</title>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={left} x2={width - 4} y1={top + plotHeight - scale(v)} y2={top + plotHeight - scale(v)} stroke="#d0d0d0" />
            <text x={left - 6} y={top + plotHeight - scale(v) + 4} textAnchor="end" fontSize="11" fill="#333">
              {v}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          const x = left + i * slot + (slot - barWidth) / 2;
          let y = top + plotHeight;
          return (
            <g key={p.meetingId}>
              {KINDS.map((k) => {
                const h = scale(p[k]);
                y -= h;
                return h > 0 ? <rect key={k} x={x} y={y} width={barWidth} height={h} fill={COLOURS[k]} stroke="#fff" strokeWidth="1" /> : null;
              })}
              <text x={x + barWidth / 2} y={height - bottom + 16} textAnchor="middle" fontSize="10" fill="#333">
                {day.format(new Date(p.startsAt))}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="table-wrap">
        <table className="turnout-table">
          <caption>{t("groups.turnout.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("groups.turnout.meeting")}</th>
              {KINDS.map((k) => (
                <th scope="col" key={k}>
                  {t(`groups.turnout.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.meetingId}>
                <th scope="row">
                  <time dateTime={p.startsAt}>{day.format(new Date(p.startsAt))}</time> — {p.title}
                </th>
                <td>{p.present}</td>
                <td>{p.excused}</td>
                <td>{p.absent}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
