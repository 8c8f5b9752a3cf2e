/** One sample request of a candidate: its status, due date and documents; approve or reject a submitted one. */
import { useTranslation } from "react-i18next";
import { type CombinedError, useMutation } from "urql";
import { useFormat } from "../../../format";
import { DecideSample, type Sample } from "./operations";
import { ReasonAction } from "./ReasonAction";

export function SampleCard({ sample, onDone, onError }: { sample: Sample; onDone: () => void; onError: (error: CombinedError) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [decided, decide] = useMutation(DecideSample);

  async function verdict(approve: boolean, reason: string): Promise<boolean> {
    // Approving accepts every item the IKM sent; a rejection gives its reason.
    const items = approve ? sample.items.map((i) => ({ code: i.code, accepted: true })) : undefined;
    const answer = await decide({ id: sample.id, version: sample.version, input: { approve, reason: reason || undefined, items } });
    if (answer.error) onError(answer.error);
    else onDone();
    return !answer.error;
  }

  return (
    <li className="sample" data-sample-status={sample.status}>
      <strong>{sample.ikm.legalName}</strong>: {t(`buyer.sampleStatus.${sample.status}`)}
      {" · "}{t("buyer.shortlist.pieces", { count: sample.pieces })} · {t("buyer.shortlist.due", { date: f.date(sample.dueDate) })}
      {sample.overdue && <> · <span className="error">{t("buyer.shortlist.overdue")}</span></>}
      {sample.late && <> · {t("buyer.shortlist.late")}</>}
      {sample.decisionReason && <p className="meta">{sample.decisionReason}</p>}
      <ul className="checks">
        {sample.items.map((item) => (
          <li key={item.code}>
            {item.title}{item.required ? "" : ` (${t("buyer.shortlist.optional")})`}
            {item.documentUrl ? <>: <a href={item.documentUrl} rel="noreferrer noopener" target="_blank">{t("buyer.shortlist.document")}</a></> : null}
          </li>
        ))}
      </ul>
      {sample.status === "SUBMITTED" && (
        <span className="inline">
          <button type="button" disabled={decided.fetching} onClick={() => void verdict(true, "")}>{t("buyer.shortlist.approve")}</button>
          <ReasonAction label={t("buyer.shortlist.reject")} reasonLabel={t("buyer.shortlist.rejectReason")} confirmLabel={t("buyer.shortlist.confirmReject")}
            required secondary busy={decided.fetching} onSubmit={(reason) => verdict(false, reason)} />
        </span>
      )}
    </li>
  );
}
