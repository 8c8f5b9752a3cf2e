/**
 * Ranking over Columns: hard filters on bit masks first, then the scorer's formulas on the few rows
 * that pass, keeping the best k in a small sorted buffer. Pure; runs in worker threads.
 */
import { FACTORS, MATCHING, bandRange, type Band } from "../config.js";
import {
  capabilityFitValue, capacityValue, certificationValue, clusterValue, combine, distanceValue, effectiveWeights,
  haversineKm, latitudeGapKm, materialValue, proximityApplies, qualityValue, toleranceValue, weightVector,
  type MatchFilter, type RankCursor,
} from "../scorer.js";
import { stageRank } from "../../domain/stages.js";
import type { NeedProfile } from "../types.js";
import { materialFamily } from "../vocabulary.js";
import { CERT_TYPES, type Columns, PROCESSES, STAGES, UNITS, compareWords, encodeRegion, processMaskOf, uuidWords } from "./columns.js";

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
  /** Size of the best list to return (0: only count). */
  k: number;
  /** Count every row passing the filters (totalCount). Without it, rows that cannot reach the best k are skipped early. */
  count: boolean;
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
  const { processMask: qProcessMask, processIds: qProcessIds, familyIds: qFamilyIds, quantity: qQuantity, unit: qUnit, tolerance: qTolerance, certMask: qCertMask, certTypes: qCertTypes, minStage: qMinStage, startDay: qStartDay, lat: qLat, lon: qLon, radiusKm: qRadiusKm, proximity: qProximity, preferredRegion: qPreferredRegion, preferredIsProvince: qPreferredIsProvince, weights: qWeights, certPoints: qCertPoints, certPointTypes: qCertPointTypes, nearMiss: qNearMiss, filterRegion: qFilterRegion, filterRegionIsProvince: qFilterRegionIsProvince, bandSet: qBandSet, stageMask: qStageMask, clusterFilter: qClusterFilter, afterTotal: qAfterTotal, afterId: qAfterId, k: qK, count: qCount } = q;
  // Columns in locals: the loop reads typed arrays, not properties.
  const { dead: colDead, processMask: colProcessMask, stage: colStage, certMask: colCertMask, certStart: colCertStart, certType: colCertType, certFrom: colCertFrom, certUntil: colCertUntil, lat: colLat, lon: colLon, region: colRegion, clusterStart: colClusterStart, clusterId: colClusterId, track: colTrack, delivery: colDelivery, sentraMask: colSentraMask, koperasiMask: colKoperasiMask, capStart: colCapStart, capProcess: colCapProcess, matStart: colMatStart, matFamily: colMatFamily, capTolerance: colCapTolerance, capUnit: colCapUnit, capCapacity: colCapCapacity, procStart, certProcStart, certEntries, deadCount } = c;
  const { row: eRow, stage: eStage, certMask: eCertMask, processMask: eProcessMask, sentraMask: eSentraMask, koperasiMask: eKoperasiMask, track: eTrack, delivery: eDelivery, lat: eLat, capacity: eCapacity, unit: eUnit, tolerance: eTolerance, namesAny: eNamesAny } = c.entry;
  const anyDead = deadCount[0] > 0;
  const values = new Float64Array(FACTORS.length);
  const topRows: number[] = [];
  const topTotals: number[] = [];
  let count = 0;
  const hasDistance = !Number.isNaN(qLat);
  const hasRadius = !Number.isNaN(qRadiusKm);
  const hasTolerance = !Number.isNaN(qTolerance);
  const needProcessCount = qProcessIds.length;

  // Candidates: eligible rows have every process, so the rarest process's list holds them all
  // (only its certified rows when the need requires a certificate); near-misses share at least one
  // process, so the lists of all the need's processes (each row once).
  const certifiedOnly = !qNearMiss && qCertMask !== 0;
  const colProcStart = certifiedOnly ? certProcStart : procStart;
  let lists: number[];
  if (qNearMiss) lists = qProcessIds;
  else {
    let best = qProcessIds[0];
    for (const p of qProcessIds) if (colProcStart[p + 1] - colProcStart[p] < colProcStart[best + 1] - colProcStart[best]) best = p;
    lists = [best];
  }

  for (let li = 0; li < lists.length; li++) {
    const p = lists[li];
    let earlier = 0;
    for (let j = 0; j < li; j++) earlier |= 1 << lists[j];
    const from = colProcStart[p];
    const len = colProcStart[p + 1] - from;
    const lo = from + Math.floor((len * part) / parts);
    const hi = from + Math.floor((len * (part + 1)) / parts);
    for (let i = lo; i < hi; i++) {
      const e = certifiedOnly ? certEntries[i] : i;
      const row = eRow[e];
      if (anyDead && colDead[row]) continue;
      const mask = eProcessMask[e];
      if (qNearMiss && (mask & earlier) !== 0) continue; // counted under an earlier list
      // Hard requirements.
      let failures = popcount(qProcessMask & ~mask);
      if (!qNearMiss && failures) continue;
      if (eStage[e] < qMinStage) failures++;
      if (!qNearMiss && (failures || (eCertMask[e] & qCertMask) !== qCertMask)) continue; // lacks a required type
      // Not counting and the best k are full: a bound from this entry alone (material, certificates
      // and proximity at their best) skips rows that cannot make the list before any row lookup.
      if (!qCount && topRows.length === qK && qK > 0) {
        const single = needProcessCount === 1;
        const tolerance = !single ? 100 : toleranceValue(hasTolerance ? qTolerance : null, Number.isNaN(eTolerance[e]) ? null : eTolerance[e]);
        values[0] = capabilityFitValue(100, tolerance);
        values[1] = single ? capacityValue(eUnit[e] === qUnit ? eCapacity[e] : 0, qQuantity) : 100;
        values[2] = qualityValue(100, eTrack[e]);
        values[3] = eDelivery[e];
        values[4] = STAGE_VALUES[eStage[e]];
        values[5] = qProximity ? 100 : 0;
        values[6] = clusterValue((eSentraMask[e] & qProcessMask) !== 0, (eKoperasiMask[e] & qProcessMask) !== 0);
        if (combine(values, qWeights) < topTotals[qK - 1]) continue;
      }
      for (let t = 0; t < qCertTypes.length && (qNearMiss || failures === 0); t++) {
        const type = qCertTypes[t];
        let valid = false;
        if ((eCertMask[e] & (1 << type)) !== 0) {
          for (let x = colCertStart[row]; x < colCertStart[row + 1]; x++) {
            if (colCertType[x] === type && colCertFrom[x] <= qStartDay && colCertUntil[x] >= qStartDay) valid = true;
          }
        }
        if (!valid) failures++;
      }
      if (!qNearMiss && failures) continue;
      // Distance only when a radius needs it now; otherwise later, for rows worth scoring.
      let distance = Number.NaN;
      const rowLat = eLat[e];
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
      if (qStageMask && (qStageMask & (1 << eStage[e])) === 0) continue;
      if (qClusterFilter.length) {
        let ok = true;
        for (const wanted of qClusterFilter) {
          let found = false;
          for (let k = colClusterStart[row]; k < colClusterStart[row + 1]; k++) if (colClusterId[k] === wanted) found = true;
          if (!found) ok = false;
        }
        if (!ok) continue;
      }

      if (qK === 0 && !qBandSet) {
        count++; // counting only: no score needed
        continue;
      }
      // Cheap exact factors first: capacity, tolerance, certificates and the precomputed ones.
      let namesAny = false;
      let bestTolerance = Number.NaN;
      let capacity = Number.POSITIVE_INFINITY;
      let relevant = 0;
      if (needProcessCount === 1) {
        // The entry is the capability for the need's one process.
        relevant = 1;
        namesAny = eNamesAny[e] === 1;
        bestTolerance = eTolerance[e];
        capacity = eUnit[e] === qUnit ? eCapacity[e] : 0;
      } else {
        for (let k = colCapStart[row]; k < colCapStart[row + 1]; k++) {
          if ((qProcessMask & (1 << colCapProcess[k])) === 0) continue;
          relevant++;
          if (colMatStart[k + 1] > colMatStart[k]) namesAny = true;
          const tol = colCapTolerance[k];
          if (!Number.isNaN(tol) && (Number.isNaN(bestTolerance) || tol < bestTolerance)) bestTolerance = tol;
          const cap = colCapUnit[k] === qUnit ? colCapCapacity[k] : 0;
          if (cap < capacity) capacity = cap;
        }
      }
      if (relevant !== needProcessCount || capacity === Number.POSITIVE_INFINITY) capacity = 0;
      const tolerance = toleranceValue(hasTolerance ? qTolerance : null, Number.isNaN(bestTolerance) ? null : bestTolerance);
      let points = 0;
      const certs = eCertMask[e];
      if (certs !== 0) {
        for (let t = 0; t < qCertPointTypes.length; t++) {
          const type = qCertPointTypes[t];
          if ((certs & (1 << type)) === 0) continue;
          for (let x = colCertStart[row]; x < colCertStart[row + 1]; x++) {
            if (colCertType[x] === type && colCertFrom[x] <= qStartDay && colCertUntil[x] >= qStartDay) {
              points += qCertPoints[t];
              break;
            }
          }
        }
      }
      values[1] = capacityValue(capacity, qQuantity);
      values[2] = qualityValue(certificationValue(points), eTrack[e]);
      values[3] = eDelivery[e];
      values[4] = STAGE_VALUES[eStage[e]];
      values[6] = clusterValue((eSentraMask[e] & qProcessMask) !== 0, (eKoperasiMask[e] & qProcessMask) !== 0);

      // Once the top k is full, an upper bound (material coverage and proximity at 100) rejects most
      // rows before the costly parts. Products and sums of larger terms are never smaller in floating
      // point, so a row whose bound is below the k-th total cannot enter the top k.
      if (!qBandSet && topRows.length === qK && qK > 0) {
        values[0] = capabilityFitValue(100, tolerance);
        values[5] = qProximity ? 100 : 0;
        if (combine(values, qWeights) < topTotals[qK - 1]) {
          count++;
          continue;
        }
      }

      // The costly parts: material families and distance.
      let matched = 0;
      for (let f = 0; f < qFamilyIds.length; f++) {
        const fam = qFamilyIds[f];
        if (fam < 0) continue;
        let has = false;
        for (let k = colCapStart[row]; k < colCapStart[row + 1] && !has; k++) {
          if ((qProcessMask & (1 << colCapProcess[k])) === 0) continue;
          for (let m = colMatStart[k]; m < colMatStart[k + 1]; m++) {
            if (colMatFamily[m] === fam) {
              has = true;
              break;
            }
          }
        }
        if (has) matched++;
      }
      values[0] = capabilityFitValue(materialValue(qFamilyIds.length, matched, namesAny), tolerance);
      let proximity = 0;
      if (qProximity) {
        if (hasDistance && !Number.isNaN(rowLat) && Number.isNaN(distance)) distance = haversineKm(qLat, qLon, rowLat, colLon[row]);
        if (!Number.isNaN(distance)) proximity = distanceValue(distance);
        else if (qPreferredRegion >= 0) proximity = regionCoded(qPreferredRegion, qPreferredIsProvince, colRegion[row]);
        else proximity = MATCHING.proximity.unknown;
      }
      values[5] = proximity;
      const total = combine(values, qWeights);

      if (qBandSet && !qBandSet[bandIndex(total)]) continue;
      count++;
      // Strictly after the cursor.
      if (qAfterId && !(total < qAfterTotal || (total === qAfterTotal && compareWords(c.ids, row * 4, qAfterId, 0) > 0))) continue;
      // Most rows rank below the current k-th: reject them before any call.
      const full = topRows.length === qK;
      if (full && total < topTotals[qK - 1]) continue;
      insertTop(c, topRows, topTotals, qK, row, total);
    }
  }
  return { rows: topRows, totals: topTotals, count: qCount ? count : -1 };
}

/** Stage values by stage index (STAGES order), from the scorer's table. */
const STAGE_VALUES = STAGES.map((s) => MATCHING.stageValue[s]);

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
