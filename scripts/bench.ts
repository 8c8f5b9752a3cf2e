/**
 * npm run bench [-- --sizes 10k,100k,1M,4.4M --queries 300 --live 1k,10k --dashboard 100k --supply on --load 60 --nested on --web on --start 100k --matches 1M --fields 100k]
 *
 * Then runs scripts/bench-live.ts (subscription fan-out), scripts/bench-dashboard.ts (foundation
 * dashboards), the joint supply benchmarks (issue 7: scripts/bench-consortium.ts and
 * scripts/bench-allocation.ts on random instances, then scripts/bench-supply.ts, consortia and
 * allocation through SupplyService on this benchmark's population in --data-dir) and
 * scripts/bench-load.ts (60 s of mixed load on the demo data), scripts/bench-nested.ts (nested reads
 * against PostGraphile 5 and a raw-SQL floor on the same database) and scripts/bench-web.ts (the web
 * console's first screens in Chromium and its JavaScript, against its budgets), scripts/bench-start.ts
 * (start to ready, from PostgreSQL and from the match index's snapshot file),
 * scripts/bench-matches.ts (`matches` over HTTP at 1M IKMs, its own population in .data/bench-matches, then
 * scripts/bench-revise.ts: what revising remembered answers costs when IKMs change) and
 * scripts/bench-fields.ts (`opportunities`, `explainMatch` and `foundationDashboard` against raw floors of
 * the same data, issue 17's "within 2x"; at 100k mentees, its own population in .data/bench-fields),
 * each in its own process, one after another; `--live none`, `--dashboard none`, `--supply none`,
 * `--load none`, `--nested none`, `--web none`, `--start none`, `--matches none` or `--fields none` skips one.
 *
 * Matching benchmark (issue 4, method in README, Performance): grows a synthetic IKM population
 * (npm run seed's generator, bulk COPY) through each size, loads the in-memory index from
 * PostgreSQL as the server does at start, and times top-20 rankings for a mix of needs through the
 * worker pool. Prints a table and one JSON line. Uses its own embedded PostgreSQL in --data-dir
 * (default .data/bench, kept between runs: the population only grows, so a second run skips the
 * seeding, and sizes below what it holds are measured at what it holds), or BENCH_DATABASE_URL.
 */
import "reflect-metadata";
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import pino from "pino";
import { seedPopulation } from "../prisma/seed/population.js";
import { startEmbeddedPostgres } from "../src/infra/db/embedded.js";
import { migrate } from "../src/infra/db/migrate.js";
import type { NeedProfile } from "../src/core/matching/types.js";
import { toDay } from "../src/core/matching/types.js";
import { MatchIndex } from "../src/infra/match-index/match-index.js";
import { parseSize } from "./bench-server.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10k,100k,1M,4.4M" },
    queries: { type: "string", default: "300" },
    rounds: { type: "string", default: "3" },
    "warmup-ms": { type: "string", default: "3000" },
    "data-dir": { type: "string", default: ".data/bench" },
    /** Then the subscription fan-out benchmark at these subscriber counts ("none": skip). */
    live: { type: "string", default: "1k,10k" },
    /** Then the foundation dashboard benchmark at this many mentees ("none": skip). */
    dashboard: { type: "string", default: "100k" },
    /** Then the joint supply benchmarks: consortium search, allocation, and the supply request path on this population ("none": skip). */
    supply: { type: "string", default: "on" },
    /** Then the mixed load benchmark for this many seconds ("none": skip). */
    load: { type: "string", default: "60" },
    /** Then nested reads against PostGraphile ("none": skip). */
    nested: { type: "string", default: "on" },
    /** Then the web console's budgets in Chromium ("none": skip). */
    web: { type: "string", default: "on" },
    /** Then start to ready (scripts/bench-start.ts) at this population, from PostgreSQL and from the snapshot file ("none": skip). */
    start: { type: "string", default: "100k" },
    /** Then `matches` end to end over HTTP (scripts/bench-matches.ts) at this population ("none": skip). */
    matches: { type: "string", default: "1M" },
    /** Then issue 17's fields against their raw floors (scripts/bench-fields.ts) at this many mentees ("none": skip). */
    fields: { type: "string", default: "100k" },
  },
});

const sizes = values.sizes.split(",").map(parseSize).sort((a, b) => a - b);
if (values.supply !== "on" && values.supply !== "none") throw new Error(`--supply is "on" or "none", not ${values.supply}`);
const queriesPerRound = Number(values.queries);
const rounds = Number(values.rounds);
const warmupMs = Number(values["warmup-ms"]);
const log = pino({ level: "warn" });

const start = toDay(new Date(Date.UTC(2027, 2, 1)));
const base: Omit<NeedProfile, "id" | "processes"> = {
  materials: [], quantityPerMonth: 1000, unit: "PCS", toleranceMm: null, requiredCertifications: [], minimumStage: "PEMULA",
  preferredRegionCode: null, latitude: null, longitude: null, radiusKm: null, startDate: start, weights: null,
};
/** A mix of realistic needs: common and rare processes, with and without certificates, places and radii. */
const NEEDS: NeedProfile[] = [
  { ...base, id: "00000000-0000-4000-8000-000000000001", processes: ["MACHINING_MANUAL"], materials: ["baja s45c"], toleranceMm: 0.05, latitude: -7.57, longitude: 110.82 },
  { ...base, id: "00000000-0000-4000-8000-000000000002", processes: ["CASTING"], materials: ["besi cor fc250"], quantityPerMonth: 200, minimumStage: "MADYA", preferredRegionCode: "33" },
  { ...base, id: "00000000-0000-4000-8000-000000000003", processes: ["STAMPING"], materials: ["baja spcc"], quantityPerMonth: 12000, requiredCertifications: ["ISO_9001"], latitude: -6.3, longitude: 107.15, radiusKm: 150 },
  { ...base, id: "00000000-0000-4000-8000-000000000004", processes: ["PLASTIC_INJECTION"], materials: ["pp"], quantityPerMonth: 20000, minimumStage: "PRAMANDIRI" },
  { ...base, id: "00000000-0000-4000-8000-000000000005", processes: ["FOOD"], quantityPerMonth: 500, unit: "KG", requiredCertifications: ["HALAL"], latitude: -7.8, longitude: 110.36 },
  // A specific process (issue 23): turning, met by a capability that names it or a lathe on file.
  { ...base, id: "00000000-0000-4000-8000-000000000006", processes: ["MACHINING_MANUAL"], specificProcesses: ["TURNING"], materials: ["baja s45c"], toleranceMm: 0.05, latitude: -7.57, longitude: 110.82 },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => bytes / 1024 / 1024;

async function main() {
  let url = process.env.BENCH_DATABASE_URL;
  let stopDb = async () => undefined as void;
  if (!url) {
    const dir = path.resolve(values["data-dir"], "pg");
    const db = await startEmbeddedPostgres({ dir, port: 54339, database: "jalin_bench" }); // another free port when taken
    url = db.url;
    stopDb = db.stop;
  }
  await migrate(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();

  const results: Array<Record<string, number>> = [];
  try {
    for (const size of sizes) {
      const have = Number((await client.query(`SELECT count(*) AS n FROM "Ikm"`)).rows[0].n);
      if (have < size) {
        const t0 = performance.now();
        process.stderr.write(`seeding ${size - have} IKMs to reach ${size}...\n`);
        await seedPopulation(url, { ikms: size - have, seed: 1 + have });
        process.stderr.write(`  seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
      }
      const rows = Number((await client.query(`SELECT count(*) AS n FROM "Ikm"`)).rows[0].n);
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      const index = await MatchIndex.start(url, log);
      const stats = index.stats();
      const rssAfter = process.memoryUsage().rss;

      const t0 = performance.now();
      let i = 0;
      while (performance.now() - t0 < warmupMs) await index.rank(NEEDS[i++ % NEEDS.length], { first: 20 });

      const p50s: number[] = [];
      const p95s: number[] = [];
      const p99s: number[] = [];
      const qps: number[] = [];
      // How many suppliers each need has (not timed): what a totalCount would answer.
      let candidates = 0;
      for (const need of NEEDS) candidates += await index.count(need);
      const perNeed: number[][] = NEEDS.map(() => []);
      for (let r = 0; r < rounds; r++) {
        const times: number[] = [];
        const roundStart = performance.now();
        for (let q = 0; q < queriesPerRound; q++) {
          const need = NEEDS[q % NEEDS.length];
          const s = performance.now();
          await index.rank(need, { first: 20 });
          const elapsed = performance.now() - s;
          times.push(elapsed);
          perNeed[q % NEEDS.length].push(elapsed);
        }
        qps.push(queriesPerRound / ((performance.now() - roundStart) / 1000));
        times.sort((a, b) => a - b);
        p50s.push(percentile(times, 50));
        p95s.push(percentile(times, 95));
        p99s.push(percentile(times, 99));
      }
      // Event-loop responsiveness while ranking runs in the workers: timer lag during a burst.
      const lag: number[] = [];
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        lag.push(now - last - 1);
        last = now;
      }, 1);
      await Promise.all(Array.from({ length: 50 }, (_, q) => index.rank(NEEDS[q % NEEDS.length], { first: 20 })));
      clearInterval(timer);
      await index.close();

      const row = {
        ikms: rows,
        p50_ms: median(p50s),
        p95_ms: median(p95s),
        p99_ms: median(p99s),
        queries_per_s: median(qps),
        eligible_per_query: candidates / NEEDS.length,
        load_s: stats.loadMs / 1000,
        columns_mb: mb(stats.bytes),
        columns_mb_per_million: mb(stats.bytes) / (rows / 1e6),
        rss_delta_mb: mb(rssAfter - rssBefore),
        max_event_loop_lag_ms: lag.length ? Math.max(...lag) : 0,
        workers: stats.workers,
      };
      const needP95 = Object.fromEntries(NEEDS.map((n, k) => [[...n.processes, ...(n.specificProcesses ?? [])].join("+"), percentile([...perNeed[k]].sort((a, b) => a - b), 95)]));
      results.push({ ...row, ...Object.fromEntries(Object.entries(needP95).map(([k, v]) => [`p95_ms_${k}`, v])) });
      const prev = results.at(-2);
      process.stderr.write(
        `${String(rows).padStart(9)} IKMs  p50 ${row.p50_ms.toFixed(2)} ms  p95 ${row.p95_ms.toFixed(2)} ms  p99 ${row.p99_ms.toFixed(2)} ms` +
          (prev ? `  (p95 x${(row.p95_ms / prev.p95_ms).toFixed(1)} for x${(rows / prev.ikms).toFixed(1)} IKMs)` : "") +
          `  ${row.columns_mb.toFixed(0)} MB columns (${row.columns_mb_per_million.toFixed(0)} MB/M)  load ${row.load_s.toFixed(1)} s\n`,
      );
    }
  } finally {
    await client.end();
    await stopDb();
  }

  const header = "| IKMs | p50 ms | p95 ms | p99 ms | queries/s | growth p95 | columns MB | MB per 1M | load s | max loop lag ms |";
  const lines = [header, "|---|---|---|---|---|---|---|---|---|---|"];
  results.forEach((r, i) => {
    const prev = results[i - 1];
    lines.push(`| ${r.ikms.toLocaleString("en-US")} | ${r.p50_ms.toFixed(2)} | ${r.p95_ms.toFixed(2)} | ${r.p99_ms.toFixed(2)} | ${r.queries_per_s.toFixed(0)} | ` +
      `${prev ? `x${(r.p95_ms / prev.p95_ms).toFixed(1)} (IKMs x${(r.ikms / prev.ikms).toFixed(1)})` : "-"} | ${r.columns_mb.toFixed(0)} | ${r.columns_mb_per_million.toFixed(0)} | ${r.load_s.toFixed(1)} | ${r.max_event_loop_lag_ms.toFixed(1)} |`);
  });
  process.stdout.write(`${lines.join("\n")}\n`);
  process.stdout.write(`${JSON.stringify({ bench: "matching-top20", rounds, queriesPerRound, results })}\n`);

  // The other benchmarks, one after another (never at once: the machine has 2 cores).
  if (values.live !== "none") await runScript("scripts/bench-live.ts", ["--subscribers", values.live]);
  if (values.dashboard !== "none") await runScript("scripts/bench-dashboard.ts", ["--mentees", values.dashboard]);
  if (values.supply !== "none") {
    await runScript("scripts/bench-consortium.ts", []);
    await runScript("scripts/bench-allocation.ts", []);
    // On the population measured above, grown no further (its embedded PostgreSQL is stopped by now; this starts it again).
    await runScript("scripts/bench-supply.ts", ["--data-dir", values["data-dir"], "--population", String(sizes[sizes.length - 1])]);
  }
  if (values.load !== "none") await runScript("scripts/bench-load.ts", ["--seconds", values.load]);
  if (values.nested !== "none") await runScript("scripts/bench-nested.ts", []);
  if (values.web !== "none") await runScript("scripts/bench-web.ts", []);
  if (values.start !== "none") await runScript("scripts/bench-start.ts", ["--size", values.start, "--data-dir", values["data-dir"]]);
  if (values.matches !== "none") {
    await runScript("scripts/bench-matches.ts", ["--size", values.matches]);
    await runScript("scripts/bench-revise.ts", []);
  }
  if (values.fields !== "none") await runScript("scripts/bench-fields.ts", ["--mentees", values.fields]);
}

/** Runs another benchmark script in its own process, its output passed through. */
function runScript(script: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { stdio: "inherit" });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`))));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
