/**
 * Stands in for src/infra/solver/allocation-worker.ts (AllocationRunnerOptions.workerUrl) in tests: a
 * problem whose first need's id is HANG (see hangingProblem in test/unit/allocation-pool.test.ts)
 * is begun (the thread says so, as the real worker does, so the runner's watchdog starts) and
 * never answered: the thread blocks until it is terminated. A solve that cannot finish, so a test
 * of the watchdog or of a stop mid-solve does not depend on how long a real solve takes. Every
 * other problem goes on to the real worker, loaded below, and is solved as usual.
 */
import { parentPort } from "node:worker_threads";
import type { AllocationRequest, WorkerMessage } from "../../src/infra/solver/allocation-worker.js";

/** The need id that marks a problem this thread never finishes. */
const HANG = "HANG";

// The real worker first: its listener must be the first on the port, since the port delivers the
// messages that wait for the thread to the listeners there are when the first is added. For a
// marked problem, the real worker's answer() awaits HiGHS before it begins, and the listener below
// then blocks the thread for good: that answer never goes on. The import settles in the same turn
// of the event loop as the real listener is added, so the port has delivered nothing before ours.
await import("../../src/infra/solver/allocation-worker.js");

const port = parentPort!;
port.on("message", (request: AllocationRequest) => {
  if (request.problem.needs[0]?.id !== HANG) return;
  port.postMessage({ id: request.id, started: true } satisfies WorkerMessage);
  // Nothing ever notifies this word: only terminate() ends the wait (it interrupts Atomics.wait).
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
});
