/**
 * One need for its buyer: the need, its responses and its ranked suppliers, kept live: a
 * `matchesChanged` refetches the ranking and a `responseReceived` the responses, and a line says so.
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useSubscription } from "urql";
import { errorText } from "../../errors";
import { useFormat } from "../../format";
import { type ResultOf, graphql } from "../../graphql";
import { linkTo } from "../../router";
import { Matches, MatchesQuery } from "./Matches";
import { NeedActions } from "./NeedActions";
import { TaxonomyQuery } from "./editor/ProcessPicker";
import { AddToShortlist } from "./shortlist/AddToShortlist";
import { ShortlistQuery } from "./shortlist/operations";
import { Shortlist } from "./shortlist/Shortlist";
import { ResponseFields, Responses } from "./Responses";
import { Consortia, memberKey } from "./supply/Consortia";
import { NearMisses } from "./supply/NearMisses";

const NeedQuery = graphql(`
  query Need($id: ID!) {
    need(id: $id) {
      id version title description status processes specificProcesses materials quantityPerMonth unit toleranceMm
      requiredCertifications minimumStage startDate endDate publishedAt
      responses(first: 20) { totalCount nodes { ...ResponseFields } }
    }
  }
`, [ResponseFields]);

const MatchesChanged = graphql(`
  subscription MatchesChanged($needId: ID!) { matchesChanged(needId: $needId) { changedAt entered { id } left { id } moved { id } } }
`);

const ResponseReceived = graphql(`
  subscription ResponseReceived($needId: ID!) {
    responseReceived(needId: $needId) { eventId change response { id ikm { legalName } koperasi { name } } }
  }
`);

type Need = ResultOf<typeof NeedQuery>["need"];

/** The IKMs (single-IKM candidates) and responses already on the need's shortlist and not taken off it. */
function shortlisted(data: ResultOf<typeof ShortlistQuery> | undefined): Set<string> {
  const ids = new Set<string>();
  for (const c of data?.need.shortlist ?? []) {
    if (c.status === "REMOVED") continue;
    if (c.response) ids.add(c.response.id);
    if (c.kind === "IKM") c.members.forEach((m) => ids.add(m.ikm.id));
  }
  return ids;
}

/** The member sets of the consortium candidates on the need's shortlist and not taken off it (memberKey). */
function consortiaListed(data: ResultOf<typeof ShortlistQuery> | undefined): Set<string> {
  const keys = (data?.need.shortlist ?? []).filter((c) => c.status !== "REMOVED" && c.kind === "CONSORTIUM").map((c) => memberKey(c.members.map((m) => m.ikm.id)));
  return new Set(keys);
}

/** Specific processes by their names in the chosen language (the taxonomy is read once and cached). */
function useSpecificNames(): (code: string) => string {
  const { i18n } = useTranslation();
  const [{ data }] = useQuery({ query: TaxonomyQuery });
  const names = new Map(data?.processTaxonomy.flatMap((f) => f.specifics.map((s) => [s.code as string, i18n.language === "en" ? s.nameEn : s.nameId])) ?? []);
  return (code) => names.get(code) ?? code;
}

function Facts({ need }: { need: Need }) {
  const { t } = useTranslation();
  const specificName = useSpecificNames();
  const f = useFormat();
  const none = t("need.none");
  const rows: [string, string][] = [
    [t("need.processes"), need.processes.map((p) => t(`processes.${p}`)).join(", ") || none],
    [t("buyer.need.specifics"), need.specificProcesses.map(specificName).join(", ") || none],
    [t("need.materials"), need.materials.join(", ") || none],
    [t("need.quantity"), t("needs.perMonth", { quantity: f.number(need.quantityPerMonth), unit: t(`units.${need.unit}`) })],
    [t("need.tolerance"), need.toleranceMm != null ? t("need.toleranceMm", { value: f.number(need.toleranceMm, 3) }) : none],
    [t("need.certificates"), need.requiredCertifications.map((c) => t(`certifications.${c}`)).join(", ") || none],
    [t("need.minimumStage"), t(`stages.${need.minimumStage}`)],
    [t("need.period"), t("needs.period", { start: f.date(need.startDate), end: f.date(need.endDate) })],
    [t("need.published"), need.publishedAt ? f.date(need.publishedAt) : none],
  ];
  return (
    <dl className="facts">
      {rows.map(([term, value]) => <div key={term}><dt>{term}</dt><dd>{value}</dd></div>)}
    </dl>
  );
}

/** Refetches on every live event; says what happened in a polite live region. */
function useLive(needId: string, refetchNeed: () => void, refetchMatches: () => void): string {
  const { t, i18n } = useTranslation();
  const [notice, setNotice] = useState("");
  const [matches] = useSubscription({ query: MatchesChanged, variables: { needId } });
  const [responses] = useSubscription({ query: ResponseReceived, variables: { needId } });
  useEffect(() => {
    if (!matches.data) return;
    refetchMatches();
    setNotice(t("matches.updated", { time: new Date(matches.data.matchesChanged.changedAt).toLocaleTimeString(i18n.language) }));
  }, [matches.data]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (!responses.data) return;
    refetchNeed();
    const r = responses.data.responseReceived.response;
    setNotice(t("responses.arrived", { name: r.ikm?.legalName ?? r.koperasi?.name ?? "" }));
  }, [responses.data]); // eslint-disable-line react-hooks/exhaustive-deps
  return notice;
}

export function NeedDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const [need, refetchNeed] = useQuery({ query: NeedQuery, variables: { id } });
  const [matches, refetchMatches] = useQuery({ query: MatchesQuery, variables: { needId: id } });
  const notice = useLive(id, () => refetchNeed({ requestPolicy: "network-only" }), () => refetchMatches({ requestPolicy: "network-only" }));
  const [shortlist, refetchShortlist] = useQuery({ query: ShortlistQuery, variables: { needId: id } });
  const reload = () => {
    refetchNeed({ requestPolicy: "network-only" });
    refetchShortlist({ requestPolicy: "network-only" });
  };
  const back = <p><a {...linkTo("/")}>← {t("app.back")}</a></p>;
  if (need.error) return <div className="page">{back}<p role="alert" className="error">{errorText(need.error, t)}</p></div>;
  if (!need.data) return <div className="page">{back}<p>{t("app.loading")}</p></div>;
  const n = need.data.need;
  const open = n.status === "OPEN" || n.status === "SHORTLISTED";
  const onList = shortlisted(shortlist.data);
  return (
    <div className="page">
      {back}
      <h1>{n.title} <span className={`status status-${n.status}`}>{t(`status.${n.status}`)}</span></h1>
      <NeedActions need={n} onDone={reload} />
      <p role="status" className="notice" data-testid="live-notice">{notice}</p>
      <section aria-labelledby="details">
        <h2 id="details">{t("need.details")}</h2>
        {n.description && <p>{n.description}</p>}
        <Facts need={n} />
      </section>
      <section aria-labelledby="responses">
        <h2 id="responses">{t("responses.title")}</h2>
        <Responses responses={n.responses.nodes} total={n.responses.totalCount}
          action={(r) => open && !onList.has(r.id) ? <AddToShortlist target={{ needId: n.id, responseId: r.id }} name={r.ikm?.legalName ?? r.koperasi?.name ?? ""} onDone={reload} /> : null} />
      </section>
      <section aria-labelledby="shortlist">
        <h2 id="shortlist">{t("buyer.shortlist.title")}</h2>
        <Shortlist result={shortlist} onChanged={reload} />
      </section>
      {(open || n.status === "DRAFT") && (
        <section aria-labelledby="consortia">
          <h2 id="consortia">{t("buyer.supply.consortia")}</h2>
          <Consortia needId={n.id} unit={n.unit} onList={consortiaListed(shortlist.data)} canShortlist={open} onDone={reload} />
        </section>
      )}
      <section aria-labelledby="matches">
        <h2 id="matches">{t("matches.title")}</h2>
        <Matches data={matches.data} error={matches.error}
          action={(m) => open && !onList.has(m.ikm.id) ? <AddToShortlist target={{ needId: n.id, ikmId: m.ikm.id }} name={m.ikm.legalName} onDone={reload} /> : null} />
      </section>
      <section aria-labelledby="near-misses">
        <h2 id="near-misses">{t("buyer.supply.nearMisses")}</h2>
        <NearMisses needId={n.id} />
      </section>
    </div>
  );
}
