/** What MatchIndex.start accepts, and the defaults (MATCH_INDEX, src/domain/limits.ts) for what it is not given. */
import os from "node:os";
import { MATCH_INDEX } from "../../domain/limits.js";

export interface MatchIndexOptions {
  /** Scan worker threads (pool.ts): MATCH_INDEX.maxWorkers or the cores, whichever is fewer, unless given. */
  workers?: number;
  /** How long notified ids wait to be read together; the SQL-snapshot test sets it beyond any run. */
  notifyDebounceMs?: number;
  /** "Now", for the month delivery records are weighed from (recency.ts); the system clock unless given (tests). */
  clock?: () => Date;
  /** Directory of the columns' snapshot file (snapshot.ts); none (or "off"): every start loads from PostgreSQL. */
  snapshotDir?: string;
  /** Rankings and counts remembered (answers.ts); MATCH_INDEX.rememberedAnswers unless given, 0: none. */
  rememberedAnswers?: number;
  /** Supplier profiles remembered for explanations, and as many IKM rows for pages of matches (profiles.ts); MATCH_INDEX.rememberedProfiles unless given, 0: none. */
  rememberedProfiles?: number;
  /** Most (changed IKM, answer) pairs a change checks (revise.ts); MATCH_INDEX.answerRevisionBudget unless given, 0: every change forgets all. */
  answerRevisionBudget?: number;
  /** Changed IKMs the overlay scores one by one before folding them (overlay.ts); MATCH_INDEX.overlayRecentMax unless given. */
  overlayRecentMax?: number;
}

/** Every option, given or defaulted. */
export type Settings = Required<Omit<MatchIndexOptions, "snapshotDir">> & Pick<MatchIndexOptions, "snapshotDir">;

export function settingsOf(options: MatchIndexOptions): Settings {
  return {
    workers: options.workers ?? Math.max(1, Math.min(MATCH_INDEX.maxWorkers, os.availableParallelism())),
    notifyDebounceMs: options.notifyDebounceMs ?? MATCH_INDEX.notifyDebounceMs,
    clock: options.clock ?? (() => new Date()),
    snapshotDir: options.snapshotDir,
    rememberedAnswers: options.rememberedAnswers ?? MATCH_INDEX.rememberedAnswers,
    rememberedProfiles: options.rememberedProfiles ?? MATCH_INDEX.rememberedProfiles,
    answerRevisionBudget: options.answerRevisionBudget ?? MATCH_INDEX.answerRevisionBudget,
    overlayRecentMax: options.overlayRecentMax ?? MATCH_INDEX.overlayRecentMax,
  };
}
