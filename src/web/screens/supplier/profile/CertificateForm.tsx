/** The form that adds a certificate: which, its number, who issued it, from when and until when. */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { CERTIFICATION_TYPES, type CertificationType } from "./queries";

export interface CertificateDraft {
  type: CertificationType;
  number: string;
  issuer: string;
  validFrom: string;
  validUntil: string;
}

type Input = { type: CertificationType; number: string; issuer: string; validFrom: string; validUntil: string | null };

const EMPTY: CertificateDraft = { type: "ISO_9001", number: "", issuer: "", validFrom: "", validUntil: "" };

export function CertificateForm({ busy, onAdd }: { busy: boolean; onAdd: (input: Input) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<CertificateDraft>(EMPTY);
  const set = (patch: Partial<CertificateDraft>) => setDraft({ ...draft, ...patch });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { type: draft.type, number: draft.number.trim(), issuer: draft.issuer.trim(), validFrom: draft.validFrom, validUntil: draft.validUntil || null };
    if (await onAdd(input)) setDraft(EMPTY);
  }
  return (
    <form className="card add-certificate" onSubmit={submit} noValidate aria-labelledby="add-certificate">
      <h3 id="add-certificate">{t("supplier.certificates.addTitle")}</h3>
      <label>{t("supplier.certificates.type")}
        <select value={draft.type} onChange={(e) => set({ type: e.target.value as CertificationType })}>
          {CERTIFICATION_TYPES.map((c) => <option key={c} value={c}>{t(`supplier.certTypes.${c}`)}</option>)}
        </select>
      </label>
      <label>{t("supplier.certificates.number")}
        <input value={draft.number} onChange={(e) => set({ number: e.target.value })} />
      </label>
      <label>{t("supplier.certificates.issuer")}
        <input value={draft.issuer} onChange={(e) => set({ issuer: e.target.value })} />
      </label>
      <div className="pair">
        <label>{t("supplier.certificates.validFrom")}
          <input type="date" value={draft.validFrom} onChange={(e) => set({ validFrom: e.target.value })} />
        </label>
        <label>{t("supplier.certificates.validUntil")}
          <input type="date" value={draft.validUntil} onChange={(e) => set({ validUntil: e.target.value })} />
        </label>
      </div>
      <button type="submit" disabled={busy}>{busy ? t("supplier.saving") : t("supplier.certificates.add")}</button>
    </form>
  );
}
