/**
 * Explained matches remembered between requests: the console's Matches page asked again (reloaded,
 * a colleague on the same need) re-uses the 20 explanations instead of scoring them again.
 *
 * An explanation is the pure scorer's answer for one need profile and one supplier profile, under
 * the installed vocabulary (materials and machine types are read with it). So it is remembered with
 * all three and given again only when all three are the same:
 * - the need profile, by its whole content (a need edited, re-weighed or re-dated reads differently);
 * - the supplier profile, by identity: the match index hands out the same frozen object until it
 *   applies a change to that IKM (infra/match-index/profiles.ts), then a new one;
 * - the vocabulary, by identity: each reload installs a new one.
 * Nothing in an explanation depends on who asks (access is checked before), so answers are shared:
 * they are frozen, and each request gets its own shallow copy to carry what it read.
 */
import { LRUCache } from "lru-cache";
import { deepFreeze } from "../../domain/frozen.js";
import { type Vocabulary, installedVocabulary } from "../../core/matching/vocabulary.js";
import type { MatchResult, NeedProfile, SupplierProfile } from "../../core/matching/types.js";

interface Remembered {
  supplier: SupplierProfile;
  vocabulary: Vocabulary;
  result: MatchResult;
}

export class RememberedExplanations {
  private readonly cache: LRUCache<string, Remembered> | null;
  /** Explanations given again (hits) and scored (misses), for /metrics and tests. */
  readonly counts = { hits: 0, misses: 0 };
  /** Each need profile's key, made once per profile object (a request's profile is made once per row). */
  private readonly keys = new WeakMap<NeedProfile, string>();

  /** `max`: explanations kept, least recently asked dropped first; 0 remembers none. */
  constructor(max: number) {
    this.cache = max > 0 ? new LRUCache({ max }) : null;
  }

  /** The explanation of `supplier` for `need`: remembered, or `score`'s (which must be the pure scorer's for exactly these). */
  explain(need: NeedProfile, supplier: SupplierProfile, score: () => MatchResult): MatchResult {
    if (!this.cache) {
      this.counts.misses++;
      return score();
    }
    const key = `${this.keyOf(need)}\u0000${supplier.id}`;
    const vocabulary = installedVocabulary();
    const known = this.cache.get(key);
    if (known && known.supplier === supplier && known.vocabulary === vocabulary) {
      this.counts.hits++;
      return { ...known.result };
    }
    this.counts.misses++;
    const result = score();
    this.cache.set(key, { supplier, vocabulary, result: deepFreeze({ ...result }) });
    return result;
  }

  private keyOf(need: NeedProfile): string {
    let key = this.keys.get(need);
    if (key === undefined) this.keys.set(need, (key = JSON.stringify(need)));
    return key;
  }
}
