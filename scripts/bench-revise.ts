/**
 * What revising remembered answers costs the main thread when IKMs change (src/infra/match-index/revise.ts),
 * against what forgetting them costs: scanning their questions again.
 *   npx tsx scripts/bench-revise.ts [--size 100k --answers 2000 --changes 1,10]
 *
 * A seeded random population (the engine tests' generator) in columns; `answers` remembered
 * rankings (first 20) and counts of distinct needs, every one sharing a process with the changed
 * IKMs (the worst case: none is skipped by its processes). Prints, per number of changed IKMs, the
 * median time to revise them all, and beside it the floor: the median time to answer the same
 * questions again by scans over the same columns on one thread, as forgetting would.
 */
import { parseArgs } from "node:util";
import { ColumnBuilder } from "../src/core/matching/index/columns.js";
import { compileQuery, scan } from "../src/core/matching/index/engine.js";
import { RememberedAnswers } from "../src/infra/match-index/answers.js";
import type { RankedIds } from "../src/infra/match-index/ranked.js";
import { type Question, reviseFor } from "../src/infra/match-index/revise.js";
import { FILTERS, needs, population } from "../test/helpers/population.js";
import { median, parseSize } from "./bench-server.js";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "100k" },
    answers: { type: "string", default: "2000" },
    changes: { type: "string", default: "1,10" },
    rounds: { type: "string", default: "30" },
  },
});

const size = parseSize(values.size);
const suppliers = population(3, size);
const builder = new ColumnBuilder(size);
for (const s of suppliers) builder.append(s);
const columns = builder.finish();
const familyIndex = new Map(columns.families.map((f, i) => [f, i]));
const clusterIndex = new Map(columns.clusters.map((c, i) => [c, i]));
const before = { columns, overlay: new Map(), familyIndex, clusterIndex };

/** Distinct questions (each need its own quantity), half rankings and half counts. */
const questions: Question[] = [];
const base = needs(5);
for (let i = 0; questions.length < Number(values.answers); i++) {
  const need = { ...base[i % base.length], quantityPerMonth: 100 + i };
  const filter = FILTERS[i % 5];
  questions.push({ kind: "rank", need, first: 20, after: null, filter }, { kind: "count", need, filter });
}
const scanOnce = (q: Question): RankedIds | number => {
  const compiled = compileQuery(columns, q.need, { filter: q.filter, k: q.kind === "rank" ? q.first + 1 : 0, count: q.kind === "count", familyIndex, clusterIndex });
  const r = scan(columns, compiled);
  if (q.kind === "count") return r.count;
  const ranked = r.rows.slice(0, q.first).map((row, i) => ({ id: suppliers[row].id, total: r.totals[i] }));
  const following = r.rows.length > q.first ? { id: suppliers[r.rows[q.first]].id, total: r.totals[q.first] } : null;
  return { ranked, hasNextPage: following !== null, following };
};

const answers = new RememberedAnswers<Question>(questions.length);
for (const q of questions) await answers.answer(q, async () => scanOnce(q));
const processes = new Set(questions.flatMap((q) => q.need.processes));
// Changed IKMs that work every process the needs name, so no answer is skipped for its processes.
const workers = suppliers.filter((s) => [...processes].every((p) => s.capabilities.some((c) => c.process === p)));
if (workers.length < 20) throw new Error("the population has too few IKMs working every process");

const rescan = (): number => {
  const started = performance.now();
  for (const q of questions) scanOnce(q);
  return performance.now() - started;
};
const rescanMs = median(Array.from({ length: 3 }, rescan));

for (const changes of values.changes.split(",").map(Number)) {
  const times: number[] = [];
  for (let round = 0; round < Number(values.rounds); round++) {
    const changed = new Map(Array.from({ length: changes }, (_, i) => {
      const old = workers[(round * changes + i) % workers.length];
      return [old.id, { ...suppliers[(round * 7 + i * 13) % suppliers.length], id: old.id }] as const;
    }));
    const started = performance.now();
    answers.changed(reviseFor(before, changed, answers.questions(), Number.POSITIVE_INFINITY));
    times.push(performance.now() - started);
    // Forgotten answers are asked again, so every round revises the same number.
    for (const q of questions) await answers.answer(q, async () => scanOnce(q));
  }
  const reviseMs = median(times);
  process.stdout.write(`${JSON.stringify({
    bench: "answer-revision", ikms: size, answers: questions.length, changed_ikms: changes, pairs: questions.length * changes,
    revise_ms: Math.round(reviseMs * 100) / 100, rescan_all_ms: Math.round(rescanMs), revise_to_rescan: Math.round((reviseMs / rescanMs) * 1000) / 1000,
  })}\n`);
}
