/** The greedy baseline. */
import { type Verdict, result } from "./explain.js";
import { type Prepared, type Units, cmp, prepare } from "./prepare.js";
import type { Allocation, AllocationProblem } from "./types.js";

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

export function greedyUnits(pr: Prepared): Units {
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
