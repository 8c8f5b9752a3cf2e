/**
 * What a start finds in postmaster.pid when the postmaster named there was killed and its parent
 * has not reaped it (a container whose init reaps no orphans): a zombie, gone for Jalin but still
 * "running" for PostgreSQL's own lock check, which would refuse to start. A real zombie is made:
 * `sh -c "sleep 0 & exec sleep 300"` leaves the exited `sleep 0` unreaped under `sleep 300`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Users } from "../../src/infra/db/embedded/data-folder.js";
import { isRunning, isZombie, waitFor } from "../../src/infra/db/embedded/processes.js";
import { runningServer } from "../../src/infra/db/embedded/recovery.js";

const started: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of started.splice(0)) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The pids whose parent is `parent` (from /proc). */
function childrenOf(parent: number): number[] {
  return readdirSync("/proc").filter((name) => /^\d+$/.test(name)).flatMap((name) => {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === parent ? [Number(name)] : [];
    } catch {
      return [];
    }
  });
}

async function zombie(): Promise<number> {
  const holder = spawn("sh", ["-c", "sleep 0 & exec sleep 300"], { stdio: "ignore" });
  started.push(holder);
  let pid = 0;
  await waitFor(() => (pid = childrenOf(holder.pid!).find(isZombie) ?? 0) > 0, "the unreaped child to exit");
  return pid;
}

function dataFolder(pid: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "jalin-recovery-"));
  dirs.push(dir);
  // pid, data folder, start time, port, socket folder, listen address, shared memory key and id, status
  writeFileSync(path.join(dir, "postmaster.pid"), [pid, dir, "0", "54321", "/tmp", "localhost", "", "ready"].join("\n"));
  return dir;
}

describe.runIf(existsSync("/proc/self/stat"))("a start after a killed PostgreSQL", () => {
  it("removes the lock of a killed postmaster nobody has reaped, so PostgreSQL can start", async () => {
    const pid = await zombie();
    expect(isRunning(pid)).toBe(false);
    expect(() => process.kill(pid, 0)).not.toThrow(); // what PostgreSQL's lock check asks
    const dir = dataFolder(pid);
    const notices: string[] = [];
    expect(await runningServer(dir, new Users(`${dir}.users`), (m) => notices.push(m))).toBeNull();
    expect(existsSync(path.join(dir, "postmaster.pid"))).toBe(false);
    expect(notices).toEqual([expect.stringContaining(`had been killed (pid ${pid})`)]);
  });

  it("leaves the lock of a postmaster that has gone entirely to PostgreSQL, which overwrites it", async () => {
    const gone = spawn("true");
    await new Promise((resolve) => gone.on("exit", resolve));
    const dir = dataFolder(gone.pid!);
    expect(await runningServer(dir, new Users(`${dir}.users`), () => undefined)).toBeNull();
    expect(existsSync(path.join(dir, "postmaster.pid"))).toBe(true);
  });
});
