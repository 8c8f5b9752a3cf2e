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
 *
 * Files (allocation/): types.ts (input and output types, DEFAULT_RULES), inputs.ts (scoreOptions,
 * supplyOf), prepare.ts (validation, candidates, consortium groups, a need's objective), greedy.ts
 * (the baseline), model.ts (the MIP as LP text), solve.ts (HiGHS solves within the time limit,
 * allocate), explain.ts (the answer: loads, clusters, shortfalls). This file re-exports the public part.
 */
export type { ClusterRef } from "./clusters.js";
export {
  type AllocationNeed,
  type AllocationOption,
  type FreeCapacity,
  type IkmSupply,
  type Commitment,
  type AllocationRules,
  DEFAULT_RULES,
  type AllocationProblem,
  type ShortfallReason,
  type Shortfall,
  type Assignment,
  type NeedAllocation,
  type IkmLoad,
  type Allocation,
} from "./allocation/types.js";
export { scoreOptions, supplyOf } from "./allocation/inputs.js";
export { allocateGreedy } from "./allocation/greedy.js";
export { MIN_SOLVE_SECONDS, ROUNDING_TOLERANCE, allocate, loadSolver, solveAllocation } from "./allocation/solve.js";
