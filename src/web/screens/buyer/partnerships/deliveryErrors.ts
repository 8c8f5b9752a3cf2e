/**
 * A refused delivery in the reader's words: each figure the API refused by its label, and the two
 * contradictions the form can make (more rejected than delivered, more lots on time than delivered)
 * said in the reader's language with the figure sent; any other problem (the month) as the API words it.
 */
import type { TFunction } from "i18next";
import type { CombinedError } from "urql";
import { errorText } from "../../../errors";

export interface Sent {
  qtyDelivered: number;
  lotsDelivered: number;
}

export function deliveryErrorText(error: CombinedError, t: TFunction, label: (path: string) => string | undefined, sent: Sent): string {
  return errorText(error, t, label, (path) => {
    if (path === "input.qtyRejected") return t("buyer.partnerships.form.rejectedOver", { delivered: sent.qtyDelivered });
    if (path === "input.lotsOnTime") return t("buyer.partnerships.form.onTimeOver", { lots: sent.lotsDelivered });
    return undefined;
  });
}
