/**
 * Registering a sentra (createSentra): name, region code, the process its IKMs share, product and raw
 * material, all required. A refusal is shown in words, each field the API names by its label.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { type Process, PROCESSES } from "../../../enums";
import { errorText, fieldErrors } from "../../../errors";
import { Choice } from "../Choice";
import { Field } from "../Field";
import { labelsOf, required } from "../form";
import { AdminCreateSentra } from "./queries";

const LABELS: Record<string, string> = {
  "input.name": "admin.sentra.form.name", "input.regionCode": "admin.regionCode", "input.process": "admin.sentra.form.process",
  "input.product": "admin.sentra.form.product", "input.rawMaterial": "admin.sentra.form.rawMaterial",
};
const EMPTY = { name: "", regionCode: "", process: "", product: "", rawMaterial: "" };

export function SentraForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(EMPTY);
  const [created, setCreated] = useState<string | null>(null);
  // No process chosen: said here, since the API could not even be sent an empty one.
  const [noProcess, setNoProcess] = useState(false);
  const [result, create] = useMutation(AdminCreateSentra);
  const invalid = noProcess ? { "input.process": t("admin.chooseOne") } : fieldErrors(result.error);
  const set = (patch: Partial<typeof EMPTY>) => setDraft({ ...draft, ...patch });

  async function send(event: FormEvent) {
    event.preventDefault();
    setCreated(null);
    setNoProcess(!draft.process);
    if (!draft.process) return;
    const answer = await create({ input: { ...draft, process: draft.process as Process } });
    const sentra = answer.data?.createSentra;
    if (!sentra) return;
    setCreated(t("admin.sentra.form.created", { name: sentra.name, region: sentra.regionName ?? sentra.regionCode }));
    setDraft(EMPTY);
    onCreated();
  }

  return (
    <form className="card admin-form" onSubmit={send} noValidate aria-labelledby="sentra-form">
      <h2 id="sentra-form">{t("admin.sentra.form.title")}</h2>
      <Field id="sentra-name" label={required(t("admin.sentra.form.name"), t)} value={draft.name} error={invalid["input.name"]} onChange={(v) => set({ name: v })} />
      <Field id="sentra-region" label={required(t("admin.regionCode"), t)} hint={t("admin.regionHint")} value={draft.regionCode} error={invalid["input.regionCode"]} onChange={(v) => set({ regionCode: v })} />
      <Choice id="sentra-process" label={required(t("admin.sentra.form.process"), t)} value={draft.process} error={invalid["input.process"]} onChange={(v) => set({ process: v })}>
        <option value="">{t("admin.add.choose")}</option>
        {PROCESSES.map((p) => <option key={p} value={p}>{t(`processes.${p}`)}</option>)}
      </Choice>
      <Field id="sentra-product" label={required(t("admin.sentra.form.product"), t)} hint={t("admin.sentra.form.productHint")} value={draft.product} error={invalid["input.product"]} onChange={(v) => set({ product: v })} />
      <Field id="sentra-material" label={required(t("admin.sentra.form.rawMaterial"), t)} hint={t("admin.sentra.form.rawMaterialHint")} value={draft.rawMaterial} error={invalid["input.rawMaterial"]} onChange={(v) => set({ rawMaterial: v })} />
      {noProcess && <p role="alert" className="error" data-testid="sentra-error">{t("admin.missing", { label: t("admin.sentra.form.process") })}</p>}
      {!noProcess && result.error && <p role="alert" className="error" data-testid="sentra-error">{errorText(result.error, t, labelsOf(LABELS, t))}</p>}
      {created && !result.error && <p role="status" className="notice" data-testid="sentra-status">{created}</p>}
      <button type="submit" disabled={result.fetching}>{result.fetching ? t("admin.sending") : t("admin.sentra.form.submit")}</button>
    </form>
  );
}
