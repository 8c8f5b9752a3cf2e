/**
 * The real server for the end-to-end benchmarks (scripts/bench-load.ts, scripts/bench-web.ts): run
 * in its own process exactly as `npm start` runs it (NODE_ENV=production, demo data, rate limits
 * off: all load comes from one address), on a fresh database of an embedded PostgreSQL in `dataDir`
 * (or on BENCH_DATABASE_URL as it is), plus the small tools both use.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres } from "../src/infra/db/embedded.js";
import { SERVER_NODE_FLAGS, SERVER_DIST, buildServer } from "./server-build.js";

export async function post(url: string, query: string, variables: Record<string, unknown> = {}, token?: string | null) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export interface BenchServer {
  /** The database it runs on (peers are started on the same one). */
  databaseUrl: string;
  /** The GraphQL endpoint. */
  url: string;
  /** The console. */
  webUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The server as `npm start` runs it (bundled, scripts/server-build.ts), in its own process; resolves once it listens. `env` overrides the benchmark's settings. */
export async function startServerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<{ url: string; webUrl: string; child: ChildProcess }> {
  await buildServer();
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...extra, path.join(SERVER_DIST, "main.js")], {
    env: {
      ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, PORT: "0", LOG_LEVEL: "warn", SEED_DEMO: "true",
      JWT_SECRET: "bench-load-secret-bench-load-secret-0123", RATE_LIMIT_PER_USER: "0", RATE_LIMIT_PER_ADDRESS: "0", RATE_LIMIT_SIGN_IN_PER_ADDRESS: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += String(chunk);
      const url = /Jalin GraphQL API:\s+(\S+)/.exec(out)?.[1];
      const webUrl = /Jalin web console:\s+(\S+)/.exec(out)?.[1];
      if (url && webUrl) resolve({ url, webUrl, child });
    });
    child.once("exit", (code) => reject(new Error(`the server exited with ${code} before listening`)));
  });
}

/** A fresh database (the benchmarks write, and the next run must start from the same data) and the server on it. */
export async function startBenchServer(dataDir: string, database: string): Promise<BenchServer> {
  let databaseUrl = process.env.BENCH_DATABASE_URL;
  let stopDb = async () => undefined as void;
  if (!databaseUrl) {
    const db = await startEmbeddedPostgres({ dir: path.resolve(dataDir, "pg"), port: 54345, database: "postgres" });
    const admin = new pg.Client({ connectionString: db.serverUrl("postgres") });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    await ensureDatabase(db.serverUrl("postgres"), database);
    databaseUrl = db.serverUrl(database);
    stopDb = db.stop;
  }
  try {
    const { url, webUrl, child } = await startServerProcess(databaseUrl);
    return {
      databaseUrl, url, webUrl, child,
      async stop() {
        child.kill("SIGTERM");
        if (child.exitCode === null) await new Promise((resolve) => child.once("exit", resolve));
        await stopDb();
      },
    };
  } catch (error) {
    await stopDb();
    throw error;
  }
}

/** CPU seconds and resident memory of a process, from /proc. */
export function usage(pid: number): { cpuS: number; rssMb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  const ticks = Number(stat[11]) + Number(stat[12]); // utime + stime, in clock ticks (100 a second)
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  return { cpuS: ticks / 100, rssMb: rss / 1024 };
}

/** A population or count from the command line: 4400000, 4_400_000, 4.4M, 100k. */
export const parseSize = (s: string): number => {
  const m = /^([\d.]+)\s*([kKmM]?)$/.exec(s.trim().replace(/_/g, ""));
  if (!m) throw new Error(`not a size: ${s}`);
  return Math.round(Number(m[1]) * (m[2].toLowerCase() === "k" ? 1e3 : m[2].toLowerCase() === "m" ? 1e6 : 1));
};

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
