/**
 * The match index's overlay: the IKMs changed since its columns were loaded (their rows there are
 * marked dead), with their profiles as they are now (null: deleted). Every ranking and count a scan
 * answers merges it, so a big overlay taxes every question: scored one by one by the pure scorer
 * (10-60 µs each, explanations included), the few thousand IKMs a start from the snapshot file
 * catches up, or a day of edits, cost tens of milliseconds per question on the event loop.
 *
 * So the overlay folds its profiles into columns of its own, scanned by the engine exactly like the
 * index's columns (bit for bit the pure scorer: test/unit/engine.test.ts), and scores one by one
 * only the IKMs changed since the last fold (`recent`). A fold starts when `recent` outgrows both
 * MATCH_INDEX.overlayRecentMax and an eighth of the folded rows (so folding costs a constant per
 * change, amortized). It appends MATCH_INDEX.overlayFoldSlice profiles at a time, letting the event
 * loop serve requests between slices; until it lands the previous fold and `recent` answer, and the
 * IKMs changed while it ran are dead in it when it does.
 */
import { type Columns, ColumnBuilder, findRow, markDead, wordsUuid } from "../../core/matching/index/columns.js";
import { compileQuery, scan } from "../../core/matching/index/engine.js";
import { type MatchFilter, type RankCursor, effectiveWeights, passesFilter, rankedBefore, scoreMatch } from "../../core/matching/scorer.js";
import type { NeedProfile, SupplierProfile } from "../../core/matching/types.js";
import { MATCH_INDEX } from "../../domain/limits.js";

export class Overlay {
  private readonly profiles = new Map<string, SupplierProfile | null>();
  /** The profiles as they were at the last fold; rows of IKMs changed since are dead. */
  private folded: Columns | null = null;
  /** Changed since the last fold began. */
  private recent = new Map<string, SupplierProfile | null>();
  /** While a fold runs: the IKMs changed since it began (dead in its columns when it lands). */
  private changedDuringFold: Set<string> | null = null;
  private folding: Promise<void> | null = null;
  private abandoned = false;
  private folds = 0;

  /** `onFoldError`: a fold failed; the overlay stops folding and keeps answering, exactly, from its last fold and `recent`. */
  constructor(
    private readonly recentMax: number = MATCH_INDEX.overlayRecentMax,
    private readonly onFoldError: (error: unknown) => void = () => undefined,
    private readonly sliceSize: number = MATCH_INDEX.overlayFoldSlice,
  ) {}

  get size(): number {
    return this.profiles.size;
  }

  has(id: string): boolean {
    return this.profiles.has(id);
  }

  get(id: string): SupplierProfile | null | undefined {
    return this.profiles.get(id);
  }

  /** The IKM's profile as it is now (null: deleted); its row in the last fold, if any, is dead from now on. */
  set(id: string, profile: SupplierProfile | null): void {
    this.profiles.set(id, profile);
    this.recent.set(id, profile);
    this.changedDuringFold?.add(id);
    if (this.folded) {
      const row = findRow(this.folded, id);
      if (row >= 0) markDead(this.folded, row);
    }
    this.foldIfDue();
  }

  /** Starts a fold when none runs and the recent changes outgrow the bound; again after one lands, for those changed meanwhile. */
  private foldIfDue(): void {
    if (this.folding || this.abandoned || this.recent.size <= Math.max(this.recentMax, (this.folded?.n ?? 0) / 8)) return;
    this.folding = this.fold().then(
      () => {
        this.folding = null;
        this.foldIfDue();
      },
      (error) => {
        this.folding = null;
        this.abandoned = true; // not again and again: recent keeps every change since the last fold
        this.changedDuringFold = null;
        this.onFoldError(error);
      },
    );
  }

  /** Rows in the last fold, IKMs changed since it began, folds landed, and whether one runs. */
  stats(): { folded: number; recent: number; folds: number; folding: boolean } {
    return { folded: this.folded?.n ?? 0, recent: this.recent.size, folds: this.folds, folding: this.folding !== null };
  }

  /** Stops a fold in progress: the index replaced this overlay (a rebuild) or closed. */
  abandon(): void {
    this.abandoned = true;
  }

  /** Resolves once no fold runs (tests). */
  async settled(): Promise<void> {
    while (this.folding) await this.folding;
  }

  /**
   * The overlay's suppliers passing the need and filter after the cursor: the best `k` of the
   * folded ones and every recent one, unordered (the caller merges, sorts and cuts).
   */
  matches(need: NeedProfile, filter: MatchFilter, k: number, after: RankCursor | null | undefined): Array<{ id: string; total: number }> {
    const out: Array<{ id: string; total: number }> = [];
    const f = this.folded;
    if (f && f.n > f.deadCount[0]) {
      const r = scan(f, compileQuery(f, need, { filter, after, k, count: false }));
      for (let i = 0; i < r.rows.length; i++) out.push({ id: wordsUuid(f.ids, r.rows[i] * 4), total: r.totals[i] });
    }
    for (const m of overlayMatches(this.recent, need, filter)) if (!after || rankedBefore(after.total, after.id, m.total, m.id)) out.push(m);
    return out;
  }

  /** How many of the overlay's suppliers pass the need and filter. */
  count(need: NeedProfile, filter: MatchFilter): number {
    const f = this.folded;
    const folded = f && f.n > f.deadCount[0] ? scan(f, compileQuery(f, need, { filter, k: 0, count: true })).count : 0;
    return folded + overlayMatches(this.recent, need, filter).length;
  }

  private async fold(): Promise<void> {
    const changed = new Set<string>();
    this.changedDuringFold = changed;
    const taken = [...this.profiles.values()].filter((p) => p !== null).sort(byId);
    const builder = new ColumnBuilder(taken.length);
    for (let i = 0; i < taken.length; i++) {
      builder.append(taken[i]);
      if ((i + 1) % this.sliceSize === 0) await new Promise((resolve) => setImmediate(resolve));
      if (this.abandoned) return;
    }
    const columns = builder.finish();
    for (const id of changed) {
      const row = findRow(columns, id);
      if (row >= 0) markDead(columns, row);
    }
    this.folded = columns;
    this.recent = new Map([...changed].map((id) => [id, this.profiles.get(id) ?? null]));
    this.changedDuringFold = null;
    this.folds++;
  }
}

/**
 * The recent changes that pass the need and filter, scored by the pure scorer. Only
 * suppliers working one of the need's processes can pass it (eligible ones work all of them, near
 * misses at least one: the engine's candidate lists), so the others are not scored.
 */
function overlayMatches(overlay: Map<string, SupplierProfile | null>, need: NeedProfile, filter: MatchFilter): Array<{ id: string; total: number }> {
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

const byId = (a: SupplierProfile, b: SupplierProfile): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Columns of these profiles (nulls left out), in the id order the builder wants. */
export function columnsOf(profiles: Array<SupplierProfile | null>): Columns {
  const builder = new ColumnBuilder(profiles.length);
  for (const p of profiles.filter((p) => p !== null).sort(byId)) builder.append(p);
  return builder.finish();
}
