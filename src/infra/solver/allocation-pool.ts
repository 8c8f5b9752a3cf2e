/**
 * Runs allocate() (allocation.ts) on a worker thread, so a HiGHS solve, which blocks its thread for
 * up to ALLOCATION.timeLimitSeconds, never blocks the event loop that serves HTTP and WebSocket
 * traffic. The answer is allocate()'s own, greedy fallback included.
 *
 * One worker, one solve at a time. HiGHS is single-threaded here (its WebAssembly build runs on
 * the thread that calls it, and allocation.ts relies on that for determinism), and the machine
 * has 2 cores: one for the event loop (and the matching scan workers), one for the solver. Two
 * solves at once would only share that core and both take twice as long, so further requests wait in a queue, first come first served, of
 * at most ALLOCATION.maxQueued; one more is refused as busy (allocationBusy). isFull() says so
 * beforehand, so a caller can refuse before reading and scoring what it would allocate.
 *
 * Lifecycle. The worker starts on the first run(), not before: a server that never allocates
 * never loads HiGHS. If it stops (a crash, an out-of-memory abort of the WebAssembly module), the
 * allocation it was solving is rejected with SolverStopped, and a new worker starts for the next
 * one waiting, or for the next run(). An allocation for which a worker cannot be started, or
 * which cannot be sent to it, is rejected with SolverStopped too. A watchdog bounds each
 * allocation: one still running its time limit plus ALLOCATION.watchdogGraceSeconds after the
 * worker began it (allocate() keeps to its limit, so only a hung solve gets there) is rejected
 * with SolverStopped and its worker terminated; the next waiting starts on a new worker once the
 * old one has stopped. The watch begins when the worker says it begins the allocation, after
 * starting and loading HiGHS, which are not watched (a thread that crashes there is handled as
 * any crash). SolverStopped means the
 * solver, not the problem, failed: the caller may answer with allocateGreedy() instead. The
 * worker is unref'd, as the matching scan workers
 * (src/infra/match-index/pool.ts): it never keeps the process alive, so a server that stops without
 * close() still exits. The flip side: a script whose only pending work is a run() must hold
 * something else open (a timer, a server) until it resolves, or Node exits under it.
 *
 * close() rejects the allocation being solved and those waiting, and terminates the worker. A
 * closed runner stays closed: later run()s reject ("the allocation runner is closed") rather than
 * start a worker again, so a request that arrives during shutdown cannot leave a thread behind;
 * make a new AllocationRunner to allocate again.
 */
import { Worker } from "node:worker_threads";
import { DomainError, DomainErrorCode, TryAgainLater } from "../../domain/errors.js";
import type { Allocation, AllocationProblem } from "../../core/supply/allocation.js";
import type { AllocationRequest, SerializedError, WorkerMessage } from "./allocation-worker.js";
import { ALLOCATION } from "../../core/supply/config.js";

const WORKER_URL = new URL(`./allocation-worker.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url);

/** The code a solver thread starts with: TypeScript sources run through tsx there too (npm start and vitest run the .ts files). */
function bootCode(url: URL): string {
  const href = JSON.stringify(url.href);
  return url.pathname.endsWith(".ts") ? `import { register } from "tsx/esm/api"; register(); await import(${href});` : `await import(${href});`;
}

/**
 * The error of an allocation refused because `waiting` allocations wait already. retryAfter is
 * the time limit of one allocation: by then the one being solved has ended and freed a place.
 * A TryAgainLater, not a DomainError: nothing is wrong with the request; formatError answers it
 * as RATE_LIMITED with its retryAfter (test/unit/allocation-pool.test.ts checks that).
 */
export function allocationBusy(waiting: number): TryAgainLater {
  return new TryAgainLater(`The allocation solver is busy: ${waiting} allocations are waiting for it. Try again shortly.`, ALLOCATION.timeLimitSeconds);
}

const DOMAIN_CODES = new Set<string>(Object.values(DomainErrorCode));

/**
 * The error the worker reported, as allocate() threw it: a DomainError again (same class, code,
 * message and details, so formatError shows it to the client as in-process), anything else an
 * Error with its name and message. Either keeps the worker's stack, which says where it was thrown.
 */
function reviveError(e: SerializedError): Error {
  const error =
    e.name === "DomainError" && e.code !== undefined && DOMAIN_CODES.has(e.code)
      ? new DomainError(e.code as DomainErrorCode, e.message, e.details ?? {})
      : Object.assign(new Error(e.message), { name: e.name });
  if (e.stack) error.stack = e.stack;
  return error;
}

/**
 * An allocation the solver thread did not answer: it crashed or was stopped by the watchdog, or
 * could not be started or sent the problem. Nothing is known to be wrong with the problem, so a
 * caller may answer with allocateGreedy() instead (or try again).
 */
export class SolverStopped extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SolverStopped";
  }
}

export interface AllocationRunnerOptions {
  /** Allocations that may wait while one is solved; ALLOCATION.maxQueued by default. */
  maxQueued?: number;
  /**
   * Longest an allocation may run on the worker, in milliseconds from when the worker begins it,
   * before the worker is terminated and the allocation rejected with SolverStopped. By default the
   * allocation's time limit (its rules.timeLimitSeconds, else ALLOCATION.timeLimitSeconds) plus
   * ALLOCATION.watchdogGraceSeconds. Infinity: no watchdog.
   */
  watchdogMs?: number;
  /**
   * The module each solver thread runs; ./allocation-worker by default. Any module that speaks its
   * messages (an AllocationRequest in; AllocationStarted, then an AllocationResponse out) can stand
   * in for it: test/helpers/hanging-allocation-worker.ts, whose solve of a marked problem never
   * ends, is how the tests reach the watchdog and a stop mid-solve without guessing how long a
   * real solve takes. A .ts module runs through tsx, as the default does under npm start.
   */
  workerUrl?: URL;
}

interface Job {
  problem: AllocationProblem;
  resolve: (allocation: Allocation) => void;
  reject: (error: Error) => void;
}

/** setTimeout's longest delay; a longer watchdog is none. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The watchdog of an allocation, in ms: its time limit plus the grace, unless the options say otherwise. */
function watchdogMsOf(problem: AllocationProblem, override: number | undefined): number {
  if (override !== undefined) return override;
  const limit = problem.rules?.timeLimitSeconds;
  // An invalid limit fails in allocate() at once; the default bounds it meanwhile.
  const seconds = typeof limit === "number" && limit >= 0 ? limit : ALLOCATION.timeLimitSeconds;
  return (seconds + ALLOCATION.watchdogGraceSeconds) * 1000;
}

export class AllocationRunner {
  private readonly maxQueued: number;
  private readonly watchdogMs: number | undefined;
  private readonly boot: string;
  private worker: Worker | null = null;
  /** Sent to the worker, not answered yet; `timer` is its watchdog, set once the worker began it. */
  private running: { id: number; job: Job; timer: NodeJS.Timeout | null } | null = null;
  private readonly waiting: Job[] = [];
  private nextId = 0;
  private closed = false;
  /** A worker the watchdog stopped, until it has exited: nothing is sent meanwhile. */
  private stopping: Promise<void> | null = null;

  constructor(options: AllocationRunnerOptions = {}) {
    this.maxQueued = options.maxQueued ?? ALLOCATION.maxQueued;
    this.watchdogMs = options.watchdogMs;
    this.boot = bootCode(options.workerUrl ?? WORKER_URL);
  }

  /** Allocations waiting for the solver, not counting the one it is solving. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Whether run() would now refuse an allocation as busy (allocationBusy): one is being solved (or
   * a stopped worker is being replaced) and maxQueued wait already. False for a closed runner,
   * whose run() refuses for that reason instead.
   */
  isFull(): boolean {
    return !this.closed && (this.running !== null || this.stopping !== null) && this.waiting.length >= this.maxQueued;
  }

  /**
   * allocate(problem) on the worker. Rejects with allocate()'s error (a DomainError for a malformed
   * problem), with allocationBusy() when maxQueued allocations wait already, with SolverStopped
   * when the worker stopped (crashed, or stopped by the watchdog) before answering or could not be
   * started or sent the problem, or with an Error when the runner was closed.
   */
  run(problem: AllocationProblem): Promise<Allocation> {
    if (this.closed) return Promise.reject(new Error("the allocation runner is closed"));
    if (this.isFull()) return Promise.reject(allocationBusy(this.waiting.length));
    return new Promise<Allocation>((resolve, reject) => {
      this.waiting.push({ problem, resolve, reject });
      this.next();
    });
  }

  /** Rejects the allocations being solved and waiting, and terminates the worker. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new Error("the allocation runner was closed");
    const running = this.settle();
    running?.reject(error);
    for (const job of this.waiting.splice(0)) job.reject(error);
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
    await this.stopping;
  }

  /** Ends the running allocation (clearing its watchdog) and returns its job, to resolve or reject. */
  private settle(): Job | null {
    const running = this.running;
    this.running = null;
    if (!running) return null;
    if (running.timer) clearTimeout(running.timer);
    return running.job;
  }

  /** Sends the next waiting allocation to the worker (starting one) unless one is being solved. */
  private next(): void {
    if (this.closed || this.running || this.stopping) return;
    const job = this.waiting.shift();
    if (!job) return;
    const id = ++this.nextId;
    let worker: Worker;
    try {
      worker = this.worker ??= this.spawn();
    } catch (error) {
      job.reject(new SolverStopped(`the allocation solver thread cannot be started: ${(error as Error).message}`));
      this.next();
      return;
    }
    try {
      worker.postMessage({ id, problem: job.problem } satisfies AllocationRequest);
    } catch (error) {
      // Not cloneable (a function in it, say): the worker never saw it.
      job.reject(new SolverStopped(`the allocation problem cannot be sent to the solver thread: ${(error as Error).message}`));
      this.next();
      return;
    }
    this.running = { id, job, timer: null };
  }

  private spawn(): Worker {
    const worker = new Worker(this.boot, { eval: true, name: "jalin-allocation" });
    let crash: Error | undefined;
    worker.on("message", (msg: WorkerMessage) => this.onMessage(worker, msg));
    worker.on("error", (error) => (crash = error)); // followed by "exit", handled there
    worker.once("exit", (code) => this.onExit(worker, code, crash));
    worker.unref();
    return worker;
  }

  private onMessage(worker: Worker, msg: WorkerMessage): void {
    if (worker !== this.worker || !this.running || msg.id !== this.running.id) return;
    if ("started" in msg) {
      const ms = watchdogMsOf(this.running.job.problem, this.watchdogMs);
      if (ms <= MAX_TIMER_MS) {
        const { id } = this.running;
        this.running.timer = setTimeout(() => this.onWatchdog(worker, id, ms), Math.max(0, ms));
        this.running.timer.unref();
      }
      return;
    }
    const job = this.settle()!;
    if (msg.ok) job.resolve(msg.allocation);
    else job.reject(reviveError(msg.error));
    this.next();
  }

  /** The allocation `id` ran past its watchdog: stop its worker, reject it, and go on on a new worker. */
  private onWatchdog(worker: Worker, id: number, ms: number): void {
    if (worker !== this.worker || this.running?.id !== id) return;
    this.worker = null; // its "exit" is then no crash to handle
    this.settle()!.reject(
      new SolverStopped(`the allocation solver ran for more than ${ms / 1000} s without answering and was stopped; try again, or allocate greedily`),
    );
    this.stopping = worker
      .terminate()
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.stopping = null;
        this.next();
      });
  }

  private onExit(worker: Worker, code: number, crash: Error | undefined): void {
    if (worker !== this.worker) return; // terminated by close() or the watchdog
    this.worker = null;
    this.settle()?.reject(
      new SolverStopped(`the allocation solver thread stopped (exit code ${code}${crash ? `, ${crash.name}: ${crash.message}` : ""}) before answering; try again`),
    );
    this.next(); // a new worker for the allocations still waiting
  }
}
