/**
 * What a start finds on the data folder (postmaster.pid): a server to share, or one left behind by
 * a Jalin process that has ended (stopped cleanly), or one that was killed (waited out), so that
 * this process can start its own.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Users } from "./data-folder.js";
import { EmbeddedPostgresError } from "./error.js";
import { isPostmasterOf, isRunning, isZombie, shmAttachments, stopProcess, waitFor } from "./processes.js";

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
export async function runningServer(dir: string, users: Users, notice: (message: string, level: "info" | "warn") => void): Promise<{ pid: number; port: number } | null> {
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
    // A killed postmaster its parent has not reaped yet (a container whose init reaps no orphans)
    // still answers PostgreSQL's own lock check, which would then refuse to start ("lock file
    // already exists") until someone reaps it. It is dead and nothing uses its memory: its lock goes.
    if (isZombie(file.pid)) rmSync(path.join(dir, "postmaster.pid"), { force: true });
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
