/**
 * Records an assessment of a mentee (`recordAssessment`): the day, the assessor, the five pillar
 * scores (required), the production items and 5R audit items (optional), notes and evidence links.
 * The API checks the values; a refusal is shown in words from its `extensions.code`, each refused
 * field named and marked beside its input.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type CombinedError, useMutation } from "urql";
import { errorText } from "../../errors";
import { graphql } from "../../graphql";
import { useSession } from "../../session";
import { type AssessmentDraft, PILLARS, PRODUCTION_ITEMS, emptyDraft, fieldProblems, toInput } from "./assessment-input";
import { Field, FiveRRows, ScoreField } from "./Fields";
import { today } from "./stages";

const RecordAssessment = graphql(`
  mutation RecordAssessment($input: AssessmentInput!) {
    recordAssessment(input: $input) { id proposedStage pillarAverage }
  }
`);

type Recorded = (stage: "PEMULA" | "MADYA" | "PRAMANDIRI" | "MANDIRI", average: number | null) => void;

function ScoreGroups({ draft, setDraft, problems }: { draft: AssessmentDraft; setDraft: (d: AssessmentDraft) => void; problems: Map<string, string> }) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="scores-grid">
        <legend>{t("foundation.assessment.pillars")}</legend>
        {PILLARS.map((p) => (
          <ScoreField key={p} name={`pillarScores.${p}`} label={t(`foundation.pillars.${p}`)} required value={draft.pillars[p]} problem={problems.get(`pillarScores.${p}`)}
            onChange={(v) => setDraft({ ...draft, pillars: { ...draft.pillars, [p]: v } })} />
        ))}
      </fieldset>
      <fieldset className="scores-grid">
        <legend>{t("foundation.assessment.items")}</legend>
        {PRODUCTION_ITEMS.map((i) => (
          <ScoreField key={i} name={`itemScores.${i}`} label={t(`foundation.items.${i}`)} value={draft.items[i]} problem={problems.get(`itemScores.${i}`)}
            onChange={(v) => setDraft({ ...draft, items: { ...draft.items, [i]: v } })} />
        ))}
      </fieldset>
    </>
  );
}

function Problem({ error, missing }: { error?: CombinedError; missing: string[] }) {
  const { t } = useTranslation();
  if (missing.length) return <p role="alert" className="error">{t("foundation.assessment.missing", { count: missing.length })}</p>;
  if (error) return <p role="alert" className="error" data-testid="assessment-error">{errorText(error, t)}</p>;
  return null;
}

export function AssessmentForm({ ikmId, onRecorded }: { ikmId: string; onRecorded: Recorded }) {
  const { t } = useTranslation();
  const session = useSession();
  const [draft, setDraft] = useState(() => emptyDraft(today(), session?.name ?? ""));
  const [missing, setMissing] = useState<string[]>([]);
  const [result, record] = useMutation(RecordAssessment);
  const problems = fieldProblems(result.error);
  for (const m of missing) problems.set(m, t("foundation.assessment.required"));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const built = toInput(ikmId, draft);
    if ("missing" in built) return setMissing(built.missing);
    setMissing([]);
    const answer = await record({ input: built.input });
    const recorded = answer.data?.recordAssessment;
    if (!recorded) return;
    setDraft(emptyDraft(today(), draft.assessor));
    onRecorded(recorded.proposedStage, recorded.pillarAverage);
  }

  return (
    <form noValidate onSubmit={submit} className="assessment-form" aria-labelledby="record">
      <p className="hint">{t("foundation.assessment.hint")}</p>
      <div className="row">
        <Field label={t("foundation.assessment.assessedOn")} type="date" name="assessedOn" required value={draft.assessedOn} max={today()}
          problem={problems.get("assessedOn")} onChange={(e) => setDraft({ ...draft, assessedOn: e.target.value })} />
        <Field label={t("foundation.assessment.assessor")} name="assessor" required value={draft.assessor}
          problem={problems.get("assessor")} onChange={(e) => setDraft({ ...draft, assessor: e.target.value })} />
      </div>
      <ScoreGroups draft={draft} setDraft={setDraft} problems={problems} />
      <FiveRRows rows={draft.fiveR} onChange={(fiveR) => setDraft({ ...draft, fiveR })} problems={problems} />
      <label className="field">
        <span>{t("foundation.assessment.notes")}</span>
        <textarea name="notes" rows={3} value={draft.notes} onChange={(e) => setDraft({ ...draft, notes: e.target.value })} />
      </label>
      <label className="field">
        <span>{t("foundation.assessment.evidence")}</span>
        <textarea name="evidenceUrls" rows={2} value={draft.evidence} aria-invalid={[...problems.keys()].some((k) => k.startsWith("evidenceUrls")) || undefined}
          onChange={(e) => setDraft({ ...draft, evidence: e.target.value })} />
      </label>
      <Problem error={result.error} missing={missing} />
      <button type="submit" disabled={result.fetching}>{result.fetching ? t("foundation.assessment.busy") : t("foundation.assessment.submit")}</button>
    </form>
  );
}
