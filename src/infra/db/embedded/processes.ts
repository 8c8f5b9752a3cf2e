/**
 * The embedded PostgreSQL's processes as the kernel shows them (/proc): alive or not, a postmaster
 * on which data folder, attached to which shared memory; stopping one and waiting for something.
 */
import { existsSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { EmbeddedPostgresError } from "./error.js";

export const POLL_MS = 50;
/** A ceiling for hangs while waiting for a process to end (attempts of POLL_MS), not a speed assumption. */
export const POLL_ATTEMPTS = 2400;

/** SIGINT (fast shutdown: rolls back open transactions, checkpoints, exits) and wait until it is gone. */
export async function stopProcess(pid: number): Promise<void> {
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return;
  }
  await waitFor(() => !isRunning(pid), `PostgreSQL (pid ${pid}) to stop`);
}

/** Polls `done` every POLL_MS until it holds; gives up after POLL_ATTEMPTS with what it waited for. */
export async function waitFor(done: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < POLL_ATTEMPTS; attempt += 1) {
    if (done()) return;
    await delay(POLL_MS);
  }
  throw new EmbeddedPostgresError(`Gave up waiting for ${what}.`, "Look for a stuck postgres process (ps -ef | grep postgres), stop it, and start again.");
}

const hasProc = existsSync("/proc/self/stat");

/** Fields of /proc/<pid>/stat after the command name: [0] state, [19] start time. */
export function procStat(pid: number): string[] | null {
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

/** Whether `pid` has exited but not been reaped yet: gone for Jalin, still there for PostgreSQL's lock check. */
export function isZombie(pid: number): boolean {
  return procStat(pid)?.[0] === "Z";
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
export function shmAttachments(shmId: number): number {
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
