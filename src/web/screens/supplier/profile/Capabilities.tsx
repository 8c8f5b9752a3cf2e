/**
 * The processes the IKM works: each a family (Process), the specific processes under it it confirms
 * (from the API's taxonomy), the materials, the monthly capacity and its unit, the best tolerance.
 * setCapabilities replaces the whole list, so the form edits a draft and saves it at once.
 */
import { type FormEvent, useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useMutation } from "urql";
import { decimalNumber, wholeNumber } from "../form";
import { Outcome, useStatus } from "../Outcome";
import { CapabilityRow, type Row } from "./CapabilityRow";
import { type CapabilityInput, type Ikm, SetCapabilities, type Taxonomy } from "./queries";

let nextKey = 0;

function toRow(c: Ikm["capabilities"][number]): Row {
  return {
    key: nextKey++, process: c.process, specificProcesses: [...c.specificProcesses], materials: c.materials.join(", "),
    monthlyCapacity: String(c.monthlyCapacity), capacityUnit: c.capacityUnit, toleranceMm: c.toleranceMm == null ? "" : String(c.toleranceMm), notes: c.notes ?? "",
  };
}

/** The rows as the API takes them, or the first row's problem in words. */
function toInputs(rows: Row[], t: TFunction): CapabilityInput[] | string {
  const inputs: CapabilityInput[] = [];
  for (const row of rows) {
    const family = t(`supplier.processes.${row.process}`);
    const monthlyCapacity = wholeNumber(row.monthlyCapacity);
    if (monthlyCapacity == null) return t("supplier.capabilities.capacityNeeded", { family });
    const toleranceMm = row.toleranceMm.trim() ? decimalNumber(row.toleranceMm) : null;
    if (row.toleranceMm.trim() && toleranceMm == null) return t("supplier.capabilities.toleranceNumber", { family });
    const materials = row.materials.split(",").map((m) => m.trim()).filter(Boolean);
    inputs.push({ process: row.process, specificProcesses: row.specificProcesses, materials, monthlyCapacity, capacityUnit: row.capacityUnit, toleranceMm, notes: row.notes.trim() || null });
  }
  return inputs;
}

export function Capabilities({ ikm, taxonomy, onSaved }: { ikm: Ikm; taxonomy: Taxonomy; onSaved: (ikm: Ikm) => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[]>(() => ikm.capabilities.map(toRow));
  const [result, save] = useMutation(SetCapabilities);
  const [status, say, clear] = useStatus();
  const [problem, setProblem] = useState("");

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    const inputs = toInputs(rows, t);
    setProblem(typeof inputs === "string" ? inputs : "");
    if (typeof inputs === "string") return;
    const answer = await save({ ikmId: ikm.id, capabilities: inputs });
    if (answer.data) {
      setRows(answer.data.setCapabilities.capabilities.map(toRow));
      onSaved(answer.data.setCapabilities);
      say("supplier.capabilities.saved");
    }
  }

  const used = new Set(rows.map((r) => r.process));
  const free = taxonomy.map((f) => f.process).filter((p) => !used.has(p));
  const add = () => free.length && setRows([...rows, { key: nextKey++, process: free[0], specificProcesses: [], materials: "", monthlyCapacity: "", capacityUnit: "PCS", toleranceMm: "", notes: "" }]);
  return (
    <section aria-labelledby="capabilities" className="capabilities">
      <h2 id="capabilities">{t("supplier.capabilities.title")}</h2>
      <p className="meta">{t("supplier.capabilities.intro")}</p>
      <form onSubmit={submit} noValidate>
        {rows.length ? rows.map((row) => (
          <CapabilityRow key={row.key} row={row} taxonomy={taxonomy} taken={used} machines={ikm.machines}
            onChange={(next) => setRows(rows.map((r) => (r.key === row.key ? next : r)))}
            onRemove={() => setRows(rows.filter((r) => r.key !== row.key))} />
        )) : <p>{t("supplier.capabilities.none")}</p>}
        <div className="actions">
          <button type="button" className="secondary" onClick={add} disabled={!free.length}>{t("supplier.capabilities.add")}</button>
          <button type="submit" disabled={result.fetching}>{result.fetching ? t("supplier.saving") : t("supplier.capabilities.save")}</button>
        </div>
        <Outcome error={result.error} problem={problem} status={status} testId="capabilities" />
      </form>
    </section>
  );
}
