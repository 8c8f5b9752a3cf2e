/** A partnership's deliveries month by month, newest first: pieces delivered and rejected, lots delivered and on time. */
import { useTranslation } from "react-i18next";
import { DeliveryTable } from "../../../components/DeliveryTable";
import { useFormat } from "../../../format";
import type { Partnership } from "./operations";
import "../buyer.css";

export function Deliveries({ partnership: p }: { partnership: Partnership }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <DeliveryTable id={p.id} deliveries={p.deliveries} className="bs-table bs-deliveries"
      caption={t("buyer.partnerships.deliveries", { component: p.component })} monthHeader={t("buyer.partnerships.month")}
      empty={<p>{t("buyer.partnerships.noDeliveries")}</p>}
      columns={[
        { field: "delivered", header: t("buyer.partnerships.delivered"), cell: (d) => f.number(d.qtyDelivered) },
        { field: "rejected", header: t("buyer.partnerships.rejected"), cell: (d) => f.number(d.qtyRejected) },
        { field: "lots", header: t("buyer.partnerships.lots"), cell: (d) => f.number(d.lotsDelivered) },
        { field: "onTime", header: t("buyer.partnerships.onTime"), cell: (d) => f.number(d.lotsOnTime) },
      ]} />
  );
}
