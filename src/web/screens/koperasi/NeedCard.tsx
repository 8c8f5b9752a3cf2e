/** An open need some members could supply together: its terms, the members who qualify, a starting split, and the way to answer it. */
import { useTranslation } from "react-i18next";
import { useFormat } from "../../format";
import { linkTo } from "../../router";
import type { Member, Need } from "./queries";
import { draftSplit, qualifying } from "./split";
import { SplitList } from "./SplitList";

export function NeedCard({ need, members, answered }: { need: Need; members: readonly Member[]; answered: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const able = qualifying(members, need);
  const split = draftSplit(members, need);
  return (
    <li className="card koperasi-need" data-need={need.title}>
      <h3>{need.title}</h3>
      <p className="meta">{need.firm.name} · {t("needs.perMonth", { quantity: f.number(need.quantityPerMonth), unit: t(`units.${need.unit}`) })} · {t("needs.period", { start: f.date(need.startDate), end: f.date(need.endDate) })}</p>
      <p>
        {t("koperasi.needs.processes", { processes: need.processes.map((p) => t(`processes.${p}`)).join(", ") })} · {t("koperasi.needs.minimumStage", { stage: t(`stages.${need.minimumStage}`) })}
      </p>
      <p>{t("koperasi.needs.able", { count: able.length })}</p>
      <h4>{t("koperasi.split.title")}</h4>
      <SplitList shares={split} members={members} need={need} />
      {answered && <p className="answered">{t("koperasi.needs.answered")}</p>}
      <p className="respond-link">
        <a {...linkTo(`/needs/${encodeURIComponent(need.id)}/respond`)} aria-label={t(answered ? "koperasi.needs.seeTo" : "koperasi.needs.respondTo", { title: need.title })}>
          {answered ? t("koperasi.needs.see") : t("koperasi.needs.respond")}
        </a>
      </p>
    </li>
  );
}
