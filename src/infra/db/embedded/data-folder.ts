/**
 * The data folder and what lies beside it: its canonical path, the Jalin processes using it
 * (`<dir>.users`), the lock file initdb runs under, and whether the `postgres` user can reach it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EmbeddedPostgresError } from "./error.js";
import { isRunning, procStat } from "./processes.js";

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

/** Creates the lock file, or takes over one whose owner has ended; false while a live process holds it. */
export function takeLock(file: string): boolean {
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

/** The Jalin processes using a cluster: one file per pid, holding the process's start time. */
export class Users {
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

export function assertReachableByOthers(paths: string[]): void {
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
