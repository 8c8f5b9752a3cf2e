/** Koperasi: the list by name (region, registration, offtaker, shared facility, members) and registering one. */
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorText } from "../../../errors";
import { useFormat } from "../../../format";
import { KoperasiForm } from "./KoperasiForm";
import { AdminKoperasisQuery } from "./queries";

export function Koperasis() {
  const { t } = useTranslation();
  const f = useFormat();
  const [{ data, error }, reread] = useQuery({ query: AdminKoperasisQuery, requestPolicy: "cache-and-network" });
  const koperasis = data?.koperasis;
  return (
    <div className="page admin-page">
      <h1>{t("admin.koperasi.title")}</h1>
      <p className="hint">{t("admin.koperasi.intro")}</p>
      <KoperasiForm onCreated={() => reread({ requestPolicy: "network-only" })} />
      <section aria-labelledby="koperasi-list">
        <h2 id="koperasi-list">{t("admin.koperasi.list")}</h2>
        {error && <p role="alert" className="error">{errorText(error, t)}</p>}
        {!data && !error && <p>{t("app.loading")}</p>}
        {koperasis && <p className="meta">{t("admin.shown", { count: koperasis.totalCount, shown: f.number(koperasis.nodes.length), total: f.number(koperasis.totalCount) })}</p>}
        {koperasis && (koperasis.nodes.length ? (
          <ul className="admin-list" data-testid="koperasi-list">
            {koperasis.nodes.map((k) => (
              <li key={k.id} data-name={k.name}>
                <h3>{k.name}</h3>
                <p>{t("admin.region", { region: k.regionName ?? k.regionCode, code: k.regionCode })}</p>
                <p>{k.registrationNumber ? t("admin.koperasi.registration", { number: k.registrationNumber }) : t("admin.koperasi.noRegistration")}</p>
                <p>
                  {k.offtaker && <span className="tag tag-good">{t("admin.koperasi.offtaker")}</span>}
                  {k.sharedFacility && <span className="tag tag-good">{t("admin.koperasi.sharedFacility")}</span>}
                  {t("admin.members", { count: k.memberCount, shown: f.number(k.memberCount) })}
                </p>
              </li>
            ))}
          </ul>
        ) : <p>{t("admin.koperasi.none")}</p>)}
      </section>
    </div>
  );
}
