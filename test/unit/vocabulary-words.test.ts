/**
 * Every word of the reviewed vocabulary (src/core/matching/vocabulary/words.ts) resolves to what the
 * file says, has a source, and appears once; the words issue 23 names are there; learned words
 * extend the reading without changing the file's.
 */
import { describe, expect, it } from "vitest";
import { Vocabulary, normaliseTerm } from "../../src/core/matching/vocabulary.js";
import { MATERIAL_WORDS, PROCESS_WORDS, SOURCES } from "../../src/core/matching/vocabulary/words.js";
import { SPECIFIC_PROCESSES, familyOf } from "../../src/core/matching/taxonomy.js";
import type { SpecificProcess } from "../../src/domain/enums.js";

const vocabulary = new Vocabulary();
const processWords = PROCESS_WORDS.flatMap(({ process, words, specifics }) => [
  ...words.flatMap((s) => s.words.map((word) => ({ word, process, specific: null as SpecificProcess | null, source: s.source }))),
  ...(specifics ?? []).flatMap(({ specific, words: named }) => named.flatMap((s) => s.words.map((word) => ({ word, process, specific: specific as SpecificProcess | null, source: s.source })))),
]);
const materialWords = MATERIAL_WORDS.flatMap(({ family, words }) => words.flatMap((s) => s.words.map((word) => ({ word, family, source: s.source }))));

describe("the reviewed vocabulary file", () => {
  it.each(processWords.map((e) => [e.word, e.process, e.specific, e.source] as const))("process word %j is %s, specifically %s (source %s)", (word, process, specific, source) => {
    expect(vocabulary.processOf(word)).toBe(process);
    expect(vocabulary.specificOf(word)).toBe(specific);
    expect(vocabulary.processWordOf(word)).toMatchObject({ word: normaliseTerm(word), process, specificProcess: specific, source: SOURCES[source], learned: false });
  });

  it("files each specific process's words under the specific process's own family, and gives every specific process words", () => {
    for (const { process, specifics } of PROCESS_WORDS) for (const { specific } of specifics ?? []) expect(familyOf(specific)).toBe(process);
    const named = new Set(PROCESS_WORDS.flatMap((p) => (p.specifics ?? []).map((s) => s.specific)));
    expect(SPECIFIC_PROCESSES.filter((e) => !named.has(e.code)).map((e) => e.code)).toEqual([]);
  });

  it.each([
    ["mesin bubut", "TURNING"], ["jasa bubut presisi", "TURNING"], ["bubut cnc", "CNC_TURNING"], ["cat semprot", "SPRAY_PAINTING"],
    ["bengkel cat semprot mobil", "SPRAY_PAINTING"], ["tangki krom", "CHROME_PLATING"], ["lapis krom", "CHROME_PLATING"],
    ["powder coating booth", "POWDER_COATING"], ["galvanis celup panas", "HOT_DIP_GALVANIZING"], ["las argon", "TIG_WELDING"],
    ["mesin laser fiber", "LASER_CUTTING"], ["press brake 100 t", "PRESS_BRAKE_BENDING"], ["mesin die casting 250 t", "DIE_CASTING"],
    ["plating", null], ["las", null], ["press 60 t", null],
    // Words that name more than one process, or a material, name no specific process.
    ["tanur induksi", null], ["gerinda tangan", null], ["mesin gerinda", null], ["bending pipa", null], ["mesin tekuk", null],
    ["chrome moly", null], ["zinc", null], ["powder", null], ["mag", null], ["semprot", null],
    ["gerinda permukaan", "GRINDING"], ["surface grinder", "GRINDING"], ["lapis nikel krom", "CHROME_PLATING"], ["vernikel", "ELECTROPLATING"],
    ["vernekel", "ELECTROPLATING"], ["wire cut", "EDM"], ["mesin tekuk plat", "PRESS_BRAKE_BENDING"],
  ] as const)("reads the machine or shop words %j as the specific process %s", (term, specific) => {
    expect(vocabulary.specificOf(term)).toBe(specific);
  });

  it.each(materialWords.map((e) => [e.word, e.family, e.source] as const))("material word %j is %j (source %s)", (word, family, source) => {
    expect(vocabulary.materialFamily(word)).toBe(family);
    expect(vocabulary.materialWordOf(word)).toMatchObject({ word: normaliseTerm(word), materialFamily: family, source: SOURCES[source] });
  });

  it("lists each word once among processes and once among materials, and none normalises to nothing", () => {
    for (const list of [processWords.map((e) => e.word), materialWords.map((e) => e.word).concat(MATERIAL_WORDS.map((m) => m.family))]) {
      const keys = list.map(normaliseTerm);
      expect(keys.filter((k) => !k)).toEqual([]);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    }
  });

  it("gives every process family words, and each source a text", () => {
    expect(PROCESS_WORDS.length).toBeGreaterThanOrEqual(23);
    for (const { words } of [...PROCESS_WORDS, ...MATERIAL_WORDS]) for (const s of words) expect(SOURCES[s.source]).toMatch(/\d{4}/);
    for (const { specifics } of PROCESS_WORDS) for (const { words } of specifics ?? []) for (const s of words) expect(SOURCES[s.source]).toMatch(/\d{4}/);
  });

  it.each([
    ["cat semprot", "PLATING_PAINTING"], ["pengecatan semprot", "PLATING_PAINTING"], ["spray", "PLATING_PAINTING"],
    ["powder coat", "PLATING_PAINTING"], ["cat bubuk", "PLATING_PAINTING"], ["elektroplating", "PLATING_PAINTING"],
    ["sepuh listrik", "PLATING_PAINTING"], ["celup listrik", "PLATING_PAINTING"], ["bubut", "MACHINING_MANUAL"],
    ["frais", "MACHINING_MANUAL"], ["freis", "MACHINING_MANUAL"], ["milling", "MACHINING_MANUAL"], ["gurdi", "MACHINING_MANUAL"],
    ["bor", "MACHINING_MANUAL"], ["cor", "CASTING"], ["tuang", "CASTING"], ["tekuk", "SHEET_METAL"], ["potong plat", "SHEET_METAL"],
    ["laser cutting", "SHEET_METAL"],
  ] as const)("has the issue's process word %j (%s)", (word, process) => {
    expect(vocabulary.processOf(word)).toBe(process);
  });

  it.each([
    ["besi cor", "cast iron"], ["baja karbon", "steel"], ["SPCC", "steel"], ["S45C", "steel"], ["kuningan", "brass"], ["brass", "brass"],
    ["tembaga", "copper"], ["aluminium", "aluminium"], ["alumunium", "aluminium"], ["aluminum", "aluminium"],
    ["stainless", "stainless steel"], ["sus", "stainless steel"], ["tahan karat", "stainless steel"],
  ])("has the issue's material word %j (%s)", (word, family) => {
    expect(vocabulary.materialFamily(word)).toBe(family);
  });

  it.each([
    // The longer phrase wins over a shorter word listed earlier: sepuh alone is heat treatment.
    ["jasa sepuh listrik", "PLATING_PAINTING"],
    ["sepuh", "HEAT_TREATMENT"],
    ["bengkel cat semprot mobil", "PLATING_PAINTING"],
    ["potong plat dan tekuk", "SHEET_METAL"],
    ["las argon stainless", "WELDING_FABRICATION"],
  ] as const)("reads %j as %s", (term, process) => {
    expect(vocabulary.processOf(term)).toBe(process);
  });
});

describe("learned words", () => {
  const learned = new Vocabulary([
    { word: "Besi Nodular", process: null, materialFamily: "cast iron", source: "Foundry price list, 2026" },
    { word: "ngecat", process: "PLATING_PAINTING", materialFamily: null, source: "Observed in shop usage, 2026" },
  ]);

  it("read as their target, normalised, with their source", () => {
    expect(learned.materialFamily("besi nodular FCD450")).toBe("cast iron");
    expect(learned.processOf("jasa ngecat")).toBe("PLATING_PAINTING");
    expect(learned.processWordOf("NGECAT")).toMatchObject({ word: "ngecat", learned: true, source: "Observed in shop usage, 2026" });
  });

  it("leave the reviewed words as they were, and a vocabulary without them does not know them", () => {
    for (const e of processWords) expect(learned.processOf(e.word), e.word).toBe(e.process);
    for (const e of materialWords) expect(learned.materialFamily(e.word), e.word).toBe(e.family);
    expect(vocabulary.processOf("ngecat")).toBeNull();
    // Without the learned phrase, "besi nodular" reads as plain steel through "besi".
    expect(vocabulary.materialFamily("besi nodular")).toBe("steel");
  });

  it("are suggested like the others", () => {
    expect(learned.suggestions("ngecet").map((s) => s.word)).toContain("ngecat");
  });
});
