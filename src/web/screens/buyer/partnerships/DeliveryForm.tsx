/**
 * Records one month's deliveries under an ACTIVE partnership (recordDelivery): the month, pieces
 * delivered and rejected, lots delivered and on time. A month already on record is corrected with
 * its version. The API checks the figures; its refusal is shown in words, each field by its label.
 */
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { deliveryErrorText } from "./deliveryErrors";
import { thisMonth } from "../../../components/month";
import { type Partnership, RecordDelivery } from "./operations";
import "../buyer.css";

const FIELDS = ["qtyDelivered", "qtyRejected", "lotsDelivered", "lotsOnTime"] as const;
type Field = (typeof FIELDS)[number];
type Figures = Record<Field, string>;

const EMPTY: Figures = { qtyDelivered: "", qtyRejected: "0", lotsDelivered: "", lotsOnTime: "" };

export function DeliveryForm({ partnership: p, onDone }: { partnership: Partnership; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [month, setMonth] = useState(thisMonth);
  const [figures, setFigures] = useState<Figures>(EMPTY);
  const [saved, setSaved] = useState("");
  const [sent, setSent] = useState({ qtyDelivered: 0, lotsDelivered: 0 });
  const [recorded, record] = useMutation(RecordDelivery);
  const unit = t(`units.${p.unit}`);
  const label = (field: Field | "month") => t(`buyer.partnerships.form.${field}`, { unit });
  const onRecord = p.deliveries.find((d) => d.month.slice(0, 7) === month);
  // The API names a refused field by its path ("input.qtyRejected"): shown by its label here.
  const fieldName = (path: string) => {
    const field = path.replace(/^input\./, "");
    return field === "month" || (FIELDS as readonly string[]).includes(field) ? label(field as Field) : undefined;
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved("");
    const numbers = Object.fromEntries(FIELDS.map((f) => [f, Number(figures[f])])) as Record<Field, number>;
    setSent(numbers);
    const answer = await record({ input: { partnershipId: p.id, month: `${month}-01`, ...numbers, expectedVersion: onRecord?.version } });
    if (answer.error) return;
    setSaved(t("buyer.partnerships.form.saved", { component: p.component }));
    setFigures(EMPTY);
    onDone();
  }

  return (
    <form className="inline-form bs-delivery-form" onSubmit={submit} aria-label={t("buyer.partnerships.form.title", { component: p.component })}>
      <h4>{t("buyer.partnerships.form.title", { component: p.component })}</h4>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-month`}>{label("month")}</label>
          <input id={`${id}-month`} type="month" required value={month} onChange={(e) => setMonth(e.target.value)} />
        </div>
        {FIELDS.map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`${id}-${field}`}>{label(field)}</label>
            <input id={`${id}-${field}`} type="number" min={0} step={1} required inputMode="numeric" value={figures[field]}
              onChange={(e) => setFigures((old) => ({ ...old, [field]: e.target.value }))} />
          </div>
        ))}
      </div>
      {onRecord && <p className="hint">{t("buyer.partnerships.form.correcting")}</p>}
      <span className="inline">
        <button type="submit" disabled={recorded.fetching}>{onRecord ? t("buyer.partnerships.form.correct") : t("buyer.partnerships.form.record")}</button>
      </span>
      <p role="status" className="notice">{saved}</p>
      {recorded.error && <p role="alert" className="error" data-testid="delivery-error">{deliveryErrorText(recorded.error, t, fieldName, sent)}</p>}
    </form>
  );
}
