/** Preparation shared by both methods: validated, canonically ordered needs and their candidates. */
import { badInput } from "../../../domain/errors.js";
import type { Process, QuantityUnit } from "../../../domain/enums.js";
import { minimumUnits } from "../capacity.js";
import type { ClusterRef } from "../clusters.js";
import { type AllocationNeed, type AllocationOption, type AllocationProblem, type AllocationRules, DEFAULT_RULES } from "./types.js";

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const clusterKey = (c: ClusterRef): string => `${c.kind}:${c.id}`;
const capKey = (process: Process, unit: QuantityUnit): string => `${process}|${unit}`;


export interface Candidate {
  ikmId: string;
  ikm: number;
  score: number;
  /** min(Q, the IKM's free capacity for the need). */
  upper: number;
  /** Cluster keys of the IKM. */
  clusters: string[];
}

export interface PreparedNeed {
  need: AllocationNeed;
  quantity: number;
  minimum: number;
  /** Eligible options given. */
  eligible: number;
  /** Eligible IKMs in all: the need's eligibleTotal when larger than `eligible`, else `eligible`. */
  eligibleTotal: number;
  /** Eligible with some free capacity for the need, but less than the minimum share. */
  belowMinimum: number;
  /** Eligible and able to take the minimum share, best value first. */
  usable: Candidate[];
  /** The first candidatesPerNeed of usable: the ones the methods may use. */
  candidates: Candidate[];
  /** Capacity keys the need uses at any IKM. */
  keys: string[];
}

export interface Prepared {
  rules: AllocationRules;
  needs: PreparedNeed[];
  ikmIds: string[];
  /** Per IKM index: free capacity by capKey. */
  free: Array<Map<string, number>>;
  clusters: Map<string, ClusterRef>;
}

export function prepare(problem: AllocationProblem): Prepared {
  const rules: AllocationRules = { ...DEFAULT_RULES, ...(problem.rules ?? {}) };
  if (!Number.isInteger(rules.maxMembers) || rules.maxMembers < 1) throw badInput(`maxMembers must be a whole number of at least 1, got ${rules.maxMembers}`);
  if (!(rules.minShare >= 0 && rules.minShare <= 1)) throw badInput(`minShare must be between 0 and 1, got ${rules.minShare}`);
  if (!Number.isInteger(rules.candidatesPerNeed) || rules.candidatesPerNeed < 1) throw badInput(`candidatesPerNeed must be a whole number of at least 1, got ${rules.candidatesPerNeed}`);
  if (!(rules.timeLimitSeconds >= 0)) throw badInput(`timeLimitSeconds must be 0 or more, got ${rules.timeLimitSeconds}`);

  const needs = [...problem.needs].sort((a, b) => cmp(a.id, b.id));
  for (let n = 0; n < needs.length; n++) {
    const q = needs[n].quantityPerMonth;
    if (!Number.isInteger(q) || q <= 0) throw badInput(`need ${needs[n].id}: quantityPerMonth must be a positive whole number, got ${q}`);
    if (n > 0 && needs[n].id === needs[n - 1].id) throw badInput(`need ${needs[n].id} is given twice`);
    const total = needs[n].eligibleTotal;
    if (total !== undefined && !(Number.isInteger(total) && total >= 0)) throw badInput(`need ${needs[n].id}: eligibleTotal must be a whole number of at least 0, got ${total}`);
  }

  const ikmIndex = new Map<string, number>();
  const ikmIds: string[] = [];
  const free: Array<Map<string, number>> = [];
  const ikmClusters: string[][] = [];
  const clusters = new Map<string, ClusterRef>();
  for (const s of [...problem.supply].sort((a, b) => cmp(a.ikmId, b.ikmId))) {
    if (ikmIndex.has(s.ikmId)) throw badInput(`supply of IKM ${s.ikmId} is given twice`);
    ikmIndex.set(s.ikmId, ikmIds.length);
    ikmIds.push(s.ikmId);
    const caps = new Map<string, number>();
    for (const f of s.free) {
      if (Number.isNaN(f.quantity)) throw badInput(`IKM ${s.ikmId}: free capacity of ${f.process} is not a number`);
      const key = capKey(f.process, f.unit);
      caps.set(key, (caps.get(key) ?? 0) + Math.max(0, Math.floor(f.quantity)));
    }
    free.push(caps);
    const keys = [...new Set(s.clusters.map(clusterKey))].sort(cmp);
    for (const c of s.clusters) clusters.set(clusterKey(c), c);
    ikmClusters.push(keys);
  }

  const byNeed = new Map<string, AllocationOption[]>(needs.map((n) => [n.id, []]));
  for (const o of problem.options) {
    const list = byNeed.get(o.needId);
    if (!list) throw badInput(`option for need ${o.needId}, which is not among the needs`);
    if (!(o.score >= 0 && o.score <= 100)) throw badInput(`option ${o.needId}/${o.ikmId}: score must be within 0..100, got ${o.score}`);
    list.push(o);
  }

  const prepared: PreparedNeed[] = needs.map((need) => {
    const quantity = need.quantityPerMonth;
    const minimum = minimumUnits(quantity, rules.minShare);
    const keys = [...new Set(need.processes.map((p) => capKey(p, need.unit)))];
    const seen = new Set<string>();
    let eligible = 0;
    let belowMinimum = 0;
    const usable: Candidate[] = [];
    for (const o of byNeed.get(need.id)!) {
      if (seen.has(o.ikmId)) throw badInput(`option ${need.id}/${o.ikmId} is given twice`);
      seen.add(o.ikmId);
      if (!o.eligible) continue;
      eligible++;
      const ikm = ikmIndex.get(o.ikmId);
      let capacity = 0;
      if (ikm !== undefined && keys.length > 0) {
        capacity = Infinity;
        for (const k of keys) capacity = Math.min(capacity, free[ikm].get(k) ?? 0);
      }
      const upper = Math.min(quantity, capacity);
      if (upper >= minimum) usable.push({ ikmId: o.ikmId, ikm: ikm!, score: o.score, upper, clusters: ikmClusters[ikm!] });
      else if (upper > 0) belowMinimum++;
    }
    // Value to the need if the IKM served it alone: what the objective would gain. Coverage weighs
    // most, so capacity counts as much as score when choosing whom to keep.
    const value = (c: Candidate) => ((rules.coverageReward + c.score) * c.upper) / quantity;
    usable.sort((a, b) => value(b) - value(a) || b.score - a.score || cmp(a.ikmId, b.ikmId));
    const eligibleTotal = Math.max(eligible, need.eligibleTotal ?? 0);
    return { need, quantity, minimum, eligible, eligibleTotal, belowMinimum, usable, candidates: usable.slice(0, rules.candidatesPerNeed), keys };
  });
  return { rules, needs: prepared, ikmIds, free, clusters };
}

/**
 * The groups of candidates (indexes) that may share the need: each cluster with two or more of
 * them, less the clusters whose candidates are all in a larger kept one (a consortium allowed in
 * the smaller is allowed in the larger, so dropping it loses nothing: a regional foundation
 * centre's mentees inside the foundation's, a sentra inside a koperasi); all candidates as one
 * group without the cluster rule; none when maxMembers is 1.
 */
export function consortiumGroups(candidates: readonly Candidate[], rules: AllocationRules): number[][] {
  if (rules.maxMembers < 2 || candidates.length < 2) return [];
  if (!rules.consortiaWithinCluster) return [candidates.map((_, k) => k)];
  const map = new Map<string, number[]>();
  candidates.forEach((c, k) => {
    for (const key of c.clusters) {
      let list = map.get(key);
      if (!list) map.set(key, (list = []));
      list.push(k);
    }
  });
  const groups = [...map.entries()].filter(([, m]) => m.length >= 2).sort((a, b) => b[1].length - a[1].length || cmp(a[0], b[0]));
  const kept: Array<Set<number>> = [];
  for (const [, members] of groups) {
    if (kept.some((g) => members.every((k) => g.has(k)))) continue;
    kept.push(new Set(members));
  }
  return kept.map((g) => [...g]);
}

/**
 * Most units the need could get from these IKMs if it were the only need: one IKM, or up to
 * maxMembers of one cluster (of any IKMs without the cluster rule), each taking at least the
 * minimum. For j members the best is the j largest capacities, feasible when j minimum shares fit
 * in the quantity.
 */
export function standaloneMax(p: PreparedNeed, list: readonly Candidate[], rules: AllocationRules): number {
  let best = 0;
  for (const c of list) best = Math.max(best, c.upper);
  if (rules.maxMembers < 2) return best;
  const groups = consortiumGroups(list, rules).map((g) => g.map((k) => list[k]));
  for (const g of groups) {
    const uppers = g.map((c) => c.upper).sort((a, b) => b - a);
    let sum = 0;
    for (let j = 1; j <= Math.min(rules.maxMembers, uppers.length); j++) {
      sum += uppers[j - 1];
      if (j * p.minimum <= p.quantity) best = Math.max(best, Math.min(p.quantity, sum));
    }
  }
  return best;
}

/** One need's part of the objective (../allocation.ts's header) for its candidates' units. */
export function needObjective(p: PreparedNeed, row: readonly number[], rules: AllocationRules): number {
  let covered = 0;
  let scored = 0;
  let members = 0;
  p.candidates.forEach((c, k) => {
    if (row[k] <= 0) return;
    covered += row[k];
    scored += c.score * row[k];
    members++;
  });
  return (rules.coverageReward * covered + scored) / p.quantity - rules.perMemberCost * Math.max(0, members - 1);
}

/** units[n][k]: units of prepared need n from its candidate k. */
export type Units = number[][];
