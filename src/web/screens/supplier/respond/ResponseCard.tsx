/** The IKM's own response to a need: its kind, status (a withdrawn one says so), terms in Rupiah and days, and version. */
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../format";
import type { Need, Response } from "./queries";

export function ResponseCard({ response: r, unit }: { response: Response; unit: Need["unit"] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section aria-labelledby="own-response" className="card own-response" data-status={r.status}>
      <h2 id="own-response">{t("supplier.respond.yours")}</h2>
      <p className="meta">
        {t(`supplier.kinds.${r.kind}`)} · {t(`supplier.responseStatus.${r.status}`)} · {t("supplier.respond.version", { version: r.version, date: f.date(r.updatedAt) })}
      </p>
      <ul className="terms">
        {r.unitPriceIdr != null && <li className="price">{t("responses.price", { price: f.rupiah(r.unitPriceIdr) })}</li>}
        {r.quantityPerMonth != null && <li>{t("needs.perMonth", { quantity: f.number(r.quantityPerMonth), unit: t(`units.${unit}`) })}</li>}
        {r.leadTimeDays != null && <li>{t("responses.lead", { days: f.number(r.leadTimeDays) })}</li>}
        {r.validUntil && <li>{t("responses.validUntil", { date: f.date(r.validUntil) })}</li>}
      </ul>
      {r.notes && <p>{r.notes}</p>}
      {r.status === "WITHDRAWN" && <p className="hint">{t("supplier.respond.withdrawnNote")}</p>}
    </section>
  );
}
