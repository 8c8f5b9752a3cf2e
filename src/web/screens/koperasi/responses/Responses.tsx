/** The koperasi's consortium responses, newest first, withdrawn ones too: each need, the terms, the members' shares and the status. */
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorText } from "../../../errors";
import { useFormat } from "../../../format";
import { graphql } from "../../../graphql";
import { linkTo } from "../../../router";
import { KoperasiResponseFields } from "../queries";
import { ResponseCard } from "../ResponseCard";

const KoperasiResponsesQuery = graphql(`
  query KoperasiResponses {
    viewer { id koperasi { id name responses(first: 100, includeWithdrawn: true) {
      totalCount
      nodes { ...KoperasiResponseFields need { id title status unit firm { name } } }
    } } }
  }
`, [KoperasiResponseFields]);

export function Responses() {
  const { t } = useTranslation();
  const f = useFormat();
  const [{ data, error }] = useQuery({ query: KoperasiResponsesQuery, requestPolicy: "cache-and-network" });
  const koperasi = data?.viewer?.koperasi;
  const responses = koperasi?.responses;
  return (
    <div className="page koperasi-responses">
      <h1>{t("koperasi.responses.title")}{koperasi ? <small> · {koperasi.name}</small> : null}</h1>
      {error && <p role="alert" className="error">{errorText(error, t)}</p>}
      {!data && !error && <p>{t("app.loading")}</p>}
      {data && !responses && <p>{t("koperasi.home.noKoperasi")}</p>}
      {responses && (
        <>
          <p className="meta">{t("koperasi.responses.count", { count: responses.totalCount, shown: f.number(responses.totalCount) })}</p>
          {responses.nodes.length ? (
            <ul className="list">
              {responses.nodes.map((r, i) => (
                <li key={r.id}>
                  <ResponseCard response={r} unit={r.need.unit} headingId={`response-${i}`}
                    heading={<>{r.need.title} <small className="meta">· {r.need.firm.name} · {t(`status.${r.need.status}`)}</small></>}>
                    {r.need.status === "OPEN" && (
                      <p className="respond-link">
                        <a {...linkTo(`/needs/${encodeURIComponent(r.need.id)}/respond`)} aria-label={t("koperasi.responses.openTo", { title: r.need.title })}>
                          {t("koperasi.responses.open")}
                        </a>
                      </p>
                    )}
                  </ResponseCard>
                </li>
              ))}
            </ul>
          ) : <p>{t("koperasi.responses.none")}</p>}
        </>
      )}
    </div>
  );
}
