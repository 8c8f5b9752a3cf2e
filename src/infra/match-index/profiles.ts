/**
 * Supplier profiles the match index read for explanations, and IKM rows it read for the pages that
 * show matched suppliers, remembered until the index applies a change to that IKM, so a page of
 * matches asked for again (the console's Matches page reloaded, a colleague on the same need) is
 * explained and named without reading its 20 profiles and rows from PostgreSQL again.
 *
 * A profile is everything the matcher reads of an IKM, and a row is the `Ikm` table's; every table
 * they are read from has the statement triggers that tell the index of a change (the matching
 * migrations; `Ikm`'s fire on any INSERT, UPDATE or DELETE). So what is remembered is forgotten
 * exactly when the index's own columns learn of a change to that IKM: an explanation, and the name
 * beside it, is as fresh as the ranking (this process's writes at once, since `refresh` resolves
 * after the change is applied; another process's when its notification arrives).
 *
 * A read still in flight when a change is applied may have read the rows before that change; it
 * answers its caller but is not remembered. What is remembered is shared between requests, so it is
 * frozen: a caller that tried to change it would throw instead of changing another's answer.
 */
import { LRUCache } from "lru-cache";
import { deepFreeze } from "../../domain/frozen.js";
import type { SupplierProfile } from "../../core/matching/types.js";
import type { Ikm } from "../db/models.js";

/** Records by IKM id, remembered until the index applies a change to that IKM. */
export class RememberedRows<T extends { readonly id: string }> {
  private readonly cache: LRUCache<string, T> | null;
  /** Bumped by every applied change: a read that began before the latest is not remembered. */
  private epoch = 0;
  /** Records answered from memory (hits) and read from PostgreSQL (misses); for /metrics. */
  readonly counts = { hits: 0, misses: 0 };

  /** `max`: records kept, least recently asked dropped first; 0 remembers none (every ask reads). */
  constructor(max: number) {
    this.cache = max > 0 ? new LRUCache({ max }) : null;
  }

  get size(): number {
    return this.cache?.size ?? 0;
  }

  /**
   * The records of `ids` (missing IKMs are absent), in the order `read` returns them for the ids not
   * remembered, after the remembered ones; `read` is called only with the ids not remembered.
   */
  async get(ids: string[], read: (ids: string[]) => Promise<T[]>): Promise<T[]> {
    const cache = this.cache;
    if (!cache) {
      this.counts.misses += ids.length;
      return read(ids);
    }
    const found: T[] = [];
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
    if (epoch === this.epoch) for (const record of fresh) cache.set(record.id, deepFreeze(record));
    return found.concat(fresh);
  }

  /** The record of `id` if remembered, without reading (a hit); undefined otherwise (counted as a miss by the `get` that reads it). */
  peek(id: string): T | undefined {
    const known = this.cache?.get(id);
    if (known) this.counts.hits++;
    return known;
  }

  /** The index applied a change to these IKMs (none given: to all of them, a rebuild or a new month). */
  changed(ids?: Iterable<string>): void {
    this.epoch++;
    if (!this.cache) return;
    if (!ids) this.cache.clear();
    else for (const id of ids) this.cache.delete(id);
  }
}

/** The supplier profiles the matcher reads (core/matching/types.ts). */
export class RememberedProfiles extends RememberedRows<SupplierProfile> {}

/** What the index remembers of each supplier: the profile explanations read, and the `Ikm` row a page names it by. */
export class RememberedSuppliers {
  readonly profiles: RememberedProfiles;
  readonly ikmRows: RememberedRows<Ikm>;

  /** `max`: suppliers kept of each kind; 0 remembers none. */
  constructor(max: number) {
    this.profiles = new RememberedProfiles(max);
    this.ikmRows = new RememberedRows<Ikm>(max);
  }

  /** The index applied a change to these IKMs (none given: to all of them, a rebuild or a new month). */
  changed(ids?: Iterable<string>): void {
    const list = ids && [...ids];
    this.profiles.changed(list);
    this.ikmRows.changed(list);
  }
}
