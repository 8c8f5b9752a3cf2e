import { spawn } from "node:child_process";
import type { Worker } from "node:worker_threads";
import { locatedError } from "graphql";
import type { Highs } from "highs";
import pino from "pino";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { instance } from "../../scripts/allocation-instances.js";
import { DomainError, ErrorCode, TryAgainLater } from "../../src/domain/errors.js";
import { formatError } from "../../src/api/errors.js";
import { type Allocation, type AllocationProblem, allocate, loadSolver } from "../../src/core/supply/allocation.js";
import { AllocationRunner, type AllocationRunnerOptions, SolverStopped } from "../../src/infra/solver/allocation-pool.js";
import { ALLOCATION } from "../../src/core/supply/config.js";

let highs: Highs;
beforeAll(async () => {
  highs = await loadSolver();
});

/** Runners made by a test, closed after it. */
const runners: AllocationRunner[] = [];
const runner = (options?: AllocationRunnerOptions) => {
  const r = new AllocationRunner(options);
  runners.push(r);
  return r;
};
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(runners.splice(0).map((r) => r.close()));
});

/** The runner's worker thread (private), to watch it or stop it. */
const workerOf = (r: AllocationRunner): Worker | null => r["worker"];

/**
 * The stand-in solver thread (test/helpers/hanging-allocation-worker.ts): solves as the real one,
 * except a hangingProblem(), which it begins and never finishes.
 */
const HANGING_WORKER = new URL("../helpers/hanging-allocation-worker.ts", import.meta.url);
/** A problem the stand-in begins and never answers: only its watchdog, a stop or close() ends it. */
const hangingProblem = (rules?: AllocationProblem["rules"]): AllocationProblem => ({
  needs: [{ id: "HANG", quantityPerMonth: 10, processes: ["MACHINING_CNC"], unit: "PCS" }],
  options: [{ needId: "HANG", ikmId: "i1", score: 50, eligible: true }],
  supply: [{ ikmId: "i1", free: [{ process: "MACHINING_CNC", unit: "PCS", quantity: 100 }], clusters: [] }],
  ...(rules ? { rules } : {}),
});
/** Resolves when the runner's current worker says it has begun an allocation (AllocationStarted). */
const begun = (r: AllocationRunner): Promise<void> =>
  new Promise((resolve) => {
    const worker = workerOf(r)!;
    const onMessage = (msg: object) => {
      if (!("started" in msg)) return;
      worker.off("message", onMessage);
      resolve();
    };
    worker.on("message", onMessage);
  });
/** Resolves after `n` turns of the event loop's timers phase. */
const ticks = (n: number): Promise<void> =>
  new Promise((resolve) => {
    let count = 0;
    const timer = setInterval(() => {
      if (++count < n) return;
      clearInterval(timer);
      resolve();
    }, 1);
  });

/** Small random problems (seeded), solved optimally in well under a second. */
const small = (seed: number) => instance(4, 40, seed).problem;
/** A larger one, long enough to solve (with well over 100 binaries) that an in-process solve would be felt. */
const large = () => instance(10, 200, 7).problem;
/** One need, one IKM: solved in milliseconds. */
const tiny = (quantity: number): AllocationProblem => ({
  needs: [{ id: "A", quantityPerMonth: quantity, processes: ["MACHINING_CNC"], unit: "PCS" }],
  options: [{ needId: "A", ikmId: "i1", score: 50, eligible: true }],
  supply: [{ ikmId: "i1", free: [{ process: "MACHINING_CNC", unit: "PCS", quantity: 100 }], clusters: [] }],
});

/** What a client would see of an error a resolver threw. */
function asClientSees(error: unknown) {
  const located = locatedError(error, [], ["allocate"]);
  return formatError(located.toJSON(), located, { log: pino({ level: "silent" }), hideSchemaDetails: true });
}

describe("AllocationRunner: answers", () => {
  it("gives the same allocation as allocate() in-process", async () => {
    const r = runner();
    for (const seed of [1, 2, 3]) {
      const problem = small(seed);
      const local = await allocate(problem, highs);
      expect(local.method).toBe("MIP");
      expect(local.needs.some((n) => n.covered > 0)).toBe(true);
      expect(await r.run(problem)).toEqual(local);
    }
  });

  it("rejects a malformed problem with allocate()'s DomainError: same class, code, message and details", async () => {
    const base = small(1);
    const bad: AllocationProblem[] = [
      { ...base, needs: [{ ...base.needs[0], quantityPerMonth: 0 }] },
      { ...base, needs: [{ ...base.needs[0], quantityPerMonth: -5 }] },
      { ...base, needs: [{ ...base.needs[0], quantityPerMonth: 2.5 }] },
      { ...base, rules: { maxMembers: 0 } },
      { ...base, needs: [...base.needs, base.needs[0]] },
    ];
    const r = runner();
    for (const problem of bad) {
      const local = await allocate(problem, highs).catch((e: unknown) => e);
      expect(local).toBeInstanceOf(DomainError);
      const remote = await r.run(problem).catch((e: unknown) => e);
      expect(remote).toBeInstanceOf(DomainError);
      const [l, w] = [local as DomainError, remote as DomainError];
      expect({ name: w.name, code: w.code, message: w.message, details: w.details }).toEqual({
        name: l.name,
        code: "BAD_USER_INPUT",
        message: l.message,
        details: l.details,
      });
      expect(w.code).toBe(l.code);
      expect(asClientSees(w)).toEqual(asClientSees(l));
    }
    // The worker is still there and answers after the errors.
    expect(await r.run(base)).toEqual(await allocate(base, highs));
  });
});

describe("AllocationRunner: the event loop", () => {
  it("keeps ticking while the worker solves, where an in-process solve lets no tick through", async () => {
    const problem = large();
    let count = 0;
    const timer = setInterval(() => count++, 1);
    let blocked: number;
    let local: Allocation;
    try {
      count = 0;
      local = await allocate(problem, highs);
      blocked = count;
    } finally {
      clearInterval(timer);
    }
    // The control: a solve on the event loop's thread lets no timer through, however long it takes.
    expect(blocked).toBe(0);
    expect(local.model.binaries).toBeGreaterThan(100);
    // The worker's thread is busy with a solve that does not end: ten timer turns pass meanwhile,
    // and the allocation is still being solved after them.
    const r = runner({ workerUrl: HANGING_WORKER });
    let settled = false;
    const solving = r.run(hangingProblem()).then(
      () => (settled = true),
      () => (settled = true),
    );
    await begun(r);
    await ticks(10);
    expect(settled).toBe(false);
    await r.close();
    await solving;
    // The real solve on the worker answers what the in-process one did.
    const remote = await runner().run(problem);
    if (local.status === "Optimal" && remote.status === "Optimal") expect(remote).toEqual(local);
  });
});

describe("AllocationRunner: queue", () => {
  it(`refuses one allocation past ALLOCATION.maxQueued (${ALLOCATION.maxQueued}) waiting as RATE_LIMITED, and serves the rest`, async () => {
    const r = runner();
    const problem = small(2);
    const expected = await allocate(problem, highs);
    const accepted = Array.from({ length: 1 + ALLOCATION.maxQueued }, () => r.run(problem).catch((e: unknown) => e));
    expect(r.queued).toBe(ALLOCATION.maxQueued);
    const refused = await r.run(problem).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TryAgainLater);
    expect(refused).toMatchObject({ code: ErrorCode.RATE_LIMITED, retryAfter: ALLOCATION.timeLimitSeconds });
    // What a client sees: RATE_LIMITED with retryAfter, as from the rate limiter, not a masked internal error.
    expect(asClientSees(refused)).toMatchObject({ message: (refused as Error).message, extensions: { code: ErrorCode.RATE_LIMITED, retryAfter: ALLOCATION.timeLimitSeconds } });
    for (const a of await Promise.all(accepted)) expect(a).toEqual(expected);
    expect(r.queued).toBe(0);
    // Room again once the queue has drained.
    expect(await r.run(problem)).toEqual(expected);
  });

  it("isFull() says beforehand when run() would refuse as busy", async () => {
    const r = runner({ maxQueued: 1 });
    expect(r.isFull()).toBe(false);
    const solving = r.run(small(1));
    expect(r.isFull()).toBe(false); // one solving, none waiting
    const waiting = r.run(small(2));
    expect(r.isFull()).toBe(true);
    await expect(r.run(small(3))).rejects.toBeInstanceOf(TryAgainLater);
    await Promise.all([solving, waiting]);
    expect(r.isFull()).toBe(false);
    // With no room to wait, full while one is solved.
    const none = runner({ maxQueued: 0 });
    const only = none.run(tiny(10));
    expect(none.isFull()).toBe(true);
    await only;
    expect(none.isFull()).toBe(false);
    await none.close();
    expect(none.isFull()).toBe(false);
  });

  it("solves one at a time, in order of arrival", async () => {
    const r = runner();
    const problems = [1, 2, 3].map(small);
    const order: number[] = [];
    const results = await Promise.all(problems.map((p, k) => r.run(p).then((a) => (order.push(k), a))));
    expect(order).toEqual([0, 1, 2]);
    for (let k = 0; k < problems.length; k++) expect(results[k]).toEqual(await allocate(problems[k], highs));
  });
});

describe("AllocationRunner: lifecycle", () => {
  it("starts no worker before the first run()", () => {
    const r = runner();
    expect(workerOf(r)).toBeNull();
  });

  it("rejects the allocation being solved when the worker stops, and serves the next on a new worker", async () => {
    const r = runner({ workerUrl: HANGING_WORKER });
    await r.run(small(1));
    const first = workerOf(r)!;
    const solving = r.run(hangingProblem()).catch((e: unknown) => e);
    const waiting = r.run(small(3)).catch((e: unknown) => e);
    await begun(r); // mid-solve, and a solve that would never answer
    await first.terminate();
    const error = await solving;
    expect(error).toBeInstanceOf(SolverStopped);
    expect((error as Error).name).toBe("SolverStopped");
    expect((error as Error).message).toMatch(/^the allocation solver thread stopped \(exit code \d+\) before answering; try again$/);
    expect(await waiting).toEqual(await allocate(small(3), highs));
    const second = workerOf(r);
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    expect(second!.threadId).not.toBe(first.threadId);
  });

  it("stops an allocation that outruns its watchdog, rejects it with SolverStopped, and serves the queue on a new worker", async () => {
    // A solve that never ends, so only the watchdog ends it. Its time limit of 0 s leaves it the
    // watchdog's grace alone; the other allocations have the default watchdog (their 10 s limit
    // plus the grace), which their solves never come near.
    const r = runner({ workerUrl: HANGING_WORKER });
    expect(await r.run(tiny(10))).toEqual(await allocate(tiny(10), highs));
    const first = workerOf(r)!;
    const exited = new Promise<number>((resolve) => first.once("exit", resolve));
    const solving = r.run(hangingProblem({ timeLimitSeconds: 0 })).catch((e: unknown) => e);
    const waiting = r.run(tiny(20)).catch((e: unknown) => e);
    const error = await solving;
    expect(error).toBeInstanceOf(SolverStopped);
    expect((error as Error).message).toBe(
      `the allocation solver ran for more than ${ALLOCATION.watchdogGraceSeconds} s without answering and was stopped; try again, or allocate greedily`,
    );
    await exited;
    expect(await waiting).toEqual(await allocate(tiny(20), highs));
    const second = workerOf(r);
    expect(second).not.toBeNull();
    expect(second!.threadId).not.toBe(first.threadId);
  });

  it("watchdogMs replaces the watchdog of every allocation", async () => {
    const r = runner({ workerUrl: HANGING_WORKER, watchdogMs: 300 });
    const error = await r.run(hangingProblem()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SolverStopped);
    expect((error as Error).message).toBe("the allocation solver ran for more than 0.3 s without answering and was stopped; try again, or allocate greedily");
    expect(workerOf(r)).toBeNull();
  });

  it("rejects with SolverStopped when the worker cannot be started, and stays usable", async () => {
    const r = runner();
    vi.spyOn(r as unknown as { spawn: () => Worker }, "spawn").mockImplementationOnce(() => {
      throw new Error("EAGAIN: too many threads");
    });
    const error = await r.run(tiny(10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SolverStopped);
    expect((error as Error).message).toBe("the allocation solver thread cannot be started: EAGAIN: too many threads");
    expect(r["running"]).toBeNull();
    expect(workerOf(r)).toBeNull();
    expect(r.isFull()).toBe(false);
    expect(await r.run(tiny(10))).toEqual(await allocate(tiny(10), highs));
  });

  it("rejects with SolverStopped a problem that cannot be sent to the worker, and serves the next", async () => {
    const r = runner();
    const unsendable = { ...tiny(10), rules: { maxMembers: 2, extra: () => 1 } } as unknown as AllocationProblem;
    const queued = r.run(tiny(20)).catch((e: unknown) => e);
    const error = await r.run(unsendable).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SolverStopped);
    expect((error as Error).message).toMatch(/^the allocation problem cannot be sent to the solver thread: /);
    expect(await queued).toEqual(await allocate(tiny(20), highs));
    expect(r["running"]).toBeNull();
    expect(await r.run(tiny(30))).toEqual(await allocate(tiny(30), highs));
  });

  it("close() rejects what is solving and waiting, stops the worker, and a closed runner stays closed", async () => {
    const r = runner();
    const solving = r.run(large()).catch((e: unknown) => e);
    const waiting = r.run(small(1)).catch((e: unknown) => e);
    const worker = workerOf(r)!;
    const exited = new Promise<number>((resolve) => worker.once("exit", resolve));
    await r.close();
    await exited;
    expect(workerOf(r)).toBeNull();
    for (const e of [await solving, await waiting]) {
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).message).toBe("the allocation runner was closed");
    }
    await expect(r.run(small(1))).rejects.toThrow("the allocation runner is closed");
    expect(workerOf(r)).toBeNull(); // run() after close() starts no worker
    await r.close(); // twice is fine
  });

  it("does not keep the process alive: a script that got its answer exits without close()", async () => {
    const url = (p: string) => JSON.stringify(new URL(`../../${p}`, import.meta.url).href);
    const script = [
      `import { AllocationRunner } from ${url("src/infra/solver/allocation-pool.ts")};`,
      `import { instance } from ${url("scripts/allocation-instances.ts")};`,
      // The worker is unref'd: while waiting for the answer, something else must hold the process.
      `const hold = setInterval(() => {}, 1000);`,
      `const a = await new AllocationRunner().run(instance(4, 40, 1).problem);`,
      `clearInterval(hold);`,
      `console.log(a.method);`,
    ].join("\n");
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => (err += d));
    // A worker that held the process would keep it running: kill it then, and fail.
    // (A hang guard: far longer than starting Node, tsx and HiGHS takes on a loaded machine.)
    const guard = setTimeout(() => child.kill("SIGKILL"), 90_000);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once("exit", (c, s) => resolve([c, s])));
    clearTimeout(guard);
    expect({ code, signal, err: code === 0 ? "" : err }).toEqual({ code: 0, signal: null, err: "" });
    expect(out.trim()).toBe("MIP");
  }, 120_000);
});
