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

/** One partnership's hold as a span: first day, last day (null: open-ended), quantity a month. */
export type HoldSpan = readonly [startDay: number, endDay: number | null, quantityPerMonth: number];

/**
 * The most a set of holds (of one IKM, process and unit) takes at any one time from `fromDay` on
 * (to `untilDay`, inclusive, when given): not their sum, since one that ends before another starts
 * frees its capacity for it. A hold ending the day before `fromDay` takes nothing; one ending on it
 * takes its quantity. The one rule for committed capacity: allocation, consortia, recordPartnership,
 * acceptPartnership, awardNeed and the matcher (scorer and column engine alike) all count through it,
 * over the same partnerships: ACTIVE ones and awards' PENDING ones (domain/partnership-status.ts).
 */
export function peakHeld(spans: Iterable<HoldSpan>, fromDay: number, untilDay: number | null = null): number {
  return busiest(spans, fromDay, untilDay).held;
}

/**
 * peakHeld and the first day it is reached (fromDay when nothing is held): the tightest point of
 * the period, which the capacity explanation names when it comes after the need's start.
 */
export function busiest(spans: Iterable<HoldSpan>, fromDay: number, untilDay: number | null = null): { held: number; day: number } {
  const events: Array<[day: number, delta: number]> = [];
  for (const [startDay, endDay, quantity] of spans) {
    if (endDay !== null && endDay < fromDay) continue;
    if (untilDay !== null && startDay > untilDay) continue;
    events.push([Math.max(startDay, fromDay), quantity]);
    if (endDay !== null) events.push([endDay + 1, -quantity]);
  }
  // Same day: a hold that ends frees its capacity before one that starts takes it.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let held = 0;
  let peak = 0;
  let day = fromDay;
  for (const [at, delta] of events) {
    held += delta;
    if (held > peak) {
      peak = held;
      day = at;
    }
  }
  return { held: peak, day };
}

/**
 * What partnerships take of each IKM's capacity from `fromDay` on (to `untilDay`, inclusive, when
 * given), per process and unit (peakHeld). Allocation and consortia read it from a need's start
 * on; recordPartnership over the new partnership's own dates. One entry per IKM, process and unit
 * with a hold in the period, in the shape allocation's supplyOf reads (a commitment of one process).
 */
export function peakHolds(
  holds: readonly DatedHold[],
  fromDay: number,
  untilDay: number | null = null,
): Map<string, Array<{ ikmId: string; processes: Process[]; unit: QuantityUnit; quantityPerMonth: number }>> {
  const spans = new Map<string, HoldSpan[]>();
  for (const h of holds) {
    if (h.endDay !== null && h.endDay < fromDay) continue;
    if (untilDay !== null && h.startDay > untilDay) continue;
    for (const process of new Set(h.processes)) {
      const key = `${h.ikmId}|${process}|${h.unit}`;
      const list = spans.get(key) ?? [];
      list.push([h.startDay, h.endDay, h.quantityPerMonth]);
      spans.set(key, list);
    }
  }
  const out = new Map<string, Array<{ ikmId: string; processes: Process[]; unit: QuantityUnit; quantityPerMonth: number }>>();
  for (const [key, list] of spans) {
    const [ikmId, process, unit] = key.split("|") as [string, Process, QuantityUnit];
    const entries = out.get(ikmId) ?? [];
    entries.push({ ikmId, processes: [process], unit, quantityPerMonth: peakHeld(list, fromDay, untilDay) });
    out.set(ikmId, entries);
  }
  return out;
}

/** One capacity-holding partnership's hold on one process of an IKM, as the matcher's supplier profile carries it. */
export interface ProcessHold {
  process: Process;
  unit: QuantityUnit;
  quantityPerMonth: number;
  startDay: number;
  /** Last day, inclusive; null: open-ended. */
  endDay: number | null;
  /** The need it was awarded for, if any: a need's own partnerships take nothing from its ranking. */
  needId: string | null;
}

/** The need's period: from its start date, to its end date when it has one (open-ended today). */
export interface NeedPeriod {
  id: string;
  startDate: number;
  endDate?: number | null;
}

/** What an IKM's partnerships (other than the need's own) hold of one process, in one unit, over the need's period. */
export function committedFor(holds: readonly ProcessHold[], process: Process, unit: QuantityUnit, need: NeedPeriod): number {
  return committedWhen(holds, process, unit, need).held;
}

/** committedFor, with the first day the most is held (busiest): the need's start when it is held from the start. */
export function committedWhen(holds: readonly ProcessHold[], process: Process, unit: QuantityUnit, need: NeedPeriod): { held: number; day: number } {
  const spans: HoldSpan[] = [];
  for (const h of holds) {
    if (h.process === process && h.unit === unit && h.needId !== need.id) spans.push([h.startDay, h.endDay, h.quantityPerMonth]);
  }
  return spans.length ? busiest(spans, need.startDate, need.endDate ?? null) : { held: 0, day: need.startDate };
}

/** Stated capacity less what is committed: never below 0 (a hold above the capacity was recorded before it shrank). */
export const freeOf = (stated: number, committed: number): number => Math.max(0, stated - committed);

/**
 * The need's processes at which the IKM's free capacity (stated, in the need's unit, less what its
 * capacity-holding partnerships (ACTIVE, awards' PENDING) hold over the need's period: committedFor) is below the quantity: where a
 * capacity gap is closed. Without commitments (or a need period) the stated capacity counts.
 */
export function shortProcesses(
  need: NeedShape & { quantityPerMonth: number } & Partial<NeedPeriod>,
  capabilities: ReadonlyArray<{ process: Process; unit: QuantityUnit; monthlyCapacity: number }>,
  commitments: readonly ProcessHold[] = [],
): Process[] {
  const period = need.id !== undefined && need.startDate !== undefined ? { id: need.id, startDate: need.startDate, endDate: need.endDate } : null;
  const free = (c: { process: Process; unit: QuantityUnit; monthlyCapacity: number }) =>
    period ? freeOf(c.monthlyCapacity, committedFor(commitments, c.process, c.unit, period)) : c.monthlyCapacity;
  return need.processes.filter((process) => bottleneck({ processes: [process], unit: need.unit }, capabilities, free) < need.quantityPerMonth);
}
