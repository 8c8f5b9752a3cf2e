/**
 * The firm withdraws a PENDING partnership (before the IKM accepts it) or ends an ACTIVE one with its
 * last day (endPartnership), after a confirmation, in the buyer area's words.
 */
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { EndPartnership as EndConfirm } from "../../../components/EndPartnership";
import { useFormat } from "../../../format";
import { EndPartnership, type Partnership } from "./operations";

/** onDone: the partnership as it ended (PENDING ones withdrawn), or null when the API refused. */
export function EndAction({ partnership: p, onDone }: { partnership: Partnership; onDone: (ended: { endDate: string | null } | null) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [ended, end] = useMutation(EndPartnership);
  const kind = p.status === "PENDING" ? "withdraw" : "end";
  const words = {
    action: t(`buyer.partnerships.${kind}.action`),
    actionLabel: t(`buyer.partnerships.${kind}.actionLabel`, { component: p.component }),
    question: t(`buyer.partnerships.${kind}.question`, { component: p.component, ikm: p.ikm.legalName }),
    confirm: t(`buyer.partnerships.${kind}.confirm`),
    cancel: t("buyer.partnerships.end.cancel"),
    lastDay: t("buyer.partnerships.end.lastDay"),
    lastDayHint: t("buyer.partnerships.end.lastDayHint", { start: f.date(p.startDate) }),
    beforeStart: t("buyer.partnerships.end.beforeStart", { start: f.date(p.startDate) }),
    future: t("buyer.partnerships.end.future"),
  };
  return (
    <EndConfirm status={p.status} words={words} busy={ended.fetching} error={ended.error} testId="end"
      onEnd={async (endDate) => {
        const answer = await end({ id: p.id, endDate });
        onDone(answer.data?.endPartnership ?? null);
        return Boolean(answer.data);
      }} />
  );
}
