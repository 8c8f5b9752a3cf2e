/** The assessment form's inputs: a labelled number with its problem beneath, and the 5R audit rows. */
import { type InputHTMLAttributes, useId } from "react";
import { useTranslation } from "react-i18next";
import { FIVE_R_SECTIONS, type FiveRRow, type FiveRSection } from "./assessment-input";

/** A labelled input; `problem` (the API's or the form's words for this field) marks it invalid and is read with it. */
export function Field({ label, problem, ...input }: { label: string; problem?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input {...input} id={`${id}-input`} aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-problem` : undefined} />
      {problem && <span id={`${id}-problem`} className="field-problem">{problem}</span>}
    </div>
  );
}

/** A 0-100 score field, typed as text until sent. */
export function ScoreField({ label, value, onChange, problem, required, name }: {
  label: string; value: string; onChange: (value: string) => void; problem?: string; required?: boolean; name: string;
}) {
  return (
    <Field label={label} problem={problem} name={name} type="number" inputMode="decimal" min={0} max={100} step="any"
      required={required} value={value} onChange={(e) => onChange(e.target.value)} />
  );
}

let nextKey = 1;

/** The 5R audit items: each a section, the item as on the audit sheet, and a score 0, 1 or 2. */
export function FiveRRows({ rows, onChange, problems }: { rows: FiveRRow[]; onChange: (rows: FiveRRow[]) => void; problems: Map<string, string> }) {
  const { t } = useTranslation();
  const set = (key: number, change: Partial<FiveRRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  return (
    <fieldset className="five-r">
      <legend>{t("foundation.assessment.fiveR")}</legend>
      <p className="hint">{t("foundation.assessment.fiveRHint")}</p>
      <ol className="five-r-rows">
        {rows.map((r, i) => (
          <li key={r.key} className="five-r-row">
            <label className="field">
              <span>{t("foundation.assessment.section", { n: i + 1 })}</span>
              <select value={r.section} onChange={(e) => set(r.key, { section: e.target.value as FiveRSection })}>
                {FIVE_R_SECTIONS.map((s) => <option key={s} value={s}>{t(`foundation.fiveR.${s}`)}</option>)}
              </select>
            </label>
            <Field label={t("foundation.assessment.item", { n: i + 1 })} problem={problems.get(`fiveRItems.${i}.item`)} name={`fiveRItems.${i}.item`}
              value={r.item} onChange={(e) => set(r.key, { item: e.target.value })} />
            <Field label={t("foundation.assessment.itemScore", { n: i + 1 })} problem={problems.get(`fiveRItems.${i}.score`)} name={`fiveRItems.${i}.score`}
              type="number" min={0} max={2} step={1} value={r.score} onChange={(e) => set(r.key, { score: e.target.value })} />
            <button type="button" className="secondary" onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
              {t("foundation.assessment.removeItem", { n: i + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="secondary" onClick={() => onChange([...rows, { key: nextKey++, section: "RINGKAS", item: "", score: "" }])}>
        {t("foundation.assessment.addItem")}
      </button>
    </fieldset>
  );
}
