/** A partnership's deliveries month by month, newest first: pieces delivered (with the unit) and rejected (with the share), lots on time. */
import { useTranslation } from "react-i18next";
import { DeliveryTable } from "../../../components/DeliveryTable";
import { useFormat } from "../../../format";
import type { Partnership } from "./queries";

export function Deliveries({ partnership: p }: { partnership: Partnership }) {
  const { t } = useTranslation();
  const f = useFormat();
  const unit = t(`units.${p.unit}`);
  return (
    <DeliveryTable id={p.id} deliveries={p.deliveries} className="deliveries"
      caption={t("supplier.partnerships.deliveries", { component: p.component })} monthHeader={t("supplier.partnerships.month")}
      empty={<p className="meta">{t("supplier.partnerships.noDeliveries")}</p>}
      columns={[
        { field: "delivered", header: t("supplier.partnerships.delivered"), cell: (d) => `${f.number(d.qtyDelivered)} ${unit}` },
        { field: "rejected", header: t("supplier.partnerships.rejected"),
          cell: (d) => `${f.number(d.qtyRejected)} (${d.qtyDelivered ? `${f.number((d.qtyRejected / d.qtyDelivered) * 100, 1)}%` : t("need.none")})` },
        { field: "onTime", header: t("supplier.partnerships.onTime"),
          cell: (d) => t("supplier.partnerships.lotsOnTime", { onTime: f.number(d.lotsOnTime), lots: f.number(d.lotsDelivered) }) },
      ]} />
  );
}
