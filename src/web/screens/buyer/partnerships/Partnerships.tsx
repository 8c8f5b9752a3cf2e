/**
 * The firm's partnerships, newest start first: the IKM (and koperasi), status, quantity, period and
 * processes; for an ACTIVE one (or an ENDED one) the deliveries month by month, and for an ACTIVE
 * one a form to record a month. A PENDING one can be withdrawn and an ACTIVE one ended (with its
 * last day), each after a confirmation.
 */
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorText } from "../../../errors";
import { useFormat } from "../../../format";
import { linkTo } from "../../../router";
import { Deliveries } from "./Deliveries";
import { DeliveryForm } from "./DeliveryForm";
import { EndAction } from "./EndAction";
import { FirmPartnershipsQuery, type Partnership } from "./operations";
import "../buyer.css";

interface CardProps {
  partnership: Partnership;
  onDone: () => void;
  /** After withdrawing or ending it: how it ended, or null when the API refused. */
  onEnded: (ended: { endDate: string | null } | null) => void;
}

function PartnershipCard({ partnership: p, onDone, onEnded }: CardProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const none = t("need.none");
  const period = p.endDate ? t("needs.period", { start: f.date(p.startDate), end: f.date(p.endDate) }) : t("buyer.partnerships.from", { start: f.date(p.startDate) });
  const rows: [string, ReactNode][] = [
    [t("buyer.partnerships.ikm"), p.ikm.legalName + (p.ikm.regionName ? ` · ${p.ikm.regionName}` : "")],
    [t("buyer.partnerships.quantity"), t("needs.perMonth", { quantity: f.number(p.quantityPerMonth), unit: t(`units.${p.unit}`) })],
    [t("buyer.partnerships.period"), period],
    [t("need.processes"), p.processes.map((x) => t(`processes.${x}`)).join(", ") || none],
    [t("buyer.partnerships.koperasi"), p.koperasi?.name ?? none],
    [t("buyer.partnerships.need"), p.need ? <a {...linkTo(`/needs/${encodeURIComponent(p.need.id)}`)}>{p.need.title}</a> : none],
  ];
  return (
    <li className="card bs-partnership" data-partnership={p.id} data-ikm={p.ikm.legalName} data-status={p.status}>
      <h3>{p.component} <span className={`status bs-p-${p.status}`}>{t(`buyer.partnerships.status.${p.status}`)}</span></h3>
      <dl className="facts">
        {rows.map(([term, value]) => <div key={term}><dt>{term}</dt><dd>{value}</dd></div>)}
      </dl>
      {p.status === "PENDING" && <p className="hint">{t("buyer.partnerships.pendingNote")}</p>}
      <EndAction partnership={p} onDone={onEnded} />
      {p.status !== "PENDING" && <Deliveries partnership={p} />}
      {p.status === "ACTIVE" && <DeliveryForm partnership={p} onDone={onDone} />}
    </li>
  );
}

export function Partnerships() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState("");
  const [{ data, error }, refetch] = useQuery({ query: FirmPartnershipsQuery, requestPolicy: "cache-and-network" });
  const title = <h1>{t("buyer.partnerships.title")}{data?.viewer?.firm ? <small> · {data.viewer.firm.name}</small> : null}</h1>;
  if (error) return <div className="page">{title}<p role="alert" className="error">{errorText(error, t)}</p></div>;
  if (!data) return <div className="page">{title}<p>{t("app.loading")}</p></div>;
  const all = data.viewer?.firm?.partnerships ?? [];
  const reload = () => refetch({ requestPolicy: "network-only" });
  const ended = (p: Partnership, result: { endDate: string | null } | null) => {
    const time = new Date().toLocaleTimeString(i18n.language);
    if (!result) setStatus("");
    else if (p.status === "PENDING") setStatus(t("buyer.partnerships.withdraw.done", { component: p.component, time }));
    else setStatus(t("buyer.partnerships.end.done", { component: p.component, date: result.endDate ? f.date(result.endDate) : "", time }));
    reload();
  };
  return (
    <div className="page">
      {title}
      <p>{t("buyer.partnerships.count", { count: all.length })}</p>
      <p role="status" className="notice" data-testid="partnerships-status">{status}</p>
      {all.length ? <ul className="list bs-partnerships">{all.map((p) => <PartnershipCard key={p.id} partnership={p} onDone={reload} onEnded={(r) => ended(p, r)} />)}</ul>
        : <p>{t("buyer.partnerships.empty")}</p>}
    </div>
  );
}
