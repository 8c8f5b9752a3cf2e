/** Suggestions for words Jalin does not know (src/core/matching/vocabulary/suggest.ts). */
import { describe, expect, it } from "vitest";
import { Vocabulary } from "../../src/core/matching/vocabulary.js";
import { MIN_SIMILARITY, closeness, editDistance, suggest, trigramSimilarity } from "../../src/core/matching/vocabulary/suggest.js";

const vocabulary = new Vocabulary();

describe("closeness", () => {
  it.each([
    ["bubud", "bubut", 1], ["frias", "frais", 1], ["alumnium", "aluminium", 1], ["", "abc", 3], ["abc", "abc", 0], ["cat", "craft", 2],
  ])("edit distance %j -> %j is %d", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it("computes trigram similarity as pg_trgm does (word padded with two spaces before, one after)", () => {
    // "bubut": {"  b"," bu","bub","ubu","but","ut "}; "bubud" shares 4 of 8 distinct trigrams.
    expect(trigramSimilarity("bubud", "bubut")).toBeCloseTo(0.5);
    expect(trigramSimilarity("abc", "abc")).toBe(1);
    expect(trigramSimilarity("", "abc")).toBe(0);
  });

  it("counts edits only up to one per four letters", () => {
    expect(closeness("bubud", "bubut")).toBeCloseTo(0.8);
    expect(closeness("cat", "craft")).toBeLessThan(MIN_SIMILARITY);
  });
});

describe("suggestions", () => {
  it.each([
    ["bubud", "bubut", "MACHINING_MANUAL"],
    ["frias", "frais", "MACHINING_MANUAL"],
    ["Powder Coting", "powder coating", "PLATING_PAINTING"],
    ["cat semprit", "cat semprot", "PLATING_PAINTING"],
    ["galvanisr", "galvanisir", "PLATING_PAINTING"],
    ["pengecoram", "pengecoran", "CASTING"],
    ["jasa bubud presisi", "bubut", "MACHINING_MANUAL"],
    ["pengelasn", "pengelasan", "WELDING_FABRICATION"],
  ] as const)("%j suggests %j (%s) first", (term, word, process) => {
    const [first] = vocabulary.suggestions(term);
    expect(first).toMatchObject({ word, process, materialFamily: null });
    expect(first!.similarity).toBeGreaterThanOrEqual(MIN_SIMILARITY);
  });

  it.each([
    ["alumnium", "aluminium"],
    ["stenless", "stainless steel"],
    ["kuninagn", "brass"],
    ["tembga", "copper"],
  ])("misspelt material %j suggests the family %j", (term, family) => {
    expect(vocabulary.suggestions(term)[0]).toMatchObject({ process: null, materialFamily: family });
  });

  it.each(["xyzzy", "", "   ", "qwrtpl"])("suggests nothing for %j", (term) => {
    expect(vocabulary.suggestions(term)).toEqual([]);
  });

  it("never suggests the word itself, gives one entry per word, closest first, at most `limit`", () => {
    const list = vocabulary.suggestions("alumunium powder", 3);
    expect(list.length).toBeLessThanOrEqual(3);
    expect(list.map((s) => s.word)).not.toContain("alumunium");
    expect(new Set(list.map((s) => s.word)).size).toBe(list.length);
    for (let i = 1; i < list.length; i++) expect(list[i - 1]!.similarity).toBeGreaterThanOrEqual(list[i]!.similarity);
  });

  it("is a pure function of its candidates", () => {
    const candidates = [{ word: "bubut", process: "MACHINING_MANUAL" as const, materialFamily: null }];
    expect(suggest("bubud", candidates, 5)).toEqual([{ ...candidates[0], similarity: 0.8 }]);
    expect(suggest("bubud", candidates, 0)).toEqual([]);
  });
});
