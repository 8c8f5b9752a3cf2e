/** An allocation's answer: its method and whether it is proven best, then per need the IKMs given units and why any stay uncovered. */
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../format";
import type { Allocation, NeedAllocation } from "./operations";
import "../buyer.css";

function Summary({ allocation }: { allocation: Allocation }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rows: [string, string, string][] = [
    ["method", t("buyer.allocate.methodUsed"), t(`buyer.allocate.methods.${allocation.method}`)],
    ["coverage", t("buyer.allocate.coverage"), `${f.number(allocation.coverage * 100, 1)}%`],
    ["proven", t("buyer.allocate.provenOptimal"), allocation.provenOptimal ? t("buyer.allocate.yes") : t("buyer.allocate.no")],
    ["unsolved", t("buyer.allocate.unsolvedGroups"), f.number(allocation.unsolvedGroups)],
    ["score", t("buyer.allocate.totalScore"), f.number(allocation.totalScore, 1)],
  ];
  return (
    <>
      <dl className="bs-summary" data-testid="allocation-summary">
        {rows.map(([key, term, value]) => <div key={key} data-fact={key}><dt>{term}</dt><dd>{value}</dd></div>)}
      </dl>
      <p className="meta">{t("buyer.allocate.solverStatus", { status: allocation.status })}</p>
      {allocation.unsolvedGroups > 0 && <p className="error">{t("buyer.allocate.unsolvedNote", { count: allocation.unsolvedGroups })}</p>}
    </>
  );
}

function NeedCard({ item }: { item: NeedAllocation }) {
  const { t } = useTranslation();
  const f = useFormat();
  const unit = t(`units.${item.unit}`);
  return (
    <li className="card bs-allocation" data-need={item.need.title} data-covered={item.covered}>
      <h3>{item.need.title}</h3>
      <p className="meta">
        {t("buyer.allocate.covered", { covered: f.number(item.covered), quantity: f.number(item.quantity), unit })}
        {" · "}{t("buyer.allocate.scoreCoverage", { score: f.number(item.scoreCoverage, 1) })}
        {" · "}{t("buyer.allocate.eligible", { count: item.eligibleIkms })}
      </p>
      {item.cluster && <p>{t("buyer.allocate.consortiumOf", { name: item.cluster.name })}</p>}
      {item.assignments.length ? (
        <div className="bs-scroll" tabIndex={0} role="region" aria-label={t("buyer.allocate.assignedFor", { title: item.need.title })}>
          <table className="bs-table">
            <caption>{t("buyer.allocate.assignedFor", { title: item.need.title })}</caption>
            <thead><tr><th scope="col">{t("buyer.allocate.ikm")}</th><th scope="col">{t("buyer.allocate.units", { unit })}</th><th scope="col">{t("buyer.allocate.score")}</th></tr></thead>
            <tbody>
              {item.assignments.map((a) => (
                <tr key={a.ikm.id} data-ikm={a.ikm.legalName} data-units={a.units}>
                  <th scope="row">{a.ikm.legalName}</th><td>{f.number(a.units)}</td><td>{f.number(a.score, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p>{t("buyer.allocate.nobody")}</p>}
      {item.shortfalls.length > 0 && (
        <>
          <h4>{t("buyer.allocate.uncovered", { units: f.number(item.uncovered), unit })}</h4>
          <ul className="gaps">
            {item.shortfalls.map((s, i) => <li key={i}>{t(`buyer.allocate.reasons.${s.reason}`)}: {s.message}</li>)}
          </ul>
        </>
      )}
    </li>
  );
}

export function AllocationResult({ allocation }: { allocation: Allocation }) {
  return (
    <>
      <Summary allocation={allocation} />
      <ul className="list bs-allocations">{allocation.needs.map((n) => <NeedCard key={n.need.id} item={n} />)}</ul>
    </>
  );
}
