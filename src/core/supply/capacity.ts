/**
 * The capacity rules consortia and allocation share (issue 7), in one place. Pure.
 *
 * An IKM's capacity for a need is its smallest capacity over the need's processes, because every
 * piece passes through each of them in the same workshop (the slowest process is the bottleneck).
 * A process it does not work, or whose capacity is stated in another unit, counts as 0: units are
 * not converted (pieces to kg needs a part weight). The scorer's capacity factor counts the same way.
 */
import type { Process, QuantityUnit } from "../../domain/enums.js";

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

/** A partnership's hold on capacity over its dates (whole days since 1970; end inclusive, null: open-ended). */
export interface DatedHold {
  ikmId: string;
  processes: readonly Process[];
  unit: QuantityUnit;
  quantityPerMonth: number;
  startDay: number;
  endDay: number | null;
}

/**
 * What partnerships take of each IKM's capacity from `fromDay` on (to `untilDay`, inclusive, when
 * given), per process and unit: the most they hold at any one time, not their sum, since one that
 * ends before another starts frees its capacity for it. Allocation and consortia read it from a
 * need's start on; recordPartnership over the new partnership's own dates. One entry per IKM,
 * process and unit, in the shape allocation's supplyOf reads (a commitment of one process).
 */
export function peakHolds(
  holds: readonly DatedHold[],
  fromDay: number,
  untilDay: number | null = null,
): Map<string, Array<{ ikmId: string; processes: Process[]; unit: QuantityUnit; quantityPerMonth: number }>> {
  const events = new Map<string, Array<[day: number, delta: number]>>();
  for (const h of holds) {
    if (h.endDay !== null && h.endDay < fromDay) continue;
    if (untilDay !== null && h.startDay > untilDay) continue;
    for (const process of new Set(h.processes)) {
      const key = `${h.ikmId}|${process}|${h.unit}`;
      const list = events.get(key) ?? [];
      list.push([Math.max(h.startDay, fromDay), h.quantityPerMonth]);
      if (h.endDay !== null) list.push([h.endDay + 1, -h.quantityPerMonth]);
      events.set(key, list);
    }
  }
  const out = new Map<string, Array<{ ikmId: string; processes: Process[]; unit: QuantityUnit; quantityPerMonth: number }>>();
  for (const [key, list] of events) {
    // Same day: a hold that ends frees its capacity before one that starts takes it.
    list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let held = 0;
    let peak = 0;
    for (const [, delta] of list) {
      held += delta;
      peak = Math.max(peak, held);
    }
    const [ikmId, process, unit] = key.split("|") as [string, Process, QuantityUnit];
    const entries = out.get(ikmId) ?? [];
    entries.push({ ikmId, processes: [process], unit, quantityPerMonth: peak });
    out.set(ikmId, entries);
  }
  return out;
}

/** The need's processes at which the IKM's stated capacity (in the need's unit) is below the quantity: where a capacity gap is closed. */
export function shortProcesses(
  need: NeedShape & { quantityPerMonth: number },
  capabilities: ReadonlyArray<{ process: Process; unit: QuantityUnit; monthlyCapacity: number }>,
): Process[] {
  return need.processes.filter((process) => bottleneck({ processes: [process], unit: need.unit }, capabilities, (c) => c.monthlyCapacity) < need.quantityPerMonth);
}
