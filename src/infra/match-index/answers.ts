/**
 * Rankings and counts the match index gave since it last changed, remembered by everything they
 * depend on, so a need asked for again (a buyer's page reloaded, paged back to, opened by a
 * colleague, a dashboard refreshed) is not scanned again.
 *
 * An answer depends on the columns, the overlay of changed IKMs, the reference month (all three
 * change only through the index's `install` and `apply`, which call `changed()`), and on the
 * question itself: the need's profile, the filter, the page size and the cursor, all in the key. So
 * a remembered answer is always the one a scan would give now: every change the index applies,
 * whichever IKM it touched, forgets them all (read-your-writes holds: `refresh` resolves after
 * `apply`). Identical questions asked while a scan runs wait for that scan instead of starting
 * their own. A scan that fails is forgotten, so the next question scans again.
 */
import { LRUCache } from "lru-cache";

export class RememberedAnswers {
  private readonly cache: LRUCache<string, Promise<unknown>> | null;
  /** Questions answered from memory (hits) and by a scan (misses), for /metrics. */
  readonly counts = { hits: 0, misses: 0 };

  /** `max`: answers kept, least recently asked dropped first; 0 remembers none (every question scans). */
  constructor(max: number) {
    this.cache = max > 0 ? new LRUCache({ max }) : null;
  }

  /** The index changed: nothing remembered may answer again (a scan in flight keeps its own waiters). */
  changed(): void {
    this.cache?.clear();
  }

  /** The remembered answer to `question`, or `scan`'s, remembered. Answers are shared: callers must not change them. */
  answer<T>(question: unknown[], scan: () => Promise<T>): Promise<T> {
    if (!this.cache) {
      this.counts.misses++;
      return scan();
    }
    const key = keyOf(question);
    const known = this.cache.get(key) as Promise<T> | undefined;
    if (known) {
      this.counts.hits++;
      return known;
    }
    this.counts.misses++;
    const answer = scan();
    this.cache.set(key, answer);
    answer.catch(() => {
      if (this.cache!.peek(key) === answer) this.cache!.delete(key);
    });
    return answer;
  }
}

/**
 * JSON of the question, with NaN and the infinities kept apart from null (JSON writes all three as
 * null): two questions share a key only when every value in them is the same.
 */
function keyOf(question: unknown[]): string {
  return JSON.stringify(question, (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? `${value}` : value));
}
