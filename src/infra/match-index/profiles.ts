/**
 * Supplier profiles the match index read for explanations, remembered until the index applies a
 * change to them, so a page of matches asked for again (the console's Matches page reloaded, a
 * colleague on the same need) is explained without reading its 20 profiles from PostgreSQL again.
 *
 * A profile is everything the matcher reads of an IKM, and every table it is read from has the
 * statement triggers that tell the index of a change (the matching migrations). So a remembered
 * profile is forgotten exactly when the index's own columns learn of a change to that IKM: an
 * explanation is as fresh as the ranking it explains (this process's writes at once, since
 * `refresh` resolves after the change is applied; another process's when its notification arrives).
 *
 * A read still in flight when a change is applied may have read the rows before that change; it
 * answers its caller but is not remembered. Profiles are shared between requests, so they are
 * frozen: a caller that tried to change one would throw instead of changing another's answer.
 */
import { LRUCache } from "lru-cache";
import { deepFreeze } from "../../domain/frozen.js";
import type { SupplierProfile } from "../../core/matching/types.js";

export class RememberedProfiles {
  private readonly cache: LRUCache<string, SupplierProfile> | null;
  /** Bumped by every applied change: a read that began before the latest is not remembered. */
  private epoch = 0;
  /** Profiles answered from memory (hits) and read from PostgreSQL (misses); for /metrics. */
  readonly counts = { hits: 0, misses: 0 };

  /** `max`: profiles kept, least recently asked dropped first; 0 remembers none (every ask reads). */
  constructor(max: number) {
    this.cache = max > 0 ? new LRUCache({ max }) : null;
  }

  get size(): number {
    return this.cache?.size ?? 0;
  }

  /**
   * The profiles of `ids` (missing IKMs are absent), in the order `read` returns them for the ids not
   * remembered, after the remembered ones; `read` is called only with the ids not remembered.
   */
  async get(ids: string[], read: (ids: string[]) => Promise<SupplierProfile[]>): Promise<SupplierProfile[]> {
    const cache = this.cache;
    if (!cache) {
      this.counts.misses += ids.length;
      return read(ids);
    }
    const found: SupplierProfile[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const known = cache.get(id);
      if (known) found.push(known);
      else missing.push(id);
    }
    this.counts.hits += found.length;
    this.counts.misses += missing.length;
    if (missing.length === 0) return found;
    const epoch = this.epoch;
    const fresh = await read(missing);
    // A change applied while reading may have come after the rows were read: answer, do not keep.
    if (epoch === this.epoch) for (const profile of fresh) cache.set(profile.id, deepFreeze(profile));
    return found.concat(fresh);
  }

  /** The index applied a change to these IKMs (none given: to all of them, a rebuild or a new month). */
  changed(ids?: Iterable<string>): void {
    this.epoch++;
    if (!this.cache) return;
    if (!ids) this.cache.clear();
    else for (const id of ids) this.cache.delete(id);
  }
}
