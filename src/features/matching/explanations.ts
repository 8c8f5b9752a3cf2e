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
 *
 * `opportunities` scores one IKM against every open need (hundreds) to rank them, and shows 20. For
 * those it remembers verdicts alone (total, eligible, near miss: a few numbers each), on the same
 * terms, so the IKM's page asked again, paged or switched to NEAR_MISS scores nothing again, and only
 * the page's 20 are explained. Needs are keyed by a SHA-256 of their content (a key per verdict
 * stays small).
 */
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { deepFreeze } from "../../domain/frozen.js";
import { type Vocabulary, installedVocabulary } from "../../core/matching/vocabulary.js";
import type { MatchResult, NeedProfile, SupplierProfile } from "../../core/matching/types.js";

interface Remembered<T> {
  supplier: SupplierProfile;
  vocabulary: Vocabulary;
  value: T;
}

/** What ranking an IKM's opportunities needs of a match: its total, and whether it is eligible or a near miss. */
export type Verdict = Pick<MatchResult, "total" | "band" | "eligible" | "nearMiss">;

export class RememberedExplanations {
  private readonly cache: LRUCache<string, Remembered<MatchResult>> | null;
  private readonly verdicts: LRUCache<string, Remembered<Verdict>> | null;
  /** Explanations given again (hits) and scored (misses), and verdicts likewise; for tests. */
  readonly counts = { hits: 0, misses: 0, verdictHits: 0, verdictMisses: 0 };
  /** Each need profile's key, made once per profile object (a request's profile is made once per row). */
  private readonly keys = new WeakMap<NeedProfile, string>();

  /** `max` explanations and `maxVerdicts` verdicts kept, least recently asked dropped first; 0 remembers none. */
  constructor(max: number, maxVerdicts = 0) {
    this.cache = max > 0 ? new LRUCache({ max }) : null;
    this.verdicts = maxVerdicts > 0 ? new LRUCache({ max: maxVerdicts }) : null;
  }

  /** The verdict of `supplier` for `need`: remembered, or taken from `score`'s explanation (the pure scorer's for exactly these). */
  verdict(need: NeedProfile, supplier: SupplierProfile, score: () => MatchResult): Verdict {
    const remembered = this.remembered(this.verdicts, need, supplier);
    if (remembered.known) {
      this.counts.verdictHits++;
      return remembered.known;
    }
    this.counts.verdictMisses++;
    const { total, band, eligible, nearMiss } = score();
    const verdict = Object.freeze({ total, band, eligible, nearMiss });
    remembered.keep(verdict);
    return verdict;
  }

  /** The explanation of `supplier` for `need`: remembered, or `score`'s (which must be the pure scorer's for exactly these). */
  explain(need: NeedProfile, supplier: SupplierProfile, score: () => MatchResult): MatchResult {
    const remembered = this.remembered(this.cache, need, supplier);
    if (remembered.known) {
      this.counts.hits++;
      return { ...remembered.known };
    }
    this.counts.misses++;
    const result = score();
    remembered.keep(deepFreeze({ ...result }));
    return result;
  }

  /** What `cache` remembers for this pair under the installed vocabulary, and how to keep a new answer. */
  private remembered<T>(cache: LRUCache<string, Remembered<T>> | null, need: NeedProfile, supplier: SupplierProfile): { known: T | null; keep: (value: T) => void } {
    if (!cache) return { known: null, keep: () => undefined };
    const key = `${this.keyOf(need)}:${supplier.id}`;
    const vocabulary = installedVocabulary();
    const entry = cache.get(key);
    const known = entry && entry.supplier === supplier && entry.vocabulary === vocabulary ? entry.value : null;
    return { known, keep: (value) => void cache.set(key, { supplier, vocabulary, value }) };
  }

  private keyOf(need: NeedProfile): string {
    let key = this.keys.get(need);
    if (key === undefined) this.keys.set(need, (key = createHash("sha256").update(JSON.stringify(need)).digest("base64url")));
    return key;
  }
}
