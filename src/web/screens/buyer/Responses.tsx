/** The responses (interest or quotations) suppliers sent to a need, newest first, prices in Rupiah. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../format";
import { type ResultOf, graphql } from "../../graphql";

export const ResponseFields = graphql(`
  fragment ResponseFields on NeedResponse @_unmask {
    id kind status unitPriceIdr quantityPerMonth leadTimeDays validUntil createdAt
    ikm { id legalName } koperasi { id name }
  }
`);

type Response = ResultOf<typeof ResponseFields>;

export function Responses({ responses, total, action }: { responses: readonly Response[]; total: number; action?: (response: Response) => ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!responses.length) return <p>{t("responses.empty")}</p>;
  return (
    <>
      <p>{t("responses.count", { count: total })}</p>
      <ul className="list responses">
        {responses.map((r) => (
          <li key={r.id} className="card response" data-response={r.id}>
            <strong>{r.ikm?.legalName ?? r.koperasi?.name}</strong> · {t(`responses.${r.kind}`)} · {f.date(r.createdAt)}
            <ul className="terms">
              {r.unitPriceIdr != null && <li className="price">{t("responses.price", { price: f.rupiah(r.unitPriceIdr) })}</li>}
              {r.quantityPerMonth != null && <li>{t("responses.quantity", { quantity: f.number(r.quantityPerMonth) })}</li>}
              {r.leadTimeDays != null && <li>{t("responses.lead", { days: f.number(r.leadTimeDays) })}</li>}
              {r.validUntil && <li>{t("responses.validUntil", { date: f.date(r.validUntil) })}</li>}
            </ul>
            {action?.(r)}
          </li>
        ))}
      </ul>
    </>
  );
}
