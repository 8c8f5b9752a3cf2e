/** Sentra IKM: the list by name (region, shared process, product and raw material, members, whether it has the 5 IKMs a sentra needs) and registering one. */
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorText } from "../../../errors";
import { useFormat } from "../../../format";
import { AdminSentrasQuery } from "./queries";
import { SentraForm } from "./SentraForm";

export function Sentras() {
  const { t } = useTranslation();
  const f = useFormat();
  const [{ data, error }, reread] = useQuery({ query: AdminSentrasQuery, requestPolicy: "cache-and-network" });
  const sentras = data?.sentras;
  return (
    <div className="page admin-page">
      <h1>{t("admin.sentra.title")}</h1>
      <p className="hint">{t("admin.sentra.intro")}</p>
      <SentraForm onCreated={() => reread({ requestPolicy: "network-only" })} />
      <section aria-labelledby="sentra-list">
        <h2 id="sentra-list">{t("admin.sentra.list")}</h2>
        {error && <p role="alert" className="error">{errorText(error, t)}</p>}
        {!data && !error && <p>{t("app.loading")}</p>}
        {sentras && <p className="meta">{t("admin.shown", { count: sentras.totalCount, shown: f.number(sentras.nodes.length), total: f.number(sentras.totalCount) })}</p>}
        {sentras && (sentras.nodes.length ? (
          <ul className="admin-list" data-testid="sentra-list">
            {sentras.nodes.map((s) => (
              <li key={s.id} data-name={s.name}>
                <h3>{s.name}</h3>
                <p>{t("admin.region", { region: s.regionName ?? s.regionCode, code: s.regionCode })}</p>
                <p>{t("admin.sentra.makes", { process: t(`processes.${s.process}`), product: s.product, material: s.rawMaterial })}</p>
                <p>
                  <span className={s.qualifies ? "tag tag-good" : "tag"}>{t(s.qualifies ? "admin.sentra.qualifies" : "admin.sentra.short")}</span>
                  {t("admin.members", { count: s.memberCount, shown: f.number(s.memberCount) })}
                </p>
              </li>
            ))}
          </ul>
        ) : <p>{t("admin.sentra.none")}</p>)}
      </section>
    </div>
  );
}
