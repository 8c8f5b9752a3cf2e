/**
 * The IKM's partnerships with buying firms: status (a PENDING one waits for the IKM to accept or
 * decline it; an ACTIVE one can be ended, with its last day), what it supplies and how much, and the deliveries recorded under each, month by
 * month; above them, its whole delivery record (on time, rejects) as matching reads it.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { errorText } from "../../../errors";
import { useFormat } from "../../../format";
import { Outcome } from "../Outcome";
import { PartnershipCard } from "./PartnershipCard";
import { AcceptPartnership, EndPartnership, PartnershipsQuery, type Summary } from "./queries";

function Record({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!summary.months) return <p>{t("supplier.partnerships.noRecord")}</p>;
  const percent = (rate: number | null | undefined) => (rate == null ? t("need.none") : `${f.number(rate * 100, 1)}%`);
  return (
    <dl className="facts record">
      <div><dt>{t("supplier.partnerships.months")}</dt><dd>{f.number(summary.months)}</dd></div>
      <div><dt>{t("supplier.partnerships.lots")}</dt><dd>{f.number(summary.lotsDelivered)}</dd></div>
      <div><dt>{t("supplier.partnerships.onTimeRate")}</dt><dd>{percent(summary.onTimeRate)}</dd></div>
      <div><dt>{t("supplier.partnerships.rejectRate")}</dt><dd>{percent(summary.rejectRate)}</dd></div>
    </dl>
  );
}

export function Partnerships() {
  const { t, i18n } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: PartnershipsQuery });
  const [accepted, accept] = useMutation(AcceptPartnership);
  const [ended, end] = useMutation(EndPartnership);
  const [status, setStatus] = useState("");
  const f = useFormat();
  const ikm = data?.viewer?.ikm;
  const title = <h1>{t("supplier.partnerships.title")}{ikm ? <small> · {ikm.legalName}</small> : null}</h1>;
  if (error) return <div className="page">{title}<p role="alert" className="error">{errorText(error, t)}</p></div>;
  if (!data) return <div className="page">{title}<p>{t("app.loading")}</p></div>;
  if (!ikm) return <div className="page">{title}<p>{t("supplier.profile.noIkm")}</p></div>;
  const partnerships = ikm.partnerships ?? [];
  const decide = async (id: string, component: string, yes: boolean) => {
    setStatus("");
    const answer = yes ? await accept({ id }) : await end({ id });
    if (answer.error) return;
    const time = new Date().toLocaleTimeString(i18n.language);
    setStatus(t(yes ? "supplier.partnerships.accepted" : "supplier.partnerships.declined", { component, time }));
    refetch({ requestPolicy: "network-only" });
  };
  const endedOne = (component: string, endDate: string | null) => {
    const time = new Date().toLocaleTimeString(i18n.language);
    setStatus(endDate ? t("supplier.partnerships.end.done", { component, date: f.date(endDate), time }) : "");
    refetch({ requestPolicy: "network-only" });
  };
  return (
    <div className="page supplier-partnerships">
      {title}
      <section aria-labelledby="record">
        <h2 id="record">{t("supplier.partnerships.record")}</h2>
        <Record summary={ikm.deliverySummary} />
      </section>
      <section aria-labelledby="partnership-list">
        <h2 id="partnership-list">{t("supplier.partnerships.list")} <small>({f.number(partnerships.length)})</small></h2>
        <Outcome error={accepted.error ?? ended.error} status={status} testId="partnerships" />
        {partnerships.length ? (
          <ul className="list">
            {partnerships.map((p) => (
              <PartnershipCard key={p.id} partnership={p} busy={accepted.fetching || ended.fetching}
                onDecide={(yes) => decide(p.id, p.component, yes)} onEnded={(endDate) => endedOne(p.component, endDate)} />
            ))}
          </ul>
        ) : <p>{t("supplier.partnerships.none")}</p>}
      </section>
    </div>
  );
}
