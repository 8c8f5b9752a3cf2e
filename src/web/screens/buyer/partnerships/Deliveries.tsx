/** A partnership's deliveries month by month, newest first: pieces delivered and rejected, lots on time. */
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../format";
import { monthName } from "./month";
import type { Partnership } from "./operations";
import "../buyer.css";

export function Deliveries({ partnership: p }: { partnership: Partnership }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  if (!p.deliveries.length) return <p>{t("buyer.partnerships.noDeliveries")}</p>;
  const rows = [...p.deliveries].sort((a, b) => b.month.localeCompare(a.month));
  const captionId = `deliveries-${p.id}`;
  return (
    <div className="bs-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="bs-table bs-deliveries">
        <caption id={captionId}>{t("buyer.partnerships.deliveries", { component: p.component })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("buyer.partnerships.month")}</th>
            <th scope="col">{t("buyer.partnerships.delivered")}</th>
            <th scope="col">{t("buyer.partnerships.rejected")}</th>
            <th scope="col">{t("buyer.partnerships.lots")}</th>
            <th scope="col">{t("buyer.partnerships.onTime")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.month} data-month={d.month.slice(0, 7)}>
              <th scope="row">{monthName(d.month, i18n.language)}</th>
              <td data-field="delivered">{f.number(d.qtyDelivered)}</td>
              <td data-field="rejected">{f.number(d.qtyRejected)}</td>
              <td data-field="lots">{f.number(d.lotsDelivered)}</td>
              <td data-field="onTime">{f.number(d.lotsOnTime)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
