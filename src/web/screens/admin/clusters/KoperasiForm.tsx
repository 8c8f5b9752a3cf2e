/**
 * Registering a koperasi (createKoperasi): name and region code (required), registration number
 * (optional), whether it is an offtaker and runs a shared facility. A refusal is shown in words, each
 * field the API names by its label.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { errorText, fieldErrors } from "../../../errors";
import { Field } from "../Field";
import { labelsOf, required } from "../form";
import { AdminCreateKoperasi } from "./queries";

const LABELS: Record<string, string> = {
  "input.name": "admin.koperasi.form.name", "input.regionCode": "admin.regionCode", "input.registrationNumber": "admin.koperasi.form.registration",
};
const EMPTY = { name: "", regionCode: "", registrationNumber: "", offtaker: false, sharedFacility: false };

export function KoperasiForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(EMPTY);
  const [created, setCreated] = useState<string | null>(null);
  const [result, create] = useMutation(AdminCreateKoperasi);
  const invalid = fieldErrors(result.error);
  const set = (patch: Partial<typeof EMPTY>) => setDraft({ ...draft, ...patch });

  async function send(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    const answer = await create({ input: { ...draft, registrationNumber: draft.registrationNumber.trim() || null } });
    const koperasi = answer.data?.createKoperasi;
    if (!koperasi) return;
    setCreated(t("admin.koperasi.form.created", { name: koperasi.name, region: koperasi.regionName ?? koperasi.regionCode }));
    setDraft(EMPTY);
    onCreated();
  }

  return (
    <form className="card admin-form" onSubmit={send} noValidate aria-labelledby="koperasi-form">
      <h2 id="koperasi-form">{t("admin.koperasi.form.title")}</h2>
      <Field id="koperasi-name" label={required(t("admin.koperasi.form.name"), t)} value={draft.name} error={invalid["input.name"]} onChange={(v) => set({ name: v })} />
      <Field id="koperasi-region" label={required(t("admin.regionCode"), t)} hint={t("admin.regionHint")} value={draft.regionCode} error={invalid["input.regionCode"]} onChange={(v) => set({ regionCode: v })} />
      <Field id="koperasi-registration" label={t("admin.koperasi.form.registration")} hint={t("admin.koperasi.form.registrationHint")} value={draft.registrationNumber}
        error={invalid["input.registrationNumber"]} onChange={(v) => set({ registrationNumber: v })} />
      <label className="check">
        <input type="checkbox" checked={draft.offtaker} onChange={(e) => set({ offtaker: e.target.checked })} />
        <span>{t("admin.koperasi.form.offtaker")}</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.sharedFacility} onChange={(e) => set({ sharedFacility: e.target.checked })} />
        <span>{t("admin.koperasi.form.sharedFacility")}</span>
      </label>
      {result.error && <p role="alert" className="error" data-testid="koperasi-error">{errorText(result.error, t, labelsOf(LABELS, t))}</p>}
      {created && !result.error && <p role="status" className="notice" data-testid="koperasi-status">{created}</p>}
      <button type="submit" disabled={result.fetching}>{result.fetching ? t("admin.sending") : t("admin.koperasi.form.submit")}</button>
    </form>
  );
}
