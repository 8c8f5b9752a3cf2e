/**
 * The foundation's active mentees (its regional centres' included), by legal name: a search, a
 * stage filter and "due for reassessment" narrow the list; pages of 20 follow on request (keyset
 * cursors). Each mentee links to its page.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorText } from "../../errors";
import { graphql } from "../../graphql";
import { linkTo } from "../../router";
import { STAGES, type Stage, menteePath } from "./stages";
import "./foundation.css";

const MenteesQuery = graphql(`
  query Mentees($first: Int!, $after: String, $filter: MenteeFilter) {
    viewer {
      foundation {
        id name
        mentees(first: $first, after: $after, filter: $filter) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { id legalName regionName currentStage }
        }
      }
    }
  }
`);

const PAGE = 20;

interface Filter {
  search: string;
  stage: Stage | "";
  due: boolean;
}

/** One page of mentees after `after`; the last page offers the next. */
function Page({ filter, after, last, onMore }: { filter: Filter; after: string | null; last: boolean; onMore: (cursor: string) => void }) {
  const { t } = useTranslation();
  const variables = {
    first: PAGE,
    after,
    filter: { search: filter.search || null, stages: filter.stage ? [filter.stage] : null, dueForReassessment: filter.due ? true : null },
  };
  const [{ data, error }] = useQuery({ query: MenteesQuery, variables });
  if (error) return <li role="alert" className="error">{errorText(error, t)}</li>;
  if (!data) return <li>{t("app.loading")}</li>;
  const mentees = data.viewer?.foundation?.mentees;
  if (!mentees) return <li role="alert" className="error">{t("errors.FORBIDDEN")}</li>;
  return (
    <>
      {after === null && <li className="count">{t("foundation.mentees.count", { count: mentees.totalCount })}</li>}
      {mentees.nodes.map((m) => (
        <li key={m.id} className="card mentee-row">
          <a {...linkTo(menteePath(m.id))}>{m.legalName}</a>
          <span className="meta">{t(`stages.${m.currentStage}`)}{m.regionName ? ` · ${m.regionName}` : ""}</span>
        </li>
      ))}
      {last && mentees.pageInfo.hasNextPage && mentees.pageInfo.endCursor && (
        <li><button type="button" onClick={() => onMore(mentees.pageInfo.endCursor!)}>{t("foundation.mentees.more")}</button></li>
      )}
    </>
  );
}

function initialFilter(): Filter {
  const params = new URLSearchParams(location.search);
  return { search: "", stage: "", due: params.get("due") === "1" };
}

export function MenteesList() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>(initialFilter);
  const [draft, setDraft] = useState<Filter>(filter);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  function apply(event: FormEvent) {
    event.preventDefault();
    setFilter(draft);
    setCursors([null]);
  }
  return (
    <div className="page">
      <p><a {...linkTo("/")}>← {t("foundation.backToDashboard")}</a></p>
      <h1>{t("foundation.mentees.title")}</h1>
      <form className="mentee-filter" onSubmit={apply} role="search" aria-label={t("foundation.mentees.filter")}>
        <label>{t("foundation.mentees.search")}
          <input type="search" value={draft.search} onChange={(e) => setDraft({ ...draft, search: e.target.value })} />
        </label>
        <label>{t("foundation.mentees.stage")}
          <select value={draft.stage} onChange={(e) => setDraft({ ...draft, stage: e.target.value as Stage | "" })}>
            <option value="">{t("foundation.mentees.allStages")}</option>
            {STAGES.map((s) => <option key={s} value={s}>{t(`stages.${s}`)}</option>)}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.due} onChange={(e) => setDraft({ ...draft, due: e.target.checked })} />
          {t("foundation.mentees.dueOnly")}
        </label>
        <button type="submit">{t("foundation.mentees.apply")}</button>
      </form>
      <ul className="list mentees">
        {cursors.map((after, i) => (
          <Page key={after ?? "first"} filter={filter} after={after} last={i === cursors.length - 1} onMore={(c) => setCursors([...cursors, c])} />
        ))}
      </ul>
    </div>
  );
}
