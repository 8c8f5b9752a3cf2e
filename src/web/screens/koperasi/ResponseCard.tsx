/** One consortium response of the koperasi: its kind, status, terms in Rupiah and days, each member's share, and its version. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../format";
import type { KoperasiResponse, Need } from "./queries";

interface Props {
  response: KoperasiResponse;
  unit: Need["unit"];
  /** The card's heading (an h2: the need's title in the list; "your response" on the need's page). */
  heading: ReactNode;
  headingId: string;
  children?: ReactNode;
}

export function ResponseCard({ response: r, unit, heading, headingId, children }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const units = t(`units.${unit}`);
  return (
    <article aria-labelledby={headingId} className="card koperasi-response" data-status={r.status}>
      <h2 id={headingId}>{heading}</h2>
      <p className="meta">
        {t(`responses.${r.kind}`)} · <span className={`response-status response-${r.status}`}>{t(`koperasi.responseStatus.${r.status}`)}</span> · {t("koperasi.responses.version", { version: r.version, date: f.date(r.updatedAt) })}
      </p>
      <ul className="terms">
        {r.unitPriceIdr != null && <li className="price">{t("responses.price", { price: f.rupiah(r.unitPriceIdr) })}</li>}
        {r.quantityPerMonth != null && <li>{t("needs.perMonth", { quantity: f.number(r.quantityPerMonth), unit: units })}</li>}
        {r.leadTimeDays != null && <li>{t("responses.lead", { days: f.number(r.leadTimeDays) })}</li>}
        {r.validUntil && <li>{t("responses.validUntil", { date: f.date(r.validUntil) })}</li>}
      </ul>
      <h3>{t("koperasi.responses.members")}</h3>
      <ul className="split">
        {r.members.map((m) => <li key={m.ikm.id}><strong>{m.ikm.legalName}</strong>: {t("needs.perMonth", { quantity: f.number(m.quantityPerMonth), unit: units })}</li>)}
      </ul>
      {r.notes && <p>{r.notes}</p>}
      {children}
    </article>
  );
}
