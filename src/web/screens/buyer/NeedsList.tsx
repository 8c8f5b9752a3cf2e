/** A buyer's needs, grouped by status (a filter narrows to one), newest first within each. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorText } from "../../errors";
import { useFormat } from "../../format";
import { type ResultOf, graphql } from "../../graphql";
import { linkTo } from "../../router";

export const NEED_STATUSES = ["DRAFT", "OPEN", "SHORTLISTED", "AWARDED", "CLOSED", "CANCELLED"] as const;
type Status = (typeof NEED_STATUSES)[number];

/** A firm member's `needs` are the firm's own (the API decides). */
const NeedsQuery = graphql(`
  query Needs {
    viewer { id firm { id name } }
    needs(first: 100) {
      totalCount
      nodes { id title status quantityPerMonth unit startDate endDate processes }
    }
  }
`);

type Need = ResultOf<typeof NeedsQuery>["needs"]["nodes"][number];

function NeedRow({ need }: { need: Need }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <li className="card need-row">
      <a {...linkTo(`/needs/${encodeURIComponent(need.id)}`)}>{need.title}</a>
      <span className={`status status-${need.status}`}>{t(`status.${need.status}`)}</span>
      <span>{t("needs.perMonth", { quantity: f.number(need.quantityPerMonth), unit: t(`units.${need.unit}`) })}</span>
      <span>{t("needs.period", { start: f.date(need.startDate), end: f.date(need.endDate) })}</span>
    </li>
  );
}

export function NeedsList() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Status | "">("");
  const [{ data, error, fetching }] = useQuery({ query: NeedsQuery });
  if (error) return <div className="page"><h1>{t("needs.title")}</h1><p role="alert" className="error">{errorText(error, t)}</p></div>;
  if (!data) return <div className="page"><h1>{t("needs.title")}</h1><p aria-busy={fetching}>{t("app.loading")}</p></div>;
  const shown = (filter ? [filter] : NEED_STATUSES).map((status) => ({ status, needs: data.needs.nodes.filter((n) => n.status === status) }));
  return (
    <div className="page">
      <h1>{t("needs.title")}{data.viewer?.firm ? <small> · {data.viewer.firm.name}</small> : null}</h1>
      <p><a className="button" {...linkTo("/needs/new")}>{t("buyer.actions.new")}</a></p>
      <span className="filter">
        <label htmlFor="status-filter">{t("needs.filter")}</label>
        <select id="status-filter" value={filter} onChange={(e) => setFilter(e.target.value as Status | "")}>
          <option value="">{t("needs.all")}</option>
          {NEED_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
        </select>
      </span>
      {shown.filter((g) => filter || g.needs.length).map((group) => (
        <section key={group.status} aria-labelledby={`status-${group.status}`} data-status={group.status}>
          <h2 id={`status-${group.status}`}>{t(`status.${group.status}`)} <small>({t("needs.count", { count: group.needs.length })})</small></h2>
          {group.needs.length ? <ul className="list">{group.needs.map((n) => <NeedRow key={n.id} need={n} />)}</ul> : <p>{t("needs.empty")}</p>}
        </section>
      ))}
    </div>
  );
}

