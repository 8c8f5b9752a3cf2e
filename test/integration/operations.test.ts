/**
 * Operations, against the real entry point in processes of its own: `npm start` (which bundles the
 * server and execs `node dist/server/main.js`) or `node --import tsx src/main.ts` when the test needs
 * the server's pid.
 * Each case has a fresh JALIN_DATA_DIR with its own embedded PostgreSQL. Every wait is on an event
 * (a line of output, a process exit) or polls a state (a pid, a lock wait) with a cap in attempts;
 * the per-test timeouts are ceilings for hangs, not speed assertions.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { weakSecret } from "../../src/config/env.js";
import { EMBEDDED_PASSWORD, ensureDatabase, isPostmasterOf, isRunning as alive } from "../../src/infra/db/embedded.js";
import { TEMPLATE_DB } from "../helpers/global-setup.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PROCESS_TEST_MS = 300_000;
const dirs: string[] = [];
const running = new Set<Proc>();

interface Proc {
  child: ChildProcess;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first line (seen or to come) matching; rejects if the process exits first. */
  line: (pattern: RegExp) => Promise<string>;
  output: () => string;
}

function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "jalin-ops-"));
  chmodSync(dir, 0o755); // the embedded server runs as the postgres user when the tests run as root
  dirs.push(dir);
  return dir;
}

/** A clean environment: nothing of the vitest run this test is part of. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    NODE_ENV: "development",
    LOG_LEVEL: "info",
    PORT: "0",
    EMBEDDED_PG_PORT: "0",
    ...extra,
  };
}

/**
 * Every process runs in a process group of its own: a case may signal the whole group as Ctrl-C in a
 * terminal does, and afterAll's SIGKILL reaches the server that `npm start` execs as well as npm
 * (killing npm alone would leave the server running).
 */
function run(command: "npm start" | "node" | "seed", extra: Record<string, string>): Proc {
  const [file, args] =
    command === "npm start" ? ["npm", ["start", "--silent"]] :
    command === "seed" ? ["npm", ["run", "--silent", "seed"]] :
    [process.execPath, ["--import", "tsx", "src/main.ts"]];
  const child = spawn(file, args, { cwd: ROOT, env: env(extra), stdio: ["ignore", "pipe", "pipe"], detached: true });
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffered = "";
    stream.setEncoding("utf8").on("data", (chunk: string) => {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        for (const w of [...waiters]) {
          if (w.pattern.test(line)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(line);
          }
        }
      }
    });
  }
  const proc: Proc = {
    child,
    lines,
    exited: exited.then(async (status) => {
      await closed; // every line read
      running.delete(proc);
      return status;
    }),
    line: (pattern) => {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void closed.then(() => reject(new Error(`exited before printing ${pattern}:\n${lines.join("\n")}`)));
      });
    },
    output: () => lines.join("\n"),
  };
  running.add(proc);
  return proc;
}

function apiUrl(banner: string): string {
  return /Jalin GraphQL API:\s+(\S+)/.exec(banner)![1];
}

/** Pids of PostgreSQL postmasters running on `dir` (from /proc: what is really running, not a lock file). */
function postmastersOn(dir: string): number[] {
  const pg = path.join(dir, "pg");
  return readdirSync("/proc").filter((name) => /^\d+$/.test(name) && isPostmasterOf(Number(name), pg)).map(Number);
}

/** Polls until the pid is gone; the cap is a ceiling in attempts, not an expected duration. */
async function gone(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 2000; attempt += 1) {
    if (!alive(pid)) return true;
    await delay(50);
  }
  return false;
}

function adminUrlOf(dir: string, database = "jalin"): string {
  const port = readFileSync(path.join(dir, "pg", "postmaster.pid"), "utf8").split("\n")[3];
  return `postgresql://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function graphql(url: string, body: string): Promise<unknown> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: body }) });
  return response.json();
}

/** Polls `done` until true; the cap is a ceiling in attempts, not an expected duration. */
async function until(done: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 2000; attempt += 1) {
    if (await done()) return;
    await delay(50);
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** A database of the test PostgreSQL cloned from the migrated template, and its URL. */
async function migratedDatabase(): Promise<string> {
  const database = `jalin_ops_${randomBytes(4).toString("hex")}`;
  const adminUrl = inject("pgAdminUrl");
  await ensureDatabase(adminUrl, database, TEMPLATE_DB);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const STACK = /\n\s+at .+:\d+:\d+|"stack":/;
const WARNINGS = /"level":(40|50|60)/;

afterAll(async () => {
  // Nothing a failed case started may outlive the file.
  for (const proc of running) {
    try {
      process.kill(-proc.child.pid!, "SIGKILL"); // npm and the server it execs
    } catch {
      // the group is gone already
    }
  }
  for (const dir of dirs) {
    for (const pid of postmastersOn(dir)) {
      process.kill(pid, "SIGINT");
      await gone(pid);
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("one embedded database, several Jalin processes, and the signals of npm start", () => {
  const dir = dataDir();
  let first: Proc;
  let firstUrl = "";
  let postmaster = 0;

  it("starts with the database URL masked", async () => {
    first = run("npm start", { JALIN_DATA_DIR: dir });
    const banner = await first.line(/Jalin GraphQL API:/);
    firstUrl = apiUrl(banner);
    const database = await first.line(/^Database:/);
    expect(database).toMatch(/postgresql:\/\/postgres:\*\*\*@localhost:\d+\/jalin\?host=\/tmp$/);
    expect(first.output()).not.toContain("jalin-embedded");
    [postmaster] = postmastersOn(dir);
    expect(postmaster).toBeGreaterThan(0);
    // npm start runs the bundle (scripts/server-build.ts): its worker threads load from dist/server too.
    await first.line(/Stop with Ctrl-C/);
    const firmToken = /FIRM\s+pengadaan@nusantara-motor\.demo[\s\S]*?token: (\S+)/.exec(first.output())![1];
    const ask = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(firstUrl, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${firmToken}` }, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { data?: any; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      return body.data;
    };
    const open = (await ask(`{ needs(first: 5, filter: { statuses: [OPEN] }) { nodes { id } } }`)).needs.nodes;
    expect(open.length).toBeGreaterThan(0);
    const ranked = await ask(`query($n: ID!) { matches(needId: $n, first: 3) { nodes { eligible ikm { id } } } }`, { n: open[0].id });
    expect(ranked.matches.nodes.length).toBeGreaterThan(0); // ranked by the match index's scan workers
    const allocation = await ask(`query($n: [ID!]!) { allocate(needIds: $n) { method status } }`, { n: [open[0].id] });
    expect(allocation.allocate.method).toBe("OPTIMAL"); // solved on the allocation worker, not greedy's fallback
    expect(allocation.allocate.status).not.toMatch(/^Greedy/);
    const home = await fetch(new URL("/", firstUrl));
    expect(home.status).toBe(200); // the console, from dist/web found from the project folder
  }, PROCESS_TEST_MS);

  it("npm run seed works against the running database and leaves it running", async () => {
    const seed = run("seed", { JALIN_DATA_DIR: dir });
    expect((await seed.exited).code).toBe(0);
    expect(seed.output()).toMatch(/sharing the embedded PostgreSQL/);
    expect(seed.output()).toMatch(/demo data present already/);
    expect(postmastersOn(dir)).toEqual([postmaster]);
    expect(await graphql(firstUrl, "{ __typename }")).toEqual({ data: { __typename: "Query" } });
  }, PROCESS_TEST_MS);

  it("a second start on the same port says the port is in use, exits 1 and leaves the first's database alone", async () => {
    const port = new URL(firstUrl).port;
    const second = run("node", { JALIN_DATA_DIR: dir, PORT: port });
    expect((await second.exited).code).toBe(1);
    expect(second.output()).toContain(`port ${port} is in use by another process`);
    expect(second.output()).toMatch(/stop it or set PORT=/);
    expect(postmastersOn(dir)).toEqual([postmaster]);
    expect(await graphql(firstUrl, "{ __typename }")).toEqual({ data: { __typename: "Query" } });
  }, PROCESS_TEST_MS);

  it("SIGTERM to npm start stops the server and PostgreSQL, exit 0, no stack trace", async () => {
    first.child.kill("SIGTERM");
    const { code, signal } = await first.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(await gone(postmaster)).toBe(true);
    expect(postmastersOn(dir)).toEqual([]);
    expect(first.output()).not.toMatch(STACK);
    expect(first.output()).not.toMatch(WARNINGS);
  }, PROCESS_TEST_MS);

  it("Ctrl-C (SIGINT to npm start's process group: npm and the server) does the same, and the data is still there", async () => {
    const again = run("npm start", { JALIN_DATA_DIR: dir });
    await again.line(/Jalin GraphQL API:/);
    expect(again.output()).toMatch(/demo data present already/);
    const [pid] = postmastersOn(dir);
    process.kill(-again.child.pid!, "SIGINT");
    const { code, signal } = await again.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(await gone(pid)).toBe(true);
    expect(again.output()).not.toMatch(STACK);
  }, PROCESS_TEST_MS);
});

describe("after kill -9", () => {
  const dir = dataDir();

  it("of the server, the next start stops the orphaned PostgreSQL cleanly and comes back with the data", async () => {
    const first = run("node", { JALIN_DATA_DIR: dir, SEED_DEMO: "false" });
    await first.line(/Jalin GraphQL API:/);
    await query(adminUrlOf(dir), "CREATE TABLE ops_probe (note text); INSERT INTO ops_probe VALUES ('before the crash')");
    const [orphan] = postmastersOn(dir);
    first.child.kill("SIGKILL");
    await first.exited;
    expect(alive(orphan)).toBe(true); // left behind, still holding its lock

    const second = run("node", { JALIN_DATA_DIR: dir, SEED_DEMO: "false" });
    await second.line(/Jalin GraphQL API:/);
    expect(second.output()).toMatch(/left running by a Jalin process that has ended; stopping it cleanly/);
    expect(alive(orphan)).toBe(false);
    expect(await query(adminUrlOf(dir), "SELECT note FROM ops_probe")).toEqual([{ note: "before the crash" }]);

    // Now the server and its database together.
    await query(adminUrlOf(dir), "INSERT INTO ops_probe VALUES ('second')");
    const [postmaster] = postmastersOn(dir);
    second.child.kill("SIGKILL");
    process.kill(postmaster, "SIGKILL");
    await second.exited;
    expect(await gone(postmaster)).toBe(true);

    const third = run("node", { JALIN_DATA_DIR: dir, SEED_DEMO: "false" });
    await third.line(/Jalin GraphQL API:/);
    expect(third.output()).toMatch(/had been killed/);
    expect(await query(adminUrlOf(dir), "SELECT note FROM ops_probe ORDER BY note")).toEqual([{ note: "before the crash" }, { note: "second" }]);
    third.child.kill("SIGTERM");
    expect((await third.exited).code).toBe(0);
    expect(postmastersOn(dir)).toEqual([]);
  }, PROCESS_TEST_MS);
});

describe("two servers on one data folder", () => {
  it("the second, reached through a symlink, shares the first's PostgreSQL; the owner stops first and leaves it running; the sharer serves, then SIGHUP stops it and PostgreSQL", async () => {
    const dir = dataDir();
    const first = run("node", { JALIN_DATA_DIR: dir, SEED_DEMO: "false" });
    const firstUrl = apiUrl(await first.line(/Jalin GraphQL API:/));
    const [postmaster] = postmastersOn(dir);
    expect(postmaster).toBeGreaterThan(0);
    await query(adminUrlOf(dir), "CREATE TABLE ops_probe (note text); INSERT INTO ops_probe VALUES ('kept')");

    // The same folder spelt differently: it must be recognised as the running server's, not a stale lock.
    const link = path.join(dataDir(), "same-folder");
    symlinkSync(dir, link);
    const second = run("node", { JALIN_DATA_DIR: link, SEED_DEMO: "false" });
    const secondUrl = apiUrl(await second.line(/Jalin GraphQL API:/));
    expect(second.output()).toMatch(/sharing the embedded PostgreSQL/);
    expect(second.output()).not.toMatch(/stale lock|had been killed/);
    expect(postmastersOn(dir)).toEqual([postmaster]);
    expect(existsSync(path.join(dir, "pg", "postmaster.pid"))).toBe(true);
    expect(await graphql(firstUrl, "{ __typename }")).toEqual({ data: { __typename: "Query" } });
    expect(await query(adminUrlOf(dir), "SELECT note FROM ops_probe")).toEqual([{ note: "kept" }]);

    // A lock file naming a live process that is no PostgreSQL, but shared memory still in use (here the
    // running server's): it may be a server not recognised, so the lock file is left alone.
    const pidFile = readFileSync(path.join(dir, "pg", "postmaster.pid"), "utf8").split("\n");
    const odd = path.join(dataDir(), "pg");
    mkdirSync(odd);
    writeFileSync(path.join(odd, "postmaster.pid"), [String(process.pid), ...pidFile.slice(1)].join("\n"));
    const refused = run("node", { JALIN_DATA_DIR: path.dirname(odd), SEED_DEMO: "false" });
    expect((await refused.exited).code).toBe(1);
    expect(refused.output()).toMatch(/is in use by \d+ process\(es\).*Leaving it alone/);
    expect(existsSync(path.join(odd, "postmaster.pid"))).toBe(true);
    expect(postmastersOn(dir)).toEqual([postmaster]);

    first.child.kill("SIGTERM");
    expect((await first.exited).code).toBe(0);
    expect(first.output()).toMatch(/embedded PostgreSQL left running for Jalin process/);
    expect(alive(postmaster)).toBe(true);
    expect(await graphql(secondUrl, "{ __typename }")).toEqual({ data: { __typename: "Query" } });
    expect((await fetch(new URL("/readyz", secondUrl))).status).toBe(200); // it checks the database
    expect(await query(adminUrlOf(dir), "SELECT note FROM ops_probe")).toEqual([{ note: "kept" }]);

    second.child.kill("SIGHUP"); // the terminal it ran in was closed
    expect((await second.exited).code).toBe(0);
    expect(await gone(postmaster)).toBe(true);
    expect(postmastersOn(dir)).toEqual([]);
    for (const proc of [first, second]) {
      expect(proc.output()).not.toMatch(STACK);
      expect(proc.output()).not.toMatch(WARNINGS);
    }
  }, PROCESS_TEST_MS);

  it("started at the same moment on a fresh folder, one runs initdb and starts PostgreSQL, the other shares it", async () => {
    const dir = dataDir();
    const procs = [run("node", { JALIN_DATA_DIR: dir, SEED_DEMO: "false" }), run("node", { JALIN_DATA_DIR: dir, SEED_DEMO: "false" })];
    for (const proc of procs) await proc.line(/Jalin GraphQL API:/);
    expect(procs.filter((p) => /sharing the embedded PostgreSQL/.test(p.output()))).toHaveLength(1);
    const [postmaster] = postmastersOn(dir);
    expect(postmastersOn(dir)).toEqual([postmaster]);
    for (const proc of procs) proc.child.kill("SIGTERM");
    for (const proc of procs) expect((await proc.exited).code).toBe(0);
    expect(await gone(postmaster)).toBe(true);
    expect(existsSync(path.join(dir, "pg.initdb.lock"))).toBe(false);
  }, PROCESS_TEST_MS);
});

describe("signals during start and during a stop", () => {
  it("a repeated signal while the stop waits for a database session forces it: exit 130, PostgreSQL stopped", async () => {
    const dir = dataDir();
    const proc = run("node", { JALIN_DATA_DIR: dir, SEED_DEMO: "false" });
    await proc.line(/Jalin GraphQL API:/);
    const [postmaster] = postmastersOn(dir);
    // A session of someone else's (a psql left open): a clean stop waits minutes for it to end.
    const session = new pg.Client({ connectionString: adminUrlOf(dir), application_name: "ops-test-session" });
    session.on("error", () => undefined);
    await session.connect();
    try {
      proc.child.kill("SIGTERM");
      await proc.line(/waiting for 1 database session\(s\) \(ops-test-session\)/);
      await proc.line(/again forces the stop/);
      proc.child.kill("SIGTERM");
      expect((await proc.exited).code).toBe(130);
      expect(proc.output()).toMatch(/forced stop/);
      expect(await gone(postmaster)).toBe(true);
    } finally {
      await session.end().catch(() => undefined);
    }
  }, PROCESS_TEST_MS);

  it("a signal during start cuts the start short (here: an index load waiting on a lock): exit 1", async () => {
    const url = await migratedDatabase();
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    try {
      await locker.query('BEGIN; LOCK TABLE "Ikm" IN ACCESS EXCLUSIVE MODE');
      const proc = run("node", { JALIN_DATA_DIR: dataDir(), DATABASE_URL: url, SEED_DEMO: "false" });
      await proc.line(/"msg":"migrations"/);
      await until(async () => {
        const rows = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = '"Ikm"'::regclass`);
        return rows[0].n > 0;
      }, "the start to wait on the lock");
      proc.child.kill("SIGTERM");
      expect((await proc.exited).code).toBe(1);
      expect(proc.output()).toMatch(/start aborted by a signal/);
      expect(proc.output()).not.toMatch(/Jalin GraphQL API:/);
    } finally {
      await locker.query("ROLLBACK").catch(() => undefined);
      await locker.end();
    }
  }, PROCESS_TEST_MS);
});

describe("npm run seed in production", () => {
  it("refuses the demo data unless SEED_DEMO=true (then warns), and needs no JWT_SECRET", async () => {
    const url = await migratedDatabase();
    const users = async () => (await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM "User"'))[0].n;
    const refused = run("seed", { NODE_ENV: "production", DATABASE_URL: url, JALIN_DATA_DIR: dataDir() });
    expect((await refused.exited).code).toBe(1);
    expect(refused.output()).toMatch(/refusing to load the demo data/);
    expect(refused.output()).toMatch(/SEED_DEMO=true npm run seed/);
    expect(refused.output()).not.toMatch(/JWT_SECRET/);
    expect(await users()).toBe(0);

    const asked = run("seed", { NODE_ENV: "production", DATABASE_URL: url, JALIN_DATA_DIR: dataDir(), SEED_DEMO: "true" });
    expect((await asked.exited).code).toBe(0);
    expect(asked.output()).toMatch(/"level":40.*SEED_DEMO=true in production/);
    expect(asked.output()).toMatch(/demo data loaded/);
    expect(await users()).toBeGreaterThan(0);
  }, PROCESS_TEST_MS);
});

describe("a port in use", () => {
  it("is reported with what to do; the process exits 1 and stops the PostgreSQL it started", async () => {
    const dir = dataDir();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const proc = run("node", { JALIN_DATA_DIR: dir, PORT: String(port), SEED_DEMO: "false" });
      await proc.line(/migrations/); // its PostgreSQL was up
      expect((await proc.exited).code).toBe(1);
      expect(proc.output()).toContain(`port ${port} is in use by another process`);
      expect(proc.output()).toContain("stop it or set PORT=");
      expect(postmastersOn(dir)).toEqual([]);
      expect(existsSync(path.join(dir, "pg", "postmaster.pid"))).toBe(false);
    } finally {
      blocker.close();
    }
  }, PROCESS_TEST_MS);
});

describe("production profile", () => {
  const strong = randomBytes(48).toString("base64");

  it("refuses a missing, short, placeholder or published JWT_SECRET and a missing DATABASE_URL, saying what to set", async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ DATABASE_URL: "postgresql://u:p@127.0.0.1:1/x" }, /JWT_SECRET: required when NODE_ENV=production/],
      [{ DATABASE_URL: "postgresql://u:p@127.0.0.1:1/x", JWT_SECRET: "short" }, /JWT_SECRET: must be at least 32 characters/],
      [{ DATABASE_URL: "postgresql://u:p@127.0.0.1:1/x", JWT_SECRET: "change-me-change-me-change-me-change-me" }, /JWT_SECRET: is a published default or a placeholder/],
      [{ JWT_SECRET: strong }, /DATABASE_URL: required when NODE_ENV=production/],
    ];
    // One process per case, all at once: none gets as far as a database.
    const procs = cases.map(([extra]) => run("node", { NODE_ENV: "production", JALIN_DATA_DIR: dataDir(), ...extra }));
    for (const [i, proc] of procs.entries()) {
      expect((await proc.exited).code).toBe(1);
      expect(proc.output()).toMatch(/Jalin could not start/);
      expect(proc.output()).toMatch(cases[i][1]);
      expect(proc.output()).toMatch(/openssl rand|set it to your PostgreSQL/);
    }
    expect(weakSecret("a".repeat(40))).toBe("is a published default or a placeholder");
    expect(weakSecret("0101010101010101010101010101010101")).not.toBeNull();
    expect(weakSecret("jalin-demo-2026-jalin-demo-2026-jalin")).not.toBeNull();
    expect(weakSecret(strong)).toBeNull();
  }, PROCESS_TEST_MS);

  it("starts with no demo data, prints no token, password or database password, and stops with exit 0", async () => {
    const database = `jalin_ops_${randomBytes(4).toString("hex")}`;
    const adminUrl = inject("pgAdminUrl");
    await ensureDatabase(adminUrl, database);
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    const proc = run("node", { NODE_ENV: "production", JALIN_DATA_DIR: dataDir(), JWT_SECRET: strong, DATABASE_URL: url.toString() });
    const banner = await proc.line(/Jalin GraphQL API:/);
    await proc.line(/Stop with Ctrl-C/);
    const out = proc.output();
    expect(out).not.toMatch(/token|eyJ|jalin-demo-2026|Demo users/);
    if (url.password) expect(out).not.toContain(url.password);
    if (url.password) expect(out).toContain(`${url.username}:***@`);
    expect(await query(url.toString(), 'SELECT count(*)::int AS n FROM "User"')).toEqual([{ n: 0 }]);
    expect(apiUrl(banner)).toMatch(/^http:/);
    proc.child.kill("SIGTERM");
    expect((await proc.exited).code).toBe(0);
  }, PROCESS_TEST_MS);
});
