/**
 * npx tsx scripts/bench-allocation.ts [-- --seed 7 --sizes 10x200:20,20x500:10,50x1000:5 --sweep 10x200:10,20x500:6 (or none)]
 *
 * Capacity-aware allocation (issue 7): the MIP (HiGHS) against the greedy baseline on random
 * instances. A benchmark, not a test. For each size (needs x IKMs : instances) it generates
 * supplier profiles with clusters and existing commitments, and needs competing for a few common
 * processes, scores every pair with the real scorer (scoreOptions), builds free capacity with
 * supplyOf, then runs both methods on the same problem and reports: objective, total score-weighted
 * coverage, mean coverage, needs fully covered, instances where the MIP is strictly better, and
 * the time of each method alone (scoring excluded), p50 and p95 over instances. The sweep solves
 * the same instances with several candidatesPerNeed values, against no pruning, to show what the
 * pruning costs. Prints tables and one JSON line.
 */
import { parseArgs } from "node:util";
import { type Allocation, allocateGreedy, loadSolver, solveAllocation } from "../src/core/supply/allocation.js";
import { ALLOCATION } from "../src/core/supply/config.js";
import { instance } from "./allocation-instances.js";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "7" },
    sizes: { type: "string", default: "10x200:20,20x500:10,50x1000:5" },
    sweep: { type: "string", default: "10x200:10,20x500:6" },
  },
});

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const fullyCovered = (a: Allocation) => a.needs.filter((n) => n.uncovered === 0).length;
const f1 = (x: number) => x.toFixed(1);

const highs = await loadSolver();
const seed = Number(values.seed);
const parseSizes = (s: string) =>
  s.trim() === "none" ? [] : s.split(",").map((part) => {
    const m = /^(\d+)x(\d+):(\d+)$/.exec(part.trim());
    if (!m) throw new Error(`not NEEDSxIKMS:INSTANCES: ${part}`);
    return { needs: Number(m[1]), ikms: Number(m[2]), instances: Number(m[3]) };
  });

// Warm-up: compile the WebAssembly paths once.
solveAllocation(highs, instance(5, 100, 1).problem);

const json: Record<string, unknown> = { candidatesPerNeed: ALLOCATION.candidatesPerNeed, sizes: [] as unknown[] };
console.log(`candidatesPerNeed ${ALLOCATION.candidatesPerNeed}, seed ${seed}`);
console.log("size        | inst | objective MIP / greedy | score MIP / greedy | coverage MIP / greedy | full needs MIP / greedy | MIP better | MIP ms p50 / p95 | greedy ms p50 | columns (binaries) / rows | statuses");
for (const size of parseSizes(values.sizes)) {
  const rows: Array<{ mip: Allocation; greedy: Allocation; mipMs: number; greedyMs: number }> = [];
  for (let k = 0; k < size.instances; k++) {
    const { problem } = instance(size.needs, size.ikms, seed * 1000 + k);
    let t = performance.now();
    const greedy = allocateGreedy(problem);
    const greedyMs = performance.now() - t;
    t = performance.now();
    const mip = solveAllocation(highs, problem);
    const mipMs = performance.now() - t;
    rows.push({ mip, greedy, mipMs, greedyMs });
  }
  const better = rows.filter((r) => r.mip.objective > r.greedy.objective + 1e-6).length;
  const worse = rows.filter((r) => r.mip.objective < r.greedy.objective - 1e-6).length;
  const statuses = [...new Set(rows.map((r) => r.mip.status))].join(", ") + `; proven optimal ${rows.filter((r) => r.mip.provenOptimal).length}/${rows.length}`;
  const s = {
    size: `${size.needs}x${size.ikms}`,
    instances: rows.length,
    objective: { mip: mean(rows.map((r) => r.mip.objective)), greedy: mean(rows.map((r) => r.greedy.objective)) },
    totalScore: { mip: mean(rows.map((r) => r.mip.totalScore)), greedy: mean(rows.map((r) => r.greedy.totalScore)) },
    coverage: { mip: mean(rows.map((r) => r.mip.coverage)), greedy: mean(rows.map((r) => r.greedy.coverage)) },
    fullyCovered: { mip: mean(rows.map((r) => fullyCovered(r.mip))), greedy: mean(rows.map((r) => fullyCovered(r.greedy))) },
    mipBetter: better,
    mipWorse: worse,
    mipMs: { p50: percentile(rows.map((r) => r.mipMs), 50), p95: percentile(rows.map((r) => r.mipMs), 95) },
    greedyMs: { p50: percentile(rows.map((r) => r.greedyMs), 50) },
    model: { columns: mean(rows.map((r) => r.mip.model.columns)), binaries: mean(rows.map((r) => r.mip.model.binaries)), rows: mean(rows.map((r) => r.mip.model.rows)) },
    statuses,
  };
  (json.sizes as unknown[]).push(s);
  console.log(
    [
      s.size.padEnd(11),
      String(s.instances).padStart(4),
      `${f1(s.objective.mip)} / ${f1(s.objective.greedy)}`.padStart(22),
      `${f1(s.totalScore.mip)} / ${f1(s.totalScore.greedy)}`.padStart(18),
      `${(100 * s.coverage.mip).toFixed(1)}% / ${(100 * s.coverage.greedy).toFixed(1)}%`.padStart(21),
      `${f1(s.fullyCovered.mip)} / ${f1(s.fullyCovered.greedy)}`.padStart(23),
      `${better}/${rows.length}${worse ? ` (worse ${worse})` : ""}`.padStart(10),
      `${s.mipMs.p50.toFixed(0)} / ${s.mipMs.p95.toFixed(0)}`.padStart(16),
      s.greedyMs.p50.toFixed(1).padStart(13),
      `${s.model.columns.toFixed(0)} (${s.model.binaries.toFixed(0)}) / ${s.model.rows.toFixed(0)}`.padStart(25),
      statuses,
    ].join(" | "),
  );
}

// The pruning: the same instances with K candidates per need against all of them.
const sweep = { ks: [10, 15, 20, 30, 50], rows: [] as unknown[] };
for (const size of parseSizes(values.sweep)) {
  const instances = Array.from({ length: size.instances }, (_, k) => instance(size.needs, size.ikms, seed * 1000 + 500 + k).problem);
  const all = instances.map((p) => {
    const t = performance.now();
    // The reference: every eligible candidate, with time to finish.
    const a = solveAllocation(highs, { ...p, rules: { candidatesPerNeed: 1_000_000, timeLimitSeconds: 120 } });
    return { objective: a.objective, ms: performance.now() - t, columns: a.model.columns, status: a.status };
  });
  console.log(
    `\npruning, ${size.needs}x${size.ikms}, ${size.instances} instances: all candidates: objective ${f1(mean(all.map((a) => a.objective)))}, ` +
      `MIP ms p50 ${percentile(all.map((a) => a.ms), 50).toFixed(0)}, columns ${mean(all.map((a) => a.columns)).toFixed(0)}, statuses ${[...new Set(all.map((a) => a.status))].join(", ")}`,
  );
  console.log("K  | objective lost (mean, max) | instances with a loss | MIP ms p50 / p95 | columns | statuses");
  for (const k of sweep.ks) {
    const runs = instances.map((p) => {
      const t = performance.now();
      const a = solveAllocation(highs, { ...p, rules: { candidatesPerNeed: k } });
      return { objective: a.objective, ms: performance.now() - t, columns: a.model.columns, status: a.status };
    });
    const lost = runs.map((r, i) => all[i].objective - r.objective);
    const row = {
      size: `${size.needs}x${size.ikms}`,
      k,
      lostMean: mean(lost),
      lostMax: Math.max(...lost),
      withLoss: lost.filter((l) => l > 1e-6).length,
      msP50: percentile(runs.map((r) => r.ms), 50),
      msP95: percentile(runs.map((r) => r.ms), 95),
      statuses: [...new Set(runs.map((r) => r.status))].join(", "),
    };
    sweep.rows.push(row);
    console.log(
      `${String(k).padEnd(2)} | ${`${row.lostMean.toFixed(2)}, ${row.lostMax.toFixed(2)}`.padStart(26)} | ${String(row.withLoss).padStart(21)} | ` +
        `${`${row.msP50.toFixed(0)} / ${row.msP95.toFixed(0)}`.padStart(16)} | ${mean(runs.map((r) => r.columns)).toFixed(0).padStart(7)} | ${row.statuses}`,
    );
  }
}
json.sweep = sweep;
console.log(JSON.stringify(json));
