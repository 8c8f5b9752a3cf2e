/**
 * `matches` end to end at a population size (issue 17's goal: 1,000 req/s at 1M IKMs on 2 cores).
 *   npx tsx scripts/bench-matches.ts [--size 1M --seconds 20 --connections 10,50 --data-dir .data/bench-matches]
 *
 * The population is grown with npm run seed's generator (kept in --data-dir, reused by later runs),
 * then the bundled server runs on it exactly as `npm start` runs it (NODE_ENV=production, demo data
 * seeded beside the population, rate limits off, the match index's snapshot file in the data dir).
 * autocannon asks the demo buyer's first open need for its top 20, at each --connections, two ways:
 * - "ranked": score, band and each IKM's name (answered from the index, no profile read);
 * - "console": the web console's Matches page (src/web/screens/buyer/Matches.tsx): totalCount, and
 *   each supplier's factors, requirements and gaps, re-scored from its PostgreSQL rows.
 * Besides the load: each page alone (p50 of 50 in a row) and `matches { totalCount }` alone (the
 * count-only scan). Prints one JSON line per page and connection count. Then (--many, --writes) many
 * needs asked in turn while IKMs change, against a server that forgets remembered answers at every
 * change (scripts/bench-matches-many.ts).
 */
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { DEMO_PASSWORD } from "../prisma/seed/demo.js";
import { seedPopulation } from "../prisma/seed/population.js";
import { startEmbeddedPostgres } from "../src/infra/db/embedded.js";
import { migrate } from "../src/infra/db/migrate.js";
import { median, parseSize, post, startServerProcess, usage } from "./bench-server.js";
import { type ManyNeedsRun, answerCounters, manyNeeds, needCopies } from "./bench-matches-many.js";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "1M" },
    seconds: { type: "string", default: "20" },
    warmup: { type: "string", default: "5" },
    connections: { type: "string", default: "10,50" },
    "data-dir": { type: "string", default: ".data/bench-matches" },
    /** Then this many copies of the need asked in turn while IKMs change (scripts/bench-matches-many.ts); "none": skip. */
    many: { type: "string", default: "200" },
    /** IKM changes a second during --many. */
    writes: { type: "string", default: "20" },
  },
});

const PAGES = {
  ranked: `query($id: ID!) { matches(needId: $id, first: 20) { nodes { score band ikm { id legalName } } } }`,
  console: `query($id: ID!) { matches(needId: $id, first: 20) { totalCount nodes {
    score band capped distanceKm ikm { id legalName regionName currentStage }
    factors { factor value weight contribution detail applicable }
    requirements { kind met message subject unconfirmed }
    gaps { kind hard message subject shortfall renewBy } } } }`,
};
const COUNT = `query($id: ID!) { matches(needId: $id, first: 1) { totalCount } }`;

async function aloneP50(url: string, query: string, variables: Record<string, unknown>, token: string, runs = 50): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await post(url, query, variables, token);
    times.push(performance.now() - started);
  }
  return Math.round(median(times) * 100) / 100;
}

async function main() {
  const dataDir = path.resolve(values["data-dir"]);
  let url = process.env.BENCH_DATABASE_URL;
  let stopDb = async () => undefined as void;
  if (!url) {
    const db = await startEmbeddedPostgres({ dir: path.join(dataDir, "pg"), port: 54347, database: "jalin_bench_matches" });
    url = db.url;
    stopDb = db.stop;
  }
  try {
    await migrate(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const size = parseSize(values.size);
    const have = Number((await client.query(`SELECT count(*) FILTER (WHERE synthetic) AS n FROM "Ikm"`)).rows[0].n);
    if (have < size) {
      process.stderr.write(`seeding ${size - have} IKMs to reach ${size}...\n`);
      await seedPopulation(url, { ikms: size - have, seed: 1 + have });
    }
    await client.end();
    process.stderr.write("starting the server (loads the match index)...\n");
    const serverEnv = { SEED_DEMO: "true", MATCH_INDEX_SNAPSHOT_DIR: path.join(dataDir, "match-index") };
    const { url: graphql, child } = await startServerProcess(url, serverEnv);
    let many: { needs: string[]; token: string; revising: ManyNeedsRun } | null = null;
    const manyRun = (graphqlUrl: string, pid: number, token: string, needs: string[]) =>
      manyNeeds({ databaseUrl: url!, graphqlUrl, serverPid: pid, token, needs, writesPerSecond: Number(values.writes), connections: 10, seconds: Number(values.seconds), warmup: Number(values.warmup) });
    try {
      const login = await post(graphql, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: "sourcing@presisi-komponen.demo", p: DEMO_PASSWORD });
      const token = login.login.token as string;
      const open = await post(graphql, `{ needs(first: 50, filter: { statuses: [OPEN] }) { nodes { id title } } }`, {}, token);
      const need = open.needs.nodes.find((n: { title: string }) => !n.title.startsWith("Bench copy"));
      if (!need) throw new Error("the demo buyer has no open need");
      const variables = { id: need.id };
      const rows = (await post(graphql, COUNT, variables, token)).matches.totalCount as number;
      for (const [page, query] of Object.entries(PAGES)) {
        const body = JSON.stringify({ query, variables });
        const request = { method: "POST" as const, headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body };
        for (const connections of values.connections.split(",").map(Number)) {
          let errors = 0;
          const onResponse = (status: number, text: string) => { if (status !== 200 || text.includes('"errors"')) errors++; };
          await autocannon({ url: graphql, connections, duration: Number(values.warmup), requests: [{ ...request, onResponse }] });
          errors = 0;
          const counters = await answerCounters(graphql);
          const before = usage(child.pid!);
          const result = await autocannon({ url: graphql, connections, duration: Number(values.seconds), requests: [{ ...request, onResponse }] });
          const after = usage(child.pid!);
          const now = await answerCounters(graphql);
          const hits = now.hit - counters.hit;
          const reqPerS = result.requests.average;
          process.stdout.write(`${JSON.stringify({
            bench: "matches-end-to-end", page, ikms: size, need: need.title, eligible: rows, connections, req_per_s: Math.round(reqPerS),
            p50_ms: result.latency.p50, p99_ms: result.latency.p99, errors: errors + result.errors + result.timeouts + result.non2xx,
            server_cpu_ms_per_req: Math.round(((after.cpuS - before.cpuS) * 1000 / Math.max(1, result.requests.total)) * 100) / 100,
            server_rss_mb: Math.round(after.rssMb), answers_hit_share: Math.round((hits / Math.max(1, hits + now.miss - counters.miss)) * 1000) / 1000, goal_req_per_s: 1000, ratio_to_goal: Math.round((reqPerS / 1000) * 100) / 100,
          })}\n`);
        }
      }
      process.stdout.write(`${JSON.stringify({
        bench: "matches-alone", ikms: size,
        ranked_page_p50_ms: await aloneP50(graphql, PAGES.ranked, variables, token),
        console_page_p50_ms: await aloneP50(graphql, PAGES.console, variables, token),
        total_count_p50_ms: await aloneP50(graphql, COUNT, variables, token),
      })}\n`);
      if (values.many !== "none") {
        const needs = await needCopies(url, need.id, Number(values.many));
        many = { needs, token, revising: await manyRun(graphql, child.pid!, token, needs) };
      }
    } finally {
      await stopServer(child);
    }
    if (many) {
      // The same load on a server that forgets every remembered answer at every change: the peer.
      process.stderr.write("restarting the server with MATCH_INDEX_ANSWER_REVISION_BUDGET=0...\n");
      const forgetting = await startServerProcess(url, { ...serverEnv, MATCH_INDEX_ANSWER_REVISION_BUDGET: "0" });
      try {
        const peer = await manyRun(forgetting.url, forgetting.child.pid!, many.token, many.needs);
        process.stdout.write(`${JSON.stringify({
          bench: "matches-many-needs", ikms: size, needs: many.needs.length, writes_per_s: Number(values.writes), connections: 10,
          revising: many.revising, forgetting: peer, ratio_req_per_s: Math.round((many.revising.req_per_s / Math.max(1, peer.req_per_s)) * 100) / 100,
          goal_req_per_s: 1000, ratio_to_goal: Math.round((many.revising.req_per_s / 1000) * 100) / 100,
        })}\n`);
      } finally {
        await stopServer(forgetting.child);
      }
    }
  } finally {
    await stopDb();
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  child.kill("SIGTERM");
  if (child.exitCode === null) await new Promise((resolve) => child.once("exit", resolve));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
