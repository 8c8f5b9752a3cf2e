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
  const first = error.graphQLErrors[0];
  const fields = first?.extensions?.fields;
  if (first?.extensions?.code !== "BAD_USER_INPUT" || !Array.isArray(fields) || !fields.length) return errorText(error, t, label);
  const said = (fields as { path: string; message: string }[]).map(({ path, message }) => {
    const name = label(path) ?? path;
    if (path === "input.qtyRejected") return `${name}: ${t("buyer.partnerships.form.rejectedOver", { delivered: sent.qtyDelivered })}`;
    if (path === "input.lotsOnTime") return `${name}: ${t("buyer.partnerships.form.onTimeOver", { lots: sent.lotsDelivered })}`;
    return `${name}: ${message}`;
  });
  return `${t("errors.BAD_USER_INPUT")} ${said.join("; ")}`;
}
