/**
 * Ranking over Columns: hard filters on bit masks first, then the scorer's formulas on the few rows
 * that pass, keeping the best k in a small sorted buffer. Pure; runs in worker threads.
 */
import { FACTORS, MATCHING, bandRange, type Band } from "../config.js";
import {
  capabilityFitValue, capacityValue, certificationValue, clusterValue, combine, distanceValue, effectiveWeights,
  haversineKm, materialValue, proximityApplies, qualityValue, toleranceValue, weightVector,
  type MatchFilter, type RankCursor,
} from "../scorer.js";
import { stageRank } from "../../domain/stages.js";
import type { NeedProfile } from "../types.js";
import { materialFamily } from "../vocabulary.js";
import { CERT_TYPES, type Columns, PROCESSES, UNITS, compareWords, encodeRegion, processMaskOf, uuidWords } from "./columns.js";

/** A need and a query, reduced to numbers; posted to workers. */
export interface CompiledQuery {
  processMask: number;
  processIds: number[];
  /** Family ids of the need's materials; -1 for a family no supplier in the columns works. */
  familyIds: number[];
  quantity: number;
  unit: number;
  tolerance: number;
  certMask: number;
  certTypes: number[];
  minStage: number;
  startDay: number;
  lat: number;
  lon: number;
  radiusKm: number;
  /** 0: no proximity; 1: by distance when known; region fallback below. */
  proximity: number;
  preferredRegion: number;
  preferredIsProvince: boolean;
  weights: number[];
  certPoints: number[];
  certPointTypes: number[];
  nearMiss: boolean;
  filterRegion: number;
  filterRegionIsProvince: boolean;
  bandLow: number;
  bandHigh: number;
  bandSet: boolean[] | null;
  stageMask: number;
  clusterFilter: number[];
  afterTotal: number;
  afterId: Uint32Array | null;
  k: number;
}

export function compileQuery(
  c: Pick<Columns, "families" | "clusters">,
  need: NeedProfile,
  options: { filter?: MatchFilter; after?: RankCursor | null; k: number; clusterIndex?: Map<string, number>; familyIndex?: Map<string, number> },
): CompiledQuery {
  const filter = options.filter ?? {};
  const familyIndex = options.familyIndex ?? new Map(c.families.map((f, i) => [f, i]));
  const clusterIndex = options.clusterIndex ?? new Map(c.clusters.map((f, i) => [f, i]));
  const families = [...new Set(need.materials.map(materialFamily))];
  const bands = filter.bands?.length ? (filter.bands as Band[]) : null;
  let afterId: Uint32Array | null = null;
  if (options.after) {
    afterId = new Uint32Array(4);
    uuidWords(options.after.id, afterId, 0);
  }
  const clusterFilter: number[] = [];
  for (const id of [filter.sentraId, filter.koperasiId]) {
    if (id) clusterFilter.push(clusterIndex.get(id) ?? -2);
  }
  const points = Object.entries(MATCHING.quality.certificationPoints);
  return {
    processMask: processMaskOf(need.processes),
    processIds: need.processes.map((p) => PROCESSES.indexOf(p)),
    familyIds: families.map((f) => familyIndex.get(f) ?? -1),
    quantity: need.quantityPerMonth,
    unit: UNITS.indexOf(need.unit),
    tolerance: need.toleranceMm ?? Number.NaN,
    certMask: need.requiredCertifications.reduce((m, t) => m | (1 << CERT_TYPES.indexOf(t)), 0),
    certTypes: need.requiredCertifications.map((t) => CERT_TYPES.indexOf(t)),
    minStage: stageRank(need.minimumStage),
    startDay: need.startDate,
    lat: need.latitude ?? Number.NaN,
    lon: need.longitude ?? Number.NaN,
    radiusKm: need.radiusKm ?? Number.NaN,
    proximity: proximityApplies(need) ? 1 : 0,
    preferredRegion: need.preferredRegionCode ? encodeRegion(need.preferredRegionCode) : -1,
    preferredIsProvince: (need.preferredRegionCode?.length ?? 0) === 2,
    weights: weightVector(effectiveWeights(need)),
    certPoints: points.map(([, p]) => p),
    certPointTypes: points.map(([t]) => CERT_TYPES.indexOf(t as (typeof CERT_TYPES)[number])),
    nearMiss: (filter.eligibility ?? "ELIGIBLE") === "NEAR_MISS",
    filterRegion: filter.regionCode ? encodeRegion(filter.regionCode) : -1,
    filterRegionIsProvince: (filter.regionCode?.length ?? 0) === 2,
    bandLow: -Infinity,
    bandHigh: Infinity,
    bandSet: bands ? (["EXCELLENT", "GOOD", "FAIR", "POOR"] as Band[]).map((b) => bands.includes(b)) : null,
    stageMask: filter.stages?.length ? filter.stages.reduce((m, s) => m | (1 << stageRank(s)), 0) : 0,
    clusterFilter,
    afterTotal: options.after?.total ?? Infinity,
    afterId,
    k: options.k,
  };
}

export interface ScanResult {
  rows: number[];
  totals: number[];
  /** Rows passing every filter (ignoring the cursor). */
  count: number;
}

const bandIndex = (total: number): number => {
  const b = MATCHING.bands;
  return total >= b.excellent ? 0 : total >= b.good ? 1 : total >= b.fair ? 2 : 3;
};

function certValidFor(c: Columns, row: number, type: number, day: number): boolean {
  for (let i = c.certStart[row]; i < c.certStart[row + 1]; i++) {
    if (c.certType[i] === type && c.certFrom[i] <= day && c.certUntil[i] >= day) return true;
  }
  return false;
}

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
  const values = new Float64Array(FACTORS.length);
  const bound = new Float64Array(FACTORS.length).fill(100); // capability fit, capacity, proximity at most 100
  const topRows: number[] = [];
  const topTotals: number[] = [];
  let count = 0;
  const hasDistance = !Number.isNaN(q.lat);
  const hasRadius = !Number.isNaN(q.radiusKm);
  const hasTolerance = !Number.isNaN(q.tolerance);
  const needProcessCount = q.processIds.length;

  // Candidates: eligible rows have every process, so the rarest process's list holds them all;
  // near-misses share at least one process, so the lists of all the need's processes (each row once).
  let lists: number[];
  if (q.nearMiss) lists = q.processIds;
  else {
    let best = q.processIds[0];
    for (const p of q.processIds) if (c.procStart[p + 1] - c.procStart[p] < c.procStart[best + 1] - c.procStart[best]) best = p;
    lists = [best];
  }

  for (let li = 0; li < lists.length; li++) {
    const p = lists[li];
    let earlier = 0;
    for (let j = 0; j < li; j++) earlier |= 1 << lists[j];
    const from = c.procStart[p];
    const len = c.procStart[p + 1] - from;
    const lo = from + Math.floor((len * part) / parts);
    const hi = from + Math.floor((len * (part + 1)) / parts);
    for (let i = lo; i < hi; i++) {
      const row = c.procRows[i];
      if (c.dead[row]) continue;
      const mask = c.processMask[row];
      if (q.nearMiss && (mask & earlier) !== 0) continue; // counted under an earlier list
      // Hard requirements.
      let failures = popcount(q.processMask & ~mask);
      if (!q.nearMiss && failures) continue;
      if (c.stage[row] < q.minStage) failures++;
      if (!q.nearMiss && failures) continue;
      for (let t = 0; t < q.certTypes.length && (q.nearMiss || failures === 0); t++) {
        const type = q.certTypes[t];
        if ((c.certMask[row] & (1 << type)) === 0 || !certValidFor(c, row, type, q.startDay)) failures++;
      }
      if (!q.nearMiss && failures) continue;
      let distance = Number.NaN;
      const rowLat = c.lat[row];
      if (hasDistance && !Number.isNaN(rowLat)) distance = haversineKm(q.lat, q.lon, rowLat, c.lon[row]);
      if (hasRadius && !(distance <= q.radiusKm)) failures++;
      if (q.nearMiss ? failures === 0 || failures > MATCHING.nearMissMaxFailures : failures > 0) continue;

      // Filters that do not need the score.
      if (q.filterRegion >= 0) {
        const region = c.region[row];
        if (q.filterRegionIsProvince ? Math.floor(region / 100) !== q.filterRegion / 100 : region !== q.filterRegion) continue;
      }
      if (q.stageMask && (q.stageMask & (1 << c.stage[row])) === 0) continue;
      if (q.clusterFilter.length) {
        let ok = true;
        for (const wanted of q.clusterFilter) {
          let found = false;
          for (let k = c.clusterStart[row]; k < c.clusterStart[row + 1]; k++) if (c.clusterId[k] === wanted) found = true;
          if (!found) ok = false;
        }
        if (!ok) continue;
      }

      // Once the top k is full, an upper bound from the need-independent factors (the others at 100)
      // rejects most rows without scoring them. Products and sums of larger terms are never smaller
      // in floating point, so a row whose bound is below the k-th total cannot enter the top k.
      const track = c.track[row];
      const delivery = c.delivery[row];
      const stage = MATCHING.stageValue[STAGE_NAMES[c.stage[row]]];
      const cluster = clusterValue((c.sentraMask[row] & q.processMask) !== 0, (c.koperasiMask[row] & q.processMask) !== 0);
      if (!q.bandSet && topRows.length === q.k) {
        bound[2] = qualityValue(100, track);
        bound[3] = delivery;
        bound[4] = stage;
        bound[6] = cluster;
        if (combine(bound, q.weights) < topTotals[q.k - 1]) {
          count++;
          continue;
        }
      }

      // Factors, with the scorer's formulas in the scorer's order.
      let matched = 0;
      let namesAny = false;
      let bestTolerance = Number.NaN;
      let capacity = Number.POSITIVE_INFINITY;
      let relevant = 0;
      for (let k = c.capStart[row]; k < c.capStart[row + 1]; k++) {
        if ((q.processMask & (1 << c.capProcess[k])) === 0) continue;
        relevant++;
        if (c.matStart[k + 1] > c.matStart[k]) namesAny = true;
        const tol = c.capTolerance[k];
        if (!Number.isNaN(tol) && (Number.isNaN(bestTolerance) || tol < bestTolerance)) bestTolerance = tol;
        const cap = c.capUnit[k] === q.unit ? c.capCapacity[k] : 0;
        if (cap < capacity) capacity = cap;
      }
      for (const fam of q.familyIds) {
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
      if (relevant !== needProcessCount || capacity === Number.POSITIVE_INFINITY) capacity = 0;
      const material = materialValue(q.familyIds.length, matched, namesAny);
      const tolerance = toleranceValue(hasTolerance ? q.tolerance : null, Number.isNaN(bestTolerance) ? null : bestTolerance);
      values[0] = capabilityFitValue(material, tolerance);
      values[1] = capacityValue(capacity, q.quantity);
      let points = 0;
      for (let t = 0; t < q.certPointTypes.length; t++) {
        const type = q.certPointTypes[t];
        if ((c.certMask[row] & (1 << type)) !== 0 && certValidFor(c, row, type, q.startDay)) points += q.certPoints[t];
      }
      values[2] = qualityValue(certificationValue(points), track);
      values[3] = delivery;
      values[4] = stage;
      let proximity = 0;
      if (q.proximity) {
        if (!Number.isNaN(distance)) proximity = distanceValue(distance);
        else if (q.preferredRegion >= 0) proximity = regionCoded(q.preferredRegion, q.preferredIsProvince, c.region[row]);
        else proximity = MATCHING.proximity.unknown;
      }
      values[5] = proximity;
      values[6] = cluster;
      const total = combine(values, q.weights);

      if (q.bandSet && !q.bandSet[bandIndex(total)]) continue;
      count++;
      // Strictly after the cursor.
      if (q.afterId && !(total < q.afterTotal || (total === q.afterTotal && compareWords(c.ids, row * 4, q.afterId, 0) > 0))) continue;
      // Most rows rank below the current k-th: reject them before any call.
      const full = topRows.length === q.k;
      if (full && total < topTotals[q.k - 1]) continue;
      insertTop(c, topRows, topTotals, q.k, row, total);
    }
  }
  return { rows: topRows, totals: topTotals, count };
}

const STAGE_NAMES = ["PEMULA", "MADYA", "PRAMANDIRI", "MANDIRI"] as const;

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

export { bandRange };
