/**
 * Runs allocate() (allocation.ts) on a worker thread, so a HiGHS solve, which blocks its thread for
 * up to ALLOCATION.timeLimitSeconds, never blocks the event loop that serves HTTP and WebSocket
 * traffic. The answer is allocate()'s own, greedy fallback included.
 *
 * One worker, one solve at a time. HiGHS is single-threaded here (its WebAssembly build runs on
 * the thread that calls it, and allocation.ts relies on that for determinism), and the machine
 * has 2 cores: one for the event loop (and the matching scan workers), one for the solver. Two solves at once would only share that core
 * and both take twice as long, so further requests wait in a queue, first come first served, of
 * at most ALLOCATION.maxQueued; one more is refused as busy (allocationBusy).
 *
 * Lifecycle. The worker starts on the first run(), not before: a server that never allocates
 * never loads HiGHS. If it stops (a crash, an out-of-memory abort of the WebAssembly module), the
 * allocation it was solving is rejected with an Error saying so, and a new worker starts for the
 * next one waiting, or for the next run(). The worker is unref'd, as the matching scan workers
 * (src/matching/index/pool.ts): it never keeps the process alive, so a server that stops without
 * close() still exits. The flip side: a script whose only pending work is a run() must hold
 * something else open (a timer, a server) until it resolves, or Node exits under it.
 *
 * close() rejects the allocation being solved and those waiting, and terminates the worker. A
 * closed runner stays closed: later run()s reject ("the allocation runner is closed") rather than
 * start a worker again, so a request that arrives during shutdown cannot leave a thread behind;
 * make a new AllocationRunner to allocate again.
 */
import { Worker } from "node:worker_threads";
import { GraphQLError } from "graphql";
import { DomainError, ErrorCode } from "../domain/errors.js";
import type { RATE_LIMITED } from "../graphql/errors.js";
import type { Allocation, AllocationProblem } from "./allocation.js";
import type { AllocationRequest, AllocationResponse, SerializedError } from "./allocation-worker.js";
import { ALLOCATION } from "./config.js";

const WORKER_URL = new URL(`./allocation-worker.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url).href;

/** TypeScript sources run through tsx in the worker too (npm start and vitest run the .ts files). */
const BOOT = WORKER_URL.endsWith(".ts")
  ? `import { register } from "tsx/esm/api"; register(); await import(${JSON.stringify(WORKER_URL)});`
  : `await import(${JSON.stringify(WORKER_URL)});`;

/**
 * The code of a refused allocation: RATE_LIMITED of src/graphql/errors.ts (checked by the compiler
 * through a type-only import, which keeps that module and the Prisma client it loads out of this
 * one). ErrorCode (src/domain/errors.ts) has no "busy" code, and a DomainError cannot carry one
 * outside it; RATE_LIMITED means what a client should do here, the same as when the rate limiter
 * refuses it: nothing is wrong with the request, send it again after `retryAfter` seconds.
 * formatError passes a GraphQLError with this code through with its retryAfter, as it does the
 * rate limiter's (test/unit/allocation-pool.test.ts checks that).
 */
export const ALLOCATION_BUSY_CODE: typeof RATE_LIMITED = "RATE_LIMITED";

/**
 * The error of an allocation refused because `waiting` allocations wait already. retryAfter is
 * the time limit of one solve: by then the one being solved has ended and freed a place.
 */
export function allocationBusy(waiting: number): GraphQLError {
  return new GraphQLError(`The allocation solver is busy: ${waiting} allocations are waiting for it. Try again shortly.`, {
    extensions: { code: ALLOCATION_BUSY_CODE, retryAfter: ALLOCATION.timeLimitSeconds },
  });
}

const DOMAIN_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * The error the worker reported, as allocate() threw it: a DomainError again (same class, code,
 * message and details, so formatError shows it to the client as in-process), anything else an
 * Error with its name and message. Either keeps the worker's stack, which says where it was thrown.
 */
function reviveError(e: SerializedError): Error {
  const error =
    e.name === "DomainError" && e.code !== undefined && DOMAIN_CODES.has(e.code)
      ? new DomainError(e.code as ErrorCode, e.message, e.details ?? {})
      : Object.assign(new Error(e.message), { name: e.name });
  if (e.stack) error.stack = e.stack;
  return error;
}

export interface AllocationRunnerOptions {
  /** Allocations that may wait while one is solved; ALLOCATION.maxQueued by default. */
  maxQueued?: number;
}

interface Job {
  problem: AllocationProblem;
  resolve: (allocation: Allocation) => void;
  reject: (error: Error) => void;
}

export class AllocationRunner {
  private readonly maxQueued: number;
  private worker: Worker | null = null;
  /** Sent to the worker, not answered yet. */
  private running: { id: number; job: Job } | null = null;
  private readonly waiting: Job[] = [];
  private nextId = 0;
  private closed = false;

  constructor(options: AllocationRunnerOptions = {}) {
    this.maxQueued = options.maxQueued ?? ALLOCATION.maxQueued;
  }

  /** Allocations waiting for the solver, not counting the one it is solving. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * allocate(problem) on the worker. Rejects with allocate()'s error (a DomainError for a malformed
   * problem), with allocationBusy() when maxQueued allocations wait already, or with an Error when
   * the worker stopped before answering or the runner was closed.
   */
  run(problem: AllocationProblem): Promise<Allocation> {
    if (this.closed) return Promise.reject(new Error("the allocation runner is closed"));
    if (this.running && this.waiting.length >= this.maxQueued) return Promise.reject(allocationBusy(this.waiting.length));
    return new Promise<Allocation>((resolve, reject) => {
      this.waiting.push({ problem, resolve, reject });
      this.next();
    });
  }

  /** Rejects the allocations being solved and waiting, and terminates the worker. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new Error("the allocation runner was closed");
    this.running?.job.reject(error);
    this.running = null;
    for (const job of this.waiting.splice(0)) job.reject(error);
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  /** Sends the next waiting allocation to the worker (starting one) unless one is being solved. */
  private next(): void {
    if (this.closed || this.running) return;
    const job = this.waiting.shift();
    if (!job) return;
    const id = ++this.nextId;
    this.running = { id, job };
    const worker = (this.worker ??= this.spawn());
    try {
      worker.postMessage({ id, problem: job.problem } satisfies AllocationRequest);
    } catch (error) {
      // Not cloneable (a function in it, say): the worker never saw it.
      this.running = null;
      job.reject(new Error(`the allocation problem cannot be sent to the solver thread: ${(error as Error).message}`));
      this.next();
    }
  }

  private spawn(): Worker {
    const worker = new Worker(BOOT, { eval: true, name: "jalin-allocation" });
    let crash: Error | undefined;
    worker.on("message", (msg: AllocationResponse) => this.onMessage(worker, msg));
    worker.on("error", (error) => (crash = error)); // followed by "exit", handled there
    worker.once("exit", (code) => this.onExit(worker, code, crash));
    worker.unref();
    return worker;
  }

  private onMessage(worker: Worker, msg: AllocationResponse): void {
    if (worker !== this.worker || !this.running || msg.id !== this.running.id) return;
    const { job } = this.running;
    this.running = null;
    if (msg.ok) job.resolve(msg.allocation);
    else job.reject(reviveError(msg.error));
    this.next();
  }

  private onExit(worker: Worker, code: number, crash: Error | undefined): void {
    if (worker !== this.worker) return; // terminated by close()
    this.worker = null;
    const running = this.running;
    this.running = null;
    running?.job.reject(
      new Error(`the allocation solver thread stopped (exit code ${code}${crash ? `, ${crash.name}: ${crash.message}` : ""}) before answering; try again`),
    );
    this.next(); // a new worker for the allocations still waiting
  }
}
