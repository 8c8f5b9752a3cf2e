/**
 * A foundation's dashboard over its active mentees (its regional centres' included): the stage mix,
 * mentees per sponsor firm and the progression (median months per stage, share promoted) drawn as
 * bars, by region, mentees due for reassessment (each linked to its page), and a live feed of stage
 * changes (`stageChanged`), each of which also refetches the figures.
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useSubscription } from "urql";
import { errorText } from "../../errors";
import { useFormat } from "../../format";
import { type ResultOf, graphql } from "../../graphql";
import { linkTo } from "../../router";
import { ProgressionBars, PromotedBar, SponsorBars } from "./Charts";
import { menteePath } from "./stages";

const DashboardQuery = graphql(`
  query Dashboard {
    foundationDashboard {
      foundation { id name }
      stages { total byStage { stage count share } }
      byRegion { key name count }
      bySponsor { key name count share }
      progression { mentees promotedInWindow promotedShare windowMonths stays { stage medianMonths completedStays current } }
      dueForReassessment(first: 10) { totalCount nodes { lastAssessedOn ikm { id legalName currentStage } } }
    }
  }
`);

const StageChanged = graphql(`
  subscription StageChanged($foundationId: ID!) {
    stageChanged(foundationId: $foundationId) { eventId fromStage toStage reason changedAt changedBy { name } ikm { legalName } }
  }
`);

type Dashboard = ResultOf<typeof DashboardQuery>["foundationDashboard"];
type Change = ResultOf<typeof StageChanged>["stageChanged"];

function StageMix({ stages }: { stages: Dashboard["stages"] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <ul className="factors stage-mix">
      {stages.byStage.map((s) => {
        const percent = s.share * 100;
        const label = t("dashboard.stageLabel", { stage: t(`stages.${s.stage}`), count: s.count, percent: f.number(percent) });
        return (
          <li key={s.stage}>
            <span className="factor-name">{t(`stages.${s.stage}`)}</span>
            <span className="bar" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)}>
              <span className="fill" style={{ width: `${percent}%` }} />
            </span>
            <span className="factor-value">{f.number(s.count)}</span>
          </li>
        );
      })}
    </ul>
  );
}

function Feed({ foundationId, onChange }: { foundationId: string; onChange: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [changes, setChanges] = useState<Change[]>([]);
  const [event] = useSubscription({ query: StageChanged, variables: { foundationId } });
  useEffect(() => {
    if (!event.data) return;
    setChanges((list) => [event.data!.stageChanged, ...list.filter((c) => c.eventId !== event.data!.stageChanged.eventId)].slice(0, 50));
    onChange();
  }, [event.data]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!changes.length) return <p>{t("dashboard.noChanges")}</p>;
  return (
    <ol className="list feed" aria-live="polite">
      {changes.map((c) => (
        <li key={c.eventId} className="card stage-change">
          <strong>{c.ikm.legalName}</strong>: {c.fromStage ? t(`stages.${c.fromStage}`) : "—"} → {t(`stages.${c.toStage}`)}
          <p className="meta">{f.date(c.changedAt)}{c.changedBy ? ` · ${c.changedBy.name}` : ""} · {c.reason}</p>
        </li>
      ))}
    </ol>
  );
}

function Due({ due }: { due: Dashboard["dueForReassessment"] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section aria-labelledby="due">
      <h2 id="due">{t("dashboard.due", { count: due.totalCount })}</h2>
      <ul className="list due">
        {due.nodes.map((m) => (
          <li key={m.ikm.id} className="card">
            <a {...linkTo(menteePath(m.ikm.id))}>{m.ikm.legalName}</a> · {t(`stages.${m.ikm.currentStage}`)} · {m.lastAssessedOn ? t("dashboard.lastAssessed", { date: f.date(m.lastAssessedOn) }) : t("dashboard.neverAssessed")}
          </li>
        ))}
      </ul>
      <p><a {...linkTo("/mentees?due=1")}>{t("foundation.dashboard.allDue")}</a></p>
    </section>
  );
}

function Progression({ progression: p }: { progression: Dashboard["progression"] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section aria-labelledby="progression">
      <h2 id="progression">{t("foundation.dashboard.progression")}</h2>
      <h3>{t("foundation.dashboard.medianTitle")}</h3>
      <ProgressionBars stays={p.stays} />
      <h3>{t("foundation.dashboard.promotedTitle", { months: p.windowMonths })}</h3>
      <PromotedBar promoted={p.promotedInWindow} mentees={p.mentees} share={p.promotedShare} months={p.windowMonths} />
      <p>{t("dashboard.promoted", { percent: f.number(p.promotedShare * 100), months: p.windowMonths })}</p>
    </section>
  );
}

export function FoundationDashboard() {
  const { t } = useTranslation();
  const f = useFormat();
  const [{ data, error }, refetch] = useQuery({ query: DashboardQuery });
  if (error) return <div className="page"><h1>{t("dashboard.title")}</h1><p role="alert" className="error">{errorText(error, t)}</p></div>;
  if (!data) return <div className="page"><h1>{t("dashboard.title")}</h1><p>{t("app.loading")}</p></div>;
  const d = data.foundationDashboard;
  return (
    <div className="page">
      <h1>{t("dashboard.title")} <small>· {d.foundation.name}</small></h1>
      <p><a {...linkTo("/mentees")}>{t("foundation.dashboard.allMentees", { count: d.stages.total })}</a></p>
      <section aria-labelledby="stage-mix">
        <h2 id="stage-mix">{t("dashboard.stages", { total: f.number(d.stages.total) })}</h2>
        <StageMix stages={d.stages} />
      </section>
      <Due due={d.dueForReassessment} />
      <section aria-labelledby="feed">
        <h2 id="feed">{t("dashboard.feed")}</h2>
        <Feed foundationId={d.foundation.id} onChange={() => refetch({ requestPolicy: "network-only" })} />
      </section>
      <Progression progression={d.progression} />
      <section aria-labelledby="sponsors">
        <h2 id="sponsors">{t("foundation.dashboard.sponsors")}</h2>
        <SponsorBars groups={d.bySponsor} />
      </section>
      <section aria-labelledby="regions">
        <h2 id="regions">{t("dashboard.regions")}</h2>
        <ul className="terms regions">{d.byRegion.map((r) => <li key={r.key ?? "none"}>{r.name ?? r.key ?? "—"}: {f.number(r.count)}</li>)}</ul>
      </section>
    </div>
  );
}
