/**
 * One mentee for its foundation: its current stage, its assessments and stage history, a form to
 * record an assessment and one to change its stage. After a write the page refetches and says so in
 * a status line; a stage change made elsewhere (`stageChanged(ikmId)`) refetches it too.
 */
import { type RefObject, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useSubscription } from "urql";
import { errorText } from "../../errors";
import { useFormat } from "../../format";
import { graphql } from "../../graphql";
import { linkTo } from "../../router";
import { AssessmentForm } from "./AssessmentForm";
import { AssessmentFields, AssessmentHistory, StageHistory, StageHistoryFields } from "./History";
import { StageForm } from "./StageForm";
import "./foundation.css";

export const MenteeQuery = graphql(`
  query Mentee($id: ID!) {
    ikm(id: $id) {
      id legalName regionName currentStage stageVersion
      assessments { ...AssessmentFields }
      stageHistory { ...StageHistoryFields }
    }
  }
`, [AssessmentFields, StageHistoryFields]);

const MenteeStageChanged = graphql(`
  subscription MenteeStageChanged($ikmId: ID!) {
    stageChanged(ikmId: $ikmId) { eventId id fromStage toStage changedBy { name } }
  }
`);

/** Refetches on every stage change of the mentee; says so unless the change is the one this page made. */
function useStageEvents(ikmId: string, refetch: () => void, mine: RefObject<Set<string>>, say: (notice: string) => void) {
  const { t } = useTranslation();
  const [event] = useSubscription({ query: MenteeStageChanged, variables: { ikmId } });
  useEffect(() => {
    const change = event.data?.stageChanged;
    if (!change) return;
    refetch();
    if (mine.current.has(change.id)) return;
    say(t("foundation.mentee.changedElsewhere", {
      from: change.fromStage ? t(`stages.${change.fromStage}`) : "—", to: t(`stages.${change.toStage}`), name: change.changedBy?.name ?? "—",
    }));
  }, [event.data]); // eslint-disable-line react-hooks/exhaustive-deps
}

export function MenteePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [{ data, error }, refetchQuery] = useQuery({ query: MenteeQuery, variables: { id } });
  const [notice, setNotice] = useState("");
  const mine = useRef(new Set<string>());
  const refetch = () => refetchQuery({ requestPolicy: "network-only" });
  useStageEvents(id, refetch, mine, setNotice);
  const back = <p><a {...linkTo("/")}>← {t("foundation.backToDashboard")}</a> · <a {...linkTo("/mentees")}>{t("foundation.mentees.title")}</a></p>;
  if (error) return <div className="page">{back}<p role="alert" className="error">{errorText(error, t)}</p></div>;
  if (!data) return <div className="page">{back}<p>{t("app.loading")}</p></div>;
  const ikm = data.ikm;
  return (
    <div className="page mentee">
      {back}
      <h1>{ikm.legalName} {ikm.regionName && <small>· {ikm.regionName}</small>}</h1>
      <p className="current-stage" data-testid="current-stage">
        {t("foundation.mentee.currentStage")} <strong className="stage-badge">{t(`stages.${ikm.currentStage}`)}</strong>
      </p>
      <p role="status" className="notice" data-testid="mentee-notice">{notice}</p>
      {ikm.assessments === null || ikm.stageHistory === null ? (
        <p role="alert" className="error">{t("foundation.mentee.notMentored")}</p>
      ) : (
        <>
          <section aria-labelledby="stage-history">
            <h2 id="stage-history">{t("foundation.history.stageTitle")}</h2>
            <StageHistory changes={ikm.stageHistory} />
          </section>
          <section aria-labelledby="change-stage" className="card form-card">
            <h2 id="change-stage">{t("foundation.stageForm.title")}</h2>
            <StageForm ikmId={ikm.id} currentStage={ikm.currentStage} stageVersion={ikm.stageVersion} assessments={ikm.assessments} key={`${ikm.stageVersion}-${ikm.assessments.length}`}
              onChanged={(changeId, to) => {
                mine.current.add(changeId);
                setNotice(t("foundation.stageForm.done", { stage: t(`stages.${to}`) }));
                refetch();
              }} />
          </section>
          <section aria-labelledby="assessments">
            <h2 id="assessments">{t("foundation.history.assessmentsTitle", { count: ikm.assessments.length })}</h2>
            <AssessmentHistory assessments={ikm.assessments} />
          </section>
          <section aria-labelledby="record" className="card form-card">
            <h2 id="record">{t("foundation.assessment.title")}</h2>
            <AssessmentForm ikmId={ikm.id} onRecorded={(stage, average) => {
              setNotice(t("foundation.assessment.done", { stage: t(`stages.${stage}`), average: f.number(average ?? 0, 2) }));
              refetch();
            }} />
          </section>
        </>
      )}
    </div>
  );
}
