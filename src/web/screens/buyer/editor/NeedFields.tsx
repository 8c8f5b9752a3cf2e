/** The need editor's terms: quantity and unit, tolerance, certificates, minimum stage, period, place and radius, weights. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CERTIFICATIONS, type CertificationType, type MaturityStage, type QuantityUnit, STAGES, UNITS } from "../../../enums";
import { type NeedForm, WEIGHT_FACTORS } from "./needForm";

type Set = <K extends keyof NeedForm>(key: K, value: NeedForm[K]) => void;

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
    </div>
  );
}

export function Quantity({ form, set }: { form: NeedForm; set: Set }) {
  const { t } = useTranslation();
  return (
    <div className="row">
      <Field id="quantity" label={t("buyer.editor.quantity")}>
        <input id="quantity" type="number" min={1} step={1} required value={form.quantityPerMonth} onChange={(e) => set("quantityPerMonth", e.target.value)} />
      </Field>
      <Field id="unit" label={t("buyer.editor.unit")}>
        <select id="unit" value={form.unit} onChange={(e) => set("unit", e.target.value as QuantityUnit)}>
          {UNITS.map((u) => <option key={u} value={u}>{t(`units.${u}`)}</option>)}
        </select>
      </Field>
      <Field id="tolerance" label={t("buyer.editor.tolerance")} hint={t("buyer.editor.toleranceHint")}>
        <input id="tolerance" inputMode="decimal" aria-describedby="tolerance-hint" value={form.toleranceMm} onChange={(e) => set("toleranceMm", e.target.value)} />
      </Field>
      <label className="check">
        <input type="checkbox" checked={form.toleranceCritical} onChange={(e) => set("toleranceCritical", e.target.checked)} />
        {t("buyer.editor.toleranceCritical")}
      </label>
    </div>
  );
}

export function Conditions({ form, set }: { form: NeedForm; set: Set }) {
  const { t } = useTranslation();
  const toggle = (c: CertificationType, on: boolean) =>
    set("requiredCertifications", on ? [...form.requiredCertifications, c] : form.requiredCertifications.filter((x) => x !== c));
  return (
    <>
      <fieldset>
        <legend>{t("need.certificates")}</legend>
        {CERTIFICATIONS.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" checked={form.requiredCertifications.includes(c)} onChange={(e) => toggle(c, e.target.checked)} />
            {t(`certifications.${c}`)}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <Field id="stage" label={t("need.minimumStage")}>
          <select id="stage" value={form.minimumStage} onChange={(e) => set("minimumStage", e.target.value as MaturityStage)}>
            {STAGES.map((s) => <option key={s} value={s}>{t(`stages.${s}`)}</option>)}
          </select>
        </Field>
        <Field id="start" label={t("buyer.editor.start")}>
          <input id="start" type="date" required value={form.startDate} onChange={(e) => set("startDate", e.target.value)} />
        </Field>
        <Field id="term" label={t("buyer.editor.term")}>
          <input id="term" type="number" min={1} max={120} step={1} value={form.termMonths} onChange={(e) => set("termMonths", e.target.value)} />
        </Field>
      </div>
    </>
  );
}

export function Place({ form, set }: { form: NeedForm; set: Set }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t("buyer.editor.place")}</legend>
      <p className="hint">{t("buyer.editor.placeHint")}</p>
      <div className="row">
        <Field id="latitude" label={t("buyer.editor.latitude")}>
          <input id="latitude" inputMode="decimal" value={form.latitude} onChange={(e) => set("latitude", e.target.value)} />
        </Field>
        <Field id="longitude" label={t("buyer.editor.longitude")}>
          <input id="longitude" inputMode="decimal" value={form.longitude} onChange={(e) => set("longitude", e.target.value)} />
        </Field>
        <Field id="radius" label={t("buyer.editor.radius")}>
          <input id="radius" type="number" min={1} max={5000} step={1} value={form.radiusKm} onChange={(e) => set("radiusKm", e.target.value)} />
        </Field>
      </div>
    </fieldset>
  );
}

export function Weights({ form, set }: { form: NeedForm; set: Set }) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t("buyer.editor.weights")}</legend>
      <p className="hint">{t("buyer.editor.weightsHint")}</p>
      <div className="row">
        {WEIGHT_FACTORS.map((f) => (
          <Field key={f} id={`weight-${f}`} label={t(`factors.${f}`)}>
            <input id={`weight-${f}`} inputMode="decimal" placeholder={t("buyer.editor.default")} value={form.weights[f]}
              onChange={(e) => set("weights", { ...form.weights, [f]: e.target.value })} />
          </Field>
        ))}
      </div>
    </fieldset>
  );
}
