/**
 * Taking the IKM's live response back (withdrawResponse with the version the page shows), after a
 * confirmation. A refusal is shown in words (errorText): the response changed meanwhile (a stale
 * version) or was withdrawn already. Either way the page is read again, so it shows the response as
 * it now stands (a second try acts on that), and the refusal stays in view even when the response
 * turns out withdrawn already.
 */
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { ConfirmAction } from "../../../components/ConfirmAction";
import { Outcome } from "../Outcome";
import { type Response, WithdrawResponse } from "./queries";

export function Withdraw({ own, onDone }: { own: Response; onDone: (withdrawn: boolean) => void }) {
  const { t } = useTranslation();
  const [withdrawn, withdraw] = useMutation(WithdrawResponse);
  const refusal = <Outcome error={withdrawn.error} testId="withdraw" />;
  if (own.status !== "ACTIVE") return refusal;
  return (
    <section aria-labelledby="withdraw-title" className="card withdraw">
      <h2 id="withdraw-title">{t("supplier.respond.withdraw.title")}</h2>
      <p className="meta">{t("supplier.respond.withdraw.hint")}</p>
      <ConfirmAction action={t("supplier.respond.withdraw.open")} question={t("supplier.respond.withdraw.question", { version: own.version })}
        confirm={t("supplier.respond.withdraw.confirm")} cancel={t("supplier.respond.withdraw.cancel")} busy={withdrawn.fetching}
        onConfirm={async () => {
          const answer = await withdraw({ id: own.id, expectedVersion: own.version });
          onDone(Boolean(answer.data));
          return Boolean(answer.data);
        }} />
      {refusal}
    </section>
  );
}
