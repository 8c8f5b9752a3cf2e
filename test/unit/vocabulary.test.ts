import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MATERIAL_FAMILIES, PROCESS_SYNONYMS, materialFamily, normaliseTerm, processOf } from "../../src/core/matching/vocabulary.js";

describe("normaliseTerm", () => {
  it.each([
    ["Cetak-Plastik ", "cetak plastik"],
    ["  Baja   S45C ", "baja s45c"],
    ["Pengécoran", "pengecoran"],
    ["BUBUT/frais", "bubut frais"],
    ["!!!", ""],
  ])("%j -> %j", (term, expected) => {
    expect(normaliseTerm(term)).toBe(expected);
  });
});

describe("processOf", () => {
  it.each([
    // The synonym pairs the issue names.
    ["bubut", "MACHINING_MANUAL"],
    ["turning", "MACHINING_MANUAL"],
    ["manual machining", "MACHINING_MANUAL"],
    ["frais", "MACHINING_MANUAL"],
    ["milling", "MACHINING_MANUAL"],
    ["bubut CNC", "MACHINING_CNC"],
    ["cnc milling", "MACHINING_CNC"],
    ["cor", "CASTING"],
    ["casting", "CASTING"],
    ["pengecoran", "CASTING"],
    ["tempa", "FORGING"],
    ["forging", "FORGING"],
    ["las", "WELDING_FABRICATION"],
    ["welding", "WELDING_FABRICATION"],
    ["cetak plastik", "PLASTIC_INJECTION"],
    ["plastic injection", "PLASTIC_INJECTION"],
    ["injection molding", "PLASTIC_INJECTION"],
    // The enum name itself.
    ["PLASTIC_INJECTION", "PLASTIC_INJECTION"],
    ["machining_cnc", "MACHINING_CNC"],
  ] as const)("%j is %s", (term, expected) => {
    expect(processOf(term)).toBe(expected);
  });

  it.each([
    ["BUBUT", "MACHINING_MANUAL"],
    ["  Bubut! ", "MACHINING_MANUAL"],
    ["Cetak-Plastik ", "PLASTIC_INJECTION"],
    ["Plastic  Injection.", "PLASTIC_INJECTION"],
    ["Pengécoran", "CASTING"],
    ["LAS.", "WELDING_FABRICATION"],
    ["Manual-Machining", "MACHINING_MANUAL"],
  ] as const)("ignores case and punctuation: %j is %s", (term, expected) => {
    expect(processOf(term)).toBe(expected);
  });

  it.each([
    ["jasa bubut presisi", "MACHINING_MANUAL"],
    ["bengkel las listrik", "WELDING_FABRICATION"],
    ["jasa cetak plastik", "PLASTIC_INJECTION"],
    ["bubut cnc presisi", "MACHINING_CNC"],
    // "logam" alone is METAL_PRODUCTS; the casting phrase wins because it is listed earlier.
    ["pengecoran logam", "CASTING"],
    ["industri tempa pisau", "FORGING"],
  ] as const)("finds a known phrase inside %j: %s", (term, expected) => {
    expect(processOf(term)).toBe(expected);
  });

  it.each(["", "   ", "?!", "xyz", "pertanian", "atlas", "corak"])(
    "%j names no process (whole words only)",
    (term) => {
      expect(processOf(term)).toBeNull();
    },
  );

  it("maps every listed synonym to its own process", () => {
    for (const [process, words] of PROCESS_SYNONYMS) {
      for (const word of words) expect(processOf(word), word).toBe(process);
    }
  });

  it("is insensitive to case and surrounding punctuation for every synonym (property)", () => {
    const words = PROCESS_SYNONYMS.flatMap(([process, ws]) => ws.map((w) => [process, w] as const));
    fc.assert(
      fc.property(
        fc.constantFrom(...words),
        fc.boolean(),
        fc.constantFrom("", " ", "-", ".", "  (", "!"),
        fc.constantFrom("", " ", "-", ".", ") ", "?"),
        ([process, word], upper, before, after) => {
          const spelled = (upper ? word.toUpperCase() : word).replace(/ /g, "-");
          expect(processOf(`${before}${spelled}${after}`)).toBe(process);
        },
      ),
    );
  });
});

describe("materialFamily", () => {
  it.each([
    ["besi cor", "cast iron"],
    ["cast iron", "cast iron"],
    ["Besi Cor FC250", "cast iron"],
    ["FC250", "cast iron"],
    ["besi tuang", "cast iron"],
    ["baja", "steel"],
    ["steel", "steel"],
    ["baja s45c", "steel"],
    ["S45C", "steel"],
    ["Baja Karbon", "steel"],
    ["stainless steel", "stainless steel"],
    ["Stainless Steel 304", "stainless steel"],
    ["baja tahan karat", "stainless steel"],
    ["SUS304", "stainless steel"],
    ["aluminium", "aluminium"],
    ["aluminum", "aluminium"],
    ["Alumunium", "aluminium"],
    ["ADC12", "aluminium"],
    ["kuningan", "brass"],
    ["brass", "brass"],
    ["tembaga", "copper"],
    ["kayu jati", "teak"],
  ])("%j is %j", (name, family) => {
    expect(materialFamily(name)).toBe(family);
  });

  it("keeps stainless steel and cast iron apart from plain steel", () => {
    expect(materialFamily("stainless steel")).not.toBe(materialFamily("steel"));
    expect(materialFamily("besi cor")).not.toBe(materialFamily("besi"));
    expect(materialFamily("besi")).toBe("steel");
  });

  it.each([
    ["bambu", "bambu"],
    ["Bambu Petung", "bambu petung"],
    ["  Rotan!! ", "rotan"],
  ])("leaves an unknown name %j as itself, normalised: %j", (name, expected) => {
    expect(materialFamily(name)).toBe(expected);
  });

  it("gives the same answer on repeated calls (cache)", () => {
    expect(materialFamily("Besi Cor FC250")).toBe("cast iron");
    expect(materialFamily("Besi Cor FC250")).toBe("cast iron");
    expect(materialFamily("Bambu")).toBe("bambu");
    expect(materialFamily("Bambu")).toBe("bambu");
  });

  it("maps every listed word to its own family", () => {
    for (const [family, words] of MATERIAL_FAMILIES) {
      expect(materialFamily(family), family).toBe(family);
      for (const word of words) expect(materialFamily(word), word).toBe(family);
    }
  });
});
