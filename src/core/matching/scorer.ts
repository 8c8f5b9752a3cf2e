/**
 * The pure scorer: hard requirements first, then weighted factors on 0..100. No I/O.
 *
 * The in-memory index (./index/engine.ts) scores from typed arrays with the same formula functions
 * below, in the same order, so both give bit-for-bit the same totals; tests hold them to it.
 */
import type { MaturityStage } from "../../domain/enums.js";
import { FACTORS, MATCHING, type Factor, type Weights, bandOf } from "./config.js";
import type { FactorScore, Gap, MatchResult, NeedProfile, SupplierProfile } from "./types.js";
import { bestToleranceOf, capGaps, capTotal, certificateVerdict, fmt, hardRequirements, rejectPpmOf } from "./requirements.js";
import { dayText } from "../../domain/dates.js";
import { monthsCovered, termMonthsOf } from "../../domain/need-period.js";
import { materialFamily } from "./vocabulary.js";
import { committedWhen, freeOf } from "../supply/capacity.js";
import { onTimeTrendText, rejectTrendText, scoredSums } from "./recency.js";

// ---- formulas shared with the in-memory engine -------------------------------------------------

export { haversineKm, latitudeGapKm } from "./requirements.js";

/** Share of the need's material families the supplier works (100 when the need names none). */
export function materialValue(required: number, matched: number, supplierNamesAny: boolean): number {
  if (required === 0) return 100;
  if (!supplierNamesAny) return MATCHING.capabilityFit.unknown;
  return (matched / required) * 100;
}

/** 100 when the best achievable tolerance meets the required one, falling with the ratio when looser. */
export function toleranceValue(requiredMm: number | null, bestMm: number | null): number {
  if (requiredMm == null) return 100;
  if (bestMm == null) return MATCHING.capabilityFit.unknown;
  return bestMm <= requiredMm ? 100 : (requiredMm / bestMm) * 100;
}

export function capabilityFitValue(material: number, tolerance: number): number {
  const c = MATCHING.capabilityFit;
  return c.materialShare * material + c.toleranceShare * tolerance;
}

export function capacityValue(capacity: number, quantity: number): number {
  return capacity >= quantity ? 100 : (capacity / quantity) * 100;
}

export function certificationValue(points: number): number {
  return Math.min(100, points);
}

/** Reject rate smoothed towards the prior, mapped to 0..100. */
function rejectValue(qty: number, rejected: number): number {
  const q = MATCHING.quality;
  const rate = (rejected + q.rejectPriorRate * q.rejectPriorPieces) / (qty + q.rejectPriorPieces);
  return 100 * Math.max(0, 1 - rate / q.rejectZeroScoreRate);
}

/** The need-independent part of quality: the 5R audit and the reject record. */
export function qualityTrackValue(fiveRPercent: number | null, qty: number, rejected: number): number {
  const q = MATCHING.quality;
  return q.fiveRShare * (fiveRPercent ?? q.fiveRPrior) + q.rejectShare * rejectValue(qty, rejected);
}

export function qualityValue(certification: number, track: number): number {
  return MATCHING.quality.certificationShare * certification + track;
}

/** On-time rate smoothed towards the prior, mapped so the floor rate is 0 and 100% is 100. */
function smoothedOnTimeRate(lots: number, onTime: number): number {
  const d = MATCHING.delivery;
  return (onTime + d.priorRate * d.priorLots) / (lots + d.priorLots);
}

export function deliveryValue(lots: number, onTime: number): number {
  const d = MATCHING.delivery;
  const rate = smoothedOnTimeRate(lots, onTime);
  return 100 * Math.min(1, Math.max(0, (rate - d.floorRate) / (1 - d.floorRate)));
}

function stageValue(stage: MaturityStage): number {
  return MATCHING.stageValue[stage];
}

export function distanceValue(km: number): number {
  return 100 * 0.5 ** (km / MATCHING.proximity.halfLifeKm);
}

/** Region-only proximity: the need's preferred region against the supplier's region code. */
function regionValue(preferred: string, supplierRegion: string): number {
  const p = MATCHING.proximity;
  if (preferred.length > 2 ? supplierRegion === preferred : supplierRegion.slice(0, 2) === preferred) return p.sameRegency;
  if (supplierRegion.slice(0, 2) === preferred.slice(0, 2)) return p.sameProvince;
  return p.elsewhere;
}

export function clusterValue(sentra: boolean, koperasi: boolean): number {
  const c = MATCHING.cluster;
  return Math.min(100, (sentra ? c.sentra : 0) + (koperasi ? c.koperasi : 0));
}

/** Whether the proximity factor applies: only when the need says where it wants the part made. */
export const proximityApplies = (need: Pick<NeedProfile, "latitude" | "preferredRegionCode">): boolean =>
  need.latitude != null || need.preferredRegionCode != null;

/**
 * The need's weights: its overrides on top of the defaults, factors that do not apply to it set to
 * 0, normalised to sum to 1. Every supplier of one need is weighed alike.
 */
export function effectiveWeights(need: Pick<NeedProfile, "weights" | "latitude" | "preferredRegionCode">): Weights {
  // One need profile is weighed once per request, however many steps (service, index, scorer) ask:
  // profiles are not changed after they are made, so the answer is kept with the object.
  let weights = weightsOf.get(need);
  if (!weights) weightsOf.set(need, (weights = Object.freeze(weigh(need))));
  return weights;
}

const weightsOf = new WeakMap<object, Weights>();

function weigh(need: Pick<NeedProfile, "weights" | "latitude" | "preferredRegionCode">): Weights {
  const raw: Weights = { ...MATCHING.weights, ...(need.weights ?? {}) };
  if (!proximityApplies(need)) raw.proximity = 0;
  const sum = FACTORS.reduce((s, f) => s + raw[f], 0);
  const out = {} as Weights;
  // All weights 0 (possible when only proximity was weighted and it does not apply): weigh the
  // applicable factors alike rather than rank on nothing.
  const applicable = FACTORS.filter((f) => f !== "proximity" || proximityApplies(need));
  for (const f of FACTORS) out[f] = sum > 0 ? raw[f] / sum : applicable.includes(f) ? 1 / applicable.length : 0;
  return out;
}

/** Sum of value x weight in FACTORS order; the engine sums the same way. */
export function combine(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < FACTORS.length; i++) total += values[i] * weights[i];
  return total;
}

export const weightVector = (w: Weights): number[] => FACTORS.map((f) => w[f]);

// ---- the scorer --------------------------------------------------------------------------------

/** Scores one supplier for one need, eligible or not, with every reason spelled out. */
export function scoreMatch(need: NeedProfile, supplier: SupplierProfile, weights: Weights = effectiveWeights(need)): MatchResult {
  const capsByProcess = new Map(supplier.capabilities.map((c) => [c.process, c]));
  const relevant = need.processes.map((p) => capsByProcess.get(p)).filter((c) => c !== undefined);
  const bestTolerance = bestToleranceOf(relevant);
  const { requirements, distanceKm } = hardRequirements(need, supplier, capsByProcess, bestTolerance);
  const gaps: Gap[] = [];
  for (const r of requirements) {
    if (!r.met) gaps.push({ kind: r.unconfirmed ? "UNCONFIRMED_PROCESS" : r.kind, hard: true, subject: r.subject, message: r.message, shortfall: null });
  }
  const fit = capabilityFit(need, relevant, bestTolerance, gaps);
  const capacity = bottleneckCapacity(need, supplier, relevant, gaps);
  const { certification, validTypes } = validCertificates(need, supplier);
  const scored = scoredSums(supplier.delivery);
  const quality = qualityValue(certification, qualityTrackValue(supplier.fiveRPercent, scored.qty, scored.rejected));
  const delivery = deliveryValue(scored.lots, scored.onTime);
  const stage = stageValue(supplier.stage);
  const { proximity, proximityDetail } = proximityOf(need, supplier, distanceKm);
  const sentraHit = supplier.sentraProcesses.some((p) => need.processes.includes(p));
  const koperasiHit = supplier.koperasiPeerProcesses.some((p) => need.processes.includes(p));
  const cluster = clusterValue(sentraHit, koperasiHit);

  const values: Record<Factor, number> = {
    capabilityFit: capabilityFitValue(fit.material, fit.tolerance),
    capacity: capacityValue(capacity.free, need.quantityPerMonth),
    quality,
    delivery,
    stage,
    proximity,
    cluster,
  };
  const details = factorDetails(need, supplier, { fit, capacity, validTypes, proximityDetail, sentraHit, koperasiHit });
  const w = weightVector(weights);
  const v = FACTORS.map((f) => values[f]);
  const capped = capGaps(need, supplier, bestTolerance, gaps);
  const total = capTotal(combine(v, w), capped);
  const factors: FactorScore[] = FACTORS.map((factor, i) => ({
    factor,
    value: v[i],
    weight: w[i],
    contribution: v[i] * w[i],
    applicable: factor !== "proximity" || proximityApplies(need),
    detail: details[factor],
  }));

  const failures = requirements.filter((r) => !r.met).length;
  const sharesProcess = need.processes.some((p) => capsByProcess.has(p));
  return {
    needId: need.id,
    supplierId: supplier.id,
    eligible: failures === 0,
    nearMiss: failures > 0 && failures <= MATCHING.nearMissMaxFailures && sharesProcess,
    total,
    band: bandOf(total),
    capped,
    factors,
    requirements,
    gaps,
    distanceKm,
  };
}

type Capability = SupplierProfile["capabilities"][number];

interface Fit {
  material: number;
  tolerance: number;
  needFamilies: string[];
  missingMaterials: string[];
  bestTolerance: number | null;
}

/** Capability fit: material families and tolerance over the capabilities for the need's processes; adds their gaps. */
function capabilityFit(need: NeedProfile, relevant: readonly Capability[], bestTolerance: number | null, gaps: Gap[]): Fit {
  const supplierFamilies = new Set<string>();
  for (const cap of relevant) for (const m of cap.materials) supplierFamilies.add(materialFamily(m));
  const needFamilies = [...new Set(need.materials.map(materialFamily))];
  const missingMaterials = needFamilies.filter((f) => !supplierFamilies.has(f));
  const material = materialValue(needFamilies.length, needFamilies.length - missingMaterials.length, supplierFamilies.size > 0);
  const tolerance = toleranceValue(need.toleranceMm, bestTolerance);
  if (supplierFamilies.size > 0 && missingMaterials.length) {
    gaps.push({ kind: "MATERIAL", hard: false, subject: missingMaterials.join(", "), message: `works no ${missingMaterials.join(" or ")} for these processes`, shortfall: null });
  }
  // A critical tolerance missed is a hard requirement's gap (hardRequirements); a soft one costs points.
  if (!need.toleranceCritical && need.toleranceMm != null && bestTolerance != null && bestTolerance > need.toleranceMm) {
    gaps.push({ kind: "TOLERANCE", hard: false, subject: `${need.toleranceMm} mm`, message: `holds ±${bestTolerance} mm; the part needs ±${need.toleranceMm} mm`, shortfall: null });
  }
  return { material, tolerance, needFamilies, missingMaterials, bestTolerance };
}

/** The bottleneck of free capacity: the process with the least free in the need's unit, what is stated and committed there. */
interface Capacity {
  free: number;
  stated: number;
  committed: number;
  /** The first day that much is committed (the need's start when held from the start). */
  busiestDay: number;
}

/**
 * Capacity: free capacity (stated less what ACTIVE partnerships and awards' PENDING ones hold over the need's period,
 * committedFor) at the bottleneck process, counted only in the need's unit; adds the gap when short.
 */
function bottleneckCapacity(need: NeedProfile, supplier: SupplierProfile, relevant: readonly Capability[], gaps: Gap[]): Capacity {
  let least: Capacity = { free: relevant.length === need.processes.length ? Infinity : 0, stated: 0, committed: 0, busiestDay: need.startDate };
  const otherUnits: string[] = [];
  for (const cap of relevant) {
    const sameUnit = cap.unit === need.unit;
    const stated = sameUnit ? cap.monthlyCapacity : 0;
    const { held: committed, day: busiestDay } = sameUnit ? committedWhen(supplier.commitments, cap.process, need.unit, need) : { held: 0, day: need.startDate };
    const free = freeOf(stated, committed);
    if (!sameUnit) otherUnits.push(`${cap.process} in ${cap.unit}`);
    if (free < least.free) least = { free, stated, committed, busiestDay };
  }
  if (least.free === Infinity) least = { free: 0, stated: 0, committed: 0, busiestDay: need.startDate };
  if (least.free < need.quantityPerMonth) {
    const short = need.quantityPerMonth - least.free;
    gaps.push({
      kind: "CAPACITY",
      hard: false,
      subject: `${need.quantityPerMonth} ${need.unit}/month`,
      message: `makes ${fmt(least.free)} of ${fmt(need.quantityPerMonth)} ${need.unit} a month; ${fmt(short)} short` +
        (least.committed > 0 ? ` (${fmt(least.committed)} of its ${fmt(least.stated)} committed or reserved elsewhere${busiestText(need, least)})` : "") +
        (otherUnits.length ? ` (capacity stated as ${otherUnits.join(", ")})` : ""),
      shortfall: short,
    });
  }
  return least;
}

/**
 * The capacity factor's explanation: free of stated, and how much is committed or reserved (ACTIVE and
 * PENDING partnerships alike: domain/partnership-status.ts), never to whom, nor for what.
 */
function capacityDetail(need: NeedProfile, c: Capacity): string {
  if (c.committed === 0) return `${fmt(c.free)} of ${fmt(need.quantityPerMonth)} ${need.unit} a month`;
  return `capacity ${fmt(c.free)} free of ${fmt(c.stated)} ${need.unit} a month; ${fmt(c.committed)} committed or reserved${busiestText(need, c)}; the need asks ${fmt(need.quantityPerMonth)}`;
}

/** When the most is committed only later in the need's period: from which day (the tightest part decides). */
const busiestText = (need: NeedProfile, c: Capacity): string =>
  c.busiestDay > need.startDate ? ` from ${dayText(c.busiestDay)}, the busiest part of the need's period` : "";

/**
 * Quality's certificate part: each type valid on the start date (each type once) earns its points
 * times the share of the need's period it covers (certificates.ts; 1 when it runs to the end).
 */
function validCertificates(need: NeedProfile, supplier: SupplierProfile): { certification: number; validTypes: string[] } {
  let points = 0;
  const validTypes: string[] = [];
  for (const [type, p] of Object.entries(MATCHING.quality.certificationPoints)) {
    const verdict = certificateVerdict(need, supplier, type);
    if (verdict.kind === "MISSING") continue;
    points += p * (verdict.kind === "LAPSES" ? verdict.share : 1);
    validTypes.push(verdict.kind === "LAPSES"
      ? `${type} (to ${dayText(verdict.through)}: ${monthsCovered(need.startDate, need.endDate as number, verdict.through)} of ${termMonthsOf(need.startDate, need.endDate as number)} months)`
      : type);
  }
  return { certification: certificationValue(points), validTypes };
}

function proximityOf(need: NeedProfile, supplier: SupplierProfile, distanceKm: number | null): { proximity: number; proximityDetail: string } {
  if (!proximityApplies(need)) return { proximity: 0, proximityDetail: "the need names no place" };
  if (distanceKm != null) {
    return { proximity: distanceValue(distanceKm), proximityDetail: `${fmt(distanceKm)} km away (value halves every ${MATCHING.proximity.halfLifeKm} km)` };
  }
  if (need.preferredRegionCode != null) {
    return {
      proximity: regionValue(need.preferredRegionCode, supplier.regionCode),
      proximityDetail: `region ${supplier.regionCode} against the preferred ${need.preferredRegionCode}`,
    };
  }
  return { proximity: MATCHING.proximity.unknown, proximityDetail: "the supplier's location is unknown" };
}

/**
 * The reject record, against the need's limit when it states one; no record is no failure. With
 * the months known: the weighted rate (what scores), then the recent and earlier figures and the trend.
 */
function rejectDetail(need: NeedProfile, d: SupplierProfile["delivery"]): string {
  const w = scoredSums(d);
  const ppm = rejectPpmOf(w.qty, w.rejected);
  const limit = need.maxRejectPpm == null ? "" : `; the need accepts ${fmt(need.maxRejectPpm)} ppm`;
  if (ppm == null) return need.maxRejectPpm == null ? "no record" : `no delivery record${limit}, so not checked`;
  const trend = d.recency ? rejectTrendText(d.recency) : null;
  const weighed = d.recency ? `; weighted by age ${fmt((w.rejected / w.qty) * 100, 2)}%` : "";
  return `${fmt((d.rejected / d.qty) * 100, 2)}% of ${fmt(d.qty)} pieces${weighed}` + (trend ? `; ${trend}` : "") + (limit ? ` (${fmt(ppm)} ppm${limit})` : "");
}

/** The on-time record: plain counts, the smoothed (weighted) rate that scores, and the trend. */
function deliveryDetail(d: SupplierProfile["delivery"]): string {
  if (!d.lots) return `no delivery record; prior ${MATCHING.delivery.priorRate * 100}% on time`;
  const w = scoredSums(d);
  const trend = d.recency ? onTimeTrendText(d.recency) : null;
  return `${d.onTime} of ${d.lots} lots on time; smoothed ${fmt(smoothedOnTimeRate(w.lots, w.onTime) * 100, 1)}%` +
    (d.recency ? ` (months weighted by age, half-life ${MATCHING.recency.halfLifeMonths} months)` : "") + (trend ? `; ${trend}` : "");
}

/** The factors' explanations, from what scoreMatch found. */
function factorDetails(
  need: NeedProfile,
  supplier: SupplierProfile,
  found: { fit: Fit; capacity: Capacity; validTypes: string[]; proximityDetail: string; sentraHit: boolean; koperasiHit: boolean },
): Record<Factor, string> {
  const { fit, capacity, validTypes, sentraHit, koperasiHit } = found;
  const { needFamilies, missingMaterials, material, bestTolerance, tolerance } = fit;
  const d = supplier.delivery;
  return {
    capabilityFit:
      `materials ${needFamilies.length ? `${needFamilies.length - missingMaterials.length}/${needFamilies.length} (${fmt(material)})` : "not specified"}, ` +
      `tolerance ${need.toleranceMm == null ? "not specified" : bestTolerance == null ? "not stated by the supplier" : `±${bestTolerance} mm for ±${need.toleranceMm} mm`} (${fmt(tolerance)})`,
    capacity: capacityDetail(need, capacity),
    quality:
      `valid certificates: ${validTypes.length ? validTypes.join(", ") : "none"}; ` +
      `5R ${supplier.fiveRPercent == null ? `not audited (prior ${MATCHING.quality.fiveRPrior}%)` : `${supplier.fiveRPercent}%`}; ` +
      `rejects ${rejectDetail(need, d)}`,
    delivery: deliveryDetail(d),
    stage: `YDBA stage ${supplier.stage}`,
    proximity: found.proximityDetail,
    cluster: [sentraHit && "sentra works the process", koperasiHit && "koperasi peers work the process"].filter(Boolean).join("; ") || "no sentra or koperasi backing for these processes",
  };
}

// ---- ranking -----------------------------------------------------------------------------------

export type Eligibility = "ELIGIBLE" | "NEAR_MISS";

export interface MatchFilter {
  eligibility?: Eligibility;
  /** Province "33" or regency "33.10". */
  regionCode?: string | null;
  bands?: string[] | null;
  stages?: MaturityStage[] | null;
  sentraId?: string | null;
  koperasiId?: string | null;
  /** Mentees of this foundation (or of its regional centres). */
  foundationId?: string | null;
}

/** Position in a ranking: strictly after (total, id) means a lower total, or the same total and a larger id. */
export interface RankCursor {
  total: number;
  id: string;
}

export const rankedBefore = (aTotal: number, aId: string, bTotal: number, bId: string): boolean =>
  aTotal > bTotal || (aTotal === bTotal && aId < bId);

export function passesFilter(result: MatchResult, supplier: SupplierProfile, filter: MatchFilter): boolean {
  const wanted = filter.eligibility ?? "ELIGIBLE";
  if (wanted === "ELIGIBLE" ? !result.eligible : !result.nearMiss) return false;
  if (filter.regionCode && !(supplier.regionCode === filter.regionCode || (filter.regionCode.length === 2 && supplier.regionCode.slice(0, 2) === filter.regionCode))) return false;
  if (filter.bands?.length && !filter.bands.includes(result.band)) return false;
  if (filter.stages?.length && !filter.stages.includes(supplier.stage)) return false;
  if (filter.sentraId && !supplier.sentraIds.includes(filter.sentraId)) return false;
  if (filter.koperasiId && !supplier.koperasiIds.includes(filter.koperasiId)) return false;
  if (filter.foundationId && !supplier.foundationIds.includes(filter.foundationId)) return false;
  return true;
}

export interface Ranking<T = MatchResult> {
  results: T[];
  /** Suppliers that pass the filter, on every page. */
  totalCount: number;
  hasNextPage: boolean;
}

/** Ranks suppliers for a need: by total, highest first, ties broken by IKM id; pure and deterministic. */
export function rankSuppliers(
  need: NeedProfile,
  suppliers: Iterable<SupplierProfile>,
  options: { first: number; after?: RankCursor | null; filter?: MatchFilter },
): Ranking {
  const weights = effectiveWeights(need);
  const filter = options.filter ?? {};
  const passing: MatchResult[] = [];
  for (const s of suppliers) {
    const r = scoreMatch(need, s, weights);
    if (passesFilter(r, s, filter)) passing.push(r);
  }
  return rankedPage(passing, (r) => r.supplierId, options.first, options.after);
}

/**
 * Sorts results best first (total desc, then key asc) in place and cuts the page strictly after the
 * cursor: suppliers for a need (key: IKM id), or needs for a supplier (key: need id).
 */
export function rankedPage<T extends Pick<MatchResult, "total">>(results: T[], keyOf: (r: T) => string, first: number, after?: RankCursor | null): Ranking<T> {
  results.sort((a, b) => (rankedBefore(a.total, keyOf(a), b.total, keyOf(b)) ? -1 : 1));
  const start = after ? results.findIndex((r) => rankedBefore(after.total, after.id, r.total, keyOf(r))) : 0;
  const from = start < 0 ? results.length : start;
  return {
    results: results.slice(from, from + first),
    totalCount: results.length,
    hasNextPage: from + first < results.length,
  };
}
