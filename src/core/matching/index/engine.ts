/**
 * Ranking over Columns: hard filters on bit masks first, then the scorer's formulas on the few rows
 * that pass, keeping the best k in a small sorted buffer. Pure; runs in worker threads.
 */
import { FACTORS, MATCHING, type Band } from "../config.js";
import {
  capabilityFitValue, capacityValue, certificationValue, clusterValue, combine, distanceValue, effectiveWeights,
  haversineKm, latitudeGapKm, materialValue, proximityApplies, qualityValue, toleranceValue, weightVector,
  type MatchFilter, type RankCursor,
} from "../scorer.js";
import { STAGE_ORDER, stageRank } from "../../../domain/stages.js";
import type { NeedProfile } from "../types.js";
import { materialFamily } from "../vocabulary.js";
import { familyOf } from "../taxonomy.js";
import { specificBits } from "./specifics.js";
import { CERT_POINTS_BY_MASK, certificatePoints, missingCertificates } from "./certificates.js";
import { type HoldSpan, freeOf, peakHeld } from "../../supply/capacity.js";
import { capTotal, largeToleranceMiss, rejectAbove, toleranceMet } from "../requirements.js";
import {
  CERT_TYPES, type CandidateEntries, type Columns, NO_END, P, foundationKey, PACKED_STRIDE, PROCESSES, UNITS, smallCerts, smallNamesAny, smallStage, smallUnit, compareWords, encodeRegion, processMaskOf, uuidWords } from "./columns.js";

/** A need and a query, reduced to numbers; posted to workers. */
export interface CompiledQuery {
  processMask: number;
  /** Families the need names without a specific process: a row must work each. */
  familyOnlyMask: number;
  /** Specific processes the need names (index/specifics.ts bits): a row must confirm each or have its machine. */
  specificMask: number;
  processIds: number[];
  /** Family ids of the need's materials; -1 for a family no supplier in the columns works. */
  familyIds: number[];
  quantity: number;
  unit: number;
  tolerance: number;
  /** The tolerance is a hard requirement (only with a tolerance). */
  toleranceCritical: boolean;
  /** The need's reject-rate limit in ppm; NaN when it states none. */
  maxRejectPpm: number;
  certMask: number;
  certTypes: number[];
  minStage: number;
  startDay: number;
  /** Last day of the need's period, or -1 when open-ended. */
  endDay: number;
  /** The need's uuid as four words, or null when its id is no uuid (then no hold is its own). */
  needWords: Uint32Array | null;
  lat: number;
  lon: number;
  radiusKm: number;
  /** 0: no proximity; 1: by distance when known; region fallback below. */
  proximity: number;
  preferredRegion: number;
  preferredIsProvince: boolean;
  weights: number[];
  nearMiss: boolean;
  filterRegion: number;
  filterRegionIsProvince: boolean;
  bandSet: boolean[] | null;
  stageMask: number;
  clusterFilter: number[];
  afterTotal: number;
  afterId: Uint32Array | null;
  /** Size of the best list to return (0: only count). */
  k: number;
  /** Count every row passing the filters (totalCount). Without it, rows that cannot reach the best k are skipped early. */
  count: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function wordsOf(id: string): Uint32Array {
  const out = new Uint32Array(4);
  uuidWords(id, out, 0);
  return out;
}

export function compileQuery(
  c: Pick<Columns, "families" | "clusters">,
  need: NeedProfile,
  options: { filter?: MatchFilter; after?: RankCursor | null; k: number; count?: boolean; clusterIndex?: Map<string, number>; familyIndex?: Map<string, number> },
): CompiledQuery {
  const filter = options.filter ?? {};
  const familyIndex = options.familyIndex ?? new Map(c.families.map((f, i) => [f, i]));
  const clusterIndex = options.clusterIndex ?? new Map(c.clusters.map((f, i) => [f, i]));
  const families = [...new Set(need.materials.map(materialFamily))];
  const specifics = need.specificProcesses ?? [];
  const bands = filter.bands?.length ? (filter.bands as Band[]) : null;
  let afterId: Uint32Array | null = null;
  if (options.after) {
    afterId = new Uint32Array(4);
    uuidWords(options.after.id, afterId, 0);
  }
  const clusterFilter: number[] = [];
  for (const id of [filter.sentraId, filter.koperasiId, filter.foundationId && foundationKey(filter.foundationId)]) {
    if (id) clusterFilter.push(clusterIndex.get(id) ?? -2);
  }
  return {
    processMask: processMaskOf(need.processes),
    familyOnlyMask: processMaskOf(need.processes.filter((p) => !specifics.some((code) => familyOf(code) === p))),
    specificMask: specificBits(specifics),
    processIds: need.processes.map((p) => PROCESSES.indexOf(p)),
    familyIds: families.map((f) => familyIndex.get(f) ?? -1),
    quantity: need.quantityPerMonth,
    unit: UNITS.indexOf(need.unit),
    tolerance: need.toleranceMm ?? Number.NaN,
    toleranceCritical: need.toleranceCritical === true && need.toleranceMm != null,
    maxRejectPpm: need.maxRejectPpm ?? Number.NaN,
    certMask: need.requiredCertifications.reduce((m, t) => m | (1 << CERT_TYPES.indexOf(t)), 0),
    certTypes: need.requiredCertifications.map((t) => CERT_TYPES.indexOf(t)),
    minStage: stageRank(need.minimumStage),
    startDay: need.startDate,
    endDay: need.endDate ?? -1,
    needWords: UUID.test(need.id) ? wordsOf(need.id) : null,
    lat: need.latitude ?? Number.NaN,
    lon: need.longitude ?? Number.NaN,
    radiusKm: need.radiusKm ?? Number.NaN,
    proximity: proximityApplies(need) ? 1 : 0,
    preferredRegion: need.preferredRegionCode ? encodeRegion(need.preferredRegionCode) : -1,
    preferredIsProvince: (need.preferredRegionCode?.length ?? 0) === 2,
    weights: weightVector(effectiveWeights(need)),
    nearMiss: (filter.eligibility ?? "ELIGIBLE") === "NEAR_MISS",
    filterRegion: filter.regionCode ? encodeRegion(filter.regionCode) : -1,
    filterRegionIsProvince: (filter.regionCode?.length ?? 0) === 2,
    bandSet: bands ? (["EXCELLENT", "GOOD", "FAIR", "POOR"] as Band[]).map((b) => bands.includes(b)) : null,
    stageMask: filter.stages?.length ? filter.stages.reduce((m, s) => m | (1 << stageRank(s)), 0) : 0,
    clusterFilter,
    afterTotal: options.after?.total ?? Infinity,
    afterId,
    k: options.k,
    count: options.count ?? true,
  };
}

export interface ScanResult {
  rows: number[];
  totals: number[];
  /** Rows passing every filter (ignoring the cursor); -1 when the query did not ask to count. */
  count: number;
}

const bandIndex = (total: number): number => {
  const b = MATCHING.bands;
  return total >= b.excellent ? 0 : total >= b.good ? 1 : total >= b.fair ? 2 : 3;
};

/** The latitude-gap bound is exact in theory; this margin keeps float rounding from excluding a row wrongly. */
const RADIUS_SLACK = 1.000001;

const popcount = (x: number): number => {
  let v = x >>> 0;
  let n = 0;
  while (v) {
    v &= v - 1;
    n++;
  }
  return n;
};

/**
 * Scans a share of the candidate rows: share `part` of `parts` of each candidate list, so worker
 * threads split the work evenly. Returns the best k after the cursor, best first.
 */
export function scan(c: Columns, q: CompiledQuery, part = 0, parts = 1): ScanResult {
  const top: Top = { rows: [], totals: [] };
  const count = walkLists(c, q, top, (from, to) => [from + Math.floor(((to - from) * part) / parts), from + Math.floor(((to - from) * (part + 1)) / parts)]);
  return { rows: top.rows, totals: top.totals, count: q.count ? count : -1 };
}

/**
 * Whether a counting query counts this one row: the scan's own test on the row's entries, found by
 * binary search in each candidate list (rows ascend there). What a change takes away from a
 * remembered count (infra/match-index/revise.ts).
 */
export function countsRow(c: Columns, q: CompiledQuery, row: number): boolean {
  const rowEntry = (from: number, to: number, entries: CandidateEntries): readonly [number, number] | null => {
    let lo = from;
    let hi = to - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (entries.row[mid] < row) lo = mid + 1;
      else if (entries.row[mid] > row) hi = mid - 1;
      else return [mid, mid + 1];
    }
    return null;
  };
  return walkLists(c, { ...q, k: 0, count: true }, { rows: [], totals: [] }, rowEntry) > 0;
}

/**
 * Walks the query's candidate lists (certified entries only when it requires a certificate), each
 * over the entries `range` picks of its from..to (none: skipped); returns the rows counted.
 */
function walkLists(c: Columns, q: CompiledQuery, top: Top, range: (from: number, to: number, entries: CandidateEntries) => readonly [number, number] | null): number {
  const certifiedOnly = !q.nearMiss && q.certMask !== 0;
  const entries = certifiedOnly ? c.certEntry : c.entry;
  const colProcStart = certifiedOnly ? c.certProcStart : c.procStart;
  const lists = candidateLists(colProcStart, q.processIds, q.nearMiss);
  const values = new Float64Array(FACTORS.length);
  let count = 0;
  for (let li = 0; li < lists.length; li++) {
    const p = lists[li];
    let earlier = 0;
    for (let j = 0; j < li; j++) earlier |= 1 << lists[j];
    const picked = range(colProcStart[p], colProcStart[p + 1], entries);
    if (picked) count += scanRange(c, q, entries, picked[0], picked[1], earlier, top, values);
  }
  return count;
}

/** The best k so far, best first: rows and their totals side by side. */
interface Top {
  rows: number[];
  totals: number[];
}

/**
 * The candidate lists to walk: eligible rows have every process, so the rarest process's list holds
 * them all (only its certified rows when the need requires a certificate); near-misses share at
 * least one process, so the lists of all the need's processes (each row once).
 */
function candidateLists(colProcStart: Int32Array, processIds: number[], nearMiss: boolean): number[] {
  if (nearMiss) return processIds;
  let best = processIds[0];
  for (const p of processIds) if (colProcStart[p + 1] - colProcStart[p] < colProcStart[best + 1] - colProcStart[best]) best = p;
  return [best];
}

/**
 * The hot loop over entries lo..hi of one candidate list (rows already counted under an earlier
 * list, `earlier`, are skipped): hard requirements, filters, score, top k. Returns the rows passing
 * every filter. Everything it reads per row is in locals; the rare parts are plain calls.
 */
function scanRange(c: Columns, q: CompiledQuery, entries: CandidateEntries, lo: number, hi: number, earlier: number, top: Top, values: Float64Array): number {
  const {
    familyOnlyMask: qFamilyOnlyMask, specificMask: qSpecificMask, certMask: qCertMask, certTypes: qCertTypes, minStage: qMinStage, startDay: qStartDay,
    lat: qLat, lon: qLon, radiusKm: qRadiusKm, nearMiss: qNearMiss, filterRegion: qFilterRegion,
    filterRegionIsProvince: qFilterRegionIsProvince, bandSet: qBandSet, stageMask: qStageMask, clusterFilter: qClusterFilter,
    afterTotal: qAfterTotal, afterId: qAfterId, k: qK, count: qCount, tolerance: qTolerance, toleranceCritical: qToleranceCritical,
  } = q;
  // Columns in locals: the loop reads typed arrays, not properties.
  const { dead: colDead, lon: colLon, region: colRegion, specificMask: colSpecific } = c;
  const { row: eRow, processMask: eProcessMask, packed } = entries;
  const { rows: topRows, totals: topTotals } = top;
  const anyDead = c.deadCount[0] > 0;
  const hasRadius = !Number.isNaN(qRadiusKm);
  const hasTolerance = !Number.isNaN(qTolerance);
  let count = 0;
  for (let i = lo; i < hi; i++) {
    const e = i;
    const row = eRow[e];
    const at = e * PACKED_STRIDE;
    const small = packed[at + P.small];
    const entryStage = smallStage(small);
    const entryCerts = smallCerts(small);
    if (anyDead && colDead[row]) continue;
    const mask = eProcessMask[e];
    if (qNearMiss && (mask & earlier) !== 0) continue; // counted under an earlier list
    // Hard requirements.
    // Hard requirements: each family named alone, each specific process (process-requirements.ts).
    let failures = popcount(qFamilyOnlyMask & ~mask);
    if (qSpecificMask !== 0) failures += popcount(qSpecificMask & ~colSpecific[row]);
    if (!qNearMiss && failures) continue;
    if (entryStage < qMinStage) failures++;
    if (qToleranceCritical && !toleranceMet(qTolerance, nullable(rowBestTolerance(c, q, packed, at, row)))) failures++;
    if (!qNearMiss && (failures || (entryCerts & qCertMask) !== qCertMask)) continue; // lacks a required type
    // Not counting and the best k are full: a bound from this entry alone (material, certificates
    // and proximity at their best) skips rows that cannot make the list before any row lookup.
    if (!qCount && topRows.length === qK && qK > 0 && entryBound(q, packed, at, hasTolerance, values) < topTotals[qK - 1]) continue;
    if (qCertTypes.length && (qNearMiss || failures === 0)) failures += missingCertificates(c, row, entryCerts, qCertTypes, qStartDay, qNearMiss);
    if (!qNearMiss && failures) continue;
    // Distance only when a radius needs it now; otherwise later, for rows worth scoring.
    let distance = Number.NaN;
    const rowLat = packed[at + P.lat];
    if (hasRadius) {
      if (Number.isNaN(rowLat) || latitudeGapKm(qLat, rowLat) > qRadiusKm * RADIUS_SLACK) failures++;
      else {
        distance = haversineKm(qLat, qLon, rowLat, colLon[row]);
        if (!(distance <= qRadiusKm)) failures++;
      }
    }
    if (qNearMiss ? failures === 0 || failures > MATCHING.nearMissMaxFailures : failures > 0) continue;

    // Filters that do not need the score.
    if (qFilterRegion >= 0) {
      const region = colRegion[row];
      if (qFilterRegionIsProvince ? Math.floor(region / 100) !== qFilterRegion / 100 : region !== qFilterRegion) continue;
    }
    if (qStageMask && (qStageMask & (1 << entryStage)) === 0) continue;
    if (qClusterFilter.length && !inAllClusters(c, row, qClusterFilter)) continue;

    if (qK === 0 && !qBandSet) {
      count++; // counting only: no score needed
      continue;
    }
    const kth = !qBandSet && topRows.length === qK && qK > 0 ? topTotals[qK - 1] : -Infinity;
    const total = scoreCandidate(c, q, packed, e, row, rowLat, distance, values, kth);
    if (Number.isNaN(total)) {
      count++;
      continue;
    }

    if (qBandSet && !qBandSet[bandIndex(total)]) continue;
    count++;
    // Strictly after the cursor.
    if (qAfterId && !(total < qAfterTotal || (total === qAfterTotal && compareWords(c.ids, row * 4, qAfterId, 0) > 0))) continue;
    // Most rows rank below the current k-th: reject them before any call.
    const full = topRows.length === qK;
    if (full && total < topTotals[qK - 1]) continue;
    insertTop(c, topRows, topTotals, qK, row, total);
  }
  return count;
}

/** The most an entry could score from its packed numbers alone: material, certificates and proximity at their best. */
function entryBound(q: CompiledQuery, packed: Float64Array, at: number, hasTolerance: boolean, values: Float64Array): number {
  const small = packed[at + P.small];
  const single = q.processIds.length === 1;
  const entryTolerance = packed[at + P.tolerance];
  const tolerance = !single ? 100 : toleranceValue(hasTolerance ? q.tolerance : null, Number.isNaN(entryTolerance) ? null : entryTolerance);
  values[0] = capabilityFitValue(100, tolerance);
  values[1] = single ? capacityValue(smallUnit(small) === q.unit ? packed[at + P.capacity] : 0, q.quantity) : 100;
  values[2] = qualityValue(certificationValue(CERT_POINTS_BY_MASK[smallCerts(small)]), packed[at + P.track]);
  values[3] = packed[at + P.delivery];
  values[4] = STAGE_VALUES[smallStage(small)];
  values[5] = q.proximity ? 100 : 0;
  values[6] = clusterValue((packed[at + P.sentraMask] & q.processMask) !== 0, (packed[at + P.koperasiMask] & q.processMask) !== 0);
  return combine(values, q.weights);
}

/** Whether the row belongs to every cluster of the filter. */
function inAllClusters(c: Columns, row: number, wanted: number[]): boolean {
  let ok = true;
  for (const id of wanted) {
    let found = false;
    for (let k = c.clusterStart[row]; k < c.clusterStart[row + 1]; k++) if (c.clusterId[k] === id) found = true;
    if (!found) ok = false;
  }
  return ok;
}

/**
 * The factors of one candidate (the scorer's formulas, in its order), or NaN when an upper bound
 * shows it cannot beat `kth`. Kept out of scan() so the hot filtering loop stays small.
 */
function scoreCandidate(c: Columns, q: CompiledQuery, packed: Float64Array, e: number, row: number, rowLat: number, distanceIn: number, values: Float64Array, kth: number): number {
  const at = e * PACKED_STRIDE;
  const small = packed[at + P.small];
  let distance = distanceIn;
  // Cheap exact factors first: capacity, tolerance, certificates and the precomputed ones.
  let namesAny = false;
  let bestTolerance = Number.NaN;
  let capacity = Number.POSITIVE_INFINITY;
  let relevant = 0;
  if (q.processIds.length === 1) {
    // The entry is the capability for the need's one process.
    relevant = 1;
    namesAny = smallNamesAny(small);
    bestTolerance = packed[at + P.tolerance];
    capacity = smallUnit(small) === q.unit ? freeOf(packed[at + P.capacity], committedAt(c, q, row, q.processIds[0])) : 0;
  } else {
    for (let k = c.capStart[row]; k < c.capStart[row + 1]; k++) {
      if ((q.processMask & (1 << c.capProcess[k])) === 0) continue;
      relevant++;
      if (c.matStart[k + 1] > c.matStart[k]) namesAny = true;
      const tol = c.capTolerance[k];
      if (!Number.isNaN(tol) && (Number.isNaN(bestTolerance) || tol < bestTolerance)) bestTolerance = tol;
      const cap = c.capUnit[k] === q.unit ? freeOf(c.capCapacity[k], committedAt(c, q, row, c.capProcess[k])) : 0;
      if (cap < capacity) capacity = cap;
    }
  }
  if (relevant !== q.processIds.length || capacity === Number.POSITIVE_INFINITY) capacity = 0;
  const tolerance = toleranceValue(!Number.isNaN(q.tolerance) ? q.tolerance : null, Number.isNaN(bestTolerance) ? null : bestTolerance);
  const { points, lapsing } = certificatePoints(c, q, row, smallCerts(small));
  values[1] = capacityValue(capacity, q.quantity);
  values[2] = qualityValue(certificationValue(points), packed[at + P.track]);
  values[3] = packed[at + P.delivery];
  values[4] = STAGE_VALUES[smallStage(small)];
  values[6] = clusterValue((packed[at + P.sentraMask] & q.processMask) !== 0, (packed[at + P.koperasiMask] & q.processMask) !== 0);

  // Once the top k is full, an upper bound (material coverage and proximity at 100) rejects most
  // rows before the costly parts. Products and sums of larger terms are never smaller in floating
  // point, so a row whose bound is below the k-th total cannot enter the top k.
  if (kth > -Infinity) {
    values[0] = capabilityFitValue(100, tolerance);
    values[5] = q.proximity ? 100 : 0;
    if (combine(values, q.weights) < kth) return Number.NaN;
  }

  // The costly parts: material families and distance.
  values[0] = capabilityFitValue(materialValue(q.familyIds.length, familiesMatched(c, q, row), namesAny), tolerance);
  let proximity = 0;
  if (q.proximity) {
    if (!Number.isNaN(q.lat) && !Number.isNaN(rowLat) && Number.isNaN(distance)) distance = haversineKm(q.lat, q.lon, rowLat, c.lon[row]);
    if (!Number.isNaN(distance)) proximity = distanceValue(distance);
    else if (q.preferredRegion >= 0) proximity = regionCoded(q.preferredRegion, q.preferredIsProvince, c.region[row]);
    else proximity = MATCHING.proximity.unknown;
  }
  values[5] = proximity;
  const best = nullable(bestTolerance);
  const capped = lapsing || (!q.toleranceCritical && largeToleranceMiss(nullable(q.tolerance), best)) || rejectAbove(nullable(c.rejectPpm[row]), nullable(q.maxRejectPpm)) || c.worsening[row] === 1;
  return capTotal(combine(values, q.weights), capped);
}

/** NaN (the columns' "none") as null, for the scorer's rule functions. */
const nullable = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** The row's best tolerance over its capabilities for the need's processes (NaN: none stated), as bestToleranceOf. */
function rowBestTolerance(c: Columns, q: CompiledQuery, packed: Float64Array, at: number, row: number): number {
  if (q.processIds.length === 1) return packed[at + P.tolerance];
  let best = Number.NaN;
  for (let k = c.capStart[row]; k < c.capStart[row + 1]; k++) {
    if ((q.processMask & (1 << c.capProcess[k])) === 0) continue;
    const tol = c.capTolerance[k];
    if (!Number.isNaN(tol) && (Number.isNaN(best) || tol < best)) best = tol;
  }
  return best;
}

/**
 * What the row's capacity-holding partnerships (ACTIVE, awards' PENDING; but the need's own) hold of one process in the need's unit
 * over the need's period: capacity.ts's committedFor over the hold columns, through the same peakHeld.
 */
function committedAt(c: Columns, q: CompiledQuery, row: number, process: number): number {
  const from = c.holdStart[row];
  const to = c.holdStart[row + 1];
  if (from === to) return 0;
  const spans: HoldSpan[] = [];
  for (let h = from; h < to; h++) {
    if (c.holdProcess[h] !== process || c.holdUnit[h] !== q.unit) continue;
    if (q.needWords && compareWords(c.holdNeed, h * 4, q.needWords, 0) === 0) continue;
    spans.push([c.holdFrom[h], c.holdUntil[h] === NO_END ? null : c.holdUntil[h], c.holdQty[h]]);
  }
  return spans.length ? peakHeld(spans, q.startDay, q.endDay < 0 ? null : q.endDay) : 0;
}

/** The need's material families the row works in the need's processes. */
function familiesMatched(c: Columns, q: CompiledQuery, row: number): number {
  let matched = 0;
  for (let f = 0; f < q.familyIds.length; f++) {
    const fam = q.familyIds[f];
    if (fam < 0) continue;
    let has = false;
    for (let k = c.capStart[row]; k < c.capStart[row + 1] && !has; k++) {
      if ((q.processMask & (1 << c.capProcess[k])) === 0) continue;
      for (let m = c.matStart[k]; m < c.matStart[k + 1]; m++) {
        if (c.matFamily[m] === fam) {
          has = true;
          break;
        }
      }
    }
    if (has) matched++;
  }
  return matched;
}

/** Stage values by stored stage (stageRank, the domain's order), from the scorer's table. */
const STAGE_VALUES = STAGE_ORDER.map((s) => MATCHING.stageValue[s]);

/** regionValue() over encoded regions (same constants, same rules). */
function regionCoded(preferred: number, preferredIsProvince: boolean, region: number): number {
  const p = MATCHING.proximity;
  const sameProvince = Math.floor(region / 100) === Math.floor(preferred / 100);
  if (preferredIsProvince ? sameProvince : region === preferred) return p.sameRegency;
  if (sameProvince) return p.sameProvince;
  return p.elsewhere;
}

/** Whether row a ranks before row b (total desc, then id asc). */
function before(c: Columns, aTotal: number, aRow: number, bTotal: number, bRow: number): boolean {
  if (aTotal !== bTotal) return aTotal > bTotal;
  return compareWords(c.ids, aRow * 4, c.ids, bRow * 4) < 0;
}

/** Keeps the k best (total desc, id asc) in sorted arrays; k is at most a page (<= 101). */
function insertTop(c: Columns, rows: number[], totals: number[], k: number, row: number, total: number): void {
  const n = rows.length;
  if (n === k && !before(c, total, row, totals[n - 1], rows[n - 1])) return;
  let at = n;
  while (at > 0 && before(c, total, row, totals[at - 1], rows[at - 1])) at--;
  rows.splice(at, 0, row);
  totals.splice(at, 0, total);
  if (rows.length > k) {
    rows.pop();
    totals.pop();
  }
}

