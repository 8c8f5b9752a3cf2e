/** Jalin's proposal for a need: each member's share and free capacity, as the API proposes them, and what they cover together. */
import { useTranslation } from "react-i18next";
import { useFormat } from "../../format";
import type { Need, Proposal } from "./queries";

export function SplitList({ proposal, need }: { proposal: Proposal; need: Need }) {
  const { t } = useTranslation();
  const f = useFormat();
  const unit = t(`units.${need.unit}`);
  return (
    <>
      <ul className="split">
        {proposal.members.map((m) => (
          <li key={m.ikm.id}>
            <strong>{m.ikm.legalName}</strong>: {t("needs.perMonth", { quantity: f.number(m.share), unit })}
            <small className="meta"> ({t("koperasi.proposal.free", { capacity: f.number(m.freeCapacity), unit })})</small>
          </li>
        ))}
      </ul>
      <p className="covered">{t("koperasi.split.covered", { covered: f.number(proposal.covered), quantity: f.number(need.quantityPerMonth), unit })}</p>
    </>
  );
}
