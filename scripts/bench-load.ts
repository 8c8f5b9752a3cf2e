/**
 * npx tsx scripts/bench-load.ts [--seconds 60 --connections 10 --warmup 5 --rounds 1]
 * (also the last part of `npm run bench`).
 *
 * Mixed load on the demo data (issue 6; method in README, Performance): the real server runs in its
 * own process exactly as `npm start` runs it (NODE_ENV=production, on a fresh database in an embedded
 * PostgreSQL in .data/bench-load, or BENCH_DATABASE_URL), with rate limits off (all load comes from one address
 * and five tokens); autocannon keeps `--connections` requests in flight for `--seconds`, each
 * connection cycling through the same weighted mix of reads and writes from every kind of user.
 * An error is a non-2xx answer or a GraphQL `errors` entry. Prints a table and one JSON line.
 */
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { DEMO_PASSWORD } from "../prisma/seed/demo.js";
import { post, startBenchServer, usage } from "./bench-server.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    connections: { type: "string", default: "10" },
    warmup: { type: "string", default: "5" },
    "data-dir": { type: "string", default: ".data/bench-load" },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);

type Mix = { name: string; weight: number; token: string | null; query: string; variables?: Record<string, unknown> };

async function workload(url: string): Promise<Mix[]> {
  const login = async (email: string) => (await post(url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: DEMO_PASSWORD })).login.token as string;
  const [buyer, ikm, foundation] = await Promise.all([
    login("sourcing@presisi-komponen.demo"), login("pemilik@karya-presisi.demo"), login("pendamping@ydba-soloraya.demo"),
  ]);
  const open = await post(url, `{ needs(first: 20, filter: { statuses: [OPEN] }) { nodes { id } } }`, {}, buyer);
  const needId = open.needs.nodes[0]?.id;
  if (!needId) throw new Error("the demo buyer has no open need");
  const own = await post(url, `{ ikms(first: 1, filter: { search: "Karya Presisi" }) { nodes { id } } }`);
  const ikmId = own.ikms.nodes[0]?.id;
  if (!ikmId) throw new Error("the demo IKM CV Karya Presisi is missing");
  return [
    { name: "IKM opportunities (top 10 with firm)", weight: 20, token: ikm, query: `{ opportunities(first: 10) { totalCount nodes { score band need { title quantityPerMonth firm { name } } } } }` },
    { name: "buyer's ranked suppliers, explained", weight: 20, token: buyer, query: `query($id: ID!) { matches(needId: $id, first: 20) { totalCount nodes { score band ikm { legalName regionCode } factors { factor contribution } gaps { kind message } } } }`, variables: { id: needId } },
    { name: "buyer's needs", weight: 15, token: buyer, query: `{ needs(first: 20) { totalCount nodes { title status quantityPerMonth unit version } } }` },
    { name: "public IKM search with capabilities", weight: 20, token: null, query: `{ ikms(first: 20, filter: { processes: [CASTING] }) { totalCount nodes { legalName currentStage capabilities { process monthlyCapacity } koperasis { name } } } }` },
    { name: "foundation dashboard", weight: 5, token: foundation, query: `{ foundationDashboard { stages { total byStage { stage count } } dueForReassessment(first: 10) { totalCount } } }` },
    { name: "IKM profile with private side", weight: 10, token: ikm, query: `query($id: ID!) { ikm(id: $id) { legalName financials { investmentIdr } assessments { pillarAverage } stageHistory { toStage } } }`, variables: { id: ikmId } },
    {
      name: "buyer drafts a need (write)", weight: 10, token: buyer,
      query: `mutation($input: NeedInput!) { createNeed(input: $input) { id status version } }`,
      variables: { input: { title: "Load bracket", description: "Stamped SPCC", processes: ["STAMPING"], materials: ["baja spcc"], quantityPerMonth: 5000, unit: "PCS", startDate: "2027-03-01" } },
    },
  ];
}

/** One request sequence per connection: the mix by weight, interleaved so each kind recurs evenly. */
function sequence(mix: Mix[]): Mix[] {
  const total = mix.reduce((s, m) => s + m.weight, 0);
  const out: Mix[] = [];
  const credit = mix.map(() => 0);
  for (let i = 0; i < total; i++) {
    mix.forEach((m, j) => { credit[j] += m.weight; });
    const pick = credit.indexOf(Math.max(...credit));
    credit[pick] -= total;
    out.push(mix[pick]);
  }
  return out;
}

async function run(url: string, mix: Mix[], duration: number) {
  const counts = new Map<string, { requests: number; errors: number }>(mix.map((m) => [m.name, { requests: 0, errors: 0 }]));
  const samples: string[] = [];
  const requests = sequence(mix).map((m) => ({
    method: "POST" as const,
    headers: { "content-type": "application/json", ...(m.token ? { authorization: `Bearer ${m.token}` } : {}) },
    body: JSON.stringify({ query: m.query, variables: m.variables ?? {} }),
    onResponse: (status: number, body: string) => {
      const c = counts.get(m.name)!;
      c.requests++;
      if (status !== 200 || body.includes('"errors"')) {
        c.errors++;
        if (samples.length < 5) samples.push(`${m.name}: ${status} ${body.slice(0, 200)}`);
      }
    },
  }));
  const result = await autocannon({ url, connections, duration, requests });
  return { result, counts, samples };
}

/** Each operation alone, one at a time, after the load: where a request's time goes. */
async function alone(url: string, mix: Mix[], runs = 30): Promise<Map<string, number>> {
  const p50 = new Map<string, number>();
  for (const m of mix) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await post(url, m.query, m.variables, m.token);
      times.push(performance.now() - started);
    }
    p50.set(m.name, times.sort((a, b) => a - b)[Math.floor(runs / 2)]);
  }
  return p50;
}

async function main() {
  const server = await startBenchServer(values["data-dir"], "jalin_bench_load");
  const child = server.child;
  try {
    const mix = await workload(server.url);
    process.stderr.write(`warming up ${values.warmup} s, then ${seconds} s at ${connections} connections...\n`);
    await run(server.url, mix, Number(values.warmup));
    const before = usage(child.pid!);
    const { result, counts, samples } = await run(server.url, mix, seconds);
    const after = usage(child.pid!);
    const single = await alone(server.url, mix);
    const errors = [...counts.values()].reduce((s, c) => s + c.errors, 0) + result.errors + result.timeouts;
    const summary = {
      bench: "mixed-load", seconds, connections, requests: result.requests.total, req_per_s: result.requests.average,
      p50_ms: result.latency.p50, p90_ms: result.latency.p90, p99_ms: result.latency.p99, max_ms: result.latency.max,
      errors, non2xx: result.non2xx, server_cpu_share: (after.cpuS - before.cpuS) / seconds, server_rss_mb: after.rssMb,
      mix: Object.fromEntries([...counts].map(([name, c]) => [name, { ...c, alone_p50_ms: Number(single.get(name)!.toFixed(1)) }])),
    };
    console.log(`\nMixed load on the demo data: ${seconds} s, ${connections} connections, server NODE_ENV=production in its own process\n`);
    console.log(`requests ${summary.requests}   req/s ${summary.req_per_s.toFixed(0)}   p50 ${summary.p50_ms} ms   p90 ${summary.p90_ms} ms   p99 ${summary.p99_ms} ms   max ${summary.max_ms} ms   errors ${errors}`);
    console.log(`server CPU ${(summary.server_cpu_share * 100).toFixed(0)}% of one core, RSS ${summary.server_rss_mb.toFixed(0)} MB at the end\n`);
    console.log("share  requests  errors  alone p50 ms  operation");
    for (const m of mix) {
      const c = counts.get(m.name)!;
      console.log(`${String(m.weight).padStart(4)}%  ${String(c.requests).padStart(8)}  ${String(c.errors).padStart(6)}  ${single.get(m.name)!.toFixed(1).padStart(12)}  ${m.name}`);
    }
    for (const s of samples) console.log(`error sample: ${s}`);
    console.log(JSON.stringify(summary));
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
