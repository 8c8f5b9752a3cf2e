/**
 * Rankings and counts the match index gave, remembered by everything they depend on, so a need
 * asked for again (a buyer's page reloaded, paged back to, opened by a colleague, a dashboard
 * refreshed) is not scanned again.
 *
 * An answer depends on the columns, the overlay of changed IKMs, the reference month (all three
 * change only through the index's `install` and `apply`) and on the question itself: the need's
 * profile, the filter, the page size and the cursor, all in the key. When the index changes it
 * calls `changed`, and each remembered answer is kept, replaced or forgotten as `revise` decides
 * (revise.ts: only answers the changed IKMs reach are touched); without `revise` (a rebuild, a new
 * month, a change too large to check) every answer is forgotten. So a remembered answer is always
 * the one a scan would give now (read-your-writes holds: `refresh` resolves after `apply`).
 * Identical questions asked while a scan runs wait for that scan instead of starting their own; a
 * scan still running when the index changes answers its waiters but is not kept, since it may have
 * read the columns before the change. A scan that fails is forgotten, so the next question scans again.
 */
import { LRUCache } from "lru-cache";

/** What `revise` returns for an answer a change makes wrong. */
export const FORGET: unique symbol = Symbol("forget");

/** For each remembered answer: itself (still right), a new answer (corrected) or FORGET. */
export type Revise<Q> = (question: Q, answer: unknown) => unknown;

interface Remembered<Q> {
  question: Q;
  promise: Promise<unknown>;
  /** Set once the scan answered: only settled answers can be revised. */
  settled: { value: unknown } | null;
}

export class RememberedAnswers<Q = unknown> {
  private readonly cache: LRUCache<string, Remembered<Q>> | null;
  /**
   * Questions answered from memory (hits) and by a scan (misses), and what changes did to answers
   * remembered: kept (unaffected), updated (corrected in place) or forgotten; for /metrics.
   */
  readonly counts = { hits: 0, misses: 0, kept: 0, updated: 0, forgotten: 0 };

  /** `max`: answers kept, least recently asked dropped first; 0 remembers none (every question scans). */
  constructor(max: number) {
    this.cache = max > 0 ? new LRUCache({ max }) : null;
  }

  /** How many answers are remembered now (settled or still scanning). */
  get size(): number {
    return this.cache?.size ?? 0;
  }

  /** The questions of the settled answers (what a change would have to check). */
  *questions(): Iterable<Q> {
    if (!this.cache) return;
    for (const entry of this.cache.values()) if (entry.settled) yield entry.question;
  }

  /**
   * The index changed. Each settled answer is kept, replaced or forgotten as `revise` says; every
   * one is forgotten without it. Scans still running are forgotten (their waiters get their answer).
   */
  changed(revise?: Revise<Q> | null): void {
    if (!this.cache) return;
    for (const [key, entry] of [...this.cache.entries()]) {
      const next = entry.settled && revise ? revise(entry.question, entry.settled.value) : FORGET;
      if (next === FORGET) {
        this.cache.delete(key);
        this.counts.forgotten++;
      } else if (next !== entry.settled!.value) {
        // In place, so the answer keeps its place in the least-recently-asked order.
        entry.settled = { value: next };
        entry.promise = Promise.resolve(next);
        this.counts.updated++;
      } else {
        this.counts.kept++;
      }
    }
  }

  /** The remembered answer to `question`, or `scan`'s, remembered. Answers are shared: callers must not change them. */
  answer<T>(question: Q, scan: () => Promise<T>): Promise<T> {
    if (!this.cache) {
      this.counts.misses++;
      return scan();
    }
    const key = keyOf(question);
    const known = this.cache.get(key);
    if (known) {
      this.counts.hits++;
      return known.promise as Promise<T>;
    }
    this.counts.misses++;
    const promise = scan();
    const entry: Remembered<Q> = { question, promise, settled: null };
    this.cache.set(key, entry);
    promise.then(
      (value) => {
        entry.settled = { value };
      },
      () => {
        if (this.cache!.peek(key) === entry) this.cache!.delete(key);
      },
    );
    return promise;
  }
}

/**
 * JSON of the question, with NaN and the infinities kept apart from null (JSON writes all three as
 * null): two questions share a key only when every value in them is the same.
 */
function keyOf(question: unknown): string {
  return JSON.stringify(question, (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? `${value}` : value));
}
