/**
 * A need's shortlist for its buyer: each candidate (one IKM, or a consortium with its members'
 * shares) with its samples, and the loop's steps: ask for samples, approve or reject what was sent,
 * take a candidate off the list, award the need (one transaction on the server: a PENDING partnership
 * per member). The API decides every step; its refusal is shown in words.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type CombinedError, type UseQueryState, useMutation } from "urql";
import { errorText } from "../../../errors";
import { useFormat } from "../../../format";
import type { ResultOf } from "../../../graphql";
import { AwardNeed, type Candidate, RemoveCandidate, RequestSamples, type ShortlistQuery } from "./operations";
import { ReasonAction } from "./ReasonAction";
import { SampleCard } from "./SampleCard";

/** A default due date for samples: three weeks from today (the API allows today to 183 days ahead). */
function inThreeWeeks(): string {
  return new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
}

function SampleInputs({ pieces, due, setPieces, setDue }: { pieces: string; due: string; setPieces: (v: string) => void; setDue: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor="sample-pieces">{t("buyer.shortlist.piecesLabel")}</label>
      <input id="sample-pieces" type="number" min={1} max={1000} required value={pieces} onChange={(e) => setPieces(e.target.value)} />
      <label htmlFor="sample-due">{t("buyer.shortlist.dueLabel")}</label>
      <input id="sample-due" type="date" required value={due} onChange={(e) => setDue(e.target.value)} />
    </>
  );
}

interface CardProps {
  candidate: Candidate;
  need: { id: string; status: string; version: number };
  onDone: () => void;
  onError: (error: CombinedError) => void;
}

function CandidateActions({ candidate, need, onDone, onError }: CardProps) {
  const { t } = useTranslation();
  const [pieces, setPieces] = useState("10");
  const [due, setDue] = useState(inThreeWeeks);
  const [asked, ask] = useMutation(RequestSamples);
  const [removed, remove] = useMutation(RemoveCandidate);
  const [awarded, award] = useMutation(AwardNeed);
  const settle = (answer: { error?: CombinedError }) => {
    if (answer.error) onError(answer.error);
    else onDone();
    return !answer.error;
  };
  return (
    <span className="inline">
      <ReasonAction label={t("buyer.shortlist.askSamples")} reasonLabel={t("buyer.shortlist.instructions")} confirmLabel={t("buyer.shortlist.confirmAsk")}
        busy={asked.fetching} onSubmit={async (instructions) => settle(await ask({ input: { candidateId: candidate.id, pieces: Number(pieces), dueDate: due, instructions: instructions || undefined } }))}>
        <SampleInputs pieces={pieces} due={due} setPieces={setPieces} setDue={setDue} />
      </ReasonAction>
      <ReasonAction label={t("buyer.shortlist.award")} reasonLabel={t("buyer.shortlist.awardReason")} confirmLabel={t("buyer.shortlist.confirmAward")}
        busy={awarded.fetching} onSubmit={async (reason) => settle(await award({ input: { needId: need.id, candidateId: candidate.id, expectedVersion: need.version, reason: reason || undefined } }))} />
      <ReasonAction label={t("buyer.shortlist.remove")} reasonLabel={t("buyer.shortlist.removeReason")} confirmLabel={t("buyer.shortlist.confirmRemove")}
        required secondary busy={removed.fetching} onSubmit={async (reason) => settle(await remove({ id: candidate.id, reason }))} />
    </span>
  );
}

function CandidateCard(props: CardProps) {
  const { candidate, need, onDone, onError } = props;
  const { t } = useTranslation();
  const f = useFormat();
  const name = candidate.koperasi?.name ?? candidate.members.map((m) => m.ikm.legalName).join(", ");
  return (
    <li className="card candidate" data-candidate={name} data-status={candidate.status}>
      <h3>{name} <span className="status">{t(`buyer.candidateStatus.${candidate.status}`)}</span></h3>
      {candidate.kind === "CONSORTIUM" && (
        <ul className="terms">{candidate.members.map((m) => <li key={m.ikm.id}>{t("buyer.shortlist.share", { name: m.ikm.legalName, quantity: f.number(m.quantityPerMonth) })}</li>)}</ul>
      )}
      {candidate.reason && <p className="meta">{candidate.reason}</p>}
      {candidate.samples.length > 0 && (
        <>
          <h4>{t("buyer.shortlist.samples")}</h4>
          <ul className="list samples">{candidate.samples.map((s) => <SampleCard key={s.id} sample={s} onDone={onDone} onError={onError} />)}</ul>
        </>
      )}
      {candidate.status === "SHORTLISTED" && need.status === "SHORTLISTED" && <CandidateActions {...props} />}
    </li>
  );
}

/** The need's shortlist (read by the need's page, which also marks who is on it), and `onChanged` after each step. */
export function Shortlist({ result, onChanged }: { result: UseQueryState<ResultOf<typeof ShortlistQuery>>; onChanged: () => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<CombinedError | null>(null);
  const { data, error } = result;
  if (error) return <p role="alert" className="error">{errorText(error, t)}</p>;
  if (!data) return <p>{t("app.loading")}</p>;
  const need = data.need;
  const candidates = need.shortlist ?? [];
  const done = () => {
    setFailure(null);
    onChanged();
  };
  return (
    <>
      {failure && <p role="alert" className="error" data-testid="shortlist-error">{errorText(failure, t)}</p>}
      {candidates.length
        ? <ol className="list shortlist">{candidates.map((c) => <CandidateCard key={c.id} candidate={c} need={need} onDone={done} onError={setFailure} />)}</ol>
        : <p>{t("buyer.shortlist.empty")}</p>}
    </>
  );
}
