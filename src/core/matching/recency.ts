/**
 * Recency of the delivery record: months weigh by age (MATCHING.recency.halfLifeMonths), and the
 * recent window is compared with the months before it to name a trend. Pure: the reference month
 * ("now") is always passed in, so the pure scorer and the index weigh from the same month.
 */
import { MATCHING } from "./config.js";
import type { Day } from "../../domain/dates.js";

/** Calendar months since 1970-01 (UTC): 1970-01 is 0, 2026-12 is 683. */
export type MonthIndex = number;

export const monthOfDay = (day: Day): MonthIndex => {
  const d = new Date(day * 86_400_000);
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
};
export const monthOfDate = (date: Date): MonthIndex => (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();

/** Sums of a delivery record (plain or weighted). */
export interface DeliverySums {
  lots: number;
  onTime: number;
  qty: number;
  rejected: number;
}

/** One calendar month of deliveries (all firms and partnerships summed). */
export interface DeliveryMonth extends DeliverySums {
  month: MonthIndex;
}

export type Trend = "IMPROVING" | "STEADY" | "WORSENING" | "TOO_LITTLE_DATA";

/** The record weighed from one reference month, with its recent and earlier parts and their trends. */
export interface Recency {
  asOfMonth: MonthIndex;
  /** Sums with each month weighted by weightOf(age): what the quality, reject and on-time factors score. */
  weighted: DeliverySums;
  /** The last MATCHING.recency.recentMonths months (the reference month included), unweighted. */
  recent: DeliverySums;
  /** Every month before the recent window, unweighted. */
  earlier: DeliverySums;
  rejectTrend: Trend;
  onTimeTrend: Trend;
}

/** Weight of a month `age` months before the reference month: 1 at age 0 (and for future months), 1/2 at the half-life. */
export function weightOf(age: number): number {
  return age <= 0 ? 1 : 0.5 ** (age / MATCHING.recency.halfLifeMonths);
}

const zero = (): DeliverySums => ({ lots: 0, onTime: 0, qty: 0, rejected: 0 });

function add(into: DeliverySums, m: DeliverySums, w = 1): void {
  into.lots += w * m.lots;
  into.onTime += w * m.onTime;
  into.qty += w * m.qty;
  into.rejected += w * m.rejected;
}

/** Weighs monthly records from `asOfMonth`; months are summed in the order given (callers give them oldest first). */
export function recencyOf(months: readonly DeliveryMonth[], asOfMonth: MonthIndex): Recency {
  const weighted = zero();
  const recent = zero();
  const earlier = zero();
  const from = asOfMonth - MATCHING.recency.recentMonths + 1;
  for (const m of months) {
    add(weighted, m, weightOf(asOfMonth - m.month));
    add(m.month >= from ? recent : earlier, m);
  }
  return { asOfMonth, weighted, recent, earlier, rejectTrend: rejectTrendOf(recent, earlier), onTimeTrend: onTimeTrendOf(recent, earlier) };
}

/** Reject trend: both windows need enough pieces; a change must be large both relatively and in points. */
export function rejectTrendOf(recent: DeliverySums, earlier: DeliverySums): Trend {
  const t = MATCHING.recency;
  if (recent.qty < t.minPieces || earlier.qty < t.minPieces) return "TOO_LITTLE_DATA";
  const now = recent.rejected / recent.qty;
  const before = earlier.rejected / earlier.qty;
  if (now - before >= t.rejectPointsChange && now >= before * t.rejectRatioChange) return "WORSENING";
  if (before - now >= t.rejectPointsChange && before >= now * t.rejectRatioChange) return "IMPROVING";
  return "STEADY";
}

/** On-time trend: both windows need enough lots; a change of at least onTimePointsChange points names a trend. */
export function onTimeTrendOf(recent: DeliverySums, earlier: DeliverySums): Trend {
  const t = MATCHING.recency;
  if (recent.lots < t.minLots || earlier.lots < t.minLots) return "TOO_LITTLE_DATA";
  const change = recent.onTime / recent.lots - earlier.onTime / earlier.lots;
  if (change <= -t.onTimePointsChange) return "WORSENING";
  if (change >= t.onTimePointsChange) return "IMPROVING";
  return "STEADY";
}

/** Whether either part of the record is worsening: the band is held below EXCELLENT and a TREND gap warns. */
export const worsening = (r: Recency | null | undefined): boolean => r != null && (r.rejectTrend === "WORSENING" || r.onTimeTrend === "WORSENING");

const pct = (x: number, digits: number): string => `${(x * 100).toFixed(digits)}%`;

const trendWords = (t: Trend): string => (t === "WORSENING" ? "worsening: ask for a corrective action" : t === "IMPROVING" ? "improving" : "steady");

/** "rejects 0.20% in the last 6 months, 9.00% before: improving", or null without enough data in both windows. */
export function rejectTrendText(r: Recency): string | null {
  if (r.rejectTrend === "TOO_LITTLE_DATA") return null;
  return `rejects ${pct(r.recent.rejected / r.recent.qty, 2)} in the last ${MATCHING.recency.recentMonths} months, ${pct(r.earlier.rejected / r.earlier.qty, 2)} before: ${trendWords(r.rejectTrend)}`;
}

/** "on time 70.0% in the last 6 months, 96.0% before: worsening: ask for a corrective action", or null. */
export function onTimeTrendText(r: Recency): string | null {
  if (r.onTimeTrend === "TOO_LITTLE_DATA") return null;
  return `on time ${pct(r.recent.onTime / r.recent.lots, 1)} in the last ${MATCHING.recency.recentMonths} months, ${pct(r.earlier.onTime / r.earlier.lots, 1)} before: ${trendWords(r.onTimeTrend)}`;
}

/** The sums the factors score: weighted when the record's months are known, else the plain totals (the no-data prior is unchanged: empty sums). */
export const scoredSums = (d: DeliverySums & { recency?: Recency | null }): DeliverySums => d.recency?.weighted ?? d;
