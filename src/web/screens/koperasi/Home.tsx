/**
 * The koperasi's home: its members (stage, processes, monthly capacity) and the open needs two or
 * more of them could supply together, each with a starting split of the quantity among them.
 */
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorText } from "../../errors";
import { useFormat } from "../../format";
import { Members } from "./Members";
import { NeedCard } from "./NeedCard";
import { KoperasiHomeQuery } from "./queries";
import { qualifying } from "./split";

export function Home() {
  const { t } = useTranslation();
  const f = useFormat();
  const [{ data, error }] = useQuery({ query: KoperasiHomeQuery, requestPolicy: "cache-and-network" });
  const koperasi = data?.viewer?.koperasi;
  const members = koperasi?.members ?? [];
  const together = (data?.needs.nodes ?? []).filter((n) => qualifying(members, n).length >= 2);
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
            <Members members={members} />
          </section>
          <section aria-labelledby="needs">
            <h2 id="needs">{t("koperasi.needs.title")} <small>({f.number(together.length)})</small></h2>
            <p className="meta">{t("koperasi.split.note")}</p>
            {together.length ? (
              <ul className="list">
                {together.map((n) => <NeedCard key={n.id} need={n} members={members} answered={n.responses.nodes.some((r) => r.status === "ACTIVE")} />)}
              </ul>
            ) : <p>{t("koperasi.needs.none")}</p>}
            <p className="meta">{t("koperasi.needs.others", { count: data.needs.totalCount - together.length })}</p>
          </section>
        </>
      )}
    </div>
  );
}
