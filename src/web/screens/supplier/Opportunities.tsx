/**
 * An IKM's opportunities: the open needs it qualifies for, ranked, and the near misses with what it
 * lacks (gaps) and the paths that close each gap (a shared facility, a machine with its restructuring
 * refund, the KUR band that finances it, a certificate, mentoring). Live: `opportunityPublished`
 * refetches both lists and says which need arrived.
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useSubscription } from "urql";
import { GapText } from "../../components/MatchText";
import { errorText } from "../../errors";
import { useFormat } from "../../format";
import { type ResultOf, graphql } from "../../graphql";
import { linkTo } from "../../router";

const OpportunitiesQuery = graphql(`
  query Opportunities {
    viewer { id ikm { id legalName currentStage } }
    eligible: opportunities(first: 20) {
      totalCount
      nodes { score band need { id title quantityPerMonth unit startDate endDate firm { name } } }
    }
    nearMisses: opportunities(first: 20, eligibility: NEAR_MISS) {
      totalCount
      nodes {
        score band
        need { id title quantityPerMonth unit firm { name } }
        gaps { kind hard message subject shortfall renewBy }
        gapPaths {
          kind message gap { kind }
          facility { name }
          restructuring { reimbursementIdr netCostIdr }
          financing { name rateMinPct rateMaxPct }
        }
      }
    }
  }
`);

const OpportunityPublished = graphql(`
  subscription OpportunityPublished { opportunityPublished { eventId need { id title } } }
`);

type NearMiss = ResultOf<typeof OpportunitiesQuery>["nearMisses"]["nodes"][number];

function Paths({ paths }: { paths: NearMiss["gapPaths"] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!paths.length) return null;
  return (
    <>
      <h4>{t("opportunities.paths")}</h4>
      <ul className="paths">
        {paths.map((p, i) => (
          <li key={i}>
            <strong>{t(`pathKinds.${p.kind}`)}:</strong> {p.message}
            {p.facility && <> · {t("opportunities.facility", { name: p.facility.name })}</>}
            {p.restructuring && <> · {t("opportunities.refund", { refund: f.rupiah(p.restructuring.reimbursementIdr), net: f.rupiah(p.restructuring.netCostIdr) })}</>}
            {p.financing && <> · {t("opportunities.kur", { band: t(`kurBands.${p.financing.name}`), min: f.number(p.financing.rateMinPct, 1), max: f.number(p.financing.rateMaxPct, 1) })}</>}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The way to answer a need: its response form. */
function RespondLink({ needId, title }: { needId: string; title: string }) {
  const { t } = useTranslation();
  return (
    <p className="respond-link">
      <a {...linkTo(`/opportunities/${encodeURIComponent(needId)}/respond`)} aria-label={t("supplier.opportunities.respondTo", { title })}>
        {t("supplier.opportunities.respond")}
      </a>
    </p>
  );
}

function NearMissCard({ miss }: { miss: NearMiss }) {
  const { t } = useTranslation();
  return (
    <li className="card near-miss">
      <h3>{miss.need.title}</h3>
      <p className="meta">{miss.need.firm.name}</p>
      <h4>{t("matches.gaps")}</h4>
      <ul className="gaps">
        {miss.gaps.map((g, i) => <li key={i}><GapText gap={g} /> <small>({g.hard ? t("matches.hardGap") : t("matches.softGap")})</small></li>)}
      </ul>
      <Paths paths={miss.gapPaths} />
      <RespondLink needId={miss.need.id} title={miss.need.title} />
    </li>
  );
}

function useArrivals(refetch: () => void): string {
  const { t } = useTranslation();
  const [notice, setNotice] = useState("");
  const [event] = useSubscription({ query: OpportunityPublished });
  useEffect(() => {
    if (!event.data) return;
    refetch();
    setNotice(t("opportunities.arrived", { title: event.data.opportunityPublished.need.title }));
  }, [event.data]); // eslint-disable-line react-hooks/exhaustive-deps
  return notice;
}

export function Opportunities() {
  const { t } = useTranslation();
  const f = useFormat();
  const [{ data, error }, refetch] = useQuery({ query: OpportunitiesQuery });
  const notice = useArrivals(() => refetch({ requestPolicy: "network-only" }));
  return (
    <div className="page">
      <h1>{t("opportunities.title")}{data?.viewer?.ikm ? <small> · {data.viewer.ikm.legalName}</small> : null}</h1>
      <p role="status" className="notice" data-testid="live-notice">{notice}</p>
      {error && <p role="alert" className="error">{errorText(error, t)}</p>}
      {!data && !error && <p>{t("app.loading")}</p>}
      {data && (
        <>
          <section aria-labelledby="eligible">
            <h2 id="eligible">{t("opportunities.eligible")} <small>({f.number(data.eligible.totalCount)})</small></h2>
            {data.eligible.nodes.length ? (
              <ol className="list">
                {data.eligible.nodes.map((m) => (
                  <li key={m.need.id} className="card opportunity">
                    <h3>{m.need.title}</h3>
                    <p className="meta">
                      {m.need.firm.name} · <span className={`band band-${m.band}`}>{t(`bands.${m.band}`)}</span> · {t("matches.score", { score: f.number(m.score, 1) })}
                    </p>
                    <p>{t("needs.perMonth", { quantity: f.number(m.need.quantityPerMonth), unit: t(`units.${m.need.unit}`) })} · {t("needs.period", { start: f.date(m.need.startDate), end: f.date(m.need.endDate) })}</p>
                    <RespondLink needId={m.need.id} title={m.need.title} />
                  </li>
                ))}
              </ol>
            ) : <p>{t("opportunities.none")}</p>}
          </section>
          <section aria-labelledby="near-misses">
            <h2 id="near-misses">{t("opportunities.nearMisses")} <small>({f.number(data.nearMisses.totalCount)})</small></h2>
            {data.nearMisses.nodes.length ? <ul className="list">{data.nearMisses.nodes.map((m) => <NearMissCard key={m.need.id} miss={m} />)}</ul> : <p>{t("opportunities.noNearMisses")}</p>}
          </section>
        </>
      )}
    </div>
  );
}
