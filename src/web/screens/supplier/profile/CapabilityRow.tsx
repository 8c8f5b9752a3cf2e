/** One process the IKM works, as the capability form edits it. */
import { useTranslation } from "react-i18next";
import { useSpecificName } from "./names";
import { type Ikm, type Process, type SpecificProcess, type Taxonomy, type Unit, UNITS } from "./queries";

export interface Row {
  key: number;
  process: Process;
  specificProcesses: SpecificProcess[];
  materials: string;
  monthlyCapacity: string;
  capacityUnit: Unit;
  toleranceMm: string;
  notes: string;
}

interface Props {
  row: Row;
  taxonomy: Taxonomy;
  /** Families other rows hold already (setCapabilities takes each once). */
  taken: Set<Process>;
  /** The machines on file: one Jalin reads as a specific process is named beside it as evidence. */
  machines: Ikm["machines"];
  onChange: (row: Row) => void;
  onRemove: () => void;
}

export function CapabilityRow({ row, taxonomy, taken, machines, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const specificName = useSpecificName(taxonomy);
  const family = t(`supplier.processes.${row.process}`);
  const specifics = taxonomy.find((f) => f.process === row.process)?.specifics ?? [];
  const set = (patch: Partial<Row>) => onChange({ ...row, ...patch });
  const evidence = (code: SpecificProcess) => machines.filter((m) => m.specificProcess === code).map((m) => m.type).join(", ");
  const toggle = (code: SpecificProcess, on: boolean) =>
    set({ specificProcesses: on ? [...row.specificProcesses, code] : row.specificProcesses.filter((c) => c !== code) });
  return (
    <fieldset className="card capability" data-process={row.process}>
      <legend>{family}</legend>
      <label>{t("supplier.capabilities.family")}
        <select value={row.process} onChange={(e) => set({ process: e.target.value as Process, specificProcesses: [] })}>
          {taxonomy.map((f) => f.process).filter((p) => p === row.process || !taken.has(p)).map((p) => (
            <option key={p} value={p}>{t(`supplier.processes.${p}`)}</option>
          ))}
        </select>
      </label>
      {specifics.length ? (
        <fieldset className="specifics">
          <legend>{t("supplier.capabilities.specifics", { family })}</legend>
          {specifics.map((s) => (
            <label key={s.code} className="check">
              <input type="checkbox" checked={row.specificProcesses.includes(s.code)} onChange={(e) => toggle(s.code, e.target.checked)} />
              {specificName(s.code)}
              {evidence(s.code) && <small className="evidence">{" "}{t("supplier.capabilities.evidence", { machines: evidence(s.code) })}</small>}
            </label>
          ))}
        </fieldset>
      ) : <p className="meta">{t("supplier.capabilities.noSpecifics")}</p>}
      <label>{t("supplier.capabilities.materials")}
        <input value={row.materials} onChange={(e) => set({ materials: e.target.value })} />
      </label>
      <div className="pair">
        <label>{t("supplier.capabilities.capacity")}
          <input inputMode="numeric" value={row.monthlyCapacity} onChange={(e) => set({ monthlyCapacity: e.target.value })} />
        </label>
        <label>{t("supplier.capabilities.unit")}
          <select value={row.capacityUnit} onChange={(e) => set({ capacityUnit: e.target.value as Unit })}>
            {UNITS.map((u) => <option key={u} value={u}>{t(`units.${u}`)}</option>)}
          </select>
        </label>
      </div>
      <label>{t("supplier.capabilities.tolerance")}
        <input inputMode="decimal" value={row.toleranceMm} onChange={(e) => set({ toleranceMm: e.target.value })} />
      </label>
      <label>{t("supplier.capabilities.notes")}
        <input value={row.notes} onChange={(e) => set({ notes: e.target.value })} />
      </label>
      <button type="button" className="secondary" onClick={onRemove}>{t("supplier.capabilities.remove", { family })}</button>
    </fieldset>
  );
}
