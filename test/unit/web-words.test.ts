/**
 * The console's words: Bahasa Indonesia and English have the same keys, and each error code the API
 * can send (src/domain/errors.ts, the one list) has words in both, so no reader sees a bare code.
 */
import { describe, expect, it } from "vitest";
import { CertificationType, Process } from "../../src/domain/enums.js";
import { ErrorCode } from "../../src/domain/errors.js";
import en from "../../src/web/locales/en.json" with { type: "json" };
import id from "../../src/web/locales/id.json" with { type: "json" };
import enBuyer from "../../src/web/locales/en/buyer.json" with { type: "json" };
import enFoundation from "../../src/web/locales/en/foundation.json" with { type: "json" };
import enKoperasi from "../../src/web/locales/en/koperasi.json" with { type: "json" };
import enSupplier from "../../src/web/locales/en/supplier.json" with { type: "json" };
import idBuyer from "../../src/web/locales/id/buyer.json" with { type: "json" };
import idFoundation from "../../src/web/locales/id/foundation.json" with { type: "json" };
import idKoperasi from "../../src/web/locales/id/koperasi.json" with { type: "json" };
import idSupplier from "../../src/web/locales/id/supplier.json" with { type: "json" };

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)).sort();
}

describe("console words", () => {
  it("Bahasa Indonesia and English have the same keys, in every area's file", () => {
    expect(keys(en)).toEqual(keys(id));
    expect(keys(enBuyer)).toEqual(keys(idBuyer));
    expect(keys(enSupplier)).toEqual(keys(idSupplier));
    expect(keys(enFoundation)).toEqual(keys(idFoundation));
    expect(keys(enKoperasi)).toEqual(keys(idKoperasi));
  });

  it("every API error code has words in both languages, besides the console's own network and unknown", () => {
    const codes = Object.values(ErrorCode).sort();
    for (const words of [id.errors, en.errors]) {
      expect(Object.keys(words).filter((k) => k !== "network" && k !== "unknown").sort()).toEqual(codes);
    }
  });

  it("every process family and certificate type has a name in both languages", () => {
    for (const words of [id, en]) {
      expect(Object.keys(words.processes).sort()).toEqual(Object.values(Process).sort());
      expect(Object.keys(words.certifications).sort()).toEqual(Object.values(CertificationType).sort());
    }
  });
});
