/** A need's ranked suppliers: each score's factors drawn as bars, requirements met or not, and gaps, in words. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CombinedError } from "urql";
import { GapText, RequirementText } from "../../components/MatchText";
import { errorText } from "../../errors";
import { useFormat } from "../../format";
import { type ResultOf, graphql } from "../../graphql";

export const MatchesQuery = graphql(`
  query NeedMatches($needId: ID!) {
    matches(needId: $needId, first: 20) {
      totalCount
      nodes {
        score band capped distanceKm
        ikm { id legalName regionName currentStage }
        factors { factor value weight contribution detail applicable }
        requirements { kind met message subject unconfirmed }
        gaps { kind hard message subject shortfall renewBy }
      }
    }
  }
`);

type Match = ResultOf<typeof MatchesQuery>["matches"]["nodes"][number];

function FactorBars({ factors }: { factors: Match["factors"] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <ul className="factors">
      {factors.filter((x) => x.applicable).map((x) => {
        const label = t("matches.factorLabel", { factor: t(`factors.${x.factor}`), value: f.number(x.value), weight: f.number(x.weight * 100) });
        return (
          <li key={x.factor} title={x.detail}>
            <span className="factor-name">{t(`factors.${x.factor}`)}</span>
            <span className="bar" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(x.value)}>
              <span className="fill" style={{ width: `${Math.max(0, Math.min(100, x.value))}%` }} />
            </span>
            <span className="factor-value">{f.number(x.value)}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** What the page offers on a ranked supplier (e.g. shortlisting it), if anything. */
export type MatchAction = (match: Match) => ReactNode;

function MatchCard({ match, rank, action }: { match: Match; rank: number; action?: MatchAction }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <li className="card match" data-ikm={match.ikm.legalName}>
      <h3>
        <span className="rank">{t("matches.rank", { rank })}</span> {match.ikm.legalName}
      </h3>
      <p className="meta">
        <span className={`band band-${match.band}`}>{t(`bands.${match.band}`)}</span> · {t("matches.score", { score: f.number(match.score, 1) })}
        {match.ikm.regionName ? ` · ${match.ikm.regionName}` : ""} · {t(`stages.${match.ikm.currentStage}`)}
      </p>
      <h4>{t("matches.factors")}</h4>
      <FactorBars factors={match.factors} />
      <h4>{t("matches.requirements")}</h4>
      <ul className="checks">
        {match.requirements.map((r) => (
          <li key={`${r.kind}-${r.subject}`} className={r.met ? "met" : "unmet"}>
            <span aria-hidden="true">{r.met ? "✓" : "✗"}</span> {t(`requirementKinds.${r.kind}`)} ({r.met ? t("matches.met") : t("matches.notMet")}): <RequirementText check={r} />
          </li>
        ))}
      </ul>
      <h4>{t("matches.gaps")}</h4>
      {match.gaps.length ? (
        <ul className="gaps">
          {match.gaps.map((g, i) => <li key={i}><GapText gap={g} /> <small>({g.hard ? t("matches.hardGap") : t("matches.softGap")})</small></li>)}
        </ul>
      ) : <p>{t("matches.noGaps")}</p>}
      {action?.(match)}
    </li>
  );
}

export function Matches({ data, error, action }: { data?: ResultOf<typeof MatchesQuery>; error?: CombinedError; action?: MatchAction }) {
  const { t } = useTranslation();
  if (error) return <p role="alert" className="error">{errorText(error, t)}</p>;
  if (!data) return <p>{t("app.loading")}</p>;
  if (!data.matches.nodes.length) return <p>{t("matches.empty")}</p>;
  return (
    <>
      <p>{t("matches.count", { count: data.matches.totalCount })}</p>
      <ol className="list matches">{data.matches.nodes.map((m, i) => <MatchCard key={m.ikm.id} match={m} rank={i + 1} action={action} />)}</ol>
    </>
  );
}
