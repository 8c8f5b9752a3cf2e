/**
 * Answering an open need: a quotation (unit price in Rupiah, quantity a month, lead time, the last
 * day the price holds) or interest without a price. A first answer is submitResponse; with a live
 * response already, the form revises it (reviseResponse with its version: a stale one is CONFLICT),
 * and it can be withdrawn (after a confirmation); a withdrawn one is sent again with submitResponse.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "urql";
import { WithdrawResponse } from "../../../components/WithdrawResponse";
import { errorText } from "../../../errors";
import { useFormat } from "../../../format";
import { linkTo } from "../../../router";
import { ResponseCard } from "./ResponseCard";
import { ResponseForm } from "./ResponseForm";
import { type Need, RespondNeedQuery, type Response } from "./queries";

function NeedSummary({ need }: { need: Need }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section aria-labelledby="need-summary" className="card need-summary">
      <h2 id="need-summary">{t("supplier.respond.need")}</h2>
      <p className="meta">{need.firm.name} · <span className={`status status-${need.status}`}>{t(`status.${need.status}`)}</span></p>
      {need.description && <p>{need.description}</p>}
      <p>{t("needs.perMonth", { quantity: f.number(need.quantityPerMonth), unit: t(`units.${need.unit}`) })} · {t("needs.period", { start: f.date(need.startDate), end: f.date(need.endDate) })}</p>
    </section>
  );
}

export function Respond({ needId }: { needId: string }) {
  const { t, i18n } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: RespondNeedQuery, variables: { id: needId } });
  const [status, setStatus] = useState("");
  const back = <p><a {...linkTo("/")}>← {t("supplier.respond.back")}</a></p>;
  if (error) return <div className="page">{back}<h1>{t("supplier.respond.title")}</h1><p role="alert" className="error">{errorText(error, t)}</p></div>;
  if (!data) return <div className="page">{back}<h1>{t("supplier.respond.title")}</h1><p>{t("app.loading")}</p></div>;
  const need = data.need;
  const own = need.responses.nodes.find((r) => !r.koperasi) ?? null;
  const live = own?.status === "ACTIVE" ? own : null;
  const sent = (response: Response, revised: boolean) => {
    setStatus(t(revised ? "supplier.respond.revised" : "supplier.respond.sent", { kind: t(`supplier.kinds.${response.kind}`) }));
    refetch({ requestPolicy: "network-only" });
  };
  const withdrawn = (done: boolean) => {
    setStatus(done ? t("supplier.respond.withdraw.done", { time: new Date().toLocaleTimeString(i18n.language) }) : "");
    refetch({ requestPolicy: "network-only" });
  };
  return (
    <div className="page respond">
      {back}
      <h1>{t("supplier.respond.title")} <small>· {need.title}</small></h1>
      <NeedSummary need={need} />
      <p role="status" className="notice" data-testid="respond-status">{status}</p>
      {own && <ResponseCard response={own} unit={need.unit} />}
      {own && (
        <WithdrawResponse response={own} onDone={withdrawn} words={{
          title: t("supplier.respond.withdraw.title"), hint: t("supplier.respond.withdraw.hint"), open: t("supplier.respond.withdraw.open"),
          question: t("supplier.respond.withdraw.question", { version: own.version }), confirm: t("supplier.respond.withdraw.confirm"),
          cancel: t("supplier.respond.withdraw.cancel"),
        }} />
      )}
      {need.status === "OPEN"
        ? <ResponseForm key={own ? `${own.id}-${own.version}` : "new"} need={need} live={live} previous={own} onSent={sent} />
        : <p>{t("supplier.respond.closed", { status: t(`status.${need.status}`) })}</p>}
    </div>
  );
}
