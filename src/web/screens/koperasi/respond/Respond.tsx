/**
 * Answering an open need for a consortium of the koperasi's members: the need, the koperasi's own
 * response to it when there is one, the way to withdraw a live one (after a confirmation, with the
 * version shown: a stale version or a withdrawal made meanwhile is refused in words and the page
 * reads the response again), and the form (a first quotation, a revision of the live one, or a
 * withdrawn one sent again from its old terms: submitResponse revives it).
 */
import { useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { WithdrawResponse } from "../../../components/WithdrawResponse";
import { errorText } from "../../../errors";
import { useFormat } from "../../../format";
import { linkTo } from "../../../router";
import { proposalOf } from "../consortia";
import { type KoperasiResponse, NeedConsortiaQuery } from "../queries";
import { ResponseCard } from "../ResponseCard";
import { ConsortiumForm } from "./ConsortiumForm";
import { type RespondNeed, RespondNeedQuery } from "./queries";

function NeedSummary({ need }: { need: RespondNeed }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section aria-labelledby="need-summary" className="card koperasi-need-summary">
      <h2 id="need-summary">{t("koperasi.respond.need")}</h2>
      <p className="meta">{need.firm.name} · {t(`status.${need.status}`)}</p>
      {need.description && <p>{need.description}</p>}
      <p>{t("needs.perMonth", { quantity: f.number(need.quantityPerMonth), unit: t(`units.${need.unit}`) })} · {t("needs.period", { start: f.date(need.startDate), end: f.date(need.endDate) })}</p>
      <p>{t("koperasi.needs.processes", { processes: need.processes.map((p) => t(`processes.${p}`)).join(", ") })} · {t("koperasi.needs.minimumStage", { stage: t(`stages.${need.minimumStage}`) })}</p>
    </section>
  );
}

/** The withdrawal's words, naming the version withdrawn. */
function withdrawWords(t: TFunction, version: number) {
  return {
    title: t("koperasi.respond.withdraw.title"), hint: t("koperasi.respond.withdraw.hint"), open: t("koperasi.respond.withdraw.open"),
    question: t("koperasi.respond.withdraw.question", { version }), confirm: t("koperasi.respond.withdraw.confirm"), cancel: t("koperasi.respond.withdraw.cancel"),
  };
}

export function Respond({ needId }: { needId: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [{ data, error }, refetch] = useQuery({ query: RespondNeedQuery, variables: { id: needId }, requestPolicy: "cache-and-network" });
  const [consortia] = useQuery({ query: NeedConsortiaQuery, variables: { needId }, requestPolicy: "network-only" });
  const [status, setStatus] = useState("");
  const back = <p><a {...linkTo("/")}>← {t("koperasi.respond.back")}</a></p>;
  const title = <h1>{t("koperasi.respond.title")}{data ? <small> · {data.need.title}</small> : null}</h1>;
  if (error) return <div className="page">{back}{title}<p role="alert" className="error">{errorText(error, t)}</p></div>;
  if (!data) return <div className="page">{back}{title}<p>{t("app.loading")}</p></div>;
  const need = data.need;
  const koperasi = data.viewer?.koperasi;
  const own = need.responses.nodes.find((r) => r.koperasi?.id === koperasi?.id) ?? null;
  const live = own?.status === "ACTIVE" ? own : null;
  const sent = (response: KoperasiResponse, revised: boolean) => {
    const key = revised ? "koperasi.respond.revised" : own ? "koperasi.respond.sentAgain" : "koperasi.respond.sent";
    setStatus(t(key, { quantity: f.number(response.quantityPerMonth ?? 0), members: f.number(response.members.length) }));
    refetch({ requestPolicy: "network-only" });
  };
  const withdrawn = (done: boolean) => {
    setStatus(done ? t("koperasi.respond.withdraw.done", { time: new Date().toLocaleTimeString(i18n.language) }) : "");
    refetch({ requestPolicy: "network-only" });
  };
  return (
    <div className="page koperasi-respond">
      {back}
      {title}
      <NeedSummary need={need} />
      <p role="status" className="notice" data-testid="respond-status">{status}</p>
      {own && (
        <ResponseCard response={own} unit={need.unit} heading={t("koperasi.respond.yours")} headingId="own-response">
          {own.status === "WITHDRAWN" && <p className="hint">{t("koperasi.respond.withdrawnNote")}</p>}
        </ResponseCard>
      )}
      {own && koperasi && <WithdrawResponse response={own} words={withdrawWords(t, own.version)} onDone={withdrawn} />}
      {!koperasi && <p>{t("koperasi.home.noKoperasi")}</p>}
      {koperasi && need.status === "OPEN" && consortia.fetching && !consortia.data && <p>{t("koperasi.proposal.loading")}</p>}
      {koperasi && need.status === "OPEN" && consortia.error && <p className="meta">{t("koperasi.proposal.unavailable", { error: errorText(consortia.error, t) })}</p>}
      {koperasi && need.status === "OPEN" && (consortia.data || consortia.error) && (
        <ConsortiumForm key={own ? `${own.id}-${own.version}-${own.status}` : "new"} need={need} members={koperasi.members} proposal={proposalOf(consortia.data?.consortia)}
          live={live} previous={own} onSent={sent} />
      )}
      {koperasi && need.status !== "OPEN" && <p>{t("koperasi.respond.closed", { status: t(`status.${need.status}`) })}</p>}
    </div>
  );
}
