/**
 * Capacity-aware allocation (issue 7): assign several open needs at once to IKMs and to consortia
 * of one cluster's members, so that coverage and score are high and no IKM is committed beyond its
 * free monthly capacity (its stated capacity minus what it already makes under partnerships), and
 * say for every unit left uncovered why.
 *
 * Pure: plain data in, plain data out, deterministic. The only side effect is loading the HiGHS
 * WebAssembly module once (loadSolver). The module does not score: callers pass each (need, IKM)
 * pair's eligibility and 0..100 score (scoreOptions builds them with the scorer) and each IKM's
 * free capacity (supplyOf builds it from a profile and its commitments).
 *
 * Units and processes. Quantities and capacities are whole units a month in the need's unit; a
 * capacity stated in another unit counts as 0 for the need (no conversion: pieces to kg needs a
 * part weight), as in the scorer. An IKM that makes x units of a need uses x units of its capacity
 * in EVERY process the need lists, because each piece passes through all of them in the same
 * workshop; so one IKM's capacity for one need is its smallest free capacity over the need's
 * processes (the scorer's bottleneck), and two needs that share a process at one IKM share that
 * process's capacity. A chain in which one IKM casts and another machines is not modelled:
 * consortia split the quantity, every member makes the whole part. Processes do not take
 * different times per part (no hours-per-piece routing): one unit of a need is one unit of each
 * of its processes.
 *
 * Model (a mixed-integer program solved by HiGHS). Each need n has a quantity Q_n, a minimum
 * share L_n = ceil(minShare * Q_n) and candidates: eligible IKMs that can take L_n, at most
 * candidatesPerNeed of them, best first by what each could bring alone. The candidates that may
 * share the need form groups (consortiumGroups: each cluster, koperasi, sentra or foundation, with
 * two or more of them). Each group g is a mode of the need with a binary w[n,g]; candidates in no
 * group form a solo mode. For each mode and candidate i in it:
 *   x[n,g,i] >= 0, units a month; y[n,g,i] binary, a member; U[n,i] = min(Q_n, free capacity for n);
 *   L_n * y <= x <= U[n,i] * y                       (a member takes at least the minimum share);
 *   sum_i x[n,g,i] <= Q_n * w[n,g];  sum_i y[n,g,i] <= maxMembers * w[n,g]   (a consortium);
 *   sum of the solo y + sum_g w[n,g] <= 1            (one member alone, or one group);
 *     (so, with the rows above, never more than Q_n in all);
 *   sum over needs using process p in unit u of x at IKM i <= free[i, p, u]  (capacity);
 *   maximise sum_n [ coverageReward * covered_n / Q_n            (covering comes first)
 *                  + sum_i score[n,i] * units[n,i] / Q_n         (score-weighted coverage, 0..100)
 *                  - perMemberCost * (members_n - 1) ]           (coordinating a consortium).
 * A group's own copy of the columns (the disaggregated form) is what keeps the LP relaxation from
 * pooling two clusters into one consortium: the aggregated form (one x per pair, clusters as side
 * constraints) is smaller, but its relaxation was 8-13% above the optimum and HiGHS hit 10 s on 10
 * needs x 200 IKMs; this one's was within 2% on the benchmark's problems. Without the cluster
 * rule (consortiaWithinCluster false) all candidates form one group. Three exact reductions keep
 * it fast: needs that share no candidate are solved apart (components); a cluster whose candidates
 * all lie in a larger one is no separate mode; and the maxMembers rows, which rarely bind at the
 * optimum but slowed HiGHS several times, enter only for needs that may want more members and
 * for needs whose answer broke them (solved again). x is continuous: with whole quantities and
 * capacities the optimum is almost always whole, integer x made HiGHS's root cuts take seconds,
 * and the answer is floored (which keeps it feasible) and topped up where capacity is left. So
 * HiGHS's "Optimal" is about the model with continuous x: the answer is proven optimal
 * (Allocation.provenOptimal) only when the rounded answer is worth what HiGHS's solution was. The
 * per-member cost is the expensive part (a fixed charge): without it solves were 2-5 times
 * faster but used two to three times as many extra members for a few points of score.
 *
 * Time limit. timeLimitSeconds bounds the whole allocation, not each solve: a solve is given
 * what is left of it, and once less than MIN_SOLVE_SECONDS is left no solve starts; the groups of
 * needs not solved yet get greedy's answer restricted to them (the same as greedy's for all needs,
 * since the groups share no IKM), and a group that wanted a second solve keeps its first answer
 * cut to maxMembers. Each group's answer is also the better of the solver's and greedy's, so a
 * solve stopped with a poor solution (or none) costs nothing against greedy.
 *
 * Deterministic: needs and candidates enter the model in a canonical order (need id; candidate
 * value, score, IKM id), so the same input in any order gives the same model, and HiGHS is
 * single-threaded here with a fixed seed. Only an allocation that reaches the time limit (a solve
 * stopped by it, groups of needs left to greedy) depends on the machine's speed.
 */
import highsDefault, { type Highs, type InitOptions } from "highs";
import { DomainError, badInput } from "../../domain/errors.js";
import type { Process, QuantityUnit } from "../../domain/enums.js";
import type { Weights } from "../matching/config.js";
import { effectiveWeights, scoreMatch } from "../matching/scorer.js";
import type { NeedProfile, SupplierProfile } from "../matching/types.js";
import { minimumUnits } from "./capacity.js";
import { CLUSTER_KIND_ORDER, type ClusterRef, clustersOf } from "./clusters.js";
import { ALLOCATION, CONSORTIUM } from "./config.js";

// ---- input -------------------------------------------------------------------------------------

export type { ClusterKind, ClusterRef } from "./clusters.js";

/** What the allocation needs of a need; quantityPerMonth must be a positive whole number. */
export type AllocationNeed = Pick<NeedProfile, "id" | "processes" | "quantityPerMonth" | "unit"> & {
  /**
   * IKMs eligible in all, when the options list only some of them, e.g. the best 500 of a
   * ranking. A whole number; when it exceeds the eligible options given, the need's eligibleIkms
   * reports it and the units the IKMs given cannot reach are NOT_CONSIDERED (the others might reach
   * them) rather than a lack of capacity. Less than the eligible options given counts as their number.
   */
  eligibleTotal?: number;
};

/** One (need, IKM) pair as the scorer judged it. Pairs not given are not eligible. */
export interface AllocationOption {
  needId: string;
  ikmId: string;
  /** The scorer's total, 0..100. */
  score: number;
  eligible: boolean;
}

export interface FreeCapacity {
  process: Process;
  unit: QuantityUnit;
  /** Units a month still free; fractions are floored, negatives count as 0. */
  quantity: number;
}

export interface IkmSupply {
  ikmId: string;
  /** Free capacity per process and unit; a process not listed has none. */
  free: FreeCapacity[];
  /** The koperasi, sentra and foundations the IKM belongs to: consortium members must share one. */
  clusters: ClusterRef[];
}

/** What an IKM already makes under a partnership: it uses capacity the way an allocation does. */
export interface Commitment {
  ikmId: string;
  processes: Process[];
  unit: QuantityUnit;
  quantityPerMonth: number;
}

export interface AllocationRules {
  /** Most IKMs sharing one need (CONSORTIUM.maxMembers). */
  maxMembers: number;
  /** Least share of a need's quantity one IKM may take (CONSORTIUM.minShare), rounded up to a whole unit. */
  minShare: number;
  /** Two or more IKMs share a need only when they belong to one koperasi, sentra or foundation. */
  consortiaWithinCluster: boolean;
  /** Candidates per need that enter the model (ALLOCATION.candidatesPerNeed). */
  candidatesPerNeed: number;
  /** Points for covering a need's whole quantity (ALLOCATION.coverageReward). */
  coverageReward: number;
  /** Points per member beyond the first (CONSORTIUM.coordination.perMember). */
  perMemberCost: number;
  /** Longest solve before the best solution found is taken (ALLOCATION.timeLimitSeconds). */
  timeLimitSeconds: number;
  /** Relative gap at which HiGHS may stop as optimal (ALLOCATION.mipRelativeGap). */
  mipRelativeGap: number;
}

export const DEFAULT_RULES: Readonly<AllocationRules> = {
  maxMembers: CONSORTIUM.maxMembers,
  minShare: CONSORTIUM.minShare,
  consortiaWithinCluster: true,
  candidatesPerNeed: ALLOCATION.candidatesPerNeed,
  coverageReward: ALLOCATION.coverageReward,
  perMemberCost: CONSORTIUM.coordination.perMember,
  timeLimitSeconds: ALLOCATION.timeLimitSeconds,
  mipRelativeGap: ALLOCATION.mipRelativeGap,
};

export interface AllocationProblem {
  needs: readonly AllocationNeed[];
  options: readonly AllocationOption[];
  supply: readonly IkmSupply[];
  rules?: Partial<AllocationRules>;
}

// ---- output ------------------------------------------------------------------------------------

/**
 * Why units of a need stay uncovered, in the order they are checked:
 * - NO_ELIGIBLE_IKM: no IKM meets the need's hard requirements.
 * - NO_FREE_CAPACITY: eligible IKMs exist, but none has the minimum share free in the need's unit
 *   for all its processes (committed under partnerships, or stated in another unit).
 * - CAPACITY_SHORT: the free capacity of all eligible IKMs together is less than the quantity.
 * - CONSORTIUM_RULES: there is more capacity, but no consortium within the rules (max members,
 *   one cluster, minimum share) reaches it.
 * - NOT_CONSIDERED: IKMs beyond the best candidatesPerNeed could have covered these units; or,
 *   when the options listed only the best of the eligible IKMs (AllocationNeed.eligibleTotal),
 *   the units those listed cannot reach, which the IKMs not listed might (in place of the three
 *   reasons above, which would claim what is not known of the IKMs not listed).
 * - TAKEN_BY_OTHER_NEEDS: the need's candidates could have covered them alone, but other needs
 *   (named) took capacity, in a process and unit this need uses, at candidates left with less
 *   than this need's minimum share of it.
 * - LEFT_UNALLOCATED: capacity was there and no other need took it; the method left it (greedy
 *   order and minimum shares, or a solve stopped by its time limit).
 */
export type ShortfallReason =
  | "NO_ELIGIBLE_IKM"
  | "NO_FREE_CAPACITY"
  | "CAPACITY_SHORT"
  | "CONSORTIUM_RULES"
  | "NOT_CONSIDERED"
  | "TAKEN_BY_OTHER_NEEDS"
  | "LEFT_UNALLOCATED";

export interface Shortfall {
  reason: ShortfallReason;
  units: number;
  message: string;
  /** For TAKEN_BY_OTHER_NEEDS: the needs that took the capacity this need's candidates lack, by id. */
  needIds: string[];
}

export interface Assignment {
  ikmId: string;
  units: number;
  score: number;
}

export interface NeedAllocation {
  needId: string;
  quantity: number;
  unit: QuantityUnit;
  /** Most units first, ties by IKM id. Two or more make a consortium. */
  assignments: Assignment[];
  /** The cluster all members share, for a consortium (koperasi, then sentra, then foundation, then id); else null. */
  cluster: ClusterRef | null;
  covered: number;
  uncovered: number;
  /** Sum of score x units / quantity: 0..100, the need's score-weighted coverage. */
  scoreCoverage: number;
  /** Eligible IKMs: the need's eligibleTotal when that exceeds the eligible options given, else their number. */
  eligibleIkms: number;
  /** Eligible IKMs that entered the model (able to take the minimum share, within candidatesPerNeed). */
  candidates: number;
  /** Why the uncovered units are uncovered; their units sum to `uncovered`. */
  shortfalls: Shortfall[];
}

/** One IKM's capacity in one process and unit after the allocation, for every IKM allocated anything. */
export interface IkmLoad {
  ikmId: string;
  process: Process;
  unit: QuantityUnit;
  free: number;
  allocated: number;
}

export interface Allocation {
  method: "MIP" | "GREEDY";
  /**
   * HiGHS's model status ("Optimal", "Time limit reached", ...): "Optimal" when every group of
   * needs was solved to optimality (of the model, whose x is continuous: see provenOptimal), else
   * the first other status; "Time limit reached" also when groups were left unsolved by the time
   * limit (model.unsolved). "Empty" when no need had a candidate; "Greedy" for the baseline.
   */
  status: string;
  /**
   * Whether the answer is proven optimal (within mipRelativeGap): every group of needs solved,
   * HiGHS said Optimal for each, and the answer, rounded to whole units, is worth what HiGHS's
   * solution was (objective and solverObjective agree within ROUNDING_TOLERANCE, relative, for
   * every group). True for an empty problem; always false for greedy.
   */
  provenOptimal: boolean;
  /** The objective above, computed from the assignments (the same for both methods). */
  objective: number;
  /**
   * HiGHS's own objective value, summed over the groups of needs it solved (null when it solved
   * none; 0 for an empty problem). Above `objective` by what rounding to whole units lost (a
   * group whose solve the time limit stopped may instead get greedy's better answer); groups left
   * unsolved by the time limit add nothing to it.
   */
  solverObjective: number | null;
  /** Sum of the needs' scoreCoverage. */
  totalScore: number;
  /** Mean over needs of covered / quantity, 0..1 (units differ between needs, so shares are averaged). */
  coverage: number;
  /** In need id order. */
  needs: NeedAllocation[];
  /** By IKM id, process, unit. */
  loads: IkmLoad[];
  /**
   * Size of the models last solved, summed over independent groups of needs; the number of HiGHS
   * solves; the groups of needs (components: needs sharing no candidate IKM are solved apart); and
   * the groups the time limit left unsolved (greedy's answer, or a first answer cut to maxMembers,
   * in place of a finished solve). Zeros for greedy.
   */
  model: { columns: number; binaries: number; rows: number; solves: number; components: number; unsolved: number };
}

// ---- building inputs ---------------------------------------------------------------------------

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

// ---- preparation shared by both methods --------------------------------------------------------

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const clusterKey = (c: ClusterRef): string => `${c.kind}:${c.id}`;
const capKey = (process: Process, unit: QuantityUnit): string => `${process}|${unit}`;


interface Candidate {
  ikmId: string;
  ikm: number;
  score: number;
  /** min(Q, the IKM's free capacity for the need). */
  upper: number;
  /** Cluster keys of the IKM. */
  clusters: string[];
}

interface PreparedNeed {
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

interface Prepared {
  rules: AllocationRules;
  needs: PreparedNeed[];
  ikmIds: string[];
  /** Per IKM index: free capacity by capKey. */
  free: Array<Map<string, number>>;
  clusters: Map<string, ClusterRef>;
}

function prepare(problem: AllocationProblem): Prepared {
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
function consortiumGroups(candidates: readonly Candidate[], rules: AllocationRules): number[][] {
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
function standaloneMax(p: PreparedNeed, list: readonly Candidate[], rules: AllocationRules): number {
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

// ---- results -----------------------------------------------------------------------------------

/** One need's part of the objective (module header) for its candidates' units. */
function needObjective(p: PreparedNeed, row: readonly number[], rules: AllocationRules): number {
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
type Units = number[][];

const fmt = (n: number): string => n.toLocaleString("en-US", { maximumFractionDigits: 2 });

interface Verdict {
  status: string;
  provenOptimal: boolean;
  solverObjective: number | null;
}

function result(pr: Prepared, units: Units, method: Allocation["method"], verdict: Verdict, model: Allocation["model"]): Allocation {
  const { rules } = pr;
  // Loads, and which needs used each IKM in each capacity key.
  const allocated = new Map<number, Map<string, number>>();
  /** By `${ikm}|${capacity key}`: the needs given units there. */
  const usersOf = new Map<string, Set<string>>();
  pr.needs.forEach((p, n) => {
    p.candidates.forEach((c, k) => {
      const u = units[n][k];
      if (u <= 0) return;
      let m = allocated.get(c.ikm);
      if (!m) allocated.set(c.ikm, (m = new Map()));
      for (const key of p.keys) {
        m.set(key, (m.get(key) ?? 0) + u);
        const at = `${c.ikm}|${key}`;
        let users = usersOf.get(at);
        if (!users) usersOf.set(at, (users = new Set()));
        users.add(p.need.id);
      }
    });
  });
  const left = (ikm: number, key: string): number => (pr.free[ikm].get(key) ?? 0) - (allocated.get(ikm)?.get(key) ?? 0);
  const loads: IkmLoad[] = [];
  for (const ikm of [...allocated.keys()].sort((a, b) => a - b)) {
    for (const [key, used] of [...allocated.get(ikm)!.entries()].sort((a, b) => cmp(a[0], b[0]))) {
      const freeUnits = pr.free[ikm].get(key) ?? 0;
      // An invariant of both methods, checked because the answer commits real capacity.
      if (used > freeUnits) throw new Error(`allocation exceeds the free capacity of ${pr.ikmIds[ikm]} in ${key}: ${used} > ${freeUnits}`);
      const [process, unit] = key.split("|") as [Process, QuantityUnit];
      loads.push({ ikmId: pr.ikmIds[ikm], process, unit, free: freeUnits, allocated: used });
    }
  }

  let objective = 0;
  let totalScore = 0;
  let coverageSum = 0;
  const needs: NeedAllocation[] = pr.needs.map((p, n) => {
    const assignments: Assignment[] = [];
    const members: Candidate[] = [];
    p.candidates.forEach((c, k) => {
      if (units[n][k] > 0) {
        assignments.push({ ikmId: c.ikmId, units: units[n][k], score: c.score });
        members.push(c);
      }
    });
    assignments.sort((a, b) => b.units - a.units || cmp(a.ikmId, b.ikmId));
    const covered = assignments.reduce((s, a) => s + a.units, 0);
    if (covered > p.quantity) throw new Error(`allocation covers ${covered} of need ${p.need.id}, which asks for ${p.quantity}`);
    const scoreCoverage = assignments.reduce((s, a) => s + a.score * a.units, 0) / p.quantity;
    objective += needObjective(p, units[n], rules);
    totalScore += scoreCoverage;
    coverageSum += covered / p.quantity;

    let cluster: ClusterRef | null = null;
    if (members.length >= 2) {
      const shared = members.slice(1).reduce((acc, m) => acc.filter((k) => m.clusters.includes(k)), members[0].clusters);
      const refs = shared.map((k) => pr.clusters.get(k)!);
      refs.sort((a, b) => CLUSTER_KIND_ORDER.indexOf(a.kind) - CLUSTER_KIND_ORDER.indexOf(b.kind) || cmp(a.id, b.id));
      cluster = refs[0] ?? null;
    }

    // Competitors: other needs that took capacity, in a process and unit this need uses, at a
    // candidate left with less than this need's minimum share of it. Others using a candidate in
    // another process, or where enough is left, did not keep this need from its units.
    const competitors = new Set<string>();
    for (const c of p.candidates) {
      for (const key of p.keys) {
        if (left(c.ikm, key) >= p.minimum) continue;
        for (const id of usersOf.get(`${c.ikm}|${key}`) ?? []) if (id !== p.need.id) competitors.add(id);
      }
    }
    return {
      needId: p.need.id,
      quantity: p.quantity,
      unit: p.need.unit,
      assignments,
      cluster,
      covered,
      uncovered: p.quantity - covered,
      scoreCoverage,
      eligibleIkms: p.eligibleTotal,
      candidates: p.candidates.length,
      shortfalls: shortfalls(p, covered, [...competitors].sort(cmp), rules),
    };
  });

  return {
    method,
    status: verdict.status,
    provenOptimal: verdict.provenOptimal,
    objective,
    solverObjective: verdict.solverObjective,
    totalScore,
    coverage: pr.needs.length ? coverageSum / pr.needs.length : 1,
    needs,
    loads,
    model,
  };
}

function shortfalls(p: PreparedNeed, covered: number, competitors: string[], rules: AllocationRules): Shortfall[] {
  const q = p.quantity;
  const unit = p.need.unit;
  const out: Shortfall[] = [];
  const add = (reason: ShortfallReason, units: number, message: string, needIds: string[] = []) => {
    if (units > 0) out.push({ reason, units, message, needIds });
  };
  if (covered >= q) return out;
  if (p.eligibleTotal === 0) {
    add("NO_ELIGIBLE_IKM", q, "no IKM meets the need's hard requirements (processes, certificates, stage, radius)");
    return out;
  }
  const processes = p.need.processes.join(", ");
  // Only the best of the eligible IKMs were given: what those cannot reach, the others might.
  const partial = p.eligibleTotal > p.eligible;
  const considered = `only the best ${p.eligible} of the ${p.eligibleTotal} eligible IKMs were considered`;
  if (p.usable.length === 0 && partial) {
    add(
      "NOT_CONSIDERED",
      q,
      p.eligible === 0
        ? `none of the ${p.eligibleTotal} eligible IKMs was among those considered`
        : `${considered}, and none of them has ${fmt(p.minimum)} ${unit}/month (the minimum share) free in ${processes}; the others might`,
    );
    return out;
  }
  if (p.usable.length === 0) {
    add(
      "NO_FREE_CAPACITY",
      q,
      `none of the ${p.eligible} eligible IKMs has ${fmt(p.minimum)} ${unit}/month (the minimum share) free in ${processes}` +
        (p.belowMinimum ? `; ${p.belowMinimum} have less free` : "") +
        "; their capacity is committed under partnerships or stated in another unit",
    );
    return out;
  }
  const total = Math.min(q, p.usable.reduce((s, c) => s + c.upper, 0));
  const alone = standaloneMax(p, p.usable, rules);
  const aloneCandidates = p.candidates.length === p.usable.length ? alone : standaloneMax(p, p.candidates, rules);
  if (partial) {
    add(
      "NOT_CONSIDERED",
      q - aloneCandidates,
      `${considered}` +
        (alone > aloneCandidates ? `, and of those the best ${rules.candidatesPerNeed} candidates entered the model` : "") +
        `; they can reach ${fmt(aloneCandidates)} of ${fmt(q)} ${unit}/month, the others might reach more`,
    );
  } else {
    add("CAPACITY_SHORT", q - total, `the ${p.usable.length} eligible IKMs with free capacity have ${fmt(total)} of ${fmt(q)} ${unit}/month free together`);
    add(
      "CONSORTIUM_RULES",
      total - alone,
      `at most ${fmt(alone)} ${unit}/month can be reached by one IKM or a consortium of at most ${rules.maxMembers}` +
        (rules.consortiaWithinCluster ? " members of one cluster" : " members") +
        `, each taking at least ${fmt(p.minimum)}`,
    );
    add("NOT_CONSIDERED", alone - aloneCandidates, `IKMs beyond the best ${rules.candidatesPerNeed} candidates could have covered these`);
  }
  const rest = aloneCandidates - covered;
  if (competitors.length) {
    add(
      "TAKEN_BY_OTHER_NEEDS",
      rest,
      `this need's candidates could have covered it alone; ${competitors.length} other need(s) took the capacity they lack in ${processes}`,
      competitors,
    );
  } else {
    add("LEFT_UNALLOCATED", rest, "capacity was free and no other need took it, but the method did not allocate it");
  }
  return out;
}

// ---- greedy baseline ---------------------------------------------------------------------------

/**
 * The baseline: all (need, candidate) pairs, best score first (ties: need id, IKM id); each gets
 * as much as the need still lacks and the IKM still has free for all the need's processes, when
 * that is at least the minimum share, the need has fewer than maxMembers members and (with the
 * cluster rule) the IKM shares a cluster with every member so far. Same candidates as the MIP.
 */
export function allocateGreedy(problem: AllocationProblem): Allocation {
  const pr = prepare(problem);
  const verdict: Verdict = { status: "Greedy", provenOptimal: false, solverObjective: null };
  return result(pr, greedyUnits(pr), "GREEDY", verdict, { columns: 0, binaries: 0, rows: 0, solves: 0, components: 0, unsolved: 0 });
}

function greedyUnits(pr: Prepared): Units {
  const { rules } = pr;
  const free = pr.free.map((m) => new Map(m));
  const units: Units = pr.needs.map((p) => p.candidates.map(() => 0));
  const members = pr.needs.map(() => 0);
  const common: Array<string[] | null> = pr.needs.map(() => null);
  const pairs: Array<[number, number]> = [];
  pr.needs.forEach((p, n) => p.candidates.forEach((_, k) => pairs.push([n, k])));
  pairs.sort(([n1, k1], [n2, k2]) => {
    const a = pr.needs[n1].candidates[k1];
    const b = pr.needs[n2].candidates[k2];
    return b.score - a.score || n1 - n2 || cmp(a.ikmId, b.ikmId);
  });
  const covered = pr.needs.map(() => 0);
  for (const [n, k] of pairs) {
    const p = pr.needs[n];
    const c = p.candidates[k];
    const lacking = p.quantity - covered[n];
    if (lacking < p.minimum || members[n] >= rules.maxMembers) continue;
    let shared: string[] | null = null;
    if (rules.consortiaWithinCluster && members[n] > 0) {
      shared = common[n]!.filter((key) => c.clusters.includes(key));
      if (shared.length === 0) continue;
    }
    let amount = lacking;
    for (const key of p.keys) amount = Math.min(amount, free[c.ikm].get(key) ?? 0);
    if (amount < p.minimum) continue;
    for (const key of p.keys) free[c.ikm].set(key, free[c.ikm].get(key)! - amount);
    units[n][k] = amount;
    covered[n] += amount;
    members[n]++;
    common[n] = shared ?? c.clusters;
  }
  return units;
}

// ---- the MIP -----------------------------------------------------------------------------------

/**
 * The loader. highs types its ES module with CommonJS typings, under which TypeScript (NodeNext)
 * takes the default import for the whole module object; at run time it is the loader function.
 */
const highsLoader = highsDefault as unknown as (options?: InitOptions) => Promise<Highs>;

let solver: Promise<Highs> | undefined;

/** The HiGHS WebAssembly module, loaded once per process. */
export function loadSolver(): Promise<Highs> {
  return (solver ??= highsLoader());
}

/**
 * Seconds that must be left of the allocation's time limit for a solve to start; with less, the
 * groups of needs not solved yet get greedy's answer. HiGHS's first solution on a small group takes
 * milliseconds, and a solve that finds none costs nothing (greedy's answer is kept), so this only
 * spares solves that could not end in time.
 */
export const MIN_SOLVE_SECONDS = 0.05;

/**
 * How far below HiGHS's objective (relative) a group's rounded answer may be and still count as
 * the optimum HiGHS proved (provenOptimal). Covers float noise (about 1e-16 on two of the
 * benchmark's instances, whose answers were whole) with room; it must stay below one unit of a need, worth at least
 * coverageReward / quantity points: 1e-9 of a 50-need group's ~55,000 points is one unit of a
 * need of 18 million a month.
 */
export const ROUNDING_TOLERANCE = 1e-9;

/** HiGHS's status for a solve stopped by its time limit, also given to groups the limit left unsolved. */
const TIME_LIMIT = "Time limit reached";

/** A number as CPLEX LP text: JavaScript's shortest round-trip form, which HiGHS reads (1.5e-7 included). */
const num = (v: number): string => String(v);

/** A linear expression, one term per line (LP format allows continuation lines); "0" when empty. */
function expr(terms: ReadonlyArray<readonly [number, string]>): string {
  const parts: string[] = [];
  for (const [coef, name] of terms) {
    if (coef === 0) continue;
    const abs = Math.abs(coef);
    const term = abs === 1 ? name : `${num(abs)} ${name}`;
    parts.push(parts.length ? `${coef < 0 ? "-" : "+"} ${term}` : coef < 0 ? `- ${term}` : term);
  }
  return parts.length ? parts.join("\n  ") : "0";
}

interface Model {
  lp: string;
  size: { columns: number; binaries: number; rows: number };
  /** Per prepared need (of the component) and candidate: the columns whose values sum to its units. */
  unitColumns: Map<number, string[][]>;
}

/**
 * The MIP of the module header for the needs of one component, as CPLEX LP text, with the
 * maxMembers rows only for the needs in `limited`. Columns: x{n}_{g}_{k} and y{n}_{g}_{k} for need
 * n, mode g (0 is solo) and candidate k; w{n}_{g} for the group modes.
 */
function buildModel(pr: Prepared, component: readonly number[], limited: ReadonlySet<number>): Model {
  const { rules } = pr;
  const objective: Array<[number, string]> = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  const binaries: string[] = [];
  let columns = 0;
  /** Per IKM and capacity key: the terms using it and the most they can add up to (their bounds). */
  const capacityRows = new Map<string, { ikm: number; key: string; terms: Array<[number, string]>; most: number }>();
  const row = (name: string, terms: ReadonlyArray<readonly [number, string]>, sense: "<=" | ">=", rhs: number) => {
    rows.push(` ${name}: ${expr(terms)} ${sense} ${num(rhs)}`);
  };
  const unitColumns = new Map<number, string[][]>();

  for (const n of component) {
    const p = pr.needs[n];
    const unitCols: string[][] = p.candidates.map(() => []);
    unitColumns.set(n, unitCols);
    const groups = consortiumGroups(p.candidates, rules);
    const grouped = new Set(groups.flat());
    const modes = [p.candidates.map((_, k) => k).filter((k) => !grouped.has(k)), ...groups];
    const choice: Array<[number, string]> = [];
    modes.forEach((members, g) => {
      const xs = members.map((k) => `x${n}_${g}_${k}`);
      const ys = members.map((k) => `y${n}_${g}_${k}`);
      members.forEach((k, j) => {
        const c = p.candidates[k];
        objective.push([(rules.coverageReward + c.score) / p.quantity, xs[j]]);
        bounds.push(` 0 <= ${xs[j]} <= ${c.upper}`);
        binaries.push(ys[j]);
        columns += 2;
        unitCols[k].push(xs[j]);
        row(`hi${n}_${g}_${k}`, [[1, xs[j]], [-c.upper, ys[j]]], "<=", 0);
        if (p.minimum > 1) row(`lo${n}_${g}_${k}`, [[1, xs[j]], [-p.minimum, ys[j]]], ">=", 0);
        for (const key of p.keys) {
          const ck = `${c.ikm}|${key}`;
          let cap = capacityRows.get(ck);
          if (!cap) capacityRows.set(ck, (cap = { ikm: c.ikm, key, terms: [], most: 0 }));
          cap.terms.push([1, xs[j]]);
          cap.most += c.upper;
        }
      });
      if (g === 0) {
        for (const y of ys) choice.push([1, y]);
        return;
      }
      // Up to maxMembers members, covering at most the quantity, only when the mode is chosen.
      // Members beyond the first cost perMemberCost: each member costs it and w gives one back.
      const w = `w${n}_${g}`;
      choice.push([1, w]);
      binaries.push(w);
      columns++;
      objective.push([rules.perMemberCost, w], ...ys.map((y) => [-rules.perMemberCost, y] as [number, string]));
      row(`q${n}_${g}`, [...xs.map((x) => [1, x] as const), [-p.quantity, w]], "<=", 0);
      if (limited.has(n)) row(`most${n}_${g}`, [...ys.map((y) => [1, y] as const), [-rules.maxMembers, w]], "<=", 0);
    });
    if (choice.length) row(`mode${n}`, choice, "<=", 1);
  }

  for (const [ck, { ikm, key, terms, most }] of [...capacityRows.entries()].sort((a, b) => cmp(a[0], b[0]))) {
    const cap = pr.free[ikm].get(key) ?? 0;
    // A row that cannot bind (the variables' bounds already keep it within capacity) is left out.
    if (most > cap) row(`cap${ck.replace(/\|/g, "_")}`, terms, "<=", cap);
  }

  const lp = [
    "Maximize",
    ` obj: ${expr(objective)}`,
    "Subject To",
    ...rows,
    "Bounds",
    ...bounds,
    ...(binaries.length ? ["Binary", ` ${binaries.join(" ")}`] : []),
    "End",
  ].join("\n");
  return { lp, unitColumns, size: { columns, binaries: binaries.length, rows: rows.length } };
}

/**
 * Whether a need may want more than maxMembers members: some group has more candidates than that
 * and its maxMembers largest cannot cover the quantity. Such needs get their maxMembers rows from
 * the first solve, which saves the second solve they would otherwise force.
 */
function mayWantMoreMembers(p: PreparedNeed, rules: AllocationRules): boolean {
  return consortiumGroups(p.candidates, rules).some((g) => {
    if (g.length <= rules.maxMembers) return false;
    const top = g.map((k) => p.candidates[k].upper).sort((a, b) => b - a).slice(0, rules.maxMembers);
    return top.reduce((s, u) => s + u, 0) < p.quantity;
  });
}

/**
 * Needs that share no candidate IKM do not interact, so each group of needs linked through shared
 * candidates is solved as its own MIP: the same optimum, and smaller models solve much faster.
 * Components in order of their first need.
 */
function components(pr: Prepared): number[][] {
  const parent = pr.needs.map((_, n) => n);
  const find = (n: number): number => (parent[n] === n ? n : (parent[n] = find(parent[n])));
  const firstNeedOf = new Map<number, number>();
  pr.needs.forEach((p, n) => {
    for (const c of p.candidates) {
      const m = firstNeedOf.get(c.ikm);
      if (m === undefined) firstNeedOf.set(c.ikm, n);
      else parent[find(n)] = find(m);
    }
  });
  const byRoot = new Map<number, number[]>();
  pr.needs.forEach((p, n) => {
    if (p.candidates.length === 0) return;
    const r = find(n);
    let list = byRoot.get(r);
    if (!list) byRoot.set(r, (list = []));
    list.push(n);
  });
  return [...byRoot.values()];
}

/** The row with only its `most` largest shares kept (ties: the earlier candidate). */
function largestShares(row: readonly number[], most: number): number[] {
  const keep = new Set(
    row
      .map((u, k) => [u, k] as const)
      .filter(([u]) => u > 0)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, most)
      .map(([, k]) => k),
  );
  return row.map((u, k) => (keep.has(k) ? u : 0));
}

/**
 * After flooring the solver's units to whole ones: gives each member more units where its need
 * still lacks some and the member has capacity left, members in candidate order. Members, shares
 * and clusters stay valid (a member only grows, within its bound), so the answer stays feasible.
 * Called on a whole answer after each group's solve: the needs of the groups not solved yet have
 * no members (all zeros) and so gain nothing, and those solved already have nothing left to gain.
 */
function topUp(pr: Prepared, units: Units): void {
  const left = pr.free.map((m) => new Map(m));
  pr.needs.forEach((p, n) =>
    p.candidates.forEach((c, k) => {
      for (const key of p.keys) left[c.ikm].set(key, (left[c.ikm].get(key) ?? 0) - units[n][k]);
    }),
  );
  pr.needs.forEach((p, n) => {
    let lacking = p.quantity - units[n].reduce((s, u) => s + u, 0);
    p.candidates.forEach((c, k) => {
      if (lacking <= 0 || units[n][k] === 0) return;
      let add = Math.min(lacking, c.upper - units[n][k]);
      for (const key of p.keys) add = Math.min(add, left[c.ikm].get(key)!);
      if (add <= 0) return;
      units[n][k] += add;
      lacking -= add;
      for (const key of p.keys) left[c.ikm].set(key, left[c.ikm].get(key)! - add);
    });
  });
}

/**
 * Solves the allocation MIP with HiGHS, synchronously (it blocks the thread while it runs), one
 * group of needs (component) after the other, within rules.timeLimitSeconds for the whole (module
 * header). Each group's answer is the better of the solver's and greedy's restricted to it; once
 * the time limit is (nearly) spent, the groups left get greedy's without a solve. allocate() adds
 * the fallback to greedy's answer when the solver fails.
 */
export function solveAllocation(highs: Highs, problem: AllocationProblem): Allocation {
  const start = performance.now();
  const pr = prepare(problem);
  const units: Units = pr.needs.map((p) => p.candidates.map(() => 0));
  const groups = components(pr);
  const size: Allocation["model"] = { columns: 0, binaries: 0, rows: 0, solves: 0, components: groups.length, unsolved: 0 };
  const statuses = new Set<string>();
  /** Per group solved: HiGHS's objective (null when it returned no solution). */
  const solved: Array<{ component: number[]; objective: number | null }> = [];
  const deadline = start + pr.rules.timeLimitSeconds * 1000;
  const secondsLeft = () => (deadline - performance.now()) / 1000;
  // Greedy's answer, needed for every group: the groups share no IKM, so greedy's rows for the
  // needs of one group are what greedy would give that group alone.
  const greedy = greedyUnits(pr);
  const value = (u: Units, component: readonly number[]) => component.reduce((s, n) => s + needObjective(pr.needs[n], u[n], pr.rules), 0);
  /** Sets the group's rows to the best of the answers given, the first kept on a tie (the solver's before greedy's). */
  const keepBest = (component: readonly number[], answers: readonly Units[]) => {
    let best = answers[0];
    let bestValue = value(best, component);
    for (const a of answers.slice(1)) {
      const v = value(a, component);
      if (v > bestValue + 1e-9 * Math.max(1, Math.abs(bestValue))) [best, bestValue] = [a, v];
    }
    for (const n of component) units[n] = [...best[n]];
  };

  for (const component of groups) {
    if (secondsLeft() < MIN_SOLVE_SECONDS) {
      // Out of time: greedy's answer for the group, no solve.
      keepBest(component, [greedy]);
      size.unsolved++;
      statuses.add(TIME_LIMIT);
      continue;
    }
    // maxMembers rarely binds at the optimum, but its rows make HiGHS several times slower. So
    // they enter the first solve only for needs that may want more members (mayWantMoreMembers),
    // and a later solve adds them for the needs whose answer still broke them. The last answer
    // obeys every row and is optimal for the full model, since each solve relaxes it.
    const limited = new Set<number>(component.filter((n) => mayWantMoreMembers(pr.needs[n], pr.rules)));
    /** The previous answer with each offending need cut to its largest maxMembers shares: feasible, a floor for the next solve's answer. */
    let cut: Units | null = null;
    for (;;) {
      const model = buildModel(pr, component, limited);
      size.solves++;
      const solution = highs.solve(model.lp, {
        output_flag: false,
        mip_rel_gap: pr.rules.mipRelativeGap,
        // The limit is for the whole allocation: this solve gets what is left of it.
        time_limit: Math.max(0, secondsLeft()),
        random_seed: 0,
      });
      const columns = solution.Columns as Record<string, { Primal?: number }>;
      // A solve stopped before its first solution returns no values, or zeros: the answer is then
      // all zeros, which is feasible, and greedy's replaces it below.
      let found = typeof solution.ObjectiveValue === "number";
      for (const [n, perCandidate] of model.unitColumns) {
        perCandidate.forEach((names, k) => {
          let sum = 0;
          for (const name of names) {
            const v = columns[name]?.Primal;
            if (typeof v !== "number") found = false;
            else sum += v;
          }
          units[n][k] = Math.floor(sum + 1e-6);
        });
      }
      if (!found) {
        if (solution.Status === "Optimal") throw new Error(`HiGHS returned no solution for the allocation (status ${solution.Status})`);
        for (const n of component) units[n] = units[n].map(() => 0);
      }
      const over = component.filter((n) => units[n].filter((u) => u > 0).length > pr.rules.maxMembers);
      // Needs with rows obey them up to HiGHS's tolerances; should one not, cut it rather than loop.
      if (over.length > 0 && over.every((n) => limited.has(n))) {
        for (const n of over) units[n] = largestShares(units[n], pr.rules.maxMembers);
        over.length = 0;
      }
      if (over.length === 0) {
        // A solve stopped by the time limit can return less than the cut answer before it, or than greedy's.
        topUp(pr, units);
        if (cut) topUp(pr, cut);
        keepBest(component, [units, ...(cut ? [cut] : []), greedy]);
        size.columns += model.size.columns;
        size.binaries += model.size.binaries;
        size.rows += model.size.rows;
        statuses.add(solution.Status);
        solved.push({ component, objective: found ? solution.ObjectiveValue : null });
        break;
      }
      cut = units.map((u) => [...u]);
      for (const n of over) cut[n] = largestShares(cut[n], pr.rules.maxMembers);
      if (secondsLeft() < MIN_SOLVE_SECONDS) {
        // No time for the solve with the member limit: the answer cut to it, or greedy's.
        topUp(pr, cut);
        keepBest(component, [cut, greedy]);
        size.columns += model.size.columns;
        size.binaries += model.size.binaries;
        size.rows += model.size.rows;
        size.unsolved++;
        statuses.add(TIME_LIMIT);
        break;
      }
      for (const n of over) limited.add(n);
    }
  }
  // Proven optimal: every group solved to HiGHS's Optimal, and rounding lost nothing of its objective.
  let provenOptimal = size.unsolved === 0;
  let solverObjective = 0;
  for (const { component, objective } of solved) {
    if (objective === null) {
      provenOptimal = false;
      continue;
    }
    solverObjective += objective;
    if (value(units, component) < objective - ROUNDING_TOLERANCE * Math.max(1, Math.abs(objective))) provenOptimal = false;
  }
  // One status for the allocation: Optimal only when every group's solve was.
  const status = groups.length === 0 ? "Empty" : [...statuses].find((s) => s !== "Optimal") ?? "Optimal";
  if (status !== "Optimal" && status !== "Empty") provenOptimal = false;
  const verdict: Verdict = {
    status,
    provenOptimal,
    solverObjective: groups.length === 0 ? 0 : solved.some((g) => g.objective !== null) ? solverObjective : null,
  };
  return result(pr, units, "MIP", verdict, size);
}

/**
 * Allocates the needs: the MIP, or the greedy answer when the solver found nothing better (it
 * stopped at the time limit, or failed). `method` and `status` say which.
 */
export async function allocate(problem: AllocationProblem, solver: Highs | Promise<Highs> = loadSolver()): Promise<Allocation> {
  const greedy = allocateGreedy(problem);
  let mip: Allocation;
  try {
    mip = solveAllocation(await solver, problem);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    return { ...greedy, status: `Greedy (solver failed: ${error instanceof Error ? error.message : String(error)})` };
  }
  // Equal answers can differ in the last bits of the objective: the MIP's is kept unless greedy's is really higher.
  const tie = 1e-9 * Math.max(1, Math.abs(greedy.objective));
  return mip.objective >= greedy.objective - tie ? mip : { ...greedy, status: `Greedy (solver: ${mip.status})` };
}
