/**
 * Worker thread of AllocationRunner (allocation-pool.ts): runs allocate() off the event loop that
 * serves HTTP and WebSocket traffic, since a HiGHS solve blocks its thread for up to
 * ALLOCATION.timeLimitSeconds. HiGHS is loaded once per thread, when the thread starts; each
 * request is answered with allocate()'s own result, so the greedy fallback (a failed or weaker
 * solve) is the same as in-process. Errors cross the thread boundary as plain data
 * (SerializedError); the runner turns a DomainError's back into a DomainError. Before it begins a
 * request, once HiGHS is loaded, the thread says so (AllocationStarted): the runner's watchdog
 * counts from then, so starting the thread and loading HiGHS do not count against the time limit.
 */
import { parentPort } from "node:worker_threads";
import { DomainError } from "../../domain/errors.js";
import { type Allocation, type AllocationProblem, allocate, loadSolver } from "../../core/supply/allocation.js";

export interface AllocationRequest {
  id: number;
  problem: AllocationProblem;
}

/** An error as data. `code` and `details` are a DomainError's (its DomainErrorCode and details object). */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  details?: Record<string, unknown>;
  /** The worker's stack, for the log of an unexpected error. */
  stack?: string;
}

export type AllocationResponse =
  | { id: number; ok: true; allocation: Allocation }
  | { id: number; ok: false; error: SerializedError };

/** Sent when the thread begins request `id`, before its answer. */
export interface AllocationStarted {
  id: number;
  started: true;
}

/** What the thread posts: a request's start, then its answer. */
export type WorkerMessage = AllocationStarted | AllocationResponse;

export function serializeError(error: unknown): SerializedError {
  if (error instanceof DomainError) {
    return { name: error.name, message: error.message, code: error.code, details: { ...error.details }, stack: error.stack };
  }
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: "Error", message: String(error) };
}

/**
 * Loaded once, at start, so the first request does not wait for it. Should loading fail, every
 * allocate() below gets the rejection and answers greedy's allocation, saying the solver failed,
 * as it does in-process; the catch only keeps the rejection from counting as unhandled (which
 * would end the thread).
 */
const highs = loadSolver();
highs.catch(() => undefined);

async function answer(request: AllocationRequest): Promise<void> {
  const port = parentPort!;
  await highs.catch(() => undefined); // loaded, or failed (allocate() then answers greedy's)
  port.postMessage({ id: request.id, started: true } satisfies WorkerMessage);
  let response: AllocationResponse;
  try {
    response = { id: request.id, ok: true, allocation: await allocate(request.problem, highs) };
  } catch (error) {
    response = { id: request.id, ok: false, error: serializeError(error) };
  }
  try {
    port.postMessage(response satisfies WorkerMessage);
  } catch (error) {
    // Details that cannot be cloned (a function, say): send the error without them.
    const e = response.ok ? serializeError(error) : { ...response.error, details: undefined };
    port.postMessage({ id: request.id, ok: false, error: e } satisfies AllocationResponse);
  }
}

parentPort?.on("message", (request: AllocationRequest) => void answer(request));
