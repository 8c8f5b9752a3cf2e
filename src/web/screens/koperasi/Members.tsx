/** The koperasi's members: each IKM's stage, region, and the processes it works with their monthly capacity. */
import { useTranslation } from "react-i18next";
import { useFormat } from "../../format";
import type { Member } from "./queries";

function Capabilities({ member }: { member: Member }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!member.capabilities.length) return <>{t("koperasi.members.noCapabilities")}</>;
  return (
    <ul className="plain-list">
      {member.capabilities.map((c) => (
        <li key={c.process}>
          {t(`processes.${c.process}`)}: {t("needs.perMonth", { quantity: f.number(c.monthlyCapacity), unit: t(`units.${c.capacityUnit}`) })}
        </li>
      ))}
    </ul>
  );
}

export function Members({ members }: { members: readonly Member[] }) {
  const { t } = useTranslation();
  if (!members.length) return <p>{t("koperasi.members.none")}</p>;
  return (
    <div className="koperasi-table-wrap">
      <table className="koperasi-members">
        <caption>{t("koperasi.members.caption", { count: members.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("koperasi.members.ikm")}</th>
            <th scope="col">{t("koperasi.members.stage")}</th>
            <th scope="col">{t("koperasi.members.capabilities")}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} data-member={m.legalName}>
              <th scope="row">{m.legalName}{m.regionName && <small className="meta block">{m.regionName}</small>}</th>
              <td className="stage">{t(`stages.${m.currentStage}`)}</td>
              <td><Capabilities member={m} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
