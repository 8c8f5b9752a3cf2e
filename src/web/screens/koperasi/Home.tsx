/**
 * The koperasi's home: its members (stage, processes, monthly capacity) and the open needs some of
 * them are eligible for, each with Jalin's consortium proposal from the koperasi's members (the
 * members and their shares as the API proposes them), or the API's reason when it proposes none.
 * Open needs none of the members is eligible for are only counted.
 */
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorText } from "../../errors";
import { useFormat } from "../../format";
import { type ConsortiaAnswer, proposalOf, useConsortia } from "./consortia";
import { Members } from "./Members";
import { NeedCard } from "./NeedCard";
import { KoperasiHomeQuery } from "./queries";

/** Needs with a proposal first, then those with eligible members but none; both in the API's order. */
const order = (a: ConsortiaAnswer, b: ConsortiaAnswer) => Number(!proposalOf(a.consortia)) - Number(!proposalOf(b.consortia));

export function Home() {
  const { t } = useTranslation();
  const f = useFormat();
  const [{ data, error }] = useQuery({ query: KoperasiHomeQuery, requestPolicy: "cache-and-network" });
  const koperasi = data?.viewer?.koperasi;
  const needs = data?.needs.nodes ?? [];
  const answers = useConsortia(data ? needs.map((n) => n.id) : null);
  const listed = answers
    ? needs.map((need) => ({ need, answer: answers.get(need.id)! })).filter(({ answer }) => answer.error || answer.consortia.eligibleSuppliers > 0)
      .sort((a, b) => order(a.answer, b.answer))
    : [];
  return (
    <div className="page koperasi-home">
      <h1>{t("koperasi.home.title")}{koperasi ? <small> · {koperasi.name}</small> : null}</h1>
      {error && <p role="alert" className="error">{errorText(error, t)}</p>}
      {!data && !error && <p>{t("app.loading")}</p>}
      {data && !koperasi && <p>{t("koperasi.home.noKoperasi")}</p>}
      {koperasi && (
        <>
          <section aria-labelledby="members">
            <h2 id="members">{t("koperasi.members.title")} <small>({f.number(koperasi.memberCount)})</small></h2>
            <Members members={koperasi.members} />
          </section>
          <section aria-labelledby="needs">
            <h2 id="needs">{t("koperasi.needs.title")}{answers && <small> ({f.number(listed.length)})</small>}</h2>
            <p className="meta">{t("koperasi.proposal.note")}</p>
            {!answers && <p>{t("koperasi.proposal.loading")}</p>}
            {answers && (listed.length ? (
              <ul className="list">
                {listed.map(({ need, answer }) => (
                  <NeedCard key={need.id} need={need} answer={answer} answered={need.responses.nodes.some((r) => r.status === "ACTIVE")} />
                ))}
              </ul>
            ) : <p>{t("koperasi.needs.none")}</p>)}
            {answers && <p className="meta">{t("koperasi.needs.others", { count: data.needs.totalCount - listed.length })}</p>}
          </section>
        </>
      )}
    </div>
  );
}
