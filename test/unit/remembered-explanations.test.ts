/**
 * Explained matches remembered between requests (src/features/matching/explanations.ts): given again
 * only for the same need content, the same supplier profile object and the same vocabulary, always
 * equal to the pure scorer's, and never shared mutable.
 */
import { afterEach, describe, expect, it } from "vitest";
import { RememberedExplanations } from "../../src/features/matching/explanations.js";
import { scoreMatch } from "../../src/core/matching/scorer.js";
import { Vocabulary, installVocabulary, installedVocabulary } from "../../src/core/matching/vocabulary.js";
import type { MatchResult, NeedProfile, SupplierProfile } from "../../src/core/matching/types.js";
import { needs, population } from "../helpers/population.js";

const original = installedVocabulary();
afterEach(() => installVocabulary(original));

/** explain() with a scorer that counts its calls. */
function explainer(max = 100) {
  const remembered = new RememberedExplanations(max);
  let scored = 0;
  const explain = (need: NeedProfile, supplier: SupplierProfile): MatchResult =>
    remembered.explain(need, supplier, () => (scored++, scoreMatch(need, supplier)));
  return { remembered, explain, scored: () => scored };
}

describe("remembered explanations", () => {
  const suppliers = population(7, 40);
  const [need, other] = needs(7);

  it("gives the same explanation again without scoring, equal to the scorer's, for every pair", () => {
    const { explain, scored, remembered } = explainer();
    const first = suppliers.map((s) => explain(need, s));
    expect(scored()).toBe(suppliers.length);
    // A request makes its own need profile from its own read of the row: equal content is the same need.
    const again = suppliers.map((s) => explain(structuredClone(need), s));
    expect(scored()).toBe(suppliers.length);
    expect(remembered.counts).toMatchObject({ hits: suppliers.length, misses: suppliers.length });
    suppliers.forEach((s, i) => {
      expect(again[i]).toEqual(scoreMatch(need, s));
      expect(again[i]).toEqual(first[i]);
    });
  });

  it("scores again for another need, a need edited, a changed supplier or a new vocabulary", () => {
    const { explain, scored } = explainer();
    const supplier = suppliers[0];
    explain(need, supplier);
    explain(other, supplier);
    expect(scored()).toBe(2);
    const edited = { ...need, quantityPerMonth: need.quantityPerMonth + 1 };
    expect(explain(edited, supplier)).toEqual(scoreMatch(edited, supplier));
    expect(scored()).toBe(3);
    // The index hands out a new profile object when it applies a change to the IKM, even an equal one.
    const changed = structuredClone(supplier);
    explain(need, changed);
    expect(scored()).toBe(4);
    explain(need, changed);
    expect(scored()).toBe(4);
    installVocabulary(new Vocabulary([{ word: "logam kuning", process: null, specificProcess: null, materialFamily: "brass", source: "test" }]));
    explain(need, changed);
    expect(scored()).toBe(5);
  });

  it("hands each caller its own copy of a frozen explanation", () => {
    const { explain } = explainer();
    const supplier = suppliers[1];
    explain(need, supplier);
    const a = explain(need, supplier);
    const b = explain(need, supplier);
    expect(a).not.toBe(b);
    // A caller may carry its own sources on its copy, but never change what is shared.
    Object.defineProperty(a, "mine", { value: 1 });
    expect(Object.getOwnPropertyNames(b)).not.toContain("mine");
    expect(() => (a.factors as unknown[]).push({})).toThrow(TypeError);
    expect(() => { (a.factors[0] as { value: number }).value = -1; }).toThrow(TypeError);
    expect(() => (a.gaps as unknown[]).push({})).toThrow(TypeError);
  });

  it("remembers verdicts (total, band, eligible, near miss) on the same terms, equal to the scorer's", () => {
    const remembered = new RememberedExplanations(0, 1_000);
    let scored = 0;
    const verdict = (n: NeedProfile, s: SupplierProfile) => remembered.verdict(n, s, () => (scored++, scoreMatch(n, s)));
    for (const s of suppliers) for (const n of [need, other]) {
      const { total, band, eligible, nearMiss } = scoreMatch(n, s);
      expect(verdict(n, s)).toEqual({ total, band, eligible, nearMiss });
      expect(verdict(structuredClone(n), s)).toEqual({ total, band, eligible, nearMiss });
    }
    expect(scored).toBe(suppliers.length * 2);
    expect(remembered.counts).toMatchObject({ verdictHits: suppliers.length * 2, verdictMisses: suppliers.length * 2 });
    // A new profile object for the IKM, an edited need, or new words: judged again.
    verdict(need, structuredClone(suppliers[0]));
    verdict({ ...need, minimumStage: "MANDIRI" }, suppliers[0]);
    installVocabulary(new Vocabulary([]));
    verdict(need, suppliers[0]);
    expect(scored).toBe(suppliers.length * 2 + 3);
    expect(Object.isFrozen(verdict(need, suppliers[0]))).toBe(true);
  });

  it("with a size of 0 scores every time", () => {
    const { explain, scored } = explainer(0);
    explain(need, suppliers[0]);
    explain(need, suppliers[0]);
    expect(scored()).toBe(2);
  });
});
