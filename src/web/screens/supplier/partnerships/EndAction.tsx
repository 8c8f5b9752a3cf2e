/** The IKM ends an ACTIVE partnership (endPartnership with its last day), after a confirmation, in the IKM area's words. */
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { EndPartnership as EndConfirm } from "../../../components/EndPartnership";
import { useFormat } from "../../../format";
import { EndPartnership, type Partnership } from "./queries";

/** onDone: the last day when it ended, null when refused (the page reads the partnerships again either way). */
export function EndAction({ partnership: p, onDone }: { partnership: Partnership; onDone: (endDate: string | null) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [ended, end] = useMutation(EndPartnership);
  // A PENDING one is declined with the card's own button (no last day): only an ACTIVE one ends here.
  if (p.status === "PENDING") return null;
  const words = {
    action: t("supplier.partnerships.end.action"),
    actionLabel: t("supplier.partnerships.end.actionLabel", { component: p.component }),
    question: t("supplier.partnerships.end.question", { component: p.component, firm: p.firm.name }),
    confirm: t("supplier.partnerships.end.confirm"),
    cancel: t("supplier.partnerships.end.cancel"),
    lastDay: t("supplier.partnerships.end.lastDay"),
    lastDayHint: t("supplier.partnerships.end.lastDayHint", { start: f.date(p.startDate) }),
    beforeStart: t("supplier.partnerships.end.beforeStart", { start: f.date(p.startDate) }),
    future: t("supplier.partnerships.end.future"),
  };
  return (
    <EndConfirm status={p.status} words={words} busy={ended.fetching} error={ended.error} testId={`end-${p.id}`}
      onEnd={async (endDate) => {
        const answer = await end({ id: p.id, endDate });
        onDone(answer.data?.endPartnership.endDate ?? null);
        return Boolean(answer.data);
      }} />
  );
}
