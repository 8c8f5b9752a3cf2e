/** "Shortlist" on a ranked supplier or a response: one IKM by its match, or the response (a koperasi's is a consortium). */
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { errorText } from "../../../errors";
import { ShortlistCandidate } from "./operations";

export interface ShortlistTarget {
  needId: string;
  ikmId?: string;
  responseId?: string;
}

export function AddToShortlist({ target, name, onDone }: { target: ShortlistTarget; name: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [added, add] = useMutation(ShortlistCandidate);
  async function click() {
    const answer = await add({ input: target });
    if (!answer.error) onDone();
  }
  return (
    <span className="inline">
      <button type="button" disabled={added.fetching} onClick={() => void click()} aria-label={t("buyer.shortlist.addNamed", { name })}>{t("buyer.shortlist.add")}</button>
      {added.error && <span role="alert" className="error">{errorText(added.error, t)}</span>}
    </span>
  );
}
