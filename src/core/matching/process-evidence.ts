/**
 * What a supplier shows of the specific processes it works (issue 23): the ones it names on its
 * capability for the family, and the ones its machines on file do ("Mesin bubut" x 3 is turning;
 * a CNC lathe is CNC turning). A machine counts only inside a family the IKM has a capability
 * for: a lathe in a plating shop does not make it a machining supplier, and capacity is stated per
 * family. One rule for the scorer and the index (index/columns.ts stores it as a bit mask).
 */
import type { SpecificProcess } from "../../domain/enums.js";
import { familyOf } from "./taxonomy.js";
import type { SupplierProfile } from "./types.js";
import { type Vocabulary, specificOf } from "./vocabulary.js";

export interface SpecificEvidence {
  /** Named on the capability for its family. */
  confirmed: boolean;
  /** Machines on file that do it, as "type x count". */
  machines: string[];
}

/** A CNC machine of a manual-machining kind does the CNC process ("Bubut", cnc: true -> CNC turning). */
const CNC_COUNTERPART: Partial<Record<SpecificProcess, SpecificProcess>> = { TURNING: "CNC_TURNING", MILLING: "CNC_MILLING" };

/** The specific process a machine on file does, by the vocabulary's reading of its type (the installed one unless given); null when its words name none. */
export function machineProcess(machine: { type: string; cnc: boolean }, vocabulary?: Vocabulary): SpecificProcess | null {
  const read = vocabulary ? vocabulary.specificOf(machine.type) : specificOf(machine.type);
  if (!read) return null;
  return machine.cnc ? CNC_COUNTERPART[read] ?? read : read;
}

/** Per specific process the supplier confirms or has a machine for, within the families it has a capability for. */
export function specificEvidence(supplier: Pick<SupplierProfile, "capabilities" | "machines">): Map<SpecificProcess, SpecificEvidence> {
  const evidence = new Map<SpecificProcess, SpecificEvidence>();
  const families = new Set(supplier.capabilities.map((c) => c.process));
  const entry = (code: SpecificProcess) => {
    let e = evidence.get(code);
    if (!e) evidence.set(code, (e = { confirmed: false, machines: [] }));
    return e;
  };
  for (const c of supplier.capabilities) for (const code of c.specifics ?? []) entry(code).confirmed = true;
  for (const m of supplier.machines ?? []) {
    const code = machineProcess(m);
    if (code && families.has(familyOf(code))) entry(code).machines.push(`"${m.type}" x ${m.count}`);
  }
  return evidence;
}
