/**
 * What the buyer can do with a need from its page: edit it (DRAFT or OPEN), publish a draft to
 * suppliers (`transitionNeed` to OPEN), cancel one not yet awarded (with a reason, kept in its
 * history), close an awarded one. The version read with the page guards each move (CONFLICT when
 * the need changed meanwhile); the API's refusal is shown in words.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { errorText } from "../../errors";
import { graphql } from "../../graphql";
import { linkTo } from "../../router";

const TransitionNeed = graphql(`
  mutation TransitionNeed($id: ID!, $to: NeedStatus!, $version: Int!, $reason: String) {
    transitionNeed(id: $id, to: $to, expectedVersion: $version, reason: $reason) { id status version publishedAt }
  }
`);

type Status = "DRAFT" | "OPEN" | "SHORTLISTED" | "AWARDED" | "CLOSED" | "CANCELLED";

export function NeedActions({ need, onDone }: { need: { id: string; status: Status; version: number }; onDone: () => void }) {
  const { t } = useTranslation();
  const [moved, move] = useMutation(TransitionNeed);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState("");
  const editable = need.status === "DRAFT" || need.status === "OPEN";
  const cancellable = editable || need.status === "SHORTLISTED";

  async function to(status: Status, why?: string) {
    const answer = await move({ id: need.id, to: status, version: need.version, reason: why });
    if (answer.data) {
      setCancelling(false);
      onDone();
    }
  }

  function cancel(event: FormEvent) {
    event.preventDefault();
    void to("CANCELLED", reason.trim() || undefined);
  }

  return (
    <div className="actions">
      <span className="inline">
        {editable && <a className="button" {...linkTo(`/needs/${encodeURIComponent(need.id)}/edit`)}>{t("buyer.actions.edit")}</a>}
        {need.status === "DRAFT" && <button type="button" disabled={moved.fetching} onClick={() => void to("OPEN")}>{t("buyer.actions.publish")}</button>}
        {need.status === "AWARDED" && <button type="button" disabled={moved.fetching} onClick={() => void to("CLOSED")}>{t("buyer.actions.close")}</button>}
        {cancellable && !cancelling && <button type="button" className="secondary" onClick={() => setCancelling(true)}>{t("buyer.actions.cancel")}</button>}
      </span>
      {cancelling && (
        <form onSubmit={cancel} className="inline-form">
          <label htmlFor="cancel-reason">{t("buyer.actions.cancelReason")}</label>
          <input id="cancel-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          <span className="inline">
            <button type="submit" disabled={moved.fetching}>{t("buyer.actions.confirmCancel")}</button>
            <button type="button" className="secondary" onClick={() => setCancelling(false)}>{t("buyer.actions.keep")}</button>
          </span>
        </form>
      )}
      {moved.error && <p role="alert" className="error">{errorText(moved.error, t)}</p>}
    </div>
  );
}
