/**
 * npx tsx scripts/bench-nested.ts [--seconds 10 --rounds 3 --connections 10,50]   (also part of `npm run bench`)
 *
 * Nested reads against PostGraphile 5 (issue 17): the same logical query on the same database, each
 * server in its own process:
 * - Jalin as `npm start` runs it (scripts/bench-server.ts: production, demo data, rate limits off),
 *   asked as an administrator (who may see every firm's needs, as PostGraphile shows every row);
 * - PostGraphile 5 (scripts/peers/postgraphile.mjs: amber preset, simplified inflection, ordering by
 *   any column), no access rules of its own. It is installed apart, from scripts/peers/package-lock.json
 *   (`npm ci` there, done here when missing): it wants Node >= 22, which Jalin does not require;
 * - the floor: node:http + pg, one SQL statement building the whole answer (scripts/peers/raw-nested.ts).
 * The answers are checked to hold the same rows first. autocannon then keeps `--connections`
 * requests in flight for `--seconds` after a 2 s warm-up, servers interleaved (Jalin, PostGraphile,
 * floor, Jalin, ...) over `--rounds` rounds; medians are reported with the ratios from this run.
 * Prints a table and one JSON line.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from "../prisma/seed/demo.js";
import { median, post, startBenchServer, usage } from "./bench-server.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
    connections: { type: "string", default: "10,50" },
    "data-dir": { type: "string", default: ".data/bench-nested" },
    /** The PostGraphile peer's script (another copy, e.g. with its own node_modules beside it). */
    postgraphile: { type: "string", default: "scripts/peers/postgraphile.mjs" },
  },
});

/** firms -> needs -> firm; ikms(first: 50) -> capabilities, certifications (issue 17's nested read). */
export const NESTED_QUERY = `{ firms(first: 20) { nodes { name needs { title status firm { name } } } }
  ikms(first: 50) { nodes { legalName capabilities { process monthlyCapacity } certifications { type validUntil } } } }`;
/** The same in PostGraphile's schema: the same rows in the same order (children in primary-key order). */
const PEER_QUERY = `{ firms(first: 20, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) { nodes { name componentNeeds(orderBy: [CREATED_AT_DESC, PRIMARY_KEY_ASC]) { nodes { title status firm { name } } } } }
  ikms(first: 50, orderBy: [LEGAL_NAME_ASC, PRIMARY_KEY_ASC]) { nodes { legalName capabilities { nodes { process monthlyCapacity } } certifications { nodes { type validUntil } } } } }`;

interface Target {
  name: string;
  url: string;
  pid: number;
  body: string;
  headers: Record<string, string>;
}

/** Starts a peer process; resolves with the URL it prints on the line starting with `label`. */
function startPeer(args: string[], databaseUrl: string, label: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", GRAPHILE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += String(chunk);
      const url = new RegExp(`${label}:\\s+(\\S+)`).exec(out)?.[1];
      if (url) resolve({ url, child });
    });
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code} before listening`)));
  });
}

/** What each answer holds: firms, their needs, IKMs, their capabilities and certificates, and the IKMs' names in order. */
function shape(data: any, peer: boolean): string {
  const list = (x: any) => (peer ? x.nodes : x);
  const firms = data.firms.nodes;
  const ikms = data.ikms.nodes;
  const needs = firms.reduce((s: number, f: any) => s + list(peer ? f.componentNeeds : f.needs).length, 0);
  const caps = ikms.reduce((s: number, i: any) => s + list(i.capabilities).length, 0);
  const certs = ikms.reduce((s: number, i: any) => s + list(i.certifications).length, 0);
  return JSON.stringify({ firms: firms.length, needs, ikms: ikms.length, caps, certs, names: ikms.map((i: any) => i.legalName) });
}

async function load(target: Target, connections: number, seconds: number) {
  const options = { url: target.url, method: "POST" as const, headers: { "content-type": "application/json", ...target.headers }, body: target.body, connections };
  await autocannon({ ...options, duration: 2 });
  const before = usage(target.pid);
  const r = await autocannon({ ...options, duration: seconds });
  const after = usage(target.pid);
  if (r.non2xx || r.errors || r.timeouts) throw new Error(`${target.name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  return { reqPerS: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpu: (after.cpuS - before.cpuS) / seconds, rssMb: after.rssMb };
}

/** PostGraphile and its plugins, from their own lock file, when not installed yet. */
function installPeers(): void {
  if (existsSync("scripts/peers/node_modules/postgraphile/package.json")) return;
  console.log("installing the benchmark's peers (npm ci in scripts/peers) ...");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: "scripts/peers", stdio: "inherit" });
}

async function main() {
  installPeers();
  const seconds = Number(values.seconds);
  const rounds = Number(values.rounds);
  const server = await startBenchServer(values["data-dir"], "jalin_bench_nested");
  const peers: ChildProcess[] = [];
  try {
    const peer = await startPeer([values.postgraphile], server.databaseUrl, "PostGraphile");
    peers.push(peer.child);
    const raw = await startPeer(["--import", "tsx", "scripts/peers/raw-nested.ts"], server.databaseUrl, "Raw floor");
    peers.push(raw.child);
    const token = (await post(server.url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: DEMO_ADMIN_EMAIL, p: DEMO_PASSWORD })).login.token as string;
    const targets: Target[] = [
      { name: "Jalin", url: server.url, pid: server.child.pid!, body: JSON.stringify({ query: NESTED_QUERY }), headers: { authorization: `Bearer ${token}` } },
      { name: "PostGraphile 5", url: peer.url, pid: peer.child.pid!, body: JSON.stringify({ query: PEER_QUERY }), headers: {} },
      { name: "floor (node:http + pg, 1 SQL)", url: raw.url, pid: raw.child.pid!, body: "{}", headers: {} },
    ];
    const answers = await Promise.all(targets.map(async (t) => {
      const r = (await (await fetch(t.url, { method: "POST", headers: { "content-type": "application/json", ...t.headers }, body: t.body })).json()) as { data?: unknown; errors?: unknown };
      if (r.errors || !r.data) throw new Error(`${t.name}: ${JSON.stringify(r.errors)}`);
      return shape(r.data, t.name.startsWith("PostGraphile"));
    }));
    if (new Set(answers).size !== 1) throw new Error(`the servers answer different rows:\n${answers.join("\n")}`);
    process.stderr.write(`same rows from all three: ${answers[0].slice(0, 80)}...\n`);

    const rows: Array<Record<string, string | number>> = [];
    for (const connections of values.connections.split(",").map(Number)) {
      const runs = targets.map(() => [] as Awaited<ReturnType<typeof load>>[]);
      for (let round = 0; round < rounds; round++) {
        for (const [i, t] of targets.entries()) runs[i].push(await load(t, connections, seconds));
      }
      const med = runs.map((r) => ({
        reqPerS: median(r.map((x) => x.reqPerS)), p50: median(r.map((x) => x.p50)), p99: median(r.map((x) => x.p99)),
        cpu: median(r.map((x) => x.cpu)), rssMb: Math.max(...r.map((x) => x.rssMb)),
      }));
      for (const [i, t] of targets.entries()) {
        rows.push({
          server: t.name, connections, req_per_s: med[i].reqPerS, p50_ms: med[i].p50, p99_ms: med[i].p99, cpu_cores: med[i].cpu, rss_mb: med[i].rssMb,
          vs_postgraphile: med[i].reqPerS / med[1].reqPerS, p99_vs_floor: med[i].p99 / Math.max(1, med[2].p99),
        });
      }
    }
    console.log(`\nNested read (firms -> needs -> firm; ikms(first: 50) -> capabilities, certifications), demo data, ${seconds} s per run, medians of ${rounds} interleaved rounds\n`);
    console.log("| server | connections | req/s | p50 ms | p99 ms | server CPU (cores) | RSS MB | req/s vs PostGraphile | p99 vs floor |");
    console.log("|---|---|---|---|---|---|---|---|---|");
    for (const r of rows) {
      console.log(`| ${r.server} | ${r.connections} | ${Number(r.req_per_s).toFixed(0)} | ${r.p50_ms} | ${r.p99_ms} | ${Number(r.cpu_cores).toFixed(2)} | ${Number(r.rss_mb).toFixed(0)} | ${Number(r.vs_postgraphile).toFixed(2)}x | ${Number(r.p99_vs_floor).toFixed(1)}x |`);
    }
    console.log(JSON.stringify({ bench: "nested-read", seconds, rounds, rows }));
  } finally {
    for (const child of peers) child.kill("SIGTERM");
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
