/**
 * The capacity rules consortia and allocation share (issue 7), in one place. Pure.
 *
 * An IKM's capacity for a need is its smallest capacity over the need's processes, because every
 * piece passes through each of them in the same workshop (the slowest process is the bottleneck).
 * A process it does not work, or whose capacity is stated in another unit, counts as 0: units are
 * not converted (pieces to kg needs a part weight). The scorer's capacity factor counts the same way.
 */
import type { Process, QuantityUnit } from "../generated/prisma/enums.js";

interface NeedShape {
  processes: readonly Process[];
  unit: QuantityUnit;
}

/** The smallest `amount` over the need's processes among entries in the need's unit; 0 for a process without one. */
export function bottleneck<T extends { process: Process; unit: QuantityUnit }>(need: NeedShape, entries: readonly T[], amount: (entry: T) => number): number {
  let least = Infinity;
  for (const process of need.processes) {
    const entry = entries.find((e) => e.process === process && e.unit === need.unit);
    least = Math.min(least, entry ? amount(entry) : 0);
  }
  return least === Infinity ? 0 : least;
}

/** The fewest whole units one member may take: `minShare` of the quantity rounded up, at least 1. */
export function minimumUnits(quantity: number, minShare: number): number {
  // 0.05 * 60 is 3.0000000000000004 in floating point: round before taking the ceiling.
  return Math.max(1, Math.ceil(Number((minShare * quantity).toFixed(9))));
}
