/**
 * Specific processes (taxonomy.ts) as bits of one 32-bit word, in the taxonomy's order: a row's
 * evidenced ones (process-evidence.ts) and a need's asked-for ones compare with one AND.
 */
import type { SpecificProcess } from "../../../domain/enums.js";
import { specificEvidence } from "../process-evidence.js";
import { SPECIFIC_PROCESSES } from "../taxonomy.js";
import type { SupplierProfile } from "../types.js";

export const SPECIFICS: readonly SpecificProcess[] = SPECIFIC_PROCESSES.map((e) => e.code);
if (SPECIFICS.length > 32) throw new Error("the index keeps specific processes in one 32-bit word: widen columns.specificMask before adding a 33rd");

const BIT = new Map(SPECIFICS.map((code, i) => [code, 1 << i]));

/** The bits of these specific processes. */
export const specificBits = (codes: Iterable<SpecificProcess>): number => {
  let mask = 0;
  for (const code of codes) mask |= BIT.get(code)!;
  return mask >>> 0;
};

/** The bits of the specific processes a supplier confirms or has a machine for. */
export function specificMaskOf(supplier: Pick<SupplierProfile, "capabilities" | "machines">): number {
  if (!supplier.machines?.length && !supplier.capabilities.some((c) => c.specifics?.length)) return 0;
  return specificBits(specificEvidence(supplier).keys());
}
