/**
 * The terms of a response. Numbers go to the API as typed (thousands separators aside): the API
 * checks every bound, and its complaint is shown in words, each field it names marked invalid.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { useFormat } from "../../../format";
import { dayFromToday, fieldErrors, wholeNumber } from "../form";
import { Outcome } from "../Outcome";
import { Field } from "./Field";
import { type Kind, type Need, type Response, ReviseResponse, SubmitResponse, type Terms } from "./queries";

interface Draft { kind: Kind; price: string; quantity: string; lead: string; validUntil: string; notes: string }

/** The form starts from the response on record (live, or withdrawn and sent again), else from the need. */
function initial(need: Need, live: Response | null): Draft {
  if (live) {
    return { kind: live.kind, price: live.unitPriceIdr != null ? String(live.unitPriceIdr) : "", quantity: String(live.quantityPerMonth ?? need.quantityPerMonth),
      lead: live.leadTimeDays != null ? String(live.leadTimeDays) : "", validUntil: live.validUntil ?? dayFromToday(30), notes: live.notes ?? "" };
  }
  return { kind: "QUOTATION", price: "", quantity: String(need.quantityPerMonth), lead: "", validUntil: dayFromToday(30), notes: "" };
}

function terms(d: Draft): Terms {
  const quote = d.kind === "QUOTATION";
  return {
    kind: d.kind, unitPriceIdr: quote ? wholeNumber(d.price) : null, quantityPerMonth: wholeNumber(d.quantity), leadTimeDays: wholeNumber(d.lead),
    validUntil: quote && d.validUntil ? d.validUntil : null, notes: d.notes.trim() || null,
  };
}

interface Props {
  need: Need;
  /** The live response the form revises; null when it sends one (a first one, or again after a withdrawal). */
  live: Response | null;
  /** The response on record, live or withdrawn: the form starts from its terms. */
  previous: Response | null;
  onSent: (r: Response, revised: boolean) => void;
}

export function ResponseForm({ need, live, previous, onSent }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const [draft, setDraft] = useState<Draft>(() => initial(need, previous));
  const [submitted, submit] = useMutation(SubmitResponse);
  const [revised, revise] = useMutation(ReviseResponse);
  const result = live ? revised : submitted;
  const invalid = fieldErrors(result.error);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const price = wholeNumber(draft.price);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (live) {
      const answer = await revise({ id: live.id, expectedVersion: live.version, input: terms(draft) });
      if (answer.data) onSent(answer.data.reviseResponse, true);
    } else {
      const answer = await submit({ input: { needId: need.id, ...terms(draft) } });
      if (answer.data) onSent(answer.data.submitResponse, false);
    }
  }

  const quote = draft.kind === "QUOTATION";
  return (
    <form className="card response-form" onSubmit={send} noValidate aria-labelledby="response-form">
      <h2 id="response-form">{live ? t("supplier.respond.reviseTitle") : previous ? t("supplier.respond.againTitle") : t("supplier.respond.formTitle")}</h2>
      <fieldset className="kinds">
        <legend>{t("supplier.respond.kind")}</legend>
        {(["QUOTATION", "INTEREST"] as const).map((k) => (
          <label key={k} className="check">
            <input type="radio" name="kind" value={k} checked={draft.kind === k} onChange={() => set({ kind: k })} />
            {t(`supplier.respond.kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      {quote && (
        <Field id="price" label={t("supplier.respond.price")} error={invalid["input.unitPriceIdr"]} value={draft.price} inputMode="numeric"
          hint={price != null && price > 0 ? t("supplier.respond.pricePreview", { price: f.rupiah(price) }) : t("supplier.respond.priceHint")}
          onChange={(v) => set({ price: v })} />
      )}
      <Field id="quantity" label={t("supplier.respond.quantity", { unit: t(`units.${need.unit}`) })} error={invalid["input.quantityPerMonth"]} value={draft.quantity}
        inputMode="numeric" onChange={(v) => set({ quantity: v })} />
      <Field id="lead" label={t("supplier.respond.lead")} error={invalid["input.leadTimeDays"]} value={draft.lead} inputMode="numeric" onChange={(v) => set({ lead: v })} />
      {quote && (
        <Field id="valid-until" label={t("supplier.respond.validUntil")} error={invalid["input.validUntil"]} value={draft.validUntil} type="date"
          onChange={(v) => set({ validUntil: v })} />
      )}
      <label>{t("supplier.respond.notes")}
        <textarea rows={3} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} />
      </label>
      <Outcome error={result.error} testId="respond" />
      <button type="submit" disabled={result.fetching}>{result.fetching ? t("supplier.saving") : live ? t("supplier.respond.revise") : t("supplier.respond.send")}</button>
    </form>
  );
}
