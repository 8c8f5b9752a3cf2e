/** Suppliers that just miss the need: each with the one hard requirement it lacks, and what would close it, in words. */
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { GapText } from "../../../components/MatchText";
import { errorText } from "../../../errors";
import { useFormat } from "../../../format";
import { type NearMiss, NearMissesQuery } from "./operations";
import "../buyer.css";

function NearMissCard({ miss }: { miss: NearMiss }) {
  const { t } = useTranslation();
  const f = useFormat();
  const hard = miss.gaps.filter((g) => g.hard);
  const paths = miss.gapPaths.filter((p) => p.gap.hard);
  return (
    <li className="card bs-near-miss" data-ikm={miss.ikm.legalName}>
      <h3>{miss.ikm.legalName}</h3>
      <p className="meta">
        {t("matches.score", { score: f.number(miss.score, 1) })}
        {miss.ikm.regionName ? ` · ${miss.ikm.regionName}` : ""} · {t(`stages.${miss.ikm.currentStage}`)}
      </p>
      <h4>{t("buyer.supply.lacks")}</h4>
      <ul className="gaps bs-lacks">{hard.map((g, i) => <li key={i}><GapText gap={g} /></li>)}</ul>
      {paths.length > 0 && (
        <>
          <h4>{t("buyer.supply.paths")}</h4>
          <ul className="paths">{paths.map((p, i) => <li key={i}>{p.message}</li>)}</ul>
        </>
      )}
    </li>
  );
}

export function NearMisses({ needId }: { needId: string }) {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: NearMissesQuery, variables: { needId } });
  if (error) return <p role="alert" className="error">{errorText(error, t)}</p>;
  if (!data) return <p>{t("app.loading")}</p>;
  if (!data.matches.nodes.length) return <p>{t("buyer.supply.noNearMisses")}</p>;
  return (
    <>
      <p>{t("buyer.supply.nearMissCount", { count: data.matches.totalCount })}</p>
      <ul className="list bs-near-misses">{data.matches.nodes.map((m) => <NearMissCard key={m.ikm.id} miss={m} />)}</ul>
    </>
  );
}
