/** A partnership's deliveries month by month, newest first: pieces delivered and rejected, lots on time. */
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../format";
import { monthName } from "./month";
import type { Partnership } from "./queries";

export function Deliveries({ partnership: p }: { partnership: Partnership }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  if (!p.deliveries.length) return <p className="meta">{t("supplier.partnerships.noDeliveries")}</p>;
  const rows = [...p.deliveries].sort((a, b) => b.month.localeCompare(a.month));
  const unit = t(`units.${p.unit}`);
  return (
    // Scrolls sideways on a narrow screen: focusable, so a keyboard can scroll it too.
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`deliveries-${p.id}`}>
      <table className="deliveries">
        <caption id={`deliveries-${p.id}`}>{t("supplier.partnerships.deliveries", { component: p.component })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("supplier.partnerships.month")}</th>
            <th scope="col">{t("supplier.partnerships.delivered")}</th>
            <th scope="col">{t("supplier.partnerships.rejected")}</th>
            <th scope="col">{t("supplier.partnerships.onTime")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.month} data-month={d.month}>
              <th scope="row">{monthName(d.month, i18n.language)}</th>
              <td>{f.number(d.qtyDelivered)} {unit}</td>
              <td>{f.number(d.qtyRejected)} ({d.qtyDelivered ? `${f.number((d.qtyRejected / d.qtyDelivered) * 100, 1)}%` : t("need.none")})</td>
              <td>{t("supplier.partnerships.lotsOnTime", { onTime: f.number(d.lotsOnTime), lots: f.number(d.lotsDelivered) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
