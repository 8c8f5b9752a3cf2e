/**
 * Issue 17's fields against their raw floors: "`opportunities`, `explainMatch` and
 * `foundationDashboard` each within 2x the raw floor of the same data", measured, never asserted.
 *   npx tsx scripts/bench-fields.ts [--mentees 100k --open-needs 500 --seconds 5 --warmup 2 --rounds 3 --connections 10,50
 *                                    --dashboard-connections 1,10 --dashboard-seconds 10 --fields opportunities,opportunitiesNearMiss,explainMatch,foundationDashboard --data-dir .data/bench-fields]
 *   (also part of `npm run bench`: --fields there is the mentee count, or "none")
 *
 * Data (kept in --data-dir between runs, its own embedded PostgreSQL on port 54349, or
 * BENCH_DATABASE_URL): a synthetic population of --mentees IKMs (npm run seed's generator, about
 * 8 s for 100k here), bench-dashboard.ts's preparation on it (one foundation and its regional centre
 * mentoring all --mentees of them, with sponsors, two years of assessments and 1-3 stage changes
 * each; its 50 open needs), open needs topped up to --open-needs in all, and the demo data the server
 * seeds at start. Why these sizes: the dashboard is issue 5's 100k-mentee case (each of its reads
 * scans every mentee: the size is the cost); `opportunities` scores the IKM against every open need,
 * so 500 open needs (a busy marketplace; the demo opens 3) makes the per-need work visible without
 * hiding the API's per-request cost; `explainMatch` is one pair, so its size is one need and one IKM.
 * The dashboard's five reads take about 0.85 s of PostgreSQL per request at 100k mentees, so it is
 * loaded with 1 and 10 requests in flight (--dashboard-connections) for 10 s runs (--dashboard-seconds);
 * 50 in flight would only queue for 20 s. With the defaults the whole run takes about 8 minutes
 * (3 x 2 x 3 x 2 runs of 7 s, 2 x 3 x 2 of 12 s, waits for the leftovers, about a minute to start).
 *
 * Servers, each in its own process, on the same database:
 * - Jalin as `npm start` runs it (scripts/bench-server.ts: bundled, production, rate limits off,
 *   the match index's snapshot file in --data-dir), asked over GraphQL with a bearer token:
 *   `opportunities` as the demo IKM's member (pemilik@cor-batur.demo, its own IKM), ELIGIBLE and
 *   NEAR_MISS; `explainMatch` as the demo buyer (sourcing@presisi-komponen.demo) for its newest open
 *   need and the IKM its `matches` ranks first; `foundationDashboard` (bench-dashboard.ts's fields
 *   but eligibleForOpenNeeds, which is answered from the match index and has no SQL floor) as a
 *   mentor of the 100k-mentee foundation (a user added with the demo mentor's password);
 * - the floor (scripts/peers/raw-fields.ts): node:http + pg, no GraphQL, no sign-in, no access
 *   checks; the same SQL statements and Jalin's own pure code (loadProfiles, LOADER_SQL,
 *   scoreMatch, needProfile, rankedPage; DashboardService over MaturityDashboardRepository's SQL).
 * Each pair's answers are checked to hold the same data first (ids, scores, bands, messages, counts,
 * in the same order). autocannon then keeps `--connections` requests in flight for `--seconds` after a
 * `--warmup`, Jalin and floor interleaved over `--rounds` rounds, each run starting once PostgreSQL has
 * finished the previous run's leftovers; medians are reported.
 *
 * How to read it: "floor/Jalin" is the floor's req/s over Jalin's; issue 17's "within 2x" holds
 * when Jalin's req/s >= the floor's / 2, i.e. floor/Jalin <= 2.00 (p99 is shown beside it, Jalin's
 * over the floor's, but the goal is read on throughput). CPU ms/req is the server process's own CPU
 * (PostgreSQL's is not in it). Prints a markdown table and one JSON line per row.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { DEMO_PASSWORD } from "../prisma/seed/demo.js";
import { seedPopulation } from "../prisma/seed/population.js";
import { fromGlobalId, toGlobalId } from "../src/domain/ids.js";
import { startEmbeddedPostgres } from "../src/infra/db/embedded.js";
import { migrate } from "../src/infra/db/migrate.js";
import { openNeeds, prepare } from "./bench-dashboard.js";
import { median, parseSize, post, startServerProcess, usage } from "./bench-server.js";

const { values } = parseArgs({
  options: {
    mentees: { type: "string", default: "100k" },
    "open-needs": { type: "string", default: "500" },
    seconds: { type: "string", default: "5" },
    warmup: { type: "string", default: "2" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "10,50" },
    /** The dashboard's reads take about 0.85 s of PostgreSQL per request at 100k mentees: fewer in flight, longer runs. */
    "dashboard-connections": { type: "string", default: "1,10" },
    "dashboard-seconds": { type: "string", default: "10" },
    fields: { type: "string", default: "opportunities,opportunitiesNearMiss,explainMatch,foundationDashboard" },
    "data-dir": { type: "string", default: ".data/bench-fields" },
  },
});

const IKM_USER = "pemilik@cor-batur.demo";
const BUYER = "sourcing@presisi-komponen.demo";
const DEMO_MENTOR = "pendamping@ydba-soloraya.demo";
const BENCH_MENTOR = "bench-fields-mentor@jalin.bench";

const OPPORTUNITIES = (eligibility: string) =>
  `{ opportunities(first: 20, eligibility: ${eligibility}) { totalCount nodes { score band need { id title } gaps { kind message } } } }`;
const EXPLAIN = `query($need: ID!, $ikm: ID!) { explainMatch(needId: $need, ikmId: $ikm) {
  score band eligible factors { factor value contribution detail } requirements { kind met message } gaps { kind message } } }`;
const DASHBOARD = `{ foundationDashboard {
  stages { total byStage { stage count share } }
  byRegion { key count byStage { stage count } }
  bySponsor { key name count }
  progression { mentees promotedShare stays { stage medianMonths completedStays current } }
  dueForReassessment(first: 20) { totalCount nodes { lastAssessedOn ikm { legalName } } } } }`;

interface Field {
  name: string;
  jalin: { body: string; token: string };
  /** The floor's path and query string. */
  floor: string;
  /** The data both answers must hold, as comparable JSON. */
  normalise(data: any, floor: boolean): string;
}

/** req/s: whole numbers, one decimal below 100. */
const rate = (x: number) => (x < 100 ? Math.round(x * 10) / 10 : Math.round(x));
const rawId = (id: string) => fromGlobalId(id)?.id ?? id;
const day = (d: string | null) => (d == null ? null : String(d).slice(0, 10));

/**
 * Open needs up to `total` in all (a buyer of its own; processes, stages and certificates varied: the
 * demo caster is eligible for about a sixth of them and misses half its casting needs by one certificate, its NEAR_MISS list).
 */
async function topUpOpenNeeds(client: pg.Client, total: number): Promise<void> {
  const have = Number((await client.query(`SELECT count(*) AS n FROM "ComponentNeed" WHERE status = 'OPEN'`)).rows[0].n);
  if (have >= total) return;
  await client.query(`DELETE FROM "Firm" WHERE name = 'PT Bench Fields Buyer' AND NOT EXISTS (SELECT 1 FROM "ComponentNeed" n WHERE n."firmId" = "Firm".id)`);
  const firm = (await client.query<{ id: string }>(
    `INSERT INTO "Firm"(id, name, sector, tier, "regionCode", "updatedAt") VALUES (gen_random_uuid(), 'PT Bench Fields Buyer', 'AUTOMOTIVE', 'TIER_1', '33.72', now()) RETURNING id`,
  )).rows[0].id;
  await client.query(
    `INSERT INTO "ComponentNeed"(id, "firmId", title, description, processes, materials, "quantityPerMonth", unit, "requiredCertifications", "minimumStage",
                                 "preferredRegionCode", "startDate", status, "publishedAt", "updatedAt")
     SELECT gen_random_uuid(), $1, 'Bench fields need ' || g, 'bench need',
            ARRAY[(ARRAY['CASTING','MACHINING_MANUAL','STAMPING','WELDING_FABRICATION','PLASTIC_INJECTION','FOOD','MACHINING_CNC','FORGING','SHEET_METAL','PLATING_PAINTING'])[1 + g % 10]]::"Process"[],
            CASE WHEN g % 3 = 0 THEN ARRAY['besi cor fc250'] ELSE '{}' END, 100 + 37 * g, 'PCS',
            (CASE WHEN g % 4 = 0 THEN ARRAY['ISO_9001'] WHEN g % 4 = 2 THEN ARRAY['IATF_16949'] ELSE '{}' END)::"CertificationType"[],
            (ARRAY['PEMULA','MADYA','PRAMANDIRI','MANDIRI'])[1 + (g / 10) % 4]::"MaturityStage",
            CASE WHEN g % 5 = 0 THEN '33' ELSE NULL END, current_date + 30 + g % 90, 'OPEN', now() - make_interval(mins => 100 + g), now()
       FROM generate_series(1, $2::int) g`,
    [firm, total - have],
  );
  await client.query(`ANALYZE "ComponentNeed"`);
}

/** Starts the floor; resolves with the URL it prints. */
function startFloor(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/peers/raw-fields.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += String(chunk);
      const url = /Raw floor:\s+(\S+)/.exec(out)?.[1];
      if (url) resolve({ url, child });
    });
    child.once("exit", (code) => reject(new Error(`the floor exited with ${code} before listening`)));
  });
}

interface Run { reqPerS: number; p50: number; p99: number; cpuMsPerReq: number; cpuCores: number; rssMb: number }

/**
 * Waits until PostgreSQL runs no statement of this database but our own: autocannon stops at the end
 * of a run without waiting for the requests in flight, and a slow field's leftovers (seconds of the
 * dashboard's reads) would otherwise run on into the next server's run.
 */
async function drain(client: pg.Client): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < 120_000) {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`);
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function load(label: string, request: { url: string; method: "GET" | "POST"; headers: Record<string, string>; body?: string }, pid: number, connections: number, seconds: number, client: pg.Client): Promise<Run> {
  let errors = 0;
  const onResponse = (status: number, text: string) => { if (status !== 200 || text.includes('"errors"')) errors++; };
  const options = { url: request.url, connections, timeout: 60, requests: [{ method: request.method, headers: request.headers, body: request.body, onResponse }] };
  await autocannon({ ...options, duration: Number(values.warmup) });
  await drain(client);
  errors = 0;
  const before = usage(pid);
  const r = await autocannon({ ...options, duration: seconds });
  const after = usage(pid);
  await drain(client);
  if (errors || r.non2xx || r.errors || r.timeouts) throw new Error(`${label}: ${errors} error answers, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  const cpuS = after.cpuS - before.cpuS;
  // Requests over the run's length (autocannon's per-second average rounds a slow field's 2.4 req/s to whole seconds' counts).
  return { reqPerS: r.requests.total / Math.max(1e-9, r.duration), p50: r.latency.p50, p99: r.latency.p99, cpuMsPerReq: (cpuS * 1000) / Math.max(1, r.requests.total), cpuCores: cpuS / seconds, rssMb: after.rssMb };
}

async function main() {
  const dataDir = path.resolve(values["data-dir"]);
  const mentees = parseSize(values.mentees);
  let url = process.env.BENCH_DATABASE_URL;
  let stopDb = async () => undefined as void;
  if (!url) {
    const db = await startEmbeddedPostgres({ dir: path.join(dataDir, "pg"), port: 54349, database: "jalin_bench_fields" });
    url = db.url;
    stopDb = db.stop;
  }
  const children: ChildProcess[] = [];
  const client = new pg.Client({ connectionString: url });
  try {
    await migrate(url);
    await client.connect();
    const have = Number((await client.query(`SELECT count(*) FILTER (WHERE synthetic) AS n FROM "Ikm"`)).rows[0].n);
    if (have < mentees) {
      process.stderr.write(`seeding ${mentees - have} IKMs...\n`);
      await seedPopulation(url, { ikms: mentees - have, seed: 1 + have });
    }
    const foundationId = await prepare(client, mentees);
    await openNeeds(client);
    await topUpOpenNeeds(client, Number(values["open-needs"]));

    process.stderr.write("starting Jalin (loads the match index) and the floor...\n");
    const jalin = await startServerProcess(url, { SEED_DEMO: "true", MATCH_INDEX_SNAPSHOT_DIR: path.join(dataDir, "match-index") });
    children.push(jalin.child);
    const floor = await startFloor(url);
    children.push(floor.child);

    // The mentor of the large foundation signs in with the demo mentor's password (the demo is seeded by now).
    await client.query(
      `INSERT INTO "User"(id, email, name, "passwordHash", role, "foundationId")
       SELECT gen_random_uuid(), $1, 'Bench fields mentor', "passwordHash", 'FOUNDATION', $2 FROM "User" WHERE email = $3
       ON CONFLICT (email) DO UPDATE SET "foundationId" = EXCLUDED."foundationId", "passwordHash" = EXCLUDED."passwordHash"`,
      [BENCH_MENTOR, foundationId, DEMO_MENTOR],
    );
    const login = async (email: string) =>
      (await post(jalin.url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: DEMO_PASSWORD })).login.token as string;
    const [ikmToken, buyerToken, mentorToken] = [await login(IKM_USER), await login(BUYER), await login(BENCH_MENTOR)];

    const ikmId = (await client.query<{ ikmId: string }>(`SELECT "ikmId" FROM "User" WHERE email = $1`, [IKM_USER])).rows[0].ikmId;
    const needId = (await client.query<{ id: string }>(
      `SELECT n.id FROM "ComponentNeed" n JOIN "User" u ON u."firmId" = n."firmId" WHERE u.email = $1 AND n.status = 'OPEN' ORDER BY n."publishedAt" DESC, n.id DESC LIMIT 1`,
      [BUYER],
    )).rows[0]?.id;
    if (!needId) throw new Error("the demo buyer has no open need");
    const top = await post(jalin.url, `query($id: ID!) { matches(needId: $id, first: 1) { nodes { ikm { id } } } }`, { id: toGlobalId("ComponentNeed", needId) }, buyerToken);
    const pairIkm = rawId(top.matches.nodes[0]?.ikm.id ?? toGlobalId("Ikm", ikmId));
    const openCount = Number((await client.query(`SELECT count(*) AS n FROM "ComponentNeed" WHERE status = 'OPEN'`)).rows[0].n);
    const menteeCount = Number((await client.query(`SELECT count(DISTINCT m."ikmId") AS n FROM "Mentorship" m JOIN "Foundation" f ON f.id = m."foundationId" WHERE (f.id = $1 OR f."parentId" = $1) AND m.status = 'ACTIVE'`, [foundationId])).rows[0].n);
    const population = Number((await client.query(`SELECT count(*) AS n FROM "Ikm"`)).rows[0].n);

    const opportunities = (eligibility: string): Omit<Field, "name"> => ({
      jalin: { body: JSON.stringify({ query: OPPORTUNITIES(eligibility) }), token: ikmToken },
      floor: `/opportunities?ikm=${ikmId}&eligibility=${eligibility}`,
      normalise: (d, isFloor) => {
        const o = isFloor ? d : d.opportunities;
        return JSON.stringify({ totalCount: o.totalCount, nodes: o.nodes.map((n: any) => [n.score, n.band, rawId(n.need.id), n.need.title, n.gaps]) });
      },
    });
    const all: Field[] = [
      { name: "opportunities", ...opportunities("ELIGIBLE") },
      { name: "opportunitiesNearMiss", ...opportunities("NEAR_MISS") },
      {
        name: "explainMatch",
        jalin: { body: JSON.stringify({ query: EXPLAIN, variables: { need: toGlobalId("ComponentNeed", needId), ikm: toGlobalId("Ikm", pairIkm) } }), token: buyerToken },
        floor: `/explain?need=${needId}&ikm=${pairIkm}`,
        normalise: (d, isFloor) => JSON.stringify(isFloor ? d : d.explainMatch),
      },
      {
        name: "foundationDashboard",
        jalin: { body: JSON.stringify({ query: DASHBOARD }), token: mentorToken },
        floor: `/dashboard?foundation=${foundationId}`,
        normalise: (d, isFloor) => {
          const x = isFloor ? d : d.foundationDashboard;
          return JSON.stringify({
            ...x,
            bySponsor: x.bySponsor.map((g: any) => ({ ...g, key: g.key == null ? null : rawId(g.key) })),
            dueForReassessment: { ...x.dueForReassessment, nodes: x.dueForReassessment.nodes.map((n: any) => ({ ...n, lastAssessedOn: day(n.lastAssessedOn) })) },
          });
        },
      },
    ];
    const wanted = values.fields.split(",").map((s) => s.trim());
    const fields = all.filter((f) => wanted.includes(f.name));
    if (fields.length !== wanted.length) throw new Error(`--fields: choose among ${all.map((f) => f.name).join(", ")}`);

    const requests = (f: Field) => ({
      jalin: { url: jalin.url, method: "POST" as const, headers: { "content-type": "application/json", authorization: `Bearer ${f.jalin.token}` }, body: f.jalin.body },
      floor: { url: floor.url + f.floor, method: "GET" as const, headers: {} },
    });

    // Same data from both, before any timing.
    const sizes: Record<string, string> = {};
    for (const f of fields) {
      const r = requests(f);
      const a = (await (await fetch(r.jalin.url, { method: "POST", headers: r.jalin.headers, body: r.jalin.body })).json()) as { data?: any; errors?: unknown };
      const b = (await (await fetch(r.floor.url)).json()) as { data?: any; errors?: unknown };
      if (a.errors || !a.data) throw new Error(`Jalin, ${f.name}: ${JSON.stringify(a.errors)}`);
      if (b.errors || !b.data) throw new Error(`floor, ${f.name}: ${JSON.stringify(b.errors)}`);
      const [x, y] = [f.normalise(a.data, false), f.normalise(b.data, true)];
      if (x !== y) throw new Error(`${f.name}: Jalin and the floor answer different data:\n${x.slice(0, 2000)}\n${y.slice(0, 2000)}`);
      const d = JSON.parse(x);
      sizes[f.name] = f.name.startsWith("opportunities") ? `${d.totalCount} of ${openCount} open needs` : f.name === "explainMatch" ? `score ${d.score}, ${d.gaps.length} gaps` : `${d.stages.total} mentees, ${d.dueForReassessment.totalCount} due`;
      process.stderr.write(`${f.name}: same data from Jalin and the floor (${sizes[f.name]}; ${x.length} bytes)\n`);
    }

    const rows: Array<Record<string, string | number | boolean>> = [];
    const rounds = Number(values.rounds);
    for (const f of fields) {
      const r = requests(f);
      const dashboard = f.name === "foundationDashboard";
      const seconds = Number(dashboard ? values["dashboard-seconds"] : values.seconds);
      for (const connections of (dashboard ? values["dashboard-connections"] : values.connections).split(",").map(Number)) {
        const runs = { jalin: [] as Run[], floor: [] as Run[] };
        for (let round = 0; round < rounds; round++) {
          runs.jalin.push(await load(`Jalin ${f.name}`, r.jalin, jalin.child.pid!, connections, seconds, client));
          runs.floor.push(await load(`floor ${f.name}`, r.floor, floor.child.pid!, connections, seconds, client));
        }
        const med = (list: Run[], k: keyof Run) => median(list.map((x) => x[k]));
        const j = { reqPerS: med(runs.jalin, "reqPerS"), p50: med(runs.jalin, "p50"), p99: med(runs.jalin, "p99"), cpu: med(runs.jalin, "cpuMsPerReq") };
        const fl = { reqPerS: med(runs.floor, "reqPerS"), p50: med(runs.floor, "p50"), p99: med(runs.floor, "p99"), cpu: med(runs.floor, "cpuMsPerReq") };
        const row = {
          bench: "fields-vs-floor", field: f.name, data: sizes[f.name], connections, seconds,
          jalin_req_per_s: rate(j.reqPerS), floor_req_per_s: rate(fl.reqPerS),
          jalin_p50_ms: j.p50, jalin_p99_ms: j.p99, floor_p50_ms: fl.p50, floor_p99_ms: fl.p99,
          floor_over_jalin_req_per_s: Math.round((fl.reqPerS / j.reqPerS) * 100) / 100,
          jalin_over_floor_p99: Math.round((j.p99 / Math.max(1, fl.p99)) * 100) / 100,
          jalin_cpu_ms_per_req: Math.round(j.cpu * 100) / 100, floor_cpu_ms_per_req: Math.round(fl.cpu * 100) / 100,
          jalin_rss_mb: Math.round(Math.max(...runs.jalin.map((x) => x.rssMb))),
          within_2x: j.reqPerS >= fl.reqPerS / 2,
        };
        rows.push(row);
        process.stderr.write(`${f.name} at ${connections}: Jalin ${row.jalin_req_per_s} req/s, floor ${row.floor_req_per_s} req/s (x${row.floor_over_jalin_req_per_s})\n`);
      }
    }

    console.log(`\nIssue 17's fields against their raw floors: ${population} IKMs, ${menteeCount} mentees in the dashboard's foundation, ${openCount} open needs; ` +
      `${values.seconds} s per run (the dashboard ${values["dashboard-seconds"]} s) after ${values.warmup} s warm-up, medians of ${rounds} interleaved rounds\n`);
    console.log("| field | data | connections | Jalin req/s | floor req/s | Jalin p50 / p99 ms | floor p50 / p99 ms | floor/Jalin req/s | p99 Jalin/floor | CPU ms/req Jalin / floor | within 2x |");
    console.log("|---|---|---|---|---|---|---|---|---|---|---|");
    for (const r of rows) {
      console.log(`| ${r.field} | ${r.data} | ${r.connections} | ${r.jalin_req_per_s} | ${r.floor_req_per_s} | ${r.jalin_p50_ms} / ${r.jalin_p99_ms} | ${r.floor_p50_ms} / ${r.floor_p99_ms} | ` +
        `${Number(r.floor_over_jalin_req_per_s).toFixed(2)}x | ${Number(r.jalin_over_floor_p99).toFixed(2)}x | ${r.jalin_cpu_ms_per_req} / ${r.floor_cpu_ms_per_req} | ${r.within_2x ? "yes" : "no"} |`);
    }
    for (const r of rows) console.log(JSON.stringify({ ...r, rounds, ikms: population, mentees: menteeCount, open_needs: openCount }));
  } finally {
    for (const child of children) {
      child.kill("SIGTERM");
      if (child.exitCode === null) await new Promise((resolve) => child.once("exit", resolve));
    }
    await client.end().catch(() => undefined);
    await stopDb();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
