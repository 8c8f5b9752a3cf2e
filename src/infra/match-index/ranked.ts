/**
 * A ranking's last step, outside the workers: the scan's best rows (less those replaced while it
 * ran) merged with the overlay's changed IKMs, scored by the pure scorer.
 */
import { type Columns, wordsUuid } from "../../core/matching/index/columns.js";
import type { ScanResult } from "../../core/matching/index/engine.js";
import { type MatchFilter, type RankCursor, effectiveWeights, passesFilter, rankedBefore, scoreMatch } from "../../core/matching/scorer.js";
import type { NeedProfile, SupplierProfile } from "../../core/matching/types.js";

/** Shared between every caller that asked the same question (answers.ts): read it, never change it. */
export interface RankedIds {
  /** IKM ids with their totals, best first. */
  readonly ranked: ReadonlyArray<{ readonly id: string; readonly total: number }>;
  readonly hasNextPage: boolean;
  /** The row ranked right after the page (null: none), so a change can tell whether it reaches the page (revise.ts). */
  readonly following: { readonly id: string; readonly total: number } | null;
}

/**
 * Overlay suppliers (changed since the columns were loaded) that pass the filter, scored. Only
 * suppliers working one of the need's processes can pass it (eligible ones work all of them, near
 * misses at least one: the engine's candidate lists), so the others are not scored.
 */
export function overlayMatches(overlay: Map<string, SupplierProfile | null>, need: NeedProfile, filter: MatchFilter): Array<{ id: string; total: number }> {
  const weights = effectiveWeights(need);
  const processes = new Set(need.processes);
  const out: Array<{ id: string; total: number }> = [];
  for (const profile of overlay.values()) {
    if (!profile || !profile.capabilities.some((c) => processes.has(c.process))) continue;
    const r = scoreMatch(need, profile, weights);
    if (passesFilter(r, profile, filter)) out.push({ id: profile.id, total: r.total });
  }
  return out;
}

/** The first `first` of the scan's rows and the overlay's matches after `after`, best first; frozen, since it is shared. */
export function mergeRanked(
  columns: Columns,
  scan: ScanResult,
  overlay: Array<{ id: string; total: number }>,
  first: number,
  after: RankCursor | null | undefined,
): RankedIds {
  const candidates: Array<{ id: string; total: number }> = [];
  for (let i = 0; i < scan.rows.length; i++) {
    const row = scan.rows[i];
    if (columns.dead[row]) continue; // replaced while the scan ran
    candidates.push({ id: wordsUuid(columns.ids, row * 4), total: scan.totals[i] });
  }
  for (const m of overlay) {
    if (!after || rankedBefore(after.total, after.id, m.total, m.id)) candidates.push(m);
  }
  candidates.sort((a, b) => (rankedBefore(a.total, a.id, b.total, b.id) ? -1 : 1));
  return Object.freeze({
    ranked: Object.freeze(candidates.slice(0, first).map((c) => Object.freeze(c))),
    hasNextPage: candidates.length > first,
    following: candidates.length > first ? Object.freeze(candidates[first]) : null,
  });
}
