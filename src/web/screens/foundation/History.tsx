/** A mentee's records: its assessments (newest first, each with its scores) and its stage changes (newest first). */
import { useTranslation } from "react-i18next";
import { useFormat } from "../../format";
import { type ResultOf, graphql } from "../../graphql";
import { FIVE_R_SECTIONS, PILLARS, PRODUCTION_ITEMS } from "./assessment-input";

export const AssessmentFields = graphql(`
  fragment AssessmentFields on Assessment @_unmask {
    id assessedOn assessor createdAt pillarAverage proposedStage fiveRPercent notes evidenceUrls
    recordedBy { name }
    pillarScores { production marketing finance hr ehs }
    itemScores { costControl qualityControl sopConformity onTimeDelivery wasteHandling fiveR training orderFulfilment }
    fiveRBySection { section percent }
    fiveRItems { section item score }
  }
`);

export const StageHistoryFields = graphql(`
  fragment StageHistoryFields on StageChange @_unmask {
    id fromStage toStage reason changedAt
    changedBy { name }
    assessment { id assessedOn proposedStage }
  }
`);

export type Assessment = ResultOf<typeof AssessmentFields>;
type Change = ResultOf<typeof StageHistoryFields>;

function Scores({ a }: { a: Assessment }) {
  const { t } = useTranslation();
  const f = useFormat();
  const items = PRODUCTION_ITEMS.filter((i) => a.itemScores[i] != null);
  return (
    <>
      <h4>{t("foundation.history.pillars")}</h4>
      <dl className="scores">
        {PILLARS.map((p) => <div key={p}><dt>{t(`foundation.pillars.${p}`)}</dt><dd>{f.number(a.pillarScores[p], 1)}</dd></div>)}
      </dl>
      {items.length > 0 && (
        <>
          <h4>{t("foundation.history.items")}</h4>
          <dl className="scores">
            {items.map((i) => <div key={i}><dt>{t(`foundation.items.${i}`)}</dt><dd>{f.number(a.itemScores[i]!, 1)}</dd></div>)}
          </dl>
        </>
      )}
      {a.fiveRPercent != null && (
        <>
          <h4>{t("foundation.history.fiveR", { percent: f.number(a.fiveRPercent, 1) })}</h4>
          <dl className="scores">
            {FIVE_R_SECTIONS.map((section) => {
              const s = a.fiveRBySection.find((x) => x.section === section);
              return s ? <div key={section}><dt>{t(`foundation.fiveR.${section}`)}</dt><dd>{f.number(s.percent, 1)}%</dd></div> : null;
            })}
          </dl>
          <ul className="five-r-items">
            {a.fiveRItems.map((i, n) => <li key={n}>{t(`foundation.fiveR.${i.section}`)}: {i.item} ({i.score}/2)</li>)}
          </ul>
        </>
      )}
    </>
  );
}

export function AssessmentHistory({ assessments }: { assessments: readonly Assessment[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!assessments.length) return <p>{t("foundation.history.noAssessments")}</p>;
  return (
    <ol className="list assessments">
      {assessments.map((a) => (
        <li key={a.id} className="card assessment" data-assessment={a.id}>
          <h3>{f.date(a.assessedOn)} · {a.assessor}</h3>
          <p className="meta">
            {t("foundation.history.proposes", { stage: t(`stages.${a.proposedStage}`) })}
            {a.pillarAverage != null && ` · ${t("foundation.history.average", { average: f.number(a.pillarAverage, 2) })}`}
            {a.recordedBy && ` · ${t("foundation.history.recordedBy", { name: a.recordedBy.name })}`}
          </p>
          {a.notes && <p className="notes">{a.notes}</p>}
          <details>
            <summary>{t("foundation.history.details")}</summary>
            <Scores a={a} />
            {a.evidenceUrls.length > 0 && (
              <ul className="evidence">{a.evidenceUrls.map((u) => <li key={u}><a href={u} rel="noreferrer noopener" target="_blank">{u}</a></li>)}</ul>
            )}
          </details>
        </li>
      ))}
    </ol>
  );
}

export function StageHistory({ changes }: { changes: readonly Change[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!changes.length) return <p>{t("foundation.history.noChanges")}</p>;
  return (
    <ol className="list stage-history">
      {[...changes].reverse().map((c) => (
        <li key={c.id} className="card stage-step">
          <strong>{c.fromStage ? t(`stages.${c.fromStage}`) : "—"} → {t(`stages.${c.toStage}`)}</strong>
          <p className="meta">
            {f.date(c.changedAt)}{c.changedBy ? ` · ${c.changedBy.name}` : ""}
            {c.assessment && ` · ${t("foundation.history.cites", { date: f.date(c.assessment.assessedOn), stage: t(`stages.${c.assessment.proposedStage}`) })}`}
          </p>
          <p className="reason">{c.reason}</p>
        </li>
      ))}
    </ol>
  );
}
