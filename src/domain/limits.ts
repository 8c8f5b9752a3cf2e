/** Limits that protect the service and its users; one place, so they are easy to find and change. */
export const LIMITS = {
  /** Largest page a connection returns; larger `first` values are refused, not silently cut. */
  maxPageSize: 100,
  defaultPageSize: 20,
  /** Needs a firm may list per nested `Firm.needs` read. */
  maxNestedNeeds: 50,
  maxCapabilitiesPerIkm: 30,
  maxMachinesPerIkm: 200,
  maxTextLength: 4000,
  maxNameLength: 200,
  minPasswordLength: 10,
  /** Words one processTerms query may look up. */
  maxTermsPerLookup: 50,
} as const;

/** The in-memory match index (src/services/match-index.ts). */
export const MATCH_INDEX = {
  /** Worker threads that scan; these machines have 2 cores (../shared/BENCH.md). */
  maxWorkers: 2,
  /** IKMs read per cursor FETCH while loading. */
  loadBatch: 20_000,
  /** Notifications arriving within this window are refreshed in one query. */
  notifyDebounceMs: 10,
  /** The overlay of changed IKMs is folded back into fresh columns when it outgrows both. */
  overlayMinRebuild: 50_000,
  overlayRebuildShare: 0.05,
  /** Longest wait between attempts to LISTEN again after the connection dropped. */
  relistenMaxDelayMs: 5_000,
} as const;
