/** The form that adds a machine: what it is, its maker, how many, CNC or not, the year made. */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";

export interface MachineDraft {
  type: string;
  brand: string;
  count: string;
  cnc: boolean;
  yearMade: string;
}

export function MachineForm({ busy, onSubmit }: { busy: boolean; onSubmit: (event: FormEvent, draft: MachineDraft) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<MachineDraft>({ type: "", brand: "", count: "1", cnc: false, yearMade: "" });
  const set = (patch: Partial<MachineDraft>) => setDraft({ ...draft, ...patch });
  return (
    <form className="card add-machine" onSubmit={(e) => onSubmit(e, draft)} noValidate aria-labelledby="add-machine">
      <h3 id="add-machine">{t("supplier.machines.addTitle")}</h3>
      <label>{t("supplier.machines.type")}
        <input value={draft.type} onChange={(e) => set({ type: e.target.value })} aria-describedby="machine-type-hint" />
      </label>
      <small id="machine-type-hint" className="meta">{t("supplier.machines.typeHint")}</small>
      <label>{t("supplier.machines.brand")}
        <input value={draft.brand} onChange={(e) => set({ brand: e.target.value })} />
      </label>
      <div className="pair">
        <label>{t("supplier.machines.count")}
          <input inputMode="numeric" value={draft.count} onChange={(e) => set({ count: e.target.value })} />
        </label>
        <label>{t("supplier.machines.yearMade")}
          <input inputMode="numeric" value={draft.yearMade} onChange={(e) => set({ yearMade: e.target.value })} />
        </label>
      </div>
      <label className="check">
        <input type="checkbox" checked={draft.cnc} onChange={(e) => set({ cnc: e.target.checked })} />
        {t("supplier.machines.isCnc")}
      </label>
      <button type="submit" disabled={busy}>{busy ? t("supplier.saving") : t("supplier.machines.add")}</button>
    </form>
  );
}
