/** What the allocation takes and what it answers (see ../allocation.ts for the method). */
import type { Process, QuantityUnit } from "../../../domain/enums.js";
import type { NeedProfile } from "../../matching/types.js";
import type { ClusterRef } from "../clusters.js";
import { ALLOCATION, CONSORTIUM } from "../config.js";

// ---- input -------------------------------------------------------------------------------------


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
