/**
 * The process requirements of a need (issue 23): one per family it names without a specific
 * process, and one per specific process it names. A specific process is met when the supplier
 * names it on its capability for the family or a machine on file does it (process-evidence.ts),
 * and the explanation cites the machines. A supplier working the family without having confirmed
 * the process fails it as `unconfirmed`: a near miss whose message says what to confirm.
 */
import type { Process, SpecificProcess } from "../../domain/enums.js";
import { type SpecificEvidence, specificEvidence } from "./process-evidence.js";
import { familyOf, specificName } from "./taxonomy.js";
import type { NeedProfile, RequirementCheck, SupplierProfile } from "./types.js";

type Capability = SupplierProfile["capabilities"][number];

/** The need's processes as requirements, in the need's order of families, specifics in the need's order within each. */
export function processRequirements(need: NeedProfile, supplier: SupplierProfile, capsByProcess: ReadonlyMap<string, Capability>): RequirementCheck[] {
  const specifics = need.specificProcesses ?? [];
  const requirements: RequirementCheck[] = [];
  const evidence = specifics.length ? specificEvidence(supplier) : null;
  for (const process of need.processes) {
    const named = specifics.filter((s) => familyOf(s) === process);
    if (named.length === 0) {
      const met = capsByProcess.has(process);
      requirements.push({ kind: "PROCESS", met, subject: process, message: met ? `works ${process}` : `does not work ${process}, which the part needs` });
      continue;
    }
    for (const code of named) requirements.push(specificRequirement(process, code, capsByProcess.get(process), evidence!));
  }
  return requirements;
}

function specificRequirement(family: Process, code: SpecificProcess, capability: Capability | undefined, all: ReadonlyMap<SpecificProcess, SpecificEvidence>): RequirementCheck {
  const name = specificName(code);
  const evidence = all.get(code);
  const base = { kind: "PROCESS" as const, subject: code };
  if (!capability) return { ...base, met: false, message: `does not work ${family}, so not ${name}, which the part needs` };
  const machines = evidence?.machines.length ? `machines on file: ${evidence.machines.join(", ")}` : "";
  if (evidence?.confirmed) return { ...base, met: true, message: `works ${name}${machines ? `; ${machines}` : ""}` };
  if (machines) return { ...base, met: true, message: `works ${name}: not named on its ${family} capability, but ${machines}` };
  // What it does show of the family: processes it names, or whose machines are on file.
  const others = [...all].filter(([other]) => familyOf(other) === family).map(([other, e]) => `${specificName(other)}${e.confirmed ? "" : " by its machines"}`);
  const said = others.length ? `works ${family} as ${others.join(" and ")}, not ${name}` : `works ${family} without naming which processes`;
  return {
    ...base,
    met: false,
    unconfirmed: true,
    message: `${said}: confirm ${name} (name it on the ${family} capability, or record the machine that does it)`,
  };
}
