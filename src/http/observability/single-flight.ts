/**
 * One run of `work` at a time, shared: a call while a run is in flight gets that run's promise;
 * the first call after it settled starts a new one (nothing is cached). /readyz uses it so that a
 * flood of probes costs one pair of readiness queries, not a pool's worth of connections.
 */
export function singleFlight<T>(work: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => {
    inFlight ??= (async () => {
      try {
        return await work();
      } finally {
        inFlight = null; // after an await, so always after the assignment above
      }
    })();
    return inFlight;
  };
}
