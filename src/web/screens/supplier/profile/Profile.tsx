/**
 * The IKM's profile editor: the processes it works (family, specific processes, capacity), its
 * machines with what Jalin reads each as, its certificates with their validity, and the sentra and
 * koperasi it belongs to (joined and left here). Each section saves on its own and says so.
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { errorText } from "../../../errors";
import { Capabilities } from "./Capabilities";
import { Certificates } from "./Certificates";
import { Clusters } from "./Clusters";
import { Machines } from "./Machines";
import { type Ikm, ProfileQuery } from "./queries";

export function Profile() {
  const { t } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: ProfileQuery });
  // A save answers the whole profile: shown at once, until the query's own refetch brings it too.
  const [saved, setSaved] = useState<Ikm | null>(null);
  useEffect(() => setSaved(null), [data]);
  const title = <h1>{t("supplier.profile.title")}{data?.viewer?.ikm ? <small> · {data.viewer.ikm.legalName}</small> : null}</h1>;
  if (error) return <div className="page">{title}<p role="alert" className="error">{errorText(error, t)}</p></div>;
  if (!data) return <div className="page">{title}<p>{t("app.loading")}</p></div>;
  const ikm = saved ?? data.viewer?.ikm;
  if (!ikm) return <div className="page">{title}<p>{t("supplier.profile.noIkm")}</p></div>;
  return (
    <div className="page supplier-profile">
      {title}
      <p className="meta">{t("supplier.profile.stage", { stage: t(`stages.${ikm.currentStage}`) })}{ikm.regionName ? ` · ${ikm.regionName}` : ""}</p>
      <Capabilities ikm={ikm} taxonomy={data.processTaxonomy} onSaved={setSaved} />
      <Machines ikm={ikm} taxonomy={data.processTaxonomy} onSaved={setSaved} />
      <Certificates ikm={ikm} onSaved={setSaved} />
      <Clusters ikm={ikm} onChanged={() => refetch({ requestPolicy: "network-only" })} />
    </div>
  );
}
