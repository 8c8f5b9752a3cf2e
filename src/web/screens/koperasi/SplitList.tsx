/** A split of a need's monthly quantity: each member's share (and its stated capacity), and what they cover together. */
import { useTranslation } from "react-i18next";
import { useFormat } from "../../format";
import type { Member, Need } from "./queries";
import { type Share, capacityFor, total } from "./split";

export function SplitList({ shares, members, need }: { shares: readonly Share[]; members: readonly Member[]; need: Need }) {
  const { t } = useTranslation();
  const f = useFormat();
  const unit = t(`units.${need.unit}`);
  return (
    <>
      <ul className="split">
        {shares.map((s) => {
          const member = members.find((m) => m.id === s.ikmId);
          return (
            <li key={s.ikmId}>
              <strong>{member?.legalName ?? s.ikmId}</strong>: {t("needs.perMonth", { quantity: f.number(s.quantityPerMonth), unit })}
              {member && <small className="meta"> ({t("koperasi.split.capacity", { capacity: f.number(capacityFor(member, need)), unit })})</small>}
            </li>
          );
        })}
      </ul>
      <p className="covered">{t("koperasi.split.covered", { covered: f.number(total(shares)), quantity: f.number(need.quantityPerMonth), unit })}</p>
    </>
  );
}
