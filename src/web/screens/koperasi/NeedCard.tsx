/**
 * An open need some members are eligible for: its terms, how many members are eligible, Jalin's
 * proposal (members and shares) or why there is none, and the way to answer it.
 */
import { useTranslation } from "react-i18next";
import { errorText } from "../../errors";
import { useFormat } from "../../format";
import { linkTo } from "../../router";
import { type ConsortiaAnswer, proposalOf } from "./consortia";
import type { Consortia, Need } from "./queries";
import { SplitList } from "./SplitList";

/** Why Jalin proposes no consortium, in the chosen language (the API's own message stays English, as a detail). */
function Reason({ consortia, need }: { consortia: Consortia; need: Need }) {
  const { t } = useTranslation();
  const f = useFormat();
  const reason = consortia.reason;
  if (!reason) return null;
  const single = consortia.singleSuppliers.map((s) => t("koperasi.proposal.single", { name: s.ikm.legalName, capacity: f.number(s.freeCapacity), unit: t(`units.${need.unit}`) }));
  return (
    <div className="no-proposal" data-reason={reason.kind}>
      <p>{t(`koperasi.reason.${reason.kind}`)}{single.length ? ` ${single.join("; ")}.` : ""}</p>
      <p className="meta"><small lang="en">{reason.message}</small></p>
    </div>
  );
}

export function NeedCard({ need, answer, answered }: { need: Need; answer: ConsortiaAnswer; answered: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const proposal = proposalOf(answer.consortia);
  return (
    <li className="card koperasi-need" data-need={need.title}>
      <h3>{need.title}</h3>
      <p className="meta">{need.firm.name} · {t("needs.perMonth", { quantity: f.number(need.quantityPerMonth), unit: t(`units.${need.unit}`) })} · {t("needs.period", { start: f.date(need.startDate), end: f.date(need.endDate) })}</p>
      <p>
        {t("koperasi.needs.processes", { processes: need.processes.map((p) => t(`processes.${p}`)).join(", ") })} · {t("koperasi.needs.minimumStage", { stage: t(`stages.${need.minimumStage}`) })}
      </p>
      {answer.error && <p role="alert" className="error">{errorText(answer.error, t)}</p>}
      {answer.consortia && <p>{t("koperasi.needs.eligible", { count: answer.consortia.eligibleSuppliers })}</p>}
      {proposal && (
        <>
          <h4>{t("koperasi.proposal.title")}</h4>
          <SplitList proposal={proposal} need={need} />
        </>
      )}
      {answer.consortia && !proposal && <Reason consortia={answer.consortia} need={need} />}
      {answered && <p className="answered">{t("koperasi.needs.answered")}</p>}
      <p className="respond-link">
        <a {...linkTo(`/needs/${encodeURIComponent(need.id)}/respond`)} aria-label={t(answered ? "koperasi.needs.seeTo" : "koperasi.needs.respondTo", { title: need.title })}>
          {answered ? t("koperasi.needs.see") : t("koperasi.needs.respond")}
        </a>
      </p>
    </li>
  );
}
