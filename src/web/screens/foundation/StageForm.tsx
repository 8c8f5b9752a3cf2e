/**
 * Moves a mentee to another stage (`changeStage`): the target stage, the assessment the promotion
 * cites, a reason, and override. The rules are the API's (README, "Maturity tracking"); the form
 * lists them, and when the API refuses a change under one, shows that rule's message.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type CombinedError, useMutation } from "urql";
import { errorText } from "../../errors";
import { useFormat } from "../../format";
import { graphql } from "../../graphql";
import type { Assessment } from "./History";
import { STAGES, type Stage, suggestedStage } from "./stages";

const ChangeStage = graphql(`
  mutation ChangeStage($input: ChangeStageInput!) {
    changeStage(input: $input) { id fromStage toStage }
  }
`);

const RULES = ["oneStep", "promotion", "override", "demotion"] as const;

/** A refusal: under a stage rule (INVALID_TRANSITION), the rule's own message; otherwise the code's words. */
function Refusal({ error }: { error: CombinedError }) {
  const { t } = useTranslation();
  const first = error.graphQLErrors[0];
  if (first?.extensions?.code === "INVALID_TRANSITION") {
    return (
      <div role="alert" className="error refusal" data-testid="stage-refusal">
        <p>{t("foundation.stageForm.refused")}</p>
        <p className="rule" lang="en">{first.message}</p>
      </div>
    );
  }
  return <p role="alert" className="error" data-testid="stage-refusal">{errorText(error, t)}</p>;
}

interface Props {
  ikmId: string;
  currentStage: Stage;
  stageVersion: number;
  assessments: readonly Assessment[];
  onChanged: (changeId: string, to: Stage) => void;
}

export function StageForm({ ikmId, currentStage, stageVersion, assessments, onChanged }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const [toStage, setToStage] = useState<Stage>(suggestedStage(currentStage));
  const [assessmentId, setAssessmentId] = useState(assessments[0]?.id ?? "");
  const [reason, setReason] = useState("");
  const [override, setOverride] = useState(false);
  const [result, change] = useMutation(ChangeStage);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await change({
      input: { ikmId, toStage, expectedVersion: stageVersion, assessmentId: assessmentId || null, reason: reason.trim() || null, override },
    });
    const changed = answer.data?.changeStage;
    if (changed) onChanged(changed.id, changed.toStage);
  }

  return (
    <form noValidate onSubmit={submit} className="stage-form" aria-labelledby="change-stage">
      <ul className="rules" aria-label={t("foundation.stageForm.rulesTitle")}>
        {RULES.map((r) => <li key={r}>{t(`foundation.stageForm.rules.${r}`)}</li>)}
      </ul>
      <label className="field">
        <span>{t("foundation.stageForm.toStage")}</span>
        <select name="toStage" value={toStage} onChange={(e) => setToStage(e.target.value as Stage)}>
          {STAGES.map((s) => <option key={s} value={s}>{t(`stages.${s}`)}{s === currentStage ? ` (${t("foundation.stageForm.now")})` : ""}</option>)}
        </select>
      </label>
      <label className="field">
        <span>{t("foundation.stageForm.assessment")}</span>
        <select name="assessmentId" value={assessmentId} onChange={(e) => setAssessmentId(e.target.value)}>
          <option value="">{t("foundation.stageForm.noAssessment")}</option>
          {assessments.map((a) => (
            <option key={a.id} value={a.id}>{t("foundation.stageForm.assessmentOption", { date: f.date(a.assessedOn), stage: t(`stages.${a.proposedStage}`) })}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("foundation.stageForm.reason")}</span>
        <textarea name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" name="override" checked={override} onChange={(e) => setOverride(e.target.checked)} />
        {t("foundation.stageForm.override")}
      </label>
      {result.error && <Refusal error={result.error} />}
      <button type="submit" disabled={result.fetching}>{result.fetching ? t("foundation.stageForm.busy") : t("foundation.stageForm.submit")}</button>
    </form>
  );
}
