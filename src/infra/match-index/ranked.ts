/**
 * A ranking's last step, outside the workers: the scan's best rows (less those replaced while it
 * ran) merged with the overlay's matches after the cursor (overlay.ts).
 */
import { type Columns, wordsUuid } from "../../core/matching/index/columns.js";
import type { ScanResult } from "../../core/matching/index/engine.js";
import { rankedBefore } from "../../core/matching/scorer.js";

/** Shared between every caller that asked the same question (answers.ts): read it, never change it. */
export interface RankedIds {
  /** IKM ids with their totals, best first. */
  readonly ranked: ReadonlyArray<{ readonly id: string; readonly total: number }>;
  readonly hasNextPage: boolean;
  /** The row ranked right after the page (null: none), so a change can tell whether it reaches the page (revise.ts). */
  readonly following: { readonly id: string; readonly total: number } | null;
}

/** The first `first` of the scan's rows and the overlay's matches (both after the cursor already), best first; frozen, since it is shared. */
export function mergeRanked(columns: Columns, scan: ScanResult, overlay: Array<{ id: string; total: number }>, first: number): RankedIds {
  const candidates: Array<{ id: string; total: number }> = [];
  for (let i = 0; i < scan.rows.length; i++) {
    const row = scan.rows[i];
    if (columns.dead[row]) continue; // replaced while the scan ran
    candidates.push({ id: wordsUuid(columns.ids, row * 4), total: scan.totals[i] });
  }
  candidates.push(...overlay);
  candidates.sort((a, b) => (rankedBefore(a.total, a.id, b.total, b.id) ? -1 : 1));
  return Object.freeze({
    ranked: Object.freeze(candidates.slice(0, first).map((c) => Object.freeze(c))),
    hasNextPage: candidates.length > first,
    following: candidates.length > first ? Object.freeze(candidates[first]) : null,
  });
}
