/** Solving the allocation MIP with HiGHS, group of needs after group, within the time limit. */
import highsDefault, { type Highs, type InitOptions } from "highs";
import { DomainError } from "../../../domain/errors.js";
import { type Verdict, result } from "./explain.js";
import { allocateGreedy, greedyUnits } from "./greedy.js";
import { type Model, buildModel, mayWantMoreMembers } from "./model.js";
import { type Prepared, type Units, needObjective, prepare } from "./prepare.js";
import type { Allocation, AllocationProblem } from "./types.js";


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
 * group of needs (component) after the other, within rules.timeLimitSeconds for the whole
 * (../allocation.ts's header). Each group's answer is the better of the solver's and greedy's restricted to it; once
 * the time limit is (nearly) spent, the groups left get greedy's without a solve. allocate() adds
 * the fallback to greedy's answer when the solver fails.
 */
export function solveAllocation(highs: Highs, problem: AllocationProblem): Allocation {
  const start = performance.now();
  const pr = prepare(problem);
  const groups = components(pr);
  const run = new SolveRun(highs, pr, groups.length, start + pr.rules.timeLimitSeconds * 1000);
  for (const component of groups) run.solveGroup(component);
  return result(pr, run.units, "MIP", run.verdict(groups.length), run.size);
}

type Solution = ReturnType<Highs["solve"]>;

/** One allocation's solves: the answer so far (units) and what its verdict needs, group after group. */
class SolveRun {
  readonly units: Units;
  readonly size: Allocation["model"];
  private readonly statuses = new Set<string>();
  /** Per group solved: HiGHS's objective (null when it returned no solution). */
  private readonly solved: Array<{ component: number[]; objective: number | null }> = [];
  /**
   * Greedy's answer, needed for every group: the groups share no IKM, so greedy's rows for the
   * needs of one group are what greedy would give that group alone.
   */
  private readonly greedy: Units;

  constructor(
    private readonly highs: Highs,
    private readonly pr: Prepared,
    components: number,
    private readonly deadline: number,
  ) {
    this.units = pr.needs.map((p) => p.candidates.map(() => 0));
    this.size = { columns: 0, binaries: 0, rows: 0, solves: 0, components, unsolved: 0 };
    this.greedy = greedyUnits(pr);
  }

  private secondsLeft(): number {
    return (this.deadline - performance.now()) / 1000;
  }

  private value(u: Units, component: readonly number[]): number {
    return component.reduce((s, n) => s + needObjective(this.pr.needs[n], u[n], this.pr.rules), 0);
  }

  /** Sets the group's rows to the best of the answers given, the first kept on a tie (the solver's before greedy's). */
  private keepBest(component: readonly number[], answers: readonly Units[]): void {
    let best = answers[0];
    let bestValue = this.value(best, component);
    for (const a of answers.slice(1)) {
      const v = this.value(a, component);
      if (v > bestValue + 1e-9 * Math.max(1, Math.abs(bestValue))) [best, bestValue] = [a, v];
    }
    for (const n of component) this.units[n] = [...best[n]];
  }

  private addSize(model: Model): void {
    this.size.columns += model.size.columns;
    this.size.binaries += model.size.binaries;
    this.size.rows += model.size.rows;
  }

  /** One group of needs: solved (again with the maxMembers rows its answer broke), or greedy's when out of time. */
  solveGroup(component: number[]): void {
    const { pr, units } = this;
    if (this.secondsLeft() < MIN_SOLVE_SECONDS) {
      // Out of time: greedy's answer for the group, no solve.
      this.keepBest(component, [this.greedy]);
      this.size.unsolved++;
      this.statuses.add(TIME_LIMIT);
      return;
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
      this.size.solves++;
      const { solution, found } = this.solveModel(model, component);
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
        this.keepBest(component, [units, ...(cut ? [cut] : []), this.greedy]);
        this.addSize(model);
        this.statuses.add(solution.Status);
        this.solved.push({ component, objective: found ? solution.ObjectiveValue : null });
        return;
      }
      cut = units.map((u) => [...u]);
      for (const n of over) cut[n] = largestShares(cut[n], pr.rules.maxMembers);
      if (this.secondsLeft() < MIN_SOLVE_SECONDS) {
        // No time for the solve with the member limit: the answer cut to it, or greedy's.
        topUp(pr, cut);
        this.keepBest(component, [cut, this.greedy]);
        this.addSize(model);
        this.size.unsolved++;
        this.statuses.add(TIME_LIMIT);
        return;
      }
      for (const n of over) limited.add(n);
    }
  }

  /** One HiGHS solve of the group's model; its answer, floored to whole units, goes into units. */
  private solveModel(model: Model, component: readonly number[]): { solution: Solution; found: boolean } {
    const { pr, units } = this;
    const solution = this.highs.solve(model.lp, {
      output_flag: false,
      mip_rel_gap: pr.rules.mipRelativeGap,
      // The limit is for the whole allocation: this solve gets what is left of it.
      time_limit: Math.max(0, this.secondsLeft()),
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
    return { solution, found };
  }

  /** Status, proof of optimality and HiGHS's objective for the whole allocation. */
  verdict(groups: number): Verdict {
    // Proven optimal: every group solved to HiGHS's Optimal, and rounding lost nothing of its objective.
    let provenOptimal = this.size.unsolved === 0;
    let solverObjective = 0;
    for (const { component, objective } of this.solved) {
      if (objective === null) {
        provenOptimal = false;
        continue;
      }
      solverObjective += objective;
      if (this.value(this.units, component) < objective - ROUNDING_TOLERANCE * Math.max(1, Math.abs(objective))) provenOptimal = false;
    }
    // One status for the allocation: Optimal only when every group's solve was.
    const status = groups === 0 ? "Empty" : [...this.statuses].find((s) => s !== "Optimal") ?? "Optimal";
    if (status !== "Optimal" && status !== "Empty") provenOptimal = false;
    return {
      status,
      provenOptimal,
      solverObjective: groups === 0 ? 0 : this.solved.some((g) => g.objective !== null) ? solverObjective : null,
    };
  }
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
