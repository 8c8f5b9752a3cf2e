/**
 * The dashboard's charts, each bar a `role="meter"` whose label says in words what the bar draws:
 * mentees per sponsor firm ("ayah angkat"), the median months a stay in each stage lasted, and the
 * share promoted within the window.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../format";
import { STAGES, type Stage } from "./stages";
import "./foundation.css";

/** One bar: `value` out of `max`, drawn as a share of its track, named by `label`. */
export function Meter({ name, label, value, max, shown }: { name: ReactNode; label: string; value: number; max: number; shown: string }) {
  const percent = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  return (
    <li>
      <span className="factor-name">{name}</span>
      <span className="bar" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={Math.round(value * 10) / 10}>
        <span className="fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="factor-value">{shown}</span>
    </li>
  );
}

interface Group {
  key: string | null;
  name: string | null;
  count: number;
  share: number;
}

/** Active mentees per sponsor firm, largest first; one bar each, its share of all active mentees. */
export function SponsorBars({ groups }: { groups: readonly Group[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!groups.length) return <p>{t("foundation.dashboard.noMentees")}</p>;
  return (
    <ul className="factors sponsor-bars">
      {groups.map((g) => {
        const name = g.key === null ? t("foundation.dashboard.noSponsor") : (g.name ?? g.key);
        const percent = g.share * 100;
        const label = t("foundation.dashboard.sponsorLabel", { name, count: g.count, percent: f.number(percent) });
        return <Meter key={g.key ?? "none"} name={name} label={label} value={percent} max={100} shown={f.number(g.count)} />;
      })}
    </ul>
  );
}

interface Stay {
  stage: Stage;
  medianMonths: number | null;
  completedStays: number;
  current: number;
}

/** Median months per stage, the bars scaled to the longest median; a stage with no completed stay says so instead. */
export function ProgressionBars({ stays }: { stays: readonly Stay[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const longest = Math.max(1, ...stays.map((s) => s.medianMonths ?? 0));
  const ordered = [...stays].sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));
  return (
    <ul className="factors progression-bars">
      {ordered.map((s) => {
        const stage = t(`stages.${s.stage}`);
        if (s.medianMonths === null) {
          return (
            <li key={s.stage} className="no-median">
              <span className="factor-name">{stage}</span>
              <span>{t("foundation.dashboard.noMedian", { stage, current: s.current })}</span>
              <span className="factor-value">—</span>
            </li>
          );
        }
        const months = f.number(s.medianMonths, 1);
        const label = t("foundation.dashboard.medianLabel", { stage, months, stays: s.completedStays, current: s.current });
        return <Meter key={s.stage} name={stage} label={label} value={s.medianMonths} max={longest} shown={t("foundation.dashboard.monthsShort", { months })} />;
      })}
    </ul>
  );
}

/** The share of active mentees promoted within the window, as one bar. */
export function PromotedBar({ promoted, mentees, share, months }: { promoted: number; mentees: number; share: number; months: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const percent = share * 100;
  const label = t("foundation.dashboard.promotedLabel", { count: promoted, total: mentees, percent: f.number(percent), months });
  return (
    <ul className="factors promoted-bar">
      <Meter name={t("foundation.dashboard.promotedName")} label={label} value={percent} max={100} shown={`${f.number(percent)}%`} />
    </ul>
  );
}
