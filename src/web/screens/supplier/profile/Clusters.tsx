/** The sentra (industry clusters) and koperasi the IKM belongs to; read-only here (joining is done with them). */
import { useTranslation } from "react-i18next";
import type { Ikm } from "./queries";

export function Clusters({ ikm }: { ikm: Ikm }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="clusters" className="clusters">
      <h2 id="clusters">{t("supplier.clusters.title")}</h2>
      <h3>{t("supplier.clusters.sentras")}</h3>
      {ikm.sentras.length ? (
        <ul className="plain">
          {ikm.sentras.map((s) => (
            <li key={s.id}><strong>{s.name}</strong> · {s.product}{s.regionName ? ` · ${s.regionName}` : ""} · {t("supplier.clusters.members", { count: s.memberCount })}</li>
          ))}
        </ul>
      ) : <p>{t("supplier.clusters.noSentra")}</p>}
      <h3>{t("supplier.clusters.koperasis")}</h3>
      {ikm.koperasis.length ? (
        <ul className="plain">
          {ikm.koperasis.map((k) => (
            <li key={k.id}>
              <strong>{k.name}</strong>{k.regionName ? ` · ${k.regionName}` : ""} · {t("supplier.clusters.members", { count: k.memberCount })}
              {k.offtaker && <> · {t("supplier.clusters.offtaker")}</>}
              {k.sharedFacility && <> · {t("supplier.clusters.sharedFacility")}</>}
            </li>
          ))}
        </ul>
      ) : <p>{t("supplier.clusters.noKoperasi")}</p>}
    </section>
  );
}
