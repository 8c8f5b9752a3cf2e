/** Building an allocation's inputs from profiles: scored options and free capacity. */
import type { Weights } from "../../matching/config.js";
import { effectiveWeights, scoreMatch } from "../../matching/scorer.js";
import type { NeedProfile, SupplierProfile } from "../../matching/types.js";
import { clustersOf } from "../clusters.js";
import type { AllocationOption, Commitment, FreeCapacity, IkmSupply } from "./types.js";

/** Every (need, supplier) pair scored with scoreMatch: eligibility and total, each need's weights computed once. */
export function scoreOptions(needs: readonly NeedProfile[], suppliers: readonly SupplierProfile[]): AllocationOption[] {
  const out: AllocationOption[] = [];
  for (const need of needs) {
    const weights: Weights = effectiveWeights(need);
    for (const s of suppliers) {
      const r = scoreMatch(need, s, weights);
      out.push({ needId: need.id, ikmId: s.id, score: r.total, eligible: r.eligible });
    }
  }
  return out;
}

/**
 * An IKM's free capacity: each capability's monthly capacity minus the commitments that use it (a
 * commitment uses each of its processes in its unit, as an allocation does), floored at 0. Its
 * clusters are its koperasi, sentra and foundations (with the foundations above its own, as the
 * profile lists them).
 */
export function supplyOf(profile: SupplierProfile, commitments: readonly Commitment[] = []): IkmSupply {
  const free: FreeCapacity[] = profile.capabilities.map((c) => {
    let used = 0;
    for (const k of commitments) {
      if (k.ikmId === profile.id && k.unit === c.unit && k.processes.includes(c.process)) used += k.quantityPerMonth;
    }
    return { process: c.process, unit: c.unit, quantity: Math.max(0, c.monthlyCapacity - used) };
  });
  return { ikmId: profile.id, free, clusters: clustersOf(profile) };
}
