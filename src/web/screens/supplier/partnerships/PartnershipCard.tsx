/** One partnership: the firm, what is supplied and how much, its dates and status, and its deliveries; accepting or declining a PENDING one, ending an ACTIVE one. */
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../format";
import { Deliveries } from "./Deliveries";
import { EndAction } from "./EndAction";
import type { Partnership } from "./queries";

interface Props {
  partnership: Partnership;
  busy: boolean;
  onDecide: (accept: boolean) => void;
  /** After ending it: its last day, or null when the API refused. */
  onEnded: (endDate: string | null) => void;
}

export function PartnershipCard({ partnership: p, busy, onDecide, onEnded }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const headingId = `partnership-${p.id}`;
  return (
    <li className="card partnership" data-status={p.status}>
      <h3 id={headingId}>{p.component} <span className={`status partnership-${p.status}`}>{t(`supplier.partnershipStatus.${p.status}`)}</span></h3>
      <p className="meta">
        {p.firm.name}{p.koperasi ? ` · ${t("supplier.partnerships.through", { koperasi: p.koperasi.name })}` : ""}{p.need ? ` · ${t("supplier.partnerships.need", { title: p.need.title })}` : ""}
      </p>
      <p>
        {t("needs.perMonth", { quantity: f.number(p.quantityPerMonth), unit: t(`units.${p.unit}`) })} · {p.endDate
          ? t("needs.period", { start: f.date(p.startDate), end: f.date(p.endDate) })
          : t("supplier.partnerships.since", { start: f.date(p.startDate) })}
      </p>
      <p className="meta">{t("supplier.partnerships.processes", { processes: p.processes.map((x) => t(`supplier.processes.${x}`)).join(", ") })}</p>
      {p.status === "PENDING" && (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => onDecide(true)}>{t("supplier.partnerships.accept", { component: p.component })}</button>
          <button type="button" className="secondary" disabled={busy} onClick={() => onDecide(false)}>{t("supplier.partnerships.decline", { component: p.component })}</button>
        </div>
      )}
      <EndAction partnership={p} onDone={onEnded} />
      <Deliveries partnership={p} />
    </li>
  );
}
